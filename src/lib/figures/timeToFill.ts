/** Time-to-fill figures: by month, by department, by person; open seats by age; time to hire. */
import { AGING_BUCKETS, ALL } from '../../../scripts/schema/aggregates.ts';
import { barChart, type Bar } from '../../charts/barChart.ts';
import type { ChartTarget } from '../../charts/target.ts';
import { dotPlot } from '../../charts/dotPlot.ts';
import { lineChart, type LinePoint, type LineSeries } from '../../charts/lineChart.ts';
import { COMPANY_WIDE, FIGURE, SPREAD } from './colors.ts';
import { chartIds, type ChartModel, type TableModel } from '../chartModel.ts';
import { dateLabel, formatCell, formatCount, formatNumber, monthLabel, monthShort, plural } from '../format.ts';
import type { Site } from '../site.ts';
import { chartTarget } from '../retro.ts';
import { capList, moreNote } from './cap.ts';
import { referenceLegend } from './colors.ts';
import { coverageNotes, perMonthBasis, periodLabel, suppressedNote } from './common.ts';

type Fill = Site['a']['timeToFill']['fills'][number];
type Open = Site['a']['timeToFill']['open'][number];

const inDepartment = (department: string) => (department === ALL ? 'overall' : `in ${department}`);
const days = (site: Site, value: number | null) => formatCell(value, 'days', false, site.minGroupSize);

/** Median (and p90) days to fill by month of the fill, with the company-wide median beside a department's. */
export function fillTrend(site: Site, department: string, id = 'fill-trend'): ChartModel {
  const rows = site.a.timeToFill.byMonth
    .filter((r) => r.department === department)
    .sort((a, b) => a.month.localeCompare(b.month));
  const reference = department === ALL ? [] : site.a.timeToFill.byMonth.filter((r) => r.department === ALL);
  // The slowest tenth of one to three fills is one of those fills: p75 and p90 need the evidence minimum.
  const minimumFills = site.a.movements.minimumMedianN;
  const tail = (r: { filled: number }, value: number | null) => (r.filled < minimumFills ? null : value);
  const points: LinePoint[] = [];
  for (const r of rows) {
    points.push({
      month: r.month,
      series: 'Median',
      value: r.median_days,
      title: `${monthShort(r.month)}: median ${days(site, r.median_days)} days (n=${r.filled})`,
    });
    points.push({
      month: r.month,
      series: '90th percentile',
      value: tail(r, r.p90_days),
      title: `${monthShort(r.month)}: p90 ${days(site, r.p90_days)} days (n=${r.filled})`,
    });
  }
  const thin = rows.filter((r) => r.filled > 0 && r.filled < minimumFills).length;
  for (const r of reference) {
    points.push({
      month: r.month,
      series: 'Company-wide median',
      value: r.median_days,
      title: `Company-wide, ${monthShort(r.month)}: median ${days(site, r.median_days)} days`,
    });
  }
  const series: LineSeries[] = [
    { name: 'Median', color: FIGURE },
    { name: '90th percentile', color: SPREAD },
    ...(reference.length ? [{ name: 'Company-wide median', color: COMPANY_WIDE, reference: true }] : []),
  ];
  const empty = rows.filter((r) => r.filled === 0).length;
  return {
    id,
    title: 'Days to fill, by month of the fill',
    description: `Median and 90th-percentile calendar days from opening to filling a requisition ${inDepartment(department)}, by the month it was filled, ${periodLabel(site.a.months)}.`,
    basis: perMonthBasis(
      rows.map((r) => r.filled),
      'filled requisitions',
    ),
    notes: [
      ...(empty ? [`${empty} month${empty === 1 ? '' : 's'} with no fill: a gap in the lines.`] : []),
      ...(thin
        ? [
            `${thin} month${thin === 1 ? '' : 's'} with fewer than ${minimumFills} fills: no 90th percentile there (with so few, it is one of the fills).`,
          ]
        : []),
      ...coverageNotes(site, 'timeToFill'),
    ],
    svg: lineChart({ points, series, months: site.a.months, unit: 'days', yLabel: 'Days to fill' }, chartIds(id)),
    legend: series.map((s) => ({ name: s.name, color: s.color!, dashed: s.reference })),
    table: {
      caption: `Days to fill by month ${inDepartment(department)}`,
      columns: [
        { label: 'Month' },
        { label: 'Filled', numeric: true },
        { label: 'Median days', numeric: true },
        { label: 'p75 days', numeric: true },
        { label: 'p90 days', numeric: true },
      ],
      rows: rows.map((r) => [
        monthLabel(r.month),
        formatCount(r.filled),
        days(site, r.median_days),
        days(site, tail(r, r.p75_days)),
        days(site, tail(r, r.p90_days)),
      ]),
      note: `p75 and p90 are shown on at least ${minimumFills} fills (the CSV has them all).`,
    },
    csv: 'time-to-fill-by-month',
    definitionId: 'daysToFill',
  };
}

