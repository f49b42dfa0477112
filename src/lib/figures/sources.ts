/**
 * Sources and offers on the retrospective (`scripts/metrics/sources.ts` computes them): applications, those
 * past the first stage and hires by source for the month; offers by quarter; why offers were declined; each
 * hiring manager's own recommendations. Null where the export has nothing to tell them.
 */
import type { Aggregates } from '../../../scripts/schema/aggregates.ts';
import { quarterOf } from '../../../scripts/time.ts';
import { barChart, type Bar } from '../../charts/barChart.ts';
import { absentFigure, absentText } from '../absent.ts';
import { chartIds, type ChartModel } from '../chartModel.ts';
import { formatCount, formatValue, hiddenMark, monthLabel, plural } from '../format.ts';
import type { Site } from '../site.ts';
import { capTable } from './cap.ts';
import { FIGURE } from './colors.ts';

type Row = { suppressed: boolean; complementary?: true; hidden?: string[] };

/** A count as a cell: the count, or the mark of a hidden figure (a complement's where the row has one). */
function countCell(row: Row, field: string, value: number | null, site: Site): string {
  const hidden = row.suppressed || (row.hidden?.includes(field) ?? false) || value === null;
  if (!hidden) return formatCount(value!);
  return hiddenMark({ suppressed: true, complementary: row.complementary }, site.minGroupSize) ?? '–';
}

const hiddenRows = (rows: readonly Row[]) => rows.filter((r) => r.suppressed || r.hidden?.length).length;
const hiddenNote = (count: number, what: string) =>
  count
    ? [
        `${plural(count, what)} ${count === 1 ? 'has' : 'have'} figures hidden for privacy (fewer than the minimum group size, or beside such a figure).`,
      ]
    : [];

/** `Q4 2026`. */
const quarterLabel = (quarter: string) => `${quarter.slice(5)} ${quarter.slice(0, 4)}`;

/** The month's applications by source, drawn as bars, with those past the first stage and the month's hires. */
export function sourcesOfMonth(site: Site, month: string, id = 'retro-sources'): ChartModel | null {
  const rows = (site.a.sources ?? []).filter((r) => r.month === month);
  if (!rows.length) return null;
  const sorted = [...rows].sort(
    (x, y) => (y.applications ?? -1) - (x.applications ?? -1) || x.source.localeCompare(y.source),
  );
  const bars: Bar[] = sorted
    .filter((r) => r.applications !== null && r.applications > 0)
    .map((r) => ({
      label: r.source,
      value: r.applications!,
      text: formatCount(r.applications!),
      title: `${r.source}: ${plural(r.applications!, 'application')} in ${monthLabel(month)}`,
      color: FIGURE,
    }));
  const total = bars.reduce((s, b) => s + b.value, 0);
  // Without hired_at the month's hires are not known: "–" and why, never a count hidden as small.
  const noHires = absentFigure(site.a, 'hires');
  const advancedShare = (r: NonNullable<Aggregates['sources']>[number]) =>
    r.advanced !== null && r.applications ? formatValue(r.advanced / r.applications, 'rate') : '–';
  return {
    id,
    title: `Sources, ${monthLabel(month)}`,
    description: `Applications made in ${monthLabel(month)} by source; the table adds how many of them have gone past the first stage so far, and the hires of the month from each source.`,
    basis: `Rests on ${plural(total, 'application')} with a source shown. Applications of a recent month are still moving on: their share past the first stage grows.`,
    notes: hiddenNote(hiddenRows(rows), 'source'),
    svg: barChart({ bars, unit: 'count', xLabel: 'Applications' }, chartIds(id)),
    table: capTable(
      {
        caption: `Applications, those past the first stage, and hires by source, ${monthLabel(month)}`,
        columns: [
          { label: 'Source' },
          { label: 'Applications', numeric: true },
          { label: 'Past the first stage', numeric: true },
          { label: 'Share', numeric: true },
          { label: 'Hires in the month', numeric: true },
        ],
        rows: sorted.map((r) => [
          r.source,
          countCell(r, 'applications', r.applications, site),
          countCell(r, 'advanced', r.advanced, site),
          advancedShare(r),
          noHires ? '–' : countCell(r, 'hires', r.hires, site),
        ]),
        ...(noHires ? { note: `Hires in the month shown as –: ${absentText(noHires)}.` } : {}),
      },
      'sources (most applications first)',
      'sources-by-month',
    ),
    csv: 'sources-by-month',
  };
}

