/**
 * The sample as the four CSV files of the canonical template: header row, comma-separated, LF line endings,
 * a final newline, quotes only where RFC 4180 needs them. Dates are `YYYY-MM-DD`, date-times
 * `YYYY-MM-DDTHH:MM:SSZ` (UTC).
 */
import Papa from 'papaparse';
import { templateColumns } from '../../schema/canonical.ts';
import { isoDate, isoDateTime } from './calendar.ts';
import { STAGES, type Application, type FeedbackSlot } from './journey.ts';
import type { Job } from './requisitions.ts';

type Cell = string | number | undefined;

function toCsv(fields: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const data = rows.map((row) => row.map((cell) => (cell === undefined ? '' : String(cell))));
  return `${Papa.unparse({ fields: [...fields], data }, { newline: '\n' })}\n`;
}

const date = (instant: number | undefined) => (instant === undefined ? '' : isoDate(instant));
const dateTime = (instant: number | undefined) => (instant === undefined ? '' : isoDateTime(instant));

export function requisitionsCsv(jobs: readonly Job[]): { csv: string; rows: number } {
  const seats = jobs
    .flatMap((job) => job.seats)
    .sort((a, b) => (a.requisitionId < b.requisitionId ? -1 : a.requisitionId > b.requisitionId ? 1 : 0));
  const rows = seats.map((seat) => [
    seat.requisitionId,
    seat.job.jobId,
    seat.job.title,
    seat.job.team.department.name,
    seat.job.location,
    seat.job.hiringManager,
    seat.job.recruiter,
    date(seat.openedOn),
    date(seat.hiredAt),
    date(seat.closedOn),
    seat.status,
  ]);
  return { csv: toCsv(templateColumns('requisitions'), rows), rows: rows.length };
}

export interface CandidateColumns {
  name: string;
  email: string;
  phone: string;
}

/** `applications` in id order; `candidates` gives the identifying columns of each candidate id. */
export function applicationsCsv(
  applications: readonly Application[],
  candidates: ReadonlyMap<string, CandidateColumns>,
): { csv: string; rows: number } {
  const rows = applications.map((application) => {
    const candidate = candidates.get(application.candidateId);
    return [
      application.applicationId,
      application.candidateId,
      candidate?.name,
      candidate?.email,
      candidate?.phone,
      application.job.jobId,
      application.job.team.department.name,
      dateTime(application.appliedAt),
      application.source,
      application.currentStage,
      application.status,
      dateTime(application.rejectedAt),
      application.rejectionReason,
      application.rejectedBy,
      dateTime(application.hiredAt),
      application.notes,
    ];
  });
  const fields = [
    'application_id',
    'candidate_id',
    'candidate_name',
    'candidate_email',
    'candidate_phone',
    'job_id',
    'department',
    'applied_at',
    'source',
    'current_stage',
    'status',
    'rejected_at',
    'rejection_reason',
    'rejected_by',
    'hired_at',
    'notes',
  ];
  return { csv: toCsv(fields, rows), rows: rows.length };
}

/** One row per feedback slot, numbered in the order the interviews took place. */
export function interviewsCsv(applications: readonly Application[]): { csv: string; rows: number } {
  const slots: { application: Application; slot: FeedbackSlot }[] = applications.flatMap((application) =>
    application.slots.map((slot) => ({ application, slot })),
  );
  // Stable sort: slots at the same time keep application order, then panel order.
  slots.sort((a, b) => a.slot.startsAt - b.slot.startsAt);
  const rows = slots.map(({ application, slot }, i) => [
    `INT-${String(i + 1).padStart(6, '0')}`,
    application.applicationId,
    slot.stage,
    slot.interviewer,
    dateTime(slot.startsAt),
    dateTime(slot.endsAt),
    dateTime(slot.submittedAt),
    slot.recommendation,
  ]);
  return { csv: toCsv(templateColumns('interviews'), rows), rows: rows.length };
}

export function stageEventsCsv(applications: readonly Application[]): { csv: string; rows: number } {
  const rows = applications.flatMap((application) =>
    [...application.visits]
      .sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage))
      // No drop reason: the sample's outcomes are in its applications (the reason column stays empty).
      .map((visit) => [
        application.applicationId,
        visit.stage,
        dateTime(visit.enteredAt),
        dateTime(visit.exitedAt),
        '',
      ]),
  );
  return { csv: toCsv(templateColumns('stage_events'), rows), rows: rows.length };
}
