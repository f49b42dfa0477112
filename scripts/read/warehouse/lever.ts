/**
 * Lever as a warehouse sync writes it: the source tables of `fivetran/dbt_lever` (names from its
 * `src_lever.yml` and staging models), joined the way its models join them (`lever__opportunity_enhanced`,
 * `lever__interview_enhanced`, `lever__opportunity_stage_history`).
 *
 * An opportunity is one candidate's pipeline for one posting: it is the application (interviews and stage
 * history name it by `opportunity_id`), and its `application` row gives the posting (the job).
 *
 * Judgement calls (also in docs/exports.md, "Warehouse dumps"):
 * - an opportunity without an application to a posting is a lead, not an application;
 * - archived with the reason "Hired", or with `requisition_for_hire_id`, is a hire then; archived otherwise is
 *   a rejection then. Lever does not record who ended it: it is read from the reason's text (withdrew,
 *   declined, not interested… = candidate; the other usual reasons = company; anything else unknown), unless
 *   the config's `reasons` says;
 * - a requisition with headcount N is N seats; seat k is filled by the k-th hire archived against it. Lever
 *   keeps no open or close dates per seat: opened = the requisition's creation, no close date;
 * - a posting no requisition covers is one seat of its own (drafts and postings never published excepted);
 * - title and department come from the posting (`text`, `categories_department`, else `categories_team`),
 *   the requisition's `name` and `team` only when it has no posting;
 * - feedback is the form the interviewer completed for that interview: `completed_at` empty is a draft (not
 *   submitted), a deleted form is no feedback, a literal "null" score is no recommendation;
 * - cancelled interviews are not feedback slots.
 */
import type { Entity } from '../../schema/canonical.ts';
import type { Config } from '../../schema/config.ts';
import { matchKey } from '../values.ts';
import {
  byInstant,
  byTime,
  table,
  utcInstant,
  warehouseTimes,
  type CsvRecord,
  type Dump,
  type DumpTable,
  type Joined,
  type JoinedRow,
  type Skipped,
  type Vendor,
  type WarehouseTable,
} from './tables.ts';

const t = table;

