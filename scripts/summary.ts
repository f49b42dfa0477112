/** What the data step tells the user when it is done: the ledger per table, then the data's time span. */
import type { Aggregates } from './schema/aggregates.ts';

const n = (value: number) => value.toLocaleString('en-US');

export function summaryLines(aggregates: Aggregates): string[] {
  const lines = aggregates.quality.entities.map(
    (e) =>
      `  ${e.entity.padEnd(13)} read ${n(e.read)} = used ${n(e.used)} + duplicates ${n(
        e.duplicatesIdentical + e.duplicatesConflicting,
      )} + quarantined ${n(e.quarantined)}`,
  );
  const months = aggregates.months;
  lines.push(
    `  as of ${aggregates.asOf} (${aggregates.timezone}); ${months.length} months` +
      (months.length ? ` from ${months[0]} to ${months.at(-1)}` : '') +
      (aggregates.latestCompleteMonth ? `; latest complete month ${aggregates.latestCompleteMonth}` : ''),
  );
  const unmapped = aggregates.quality.unmapped.length;
  if (unmapped) lines.push(`  ${unmapped} unmapped value(s): see the data quality page for how to map them`);
  return lines;
}