type Target = ChartTarget | undefined;

/** "The dotted tick on each bar is its target: Engineering's own ≤ 60 days, the others the company's ≤ 45 days." */
function targetsNote(own: readonly Target[], bars: readonly Bar[], company: Target): string {
  const bare = (t: { label: string }) => t.label.replace(/^target /, '');
  const theirs = bars.flatMap((b, i) =>
    own[i] && own[i]!.value !== company?.value ? [`${b.label}'s own ${bare(own[i]!)}`] : [],
  );
  const rest = company ? `, the others the company's ${bare(company)}` : '';
  return `The dotted tick on each bar is its target: ${theirs.join(', ')}${rest}.`;
}

/** Median days to fill by department in one month, against the company-wide median. */
export function fillByDepartment(site: Site, month: string, id = 'fill-by-department'): ChartModel {
  const rows = site.a.timeToFill.byMonth.filter((r) => r.month === month);
  const all = rows.find((r) => r.department === ALL);
  // The evidence minimum of a median movement (scripts/metrics/movements.ts) serves for the quantiles too.
  const minimumFills = site.a.movements.minimumMedianN;
  const every = site.a.departments.flatMap((d) => rows.filter((r) => r.department === d));
  const { shown: sorted, more } = capList(every, (r) => r.filled);
  const bars: Bar[] = sorted
    .filter((r) => r.median_days !== null)
    .map((r) => ({
      label: r.department,
      value: r.median_days!,
      text: `${formatNumber(r.median_days!, 'days')} (n=${r.filled})`,
      title: `${r.department}: median ${formatNumber(r.median_days!, 'days')} days over ${plural(r.filled, 'fill')}`,
    }));
  const none = every.filter((r) => r.median_days === null).length;
  // The team's targets: one rule when every department has the company's, else a tick on each bar at its own.
  const company = chartTarget(site, 'medianDaysToFill', null);
  const own = bars.map((b) => chartTarget(site, 'medianDaysToFill', b.label));
  const differ = own.some((t) => t && t.value !== company?.value);
  if (differ) bars.forEach((b, i) => (b.target = own[i]?.value));
  const targetNotes = differ ? [targetsNote(own, bars, company)] : company ? [company.note] : [];
  return {
    id,
    title: `Days to fill by department, ${monthLabel(month)}`,
    description: `Median days to fill of the requisitions each department filled in ${monthLabel(month)}${all?.median_days != null ? `; the dashed line is the company-wide median, ${formatNumber(all.median_days, 'days')} days` : ''}. Few fills make a median move a lot: mind the n.`,
    basis: `Rests on ${plural(all?.filled ?? 0, 'filled requisition')} in ${monthLabel(month)}.`,
    notes: [
      ...(none ? [`${plural(none, 'department')} filled nothing in ${monthLabel(month)}.`] : []),
      ...(more ? [moreNote(more, 'departments with the most fills', 'time-to-fill-by-month')] : []),
      ...targetNotes,
    ],
    svg: barChart(
      {
        bars,
        unit: 'days',
        xLabel: 'Median days to fill',
        target: differ ? undefined : company,
        reference:
          all?.median_days != null
            ? { value: all.median_days, label: `All ${formatNumber(all.median_days, 'days')}` }
            : undefined,
      },
      chartIds(id),
    ),
    ...(all?.median_days != null ? { legend: referenceLegend('Median', 'Company-wide median') } : {}),
    table: {
      caption: `Days to fill by department, ${monthLabel(month)}`,
      columns: [
        { label: 'Department' },
        { label: 'Filled', numeric: true },
        { label: 'Median days', numeric: true },
        { label: 'p75 days', numeric: true },
        { label: 'p90 days', numeric: true },
      ],
      rows: [...(all ? [all] : []), ...sorted].map((r) => [
        r.department === ALL ? 'All departments' : r.department,
        formatCount(r.filled),
        days(site, r.median_days),
        // The slowest quarter or tenth of one to three fills is one of those fills: not shown below the minimum.
        r.filled < minimumFills ? '–' : days(site, r.p75_days),
        r.filled < minimumFills ? '–' : days(site, r.p90_days),
      ]),
      note: `p75 and p90 are shown on at least ${minimumFills} fills (the CSV has them all).`,
    },
    csv: 'time-to-fill-by-month',
    definitionId: 'daysToFill',
  };
}