/** Offers by quarter, the month's quarter and up to three before it: accepted drawn, the outcomes in the table. */
export function offersByQuarter(site: Site, month: string, id = 'retro-offers'): ChartModel | null {
  const offers = site.a.offers;
  if (!offers) return null;
  const quarter = quarterOf(month);
  const rows = offers.byQuarter.filter((r) => r.quarter <= quarter).slice(-4);
  if (!rows.length) return null;
  const bars: Bar[] = rows
    .filter((r) => r.accepted !== null)
    .map((r) => ({
      label: quarterLabel(r.quarter),
      value: r.accepted!,
      text: formatCount(r.accepted!),
      title: `${quarterLabel(r.quarter)}: ${plural(r.accepted!, 'offer')} accepted`,
      color: FIGURE,
    }));
  return {
    id,
    title: `Offers, the four quarters to ${quarterLabel(quarter)}`,
    description:
      'Offers made each quarter (an application entered an offer stage) and what became of them: accepted (hired), declined by the candidate, or the rest (turned down by the company, or still open). The bars are the offers accepted.',
    basis: `Quarters, not months: a month's offers are a handful. ${quarterLabel(quarter)} is still open while its months are.`,
    notes: hiddenNote(hiddenRows(rows), 'quarter'),
    svg: barChart({ bars, unit: 'count', xLabel: 'Offers accepted' }, chartIds(id)),
    table: {
      caption: 'Offers made, accepted, declined and the rest, by quarter',
      columns: [
        { label: 'Quarter' },
        { label: 'Made', numeric: true },
        { label: 'Accepted', numeric: true },
        { label: 'Declined', numeric: true },
        { label: 'Other', numeric: true },
      ],
      rows: rows.map((r) => [
        quarterLabel(r.quarter),
        countCell(r, 'made', r.made, site),
        countCell(r, 'accepted', r.accepted, site),
        countCell(r, 'declined', r.declined, site),
        countCell(r, 'other', r.other, site),
      ]),
    },
    csv: 'offers-by-quarter',
  };
}

/** Why candidates declined offers, over the one 12-month window the data step publishes. */
export function offerDeclines(site: Site, id = 'retro-declines'): ChartModel | null {
  const d = site.a.offers?.declines;
  // Shown wherever there are offers, with no declines too: none declined is worth saying.
  if (!d) return null;
  const period = `${monthLabel(d.fromMonth)} – ${monthLabel(d.toMonth)}`;
  const bars: Bar[] = d.reasons
    .filter((r) => r.declines !== null && r.declines > 0)
    .map((r) => ({
      label: r.reason,
      value: r.declines!,
      text: formatCount(r.declines!),
      title: `${r.reason}: ${plural(r.declines!, 'offer')} declined`,
      color: FIGURE,
    }));
  return {
    id,
    title: 'Offers declined, and why',
    description: `The reasons recorded when a candidate declined an offer made ${period}, most frequent first.`,
    basis: d.suppressed
      ? `Fewer than ${site.minGroupSize} offers declined ${period}: hidden for privacy.`
      : `Rests on ${plural(d.declined ?? 0, 'offer')} declined, ${period}.`,
    notes: hiddenNote(d.reasons.filter((r) => r.suppressed).length, 'reason'),
    svg: barChart({ bars, unit: 'count', xLabel: 'Offers declined' }, chartIds(id)),
    table: {
      caption: `Offers declined by reason, ${period}`,
      columns: [{ label: 'Reason' }, { label: 'Declined', numeric: true }],
      rows: d.reasons.map((r) => [r.reason, countCell(r, 'declines', r.declines, site)]),
    },
    csv: 'offer-declines',
  };
}

