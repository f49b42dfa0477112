/** Rejection figures: reason categories, who rejected, at which stage, and the raw reasons. */
import { ALL } from '../../../scripts/schema/aggregates.ts';
import { barChart, type Bar } from '../../charts/barChart.ts';
import { stackedBar, type StackPart } from '../../charts/stackedBar.ts';
import { chartIds, type ChartModel, type LegendItem } from '../chartModel.ts';
import { formatCell, formatCount, formatNumber, hiddenMark, monthLabel, monthShort, plural } from '../format.ts';
import type { Site } from '../site.ts';
import { REASON_CATEGORIES, REJECTED_BY_KEYS, categoryColor, rejectedByColor, stageColor } from './colors.ts';
import { capList, capTable, moreNote } from './cap.ts';
import { coverageNotes, perMonthBasis, periodLabel, suppressedNote } from './common.ts';

type ShareRow = Site['a']['rejections']['byCategory'][number];

const inDepartment = (department: string) => (department === ALL ? 'overall' : `in ${department}`);
export const reasonLabel = (reason: string) => (reason.trim() === '' ? '(no reason given)' : reason);

interface MixOptions {
  id: string;
  title: string;
  description: string;
  rows: ShareRow[];
  /** Bars: the groups in order, and how a row maps to its group. */
  groups: { key: string; label: string }[];
  groupOf: (row: ShareRow) => string;
  keys: { key: string; label: string; color: string }[];
  csv: string;
  definitionId: string;
  caption: string;
  groupHeader: string;
}

/** Shares of one rollup (category, rejected by, stage), one stacked bar per group. */
function mix(site: Site, o: MixOptions): ChartModel {
  const m = site.minGroupSize;
  const parts: StackPart[] = [];
  const hidden: ShareRow[] = [];
  for (const row of o.rows) {
    const key = o.keys.find((k) => k.key === row.key);
    const group = o.groups.find((g) => g.key === o.groupOf(row));
    if (!key || !group) continue;
    if (row.suppressed) {
      hidden.push(row);
      continue;
    }
    if (row.share === null || row.share === 0) continue;
    parts.push({
      group: group.label,
      key: key.label,
      value: row.share,
      title: `${group.label}, ${key.label}: ${formatNumber(row.share, 'rate')} (${plural(row.rejections ?? 0, 'rejection')})`,
    });
  }
  const cell = (group: string, key: string) => {
    const row = o.rows.find((r) => o.groupOf(r) === group && r.key === key);
    if (!row) return '–';
    if (row.suppressed) return hiddenMark(row, m)!;
    return row.rejections === null
      ? '–'
      : `${formatCount(row.rejections)} (${formatCell(row.share, 'rate', false, m)})`;
  };
  // A group with a hidden part has no n the shown parts could give: null, and the basis says it is left out.
  const totals = o.groups.map((g) => {
    const rows = o.rows.filter((r) => o.groupOf(r) === g.key);
    return rows.some((r) => r.suppressed) ? null : rows.reduce((s, r) => s + (r.rejections ?? 0), 0);
  });
  const usedKeys = o.keys.filter((k) =>
    o.rows.some((r) => r.key === k.key && ((r.rejections ?? 0) > 0 || r.suppressed)),
  );
  const legend: LegendItem[] = usedKeys.map((k) => ({ name: k.label, color: k.color }));
  return {
    id: o.id,
    title: o.title,
    description: o.description,
    basis: perMonthBasis(totals, 'rejections', o.groupHeader.toLowerCase()),
    notes: [
      ...suppressedNote(hidden, 'part', site, 'rejections', 'left out of the bars, which then end short of 100%'),
      ...coverageNotes(site, 'rejections'),
    ],
    svg: stackedBar(
      {
        parts,
        groups: o.groups.map((g) => g.label),
        keys: usedKeys.map((k) => ({ name: k.label, color: k.color })),
        unit: 'rate',
        xLabel: 'Share of rejections',
      },
      chartIds(o.id),
    ),
    legend,
    table: {
      caption: o.caption,
      columns: [{ label: o.groupHeader }, ...usedKeys.map((k) => ({ label: k.label, numeric: true }))],
      rows: o.groups.map((g) => [g.label, ...usedKeys.map((k) => cell(g.key, k.key))]),
    },
    csv: o.csv,
    definitionId: o.definitionId,
  };
}

const monthGroups = (months: readonly string[]) => months.map((month) => ({ key: month, label: monthShort(month) }));

