/**
 * Greenhouse as a warehouse sync writes it: the source tables of `fivetran/dbt_greenhouse` (table and column
 * names from its `src_greenhouse.yml` and staging macros), joined the way its models join them
 * (`greenhouse__application_enhanced`, `greenhouse__interview_enhanced`, `greenhouse__application_history`).
 * The newer connector's shapes (the package's current seeds: `application` with `job_id`, `opening`,
 * `application_stage`, `rejection_detail`, `interview`/`interviewer` for scheduled interviews…) are read by
 * the same join, under the classic tables' names.
 *
 * Judgement calls (also in docs/exports.md, "Warehouse dumps"):
 * - a seat is a `job_opening` row; a job without openings is one seat, opened when the job was;
 * - the hire date is the `application_history` entry into status "hired", else the close of the opening the
 *   hire filled (`job_opening.application_id`);
 * - who ended it comes from the reason's type: "We rejected them" = company, "They rejected us" = candidate;
 *   Greenhouse has no withdrawn status, so a candidate's exit stays `rejected`, by the candidate;
 * - the title is `job.name` (the job's internal name; `job_post.title` is an advert and a job may have several);
 * - of several hiring managers (or recruiters, departments, offices) of a job, the first listed is the job's;
 * - prospects (`prospect` true: no application to a job yet) and converted prospects are not applications.
 */
