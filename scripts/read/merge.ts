/**
 * Merging re-exports (SPEC.md "Input"): rows with the same primary key are one record; the later row wins —
 * files are read in path order, rows in line order, so "later" is "the file whose path sorts last, then the
 * later line". The earlier row goes to the ledger as a duplicate: identical (every canonical value equal) or
 * conflicting.
 *
 * Keys: requisitions `requisition_id`; applications `application_id`; interviews `interview_id` +
 * `interviewer`; stage events `application_id` + `stage` + `entered_at`.
 */
import type { Application, Entity, Interview, Requisition, StageEvent } from '../schema/canonical.ts';
import { hashNumber, hashText, KeyIndex } from './key-index.ts';
import type { Ledger } from './ledger.ts';

export interface Keyed<T> {
  /** The key columns, as the ledger names them. */
  column: string;
  hashKey(row: T): number;
  sameKey(a: T, b: T): boolean;
  /** Every canonical value equal: an identical duplicate. */
  same(a: T, b: T): boolean;
}

/** How many rows from the one found last `find` tries before the index. */
const FIND_AHEAD = 4;

/** The rows of one entity as read, with where each came from and whether it is still used. */
export class EntityStore<T> {
  readonly entity: Entity;
  /** Every row read that passed the row-level rules, in reading order (never removed: the index points here). */
  readonly rows: T[] = [];
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
  readonly index: KeyIndex<T>;
  private readonly keyed: Keyed<T>;
  private readonly ledger: Ledger;

  constructor(entity: Entity, keyed: Keyed<T>, ledger: Ledger) {
    this.entity = entity;
    this.keyed = keyed;
    this.ledger = ledger;
    this.index = new KeyIndex<T>(
      keyed.hashKey,
      keyed.sameKey,
      (position) => this.rows[position] as T,
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
    this.index.defer(row, position);
  }

  private grow(): void {
    const capacity = this.lineOf.length * 2;
    const fileOf = new Int32Array(capacity);
    const lineOf = new Int32Array(capacity);
    const droppedOf = new Uint8Array(capacity);
    fileOf.set(this.fileOf);
    lineOf.set(this.lineOf);
    droppedOf.set(this.droppedOf);
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
    const identical = this.keyed.same(this.rows[earlier]!, this.rows[later]!);
    this.ledger.duplicate(this.entity, this.fileOf[earlier]!, this.lineOf[earlier]!, this.keyed.column, identical);
    if (this.droppedOf[earlier] === 0) this.droppedCount++;
    this.droppedOf[earlier] = 1;
  }

  /** The position `find` last found. */
  private lastFound = -1;

  /**
   * The used row with this key, or null. `probe` needs only the key fields.
   *
   * Callers look keys up in runs and in order (the interviews and stage events of one application come
   * together, applications in the order of their export), so the row found last and the few after it are tried
   * before the index: a used row with the key is the one the index holds for it (every earlier row with its key
   * is dropped), and reading the next rows is cheaper than a random probe into a table of millions of slots.
   */
  find(probe: T): T | null {
    this.index.settle();
    const { rows, droppedOf: dropped } = this;
    const from = this.lastFound === -1 ? rows.length : this.lastFound;
    const to = Math.min(from + FIND_AHEAD, rows.length);
    for (let position = from; position < to; position++) {
      if (!dropped[position] && this.keyed.sameKey(rows[position]!, probe)) {
        this.lastFound = position;
        return rows[position]!;
      }
    }
    const position = this.index.get(probe);
    if (position === -1) return null;
    this.lastFound = position;
    return dropped[position] ? null : rows[position]!;
  }

  /** Take a used row out, with a reason (cross-table checks). */
  quarantine(position: number, column: string, problem: string): void {
    this.index.settle();
    if (this.droppedOf[position] === 0) this.droppedCount++;
    this.droppedOf[position] = 1;
    this.ledger.quarantine(this.entity, this.fileOf[position]!, this.lineOf[position]!, column, problem);
  }

  /** Calls `f` for every used row. */
  forEachUsed(f: (row: T, position: number) => void): void {
    this.index.settle();
    const { rows, droppedOf: dropped } = this;
    for (let position = 0; position < rows.length; position++) {
      if (!dropped[position]) f(rows[position]!, position);
    }
  }

  used(): T[] {
    this.index.settle();
    const { rows, droppedOf: dropped } = this;
    if (this.droppedCount === 0) return rows.slice();
    const used: T[] = [];
    for (let position = 0; position < rows.length; position++) {
      if (!dropped[position]) used.push(rows[position]!);
    }
    return used;
  }
}

export const requisitionKey: Keyed<Requisition> = {
  column: 'requisition_id',
  hashKey: (r) => hashText(r.requisitionId),
  sameKey: (a, b) => a.requisitionId === b.requisitionId,
  same: (a, b) =>
    a.requisitionId === b.requisitionId &&
    a.jobId === b.jobId &&
    a.jobTitle === b.jobTitle &&
    a.department === b.department &&
    a.location === b.location &&
    a.hiringManager === b.hiringManager &&
    a.recruiter === b.recruiter &&
    a.openedAt === b.openedAt &&
    a.filledAt === b.filledAt &&
    a.closedAt === b.closedAt &&
    a.status === b.status,
};

export const applicationKey: Keyed<Application> = {
  column: 'application_id',
  hashKey: (a) => hashText(a.applicationId),
  sameKey: (a, b) => a.applicationId === b.applicationId,
  same: (a, b) =>
    a.applicationId === b.applicationId &&
    a.candidateKey === b.candidateKey &&
    a.jobId === b.jobId &&
    a.department === b.department &&
    a.jobTitle === b.jobTitle &&
    a.appliedAt === b.appliedAt &&
    a.source === b.source &&
    a.currentStage === b.currentStage &&
    a.status === b.status &&
    a.rejectedAt === b.rejectedAt &&
    a.rejectionReason === b.rejectionReason &&
    a.rejectedBy === b.rejectedBy &&
    a.hiredAt === b.hiredAt,
};

export const interviewKey: Keyed<Interview> = {
  column: 'interview_id, interviewer',
  hashKey: (i) => hashText(i.interviewer ?? '', hashText(i.interviewId) ^ 0x5bd1e995),
  sameKey: (a, b) => a.interviewId === b.interviewId && a.interviewer === b.interviewer,
  same: (a, b) =>
    a.interviewId === b.interviewId &&
    a.applicationId === b.applicationId &&
    a.stage === b.stage &&
    a.interviewer === b.interviewer &&
    a.interviewAt === b.interviewAt &&
    a.interviewEndAt === b.interviewEndAt &&
    a.feedbackSubmittedAt === b.feedbackSubmittedAt &&
    a.recommendation === b.recommendation,
};

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

export const stageEventKey: Keyed<StageEvent> = {
  column: 'application_id, stage, entered_at',
  hashKey: (e) => hashNumber(e.enteredAt, Math.imul(applicationHash(e.applicationId) ^ stageHash(e.stage), 16777619)),
  sameKey: (a, b) => a.applicationId === b.applicationId && a.stage === b.stage && a.enteredAt === b.enteredAt,
  same: (a, b) =>
    a.applicationId === b.applicationId &&
    a.stage === b.stage &&
    a.enteredAt === b.enteredAt &&
    a.exitedAt === b.exitedAt,
};
