/**
 * A dialect is how one ATS spells the canonical tables: per table, which header names carry which template
 * column, and which of its values mean which canonical enum value. Dialects are data, not code: the reader
 * (`recognise.ts`, `rows.ts`) interprets them, so adding a vendor is adding a table.
 *
 * Header names are written as the vendor spells them and compared case-, space-, underscore- and
 * hyphen-insensitively (`matchKey`). Aliases are listed best first: the first one present in a file is used.
 */
import type {
  ApplicationStatus,
  Entity,
  Recommendation,
  RejectedBy,
  RequisitionStatus,
} from '../../schema/canonical.ts';

/** Raw value → canonical value; `null` = a known value that means "not stated". */
export interface ValueSynonyms {
  application_status?: Readonly<Record<string, ApplicationStatus>>;
  requisition_status?: Readonly<Record<string, RequisitionStatus | null>>;
  recommendation?: Readonly<Record<string, Recommendation | null>>;
  rejected_by?: Readonly<Record<string, RejectedBy | null>>;
}

/**
 * How the application status is found when the export has no status column.
 * - `archive` (Lever): no archive date = active; archived with a "hired" reason = hired at that date;
 *   archived otherwise = rejected at that date.
 * - `flag` (Workable): a true/false "disqualified" column = rejected; else a hire date = hired; else active.
 */
export type StatusRule =
  | { from: 'archive'; archivedAt: readonly string[]; hiredReasons: readonly string[] }
  | { from: 'flag'; rejected: readonly string[] };

export interface TableDialect {
  entity: Entity;
  /** Template column → header names that carry it, best first. */
  columns: Readonly<Record<string, readonly string[]>>;
  values?: ValueSynonyms;
  /** applications: status derived from other columns (the table then has no `status` column). */
  status?: StatusRule;
  /**
   * applications: statuses that are not an application of their own; the row is quarantined with this
   * explanation (Greenhouse `converted`: a prospect that became another application, which is counted).
   */
  notApplications?: Readonly<Record<string, string>>;
  /** applications: who turned the candidate down, by raw rejection reason, when the row does not say. */
  reasons?: Readonly<Record<string, RejectedBy | null>>;
  /**
   * requisitions: the seat is filled (at `closed_at`) when one of these columns is not empty, or holds one of
   * `values` (e.g. Greenhouse openings: a hired `application_id`, or the close reason "Hired").
   */
  filledWhen?: ReadonlyArray<{ columns: readonly string[]; values?: readonly string[] }>;
  /** interviews: `interview_end_at` = `interview_at` + this many minutes, when there is no end column. */
  durationMinutes?: readonly string[];
}

export interface Dialect {
  /** Short id written to the files summary (`greenhouse`). */
  id: string;
  /** Shown in messages (`Greenhouse`). */
  name: string;
  tables: readonly TableDialect[];
}