import type { Entity } from '../../schema/canonical.ts';
import type { Config } from '../../schema/config.ts';
import { readBoolean } from '../values.ts';
import {
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
export const GREENHOUSE_TABLES: readonly WarehouseTable[] = [
  t(
    'application',
    'joined',
    ['id', 'candidate_id', 'applied_at', 'status', 'prospect'],
    [
      'credited_to_user_id',
      'current_stage_id',
      'is_deleted',
      'last_activity_at',
      'location_address',
      'prospect_owner_id',
      'prospect_pool_id',
      'prospect_stage_id',
      'rejected_at',
      'rejected_reason_id',
      'source_id',
    ],
    { feeds: 'applications: dates, status, stage, source, rejection' },
  ),
  t('job_application', 'joined', ['application_id', 'job_id'], [], {
    generic: true,
    feeds: 'the job of each application',
  }),
  t(
    'job',
    'joined',
    ['id', 'name', 'status', 'confidential'],
    [
      'closed_at',
      'created_at',
      'notes',
      'requisition_id',
      'updated_at',
      'opened_at',
      'department_id',
      'copied_from_id',
      'is_template',
    ],
    { feeds: 'requisitions: title, status; a job without openings is one seat' },
  ),
  t(
    'job_opening',
    'joined',
    ['id', 'job_id', 'opening_id', 'opened_at'],
    [
      'application_id',
      'close_reason_id',
      'closed_at',
      'status',
      'created_at',
      'is_open',
      'sort_order',
      'target_start_on',
      'updated_at',
    ],
    { aliases: ['opening'], feeds: 'requisitions: one seat per opening, opened, closed, filled by which application' },
  ),
  t('job_department', 'joined', ['department_id', 'job_id'], [], {
    generic: true,
    feeds: 'the department of each job',
  }),
  t('department', 'joined', ['id', 'name', 'parent_id'], ['external_id'], { feeds: 'department names' }),
  t('job_office', 'joined', ['job_id', 'office_id'], [], { generic: true, feeds: 'the location of each job' }),
  t('office', 'joined', ['id', 'name', 'location_name'], ['external_id', 'parent_id', 'primary_contact_user_id'], {
    feeds: 'location names',
  }),
  t('hiring_team', 'joined', ['job_id', 'role', 'user_id'], [], {
    generic: true,
    feeds: 'hiring managers and recruiters',
  }),
  t(
    'user',
    'joined',
    ['id', 'first_name', 'last_name', 'site_admin'],
    ['created_at', 'disabled', 'employee_id', 'updated_at', 'agency_id', 'deactivated', 'job_title', 'primary_email'],
    { aliases: ['users'], feeds: "employees' names: hiring managers, recruiters, interviewers (nothing else)" },
  ),
  t('job_stage', 'joined', ['id', 'job_id', 'name'], ['created_at', 'updated_at', 'active', 'sort_order'], {
    aliases: ['job_interview_stage'],
    feeds: 'stage names',
  }),
  t('application_history', 'joined', ['application_id', 'new_stage_id', 'updated_at'], ['new_status'], {
    feeds: 'stage events; the hire date',
  }),
  t('rejection_reason', 'joined', ['id', 'name', 'type_name'], ['created_at', 'type_id', 'type_key', 'updated_at'], {
    feeds: 'rejection reasons and who ended it',
  }),
  t('source', 'joined', ['id', 'name', 'source_type_name'], ['source_type_id'], { feeds: 'application sources' }),
  // The newer connector's `source` and `office` name their columns differently.
  t('source', 'joined', ['id', 'name', 'type_id', 'type_name'], ['created_at', 'updated_at'], {
    feeds: 'application sources',
  }),
  t(
    'office',
    'joined',
    ['id', 'name', 'location', 'primary_in_house_contact_user_id'],
    ['external_id', 'parent_id', 'created_at', 'updated_at'],
    { feeds: 'location names' },
  ),
  t(
    'scheduled_interview',
    'joined',
    ['id', 'application_id', 'start', 'status'],
    ['created_at', 'end', 'interview_id', 'location', 'organizer_id', 'updated_at'],
    { feeds: 'interviews: when' },
  ),
  t('scheduled_interviewer', 'joined', ['scheduled_interview_id', 'interviewer_id'], ['scorecard_id'], {
    feeds: 'interviews: one feedback slot per interviewer',
  }),
  t(
    'scorecard',
    'joined',
    ['id', 'application_id', 'overall_recommendation', 'submitted_at'],
    ['candidate_id', 'created_at', 'interview', 'interviewed_at', 'submitted_by_user_id', 'updated_at'],
    { feeds: 'interviews: feedback submitted, recommendation' },
  ),
  t('interview', 'joined', ['id', 'job_stage_id', 'name'], ['interview_kit_content'], {
    feeds: 'interview names',
  }),
  // The newer Greenhouse connector's shapes of the same tables (`application` with `job_id` and `stage_id`,
  // `interview` = a scheduled interview, `interviewer`, `scorecard` with `candidate_rating`…): read by the same
  // join, under the classic names.
  t(
    'application',
    'joined',
    ['id', 'candidate_id', 'created_at', 'status', 'stage_id', 'job_id'],
    [
      'last_activity_at',
      'location_address',
      'prospect',
      'rejected_at',
      'source_id',
      'coordinator_id',
      'job_post_id',
      'recruiter_id',
      'referrer_id',
      'agency_note_id',
      'needs_decision',
      'updated_at',
    ],
    { feeds: 'applications: dates, status, stage, source, job' },
  ),
  t(
    'scheduled_interview',
    'joined',
    ['id', 'application_id', 'starts_at', 'job_interview_id'],
    [
      'ends_at',
      'job_id',
      'location',
      'organizer_id',
      'status',
      'created_at',
      'updated_at',
      'scheduled_at',
      'availability_received_at',
      'all_day_start_on',
      'all_day_end_on',
      'external_event_id',
      'video_conferencing_url',
    ],
    { aliases: ['interview'], feeds: 'interviews: when' },
  ),
  t(
    'scheduled_interviewer',
    'joined',
    ['interview_id', 'user_id', 'scorecard_id'],
    ['id', 'email', 'response_status', 'created_at', 'updated_at'],
    {
      aliases: ['interviewer'],
      feeds: 'interviews: one feedback slot per interviewer',
    },
  ),
  t(
    'scorecard',
    'joined',
    ['id', 'application_id', 'candidate_rating', 'submitted_at'],
    [
      'created_at',
      'interview_kit_id',
      'interviewed_at',
      'interviewer_id',
      'notes',
      'notes_with_tags',
      'private_notes',
      'private_notes_with_tags',
      'public_notes',
      'public_notes_with_tags',
      'status',
      'submitter_id',
      'updated_at',
    ],
    { feeds: 'interviews: feedback submitted, recommendation' },
  ),
  t(
    'interview',
    'joined',
    ['id', 'job_interview_stage_id', 'name'],
    [
      'job_id',
      'active',
      'duration',
      'instruction',
      'require_scorecard',
      'scheduling_type',
      'sort_order',
      'summary',
      'created_at',
      'updated_at',
    ],
    { aliases: ['job_interview'], feeds: 'interview names' },
  ),
  t(
    'application_stage',
    'joined',
    ['application_id', 'job_interview_stage_id', 'entered_at'],
    ['id', 'created_at', 'current', 'days_in_stage', 'exited_at', 'updated_at'],
    { feeds: 'stage events (entered, exited)' },
  ),
  t(
    'rejection_detail',
    'joined',
    ['application_id', 'rejection_reason_id', 'rejected_at'],
    ['id', 'rejected_by_id', 'rejection_note_id', 'created_at', 'updated_at'],
    { feeds: 'the rejection reason of each application' },
  ),
  t('job_hiring_manager', 'joined', ['job_id', 'user_id'], ['id', 'created_at', 'updated_at'], {
    generic: true,
    feeds: 'hiring managers',
  }),
  t('job_owner', 'joined', ['job_id', 'user_id', 'type'], ['id', 'responsible', 'created_at', 'updated_at'], {
    feeds: 'recruiters',
  }),
  // Not needed: what they hold is not in the dashboard.
  t(
    'job_post',
    'not needed',
    ['id', 'job_id', 'title', 'live'],
    ['content', 'created_at', 'external', 'internal', 'internal_content', 'location_name', 'updated_at'],
  ),
  t('tag', 'not needed', ['id', 'name'], [], { aliases: ['tags'], generic: true }),
  t('close_reason', 'not needed', ['id', 'name'], [], { generic: true }),
  t('candidate_tag', 'not needed', ['candidate_id', 'tag_id'], []),
  t('prospect_pool', 'not needed', ['id', 'name', 'active'], [], { generic: true }),
  t('prospect_stage', 'not needed', ['id', 'name', 'prospect_pool_id'], []),
  t('scorecard_attribute', 'not needed', ['scorecard_id', 'rating', 'index'], ['name', 'note', 'type']),
  // The newer connector's tables of the same kinds (its seeds). `job_candidate_attribute` has the columns of a
  // stage (`id, job_id, name, sort_order`) beside its own: known, so that its names are never taken for stages.
  t(
    'job_candidate_attribute',
    'not needed',
    ['id', 'job_id', 'candidate_attribute_type_id'],
    ['active', 'name', 'sort_order', 'created_at', 'updated_at'],
  ),
  t(
    'interview_kit',
    'not needed',
    ['id', 'job_interview_id', 'anonymize_candidate'],
    ['job_id', 'anonymize_resumes', 'exercises', 'created_at', 'updated_at'],
  ),
  t(
    'job_post_location',
    'not needed',
    ['id', 'job_post_id', 'plain_text_location'],
    ['office_id', 'custom_location_id', 'type', 'created_at', 'updated_at'],
  ),
  t(
    'prospect_detail',
    'not needed',
    ['id', 'application_id', 'pool_id', 'pool_stage_id'],
    ['department_id', 'office_id', 'prospect_owner_id', 'created_at', 'updated_at'],
  ),
  t(
    'scorecard_candidate_attribute',
    'not needed',
    ['scorecard_id', 'job_candidate_attribute_id'],
    ['id', 'note', 'candidate_attribute_rating', 'created_at', 'updated_at'],
  ),
  t(
    'scorecard_question',
    'not needed',
    ['id', 'interview_kit_id', 'question'],
    ['active', 'answer_type', 'required', 'sort_order', 'created_at', 'updated_at'],
  ),
  t(
    'scorecard_question_answer',
    'not needed',
    ['id', 'scorecard_question_id', 'scorecard_id'],
    ['answer', 'answer_with_tag', 'boolean_value', 'value', 'created_at', 'updated_at'],
  ),
  // About people (candidates, their contact details and demographics; users' e-mail addresses): never read.
  t(
    'candidate',
    PEOPLE,
    ['id', 'first_name', 'last_name', 'company'],
    [
      'coordinator_id',
      'created_at',
      'is_private',
      'private',
      'last_activity_at',
      'can_email',
      'preferred_name',
      'time_zone',
      'last_activity',
      'new_candidate_id',
      'photo_url',
      'recruiter_id',
      'title',
      'updated_at',
    ],
  ),
  t('email_address', PEOPLE, ['candidate_id', 'value', 'type'], ['index'], { aliases: ['candidate_email_address'] }),
  t('phone_number', PEOPLE, ['candidate_id', 'value', 'type'], ['index'], { aliases: ['candidate_phone_number'] }),
  t('social_media_address', PEOPLE, ['candidate_id', 'value'], ['index']),
  t('website_address', PEOPLE, ['candidate_id', 'value', 'type'], ['index']),
  // A candidate's answers to the application's questions.
  t('application_qna', PEOPLE, ['application_id', 'question', 'answer'], ['index']),
  t('attachment', PEOPLE, ['candidate_id', 'filename', 'url'], ['index', 'type']),
  t('activity', PEOPLE, ['candidate_id', 'body', 'subject'], ['created_at', 'id', 'user_id']),
  t(
    'eeoc',
    PEOPLE,
    ['application_id', 'gender_id', 'race_id'],
    [
      'disability_status_description',
      'disability_status_id',
      'gender_description',
      'race_description',
      'submitted_at',
      'veteran_status_description',
      'veteran_status_id',
    ],
  ),
  t('user_email', PEOPLE, ['user_id', 'email'], []),
  t('candidate_tag_link', PEOPLE, ['candidate_id', 'tag_name'], ['index']),
  t(
    'note',
    PEOPLE,
    ['id', 'candidate_id', 'body'],
    [
      'application_id',
      'user_id',
      'body_with_tags',
      'email_attachment_file_names',
      'email_from',
      'email_to',
      'import_hash',
      'subject',
      'type',
      'visibility',
      'created_at',
      'updated_at',
    ],
  ),
  // Who referred a candidate: a person's name (an employee or someone outside).
  t('referrer', PEOPLE, ['id', 'name', 'user_id'], ['created_at', 'updated_at'], { generic: true }),
];

export const greenhouseWarehouse: Vendor = {
  id: 'greenhouse',
  name: 'Greenhouse',
  tables: GREENHOUSE_TABLES,
  required: ['application', 'job'],
  // The classic `application` has no job: it is in `job_application` (the newer connector's has `job_id`).
  alsoRequired: (header) => (header('application')?.includes('job_id') ? [] : ['job_application']),
  into: {
    application: ['applications'],
    job_application: ['applications'],
    source: ['applications'],
    rejection_reason: ['applications'],
    job_stage: ['applications', 'stage_events'],
    application_history: ['stage_events', 'applications'],
    job: ['requisitions'],
    job_opening: ['requisitions'],
    job_department: ['requisitions'],
    department: ['requisitions'],
    job_office: ['requisitions'],
    office: ['requisitions'],
    hiring_team: ['requisitions'],
    user: ['requisitions', 'interviews'],
    scheduled_interview: ['interviews'],
    scheduled_interviewer: ['interviews'],
    scorecard: ['interviews'],
    interview: ['interviews'],
    application_stage: ['stage_events'],
    rejection_detail: ['applications'],
    job_hiring_manager: ['requisitions'],
    job_owner: ['requisitions'],
  },
  needs: {
    scheduled_interview: ['scheduled_interviewer'],
    scheduled_interviewer: ['scheduled_interview'],
    hiring_team: ['user'],
    job_hiring_manager: ['user'],
    job_owner: ['user'],
    job_department: ['department'],
    job_office: ['office'],
  },
  join: joinGreenhouse,
};

/** Template columns each joined table fills: the header a canonical export of the same history has. */
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
    'closed_at',
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

/** `rejection_reason.type_name` → who ended it (Greenhouse's three types; type ids vary per organisation). */
const ENDED_BY: Record<string, string> = {
  'we rejected them': 'company',
  'they rejected us': 'candidate',
};

const openState = (isOpen: string): string => {
  const open = readBoolean(isOpen);
  return open === undefined || isOpen === '' ? '' : open ? 'open' : 'closed';
};

/** `key column → value column` of a table's live rows (empty when the table is absent). */
function lookup(table: DumpTable | undefined, key: string, value: (r: CsvRecord) => string): Map<string, string> {
  const map = new Map<string, string>();
  if (!table) return map;
  for (const record of table.rows()) {
    const id = table.cell(record, key);
    if (id !== '' && !map.has(id)) map.set(id, value(record));
  }
  return map;
}

/** The first `value` listed for each `key` (row order), through an id lookup. */
function firstOf(table: DumpTable | undefined, key: string, id: string, names: Map<string, string>) {
  const map = new Map<string, string>();
  if (!table) return map;
  for (const record of table.rows()) {
    const k = table.cell(record, key);
    const name = names.get(table.cell(record, id));
    if (k !== '' && name && !map.has(k)) map.set(k, name);
  }
  return map;
}

function joinGreenhouse(dump: Dump, skipped: Skipped, config: Config): Joined {
  const rows: Record<Entity, JoinedRow[]> = { requisitions: [], applications: [], interviews: [], stage_events: [] };
  const get = (name: string) => dump.get(name);

  // Employees' names, for the hiring team and interviewers only.
  const user = get('user');
  const userName = lookup(user, 'id', (r) =>
    [user!.cell(r, 'first_name'), user!.cell(r, 'last_name')].filter((part) => part !== '').join(' '),
  );

  const job = get('job')!;
  const jobs = job.index('id');
  const department = get('department');
  const departmentName = lookup(department, 'id', (r) => department!.cell(r, 'name'));
  // The newer connector's `job` names its department itself (`department_id`); the classic one through
  // `job_department`.
  const departmentOf = get('job_department')
    ? firstOf(get('job_department'), 'job_id', 'department_id', departmentName)
    : firstOf(job, 'id', 'department_id', departmentName);
  const office = get('office');
  const locationOf = firstOf(
    get('job_office'),
    'job_id',
    'office_id',
    lookup(
      office,
      'id',
      (r) => office!.cell(r, 'location_name') || office!.cell(r, 'location') || office!.cell(r, 'name'),
    ),
  );
  const managerOf = new Map<string, string>();
  const recruiterOf = new Map<string, string>();
  const team = get('hiring_team');
  for (const record of team?.rows() ?? []) {
    const role = team!
      .cell(record, 'role')
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    const roles = role === 'hiring_managers' ? managerOf : role === 'recruiters' ? recruiterOf : null;
    const jobId = team!.cell(record, 'job_id');
    const name = userName.get(team!.cell(record, 'user_id'));
    if (roles && name && !roles.has(jobId)) roles.set(jobId, name);
  }
  // The newer connector: hiring managers in `job_hiring_manager`, recruiters in `job_owner` (type recruiter).
  const managers = get('job_hiring_manager');
  for (const record of managers?.rows() ?? []) {
    const jobId = managers!.cell(record, 'job_id');
    const name = userName.get(managers!.cell(record, 'user_id'));
    if (name && !managerOf.has(jobId)) managerOf.set(jobId, name);
  }
  const owners = get('job_owner');
  for (const record of owners?.rows() ?? []) {
    if (owners!.cell(record, 'type').toLowerCase() !== 'recruiter') continue;
    const jobId = owners!.cell(record, 'job_id');
    const name = userName.get(owners!.cell(record, 'user_id'));
    if (name && !recruiterOf.has(jobId)) recruiterOf.set(jobId, name);
  }
  const seat = (jobId: string) => {
    const record = jobs.get(jobId);
    return {
      job_id: jobId,
      job_title: record ? job.cell(record, 'name') : '',
      department: departmentOf.get(jobId) ?? '',
      location: locationOf.get(jobId) ?? '',
      hiring_manager: managerOf.get(jobId) ?? '',
      recruiter: recruiterOf.get(jobId) ?? '',
    };
  };

  // Seats: one per opening; the close of an opening filled by an application is that hire's fallback date.
  const openings = get('job_opening');
  const jobsWithOpenings = new Set<string>();
  const closeOfHire = new Map<string, string>();
  if (openings) {
    const live = openings.rows();
    // The opening id shown in Greenhouse names the seat, unless some are empty or repeat: then the row id.
    const shown = live.map((r) => openings.cell(r, 'opening_id'));
    const byShownId = shown.every((id) => id !== '') && new Set(shown).size === shown.length;
    for (const record of live) {
      const jobId = openings.cell(record, 'job_id');
      // A seat of a job the dump does not hold (deleted in the ATS) has no title: not a seat to count. (Read,
      // it was quarantined for a missing "job.name", a column the opening's file does not have.)
      if (!jobs.has(jobId)) {
        skipped.add('job_opening', 'of jobs deleted in the ATS or not in job');
        continue;
      }
      jobsWithOpenings.add(jobId);
      const hire = openings.cell(record, 'application_id');
      const closedAt = utcInstant(openings.cell(record, 'closed_at'));
      if (hire !== '') closeOfHire.set(hire, closedAt);
      rows.requisitions.push({
        origin: 'job_opening',
        line: record.line,
        cells: {
          requisition_id: byShownId ? openings.cell(record, 'opening_id') : openings.cell(record, 'id'),
          ...seat(jobId),
          opened_at: utcInstant(openings.cell(record, 'opened_at')),
          filled_at: hire !== '' ? closedAt : '',
          closed_at: closedAt,
          // The newer connector has `is_open` where the classic one has `status`.
          status:
            hire !== '' ? 'filled' : openings.cell(record, 'status') || openState(openings.cell(record, 'is_open')),
        },
      });
    }
  }
  for (const record of job.rows()) {
    const jobId = job.cell(record, 'id');
    if (jobsWithOpenings.has(jobId)) continue;
    // A draft job without openings has no seat yet.
    if (job.cell(record, 'status').toLowerCase() === 'draft') {
      skipped.add('job', 'drafts without openings (status draft): no seat yet');
      continue;
    }
    rows.requisitions.push({
      origin: 'job',
      line: record.line,
      cells: {
        requisition_id: jobId,
        ...seat(jobId),
        opened_at: utcInstant(job.cell(record, 'opened_at') || job.cell(record, 'created_at')),
        closed_at: utcInstant(job.cell(record, 'closed_at')),
        status: job.cell(record, 'status'),
      },
    });
  }

  // Applications.
  const application = get('application')!;
  const jobApplication = get('job_application');
  const jobOf = lookup(jobApplication, 'application_id', (r) => jobApplication!.cell(r, 'job_id'));
  const jobStage = get('job_stage');
  const stageName = lookup(jobStage, 'id', (r) => jobStage!.cell(r, 'name'));
  const source = get('source');
  const sourceName = lookup(source, 'id', (r) => source!.cell(r, 'name'));
  const reason = get('rejection_reason');
  const reasons = reason?.index('id') ?? new Map<string, CsvRecord>();
  // The newer connector keeps the reason of a rejection in `rejection_detail`.
  const detail = get('rejection_detail');
  const detailOf = detail?.index('application_id') ?? new Map<string, CsvRecord>();
  const history = get('application_history');
  const times = warehouseTimes(config);
  const historyOf = history?.group('application_id') ?? new Map<string, CsvRecord[]>();
  for (const entries of historyOf.values()) entries.sort(byTime(times, history!, 'updated_at'));
  /** Applications not read, and why: their interviews and history are not read either. */
  const notRead = new Map<string, string>();
  for (const record of application.rows()) {
    const id = application.cell(record, 'id');
    const status = application.cell(record, 'status');
    const why =
      readBoolean(application.cell(record, 'is_deleted')) === true
        ? 'deleted in the ATS (is_deleted)'
        : readBoolean(application.cell(record, 'prospect')) === true
          ? 'prospects (no application to a job yet)'
          : status.toLowerCase() === 'converted'
            ? 'prospects converted into an application (counted there)'
            : null;
    if (why !== null) {
      skipped.add('application', why);
      notRead.set(id, why);
      continue;
    }
    let rejectionReason = '';
    let rejectedBy = '';
    const details = detailOf.get(id);
    if (status.toLowerCase() === 'rejected') {
      const found = reasons.get(
        application.cell(record, 'rejected_reason_id') || (details ? detail!.cell(details, 'rejection_reason_id') : ''),
      );
      if (found) {
        rejectionReason = reason!.cell(found, 'name');
        rejectedBy = ENDED_BY[reason!.cell(found, 'type_name').toLowerCase()] ?? '';
      }
    }
    let hiredAt = '';
    if (status.toLowerCase() === 'hired') {
      const entry = historyOf.get(id)?.find((h) => history!.cell(h, 'new_status').toLowerCase() === 'hired');
      hiredAt = entry ? utcInstant(history!.cell(entry, 'updated_at')) : (closeOfHire.get(id) ?? '');
    }
    rows.applications.push({
      origin: 'application',
      line: record.line,
      cells: {
        application_id: id,
        candidate_id: application.cell(record, 'candidate_id'),
        job_id: jobOf.get(id) ?? application.cell(record, 'job_id'),
        // The newer connector has no `applied_at`: an application is created when the candidate applies.
        applied_at: utcInstant(application.cell(record, 'applied_at') || application.cell(record, 'created_at')),
        source: sourceName.get(application.cell(record, 'source_id')) ?? '',
        current_stage:
          stageName.get(application.cell(record, 'current_stage_id') || application.cell(record, 'stage_id')) ?? '',
        status,
        rejected_at: utcInstant(
          application.cell(record, 'rejected_at') || (details ? detail!.cell(details, 'rejected_at') : ''),
        ),
        rejection_reason: rejectionReason,
        rejected_by: rejectedBy,
        hired_at: hiredAt,
      },
    });
  }

  // Stage events. The newer connector's `application_stage` has them, entered and exited.
  const stages = get('application_stage');
  for (const record of stages?.rows() ?? []) {
    const id = stages!.cell(record, 'application_id');
    const why = notRead.get(id);
    if (why !== undefined) {
      skipped.add('application_stage', `of applications not read: ${why}`);
      continue;
    }
    rows.stage_events.push({
      origin: 'application_stage',
      line: record.line,
      cells: {
        application_id: id,
        stage: stageName.get(stages!.cell(record, 'job_interview_stage_id')) ?? '',
        entered_at: utcInstant(stages!.cell(record, 'entered_at')),
        exited_at: utcInstant(stages!.cell(record, 'exited_at')),
      },
    });
  }
  // Otherwise a history row that moves the application to another stage enters it; the stage is left at the
  // next row that moves it on or ends the application (hired, rejected), as Fivetran's model counts days.
  for (const [id, entries] of stages ? [] : historyOf) {
    const why = notRead.get(id);
    if (why !== undefined) {
      skipped.add('application_history', `of applications not read: ${why}`, entries.length);
      continue;
    }
    let current = '';
    entries.forEach((entry, k) => {
      const stageId = history!.cell(entry, 'new_stage_id');
      if (stageId === '' || stageId === current) {
        skipped.add('application_history', 'status changes within a stage (they end the stage before)');
        return;
      }
      current = stageId;
      const exit = entries.slice(k + 1).find((next) => {
        const nextStage = history!.cell(next, 'new_stage_id');
        const status = history!.cell(next, 'new_status').toLowerCase();
        return (nextStage !== '' && nextStage !== stageId) || status === 'hired' || status === 'rejected';
      });
      rows.stage_events.push({
        origin: 'application_history',
        line: entry.line,
        cells: {
          application_id: id,
          stage: stageName.get(stageId) ?? '',
          entered_at: utcInstant(history!.cell(entry, 'updated_at')),
          exited_at: exit ? utcInstant(history!.cell(exit, 'updated_at')) : '',
        },
      });
    });
  }

  // Interviews: one feedback slot per interviewer of a scheduled interview; the feedback is the scorecard the
  // slot points to (a scorecard may be entered by someone else); a deleted scorecard is no feedback.
  const scheduled = get('scheduled_interview');
  const interviewers = get('scheduled_interviewer');
  if (scheduled && interviewers) {
    const interviewsById = scheduled.index('id');
    const scorecard = get('scorecard');
    const scorecards = scorecard?.index('id') ?? new Map<string, CsvRecord>();
    const step = get('interview');
    const stepName = lookup(step, 'id', (r) => step!.cell(r, 'name'));
    const withInterviewer = new Set<string>();
    // Columns as the classic tables name them, else as the newer connector's `interview`/`interviewer` do.
    const either = (table: DumpTable, record: CsvRecord, classic: string, newer: string) =>
      table.cell(record, classic) || table.cell(record, newer);
    for (const record of interviewers.rows()) {
      const interviewId = either(interviewers, record, 'scheduled_interview_id', 'interview_id');
      const interview = interviewsById.get(interviewId);
      if (!interview) {
        skipped.add('scheduled_interviewer', 'of interviews deleted in the ATS or not in scheduled_interview');
        continue;
      }
      withInterviewer.add(interviewId);
      const applicationId = scheduled.cell(interview, 'application_id');
      const why = notRead.get(applicationId);
      if (why !== undefined) {
        skipped.add('scheduled_interviewer', `of applications not read: ${why}`);
        continue;
      }
      const card = scorecards.get(interviewers.cell(record, 'scorecard_id'));
      const submittedAt = card ? utcInstant(scorecard!.cell(card, 'submitted_at')) : '';
      rows.interviews.push({
        origin: 'scheduled_interviewer',
        line: record.line,
        cells: {
          interview_id: interviewId,
          application_id: applicationId,
          stage:
            stepName.get(either(scheduled, interview, 'interview_id', 'job_interview_id')) ||
            (card ? scorecard!.cell(card, 'interview') : ''),
          interviewer: userName.get(either(interviewers, record, 'interviewer_id', 'user_id')) ?? '',
          interview_at: utcInstant(either(scheduled, interview, 'start', 'starts_at')),
          interview_end_at: utcInstant(either(scheduled, interview, 'end', 'ends_at')),
          feedback_submitted_at: submittedAt,
          recommendation:
            card && submittedAt !== '' ? either(scorecard!, card, 'overall_recommendation', 'candidate_rating') : '',
        },
      });
    }
    const alone = scheduled.rows().filter((r) => !withInterviewer.has(scheduled.cell(r, 'id'))).length;
    if (alone > 0)
      skipped.add('scheduled_interview', 'interviews with no interviewer listed (no feedback slot)', alone);
  }

  return {
    headers: HEADERS,
    rows,
    names: {
      application: {
        application_id: 'id',
        // As the classic tables or the newer connector's name them.
        job_id: jobApplication ? 'job_application.job_id' : 'job_id',
        applied_at: application.has('applied_at') ? 'applied_at' : 'created_at',
        source: 'source.name',
        current_stage: 'job_stage.name',
        rejection_reason: 'rejection_reason.name',
        rejected_by: 'rejection_reason.type_name',
        hired_at: 'application_history.updated_at',
      },
      job_opening: {
        requisition_id: 'opening_id',
        job_title: 'job.name',
        department: 'department.name',
        location: 'office.location_name',
        hiring_manager: 'hiring_team.user_id',
        recruiter: 'hiring_team.user_id',
        filled_at: 'closed_at',
      },
      job: {
        requisition_id: 'id',
        job_id: 'id',
        job_title: 'name',
        department: 'department.name',
        location: 'office.location_name',
        hiring_manager: 'hiring_team.user_id',
        recruiter: 'hiring_team.user_id',
      },
      scheduled_interviewer: {
        interview_id: 'scheduled_interview_id',
        application_id: 'scheduled_interview.application_id',
        stage: 'interview.name',
        interviewer: 'interviewer_id',
        interview_at: 'scheduled_interview.start',
        interview_end_at: 'scheduled_interview.end',
        feedback_submitted_at: 'scorecard.submitted_at',
        recommendation: 'scorecard.overall_recommendation',
      },
      application_history: { stage: 'new_stage_id', entered_at: 'updated_at', exited_at: 'updated_at' },
      application_stage: { stage: 'job_interview_stage_id' },
    },
  };
}
