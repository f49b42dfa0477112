/**
 * How numbers are written for people, by the data step (its messages, the movements' sentences) and by the site
 * alike: English, thousands separated by commas. One module, so that `1,204` reads the same everywhere.
 */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const upToOneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** A count with thousands separators: `12,345`. */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** At most one decimal, none when it is 0: `42.5`, `3`, `1,204.3`. */
export function formatOneDecimal(value: number): string {
  return upToOneDecimal.format(value);
}

/** A rate (a fraction 0..1) as a percentage with at most one decimal: `82.5%`. */
export function formatPercent(rate: number): string {
  return `${formatOneDecimal(rate * 100)}%`;
}