const PEOPLE = 'people';
export const LEVER_TABLES: readonly WarehouseTable[] = [
  t(
    'opportunity',
    'joined',
    ['id', 'contact', 'created_at', 'origin', 'stage_id'],
    [
      'archived_at',
      'archived_reason_id',
      'data_protection_contact_allowed',
      'data_protection_contact_expires_at',
      'data_protection_store_allowed',
      'data_protection_store_expires_at',
      'headline',
      'is_anonymized',
      'last_advanced_at',
      'last_interaction_at',
      'location',
      'name',
      'owner_id',
      'snoozed_until',
      'updated_at',
    ],
    { feeds: 'applications: applied, archived (hired or rejected), stage, origin' },
  ),
  t(
    'application',
    'joined',
    ['id', 'opportunity_id', 'posting_id'],
    [
      'archived_at',
      'archived_reason_id',
      'comments',
      'company',
      'created_at',
      'posting_hiring_manager_id',
      'posting_owner_id',
      'referrer_id',
      'requisition_for_hire_id',
      'type',
    ],
    { feeds: 'the posting (job) of each opportunity; hires against a requisition' },
  ),
  t(
    'posting',
    'joined',
    ['id', 'text', 'state', 'categories_team'],
    [
      'categories_commitment',
      'categories_department',
      'categories_level',
      'categories_location',
      'content_closing',
      'content_closing_html',
      'content_description',
      'content_description_html',
      'created_at',
      'creator_id',
      'owner_id',
      'requisition_code',
      'updated_at',
    ],
    { feeds: 'requisitions: title, department, location, recruiter; a posting without requisition is one seat' },
  ),
  t(
    'requisition',
    'joined',
    ['id', 'requisition_code', 'headcount_total', 'status'],
    [
      'backfill',
      'compensation_band_currency',
      'compensation_band_interval',
      'compensation_band_max',
      'compensation_band_min',
      'created_at',
      'creator_id',
      'employment_status',
      'headcount_hired',
      'headcount_infinite',
      'hiring_manager_id',
      'internal_notes',
      'location',
      'name',
      'owner_id',
      'team',
    ],
    { feeds: 'requisitions: seats (headcount), hiring manager, status' },
  ),
  t('requisition_posting', 'joined', ['requisition_id', 'posting_id'], [], {
    generic: true,
    feeds: 'which posting a requisition hires for',
  }),
  // `archive_reason` and `stage` have the same columns in Fivetran's schema (`id, text`): which tables' columns
  // hold a file's ids tells them apart once read (`referencedBy`, warehouse/index.ts), not the file's name.
  t('archive_reason', 'joined', ['id', 'text'], [], {
    generic: true,
    feeds: 'rejection reasons; the reason "Hired"',
    referencedBy: [
      ['opportunity', 'archived_reason_id'],
      ['application', 'archived_reason_id'],
    ],
  }),
  t('stage', 'joined', ['id', 'text'], [], {
    generic: true,
    feeds: 'stage names',
    referencedBy: [
      ['opportunity', 'stage_id'],
      ['opportunity_stage_history', 'stage_id'],
      ['interview', 'stage_id'],
    ],
  }),
  t(
    'opportunity_stage_history',
    'joined',
    ['opportunity_id', 'stage_id', 'updated_at'],
    ['to_stage_index', 'updater_id'],
    { feeds: 'stage events' },
  ),
  t('opportunity_source', 'joined', ['opportunity_id', 'source'], [], { generic: true, feeds: 'application sources' }),
  t(
    'interview',
    'joined',
    ['id', 'date', 'duration', 'opportunity_id'],
    [
      'canceled_at',
      'created_at',
      'creator_id',
      'feedback_reminder',
      'gcal_event_url',
      'location',
      'note',
      'panel_id',
      'stage_id',
      'subject',
      'timezone',
    ],
    { feeds: 'interviews: when, stage, cancelled' },
  ),
  t('interviewer_user', 'joined', ['interview_id', 'user_id'], [], {
    aliases: ['interview_user'],
    generic: true,
    feeds: 'interviews: one feedback slot per interviewer',
  }),
  t(
    'feedback_form',
    'joined',
    ['id', 'completed_at', 'creator_id', 'score_system_value'],
    ['created_at', 'deleted_at', 'instructions', 'interview_id', 'template_id', 'text', 'type', 'opportunity_id'],
    { feeds: 'interviews: feedback completed, score' },
  ),
  t(
    'user',
    'joined',
    ['id', 'name', 'email', 'access_role'],
    ['created_at', 'deactivated_at', 'external_directory_id', 'photo', 'username'],
    { aliases: ['users'], feeds: "employees' names: hiring managers, recruiters, interviewers (nothing else)" },
  ),
  // Not needed: what they hold is not in the dashboard.
  t('offer', 'not needed', ['id', 'opportunity_id', 'status', 'creator_id'], ['candidate_id', 'created_at']),
  t('opportunity_tag', 'not needed', ['opportunity_id', 'tags'], ['tag']),
  t('posting_tag', 'not needed', ['posting_id', 'tags'], ['tag']),
  t('posting_interview', 'not needed', ['posting_id', 'interview_id'], []),
  t('interview_feedback', 'not needed', ['interview_id', 'feedback_form_id'], []),
  t('requisition_offer', 'not needed', ['requisition_id', 'offer_id'], []),
  // The older connector's interview panels: interviews carry their opportunity and times themselves.
  t(
    'panel',
    'not needed',
    ['id', 'stage_id', 'start', 'feedback_reminder'],
    ['canceled_at', 'created_at', 'creator_id', 'end', 'external_url', 'externally_managed', 'note', 'timezone'],
  ),
  t('panel_application', 'not needed', ['application_id', 'panel_id'], []),
  t('panel_interview', 'not needed', ['interview_id', 'panel_id'], []),
  t(
    'feedback_form_field',
    'not needed',
    ['feedback_form_id', 'field_index'],
    [
      'code_language',
      'currency',
      'value_date',
      'value_decimal',
      'value_file_id',
      'value_index',
      'value_number',
      'value_text',
    ],
  ),
  // About people (candidates' contact details and files): never read.
  t('contact_email', PEOPLE, ['contact_id', 'email'], []),
  t('contact_phone', PEOPLE, ['contact_id', 'value'], ['index', 'type']),
  t('contact_link', PEOPLE, ['contact_id', 'link'], []),
  t(
    'resume',
    PEOPLE,
    ['id', 'opportunity_id', 'file_name'],
    ['created_at', 'file_download_url', 'file_ext', 'file_uploaded_at'],
  ),
];

