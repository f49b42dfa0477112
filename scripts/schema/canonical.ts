/**
 * The canonical tables: what every export, whatever ATS it came from, becomes after reading.
 *
 * Rows are plain objects built by hand in the reader (not one zod parse per row: at a million rows the
 * per-row schema would cost more than the CSV parse itself). zod guards the boundaries instead: headers,
 * config and the aggregates artifact.
 *
 * Time is kept as an instant (epoch milliseconds, UTC). A date-only value (`2025-03-04`) is the instant of
 * local midnight in the configured timezone, so that "the calendar date in the configured timezone" of any
 * value is well defined (see `scripts/read/dates.ts`).
 *
 * Free text and identifying columns (names, e-mails, phones, notes) have no field here: they are dropped
 * when the row is read. `candidateKey` exists only to join and is never written to the artifact.
 */

/** Milliseconds since 1970-01-01T00:00:00Z. */
export type Instant = number;

export const ENTITIES = ['requisitions', 'applications', 'interviews', 'stage_events'] as const;
export type Entity = (typeof ENTITIES)[number];

export const REQUISITION_STATUSES = ['open', 'on_hold', 'filled', 'closed', 'cancelled'] as const;
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];

export const APPLICATION_STATUSES = ['active', 'rejected', 'withdrawn', 'hired'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const REJECTED_BY = ['company', 'candidate'] as const;
export type RejectedBy = (typeof REJECTED_BY)[number];

export const RECOMMENDATIONS = ['strong_yes', 'yes', 'no', 'strong_no', 'no_decision'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export interface Requisition {
  requisitionId: string;
  /** Defaults to `requisitionId`; several seats of one job share it. Applications join on it. */
  jobId: string;
  jobTitle: string;
  department: string | null;
  location: string | null;
  hiringManager: string | null;
  recruiter: string | null;
  openedAt: Instant;
  /** A seat is filled when it has `filledAt`, whatever its status says. */
  filledAt: Instant | null;
  closedAt: Instant | null;
  status: RequisitionStatus | null;
}

export interface Application {
  applicationId: string;
  /**
   * A pseudonym of the candidate id (a 53-bit hash, seeded per run: it means nothing outside the run). Used only
   * to tell an identical re-exported row from a conflicting one; never leaves the data step.
   */
  candidateKey: number | null;
  jobId: string;
  /** From the row when the export carries it, else from the requisition of `jobId`. */
  department: string | null;
  jobTitle: string | null;
  appliedAt: Instant;
  source: string | null;
  currentStage: string | null;
  status: ApplicationStatus;
  rejectedAt: Instant | null;
  rejectionReason: string | null;
  /** `withdrawn` implies candidate; null when the export does not say. */
  rejectedBy: RejectedBy | null;
  hiredAt: Instant | null;
}

/** One feedback slot: one interviewer in one interview. */
export interface Interview {
  interviewId: string;
  applicationId: string;
  stage: string | null;
  /** An employee's name; shown only in per-interviewer figures, which are off by default. */
  interviewer: string | null;
  interviewAt: Instant;
  interviewEndAt: Instant | null;
  /** null = not submitted. */
  feedbackSubmittedAt: Instant | null;
  recommendation: Recommendation | null;
}

export interface StageEvent {
  applicationId: string;
  stage: string;
  enteredAt: Instant;
  exitedAt: Instant | null;
  /** Why the candidate dropped out here (a drop reason); optional for tests that leave it out. */
  reason?: string | null;
}

/**
 * The canonical tables. Interviews and stage events — millions of rows at a large company — are kept column by
 * column (see `InterviewTable`); requisitions and applications, far fewer, as row objects.
 */
export interface CanonicalTables {
  requisitions: Requisition[];
  applications: Application[];
  interviews: InterviewTable;
  stageEvents: StageEventTable;
  /**
   * The template columns each table's files had (read or derived), when the reader knows them: a figure whose
   * input column is absent is "not in your export", never 0. Undefined (tables built by tests): every column.
   */
  columns?: PresentColumns;
}

/** Template columns present per table (see `CanonicalTables.columns`). */
export type PresentColumns = Record<Entity, readonly string[]>;

/** The canonical tables as rows: how tests and small tools write them (`canonicalTables` turns them into tables). */
export interface CanonicalRows {
  requisitions: Requisition[];
  applications: Application[];
  interviews: Interview[];
  stageEvents: StageEvent[];
}

export function canonicalTables(rows: CanonicalRows): CanonicalTables {
  return {
    requisitions: rows.requisitions,
    applications: rows.applications,
    interviews: InterviewTable.of(rows.interviews),
    stageEvents: StageEventTable.of(rows.stageEvents),
  };
}

/**
 * Rows as columns, by field: row `r` is index `r` of each. Instants are numbers there, NaN where a row has
 * none (how rows read on a worker thread arrive, see `scripts/read/row-batch.ts`).
 */
export type BatchColumns<T> = {
  readonly [K in keyof T]-?: ArrayLike<null extends T[K] ? (Exclude<T[K], null> extends number ? number : T[K]) : T[K]>;
};

/**
 * Columns are filled by index into room made ahead (`reserve`), not by `push`: arrays of millions grown a value
 * at a time were copied again and again, and the loops that pushed ran several times slower than these.
 * One function for instants and one for other values, so that each loop sees one kind of array.
 */
function copyInstants(to: number[], at: number, from: ArrayLike<number>, count: number): void {
  for (let r = 0; r < count; r++) to[at + r] = from[r]!;
}
function copyValues<V>(to: V[], at: number, from: ArrayLike<V>, count: number): void {
  for (let r = 0; r < count; r++) to[at + r] = from[r]!;
}
/** `column` with room for `capacity` values: the first `length` copied, the rest NaN. */
function moreInstants(column: number[], length: number, capacity: number): number[] {
  const more = new Array<number>(capacity).fill(NaN);
  copyInstants(more, 0, column, length);
  return more;
}
function moreValues<V>(column: V[], length: number, capacity: number): V[] {
  const more = new Array<V>(capacity).fill(null as V);
  copyValues(more, 0, column, length);
  return more;
}
/** The capacity to grow to for `needed` rows: doubling, so that a table of n rows copies fewer than 2n. */
const capacityFor = (needed: number, capacity: number): number => Math.max(needed, 2 * capacity, 1024);

/** A missing instant in a column of instants: NaN (`value === value` is false only for it). */
const instantOrNaN = (value: Instant | null): number => (value === null ? NaN : value);
const instantOrNull = (value: number): Instant | null => (value === value ? value : null);

/** What the column tables share: rows as objects, and the rows kept after merging. */
abstract class ColumnTable<T> {
  length = 0;
  abstract push(row: T): void;
  /** Row `r` as an object (tests, and the few rows a message names). */
  abstract row(r: number): T;
  /** Trims the room made ahead: every array is `length` long. */
  abstract seal(): this;
  protected abstract empty(): this;

  rows(): T[] {
    return Array.from({ length: this.length }, (_, r) => this.row(r));
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
    for (let r = 0; r < this.length; r++) if (!dropped[r]) kept.push(this.row(r));
    return kept.seal();
  }
}

/**
 * Interviews, one array per field, row `r` at index `r` of each. Millions of row objects, each instant in a box
 * of its own, were most of what the data step held in memory and most of what every garbage collection walked;
 * arrays of plain numbers and shared strings are a few large objects instead. Instants are numbers, NaN where
 * the row has none.
 *
 * While rows are added the arrays may be longer than `length` (room made ahead); `seal` trims them, and every
 * table handed on (`of`, `kept`) is sealed.
 */
export class InterviewTable extends ColumnTable<Interview> {
  interviewId: string[] = [];
  applicationId: string[] = [];
  stage: Array<string | null> = [];
  interviewer: Array<string | null> = [];
  interviewAt: number[] = [];
  interviewEndAt: number[] = [];
  feedbackSubmittedAt: number[] = [];
  recommendation: Array<Recommendation | null> = [];

  static of(rows: readonly Interview[]): InterviewTable {
    const table = new InterviewTable();
    for (const row of rows) table.push(row);
    return table.seal();
  }

  /** Room for `count` more rows. */
  reserve(count: number): void {
    const { length } = this;
    const capacity = this.interviewAt.length;
    if (length + count <= capacity) return;
    const to = capacityFor(length + count, capacity);
    this.interviewId = moreValues(this.interviewId, length, to);
    this.applicationId = moreValues(this.applicationId, length, to);
    this.stage = moreValues(this.stage, length, to);
    this.interviewer = moreValues(this.interviewer, length, to);
    this.interviewAt = moreInstants(this.interviewAt, length, to);
    this.interviewEndAt = moreInstants(this.interviewEndAt, length, to);
    this.feedbackSubmittedAt = moreInstants(this.feedbackSubmittedAt, length, to);
    this.recommendation = moreValues(this.recommendation, length, to);
  }

  push(i: Interview): void {
    this.reserve(1);
    const r = this.length++;
    this.interviewId[r] = i.interviewId;
    this.applicationId[r] = i.applicationId;
    this.stage[r] = i.stage;
    this.interviewer[r] = i.interviewer;
    this.interviewAt[r] = i.interviewAt;
    this.interviewEndAt[r] = instantOrNaN(i.interviewEndAt);
    this.feedbackSubmittedAt[r] = instantOrNaN(i.feedbackSubmittedAt);
    this.recommendation[r] = i.recommendation;
  }

  /** Appends `count` rows given as columns. */
  append(c: BatchColumns<Interview>, count: number): void {
    this.reserve(count);
    const at = this.length;
    this.length += count;
    copyValues(this.interviewId, at, c.interviewId, count);
    copyValues(this.applicationId, at, c.applicationId, count);
    copyValues(this.stage, at, c.stage, count);
    copyValues(this.interviewer, at, c.interviewer, count);
    copyInstants(this.interviewAt, at, c.interviewAt, count);
    copyInstants(this.interviewEndAt, at, c.interviewEndAt, count);
    copyInstants(this.feedbackSubmittedAt, at, c.feedbackSubmittedAt, count);
    copyValues(this.recommendation, at, c.recommendation, count);
  }

  seal(): this {
    for (const column of [
      this.interviewId,
      this.applicationId,
      this.stage,
      this.interviewer,
      this.interviewAt,
      this.interviewEndAt,
      this.feedbackSubmittedAt,
      this.recommendation,
    ])
      column.length = this.length;
    return this;
  }

  protected empty(): this {
    return new InterviewTable() as this;
  }

  row(r: number): Interview {
    return {
      interviewId: this.interviewId[r]!,
      applicationId: this.applicationId[r]!,
      stage: this.stage[r]!,
      interviewer: this.interviewer[r]!,
      interviewAt: this.interviewAt[r]!,
      interviewEndAt: instantOrNull(this.interviewEndAt[r]!),
      feedbackSubmittedAt: instantOrNull(this.feedbackSubmittedAt[r]!),
      recommendation: this.recommendation[r]!,
    };
  }
}

/** Stage events, one array per field (see `InterviewTable`); `exitedAt` is NaN while the stage is not left. */
export class StageEventTable extends ColumnTable<StageEvent> {
  applicationId: string[] = [];
  stage: string[] = [];
  enteredAt: number[] = [];
  exitedAt: number[] = [];
  reason: Array<string | null> = [];

  static of(rows: readonly StageEvent[]): StageEventTable {
    const table = new StageEventTable();
    for (const row of rows) table.push(row);
    return table.seal();
  }

  reserve(count: number): void {
    const { length } = this;
    const capacity = this.enteredAt.length;
    if (length + count <= capacity) return;
    const to = capacityFor(length + count, capacity);
    this.applicationId = moreValues(this.applicationId, length, to);
    this.stage = moreValues(this.stage, length, to);
    this.enteredAt = moreInstants(this.enteredAt, length, to);
    this.exitedAt = moreInstants(this.exitedAt, length, to);
    this.reason = moreValues(this.reason, length, to);
  }

  push(e: StageEvent): void {
    this.reserve(1);
    const r = this.length++;
    this.applicationId[r] = e.applicationId;
    this.stage[r] = e.stage;
    this.enteredAt[r] = e.enteredAt;
    this.exitedAt[r] = instantOrNaN(e.exitedAt);
    this.reason[r] = e.reason ?? null;
  }

  append(c: BatchColumns<StageEvent>, count: number): void {
    this.reserve(count);
    const at = this.length;
    this.length += count;
    copyValues(this.applicationId, at, c.applicationId, count);
    copyValues(this.stage, at, c.stage, count);
    copyInstants(this.enteredAt, at, c.enteredAt, count);
    copyInstants(this.exitedAt, at, c.exitedAt, count);
    copyValues(this.reason, at, c.reason, count);
  }

  seal(): this {
    for (const column of [this.applicationId, this.stage, this.enteredAt, this.exitedAt, this.reason])
      column.length = this.length;
    return this;
  }

  protected empty(): this {
    return new StageEventTable() as this;
  }

  row(r: number): StageEvent {
    return {
      applicationId: this.applicationId[r]!,
      stage: this.stage[r]!,
      enteredAt: this.enteredAt[r]!,
      exitedAt: instantOrNull(this.exitedAt[r]!),
      reason: this.reason[r]!,
    };
  }
}

/** The template's columns per entity, in the users' spelling (README "The canonical template"). */
export type FieldKind = 'text' | 'id' | 'instant' | 'enum';
export interface TemplateField {
  column: string;
  required: boolean;
  kind: FieldKind;
}

const f = (column: string, kind: FieldKind, required = false): TemplateField => ({ column, kind, required });

export const TEMPLATE: Record<Entity, readonly TemplateField[]> = {
  requisitions: [
    f('requisition_id', 'id', true),
    f('job_id', 'id'),
    f('job_title', 'text', true),
    f('department', 'text'),
    f('location', 'text'),
    f('hiring_manager', 'text'),
    f('recruiter', 'text'),
    f('opened_at', 'instant', true),
    f('filled_at', 'instant'),
    f('closed_at', 'instant'),
    f('status', 'enum'),
  ],
  applications: [
    f('application_id', 'id', true),
    f('candidate_id', 'id'),
    f('job_id', 'id', true),
    f('department', 'text'),
    f('job_title', 'text'),
    f('applied_at', 'instant', true),
    f('source', 'text'),
    f('current_stage', 'text'),
    f('status', 'enum', true),
    f('rejected_at', 'instant'),
    f('rejection_reason', 'text'),
    f('rejected_by', 'enum'),
    f('hired_at', 'instant'),
  ],
  interviews: [
    f('interview_id', 'id', true),
    f('application_id', 'id', true),
    f('stage', 'text'),
    f('interviewer', 'text'),
    f('interview_at', 'instant', true),
    f('interview_end_at', 'instant'),
    f('feedback_submitted_at', 'instant'),
    f('recommendation', 'enum'),
  ],
  stage_events: [
    f('application_id', 'id', true),
    f('stage', 'text', true),
    f('entered_at', 'instant', true),
    f('exited_at', 'instant'),
    f('reason', 'text'),
  ],
};

/** The template's column names of `entity`, in template order: the header of a canonical export. */
export const templateColumns = (entity: Entity): string[] => TEMPLATE[entity].map((field) => field.column);
