/**
 * The canonical template (docs/exports.md, "The canonical template"): the column names the docs tell users to export
 * to. Its value synonyms are the common spellings any team might use.
 */
import { ENTITIES, TEMPLATE } from '../../schema/canonical.ts';
import type { Dialect, TableDialect } from './types.ts';

/**
 * How teams spell the template's columns in exports they make themselves (compared as `matchKey` does:
 * `Req ID` = `req_id`), after the template's own name. Each says what the column is: names any table could
 * have (`id`, `date`, `job`) are left out, so that a file is never read on a guess.
 */
const SPELLINGS: Partial<Record<(typeof ENTITIES)[number], Record<string, readonly string[]>>> = {
  requisitions: {
    requisition_id: ['req_id', 'requisition_code', 'req_code', 'opening_id'],
    job_id: ['job_code', 'job_number'],
    opened_at: ['opened_on', 'open_date', 'date_opened'],
    filled_at: ['filled_on', 'fill_date', 'date_filled'],
    closed_at: ['closed_on', 'close_date', 'date_closed'],
  },
  applications: {
    application_id: ['app_id'],
    job_id: ['job_code', 'job_number', 'requisition_id', 'req_id'],
    applied_at: ['applied_on', 'applied_date', 'date_applied', 'application_date'],
    rejected_at: ['rejected_on', 'rejection_date', 'date_rejected'],
    hired_at: ['hired_on', 'hire_date', 'date_hired'],
  },
  interviews: {
    interview_at: ['interview_date', 'interview_start', 'interview_on', 'scheduled_at'],
    interview_end_at: ['interview_end', 'interview_ended_at'],
    feedback_submitted_at: ['feedback_at', 'feedback_submitted_on', 'feedback_date', 'scorecard_submitted_at'],
  },
  stage_events: {
    entered_at: ['entered_on', 'date_entered', 'stage_entered_at', 'entered_stage_at', 'moved_at'],
    exited_at: ['exited_on', 'date_exited', 'stage_exited_at', 'left_stage_at'],
  },
};

const table = (entity: (typeof ENTITIES)[number]): TableDialect => ({
  entity,
  columns: Object.fromEntries(
    TEMPLATE[entity].map((field) => [field.column, [field.column, ...(SPELLINGS[entity]?.[field.column] ?? [])]]),
  ),
});

export const canonical: Dialect = {
  id: 'canonical',
  name: 'canonical template',
  tables: [
    { ...table('requisitions'), values: { requisition_status: { canceled: 'cancelled', paused: 'on_hold' } } },
    {
      ...table('applications'),
      values: {
        application_status: {
          'in process': 'active',
          'in progress': 'active',
          open: 'active',
          declined: 'rejected',
          disqualified: 'rejected',
          withdrew: 'withdrawn',
        },
        rejected_by: { us: 'company', employer: 'company', them: 'candidate', unknown: null },
      },
    },
    { ...table('interviews'), values: { recommendation: { neutral: 'no_decision', 'definitely not': 'strong_no' } } },
    {
      ...table('stage_events'),
      // Hand-made exports name the reason a candidate dropped out at a stage in several ways.
      columns: {
        ...table('stage_events').columns,
        reason: ['reason', 'drop_reason', 'rejection_reason', 'exit_reason'],
      },
    },
  ],
};
