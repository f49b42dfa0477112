/**
 * Canonical rows in column batches, to move them from a worker thread to the main thread cheaply.
 *
 * Posting millions of row objects between threads would clone them one by one (as slow as reading them).
 * A batch instead holds, per field: instants (and candidate keys) in a Float64Array (NaN = null); repeated
 * text (departments, stages, people, reasons, statuses, job ids) as Int32Array codes into a dictionary that
 * grows with the file and is sent entry by entry once; identifiers as one NUL-joined string. Typed arrays are
 * transferred, not copied, and a joined string is copied as one block.
 *
 * People's names are the one exception to "the worker reads, the main thread only rebuilds": the stand-in
 * that replaces a name holding contact details is numbered in order of first sight across all files, so the
 * worker reads people unguarded and the main thread guards each new dictionary entry with its own interner
 * (see `RowBatchReader`), in the order the worker first saw them.
 */
import { ENTITIES, FIELDS, type Dictionary as TextDictionary, type Entity, type Field } from '../schema/canonical.ts';
import type { EnumKind, Giver } from './ledger.ts';
import type { Row } from './rows.ts';
import type { ContactDetails } from './values.ts';
import { free } from '../memory.ts';

/**
 * How one field of a canonical row travels. A `ref` is an id naming a row of another table (an interview's or a
 * stage event's application): rows of one application come together, so it travels once per run of rows.
 */
type TravelKind = 'number' | 'id' | 'ref' | 'text';
/** The dictionary of a text field: its interner's, or `enum` for the values of every enum field. */
export type Dictionary = TextDictionary | 'enum';
interface FieldSpec {
  key: string;
  kind: TravelKind;
  /** For text fields. */
  dictionary?: Dictionary;
  /** The template column (the ledger names it when a person's name is hidden). */
  column: string;
}

/** How a field of the field table travels: numbers as numbers, repeated text by dictionary codes, ids as text. */
function travel(field: Field): FieldSpec {
  const { key, column } = field;
  switch (field.kind) {
    case 'instant':
    case 'pseudonym':
      return { key, column, kind: 'number' };
    case 'ref':
      return { key, column, kind: 'ref' };
    case 'enum':
      return { key, column, kind: 'text', dictionary: 'enum' };
    case 'id':
    case 'text':
      return field.dictionary === undefined
        ? { key, column, kind: 'id' }
        : { key, column, kind: 'text', dictionary: field.dictionary };
  }
}

/** Every field of every canonical row, in row order (the field tables of `schema/canonical.ts`). */
export const ROW_FIELDS: Record<Entity, readonly FieldSpec[]> = Object.fromEntries(
  ENTITIES.map((entity) => [entity, (FIELDS[entity] as readonly Field[]).map(travel)]),
) as unknown as Record<Entity, readonly FieldSpec[]>;

/** What the reader told the ledger about the batch's records (a quarantine names its line). */
export type BatchEvent =
  | { type: 'quarantine'; line: number; column: string; problem: string }
  | { type: 'unmapped'; column: string; kind: EnumKind; value: string; allowed: readonly string[]; giver: Giver }
  | { type: 'hidden'; column: string; what: ContactDetails; person: boolean };

/**
 * One batch, as posted. Events and rows are each in reading order; the main thread replays the events before
 * the rows, which the ledger cannot tell apart from interleaving: its entries are sorted by file and line (one
 * entry per line), and its value reports are keyed and sorted.
 */
export interface RowBatch {
  entity: Entity;
  /** Records read (kept, quarantined or not). */
  read: number;
  rows: number;
  lines: Int32Array;
  /** Per field of ROW_FIELDS[entity]: Float64Array (number), Int32Array (text code, -1 = null), ids or refs. */
  columns: Array<Float64Array | Int32Array | JoinedIds | RefIds>;
  /** New dictionary entries since the previous batch, in order of first sight. */
  entries: Partial<Record<Dictionary, string[]>>;
  events: BatchEvent[];
  /** The file's rows still to come, estimated from its size (in the first batch that knows it; else 0). */
  expectedRows: number;
}

/** Frees a batch's typed arrays (see `memory.ts`), once its rows are in the tables. */
export function releaseBatch(batch: RowBatch): void {
  free(batch.lines);
  for (const column of batch.columns) {
    if (column instanceof Float64Array || column instanceof Int32Array) free(column);
    else if ('run' in column) free(column.run);
  }
}

