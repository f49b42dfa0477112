/**
 * What the data step tells the user when it is done, after the reader's own `read = used + duplicates +
 * quarantined` line per table: the data's time span and anything left to map.
 */
import { formatCount as n } from './format.ts';
import type { Aggregates } from './schema/aggregates.ts';

/** `withLedger`: also the per-table ledger (when the aggregates were reused, the reader did not print it). */
export function summaryLines(aggregates: Aggregates, withLedger = false): string[] {
  const lines = withLedger
    ? aggregates.quality.entities.map(
        (e) =>
          `${e.entity}: read ${n(e.read)} = used ${n(e.used)} + duplicates ${n(
            e.duplicatesIdentical + e.duplicatesConflicting,
          )} + quarantined ${n(e.quarantined)}`,
      )
    : [];
  const months = aggregates.months;
  lines.push(
    `  as of ${aggregates.asOf} (${aggregates.timezone}); ${months.length} months` +
      (months.length ? ` from ${months[0]} to ${months.at(-1)}` : '') +
      (aggregates.latestCompleteMonth ? `; latest complete month ${aggregates.latestCompleteMonth}` : ''),
  );
  const unmapped = aggregates.quality.unmapped.length;
  if (unmapped)
    lines.push(`  ${unmapped} value(s) to review (unmapped, or hidden as contact details): see the data quality page`);
  return lines;
}
