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

/** The rows of one entity as read, with where each came from and whether it is still used. */
export class EntityStore<T> {
  readonly entity: Entity;
  /** Every row read that passed the row-level rules, in reading order (never removed: the index points here). */
  readonly rows: T[] = [];
  readonly fileIndexes: number[] = [];
  readonly lines: number[] = [];
  /** True once the row lost to a later duplicate or was quarantined by a cross-table check. */
  readonly dropped: boolean[] = [];
  /** Key → position in `rows` of the row that currently wins. */
  readonly index: KeyIndex<T>;
  private readonly keyed: Keyed<T>;
  private readonly ledger: Ledger;

  constructor(entity: Entity, keyed: Keyed<T>, ledger: Ledger) {
    this.entity = entity;
    this.keyed = keyed;
    this.ledger = ledger;
    this.index = new KeyIndex<T>(keyed.hashKey, keyed.sameKey, (position) => this.rows[position] as T);
  }

  add(row: T, fileIndex: number, line: number): void {
    const position = this.rows.length;
    this.rows.push(row);
    this.fileIndexes.push(fileIndex);
    this.lines.push(line);
    this.dropped.push(false);
    const earlier = this.index.set(row, position);
    if (earlier !== -1) {
      const identical = this.keyed.same(this.rows[earlier]!, row);
      this.ledger.duplicate(
        this.entity,
        this.fileIndexes[earlier]!,
        this.lines[earlier]!,
        this.keyed.column,
        identical,
      );
      this.dropped[earlier] = true;
    }
  }

  /** The used row with this key, or null. `probe` needs only the key fields. */
  find(probe: T): T | null {
    const position = this.index.get(probe);
    return position === -1 || this.dropped[position] ? null : this.rows[position]!;
  }

  /** Take a used row out, with a reason (cross-table checks). */
  quarantine(position: number, column: string, problem: string): void {
    this.dropped[position] = true;
    this.ledger.quarantine(this.entity, this.fileIndexes[position]!, this.lines[position]!, column, problem);
  }

  /** Calls `f` for every used row. */
  forEachUsed(f: (row: T, position: number) => void): void {
    for (let position = 0; position < this.rows.length; position++) {
      if (!this.dropped[position]) f(this.rows[position]!, position);
    }
  }

  used(): T[] {
    const used: T[] = [];
    this.forEachUsed((row) => used.push(row));
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

export const stageEventKey: Keyed<StageEvent> = {
  column: 'application_id, stage, entered_at',
  hashKey: (e) => hashNumber(e.enteredAt, hashText(e.stage, hashText(e.applicationId) ^ 0x5bd1e995)),
  sameKey: (a, b) => a.applicationId === b.applicationId && a.stage === b.stage && a.enteredAt === b.enteredAt,
  same: (a, b) =>
    a.applicationId === b.applicationId &&
    a.stage === b.stage &&
    a.enteredAt === b.enteredAt &&
    a.exitedAt === b.exitedAt,
};