/** Identifiers: joined by NUL (null = a lone U+0001), or plainly when some id holds a NUL itself. */
export type JoinedIds = { joined: string } | { list: Array<string | null> };

/** Ids in runs: the id of each run, and per row the run it belongs to. */
export interface RefIds {
  run: Int32Array;
  ids: JoinedIds;
}

/** A ref column being filled (worker side). */
interface Runs {
  run: Int32Array;
  ids: Array<string | null>;
}

const NULL_ID = '\u0001';

/** Collects rows and ledger events into batches (worker side). */
export class RowBatchWriter {
  readonly entity: Entity;
  private readonly fields: readonly FieldSpec[];
  private readonly capacity: number;
  private readonly codes = new Map<Dictionary, Map<string, number>>();
  private pendingEntries: Partial<Record<Dictionary, string[]>> = {};
  private read = 0;
  private rows = 0;
  private lines!: Int32Array;
  private columns!: Array<Float64Array | Int32Array | Array<string | null> | Runs>;
  private events: BatchEvent[] = [];
  private expected = 0;

  constructor(entity: Entity, capacity: number) {
    this.entity = entity;
    this.fields = ROW_FIELDS[entity];
    this.capacity = capacity;
    this.reset();
  }

  private reset(): void {
    this.read = 0;
    this.rows = 0;
    this.lines = new Int32Array(this.capacity);
    this.columns = this.fields.map((f) =>
      f.kind === 'number'
        ? new Float64Array(this.capacity)
        : f.kind === 'text'
          ? new Int32Array(this.capacity)
          : f.kind === 'ref'
            ? { run: new Int32Array(this.capacity), ids: [] }
            : new Array<string | null>(),
    );
    this.events = [];
    this.pendingEntries = {};
  }

  /** The code of a text value, adding it to its dictionary at first sight. */
  code(dictionary: Dictionary, value: string): number {
    let codes = this.codes.get(dictionary);
    if (codes === undefined) this.codes.set(dictionary, (codes = new Map()));
    let code = codes.get(value);
    if (code === undefined) {
      code = codes.size;
      codes.set(value, code);
      (this.pendingEntries[dictionary] ??= []).push(value);
    }
    return code;
  }

  countRead(): void {
    this.read++;
  }

  /** Records read into this batch so far. */
  get reads(): number {
    return this.read;
  }

  event(event: BatchEvent): void {
    this.events.push(event);
  }

  /** Sends an estimate of the rows still to come with the next batch. */
  expect(rows: number): void {
    this.expected = rows;
  }

  /** Adds a row (of a record counted with `countRead`: never more rows than the capacity). */
  add(row: Row, line: number): void {
    const r = this.rows++;
    this.lines[r] = line;
    const values = row as unknown as Record<string, string | number | null>;
    for (let i = 0; i < this.fields.length; i++) {
      const field = this.fields[i]!;
      const value = values[field.key];
      const column = this.columns[i]!;
      if (field.kind === 'number') (column as Float64Array)[r] = value === null ? NaN : (value as number);
      else if (field.kind === 'text')
        (column as Int32Array)[r] = value === null ? -1 : this.code(field.dictionary!, value as string);
      else if (field.kind === 'ref') {
        const { run, ids } = column as Runs;
        if (ids.length === 0 || ids[ids.length - 1] !== value) ids.push(value as string | null);
        run[r] = ids.length - 1;
      } else (column as Array<string | null>).push(value as string | null);
    }
  }

  /** Whether anything (rows, reads, events, entries) waits to be sent. */
  get pending(): boolean {
    return this.read > 0 || this.events.length > 0 || Object.keys(this.pendingEntries).length > 0;
  }

  /** The batch so far (and a fresh one begins); `transfer`: the buffers to move rather than copy. */
  take(): { batch: RowBatch; transfer: ArrayBuffer[] } {
    const transfer: ArrayBuffer[] = [this.lines.buffer as ArrayBuffer];
    const columns = this.columns.map((column) => {
      if (Array.isArray(column)) return joinIds(column);
      if ('ids' in column) {
        transfer.push(column.run.buffer as ArrayBuffer);
        return { run: column.run, ids: joinIds(column.ids) };
      }
      transfer.push(column.buffer as ArrayBuffer);
      return column;
    });
    const batch: RowBatch = {
      entity: this.entity,
      read: this.read,
      rows: this.rows,
      lines: this.lines,
      columns,
      entries: this.pendingEntries,
      events: this.events,
      expectedRows: this.expected,
    };
    this.expected = 0;
    this.reset();
    return { batch, transfer };
  }
}