export const leverWarehouse: Vendor = {
  id: 'lever',
  name: 'Lever',
  tables: LEVER_TABLES,
  required: ['opportunity', 'application', 'posting'],
  into: {
    opportunity: ['applications'],
    application: ['applications', 'requisitions'],
    opportunity_source: ['applications'],
    archive_reason: ['applications'],
    stage: ['applications', 'stage_events', 'interviews'],
    posting: ['requisitions'],
    requisition: ['requisitions'],
    requisition_posting: ['requisitions'],
    user: ['requisitions', 'interviews'],
    opportunity_stage_history: ['stage_events'],
    interview: ['interviews'],
    interviewer_user: ['interviews'],
    feedback_form: ['interviews'],
  },
  needs: {
    interview: ['interviewer_user'],
    interviewer_user: ['interview'],
    requisition_posting: ['requisition'],
    opportunity_stage_history: ['stage'],
  },
  join: joinLever,
};

const HEADERS: Record<Entity, readonly string[]> = {
  requisitions: [
    'requisition_id',
    'job_id',
    'job_title',
    'department',
    'location',
    'hiring_manager',
    'recruiter',
    'opened_at',
    'filled_at',
    'status',
  ],
  applications: [
    'application_id',
    'candidate_id',
    'job_id',
    'applied_at',
    'source',
    'current_stage',
    'status',
    'rejected_at',
    'rejection_reason',
    'rejected_by',
    'hired_at',
  ],
  interviews: [
    'interview_id',
    'application_id',
    'stage',
    'interviewer',
    'interview_at',
    'interview_end_at',
    'feedback_submitted_at',
    'recommendation',
  ],
  stage_events: ['application_id', 'stage', 'entered_at', 'exited_at'],
};

/**
 * Who ended it, from an archive reason's text (Lever records no initiator). Words a candidate's own exit is
 * named with; the other usual reasons are the company's; anything else stays unknown.
 */
const CANDIDATE_ENDED =
  /withdr|declin|(not|n.t|no longer) interested|(accepted|took) (another|other)|unresponsive|no.?show|ghost|counter.?offer/i;
const COMPANY_ENDED =
  /qualif|skill|experience|fit|filled|closed|duplicate|spam|location|level|performance|assessment|interview|another candidate|not (a )?match|mismatch|reject/i;

export function endedBy(reason: string): string {
  if (CANDIDATE_ENDED.test(reason)) return 'candidate';
  if (COMPANY_ENDED.test(reason)) return 'company';
  return '';
}

/** Posting states that were never open to applicants: no seat of their own. */
const NEVER_OPEN = new Set(['draft', 'pending', 'rejected']);
const POSTING_STATUS: Record<string, string> = { published: 'open', internal: 'open', closed: 'closed' };

function lookup(table: DumpTable | undefined, key: string, value: (r: CsvRecord) => string): Map<string, string> {
  const map = new Map<string, string>();
  if (!table) return map;
  for (const record of table.rows()) {
    const id = table.cell(record, key);
    if (id !== '' && !map.has(id)) map.set(id, value(record));
  }
  return map;
}

