/** Funnel figures (only when the exports hold stage events): reached per stage, pass-through by cohort. */
import { ALL } from '../../../scripts/schema/aggregates.ts';
import { barChart, type Bar } from '../../charts/barChart.ts';
import { lineChart, type LinePoint, type LineSeries } from '../../charts/lineChart.ts';
import { SERIES_COUNT, seriesColor } from '../../charts/theme.ts';
import { chartIds, type ChartModel } from '../chartModel.ts';
import { COMPLEMENT_MARK, formatCell, formatCount, formatNumber, monthLabel, monthShort, plural } from '../format.ts';
import type { Site } from '../site.ts';
import { capList, moreNote, otherStagesRow } from './cap.ts';
import { coverageNotes, periodLabel, suppressedNote } from './common.ts';

type FunnelRow = NonNullable<Site['a']['funnel']>[number];

const inDepartment = (department: string) => (department === ALL ? 'overall' : `in ${department}`);

function rowsFor(site: Site, department: string): FunnelRow[] {
  return (site.a.funnel ?? []).filter((r) => r.department === department);
}

/**
 * A pass-through the data step hid: null on a shown row that was reached and is not the last stage (a rate is
 * otherwise null only without applications or on the last stage). It would give back the next stage's hidden
 * figure (pass-through × reached = the applications that went on).
 */
const passThroughHidden = (r: FunnelRow, lastIndex: number) =>
  !r.suppressed && r.pass_through === null && (r.reached ?? 0) > 0 && r.stage_index < lastIndex;

const passThroughCell = (r: FunnelRow, lastIndex: number, m: number) =>
  passThroughHidden(r, lastIndex) ? COMPLEMENT_MARK : formatCell(r.pass_through, 'rate', r, m);

function passThroughNote(rows: readonly FunnelRow[], lastIndex: number): string[] {
  const hidden = rows.filter((r) => passThroughHidden(r, lastIndex)).length;
  return hidden
    ? [
        `${plural(hidden, 'pass-through figure')} ${hidden === 1 ? 'is' : 'are'} shown as hidden: ${hidden === 1 ? 'it' : 'they'} would give back how many went on to a stage hidden for privacy.`,
      ]
    : [];
}

const lastStageIndex = (rows: readonly FunnelRow[]) => Math.max(...rows.map((r) => r.stage_index));

/** The latest cohort that is no longer open (its figures have settled), else the latest cohort. */
export function settledCohort(site: Site, department: string): { cohort: string; open: boolean } | null {
  const rows = rowsFor(site, department);
  const cohorts = [...new Set(rows.map((r) => r.cohort))].sort();
  const closed = cohorts.filter((c) => rows.some((r) => r.cohort === c && !r.open));
  const cohort = closed.at(-1) ?? cohorts.at(-1);
  return cohort ? { cohort, open: !closed.length } : null;
}

/** How many applications of one cohort reached each stage. */
export function funnelStages(site: Site, department: string, id = 'funnel-stages'): ChartModel | null {
  const settled = settledCohort(site, department);
  if (!settled) return null;
  const m = site.minGroupSize;
  const every = rowsFor(site, department)
    .filter((r) => r.cohort === settled.cohort)
    .sort((a, b) => a.stage_index - b.stage_index);
  // An ATS with a pipeline per job has thousands of stages: the most reached are shown, in pipeline order.
  const { shown: rows, more } = capList(every, (r) => r.reached ?? 0);
  const bars: Bar[] = rows
    .filter((r) => !r.suppressed && r.reached !== null)
    .map((r) => ({
      label: r.stage,
      value: r.reached!,
      text: formatCount(r.reached!),
      title: `${r.stage}: ${plural(r.reached!, 'application')} reached${r.pass_through !== null ? `, ${formatNumber(r.pass_through, 'rate')} went on` : ''}`,
    }));
  const first = every[0]?.reached ?? 0;
  return {
    id,
    title: `Applications reaching each stage, ${monthLabel(settled.cohort)} cohort`,
    description: `Of the applications ${inDepartment(department)} received in ${monthLabel(settled.cohort)}, how many ever entered each stage.${settled.open ? ' This cohort is younger than 90 days: its figures will still move.' : ''}`,
    basis: `Rests on ${plural(first, 'application')} in the cohort.`,
    notes: [
      ...suppressedNote(rows, 'stage', site, 'applications'),
      ...passThroughNote(rows, lastStageIndex(rowsFor(site, department))),
      ...(more ? [moreNote(more, 'stages reached by the most applications', 'funnel')] : []),
      ...coverageNotes(site, 'funnel'),
    ],
    svg: barChart({ bars, unit: 'count', xLabel: 'Applications' }, chartIds(id)),
    table: {
      caption: `Funnel of the ${monthLabel(settled.cohort)} cohort ${inDepartment(department)}`,
      columns: [
        { label: 'Stage' },
        { label: 'Reached', numeric: true },
        { label: 'Went on to the next stage', numeric: true },
        { label: 'Median days in stage', numeric: true },
      ],
      rows: [
        ...rows.map((r) => [
          r.stage,
          formatCell(r.reached, 'count', r, m),
          passThroughCell(r, lastStageIndex(every), m),
          formatCell(r.median_days_in_stage, 'days', r, m),
        ]),
        ...(more ? [otherStagesRow(more, 'funnel', 4)] : []),
      ],
    },
    csv: 'funnel',
    definitionId: 'funnel',
  };
}

