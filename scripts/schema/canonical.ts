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
  /** Used only to join; never leaves the data step. */
  candidateKey: string | null;
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
}

export interface CanonicalTables {
  requisitions: Requisition[];
  applications: Application[];
  interviews: Interview[];
  stageEvents: StageEvent[];
}

/** The template's columns per entity, in the users' spelling (SPEC.md "The canonical template"). */
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
  ],
};

/** The template's column names of `entity`, in template order: the header of a canonical export. */
export const templateColumns = (entity: Entity): string[] => TEMPLATE[entity].map((field) => field.column);
