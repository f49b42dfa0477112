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
import { columnTable, type ColumnTable } from './column-table.ts';

export type { BatchColumns } from './column-table.ts';

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

/**
 * How a field is read, kept, sent from a worker thread and compared when two rows share a key:
 * - `id`: an identifier (its own value in most rows; with a `dictionary`, one repeated by many rows);
 * - `ref`: an application id naming a row of another table (rows of one application come together);
 * - `text`: free text shared by many rows, interned in its `dictionary`;
 * - `enum`: one of `values`;
 * - `instant`: epoch milliseconds (a number; in a column, NaN for none);
 * - `pseudonym`: a candidate's pseudonymous key, a 53-bit hash (a number; in a column, NaN for none).
 * Two duplicates are identical when every field is equal: numbers kept in columns compare NaN equal to NaN.
 */
export type FieldKind = 'id' | 'ref' | 'text' | 'enum' | 'instant' | 'pseudonym';

/** The interner (and cross-thread dictionary) of a repeated text field; fields that share one share values. */
export type Dictionary = 'jobId' | 'title' | 'department' | 'location' | 'person' | 'stage' | 'source' | 'reason';

/** One field of a canonical row. */
export interface Field {
  /** The property of the row. */
  key: string;
  /** The template column it is read from, in the users' spelling. */
  column: string;
  kind: FieldKind;
  /** A row without it is quarantined (the template marks the column required). */
  required?: boolean;
  /** The column whose value it takes when the row has none: never null then. */
  defaultsTo?: string;
  /** For `text`, and for an `id` that repeats (job ids). */
  dictionary?: Dictionary;
  /** For `enum`: the values it may take. */
  values?: readonly string[];
  /** What a user should know about the column, in their words (the template's documentation shows it). */
  note?: string;
}

/**
 * The one description of each canonical table, field by field in row order: the row types, the template, the
 * column tables, the batches posted from worker threads and the duplicate comparison are all derived from it.
 * Adding a column is one line here plus its use (reading it in `scripts/read/rows.ts`, and what reads it).
 */
export const FIELDS = {
  requisitions: [
    { key: 'requisitionId', column: 'requisition_id', kind: 'id', required: true },
    {
      key: 'jobId',
      column: 'job_id',
      kind: 'id',
      dictionary: 'jobId',
      defaultsTo: 'requisition_id',
      note: 'Several seats of one job share it; applications join on it.',
    },
    { key: 'jobTitle', column: 'job_title', kind: 'text', dictionary: 'title', required: true },
    { key: 'department', column: 'department', kind: 'text', dictionary: 'department' },
    { key: 'location', column: 'location', kind: 'text', dictionary: 'location' },
    { key: 'hiringManager', column: 'hiring_manager', kind: 'text', dictionary: 'person' },
    { key: 'recruiter', column: 'recruiter', kind: 'text', dictionary: 'person' },
    { key: 'openedAt', column: 'opened_at', kind: 'instant', required: true },
    {
      key: 'filledAt',
      column: 'filled_at',
      kind: 'instant',
      note: 'A seat is filled when it has a fill date, whatever its status says.',
    },
    { key: 'closedAt', column: 'closed_at', kind: 'instant' },
    { key: 'status', column: 'status', kind: 'enum', values: REQUISITION_STATUSES },
  ],
  applications: [
    { key: 'applicationId', column: 'application_id', kind: 'id', required: true },
    // A hash seeded per run: it means nothing outside the run and never leaves the data step.
    {
      key: 'candidateKey',
      column: 'candidate_id',
      kind: 'pseudonym',
      note: 'Used only to tell an identical re-exported row from a conflicting one; never published.',
    },
    { key: 'jobId', column: 'job_id', kind: 'id', dictionary: 'jobId', required: true },
    {
      key: 'department',
      column: 'department',
      kind: 'text',
      dictionary: 'department',
      note: "The requisition's (same `job_id`) when the row has none.",
    },
    { key: 'jobTitle', column: 'job_title', kind: 'text', dictionary: 'title' },
    { key: 'appliedAt', column: 'applied_at', kind: 'instant', required: true },
    { key: 'source', column: 'source', kind: 'text', dictionary: 'source' },
    { key: 'currentStage', column: 'current_stage', kind: 'text', dictionary: 'stage' },
    { key: 'status', column: 'status', kind: 'enum', values: APPLICATION_STATUSES, required: true },
    { key: 'rejectedAt', column: 'rejected_at', kind: 'instant' },
    { key: 'rejectionReason', column: 'rejection_reason', kind: 'text', dictionary: 'reason' },
    {
      key: 'rejectedBy',
      column: 'rejected_by',
      kind: 'enum',
      values: REJECTED_BY,
      note: 'A `withdrawn` status implies `candidate`.',
    },
    { key: 'hiredAt', column: 'hired_at', kind: 'instant' },
  ],
  // One feedback slot: one interviewer in one interview.
  interviews: [
    { key: 'interviewId', column: 'interview_id', kind: 'id', required: true },
    { key: 'applicationId', column: 'application_id', kind: 'ref', required: true },
    { key: 'stage', column: 'stage', kind: 'text', dictionary: 'stage' },
    {
      key: 'interviewer',
      column: 'interviewer',
      kind: 'text',
      dictionary: 'person',
      note: 'An employee; shown only in per-interviewer figures, which are off by default.',
    },
    { key: 'interviewAt', column: 'interview_at', kind: 'instant', required: true },
    { key: 'interviewEndAt', column: 'interview_end_at', kind: 'instant' },
    { key: 'feedbackSubmittedAt', column: 'feedback_submitted_at', kind: 'instant', note: 'Empty: not submitted.' },
    { key: 'recommendation', column: 'recommendation', kind: 'enum', values: RECOMMENDATIONS },
  ],
  stage_events: [
    { key: 'applicationId', column: 'application_id', kind: 'ref', required: true },
    { key: 'stage', column: 'stage', kind: 'text', dictionary: 'stage', required: true },
    { key: 'enteredAt', column: 'entered_at', kind: 'instant', required: true },
    { key: 'exitedAt', column: 'exited_at', kind: 'instant' },
    {
      key: 'reason',
      column: 'reason',
      kind: 'text',
      dictionary: 'reason',
      note: 'Why the candidate dropped out at this stage.',
    },
  ],
} as const satisfies Record<Entity, readonly Field[]>;

