/**
 * Merging re-exports (docs/exports.md, "Re-exports and duplicates"): rows with the same primary key are one record; the later row wins —
 * files are read in path order, rows in line order, so "later" is "the file whose path sorts last, then the
 * later line". The earlier row goes to the ledger as a duplicate: identical (every canonical value equal) or
 * conflicting.
 *
 * Keys: requisitions `requisition_id`; applications `application_id`; interviews `interview_id` +
 * `interviewer`; stage events `application_id` + `stage` + `entered_at`.
 */
import {
  FIELDS,
  InterviewTable,
  type BatchColumns,
  StageEventTable,
  type Application,
  type Entity,
  type Field,
  type Interview,
  type Requisition,
  type StageEvent,
} from '../schema/canonical.ts';
import { rowFromColumns, type ColumnTable } from '../schema/column-table.ts';
import { hashNumber, hashText, KeyIndex } from './key-index.ts';
import type { Ledger } from './ledger.ts';
import { free } from '../memory.ts';

/** Where a store keeps its rows: an array of row objects, or a table of columns (`InterviewTable`). */
export interface Rows<T> {
  readonly length: number;
  push(row: T): unknown;
}

/** How the rows of one entity are stored and keyed; rows are named by their position in the store. */
export interface Keyed<T, R extends Rows<T>> {
  /** The key columns, as the ledger names them. */
  column: string;
  /** Empty storage for a new store. */
  empty(): R;
  hashKey(rows: R, position: number): number;
  sameKey(rows: R, a: number, b: number): boolean;
  /** Every canonical value equal: an identical duplicate. */
  same(rows: R, a: number, b: number): boolean;
  /** The rows whose `dropped` flag is 0, in order (null: none is dropped). */
  kept(rows: R, dropped: Uint8Array | null): R;
  /** Appends `count` rows given as columns (rows read on a worker thread). */
  append(rows: R, columns: BatchColumns<T>, count: number): void;
  /** Makes room for `count` more rows, when the storage can. */
  reserve?(rows: R, count: number): void;
}

/** How many rows from the one found last `find` tries before the index. */
const FIND_AHEAD = 4;

/** The rows of one entity as read, with where each came from and whether it is still used. */
export class EntityStore<T, R extends Rows<T> = T[]> {
  readonly entity: Entity;
  /** Every row read that passed the row-level rules, in reading order (never removed: the index points here). */
  readonly rows: R;
  /**
   * Per row, by position: its file, its line, and whether it was dropped. Typed arrays (grown as rows come):
   * millions of small numbers in plain arrays take three times the memory, and every full garbage collection
   * walks them, again and again while the heap grows.
   */
  private fileOf = new Int32Array(1024);
  private lineOf = new Int32Array(1024);
  private droppedOf = new Uint8Array(1024);
  private droppedCount = 0;
  /** Key → position in `rows` of the row that currently wins. */
  readonly index: KeyIndex;
  private readonly keyed: Keyed<T, R>;
  private readonly ledger: Ledger;

  constructor(entity: Entity, keyed: Keyed<T, R>, ledger: Ledger) {
    this.entity = entity;
    this.keyed = keyed;
    this.ledger = ledger;
    const rows = keyed.empty();
    this.rows = rows;
    this.index = new KeyIndex(
      (position) => keyed.hashKey(rows, position),
      (a, b) => keyed.sameKey(rows, a, b),
      (earlier, later) => this.replaced(earlier, later),
    );
  }

  /**
   * Adds a row read. Its key is merged in bulk (see `KeyIndex`): a duplicate it makes of an earlier row goes to
   * the ledger when the store settles, which every method that reads `dropped` does first (and `settle`).
   */
  add(row: T, fileIndex: number, line: number): void {
    const position = this.rows.length;
    if (position === this.lineOf.length) this.grow();
    this.rows.push(row);
    this.fileOf[position] = fileIndex;
    this.lineOf[position] = line;
    this.index.defer(position);
  }

  /** Makes room for `count` more rows (an estimate: more may come, or fewer). */
  reserve(count: number): void {
    while (this.rows.length + count > this.lineOf.length) this.grow();
    this.keyed.reserve?.(this.rows, count);
    this.index.reserve(count);
  }