/** Days to fill per hiring manager or recruiter over the whole period: median, with the p75–p90 range. */
export function fillByPerson(
  site: Site,
  role: 'hiringManager' | 'recruiter',
  id = `fill-by-${role}`,
): ChartModel | null {
  const everyone = site.a.timeToFill.byPerson
    .filter((r) => r.role === role)
    .sort((a, b) => a.person.localeCompare(b.person));
  if (!everyone.length) return null;
  const who = role === 'hiringManager' ? 'hiring manager' : 'recruiter';
  const { shown: rows, more } = capList(everyone, (r) => r.filled + r.open);
  const shown = rows.filter((r) => r.median_days !== null);
  const minimumFills = site.a.movements.minimumMedianN;
  const tail = (r: { filled: number }, value: number | null) => (r.filled < minimumFills ? null : value);
  return {
    id,
    title: `Days to fill by ${who}`,
    description: `Median days to fill of each ${who}'s requisitions over ${periodLabel(site.a.months)} (dot); the pale line runs on to the 90th percentile (the slowest tenth of their fills), drawn on at least ${minimumFills} fills. Listed alphabetically, not ranked.`,
    basis: `Rests on ${plural(
      shown.reduce((s, r) => s + r.filled, 0),
      'filled requisition',
    )} of ${plural(shown.length, who)}.`,
    notes: [
      ...(rows.length > shown.length
        ? [`${plural(rows.length - shown.length, who)} with no filled requisition in the period.`]
        : []),
      ...(more ? [moreNote(more, `${who}s with the most requisitions`, 'time-to-fill-by-person')] : []),
    ],
    svg: dotPlot(
      {
        rows: shown.map((r) => ({
          label: r.person,
          value: r.median_days!,
          low: r.median_days,
          high: tail(r, r.p90_days),
          title: `${r.person}: median ${formatNumber(r.median_days!, 'days')} days, p90 ${days(site, tail(r, r.p90_days))} (n=${r.filled})`,
        })),
        unit: 'days',
        xLabel: 'Days to fill',
      },
      chartIds(id),
    ),
    legend: [
      { name: 'Median', color: FIGURE },
      { name: 'On to the 90th percentile', color: SPREAD },
    ],
    table: {
      caption: `Days to fill by ${who}`,
      columns: [
        { label: who[0]!.toUpperCase() + who.slice(1) },
        { label: 'Filled', numeric: true },
        { label: 'Open', numeric: true },
        { label: 'Median days', numeric: true },
        { label: 'p75 days', numeric: true },
        { label: 'p90 days', numeric: true },
      ],
      rows: rows.map((r) => [
        r.person,
        formatCount(r.filled),
        formatCount(r.open),
        days(site, r.median_days),
        days(site, tail(r, r.p75_days)),
        days(site, tail(r, r.p90_days)),
      ]),
      note: `p75 and p90 are shown on at least ${minimumFills} fills (the CSV has them all).`,
    },
    csv: 'time-to-fill-by-person',
    definitionId: 'daysToFill',
  };
}

/** Open requisitions at the as-of date by how long they have been open. */
export function openAging(site: Site, department: string, id = 'open-aging'): ChartModel {
  const rows = site.a.timeToFill.aging.filter((r) => r.department === department);
  const order = [
    ...AGING_BUCKETS.filter((b) => rows.some((r) => r.bucket === b)),
    ...rows.map((r) => r.bucket).filter((b) => !(AGING_BUCKETS as readonly string[]).includes(b)),
  ];
  const sorted = [...new Set(order)].map((b) => rows.find((r) => r.bucket === b)!);
  const total = sorted.reduce((s, r) => s + r.open, 0);
  const bars: Bar[] = sorted.map((r) => ({
    label: `${r.bucket} days`,
    value: r.open,
    text: formatCount(r.open),
    title: `${r.bucket} days open: ${plural(r.open, 'requisition')}`,
  }));
  return {
    id,
    title: 'Open requisitions by days open',
    description: `Requisitions still open ${inDepartment(department)} on ${dateLabel(site.a.asOf)} (on hold included), by calendar days since they were opened.`,
    basis: `${plural(total, 'open requisition')}.`,
    notes: coverageNotes(site, 'openRequisitions'),
    svg: total > 0 ? barChart({ bars, unit: 'count', xLabel: 'Open requisitions' }, chartIds(id)) : null,
    table: {
      caption: `Open requisitions ${inDepartment(department)} by days open`,
      columns: [{ label: 'Days open' }, { label: 'Requisitions', numeric: true }],
      rows: sorted.map((r) => [r.bucket, formatCount(r.open)]),
    },
    csv: 'open-requisitions-by-age',
    definitionId: 'aging',
  };
}