/** Pass-through of each stage, by cohort (month of application). */
export function passThroughTrend(site: Site, department: string, id = 'funnel-pass-through'): ChartModel | null {
  const rows = rowsFor(site, department);
  if (!rows.length) return null;
  const m = site.minGroupSize;
  const cohorts = [...new Set(rows.map((r) => r.cohort))].sort();
  const stages = [
    ...new Map(rows.sort((a, b) => a.stage_index - b.stage_index).map((r) => [r.stage, r.stage_index])).keys(),
  ];
  const reached = new Map<string, number>();
  for (const r of rows) reached.set(r.stage, (reached.get(r.stage) ?? 0) + (r.suppressed ? 0 : (r.reached ?? 0)));
  // One line per stage, each its own colour: with more stages, those reached by the most (in pipeline order).
  const { shown: passing, more } = capList(stages.slice(0, -1), (s) => reached.get(s) ?? 0, SERIES_COUNT);
  const last = lastStageIndex(rows);
  const drawn = new Set(passing);
  const shownRows = rows.filter((r) => drawn.has(r.stage));
  const series: LineSeries[] = passing.map((s, i) => ({ name: `${s} → next`, color: seriesColor(i) }));
  const points: LinePoint[] = shownRows.map((r) => ({
    month: r.cohort,
    series: `${r.stage} → next`,
    value: r.suppressed ? null : r.pass_through,
    title: `${monthShort(r.cohort)} cohort, ${r.stage}: ${passThroughCell(r, last, m)} went on${r.open ? ' (cohort still open)' : ''}`,
  }));
  const openCohorts = cohorts.filter((c) => rows.some((r) => r.cohort === c && r.open));
  return {
    id,
    title: 'Pass-through by stage, by cohort',
    description: `Share of the applications that reached a stage and went on to the next one, by month of application ${inDepartment(department)}, ${periodLabel(cohorts)}.`,
    basis: `Each cohort rests on the applications that reached each stage (in the table).`,
    notes: [
      ...(openCohorts.length
        ? [`Still open (younger than 90 days, figures will move): ${openCohorts.map(monthShort).join(', ')}.`]
        : []),
      ...suppressedNote(shownRows, 'cohort stage', site, 'applications'),
      ...passThroughNote(shownRows, last),
      ...(more ? [moreNote(more, 'stages reached by the most applications', 'funnel', SERIES_COUNT)] : []),
    ],
    svg: lineChart(
      { points, series, months: cohorts, unit: 'rate', yLabel: 'Went on to the next stage' },
      chartIds(id),
    ),
    legend: series.map((s) => ({ name: s.name, color: s.color! })),
    table: {
      caption: `Pass-through by stage and cohort ${inDepartment(department)}`,
      columns: [{ label: 'Cohort' }, ...passing.map((s) => ({ label: s, numeric: true }))],
      rows: cohorts.map((c) => [
        `${monthLabel(c)}${openCohorts.includes(c) ? ' (open)' : ''}`,
        ...passing.map((s) => {
          const r = shownRows.find((x) => x.cohort === c && x.stage === s);
          return r ? passThroughCell(r, last, m) : '–';
        }),
      ]),
    },
    csv: 'funnel',
    definitionId: 'passThrough',
  };
}
