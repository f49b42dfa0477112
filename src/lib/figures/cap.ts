/**
 * Long lists on a page: departments, hiring managers, reasons, requisitions grow with the data, while a page must
 * stay under its weight budget whatever the exports hold. A list, chart or table shows at most
 * `PAGE_LIST_LIMIT` items and says how many more there are and which CSV holds them all.
 */
import type { TableModel } from '../chartModel.ts';
import { formatCount } from '../format.ts';

/** The most rows, bars or links one list on a page shows (a chart of 50 bars is already hard to read). */
export const PAGE_LIST_LIMIT = 50;

/**
 * At most `limit` of `items`, and how many are left out. With `size`, the largest are kept (ties: the earlier),
 * in their order in `items` (an alphabetical list stays alphabetical).
 */
export function capList<T>(
  items: readonly T[],
  size?: (item: T) => number,
  limit = PAGE_LIST_LIMIT,
): { shown: T[]; more: number } {
  if (items.length <= limit) return { shown: [...items], more: 0 };
  if (!size) return { shown: items.slice(0, limit), more: items.length - limit };
  const kept = new Set(
    items
      .map((item, index) => ({ index, size: size(item) }))
      .sort((a, b) => b.size - a.size || a.index - b.index)
      .slice(0, limit)
      .map((e) => e.index),
  );
  return { shown: items.filter((_, index) => kept.has(index)), more: items.length - limit };
}

/**
 * What a capped list says below it: `shown` names what is shown ("departments with the most fills"), `csv` is
 * the export that holds every item (`time-to-fill`), `limit` how many are shown.
 */
export const moreNote = (more: number, shown: string, csv: string, limit = PAGE_LIST_LIMIT): string =>
  `Showing the ${formatCount(limit)} ${shown}; ${formatCount(more)} more are in ${csv.replace(/\.csv$/, '')}.csv, with all the others.`;

/**
 * The table row that stands for the stages a capped per-stage list leaves out: it names how many and where they
 * are, never a figure (their sum is published nowhere else, so a hidden stage's count could be worked out from it).
 */
export function otherStagesRow(more: number, csv: string, width: number): string[] {
  const row = [`Other stages (${formatCount(more)})`, `in ${csv.replace(/\.csv$/, '')}.csv`];
  while (row.length < width) row.push('');
  return row.slice(0, Math.max(width, 1));
}

/** A table cut to its first `PAGE_LIST_LIMIT` rows (or the largest, with `size`), saying where the rest are. */
export function capTable(table: TableModel, shown: string, csv: string, size?: (row: string[]) => number): TableModel {
  return capTableSaying(table, (more) => moreNote(more, shown, csv), size);
}

/** A table cut to its first `PAGE_LIST_LIMIT` rows (or the largest), its note saying where the rest are. */
export function capTableSaying(
  table: TableModel,
  where: (more: number) => string,
  size?: (row: string[]) => number,
): TableModel {
  const { shown: rows, more } = capList(table.rows, size);
  if (!more) return table;
  const note = where(more);
  return { ...table, rows, note: table.note ? `${table.note} ${note}` : note };
}
