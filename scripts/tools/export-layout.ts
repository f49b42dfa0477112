/**
 * The columns of a generated export (the sample's, the bench's), taken from the field tables (`FIELDS`), and
 * rows written by field rather than by position: a column added to a field table appears in every generated
 * file, empty until a generator fills it, and never shifts the cells after it.
 */
import { FIELDS, type Entity } from '../schema/canonical.ts';

/** The fields of `entity`'s table, by key. */
export type FieldKey<E extends Entity> = (typeof FIELDS)[E][number]['key'];

/** What an export does with its table's template: fields it leaves out, and columns outside the template. */
export interface LayoutOptions<E extends Entity, X extends Extra<E>> {
  /** Template fields this export has no column for. */
  leaveOut?: readonly FieldKey<E>[];
  /**
   * Columns outside the template that real exports carry (names, contact details, notes: the reader drops
   * them), by the field they follow, or `end`.
   */
  extra?: X;
}

export interface ExportLayout<E extends Entity, X extends string> {
  /** The header: the template's columns in field-table order, and the extra columns where they go. */
  columns: readonly string[];
  /** A row's cells in column order, from its cells by field key or extra column; a missing cell is empty. */
  row<C>(cells: Partial<Record<FieldKey<E> | X, C>>): (C | '')[];
}

/** Extra columns, by the field they follow. */
type Extra<E extends Entity> = Partial<Record<FieldKey<E> | 'end', readonly string[]>>;
/** The names of the extra columns. */
type ExtraColumn<X> = X extends Record<string, readonly (infer C extends string)[] | undefined> ? C : never;

export function exportLayout<E extends Entity, const X extends Extra<E> = Record<never, never>>(
  entity: E,
  options: LayoutOptions<E, X> = {},
): ExportLayout<E, ExtraColumn<X>> {
  const leaveOut = new Set<string>(options.leaveOut ?? []);
  const extra = (after: string): readonly string[] =>
    (options.extra as Record<string, readonly string[] | undefined> | undefined)?.[after] ?? [];
  const fields = (FIELDS[entity] as readonly { key: string; column: string }[]).filter(
    (field) => !leaveOut.has(field.key),
  );
  // Each column with the name a row gives its cell by: a field's key, or the extra column's own name.
  const slots = [
    ...fields.flatMap((field) => [{ key: field.key, column: field.column }, ...extra(field.key)]),
    ...extra('end'),
  ].map((slot) => (typeof slot === 'string' ? { key: slot, column: slot } : slot));
  const keys = slots.map((slot) => slot.key);
  const known = new Set(keys);
  return {
    columns: slots.map((slot) => slot.column),
    row<C>(cells: Partial<Record<FieldKey<E> | ExtraColumn<X>, C>>): (C | '')[] {
      const byKey = cells as Record<string, C | undefined>;
      for (const key of Object.keys(byKey))
        if (!known.has(key)) throw new Error(`${entity}: "${key}" is not a column of this export`);
      return keys.map((key) => byKey[key] ?? '');
    },
  };
}