/** Median and p90 days to hire by month of the hire. */
export function hireTrend(site: Site, department: string, id = 'hire-trend'): ChartModel {
  const rows = site.a.timeToFill.timeToHireByMonth
    .filter((r) => r.department === department)
    .sort((a, b) => a.month.localeCompare(b.month));
  const m = site.minGroupSize;
  // The hires are published however few; the days of fewer than minGroupSize hires are hidden (`hidden`).
  const days = (r: (typeof rows)[number]) => r.suppressed || (r.hidden?.includes('median_days') ?? false);
  const points: LinePoint[] = rows.flatMap((r) => [
    {
      month: r.month,
      series: 'Median',
      value: days(r) ? null : r.median_days,
      title: `${monthShort(r.month)}: median ${formatCell(r.median_days, 'days', days(r), m)} days`,
    },
    {
      month: r.month,
      series: '90th percentile',
      value: days(r) ? null : r.p90_days,
      title: `${monthShort(r.month)}: p90 ${formatCell(r.p90_days, 'days', days(r), m)} days`,
    },
  ]);
  const fewHires = rows.filter((r) => !r.suppressed && r.hidden?.length).length;
  const series: LineSeries[] = [
    { name: 'Median', color: FIGURE },
    { name: '90th percentile', color: SPREAD },
  ];
  return {
    id,
    title: 'Days to hire, by month of the hire',
    description: `Median and 90th-percentile calendar days from a hired candidate's application to the hire ${inDepartment(department)}, by month of the hire.`,
    basis: perMonthBasis(
      rows.map((r) => r.hires),
      'hires',
    ),
    notes: [
      ...suppressedNote(rows, 'month', site, 'hires'),
      ...(fewHires
        ? [
            `${plural(fewHires, 'month')} with fewer than ${m} hires ${fewHires === 1 ? 'has its' : 'have their'} days shown as n<${m} in the table and left out of the chart (privacy); the hires themselves are shown.`,
          ]
        : []),
      ...coverageNotes(site, 'timeToHire'),
    ],
    svg: lineChart({ points, series, months: site.a.months, unit: 'days', yLabel: 'Days to hire' }, chartIds(id)),
    legend: series.map((s) => ({ name: s.name, color: s.color! })),
    table: {
      caption: `Days to hire by month ${inDepartment(department)}`,
      columns: [
        { label: 'Month' },
        { label: 'Hires', numeric: true },
        { label: 'Median days', numeric: true },
        { label: 'p90 days', numeric: true },
      ],
      rows: rows.map((r) => [
        monthLabel(r.month),
        formatCell(r.hires, 'count', r, m),
        formatCell(r.median_days, 'days', days(r), m),
        formatCell(r.p90_days, 'days', days(r), m),
      ]),
    },
    csv: 'time-to-hire-by-month',
    definitionId: 'timeToHire',
  };
}

/** The open requisitions themselves (seats, not people), longest open first; at most `limit` rows. */
export function openTable(rows: readonly Open[], caption: string, limit = 100): TableModel {
  const sorted = [...rows].sort(
    (a, b) => b.days_open - a.days_open || a.requisition_id.localeCompare(b.requisition_id),
  );
  return {
    caption,
    columns: [
      { label: 'Requisition' },
      { label: 'Job title' },
      { label: 'Department' },
      { label: 'Hiring manager' },
      { label: 'Recruiter' },
      { label: 'Opened' },
      { label: 'Days open', numeric: true },
      { label: 'Status' },
    ],
    rows: sorted
      .slice(0, limit)
      .map((r) => [
        r.requisition_id,
        r.job_title,
        r.department,
        r.hiring_manager,
        r.recruiter,
        r.opened_on,
        formatNumber(r.days_open, 'days'),
        r.on_hold ? 'on hold' : 'open',
      ]),
    note:
      sorted.length > limit
        ? `Showing the ${limit} longest open of ${formatCount(sorted.length)} requisitions; all are in open-requisitions.csv.`
        : undefined,
  };
}

/** Filled requisitions, latest first; at most `limit` rows. */
export function fillsTable(rows: readonly Fill[], caption: string, limit = 100): TableModel {
  const sorted = [...rows].sort(
    (a, b) => b.filled_on.localeCompare(a.filled_on) || a.requisition_id.localeCompare(b.requisition_id),
  );
  return {
    caption,
    columns: [
      { label: 'Requisition' },
      { label: 'Job title' },
      { label: 'Department' },
      { label: 'Hiring manager' },
      { label: 'Recruiter' },
      { label: 'Opened' },
      { label: 'Filled' },
      { label: 'Days to fill', numeric: true },
    ],
    rows: sorted
      .slice(0, limit)
      .map((r) => [
        r.requisition_id,
        r.job_title,
        r.department,
        r.hiring_manager,
        r.recruiter,
        r.opened_on,
        r.filled_on,
        formatNumber(r.days_to_fill, 'days'),
      ]),
    note:
      sorted.length > limit
        ? `Showing the latest ${limit} of ${formatCount(sorted.length)} fills; all are in time-to-fill.csv.`
        : undefined,
  };
}
