/** Feedback figures: on time and submitted by month, by department, by stage; recommendations; outstanding. */
import { ALL, OUTSTANDING_BUCKETS } from '../../../scripts/schema/aggregates.ts';
import { barChart, type Bar } from '../../charts/barChart.ts';
import { dotPlot } from '../../charts/dotPlot.ts';
import { lineChart, type LinePoint, type LineSeries } from '../../charts/lineChart.ts';
import { stackedBar, type StackPart } from '../../charts/stackedBar.ts';
import { absentFigure, absentText } from '../absent.ts';
import { chartIds, type ChartModel } from '../chartModel.ts';
import {
  formatCell,
  formatCount,
  formatNumber,
  hiddenMark,
  monthLabel,
  monthShort,
  plural,
  type Hidden,
} from '../format.ts';
import type { Site } from '../site.ts';
import { COMPANY_WIDE, FIGURE, RECOMMENDATIONS, referenceLegend, SECOND } from './colors.ts';
import { capList, moreNote, otherStagesRow } from './cap.ts';
import { chartTarget } from '../retro.ts';
import { coverageNotes, perMonthBasis, periodLabel, suppressedNote } from './common.ts';

type FeedbackRow = Site['a']['feedback']['byMonth'][number];

const inDepartment = (department: string) => (department === ALL ? 'overall' : `in ${department}`);

function rowsFor(site: Site, department: string, stage = ALL): FeedbackRow[] {
  return site.a.feedback.byMonth
    .filter((r) => r.department === department && r.stage === stage)
    .sort((a, b) => a.month.localeCompare(b.month));
}

const rate = (site: Site, value: number | null, hidden: Hidden) => formatCell(value, 'rate', hidden, site.minGroupSize);
const hours = (site: Site, value: number | null, hidden: Hidden) =>
  formatCell(value, 'hours', hidden, site.minGroupSize);
const count = (site: Site, value: number | null, hidden: Hidden) =>
  formatCell(value, 'count', hidden, site.minGroupSize);

/** On-time and submission rates by month (a department's, with the company-wide on-time rate beside it). */
export function feedbackTrend(site: Site, department: string, id = 'feedback-trend'): ChartModel {
  const rows = rowsFor(site, department);
  const reference = department === ALL ? [] : rowsFor(site, ALL);
  const points: LinePoint[] = [];
  const sla = site.a.settings.feedbackSlaHours;
  for (const r of rows) {
    const n = r.suppressed ? `n ${hiddenMark(r, site.minGroupSize)}` : `n=${formatCount(r.slots ?? 0)}`;
    points.push({
      month: r.month,
      series: 'On time',
      value: r.suppressed ? null : r.on_time_rate,
      title: `On time, ${monthShort(r.month)}: ${rate(site, r.on_time_rate, r)} (${n})`,
    });
    points.push({
      month: r.month,
      series: 'Submitted',
      value: r.suppressed ? null : r.submission_rate,
      title: `Submitted, ${monthShort(r.month)}: ${rate(site, r.submission_rate, r)} (${n})`,
    });
  }
  for (const r of reference) {
    points.push({
      month: r.month,
      series: 'Company-wide on time',
      value: r.suppressed ? null : r.on_time_rate,
      title: `Company-wide on time, ${monthShort(r.month)}: ${rate(site, r.on_time_rate, r)}`,
    });
  }
  const series: LineSeries[] = [
    { name: 'On time', color: FIGURE },
    { name: 'Submitted', color: SECOND },
    ...(reference.length ? [{ name: 'Company-wide on time', color: COMPANY_WIDE, reference: true }] : []),
  ];
  const months = site.a.months;
  return {
    id,
    title: `Feedback on time and submitted, by month`,
    description: `Share of feedback slots ${inDepartment(department)} submitted within ${sla} hours of the interview (on time), and share submitted at all, by month of the interview, ${periodLabel(months)}.`,
    basis: perMonthBasis(
      rows.map((r) => r.slots),
      'feedback slots',
    ),
    notes: [...suppressedNote(rows, 'month', site, 'feedback slots'), ...coverageNotes(site, 'feedback')],
    svg: lineChart({ points, series, months, unit: 'rate', yLabel: 'Share of slots' }, chartIds(id)),
    legend: series.map((s) => ({ name: s.name, color: s.color!, dashed: s.reference })),
    table: {
      caption: `Feedback by month ${inDepartment(department)}`,
      columns: [
        { label: 'Month' },
        { label: 'Slots', numeric: true },
        { label: 'Due', numeric: true },
        { label: 'Submitted', numeric: true },
        { label: 'On time', numeric: true },
        { label: 'Submitted %', numeric: true },
        { label: 'On time %', numeric: true },
        { label: 'Median hours', numeric: true },
        { label: 'p90 hours', numeric: true },
      ],
      rows: rows.map((r) => [
        monthLabel(r.month),
        count(site, r.slots, r),
        count(site, r.due, r),
        count(site, r.submitted, r),
        count(site, r.on_time, r),
        rate(site, r.submission_rate, r),
        rate(site, r.on_time_rate, r),
        hours(site, r.median_hours, r),
        hours(site, r.p90_hours, r),
      ]),
    },
    csv: 'feedback-by-month-with-totals',
    definitionId: 'feedbackOnTimeRate',
  };
}