/** Reason categories by month. */
export function categoryMix(
  site: Site,
  department: string,
  months: readonly string[] = recentMonths(site),
  id = 'rejections-by-category',
): ChartModel {
  return mix(site, {
    id,
    title: 'Why candidates were turned down, by month',
    description: `Share of rejections and withdrawals ${inDepartment(department)} in each reason category, by month of the rejection, ${periodLabel(months)}.`,
    rows: site.a.rejections.byCategory.filter((r) => r.department === department && months.includes(r.month)),
    groups: monthGroups(months),
    groupOf: (r) => r.month,
    keys: REASON_CATEGORIES.map((c) => ({ key: c, label: c[0]!.toUpperCase() + c.slice(1), color: categoryColor(c) })),
    csv: 'rejection-categories-by-month',
    definitionId: 'rejectionCategory',
    caption: `Rejections by reason category and month ${inDepartment(department)} (count and share)`,
    groupHeader: 'Month',
  });
}

/** Reason categories by department in one month. */
export function categoryByDepartment(site: Site, month: string, id = 'rejections-category-by-department'): ChartModel {
  const rejections = new Map<string, number>();
  for (const r of site.a.rejections.byCategory)
    if (r.month === month) rejections.set(r.department, (rejections.get(r.department) ?? 0) + (r.rejections ?? 0));
  const { shown, more } = capList(site.a.departments, (d) => rejections.get(d) ?? 0);
  const departments = [ALL, ...shown];
  const chart = mix(site, {
    id,
    title: `Reason categories by department, ${monthLabel(month)}`,
    description: `Share of each department's rejections and withdrawals in ${monthLabel(month)} in each reason category.`,
    rows: site.a.rejections.byCategory.filter((r) => r.month === month && departments.includes(r.department)),
    groups: departments.map((d) => ({ key: d, label: d === ALL ? 'All departments' : d })),
    groupOf: (r) => r.department,
    keys: REASON_CATEGORIES.map((c) => ({ key: c, label: c[0]!.toUpperCase() + c.slice(1), color: categoryColor(c) })),
    csv: 'rejection-categories-by-month',
    definitionId: 'rejectionCategory',
    caption: `Rejections by reason category and department, ${monthLabel(month)} (count and share)`,
    groupHeader: 'Department',
  });
  if (more) chart.notes.push(moreNote(more, 'departments with the most rejections', 'rejection-categories-by-month'));
  return chart;
}

/** The months a by-month stacked chart shows: the last twelve (a bar per month stays readable). */
export const recentMonths = (site: Site, count = 12): string[] => site.a.months.slice(-count);

/** Who ended the application: the company, the candidate, or unknown. */
export function rejectedByMix(
  site: Site,
  department: string,
  months: readonly string[] = recentMonths(site),
  id = 'rejections-by-rejected-by',
): ChartModel {
  const label = (k: string) => (k === 'company' ? 'Company' : k === 'candidate' ? 'Candidate' : 'Unknown');
  return mix(site, {
    id,
    title: 'Who ended it: company or candidate, by month',
    description: `Share of rejections ${inDepartment(department)} decided by the company, and of withdrawals by the candidate, by month, ${periodLabel(months)}.`,
    rows: site.a.rejections.byRejectedBy.filter((r) => r.department === department && months.includes(r.month)),
    groups: monthGroups(months),
    groupOf: (r) => r.month,
    keys: REJECTED_BY_KEYS.map((k) => ({ key: k, label: label(k), color: rejectedByColor(k) })),
    csv: 'rejected-by-by-month',
    definitionId: 'rejectedBy',
    caption: `Rejections by who ended the application and month ${inDepartment(department)} (count and share)`,
    groupHeader: 'Month',
  });
}

