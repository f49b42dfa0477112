/**
 * Why a rate moved: the shift-share (rate vs mix) decomposition of a change in a company-wide rate.
 *
 * A company rate is the weighted average of its groups' rates (departments, or stages):
 * R = Σ s_g · r_g, with s_g = D_g / D the group's share of the denominator (slots, rejections) and
 * r_g = N_g / D_g its own rate. Between two months the change R₁ − R₀ splits exactly, with no residual, into
 *
 * - a rate part, Σ (r₁_g − r₀_g) · (s₀_g + s₁_g) / 2: the groups themselves got better or worse;
 * - a mix part, Σ (s₁_g − s₀_g) · (r₀_g + r₁_g) / 2: volume moved between groups whose rates differ.
 *
 * (Midpoint weights, as in Kitagawa's 1955 decomposition of a difference of rates: each product
 * s₁r₁ − s₀r₀ equals Δr·s̄ + Δs·r̄ exactly, so the parts add up to the total.) A group with no volume in one
 * month has share 0 there and takes its other month's rate on both sides: its rate part is 0 and its whole
 * effect is mix. Medians do not decompose this way; only rates come here.
 *
 * A group's own mix part is written (s₁_g − s₀_g) · (r̄_g − R̄), R̄ the company's mean rate of the two months:
 * the shares' changes add up to 0, so subtracting R̄ leaves the total unchanged, and a group that gained
 * volume now counts against the change only when it is slower than average (uncentred, every growing group
 * would look as if it pushed the rate up). Each group's two parts are its contribution, which lets a sentence
 * name the groups that drove the change.
 */

/** One group's counts in the two months: numerator (on time, withdrawn, …) over denominator. */
export interface GroupCounts {
  group: string;
  before: { numerator: number; denominator: number };
  after: { numerator: number; denominator: number };
}

export interface GroupEffect {
  group: string;
  /** The group's own rate in each month; null when it had no volume that month. */
  rateBefore: number | null;
  rateAfter: number | null;
  /** The group's share of the denominator in each month (0..1). */
  shareBefore: number;
  shareAfter: number;
  /** Its contribution to the change of the company rate, as fractions (0.01 = one percentage point). */
  rateEffect: number;
  mixEffect: number;
}

export interface Decomposition {
  rateBefore: number;
  rateAfter: number;
  /** rateAfter − rateBefore = rateEffect + mixEffect (up to floating point). */
  change: number;
  rateEffect: number;
  mixEffect: number;
  groups: GroupEffect[];
}

/**
 * The decomposition of the change between `before` and `after` over `groups`, which together make up the
 * whole denominator of both months. Null when either month has no denominator at all (no rate to explain).
 */
export function decompose(groups: readonly GroupCounts[]): Decomposition | null {
  let dBefore = 0;
  let dAfter = 0;
  let nBefore = 0;
  let nAfter = 0;
  for (const g of groups) {
    dBefore += g.before.denominator;
    dAfter += g.after.denominator;
    nBefore += g.before.numerator;
    nAfter += g.after.numerator;
  }
  if (dBefore === 0 || dAfter === 0) return null;
  const rateBefore = nBefore / dBefore;
  const rateAfter = nAfter / dAfter;
  const mean = (rateBefore + rateAfter) / 2;
  const effects: GroupEffect[] = [];
  let rateEffect = 0;
  let mixEffect = 0;
  for (const g of groups) {
    const own0 = g.before.denominator > 0 ? g.before.numerator / g.before.denominator : null;
    const own1 = g.after.denominator > 0 ? g.after.numerator / g.after.denominator : null;
    if (own0 === null && own1 === null) continue;
    // Absent in one month: its other month's rate stands in, so its rate part is 0 (see the module comment).
    const r0 = own0 ?? own1!;
    const r1 = own1 ?? own0!;
    const s0 = g.before.denominator / dBefore;
    const s1 = g.after.denominator / dAfter;
    const rate = (r1 - r0) * ((s0 + s1) / 2);
    const mix = (s1 - s0) * ((r0 + r1) / 2 - mean);
    rateEffect += rate;
    mixEffect += mix;
    effects.push({
      group: g.group,
      rateBefore: own0,
      rateAfter: own1,
      shareBefore: s0,
      shareAfter: s1,
      rateEffect: rate,
      mixEffect: mix,
    });
  }
  return { rateBefore, rateAfter, change: rateAfter - rateBefore, rateEffect, mixEffect, groups: effects };
}

/** A group's whole contribution (rate + mix) to the change. */
export const contribution = (g: GroupEffect): number => g.rateEffect + g.mixEffect;