/** On-time rate by department in one month, against the company-wide rate. */
export function feedbackByDepartment(site: Site, month: string, id = 'feedback-by-department'): ChartModel {
  const rows = site.a.feedback.byMonth.filter((r) => r.month === month && r.stage === ALL && r.department !== ALL);
  const all = site.a.feedback.byMonth.find((r) => r.month === month && r.stage === ALL && r.department === ALL);
  const order = site.a.departments.filter((d) => rows.some((r) => r.department === d));
  const { shown: sorted, more } = capList(
    order.map((d) => rows.find((r) => r.department === d)!),
    (r) => r.slots ?? 0,
  );
  const bars: Bar[] = sorted
    .filter((r) => !r.suppressed && r.on_time_rate !== null)
    .map((r) => ({
      label: r.department,
      value: r.on_time_rate!,
      text: formatNumber(r.on_time_rate!, 'rate'),
      title: `${r.department}: ${formatNumber(r.on_time_rate!, 'rate')} on time (n=${formatCount(r.slots ?? 0)})`,
    }));
  const target = chartTarget(site, 'feedbackOnTimeRate', null);
  return {
    id,
    title: `Feedback on time by department, ${monthLabel(month)}`,
    description: `Share of each department's feedback slots in ${monthLabel(month)} submitted within ${site.a.settings.feedbackSlaHours} hours${all?.on_time_rate != null ? `; the dashed line is the company-wide rate, ${formatNumber(all.on_time_rate, 'rate')}` : ''}.`,
    basis:
      all && !all.suppressed
        ? `Rests on ${plural(all.slots ?? 0, 'feedback slot')} in ${monthLabel(month)}.`
        : `No company-wide figure for ${monthLabel(month)}.`,
    notes: [
      ...suppressedNote(sorted, 'department', site, 'feedback slots'),
      ...(more ? [moreNote(more, 'departments with the most feedback slots', 'feedback-by-month-with-totals')] : []),
      ...(target ? [target.note] : []),
    ],
    svg: barChart(
      {
        bars,
        unit: 'rate',
        xLabel: 'On time',
        reference:
          all && !all.suppressed && all.on_time_rate !== null
            ? { value: all.on_time_rate, label: `All ${formatNumber(all.on_time_rate, 'rate')}` }
            : undefined,
        target,
      },
      chartIds(id),
    ),
    ...(all && !all.suppressed && all.on_time_rate !== null
      ? { legend: referenceLegend('On time', 'Company-wide on time') }
      : {}),
    table: {
      caption: `Feedback by department, ${monthLabel(month)}`,
      columns: [
        { label: 'Department' },
        { label: 'Slots', numeric: true },
        { label: 'On time %', numeric: true },
        { label: 'Submitted %', numeric: true },
        { label: 'Median hours', numeric: true },
      ],
      rows: [...(all ? [all] : []), ...sorted].map((r) => [
        r.department === ALL ? 'All departments' : r.department,
        count(site, r.slots, r),
        rate(site, r.on_time_rate, r),
        rate(site, r.submission_rate, r),
        hours(site, r.median_hours, r),
      ]),
    },
    csv: 'feedback-by-month-with-totals',
    definitionId: 'feedbackOnTimeRate',
  };
}

/**
 * Feedback on time by interview stage in one month: the share within the deadline, each stage's median hours
 * beside its name. (Medians drawn against the deadline hid that a stage at a median of 7.5 h was on time only
 * 63.5% of the time: the slow tail is what misses it.)
 */