function joinLever(dump: Dump, skipped: Skipped, config: Config): Joined {
  const rows: Record<Entity, JoinedRow[]> = { requisitions: [], applications: [], interviews: [], stage_events: [] };
  const get = (name: string) => dump.get(name);
  const times = warehouseTimes(config);

  const user = get('user');
  const userName = lookup(user, 'id', (r) => user!.cell(r, 'name'));
  const stage = get('stage');
  const stageName = lookup(stage, 'id', (r) => stage!.cell(r, 'text'));
  const archive = get('archive_reason');
  const reasonText = lookup(archive, 'id', (r) => archive!.cell(r, 'text'));
  // The config's `reasons` decides who ended it where it says; the reader applies it when the cell is empty.
  const configured = new Set(
    Object.entries(config.reasons)
      .filter(([, entry]) => entry.rejectedBy)
      .map(([raw]) => matchKey(raw)),
  );

  const posting = get('posting')!;
  const postings = posting.index('id');
  const application = get('application')!;
  // One application per opportunity (Lever allows at most one); the first live one with a posting.
  const applicationOf = new Map<string, CsvRecord>();
  for (const record of application.rows()) {
    const opportunityId = application.cell(record, 'opportunity_id');
    if (application.cell(record, 'posting_id') !== '' && !applicationOf.has(opportunityId)) {
      applicationOf.set(opportunityId, record);
    }
  }
  const sourceTable = get('opportunity_source');
  const sourceOf = lookup(sourceTable, 'opportunity_id', (r) => sourceTable!.cell(r, 'source'));

  // Applications (opportunities), and the hires archived against each requisition.
  const opportunity = get('opportunity')!;
  const notRead = new Map<string, string>();
  const hiresOf = new Map<string, Array<{ at: string; time: number; postingId: string }>>();
  for (const record of opportunity.rows()) {
    const id = opportunity.cell(record, 'id');
    const applied = applicationOf.get(id);
    if (!applied) {
      const why = 'leads (no application to a posting)';
      skipped.add('opportunity', why);
      notRead.set(id, why);
      continue;
    }
    const postingId = application.cell(applied, 'posting_id');
    const archivedAt = utcInstant(opportunity.cell(record, 'archived_at'));
    const reason = reasonText.get(opportunity.cell(record, 'archived_reason_id')) ?? '';
    const requisitionId = application.cell(applied, 'requisition_for_hire_id');
    let status = 'active';
    if (archivedAt !== '') status = matchKey(reason) === 'hired' || requisitionId !== '' ? 'hired' : 'rejected';
    if (status === 'hired' && requisitionId !== '') {
      const hires = hiresOf.get(requisitionId) ?? [];
      hires.push({ at: archivedAt, time: times.of(archivedAt), postingId });
      hiresOf.set(requisitionId, hires);
    }
    rows.applications.push({
      origin: 'opportunity',
      line: record.line,
      cells: {
        application_id: id,
        candidate_id: opportunity.cell(record, 'contact'),
        job_id: postingId,
        applied_at: utcInstant(opportunity.cell(record, 'created_at')),
        source: sourceOf.get(id) || opportunity.cell(record, 'origin'),
        current_stage: stageName.get(opportunity.cell(record, 'stage_id')) ?? '',
        status,
        rejected_at: status === 'rejected' ? archivedAt : '',
        rejection_reason: status === 'rejected' ? reason : '',
        rejected_by: status === 'rejected' && !configured.has(matchKey(reason)) ? endedBy(reason) : '',
        hired_at: status === 'hired' ? archivedAt : '',
      },
    });
  }

  // Seats: a requisition's headcount, filled in the order its hires were archived; postings no requisition
  // covers are a seat each.
  const postingSeat = (postingId: string) => {
    const record = postings.get(postingId);
    if (!record) return null;
    return {
      job_title: posting.cell(record, 'text'),
      department: posting.cell(record, 'categories_department') || posting.cell(record, 'categories_team'),
      location: posting.cell(record, 'categories_location'),
      recruiter: userName.get(posting.cell(record, 'owner_id')) ?? '',
    };
  };
  const covered = new Set<string>();
  const requisition = get('requisition');
  if (requisition) {
    const link = get('requisition_posting');
    const postingOf = lookup(link, 'requisition_id', (r) => link!.cell(r, 'posting_id'));
    for (const record of requisition.rows()) {
      const id = requisition.cell(record, 'id');
      const postingId = postingOf.get(id) ?? '';
      if (postingId !== '') covered.add(postingId);
      // A draft requisition is not approved yet: no seat to fill (its posting is covered all the same).
      if (requisition.cell(record, 'status').toLowerCase() === 'draft') {
        skipped.add('requisition', 'drafts (status draft): no seat yet');
        continue;
      }
      const fromPosting = postingSeat(postingId);
      const headcount = Number(requisition.cell(record, 'headcount_total'));
      // 'unlimited', empty or 0: one seat (a requisition exists to be filled at least once).
      const seats = Number.isInteger(headcount) && headcount > 1 ? headcount : 1;
      const hires = (hiresOf.get(id) ?? []).sort((a, b) => byInstant(a.time, b.time));
      const code = requisition.cell(record, 'requisition_code') || id;
      for (let k = 0; k < seats; k++) {
        const hire = hires[k];
        rows.requisitions.push({
          origin: 'requisition',
          line: record.line,
          cells: {
            requisition_id: seats === 1 ? code : `${code}-${k + 1}`,
            job_id: postingId || id,
            job_title: fromPosting?.job_title || requisition.cell(record, 'name'),
            department: fromPosting?.department || requisition.cell(record, 'team'),
            location: fromPosting?.location || requisition.cell(record, 'location'),
            hiring_manager: userName.get(requisition.cell(record, 'hiring_manager_id')) ?? '',
            recruiter: userName.get(requisition.cell(record, 'owner_id')) || fromPosting?.recruiter || '',
            opened_at: utcInstant(requisition.cell(record, 'created_at')),
            filled_at: hire?.at ?? '',
            status: hire ? 'filled' : requisition.cell(record, 'status'),
          },
        });
      }
    }
  }
  // The hiring manager of a posting without requisition: the one named on its latest application.
  const managerOfPosting = new Map<string, { at: number; id: string }>();
  for (const record of application.rows()) {
    const postingId = application.cell(record, 'posting_id');
    const at = times.of(application.cell(record, 'created_at'));
    const manager = application.cell(record, 'posting_hiring_manager_id');
    const known = managerOfPosting.get(postingId);
    if (manager !== '' && (!known || byInstant(at, known.at) > 0)) managerOfPosting.set(postingId, { at, id: manager });
  }
  for (const record of posting.rows()) {
    const id = posting.cell(record, 'id');
    if (covered.has(id)) continue;
    const state = posting.cell(record, 'state').toLowerCase();
    if (NEVER_OPEN.has(state)) {
      skipped.add('posting', 'postings never published (draft, pending, rejected): no seat');
      continue;
    }
    rows.requisitions.push({
      origin: 'posting',
      line: record.line,
      cells: {
        requisition_id: id,
        job_id: id,
        ...postingSeat(id)!,
        hiring_manager: userName.get(managerOfPosting.get(id)?.id ?? '') ?? '',
        opened_at: utcInstant(posting.cell(record, 'created_at')),
        status: POSTING_STATUS[state] ?? state,
      },
    });
  }

  // Stage events: each history row enters a stage, left at the next row, or when the opportunity was archived.
  const history = get('opportunity_stage_history');
  if (history) {
    const archivedAt = lookup(opportunity, 'id', (r) => utcInstant(opportunity.cell(r, 'archived_at')));
    for (const [id, entries] of history.group('opportunity_id')) {
      const why = notRead.get(id);
      if (why !== undefined) {
        skipped.add('opportunity_stage_history', `of opportunities not read: ${why}`, entries.length);
        continue;
      }
      entries.sort(byTime(times, history, 'updated_at'));
      entries.forEach((entry, k) => {
        const next = entries[k + 1];
        rows.stage_events.push({
          origin: 'opportunity_stage_history',
          line: entry.line,
          cells: {
            application_id: id,
            stage: stageName.get(history.cell(entry, 'stage_id')) ?? '',
            entered_at: utcInstant(history.cell(entry, 'updated_at')),
            exited_at: next ? utcInstant(history.cell(next, 'updated_at')) : (archivedAt.get(id) ?? ''),
          },
        });
      });
    }
  }

  // Interviews: one slot per interviewer of an interview not cancelled; the feedback is the form that
  // interviewer wrote for it (the latest completed one, else a draft).
  const interview = get('interview');
  const interviewers = get('interviewer_user');
  if (interview && interviewers) {
    const interviewsById = interview.index('id');
    const form = get('feedback_form');
    const formsOf = new Map<string, CsvRecord[]>();
    let deletedForms = 0;
    for (const record of form?.rows() ?? []) {
      if (form!.cell(record, 'deleted_at') !== '') {
        deletedForms++;
        continue;
      }
      const key = `${form!.cell(record, 'interview_id')}\u0000${form!.cell(record, 'creator_id')}`;
      const list = formsOf.get(key);
      if (list) list.push(record);
      else formsOf.set(key, [record]);
    }
    if (deletedForms > 0) skipped.add('feedback_form', 'deleted forms (deleted_at): no feedback', deletedForms);
    for (const record of interviewers.rows()) {
      const interviewId = interviewers.cell(record, 'interview_id');
      const found = interviewsById.get(interviewId);
      if (!found) {
        skipped.add('interviewer_user', 'of interviews deleted in the ATS or not in interview');
        continue;
      }
      if (interview.cell(found, 'canceled_at') !== '') {
        skipped.add('interviewer_user', 'of cancelled interviews (canceled_at): no feedback slot');
        continue;
      }
      const applicationId = interview.cell(found, 'opportunity_id');
      const why = notRead.get(applicationId);
      if (why !== undefined) {
        skipped.add('interviewer_user', `of opportunities not read: ${why}`);
        continue;
      }
      const userId = interviewers.cell(record, 'user_id');
      const forms = formsOf.get(`${interviewId}\u0000${userId}`) ?? [];
      const completed = forms
        .filter((f) => form!.cell(f, 'completed_at') !== '')
        .sort(byTime(times, form!, 'completed_at'))
        .pop();
      const score = completed ? form!.cell(completed, 'score_system_value') : '';
      const start = interview.cell(found, 'date');
      rows.interviews.push({
        origin: 'interviewer_user',
        line: record.line,
        cells: {
          interview_id: interviewId,
          application_id: applicationId,
          stage: stageName.get(interview.cell(found, 'stage_id')) ?? '',
          interviewer: userName.get(userId) ?? '',
          interview_at: utcInstant(start),
          interview_end_at: times.plusMinutes(start, interview.cell(found, 'duration')),
          feedback_submitted_at: completed ? utcInstant(form!.cell(completed, 'completed_at')) : '',
          recommendation: score.toLowerCase() === 'null' ? '' : score,
        },
      });
    }
  }

  return {
    headers: HEADERS,
    rows,
    names: {
      opportunity: {
        application_id: 'id',
        candidate_id: 'contact',
        job_id: 'application.posting_id',
        applied_at: 'created_at',
        source: 'opportunity_source.source',
        current_stage: 'stage.text',
        rejected_at: 'archived_at',
        rejection_reason: 'archive_reason.text',
        hired_at: 'archived_at',
      },
      requisition: {
        requisition_id: 'requisition_code',
        job_id: 'requisition_posting.posting_id',
        job_title: 'posting.text',
        department: 'posting.categories_department',
        location: 'posting.categories_location',
        hiring_manager: 'hiring_manager_id',
        recruiter: 'owner_id',
        opened_at: 'created_at',
        filled_at: 'application.archived_at',
      },
      posting: {
        requisition_id: 'id',
        job_id: 'id',
        job_title: 'text',
        department: 'categories_department',
        location: 'categories_location',
        recruiter: 'owner_id',
        opened_at: 'created_at',
        status: 'state',
      },
      interviewer_user: {
        interview_id: 'interview_id',
        application_id: 'interview.opportunity_id',
        stage: 'interview.stage_id',
        interviewer: 'user_id',
        interview_at: 'interview.date',
        interview_end_at: 'interview.duration',
        feedback_submitted_at: 'feedback_form.completed_at',
        recommendation: 'feedback_form.score_system_value',
      },
      opportunity_stage_history: { application_id: 'opportunity_id', stage: 'stage_id', entered_at: 'updated_at' },
    },
  };
}
