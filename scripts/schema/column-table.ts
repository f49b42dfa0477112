/**
 * A canonical table kept column by column, made from its field table (`FIELDS` in `canonical.ts`): one array per
 * field, row `r` at index `r` of each. Millions of row objects, each instant in a box of its own, were most of
 * what the data step held in memory and most of what every garbage collection walked; arrays of plain numbers
 * and shared strings are a few large objects instead. Numbers (instants, keys) are NaN where the row has none;
 * other values are null there.
 *
 * While rows are added the arrays may be longer than `length` (room made ahead); `seal` trims them, and every
 * table handed on (`of`, `kept`) is sealed.
 */
import type { Field } from './canonical.ts';

/** The values of one field as a column: numbers stay numbers (NaN for none), other values as they are. */
export type ColumnValue<V> = null extends V ? (Exclude<V, null> extends number ? number : V) : V;

/** Rows as columns, by field: row `r` is index `r` of each (how rows read on a worker thread arrive). */
export type BatchColumns<T> = { readonly [K in keyof T]-?: ArrayLike<ColumnValue<T[K]>> };

/** The columns of a table of `T`, by field. */
export type Columns<T> = { [K in keyof T]-?: Array<ColumnValue<T[K]>> };

/** Whether a field is kept as a number (NaN for none) rather than as a value (null for none). */
export const isNumber = (field: Field): boolean => field.kind === 'instant' || field.kind === 'pseudonym';

/**
 * Columns are filled by index into room made ahead (`reserve`), not by `push`: arrays of millions grown a value
 * at a time were copied again and again, and the loops that pushed ran several times slower than these.
 * One function for numbers and one for other values, so that each loop sees one kind of array.
 */
function copyNumbers(to: number[], at: number, from: ArrayLike<number>, count: number): void {
  for (let r = 0; r < count; r++) to[at + r] = from[r]!;
}
function copyValues(to: unknown[], at: number, from: ArrayLike<unknown>, count: number): void {
  for (let r = 0; r < count; r++) to[at + r] = from[r]!;
}
/** `column` with room for `capacity` values: the first `length` copied, the rest NaN (numbers) or null. */
function more(column: unknown[], number: boolean, length: number, capacity: number): unknown[] {
  const grown = new Array<unknown>(capacity).fill(number ? NaN : null);
  if (number) copyNumbers(grown as number[], 0, column as number[], length);
  else copyValues(grown, 0, column, length);
  return grown;
}
/** The capacity to grow to for `needed` rows: doubling, so that a table of n rows copies fewer than 2n. */
const capacityFor = (needed: number, capacity: number): number => Math.max(needed, 2 * capacity, 1024);

/** Two numbers of a column equal, both missing (NaN) included. */
const sameNumber = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

/** The table's own members; its columns are properties named by the field keys (see `ColumnTable`). */
export class ColumnTableBase<T> {
  length = 0;
  /** The fields, in row order. */
  readonly fields: readonly Field[];
  /** Per field, whether its column holds numbers. */
  private readonly numbers: readonly boolean[];

  constructor(fields: readonly Field[]) {
    this.fields = fields;
    this.numbers = fields.map(isNumber);
    for (const field of fields) this.set(field, []);
  }

  private column(field: number): unknown[] {
    return (this as unknown as Record<string, unknown[]>)[this.fields[field]!.key]!;
  }
  private set(field: Field, column: unknown[]): void {
    (this as unknown as Record<string, unknown[]>)[field.key] = column;
  }

  /** An empty table of the same fields. */
  protected empty(): this {
    return new (this.constructor as new () => this)();
  }

  /** Room for `count` more rows. */
  reserve(count: number): void {
    const { length, fields, numbers } = this;
    const capacity = this.column(0).length;
    if (length + count <= capacity) return;
    const to = capacityFor(length + count, capacity);
    for (let f = 0; f < fields.length; f++) this.set(fields[f]!, more(this.column(f), numbers[f]!, length, to));
  }

  /** Appends a row given as an object (tests, and tables built from rows). */
  push(row: T): void {
    this.reserve(1);
    const r = this.length++;
    const values = row as Record<string, unknown>;
    for (let f = 0; f < this.fields.length; f++) {
      const value = values[this.fields[f]!.key] ?? null;
      this.column(f)[r] = this.numbers[f] && value === null ? NaN : value;
    }
  }