/** At which stage applications were turned down. */
export function stageMix(
  site: Site,
  department: string,
  months: readonly string[] = recentMonths(site),
  id = 'rejections-by-stage',
): ChartModel {
  const rows = site.a.rejections.byStage.filter((r) => r.department === department && months.includes(r.month));
  const rejections = new Map<string, number>();
  for (const r of rows) rejections.set(r.key, (rejections.get(r.key) ?? 0) + (r.rejections ?? 0));
  const known = new Set(site.a.stages);
  // With thousands of stages, those with the most rejections are shown, in pipeline order; the bars end short.
  const { shown: stages, more } = capList(
    [...site.a.stages.filter((s) => rejections.has(s)), ...[...rejections.keys()].filter((s) => !known.has(s))],
    (s) => rejections.get(s)!,
  );
  // A stage's colour comes from its place in the whole pipeline (stages outside it after, alphabetical), not
  // from the stages this chart shows: the same stage has the same colour on every page.
  const outside = [...new Set(site.a.rejections.byStage.map((r) => r.key))].filter((s) => !known.has(s)).sort();
  const pipeline = [...site.a.stages, ...outside];
  const chart = mix(site, {
    id,
    title: 'At which stage, by month',
    description: `Share of rejections and withdrawals ${inDepartment(department)} at each stage of the process, by month, ${periodLabel(months)}.`,
    rows,
    groups: monthGroups(months),
    groupOf: (r) => r.month,
    keys: stages.map((s) => ({ key: s, label: s, color: stageColor(pipeline.indexOf(s), pipeline.length) })),
    csv: 'rejection-stages-by-month',
    definitionId: 'rejectionStage',
    caption: `Rejections by stage and month ${inDepartment(department)} (count and share)`,
    groupHeader: 'Month',
  });
  if (more) {
    chart.notes.push(
      `${moreNote(more, 'stages with the most rejections', 'rejection-stages-by-month')} Their parts are left out of the bars, which then end short of 100%.`,
    );
  }
  return chart;
}

/** The raw reasons of one month, most frequent first. */
export function topReasons(
  site: Site,
  month: string,
  department: string,
  limit = 12,
  id = 'rejections-top-reasons',
): ChartModel | null {
  const m = site.minGroupSize;
  // Needs the rollup over stages (stage 'All'); an artifact without rollup rows has no such chart.
  const rows = site.a.rejections.byMonth.filter(
    (r) => r.month === month && r.department === department && r.stage === ALL,
  );
  if (!rows.length) return null;
  const sorted = [...rows].sort(
    (a, b) =>
      (b.rejections ?? -1) - (a.rejections ?? -1) ||
      a.reason.localeCompare(b.reason) ||
      a.rejected_by.localeCompare(b.rejected_by),
  );
  const counted = sorted.filter((r) => !r.suppressed && r.rejections !== null);
  const seen = new Map<string, number>();
  for (const r of counted) seen.set(r.reason, (seen.get(r.reason) ?? 0) + 1);
  const label = (r: (typeof rows)[number]) =>
    seen.get(r.reason)! > 1 ? `${reasonLabel(r.reason)} (${r.rejected_by})` : reasonLabel(r.reason);
  const bars: Bar[] = counted.slice(0, limit).map((r) => ({
    label: label(r),
    value: r.rejections!,
    text: formatCount(r.rejections!),
    title: `${reasonLabel(r.reason)}: ${plural(r.rejections!, 'rejection')} (${r.category}, by ${r.rejected_by})`,
    color: categoryColor(r.category),
  }));
  const total = counted.reduce((s, r) => s + r.rejections!, 0);
  return {
    id,
    title: `Reasons as recorded, ${monthLabel(month)}`,
    description: `The ${Math.min(limit, counted.length)} most frequent rejection reasons ${inDepartment(department)} in ${monthLabel(month)}, as written in the ATS, coloured by their category.`,
    basis: `Rests on ${plural(total, 'rejection')} with a reason shared by at least ${m}.`,
    notes: [
      ...suppressedNote(sorted, 'reason', site, 'rejections'),
      ...(counted.length > limit
        ? [
            `${plural(counted.length - limit, 'less frequent reason')} ${counted.length - limit === 1 ? 'is' : 'are'} not drawn: see the table (and its CSV, which lists every reason).`,
          ]
        : []),
    ],
    svg: barChart({ bars, unit: 'count', xLabel: 'Rejections' }, chartIds(id)),
    legend: [...new Set(counted.slice(0, limit).map((r) => r.category))].map((c) => ({
      name: c[0]!.toUpperCase() + c.slice(1),
      color: categoryColor(c),
    })),
    // Most frequent first already: the first rows are the largest.
    table: capTable(
      {
        caption: `Rejection reasons ${inDepartment(department)}, ${monthLabel(month)}`,
        columns: [
          { label: 'Reason' },
          { label: 'Category' },
          { label: 'Rejected by' },
          { label: 'Rejections', numeric: true },
        ],
        rows: sorted.map((r) => [
          reasonLabel(r.reason),
          r.category,
          r.rejected_by,
          formatCell(r.rejections, 'count', r, m),
        ]),
      },
      'most frequent reasons',
      'rejections-by-month-with-totals',
    ),
    csv: 'rejections-by-month-with-totals',
    definitionId: 'rejectionCategory',
  };
}