export function feedbackHoursByStage(
  site: Site,
  month: string,
  department: string,
  id = 'feedback-hours-by-stage',
): ChartModel {
  const rows = site.a.feedback.byMonth.filter(
    (r) => r.month === month && r.department === department && r.stage !== ALL,
  );
  const all = site.a.feedback.byMonth.find((r) => r.month === month && r.department === department && r.stage === ALL);
  const order = [
    ...site.a.stages.filter((s) => rows.some((r) => r.stage === s)),
    ...rows.map((r) => r.stage).filter((s) => !site.a.stages.includes(s)),
  ];
  // With thousands of stages, those with the most feedback slots are shown, in pipeline order.
  const { shown: sorted, more } = capList(
    [...new Set(order)].map((s) => rows.find((r) => r.stage === s)!),
    (r) => r.slots ?? 0,
  );
  const sla = site.a.settings.feedbackSlaHours;
  const bars: Bar[] = sorted
    .filter((r) => !r.suppressed && r.on_time_rate !== null)
    .map((r) => ({
      label: r.median_hours === null ? r.stage : `${r.stage} (${formatNumber(r.median_hours, 'hours')} h)`,
      value: r.on_time_rate!,
      text: formatNumber(r.on_time_rate!, 'rate'),
      title: `${r.stage}: ${formatNumber(r.on_time_rate!, 'rate')} on time; median ${hours(site, r.median_hours, false)} h, p90 ${hours(site, r.p90_hours, false)} h (n=${formatCount(r.slots ?? 0)} slots)`,
    }));
  const reference =
    all && !all.suppressed && all.on_time_rate !== null
      ? { value: all.on_time_rate, label: `All ${formatNumber(all.on_time_rate, 'rate')}` }
      : undefined;
  return {
    id,
    title: `Feedback on time by stage, ${monthLabel(month)}`,
    description: `Share of each interview stage's feedback slots ${inDepartment(department)}, ${monthLabel(month)}, submitted within the ${sla}-hour deadline, with the stage's median hours to feedback in brackets${reference ? `; the dashed line is the rate of all stages, ${reference.label.slice(4)}` : ''}. A median well inside the deadline can hide a slow tail that misses it.`,
    basis: `Rests on the ${plural(
      sorted.reduce((s, r) => s + (r.slots ?? 0), 0),
      'feedback slot',
    )} of ${monthLabel(month)} (shown stages).`,
    notes: [
      ...suppressedNote(sorted, 'stage', site, 'feedback slots'),
      ...(more ? [moreNote(more, 'stages with the most feedback slots', 'feedback-by-month-with-totals')] : []),
    ],
    svg: barChart({ bars, unit: 'rate', xLabel: `On time (within ${sla} h)`, reference }, chartIds(id)),
    ...(reference ? { legend: referenceLegend('On time', 'All stages') } : {}),
    table: {
      caption: `Feedback by stage, ${monthLabel(month)}`,
      columns: [
        { label: 'Stage' },
        { label: 'Slots', numeric: true },
        { label: 'Submitted', numeric: true },
        { label: 'Median hours', numeric: true },
        { label: 'p90 hours', numeric: true },
        { label: 'On time %', numeric: true },
      ],
      rows: [
        ...sorted.map((r) => [
          r.stage,
          count(site, r.slots, r),
          count(site, r.submitted, r),
          hours(site, r.median_hours, r),
          hours(site, r.p90_hours, r),
          rate(site, r.on_time_rate, r),
        ]),
        ...(more ? [otherStagesRow(more, 'feedback-by-month-with-totals', 6)] : []),
      ],
    },
    csv: 'feedback-by-month-with-totals',
    definitionId: 'feedbackOnTimeRate',
  };
}

/** The recommendations interviewers gave, by month (counts). */
export function recommendationMix(site: Site, department: string, id = 'feedback-recommendations'): ChartModel {
  // Without a recommendation column the mix is not known: "–" and why, never months of zeros.
  const noMix = absentFigure(site.a, 'recommendations');
  const recent = new Set(site.a.months.slice(-12));
  const rows = rowsFor(site, department).filter((r) => recent.has(r.month));
  const groups = rows.map((r) => monthShort(r.month));
  const parts: StackPart[] = rows.flatMap((r) =>
    r.suppressed || noMix
      ? []
      : RECOMMENDATIONS.map((rec) => ({
          group: monthShort(r.month),
          key: rec.label,
          value: r[rec.key] ?? 0,
          title: `${monthShort(r.month)}, ${rec.label}: ${formatCount(r[rec.key] ?? 0)}`,
        })),
  );
  return {
    id,
    title: 'Recommendations by month',
    description: `How many submitted feedback forms ${inDepartment(department)} recommended strong yes, yes, no, strong no or no decision, by month of the interview, ${periodLabel([...recent])}.`,
    basis: perMonthBasis(
      rows.map((r) => r.submitted),
      'submitted feedback slots',
    ),
    notes: suppressedNote(rows, 'month', site, 'feedback slots'),
    svg: stackedBar(
      {
        parts,
        groups,
        keys: RECOMMENDATIONS.map((r) => ({ name: r.label, color: r.color })),
        unit: 'count',
        xLabel: 'Submitted feedback',
      },
      chartIds(id),
    ),
    legend: RECOMMENDATIONS.map((r) => ({ name: r.label, color: r.color })),
    table: {
      caption: `Recommendations by month ${inDepartment(department)}`,
      columns: [{ label: 'Month' }, ...RECOMMENDATIONS.map((r) => ({ label: r.label, numeric: true }))],
      rows: rows.map((r) => [
        monthLabel(r.month),
        ...RECOMMENDATIONS.map((rec) => (noMix ? '–' : count(site, r[rec.key], r))),
      ]),
      ...(noMix ? { note: `Figures shown as –: ${absentText(noMix)}.` } : {}),
    },
    csv: 'feedback-by-month-with-totals',
    definitionId: 'feedbackSlots',
  };
}

