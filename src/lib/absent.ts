/**
 * Figures the export cannot give (their input column is in no file): the artifact lists them (`absent`), and a
 * card, chart or page says "not in your export — needs <column>" instead of a figure. Lookup only: which
 * figures are absent is decided in the data step (`scripts/metrics/absent.ts`).
 */
import type { AbsentFigure, Aggregates } from '../../scripts/schema/aggregates.ts';

/** The absent entry of a metric or definition id, or undefined when the export has what it needs. */
export function absentFigure(a: Aggregates, id: string | undefined): AbsentFigure | undefined {
  return id === undefined ? undefined : a.absent?.find((x) => x.figure === id);
}

/** The sentence, as plain text (CSV notes, table notes): `not in your export — needs feedback_submitted_at`. */
export const absentText = (absent: AbsentFigure): string => `not in your export — needs ${absent.needs}`;

/** The columns the export lacks, each once, with the table that would carry it. */
export function missingColumns(a: Aggregates): Array<{ entity: string; needs: string; figures: string[] }> {
  const byColumn = new Map<string, { entity: string; needs: string; figures: string[] }>();
  for (const x of a.absent ?? []) {
    const key = `${x.entity}.${x.needs}`;
    const known = byColumn.get(key) ?? { entity: x.entity, needs: x.needs, figures: [] };
    known.figures.push(x.figure);
    byColumn.set(key, known);
  }
  return [...byColumn.values()];
}