function joinIds(ids: Array<string | null>): JoinedIds {
  const joined = ids.map((id) => (id === null ? NULL_ID : id)).join('\u0000');
  // Each NUL must be a separator; an id holding a NUL or being U+0001 itself (only in a damaged file) would
  // be misread, so such a batch's ids go as they are.
  let nuls = 0;
  for (let i = joined.indexOf('\u0000'); i !== -1; i = joined.indexOf('\u0000', i + 1)) nuls++;
  if (nuls !== Math.max(0, ids.length - 1) || ids.some((id) => id === NULL_ID)) return { list: ids };
  return { joined };
}

function splitIds(ids: JoinedIds): Array<string | null> {
  return 'joined' in ids ? ids.joined.split('\u0000') : ids.list;
}

/** How the main thread turns a dictionary entry into the value rows hold. */
export interface EntryMaker {
  /** A text value as the main thread keeps it (one shared instance per value). */
  text(dictionary: Dictionary, value: string): string;
  /** A person's name read unguarded by the worker: the value to keep, and what was hidden if it was. */
  person(value: string): { value: string; hidden: ContactDetails | null };
  /** An application id as the main thread keeps it (the instance its application row holds). */
  applicationId(id: string): string;
}

/** A batch's rows as columns of values, by field key (see `BatchColumns`). */
export interface DecodedBatch {
  entity: Entity;
  rows: number;
  lines: Int32Array;
  columns: Record<string, ArrayLike<unknown>>;
}

/** Rebuilds rows from batches (main side); dictionaries persist from batch to batch of one file. */
export class RowBatchReader {
  private readonly dictionaries = new Map<Dictionary, Array<{ value: string; hidden: ContactDetails | null }>>();
  private readonly make: EntryMaker;

  constructor(make: EntryMaker) {
    this.make = make;
  }

  /**
   * The batch's rows as columns of the values the main thread keeps: instants as they came (NaN = none), text
   * and ids as strings or null. Calls `hidden` for every person value that was hidden, once per row (as the
   * in-process reader reports them).
   */
  decode(batch: RowBatch, hidden: (column: string, what: ContactDetails) => void): DecodedBatch {
    for (const [dictionary, values] of Object.entries(batch.entries) as Array<[Dictionary, string[]]>) {
      let entries = this.dictionaries.get(dictionary);
      if (entries === undefined) this.dictionaries.set(dictionary, (entries = []));
      for (const value of values) {
        entries.push(
          dictionary === 'person'
            ? this.make.person(value)
            : { value: this.make.text(dictionary, value), hidden: null },
        );
      }
    }
    const n = batch.rows;
    const columns: Record<string, ArrayLike<unknown>> = {};
    ROW_FIELDS[batch.entity].forEach((field, i) => {
      const column = batch.columns[i]!;
      if (field.kind === 'number') {
        columns[field.key] = column as Float64Array;
      } else if (field.kind === 'id') {
        const ids = splitIds(column as JoinedIds);
        const values = new Array<string | null>(n);
        for (let r = 0; r < n; r++) {
          const id = ids[r]!;
          values[r] = id === NULL_ID ? null : id;
        }
        columns[field.key] = values;
      } else if (field.kind === 'ref') {
        // The application id of an interview or stage event: the instance its application holds, looked up
        // once per run of rows of one application.
        const { run, ids } = column as RefIds;
        const shared = splitIds(ids).map((id) => (id === null || id === NULL_ID ? null : this.make.applicationId(id)));
        const values = new Array<string | null>(n);
        for (let r = 0; r < n; r++) values[r] = shared[run[r]!]!;
        columns[field.key] = values;
      } else {
        const codes = column as Int32Array;
        const entries = this.dictionaries.get(field.dictionary!)!;
        const values = new Array<string | null>(n);
        for (let r = 0; r < n; r++) {
          const code = codes[r]!;
          if (code === -1) {
            values[r] = null;
            continue;
          }
          const entry = entries[code]!;
          values[r] = entry.value;
          if (entry.hidden !== null) hidden(field.column!, entry.hidden);
        }
        columns[field.key] = values;
      }
    });
    return { entity: batch.entity, rows: n, lines: batch.lines, columns };
  }
}
