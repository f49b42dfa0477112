/** Funnel figures (only when the exports hold stage events): reached per stage, pass-through by cohort. */
import { ALL } from '../../../scripts/schema/aggregates.ts';
import { barChart, type Bar } from '../../charts/barChart.ts';
import { lineChart, type LinePoint } from '../../charts/lineChart.ts';
import { chartIds, type ChartModel } from '../chartModel.ts';
import { COMPLEMENT_MARK, formatCell, formatCount, formatNumber, monthLabel, monthShort, plural } from '../format.ts';
import type { Site } from '../site.ts';
import { capList, moreNote, otherStagesRow } from './cap.ts';
import { FIGURE } from './colors.ts';
import { coverageNotes, periodLabel, suppressedNote } from './common.ts';

/** Pass-through panels a page shows at most: one small chart per stage, and ten are already a long page. */
const PANEL_LIMIT = 10;

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

/**
 * Pass-through of each stage, by cohort (month of application): a small chart per stage, each on its own
 * axis (four lines in one chart crossed each other at every month, and a stage going on 10% of the time sat
 * flat under those going on 50%). Open cohorts are in the tables, not on the lines: a cohort younger than
 * 90 days has not had time to go on, and its line fell to 0% at the end.
 */
export function passThroughPanels(site: Site, department: string, id = 'funnel-pass-through'): ChartModel[] {
  const rows = rowsFor(site, department);
  if (!rows.length) return [];
  const m = site.minGroupSize;
  const cohorts = [...new Set(rows.map((r) => r.cohort))].sort();
  const stages = [
    ...new Map([...rows].sort((a, b) => a.stage_index - b.stage_index).map((r) => [r.stage, r.stage_index])).keys(),
  ];
  const reached = new Map<string, number>();
  for (const r of rows) reached.set(r.stage, (reached.get(r.stage) ?? 0) + (r.suppressed ? 0 : (r.reached ?? 0)));
  // With more stages, those reached by the most (in pipeline order): a panel each.
  const { shown: passing, more } = capList(stages.slice(0, -1), (s) => reached.get(s) ?? 0, PANEL_LIMIT);
  const last = lastStageIndex(rows);
  const openCohorts = cohorts.filter((c) => rows.some((r) => r.cohort === c && r.open));
  const settled = cohorts.filter((c) => !openCohorts.includes(c));
  return passing.map((stage, i) => {
    const ofStage = rows.filter((r) => r.stage === stage);
    const points: LinePoint[] = ofStage.map((r) => ({
      month: r.cohort,
      series: stage,
      value: r.suppressed || r.open ? null : r.pass_through,
      title: `${monthShort(r.cohort)} cohort, ${stage}: ${passThroughCell(r, last, m)} went on`,
    }));
    const shownN = ofStage.filter((r) => !r.open && !r.suppressed).map((r) => r.reached ?? 0);
    return {
      id: `${id}-${i + 1}`,
      title: `${stage} → next stage`,
      description: `Of the applications ${inDepartment(department)} that reached ${stage}, the share that went on, by cohort, ${periodLabel(settled.length ? settled : cohorts)}.`,
      basis: shownN.length
        ? `Each cohort rests on ${formatCount(Math.min(...shownN))} to ${formatCount(Math.max(...shownN))} applications.`
        : 'No settled cohort to show.',
      notes: [
        ...(openCohorts.length
          ? [`Open cohorts (under 90 days old), in the table only: ${openCohorts.map(monthShort).join(', ')}.`]
          : []),
        ...suppressedNote(ofStage, 'cohort', site, 'applications'),
        ...passThroughNote(ofStage, last),
        ...(i === passing.length - 1 && more
          ? [moreNote(more, 'stages reached by the most applications', 'funnel', PANEL_LIMIT)]
          : []),
      ],
      svg: lineChart(
        {
          points,
          series: [{ name: stage, color: FIGURE }],
          months: cohorts,
          unit: 'rate',
          yLabel: 'Went on',
          compact: true,
        },
        chartIds(`${id}-${i + 1}`),
      ),
      table: {
        caption: `${stage}: pass-through by cohort ${inDepartment(department)}`,
        columns: [{ label: 'Cohort' }, { label: 'Reached', numeric: true }, { label: 'Went on', numeric: true }],
        rows: cohorts.map((c) => {
          const r = ofStage.find((x) => x.cohort === c);
          return [
            `${monthLabel(c)}${openCohorts.includes(c) ? ' (open)' : ''}`,
            r ? formatCell(r.reached, 'count', r, m) : '–',
            r ? passThroughCell(r, last, m) : '–',
          ];
        }),
      },
      csv: 'funnel',
      definitionId: 'passThrough',
    };
  });
}
