/**
 * Where candidates come from and what becomes of offers, for the retrospective (Deliver 6 of the retro work):
 *
 * - by source, per month: the applications of the month, how many of them have gone past the first stage of
 *   the order so far (a cohort: a recent month's share still grows), and the hires of the month (by hire date).
 * - offers, per quarter an offer stage was entered: made, accepted (hired), declined by the candidate and
 *   the rest (turned down by the company after the offer, or still open); a hire with no offer stage in the
 *   export counts as an offer made and accepted when hired. The reasons for the declines are pooled over the
 *   last 12 months. Quarters and a year, not months: a month's offers are a handful, its declines fewer.
 * - each hiring manager's own scorecards over the last 12 months, by recommendation.
 *
 * The figures leave here whole (the draft); privacy is applied with every other section's, once: the small
 * counts and the complements beside them in `suppression.ts`, then the audit (`audit.ts`), which relates these
 * tables to the rest (a month's sources' hires are the company's hires of the month, published).
 */
import { RECOMMENDATIONS } from '../schema/canonical.ts';
import type { OfferDecline, OfferRow, RecommendationMix, SourceRow } from '../schema/aggregates.ts';
import type { Instant } from '../schema/canonical.ts';
import { addMonths, quarterOf } from '../time.ts';
import { Codes, column } from './columns.ts';
import { label, NONE, type Context } from './context.ts';
import { SLOT, type Slots } from './feedback.ts';
import type { Journeys, StageOrder } from './funnel.ts';
import type { RejectionFact } from './rejections.ts';
import { compareStrings } from './stats.ts';
import { countsAsHire } from './timeToFill.ts';

/** A stage that is an offer: "Offer", "Offer extended", "Offer sent"… */
export const isOfferStage = (stage: string) => /\boffer\b/i.test(stage);
/** The months a hiring manager's scorecard mix and the offers' decline reasons cover, the latest included. */
export const WINDOW_MONTHS = 12;

/** The last WINDOW_MONTHS of the range: one window, never sliding, so no two published windows differ by a month. */
function lastMonths(months: readonly string[]): { fromMonth: string; toMonth: string } {
  const toMonth = months.at(-1) ?? '';
  const fromMonth = [addMonths(toMonth, -(WINDOW_MONTHS - 1)), months[0] ?? ''].sort(compareStrings).at(-1)!;
  return { fromMonth, toMonth };
}

export interface SourcesOffers {
  sources: SourceRow[] | null;
  offers: {
    byQuarter: OfferRow[];
    declines: {
      fromMonth: string;
      toMonth: string;
      declined: number | null;
      suppressed: boolean;
      reasons: OfferDecline[];
    };
  } | null;
  recommendations: RecommendationMix[];
}