  /** Adds `count` rows read, given as columns, from the file at `fileIndex` (see `add`). */
  addColumns(columns: BatchColumns<T>, lines: Int32Array, count: number, fileIndex: number): void {
    const first = this.rows.length;
    while (first + count > this.lineOf.length) this.grow();
    this.keyed.append(this.rows, columns, count);
    for (let r = 0; r < count; r++) {
      this.fileOf[first + r] = fileIndex;
      this.lineOf[first + r] = lines[r]!;
      this.index.defer(first + r);
    }
  }

  private grow(): void {
    const capacity = this.lineOf.length * 2;
    const fileOf = new Int32Array(capacity);
    const lineOf = new Int32Array(capacity);
    const droppedOf = new Uint8Array(capacity);
    fileOf.set(this.fileOf);
    lineOf.set(this.lineOf);
    droppedOf.set(this.droppedOf);
    free(this.fileOf);
    free(this.lineOf);
    free(this.droppedOf);
    this.fileOf = fileOf;
    this.lineOf = lineOf;
    this.droppedOf = droppedOf;
  }

  /** The file index of each row, by position in `rows`. */
  get fileIndexes(): Int32Array {
    return this.fileOf.subarray(0, this.rows.length);
  }

  /** The line of each row, by position in `rows`. */
  get lines(): Int32Array {
    return this.lineOf.subarray(0, this.rows.length);
  }

  /**
   * Per row, by position in `rows`: 1 once it lost to a later duplicate or was quarantined by a cross-table
   * check, else 0. (The store settles first, see `add`.)
   */
  get dropped(): Uint8Array {
    this.index.settle();
    return this.droppedOf.subarray(0, this.rows.length);
  }

  /** Merges the rows added since the last time: after this, `dropped` is up to date. */
  settle(): void {
    this.index.settle();
  }

  /** The row at `earlier` lost to the later row at `later`, with the same key. */
  private replaced(earlier: number, later: number): void {
    const identical = this.keyed.same(this.rows, earlier, later);
    this.ledger.duplicate(this.entity, this.fileOf[earlier]!, this.lineOf[earlier]!, this.keyed.column, identical);
    if (this.droppedOf[earlier] === 0) this.droppedCount++;
    this.droppedOf[earlier] = 1;
  }

  /** The position `find` last found. */
  private lastFound = -1;

  /**
   * The position of the used row whose key hashes to `hash` (as `hashKey` would) and that `matches` recognises,
   * or -1.
   *
   * Callers look keys up in runs and in order (the interviews and stage events of one application come
   * together, applications in the order of their export), so the row found last and the few after it are tried
   * before the index: a used row with the key is the one the index holds for it (every earlier row with its key
   * is dropped), and reading the next rows is cheaper than a random probe into a table of millions of slots.
   */
  find(hash: number, matches: (position: number) => boolean): number {
    this.index.settle();
    const { droppedOf: dropped } = this;
    const count = this.rows.length;
    const from = this.lastFound === -1 ? count : this.lastFound;
    const to = Math.min(from + FIND_AHEAD, count);
    for (let position = from; position < to; position++) {
      if (!dropped[position] && matches(position)) {
        this.lastFound = position;
        return position;
      }
    }
    const position = this.index.find(hash, matches);
    if (position === -1) return -1;
    this.lastFound = position;
    return dropped[position] ? -1 : position;
  }

  /** Take a used row out, with a reason (cross-table checks). */
  quarantine(position: number, column: string, problem: string): void {
    this.index.settle();
    if (this.droppedOf[position] === 0) this.droppedCount++;
    this.droppedOf[position] = 1;
    this.ledger.quarantine(this.entity, this.fileOf[position]!, this.lineOf[position]!, column, problem);
  }

  /** The used rows, in reading order. */
  used(): R {
    this.index.settle();
    // Read once rows have stopped coming: with none dropped, the rows themselves, not a copy of millions.
    return this.keyed.kept(this.rows, this.droppedCount === 0 ? null : this.droppedOf.subarray(0, this.rows.length));
  }

  /**
   * Frees what only merging needs: the key index, and each row's file, line and flag (see `memory.ts`). For
   * when reading is over and `used` has been taken; the store must not be used again.
   */
  release(): void {
    this.index.release();
    free(this.fileOf);
    free(this.lineOf);
    free(this.droppedOf);
  }
}

/** The used application with this id, or null. */
export function findApplication(store: EntityStore<Application>, id: string): Application | null {
  const { rows } = store;
  const position = store.find(hashText(id), (p) => rows[p]!.applicationId === id);
  return position === -1 ? null : rows[position]!;
}

