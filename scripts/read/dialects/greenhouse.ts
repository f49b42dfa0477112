/**
 * Greenhouse, from the Harvest API objects flattened the way exports and warehouse tables show them
 * (`current_stage.name`, `rejection_reason.type.name`): grnhse/greenhouse-api-docs@0c37c31,
 * `source/includes/harvest/*.md`.
 *
 * Verified: the field names and enums of the API objects. [unverified]: how a flat export spells the nested
 * ones (`jobs.id` vs `job_id`, `openings.opening_id`), hence the several aliases.
 */
import type { Dialect } from './types.ts';

export const greenhouse: Dialect = {
  id: 'greenhouse',
  name: 'Greenhouse',
  tables: [
    {
      // Harvest `application`. It has no hire date: time to hire needs a `hired_at` column (map one in the
      // config) or stays empty.
      entity: 'applications',
      columns: {
        application_id: ['id', 'application_id', 'application.id'],
        candidate_id: ['candidate_id', 'candidate.id'],
        job_id: ['jobs.id', 'jobs[0].id', 'jobs.0.id', 'job_id', 'job.id', 'jobs'],
        job_title: ['jobs.name', 'jobs[0].name', 'jobs.0.name', 'job_name', 'job.name'],
        department: ['departments.name', 'department.name', 'department'],
        applied_at: ['applied_at'],
        source: ['source.public_name', 'source', 'source_name'],
        current_stage: ['current_stage.name', 'current_stage', 'stage_name'],
        status: ['status'],
        rejected_at: ['rejected_at'],
        rejection_reason: ['rejection_reason.name', 'rejection_reason'],
        rejected_by: ['rejection_reason.type.name', 'rejection_reason.type', 'rejection_reason_type'],
        hired_at: ['hired_at'],
      },
      values: {
        // Harvest v3 (flat) writes `in_process` [unverified beyond integrators].
        application_status: { active: 'active', in_process: 'active', rejected: 'rejected', hired: 'hired' },
        rejected_by: { 'We rejected them': 'company', 'They rejected us': 'candidate', 'None specified': null },
      },
      notApplications: {
        converted: 'prospect converted into another application (counted there)',
      },
    },
    {
      // Harvest `scorecard`: one per interviewer per interview, i.e. one feedback slot. A scorecard exists once
      // it is started, so slots nobody opened are not in this export.
      entity: 'interviews',
      columns: {
        interview_id: ['id', 'scorecard_id', 'scorecard.id'],
        application_id: ['application_id'],
        stage: ['interview_step.name', 'interview', 'interview_step', 'interview.name'],
        interviewer: ['interviewer.name', 'interviewer', 'submitted_by.name', 'submitted_by'],
        interview_at: ['interviewed_at'],
        feedback_submitted_at: ['submitted_at'],
        recommendation: ['overall_recommendation'],
      },
      values: {
        recommendation: {
          definitely_not: 'strong_no',
          no: 'no',
          yes: 'yes',
          strong_yes: 'strong_yes',
          no_decision: 'no_decision',
        },
      },
    },
    {
      // Harvest `job` with its `openings[]` flattened to one row per opening (one seat). A job without openings
      // gives one row per job. An opening closes "when it is filled or removed": filled when it names the hired
      // application or its close reason is "Hired" (close reasons are custom per org).
      entity: 'requisitions',
      columns: {
        requisition_id: [
          'openings.opening_id',
          'opening_id',
          'openings.id',
          'opening.opening_id',
          'requisition_id',
          'id',
        ],
        job_id: ['job_id', 'job.id', 'id'],
        job_title: ['name', 'job.name', 'job_name', 'title'],
        department: ['departments.name', 'departments[0].name', 'departments', 'department'],
        location: ['offices.name', 'offices[0].name', 'offices', 'office', 'location'],
        hiring_manager: [
          'hiring_team.hiring_managers.name',
          'hiring_managers.name',
          'hiring_managers',
          'hiring_manager',
        ],
        recruiter: ['hiring_team.recruiters.name', 'recruiters.name', 'recruiters', 'recruiter'],
        opened_at: ['openings.opened_at', 'opening.opened_at', 'opened_at'],
        closed_at: ['openings.closed_at', 'opening.closed_at', 'closed_at'],
        status: ['openings.status', 'opening.status', 'status'],
      },
      values: { requisition_status: { open: 'open', closed: 'closed', draft: null } },
      filledWhen: [
        { columns: ['openings.application_id', 'opening.application_id', 'hired_application_id'] },
        { columns: ['openings.close_reason.name', 'close_reason.name', 'close_reason'], values: ['Hired'] },
      ],
    },
  ],
};
