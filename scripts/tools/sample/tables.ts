/**
 * The sample as the four CSV files of the canonical template: header row, comma-separated, LF line endings,
 * a final newline, quotes only where RFC 4180 needs them. Dates are `YYYY-MM-DD`, date-times
 * `YYYY-MM-DDTHH:MM:SSZ` (UTC).
 */
import Papa from 'papaparse';
import { exportLayout, type ExportLayout } from '../export-layout.ts';
import type { Entity } from '../../schema/canonical.ts';
import { isoDate, isoDateTime } from './calendar.ts';
import { STAGES, type Application, type FeedbackSlot } from './journey.ts';
import type { Job } from './requisitions.ts';

type Cell = string | number | undefined;

function toCsv(layout: ExportLayout<Entity, string>, rows: readonly (readonly Cell[])[]): string {
  const data = rows.map((row) => row.map((cell) => (cell === undefined ? '' : String(cell))));
  return `${Papa.unparse({ fields: [...layout.columns], data }, { newline: '\n' })}\n`;
}

const REQUISITIONS = exportLayout('requisitions');
/**
 * Applications as an ATS exports them: the candidate's name and contact details after their id and a notes
 * column at the end (the reader drops them all), and no job title (the requisition's is used).
 */
const APPLICATIONS = exportLayout('applications', {
  leaveOut: ['jobTitle'],
  extra: { candidateKey: ['candidate_name', 'candidate_email', 'candidate_phone'], end: ['notes'] },
});
const INTERVIEWS = exportLayout('interviews');
const STAGE_EVENTS = exportLayout('stage_events');

const date = (instant: number | undefined) => (instant === undefined ? '' : isoDate(instant));
const dateTime = (instant: number | undefined) => (instant === undefined ? '' : isoDateTime(instant));

export function requisitionsCsv(jobs: readonly Job[]): { csv: string; rows: number } {
  const seats = jobs
    .flatMap((job) => job.seats)
    .sort((a, b) => (a.requisitionId < b.requisitionId ? -1 : a.requisitionId > b.requisitionId ? 1 : 0));
  const rows = seats.map((seat) =>
    REQUISITIONS.row<Cell>({
      requisitionId: seat.requisitionId,
      jobId: seat.job.jobId,
      jobTitle: seat.job.title,
      department: seat.job.team.department.name,
      location: seat.job.location,
      hiringManager: seat.job.hiringManager,
      recruiter: seat.job.recruiter,
      openedAt: date(seat.openedOn),
      filledAt: date(seat.hiredAt),
      closedAt: date(seat.closedOn),
      status: seat.status,
    }),
  );
  return { csv: toCsv(REQUISITIONS, rows), rows: rows.length };
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
    return APPLICATIONS.row<Cell>({
      applicationId: application.applicationId,
      candidateKey: application.candidateId,
      candidate_name: candidate?.name,
      candidate_email: candidate?.email,
      candidate_phone: candidate?.phone,
      jobId: application.job.jobId,
      department: application.job.team.department.name,
      appliedAt: dateTime(application.appliedAt),
      source: application.source,
      currentStage: application.currentStage,
      status: application.status,
      rejectedAt: dateTime(application.rejectedAt),
      rejectionReason: application.rejectionReason,
      rejectedBy: application.rejectedBy,
      hiredAt: dateTime(application.hiredAt),
      notes: application.notes,
    });
  });
  return { csv: toCsv(APPLICATIONS, rows), rows: rows.length };
}

/** One row per feedback slot, numbered in the order the interviews took place. */
export function interviewsCsv(applications: readonly Application[]): { csv: string; rows: number } {
  const slots: { application: Application; slot: FeedbackSlot }[] = applications.flatMap((application) =>
    application.slots.map((slot) => ({ application, slot })),
  );
  // Stable sort: slots at the same time keep application order, then panel order.
  slots.sort((a, b) => a.slot.startsAt - b.slot.startsAt);
  const rows = slots.map(({ application, slot }, i) =>
    INTERVIEWS.row<Cell>({
      interviewId: `INT-${String(i + 1).padStart(6, '0')}`,
      applicationId: application.applicationId,
      stage: slot.stage,
      interviewer: slot.interviewer,
      interviewAt: dateTime(slot.startsAt),
      interviewEndAt: dateTime(slot.endsAt),
      feedbackSubmittedAt: dateTime(slot.submittedAt),
      recommendation: slot.recommendation,
    }),
  );
  return { csv: toCsv(INTERVIEWS, rows), rows: rows.length };
}

export function stageEventsCsv(applications: readonly Application[]): { csv: string; rows: number } {
  const rows = applications.flatMap((application) =>
    [...application.visits]
      .sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage))
      // No drop reason: the sample's outcomes are in its applications (the reason column stays empty).
      .map((visit) =>
        STAGE_EVENTS.row<Cell>({
          applicationId: application.applicationId,
          stage: visit.stage,
          enteredAt: dateTime(visit.enteredAt),
          exitedAt: dateTime(visit.exitedAt),
        }),
      ),
  );
  return { csv: toCsv(STAGE_EVENTS, rows), rows: rows.length };
}