export function sourcesSection(
  ctx: Context,
  months: readonly string[],
  journeys: Journeys,
  order: StageOrder,
  slots: Slots,
  rejections: readonly RejectionFact[],
): SourcesOffers {
  const inRange = new Set(months);
  const { applications } = ctx;

  // ---- each application's furthest stage and the instant it entered an offer stage (from its journey), by row
  const furthest = column(applications.length, -1);
  const offeredAt = column(applications.length, NaN);
  const indexOfSpelling = journeys.spellings.map((spelling) => order.indexOf(spelling));
  const offerSpelling = journeys.spellings.map(isOfferStage);
  for (let j = 0; j < journeys.size; j++) {
    const row = journeys.row[j]!;
    let far = -1;
    let offered = Infinity;
    for (let i = journeys.start[j]!; i < journeys.start[j + 1]!; i++) {
      far = Math.max(far, indexOfSpelling[journeys.spelling[i]!]!);
      if (offerSpelling[journeys.spelling[i]!]) offered = Math.min(offered, journeys.entered[i]!);
    }
    furthest[row] = Math.max(furthest[row]!, far);
    if (offered !== Infinity && ctx.happened(offered)) offeredAt[row] = offered;
  }

  // ---- sources: counted by month × source code (three counts a cell), not by a key string per application
  const hasSource = applications.some((a) => a.source !== null && a.source.trim() !== '');
  const monthIndex = new Map(months.map((month, m) => [month, m]));
  // An instant's month as its index in `months` (-1 outside the range), cached per day like `ctx.monthOf`.
  const monthOfDay = new Map<number, number>();
  const monthCode = (instant: Instant): number => {
    const day = ctx.cal.dayNumber(instant);
    let m = monthOfDay.get(day);
    if (m === undefined) monthOfDay.set(day, (m = monthIndex.get(ctx.monthOf(instant)) ?? -1));
    return m;
  };
  // A source gets its code when first counted, each raw spelling labelled once.
  const sourceCodes = new Codes();
  const sourceOfRaw = new Map<string | null, number>();
  const sourceCode = (raw: string | null): number => {
    let code = sourceOfRaw.get(raw);
    if (code === undefined) sourceOfRaw.set(raw, (code = sourceCodes.code(label(raw))));
    return code;
  };
  const SOURCE_APPLICATIONS = 0;
  const SOURCE_ADVANCED = 1;
  const SOURCE_HIRES = 2;
  const sourceCounts: Int32Array[] = [];
  // The months with a cell counted: a source's row is shown in those months only.
  const counted = new Uint8Array(months.length);
  const sourceCell = (month: number, raw: string | null): number => {
    const code = sourceCode(raw);
    while (sourceCounts.length <= code) sourceCounts.push(new Int32Array(months.length * 3));
    counted[month] = 1;
    return code;
  };
  // ---- offers
  const offers = new Map<string, { made: number; accepted: number; declined: number }>();
  const offerOf = (month: string) => {
    let o = offers.get(month);
    if (!o) offers.set(month, (o = { made: 0, accepted: 0, declined: 0 }));
    return o;
  };
  // A decline's reason is counted when its offer was made in the window (below), found by the application's row.
  const window = lastMonths(months);
  const declineReasons = new Map<string, number>();
  const reasonOfRow = new Map<number, string>();
  for (const r of rejections)
    if (r.rejectedBy === 'candidate' && isOfferStage(r.stage)) reasonOfRow.set(r.application, r.reason || NONE);

  for (let row = 0; row < applications.length; row++) {
    const a = applications[row]!;
    const appliedAt = ctx.appliedAt(row);
    if (!ctx.happened(appliedAt)) continue;
    // The company's definition of a hire (time to hire, the headlines): they add up to its hires.
    const hired = countsAsHire(ctx, row);
    if (hasSource) {
      const month = monthCode(appliedAt);
      if (month >= 0) {
        const counts = sourceCounts[sourceCell(month, a.source)]!;
        counts[month * 3 + SOURCE_APPLICATIONS]!++;
        if (furthest[row]! > 0 || hired) counts[month * 3 + SOURCE_ADVANCED]!++;
      }
      const hiredMonth = hired ? monthCode(a.hiredAt!) : -1;
      if (hiredMonth >= 0) sourceCounts[sourceCell(hiredMonth, a.source)]![hiredMonth * 3 + SOURCE_HIRES]!++;
    }
    const id = ctx.rowOfId(row);
    const offered = offeredAt[row]!;
    const at = offered === offered ? offered : hired ? a.hiredAt : null;
    if (at === null) continue;
    const atMonth = ctx.monthOf(at);
    if (!inRange.has(atMonth)) continue;
    const o = offerOf(quarterOf(atMonth));
    o.made++;
    if (hired) o.accepted++;
    else if (reasonOfRow.has(id)) {
      o.declined++;
      const reason = reasonOfRow.get(id)!;
      if (atMonth >= window.fromMonth) declineReasons.set(reason, (declineReasons.get(reason) ?? 0) + 1);
    }
  }

  // Every source in every month that has one, 0s included: a month whose hires came from one source alone
  // would otherwise show that source's row only, its hidden hires the month's (published) hires.
  const sourceMonths = months.map((month, m) => ({ month, m })).filter(({ m }) => counted[m]);
  sourceMonths.sort((x, y) => compareStrings(x.month, y.month));
  const sourceNames = sourceCodes.values.map((source, code) => ({ source, code }));
  sourceNames.sort((x, y) => compareStrings(x.source, y.source));
  const sourceRows: SourceRow[] = [];
  for (const { month, m } of sourceMonths)
    for (const { source, code } of sourceNames) {
      const counts = sourceCounts[code]!;
      sourceRows.push({
        month,
        source,
        applications: counts[m * 3 + SOURCE_APPLICATIONS]!,
        advanced: counts[m * 3 + SOURCE_ADVANCED]!,
        hires: counts[m * 3 + SOURCE_HIRES]!,
        suppressed: false,
      });
    }
  return {
    sources: hasSource ? sourceRows : null,
    offers: offers.size > 0 ? offerTables(offers, declineReasons, window) : null,
    recommendations: recommendationMix(slots, months),
  };
}

function offerTables(
  offers: Map<string, { made: number; accepted: number; declined: number }>,
  declineReasons: Map<string, number>,
  window: { fromMonth: string; toMonth: string },
): NonNullable<SourcesOffers['offers']> {
  const byQuarter = [...offers.keys()].sort(compareStrings).map((quarter): OfferRow => {
    const o = offers.get(quarter)!;
    return { quarter, ...o, other: o.made - o.accepted - o.declined, suppressed: false };
  });
  const reasons: OfferDecline[] = [...declineReasons]
    .map(([reason, declines]) => ({ reason, declines, suppressed: false }))
    .sort((x, y) => y.declines - x.declines || compareStrings(x.reason, y.reason));
  const declined = reasons.reduce((sum, r) => sum + r.declines!, 0);
  return { byQuarter, declines: { ...window, declined, suppressed: false, reasons } };
}

/** Each hiring manager's own submitted scorecards over the last 12 months of the range, by recommendation. */
function recommendationMix(slots: Slots, months: readonly string[]): RecommendationMix[] {
  if (months.length === 0) return [];
  const { fromMonth, toMonth } = lastMonths(months);
  const inWindow = slots.months.map((month) => month >= fromMonth && month <= toMonth);
  const mix = new Map<string, number[]>();
  for (let i = 0; i < slots.size; i++) {
    if (!(slots.flags[i]! & SLOT.byHiringManager) || !inWindow[slots.month[i]!]) continue;
    const r = slots.recommendation[i]!;
    if (r < 0) continue;
    const name = slots.hiringManagers[slots.hiringManager[i]!]!;
    if (name === NONE) continue;
    let counts = mix.get(name);
    if (!counts) mix.set(name, (counts = RECOMMENDATIONS.map(() => 0)));
    counts[r]!++;
  }
  return [...mix.keys()].sort(compareStrings).map((hiringManager): RecommendationMix => {
    const [strong_yes, yes, no, strong_no, no_decision] = mix.get(hiringManager)! as [
      number,
      number,
      number,
      number,
      number,
    ];
    const scorecards = strong_yes + yes + no + strong_no + no_decision;
    return {
      hiringManager,
      fromMonth,
      toMonth,
      scorecards,
      strong_yes,
      yes,
      no,
      strong_no,
      no_decision,
      suppressed: false,
    };
  });
}
