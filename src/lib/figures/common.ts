/** Wording shared by the figure modules: periods, n, what was left out. */
import type { Coverage } from '../../../scripts/schema/aggregates.ts';
import { formatCount, monthLabel, monthShort, plural } from '../format.ts';
import type { Site } from '../site.ts';

/** `January–June 2025`, `November 2024 – February 2025`, `March 2025`. */
export function periodLabel(months: readonly string[]): string {
  if (!months.length) return 'no months';
  const first = months[0]!;
  const last = months[months.length - 1]!;
  if (first === last) return monthLabel(first);
  if (first.slice(0, 4) === last.slice(0, 4)) return `${monthLabel(first).split(' ')[0]}–${monthLabel(last)}`;
  return `${monthLabel(first)} – ${monthLabel(last)}`;
}

export { monthLabel, monthShort };

/**
 * `Each month rests on its own n (in the table): 12 to 140 feedback slots.` An n of null is hidden (privacy):
 * left out of the range, and the sentence says so rather than state a range the hidden ones may not fit.
 */
export function perMonthBasis(ns: readonly (number | null)[], noun: string, per = 'month'): string {
  const known = ns.filter((n): n is number => n !== null);
  if (!ns.length) return `No ${noun} in this period.`;
  // A null n is hidden (it would give a hidden part back), not none: never "no rejections" beside full bars.
  if (!known.length)
    return `Every ${per} has a hidden figure, so no ${per}'s n is shown (privacy); the table has the others.`;
  const min = Math.min(...known);
  const max = Math.max(...known);
  const leftOut = known.length < ns.length ? ` A ${per} with hidden figures is left out of this range.` : '';
  return (
    (min === max
      ? `Each ${per} rests on ${plural(min, noun.replace(/s$/, ''), noun)} (see the table).`
      : `Each ${per} rests on its own n (in the table): ${formatCount(min)} to ${formatCount(max)} ${noun}.`) + leftOut
  );
}

/**
 * What the privacy rules left out, from the hidden rows themselves: `3 months with fewer than 5 feedback slots
 * are shown as <5 in the table and left out of the chart (privacy).`, and the complements hidden beside them.
 */
export function suppressedNote(
  rows: readonly { suppressed: boolean; complementary?: true }[],
  what: string,
  site: Site,
  unitNoun: string,
  leftOut = 'left out of the chart',
): string[] {
  const small = rows.filter((r) => r.suppressed && !r.complementary).length;
  const complements = rows.filter((r) => r.suppressed && r.complementary).length;
  const m = site.minGroupSize;
  const notes: string[] = [];
  if (small)
    notes.push(
      `${plural(small, what)} with fewer than ${m} ${unitNoun} ${small === 1 ? 'is' : 'are'} shown as <${m} in the table and ${leftOut} (privacy).`,
    );
  if (complements) notes.push(complementNote(complements, what, leftOut));
  return notes;
}

/** `1 more month is shown as hidden: …` */
export function complementNote(count: number, what: string, leftOut = 'left out of the chart'): string {
  return `${plural(count, what)} ${count === 1 ? 'is' : 'are'} shown as hidden and ${leftOut}: ${count === 1 ? 'a small group, or a figure hidden beside one' : 'small groups, or figures hidden beside them'}, so that none can be worked out from the totals (privacy).`;
}

/** Rows the data step left out of a section, and why: `Not counted: 2 rows with no interview_at date.` */
export function coverageNotes(site: Site, section: Coverage['section']): string[] {
  const coverage = site.a.coverage.find((c) => c.section === section);
  if (!coverage) return [];
  const excluded = coverage.excluded.filter((e) => e.rows > 0);
  if (!excluded.length) return [];
  return [`Not counted in this section: ${excluded.map((e) => `${plural(e.rows, 'row')} (${e.reason})`).join('; ')}.`];
}

/** `Rests on 1,204 feedback slots in total (January–June 2025).` from the section's coverage, when known. */
export function coverageBasis(site: Site, section: Coverage['section'], noun: string): string | undefined {
  const coverage = site.a.coverage.find((c) => c.section === section);
  return coverage
    ? `The section rests on ${plural(coverage.included, noun.replace(/s$/, ''), noun)} in total.`
    : undefined;
}
