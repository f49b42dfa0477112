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
 * Privacy, computed here because these tables relate to no other section's cells: every count of 0 < n <
 * minGroupSize is hidden (the small-count rule), and then the complementary rule (`complementaryHide`) runs over
 * each sum these tables publish: a month's sources add up to its applications, advanced and hires (totals shown
 * elsewhere, so never counted on to hide); an offer row's outcomes add up to the offers made; the year's decline
 * reasons to its declines; a scorecard mix to its scorecards (taken as published elsewhere).
 */
import { RECOMMENDATIONS } from '../schema/canonical.ts';
import type { OfferDecline, OfferRow, RecommendationMix, SourceRow } from '../schema/aggregates.ts';
import { addMonths, quarterOf } from '../time.ts';
import { label, NONE, type Context } from './context.ts';
import { SLOT, type Slots } from './feedback.ts';
import type { Journeys, StageOrder } from './funnel.ts';
import type { RejectionFact } from './rejections.ts';
import { compareStrings } from './stats.ts';
import { complementaryHide, isSmallGroup, type Relation } from './suppression.ts';

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
  const m = ctx.minGroupSize;
  const inRange = new Set(months);
  const { applications } = ctx;

  // ---- each application's furthest stage and the month it entered an offer stage (from its journey)
  const furthest = new Map<number, number>();
  const offeredAt = new Map<number, number>();
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
    furthest.set(row, Math.max(furthest.get(row) ?? -1, far));
    if (offered !== Infinity && ctx.happened(offered)) offeredAt.set(row, offered);
  }

  // ---- sources
  const hasSource = applications.some((a) => a.source !== null && a.source.trim() !== '');
  const bySource = new Map<string, { applications: number; advanced: number; hires: number }>();
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
    const hired = a.status === 'hired' && ctx.happened(a.hiredAt);
    if (hasSource) {
      const sourceOf = (month: string) => {
        const key = `${month}\u0000${label(a.source)}`;
        let s = bySource.get(key);
        if (!s) bySource.set(key, (s = { applications: 0, advanced: 0, hires: 0 }));
        return s;
      };
      const month = ctx.monthOf(appliedAt);
      if (inRange.has(month)) {
        const s = sourceOf(month);
        s.applications++;
        if ((furthest.get(row) ?? -1) > 0 || hired) s.advanced++;
      }
      const hiredMonth = hired ? ctx.monthOf(a.hiredAt!) : null;
      if (hiredMonth !== null && inRange.has(hiredMonth)) sourceOf(hiredMonth).hires++;
    }
    const id = ctx.rowOfId(row);
    const at = offeredAt.get(row) ?? (hired ? a.hiredAt : null);
    if (at === null || !inRange.has(ctx.monthOf(at))) continue;
    const offered = quarterOf(ctx.monthOf(at));
    const o = offerOf(offered);
    o.made++;
    if (hired) o.accepted++;
    else if (reasonOfRow.has(id)) {
      o.declined++;
      const reason = reasonOfRow.get(id)!;
      if (ctx.monthOf(at) >= window.fromMonth) declineReasons.set(reason, (declineReasons.get(reason) ?? 0) + 1);
    }
  }

  return {
    sources: hasSource ? protectSources(bySource, m) : null,
    offers: offers.size > 0 ? protectOffers(offers, declineReasons, window, m) : null,
    recommendations: recommendationMix(slots, months, m),
  };
}

/** Hides the small counts, then complements over each month's sources (totals shown elsewhere). */
function protectSources(
  bySource: Map<string, { applications: number; advanced: number; hires: number }>,
  m: number,
): SourceRow[] {
  const rows = [...bySource]
    .map(([key, counts]) => {
      const [month, source] = key.split('\u0000') as [string, string];
      return { month, source, ...counts };
    })
    .sort((x, y) => compareStrings(x.month, y.month) || compareStrings(x.source, y.source));
  const fields = ['applications', 'advanced', 'hires'] as const;
  // One cell per row and field: cell = row * 3 + field.
  const ns = rows.flatMap((r) => fields.map((f) => r[f]));
  const hidden = ns.map((n) => isSmallGroup(n, m));
  // A row of few applications is hidden whole: its advanced and hires rest on them.
  rows.forEach((r, i) => {
    if (isSmallGroup(r.applications, m)) for (let f = 0; f < 3; f++) hidden[i * 3 + f] = true;
  });
  const small = [...hidden];
  const relations: Relation[] = [];
  const byMonth = groupIndices(rows, (r) => r.month);
  for (const indices of byMonth.values())
    fields.forEach((_, f) => relations.push({ total: null, parts: indices.map((i) => i * 3 + f) }));
  const complement = complementaryHide(ns, hidden, relations, m);
  return rows.map((r, i) => {
    const hiddenFields = fields.filter((_, f) => hidden[i * 3 + f]);
    const whole = small[i * 3]! && hiddenFields.length === fields.length;
    const out: SourceRow = {
      month: r.month,
      source: r.source,
      applications: hidden[i * 3] ? null : r.applications,
      advanced: hidden[i * 3 + 1] ? null : r.advanced,
      hires: hidden[i * 3 + 2] ? null : r.hires,
      suppressed: whole,
    };
    if (fields.some((_, f) => complement[i * 3 + f] && !small[i * 3 + f])) out.complementary = true;
    if (!whole && hiddenFields.length) out.hidden = [...hiddenFields];
    return out;
  });
}

