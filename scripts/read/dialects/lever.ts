/**
 * Lever, from the API objects (hire.lever.co/developer/documentation) and Fivetran's Lever schema
 * (fivetran/dbt_lever@ee5622c), flattened (`archived.archivedAt`). Times are epoch milliseconds.
 *
 * Verified: opportunity `id, contact, createdAt, stage, archived{archivedAt, reason}, origin`; archive reason
 * `type` ∈ hired | non-hired ("one of which is always Hired"); requisition `requisitionCode, status,
 * timeToFillStartAt, timeToFillEndAt, closedAt`; feedback `completedAt`, score-system labels
 * `4 - Strong Hire` … `1 - Strong No Hire` (docs also show `3 - Yes`).
 * [unverified]: the flat spellings of the posting (job) id and of the interview date on a feedback row, and
 * who initiated the example archive reasons below (Lever does not record it: map yours in `reasons`).
 */
import type { Dialect } from './types.ts';

export const lever: Dialect = {
  id: 'lever',
  name: 'Lever',
  tables: [
    {
      // Opportunity. No status column: archived with reason "Hired" = hired, archived otherwise = rejected.
      // `archived.reason` must be the reason's text (not its id) for hires to be recognised.
      entity: 'applications',
      columns: {
        application_id: ['id', 'opportunity_id', 'opportunity.id'],
        candidate_id: ['contact', 'contact.id', 'contact_id'],
        job_id: ['applications.posting', 'applications[0].posting', 'posting', 'posting.id', 'posting_id'],
        job_title: ['posting.text', 'posting_title', 'applications.posting.text'],
        department: ['posting.categories.department', 'posting.department'],
        applied_at: ['createdAt', 'created_at'],
        source: ['origin', 'sources', 'sources[0]', 'source'],
        current_stage: ['stage.text', 'stage', 'stage_name'],
        rejection_reason: ['archived.reason.text', 'archived.reason', 'archive_reason.text', 'archive_reason'],
      },
      status: {
        from: 'archive',
        archivedAt: ['archived.archivedAt', 'archived_at', 'archivedAt'],
        hiredReasons: ['Hired'],
      },
      // Lever's documentation examples [unverified as defaults; initiator is our reading of the name].
      reasons: {
        Withdrew: 'candidate',
        'Offer declined': 'candidate',
        Underqualified: 'company',
        'Culture Fit': 'company',
        'Position filled': 'company',
        Timing: null,
      },
    },
    {
      // Feedback form: one per interviewer per interview. The interview date lives on the interview, so the
      // export must carry it (`interview.date`) [unverified flat name]; `duration` is in minutes.
      entity: 'interviews',
      columns: {
        interview_id: ['interview', 'interview.id', 'interview_id', 'panel', 'id'],
        application_id: ['opportunity', 'opportunity.id', 'opportunity_id', 'opportunityId'],
        stage: ['stage.text', 'stage', 'text'],
        interviewer: ['user.name', 'user', 'user_id'],
        interview_at: ['interview.date', 'interview_date', 'date'],
        feedback_submitted_at: ['completedAt', 'completed_at'],
        recommendation: ['score_system_value', 'score-system', 'fields.score-system', 'overall_rating'],
      },
      durationMinutes: ['interview.duration', 'duration'],
      values: {
        recommendation: {
          '4 - Strong Hire': 'strong_yes',
          '3 - Hire': 'yes',
          '3 - Yes': 'yes',
          '2 - No Hire': 'no',
          '2 - No': 'no',
          '1 - Strong No Hire': 'strong_no',
          '1 - Strong No': 'strong_no',
          'Strong Hire': 'strong_yes',
          Hire: 'yes',
          'No Hire': 'no',
          'Strong No Hire': 'strong_no',
        },
      },
    },
    {
      entity: 'requisitions',
      columns: {
        requisition_id: ['requisitionCode', 'requisition_code', 'id'],
        job_title: ['name', 'title'],
        department: ['department', 'team'],
        location: ['location'],
        hiring_manager: ['hiringManager.name', 'hiringManager', 'hiring_manager'],
        recruiter: ['owner.name', 'owner'],
        opened_at: ['timeToFillStartAt', 'createdAt'],
        filled_at: ['timeToFillEndAt'],
        closed_at: ['closedAt', 'closed_at'],
        status: ['status'],
      },
      values: { requisition_status: { open: 'open', onHold: 'on_hold', closed: 'closed', draft: null } },
    },
  ],
};