const MIX = [
  ['strong_yes', 'Strong yes'],
  ['yes', 'Yes'],
  ['no', 'No'],
  ['strong_no', 'Strong no'],
  ['no_decision', 'No decision'],
] as const;

/**
 * One hiring manager's own scorecards by recommendation, in a sentence (their page: one bar is not a chart).
 * Null when the data has no row for them.
 */
export function ownRecommendations(site: Site, name: string): string | null {
  const r = site.a.recommendations.find((x) => x.hiringManager === name);
  if (!r) return null;
  const period = `${monthLabel(r.fromMonth)} – ${monthLabel(r.toMonth)}`;
  if (r.suppressed || r.scorecards === null)
    return `${period}: hidden for privacy (fewer than ${site.minGroupSize} of their own scorecards, or beside such a figure).`;
  const parts = MIX.map(([field, label]) => `${countCell(r, field, r[field], site)} ${label.toLowerCase()}`);
  const yes =
    r.strong_yes !== null && r.yes !== null && r.scorecards > 0 ? (r.strong_yes + r.yes) / r.scorecards : null;
  return `${period}: ${plural(r.scorecards, 'scorecard')} of their own — ${parts.join(', ')}${yes === null ? '' : ` (${formatValue(yes, 'rate')} yes or strong yes)`}.`;
}

/** Each hiring manager's own scorecards by recommendation; drawn: the share that said yes or strong yes. */
export function recommendationMix(site: Site, id = 'retro-recommendations'): ChartModel | null {
  const rows = site.a.recommendations;
  if (!rows.length) return null;
  const { fromMonth, toMonth } = rows[0]!;
  const period = `${monthLabel(fromMonth)} – ${monthLabel(toMonth)}`;
  const positive = (r: (typeof rows)[number]) =>
    r.scorecards !== null && r.scorecards > 0 && r.strong_yes !== null && r.yes !== null
      ? (r.strong_yes + r.yes) / r.scorecards
      : null;
  const bars: Bar[] = rows
    .filter((r) => positive(r) !== null)
    .map((r) => ({
      label: r.hiringManager,
      value: positive(r)!,
      text: formatValue(positive(r)!, 'rate'),
      title: `${r.hiringManager}: ${formatValue(positive(r)!, 'rate')} of ${plural(r.scorecards!, 'scorecard')} yes or strong yes`,
      color: FIGURE,
    }));
  return {
    id,
    title: "Hiring managers' own recommendations",
    description: `The scorecards each hiring manager submitted themselves on interviews of ${period}, by recommendation. The bars are the share that said yes or strong yes, where it can be shown.`,
    basis: `One window, ${period}.`,
    notes: hiddenNote(hiddenRows(rows), 'hiring manager'),
    svg: barChart({ bars, unit: 'rate', xLabel: 'Yes or strong yes' }, chartIds(id)),
    table: capTable(
      {
        caption: `Own scorecards by recommendation, ${period}`,
        columns: [
          { label: 'Hiring manager' },
          { label: 'Scorecards', numeric: true },
          ...MIX.map(([, label]) => ({ label, numeric: true })),
        ],
        rows: rows.map((r) => [
          r.hiringManager,
          countCell(r, 'scorecards', r.scorecards, site),
          ...MIX.map(([field]) => countCell(r, field, r[field], site)),
        ]),
      },
      'hiring managers (alphabetical)',
      'recommendations-by-hiring-manager',
    ),
    csv: 'recommendations-by-hiring-manager',
  };
}