/** Feedback still missing at the as-of date, by how long overdue. */
export function outstandingFeedback(site: Site, department: string, id = 'feedback-outstanding'): ChartModel {
  const rows = site.a.feedback.outstanding.filter((r) => r.department === department);
  const order = [
    ...OUTSTANDING_BUCKETS.filter((b) => rows.some((r) => r.bucket === b)),
    ...rows.map((r) => r.bucket).filter((b) => !(OUTSTANDING_BUCKETS as readonly string[]).includes(b)),
  ];
  const sorted = [...new Set(order)].map((b) => rows.find((r) => r.bucket === b)!);
  const bars: Bar[] = sorted
    .filter((r) => !r.suppressed && r.slots !== null)
    .map((r) => ({
      label: r.bucket,
      value: r.slots!,
      text: formatCount(r.slots!),
      title: `${r.bucket} overdue: ${formatCount(r.slots!)} slots`,
    }));
  const total = sorted.reduce((s, r) => s + (r.slots ?? 0), 0);
  return {
    id,
    title: 'Feedback still missing, by days overdue',
    description: `Feedback slots ${inDepartment(department)} with no feedback at the as-of date, by time since the feedback was due.`,
    basis: `${plural(total, 'slot')} without feedback${sorted.some((r) => r.suppressed) ? ' (not counting the suppressed groups)' : ''}.`,
    notes: suppressedNote(sorted, 'group', site, 'feedback slots'),
    svg: barChart({ bars, unit: 'count', xLabel: 'Slots without feedback' }, chartIds(id)),
    table: {
      caption: `Feedback still missing ${inDepartment(department)}, by days overdue`,
      columns: [{ label: 'Overdue by' }, { label: 'Slots', numeric: true }],
      rows: sorted.map((r) => [r.bucket, count(site, r.slots, r)]),
    },
    csv: 'feedback-outstanding',
    definitionId: 'outstandingFeedback',
  };
}

/** Hiring managers' (and, when the team opted in, interviewers') own feedback: on-time rate per person. */
export function feedbackByPerson(
  site: Site,
  role: 'hiringManager' | 'interviewer',
  id = `feedback-by-${role}`,
): ChartModel | null {
  const everyone = site.a.feedback.byPerson
    .filter((r) => r.role === role)
    .sort((a, b) => a.person.localeCompare(b.person));
  if (!everyone.length) return null;
  const who = role === 'hiringManager' ? 'hiring manager' : 'interviewer';
  const { shown: rows, more } = capList(everyone, (r) => r.slots ?? 0);
  const shown = rows.filter((r) => !r.suppressed && r.on_time_rate !== null);
  const target = chartTarget(site, 'feedbackOnTimeRate', null);
  return {
    id,
    title: `Feedback on time by ${who}`,
    description: `Share of each ${who}'s own feedback slots submitted within ${site.a.settings.feedbackSlaHours} hours, over ${periodLabel(site.a.months)}. Listed alphabetically, not ranked.`,
    basis: `Rests on ${plural(
      shown.reduce((s, r) => s + (r.slots ?? 0), 0),
      'feedback slot',
    )} of ${plural(shown.length, who)}.`,
    notes: [
      ...suppressedNote(rows, who, site, 'feedback slots'),
      ...(more ? [moreNote(more, `${who}s with the most feedback slots`, 'feedback-by-person')] : []),
      ...(target ? [target.note] : []),
    ],
    svg: dotPlot(
      {
        rows: shown.map((r) => ({
          label: r.person,
          value: r.on_time_rate!,
          title: `${r.person}: ${formatNumber(r.on_time_rate!, 'rate')} on time, median ${hours(site, r.median_hours, false)} h (n=${formatCount(r.slots ?? 0)})`,
        })),
        unit: 'rate',
        xLabel: 'On time',
        target,
      },
      chartIds(id),
    ),
    table: {
      caption: `Feedback by ${who}`,
      columns: [
        { label: who[0]!.toUpperCase() + who.slice(1) },
        { label: 'Slots', numeric: true },
        { label: 'Submitted', numeric: true },
        { label: 'On time %', numeric: true },
        { label: 'Median hours', numeric: true },
      ],
      rows: rows.map((r) => [
        r.person,
        count(site, r.slots, r),
        count(site, r.submitted, r),
        rate(site, r.on_time_rate, r),
        hours(site, r.median_hours, r),
      ]),
    },
    csv: 'feedback-by-person',
    definitionId: 'hiringManagerFeedback',
  };
}