/** The value a field holds: a number for instants and keys, an enum's values, else text. */
type ValueOf<F> = F extends { kind: 'instant' | 'pseudonym' }
  ? number
  : F extends { values: ReadonlyArray<infer V> }
    ? V
    : string;
/** Null, unless the field is required or falls back on another. */
type NullOf<F> = F extends { required: true } | { defaultsTo: string } ? never : null;
/** The row a field table describes. */
export type RowOf<Fields extends readonly Field[]> = {
  -readonly [F in Fields[number] as F['key']]: ValueOf<F> | NullOf<F>;
};

export type Requisition = RowOf<typeof FIELDS.requisitions>;
export type Application = RowOf<typeof FIELDS.applications>;
export type Interview = RowOf<typeof FIELDS.interviews>;
export type StageEvent = RowOf<typeof FIELDS.stage_events>;

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

/** Interviews and stage events, column by column (see `column-table.ts`). */
export const InterviewTable = columnTable<Interview>(FIELDS.interviews);
export type InterviewTable = ColumnTable<Interview>;
export const StageEventTable = columnTable<StageEvent>(FIELDS.stage_events);
export type StageEventTable = ColumnTable<StageEvent>;

/** The template's columns per entity, in the users' spelling (docs/exports.md, "The canonical template"). */
export type TemplateKind = 'text' | 'id' | 'instant' | 'enum';
export interface TemplateField {
  column: string;
  required: boolean;
  kind: TemplateKind;
}

const TEMPLATE_KIND: Record<FieldKind, TemplateKind> = {
  id: 'id',
  ref: 'id',
  pseudonym: 'id',
  text: 'text',
  enum: 'enum',
  instant: 'instant',
};

export const TEMPLATE: Record<Entity, readonly TemplateField[]> = Object.fromEntries(
  ENTITIES.map((entity) => [
    entity,
    FIELDS[entity].map((field: Field) => ({
      column: field.column,
      required: field.required === true,
      kind: TEMPLATE_KIND[field.kind],
    })),
  ]),
) as unknown as Record<Entity, readonly TemplateField[]>;

/** The template's column names of `entity`, in template order: the header of a canonical export. */
export const templateColumns = (entity: Entity): string[] => TEMPLATE[entity].map((field) => field.column);