  /** Appends `count` rows given as columns. */
  append(columns: BatchColumns<T>, count: number): void {
    this.reserve(count);
    const at = this.length;
    this.length += count;
    const from = columns as unknown as Record<string, ArrayLike<unknown>>;
    for (let f = 0; f < this.fields.length; f++) {
      const source = from[this.fields[f]!.key]!;
      if (this.numbers[f]) copyNumbers(this.column(f) as number[], at, source as ArrayLike<number>, count);
      else copyValues(this.column(f), at, source, count);
    }
  }

  /** Trims the room made ahead: every array is `length` long. */
  seal(): this {
    for (let f = 0; f < this.fields.length; f++) this.column(f).length = this.length;
    return this;
  }

  /** Row `r` as an object, fields in row order (tests, and the few rows a message names). */
  row(r: number): T {
    const row: Record<string, unknown> = {};
    for (let f = 0; f < this.fields.length; f++) {
      const value = this.column(f)[r];
      row[this.fields[f]!.key] = this.numbers[f] && value !== value ? null : value;
    }
    return row as T;
  }

  rows(): T[] {
    return Array.from({ length: this.length }, (_, r) => this.row(r));
  }

  /** Rows `a` and `b` hold equal values in every field: an identical duplicate. */
  same(a: number, b: number): boolean {
    for (let f = 0; f < this.fields.length; f++) {
      const column = this.column(f);
      if (this.numbers[f] ? !sameNumber(column[a] as number, column[b] as number) : column[a] !== column[b]) {
        return false;
      }
    }
    return true;
  }

  /** Empties the table, its arrays left to the garbage collector: for whoever was handed it and is done with it. */
  release(): void {
    this.length = 0;
    this.seal();
  }

  /** The rows whose `dropped` flag is 0, in order (null: none is dropped, the table itself, sealed). */
  kept(dropped: Uint8Array | null): this {
    if (dropped === null) return this.seal();
    const kept = this.empty();
    let count = 0;
    for (let r = 0; r < this.length; r++) if (!dropped[r]) count++;
    kept.reserve(count);
    kept.length = count;
    for (let f = 0; f < this.fields.length; f++) {
      const from = this.column(f);
      const to = kept.column(f);
      let k = 0;
      for (let r = 0; r < this.length; r++) if (!dropped[r]) to[k++] = from[r];
    }
    return kept.seal();
  }
}

/** A column table of `T`: its members, and a column per field, named by the field's key. */
export type ColumnTable<T> = ColumnTableBase<T> & Columns<T>;

/** The class of the column tables of one field table. */
export interface ColumnTableClass<T> {
  new (): ColumnTable<T>;
  /** A sealed table of these rows. */
  of(rows: readonly T[]): ColumnTable<T>;
}

/** The column-table class of a field table (`T`: the row type it describes). */
export function columnTable<T>(fields: readonly Field[]): ColumnTableClass<T> {
  class Table extends ColumnTableBase<T> {
    constructor() {
      super(fields);
    }
    static of(rows: readonly T[]): ColumnTable<T> {
      const table = new Table();
      for (const row of rows) table.push(row);
      return table.seal() as ColumnTable<T>;
    }
  }
  return Table as unknown as ColumnTableClass<T>;
}

/**
 * Row `r` of columns as an object, for the tables kept as row objects (requisitions, applications), whose rows
 * read on a worker thread arrive as columns. Each row starts as a copy of one template holding every field in
 * row order, so that every row of a table has one shape, the shape of the readers' object literals (V8 keeps
 * such objects compact and the metrics' property reads fast). The template is parsed from JSON because V8 lays
 * out a parsed object as it does a literal, every field inside the object; one built key by key keeps most
 * fields in a second block: 1M application rows took about 50 MB more and were read about 2x slower.
 */
export function rowFromColumns<T>(fields: readonly Field[]): (columns: BatchColumns<T>, r: number) => T {
  const empty = Object.fromEntries(fields.map((field) => [field.key, null]));
  const template: Record<string, unknown> = JSON.parse(JSON.stringify(empty));
  const keys = fields.map((field) => field.key);
  const numbers = fields.map(isNumber);
  return (columns, r) => {
    const from = columns as unknown as Record<string, ArrayLike<unknown>>;
    const row = { ...template };
    for (let f = 0; f < keys.length; f++) {
      const key = keys[f]!;
      const value = from[key]![r];
      row[key] = numbers[f] && value !== value ? null : value;
    }
    return row as T;
  };
}