/**
 * Every field of two row objects equal (`FIELDS`): an identical duplicate. Derived from the field table, so a
 * field added to a table is compared without anyone remembering to.
 */
export function sameRow<T>(fields: readonly Field[]): (a: T, b: T) => boolean {
  const keys = fields.map((field) => field.key);
  return (a, b) => {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    for (const key of keys) if (x[key] !== y[key]) return false;
    return true;
  };
}

/** Row objects (requisitions, applications): kept as an array. */
function objectRows<T>(
  fields: readonly Field[],
  column: string,
  hashKey: (row: T) => number,
  sameKey: (a: T, b: T) => boolean,
): Keyed<T, T[]> {
  const same = sameRow<T>(fields);
  const make = rowFromColumns<T>(fields);
  return {
    column,
    empty: () => [],
    hashKey: (rows, p) => hashKey(rows[p]!),
    sameKey: (rows, a, b) => sameKey(rows[a]!, rows[b]!),
    same: (rows, a, b) => same(rows[a]!, rows[b]!),
    kept: (rows, dropped) => (dropped === null ? rows : rows.filter((_, p) => !dropped[p])),
    append: (rows, columns, count) => {
      for (let r = 0; r < count; r++) rows.push(make(columns, r));
    },
  };
}

/** Rows kept as columns (interviews, stage events): the table compares and copies them field by field. */
function columnRows<T>(
  table: { new (): ColumnTable<T> },
  column: string,
  hashKey: (t: ColumnTable<T>, p: number) => number,
  sameKey: (t: ColumnTable<T>, a: number, b: number) => boolean,
): Keyed<T, ColumnTable<T>> {
  return {
    column,
    empty: () => new table(),
    hashKey,
    sameKey,
    same: (t, a, b) => t.same(a, b),
    kept: (t, dropped) => t.kept(dropped),
    append: (t, columns, count) => t.append(columns, count),
    reserve: (t, count) => t.reserve(count),
  };
}

export const requisitionKey: Keyed<Requisition, Requisition[]> = objectRows(
  FIELDS.requisitions,
  'requisition_id',
  (r) => hashText(r.requisitionId),
  (a, b) => a.requisitionId === b.requisitionId,
);

export const applicationKey: Keyed<Application, Application[]> = objectRows(
  FIELDS.applications,
  'application_id',
  (a) => hashText(a.applicationId),
  (a, b) => a.applicationId === b.applicationId,
);

export const interviewKey: Keyed<Interview, InterviewTable> = columnRows(
  InterviewTable,
  'interview_id, interviewer',
  (t, p) => hashText(t.interviewer[p] ?? '', hashText(t.interviewId[p]!) ^ 0x5bd1e995),
  (t, a, b) => t.interviewId[a] === t.interviewId[b] && t.interviewer[a] === t.interviewer[b],
);

/**
 * The hash of the application id hashed last: the stage events (and interviews) of one application come
 * together and share its id's instance, so a run hashes it once.
 */
let lastApplicationId = '';
let lastApplicationHash = hashText('') ^ 0x5bd1e995;
const applicationHash = (id: string): number => {
  if (id !== lastApplicationId) {
    lastApplicationId = id;
    lastApplicationHash = hashText(id) ^ 0x5bd1e995;
  }
  return lastApplicationHash;
};

/**
 * The hashes of the first few stage names seen: a stage column has a handful of values, each one string
 * instance (interned), so comparing is mostly comparing pointers.
 */
const stageTexts: string[] = [];
const stageHashes: number[] = [];
const stageHash = (stage: string): number => {
  for (let i = 0; i < stageTexts.length; i++) if (stageTexts[i] === stage) return stageHashes[i]!;
  const hash = hashText(stage);
  if (stageTexts.length < 16) {
    stageTexts.push(stage);
    stageHashes.push(hash);
  }
  return hash;
};

export const stageEventKey: Keyed<StageEvent, StageEventTable> = columnRows(
  StageEventTable,
  'application_id, stage, entered_at',
  (t, p) =>
    hashNumber(t.enteredAt[p]!, Math.imul(applicationHash(t.applicationId[p]!) ^ stageHash(t.stage[p]!), 16777619)),
  (t, a, b) =>
    t.applicationId[a] === t.applicationId[b] && t.stage[a] === t.stage[b] && t.enteredAt[a] === t.enteredAt[b],
);