function protectOffers(
  offers: Map<string, { made: number; accepted: number; declined: number }>,
  declineReasons: Map<string, number>,
  window: { fromMonth: string; toMonth: string },
  m: number,
): NonNullable<SourcesOffers['offers']> {
  const quarters = [...offers.keys()].sort(compareStrings);
  const fields = ['made', 'accepted', 'declined', 'other'] as const;
  const counts = quarters.map((quarter) => {
    const o = offers.get(quarter)!;
    return { made: o.made, accepted: o.accepted, declined: o.declined, other: o.made - o.accepted - o.declined };
  });
  const reasons = [...declineReasons]
    .map(([reason, declines]) => ({ reason, declines }))
    .sort((x, y) => y.declines - x.declines || compareStrings(x.reason, y.reason));
  const declined = reasons.reduce((sum, r) => sum + r.declines, 0);
  // Cells: the quarters' four fields, then the window's declines, then one per reason.
  const total = quarters.length * 4;
  const ns = [...counts.flatMap((c) => fields.map((f) => c[f])), declined, ...reasons.map((r) => r.declines)];
  const hidden = ns.map((n) => isSmallGroup(n, m));
  quarters.forEach((_, i) => {
    if (isSmallGroup(counts[i]!.made, m)) for (let f = 0; f < 4; f++) hidden[i * 4 + f] = true;
  });
  if (isSmallGroup(declined, m)) for (let k = total; k < ns.length; k++) hidden[k] = true;
  const small = [...hidden];
  const relations: Relation[] = quarters.map((_, i) => ({ total: i * 4, parts: [i * 4 + 1, i * 4 + 2, i * 4 + 3] }));
  if (reasons.length) relations.push({ total, parts: reasons.map((_, k) => total + 1 + k) });
  // A window of whole quarters (as of a quarter's last month) is the sum of their declines as well.
  const quarterStart = (month: string) => (Number(month.slice(5, 7)) - 1) % 3 === 0;
  if (quarterStart(window.fromMonth) && quarterStart(addMonths(window.toMonth, 1)))
    relations.push({
      total,
      parts: quarters.flatMap((q, i) =>
        q >= quarterOf(window.fromMonth) && q <= quarterOf(window.toMonth) ? [i * 4 + 2] : [],
      ),
    });
  const complement = complementaryHide(ns, hidden, relations, m);
  const byQuarter = quarters.map((quarter, i): OfferRow => {
    const c = counts[i]!;
    const hiddenFields = fields.filter((_, f) => hidden[i * 4 + f]);
    const whole = small[i * 4]! && hiddenFields.length === fields.length;
    const out: OfferRow = {
      quarter,
      made: hidden[i * 4] ? null : c.made,
      accepted: hidden[i * 4 + 1] ? null : c.accepted,
      declined: hidden[i * 4 + 2] ? null : c.declined,
      other: hidden[i * 4 + 3] ? null : c.other,
      suppressed: whole,
    };
    if (fields.some((_, f) => complement[i * 4 + f] && !small[i * 4 + f])) out.complementary = true;
    if (!whole && hiddenFields.length) out.hidden = [...hiddenFields];
    return out;
  });
  const declines: OfferDecline[] = reasons.map((r, k) => {
    const h = hidden[total + 1 + k]!;
    const out: OfferDecline = { reason: r.reason, declines: h ? null : r.declines, suppressed: h };
    if (complement[total + 1 + k] && !small[total + 1 + k]) out.complementary = true;
    return out;
  });
  return {
    byQuarter,
    declines: { ...window, declined: hidden[total] ? null : declined, suppressed: hidden[total]!, reasons: declines },
  };
}

/** Each hiring manager's own submitted scorecards over the last 12 months of the range, by recommendation. */
function recommendationMix(slots: Slots, months: readonly string[], m: number): RecommendationMix[] {
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
  const names = [...mix.keys()].sort(compareStrings);
  const width = RECOMMENDATIONS.length + 1;
  // Cells: per manager, the scorecards then each recommendation.
  const ns = names.flatMap((name) => {
    const counts = mix.get(name)!;
    return [counts.reduce((s, c) => s + c, 0), ...counts];
  });
  const hidden = ns.map((n) => isSmallGroup(n, m));
  names.forEach((_, i) => {
    if (isSmallGroup(ns[i * width]!, m)) for (let f = 0; f < width; f++) hidden[i * width + f] = true;
  });
  const small = [...hidden];
  // The scorecards are counted as shown elsewhere (a manager's submitted feedback is published, and may be the
  // same number): never hidden as the complement, so hidden parts are always two or more, together not small.
  const relations: Relation[] = names.map((_, i) => ({
    total: null,
    parts: RECOMMENDATIONS.map((__, r) => i * width + 1 + r),
  }));
  const complement = complementaryHide(ns, hidden, relations, m);
  return names.map((hiringManager, i): RecommendationMix => {
    const cell = (f: number) => (hidden[i * width + f] ? null : ns[i * width + f]!);
    const whole = small[i * width]!;
    const hiddenFields = (['scorecards', ...RECOMMENDATIONS] as const).filter((_, f) => hidden[i * width + f]);
    const out: RecommendationMix = {
      hiringManager,
      fromMonth,
      toMonth,
      scorecards: cell(0),
      strong_yes: cell(1),
      yes: cell(2),
      no: cell(3),
      strong_no: cell(4),
      no_decision: cell(5),
      suppressed: whole,
    };
    if (ns.slice(i * width, (i + 1) * width).some((_, f) => complement[i * width + f] && !small[i * width + f]))
      out.complementary = true;
    if (!whole && hiddenFields.length) out.hidden = [...hiddenFields];
    return out;
  });
}

function groupIndices<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  return groups;
}
