/**
 * Checks across tables, after merging (a row's partner may be in another file, or a later re-export).
 *
 * - An application takes `department` and `job_title` from the requisitions of its `job_id` when its own row
 *   does not carry them. An application whose `job_id` matches no requisition is quarantined — it would have no
 *   department — **unless its own row carries a department**: then it is kept (the department is all the
 *   metrics need from the requisition).
 * - An interview or a stage event whose `application_id` matches no used application is quarantined (its
 *   department and job are unknown), also when that application was itself quarantined.
 * - A check against a table that has no file at all is skipped with a warning, rather than quarantining every
 *   row: a team may export applications without requisitions.
 */
import type { Logger } from '../log.ts';
import type {
  Application,
  Interview,
  InterviewTable,
  Requisition,
  StageEvent,
  StageEventTable,
} from '../schema/canonical.ts';
import { findApplication, type EntityStore } from './merge.ts';

export const NO_REQUISITION = 'job_id matches no requisition (and the row has no department)';
export const NO_APPLICATION = 'application_id matches no application (or only a quarantined one)';

export interface Stores {
  requisitions: EntityStore<Requisition>;
  applications: EntityStore<Application>;
  interviews: EntityStore<Interview, InterviewTable>;
  stage_events: EntityStore<StageEvent, StageEventTable>;
}

/**
 * `hasFile(entity)`: whether any file of that table was read; `columnName(fileIndex, column)`: how that file
 * names a template column (for the ledger).
 */
export function checkAcrossTables(
  stores: Stores,
  hasFile: (entity: keyof Stores) => boolean,
  columnName: (fileIndex: number, column: string) => string,
  log: Logger,
): void {
  const { requisitions, applications, interviews, stage_events: stageEvents } = stores;
  // Every duplicate is known (and every `dropped` flag set) before a row is looked at or completed.
  for (const store of [requisitions, applications, interviews, stageEvents]) store.settle();

  if (hasFile('requisitions')) {
    // The first requisition of each job that names a department (else the first): seats of one job agree.
    const byJob = new Map<string, Requisition>();
    for (const requisition of requisitions.used()) {
      const known = byJob.get(requisition.jobId);
      if (!known || (known.department === null && requisition.department !== null))
        byJob.set(requisition.jobId, requisition);
    }
    // Applications of one job often come together: its requisition is looked up once per run.
    let lastJob: string | null = null;
    let lastRequisition: Requisition | undefined;
    const { rows, dropped } = applications;
    for (let position = 0; position < rows.length; position++) {
      if (dropped[position]) continue;
      const application = rows[position]!;
      if (application.jobId !== lastJob) {
        lastJob = application.jobId;
        lastRequisition = byJob.get(lastJob);
      }
      const requisition = lastRequisition;
      if (requisition) {
        application.department ??= requisition.department;
        application.jobTitle ??= requisition.jobTitle;
      } else if (application.department === null) {
        applications.quarantine(position, columnName(applications.fileIndexes[position]!, 'job_id'), NO_REQUISITION);
      }
    }
  } else if (hasFile('applications')) {
    log.warn(
      'no requisitions file: applications are not checked against requisitions, and only a department on their own row is known',
    );
  }

  type Referring = Pick<
    Stores['interviews'] | Stores['stage_events'],
    'entity' | 'rows' | 'dropped' | 'fileIndexes' | 'quarantine'
  >;
  const orphans = (store: Referring, label: string): void => {
    if (!hasFile(store.entity as keyof Stores)) return;
    if (!hasFile('applications')) {
      log.warn(`no applications file: ${label} are not checked against applications`);
      return;
    }
    // Rows of one application come together in an export: look each run of one id up once (no application
    // is taken out while this runs, so the answer for an id cannot change).
    let lastId: string | null = null;
    let lastKnown = false;
    const { dropped } = store;
    const ids = store.rows.applicationId;
    for (let position = 0; position < store.rows.length; position++) {
      if (dropped[position]) continue;
      const id = ids[position]!;
      if (id !== lastId) {
        lastId = id;
        lastKnown = findApplication(applications, id) !== null;
      }
      if (!lastKnown) {
        store.quarantine(position, columnName(store.fileIndexes[position]!, 'application_id'), NO_APPLICATION);
      }
    }
  };
  orphans(interviews, 'interviews');
  orphans(stageEvents, 'stage events');
}
