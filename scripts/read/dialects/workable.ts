/**
 * Workable candidates (one per candidate per job), from NangoHQ/integration-templates:
 * integrations/workable/syncs/jobs-candidates.md and help.workable.com; Workable jobs from its API reference
 * (workable.readme.io/reference/jobs).
 *
 * Verified: `id, job{shortcode,title}, stage, disqualified, disqualification_reason, hired_at, created_at`, and
 * the default disqualification reasons. [unverified]: `disqualified_at` (without it a rejection has no date:
 * map `rejected_at` to the column that has one, e.g. `updated_at`, in the config), and who initiated each
 * default reason (Workable groups them under "Candidate rejected" / "Candidate withdrew" without saying which
 * is which; the split below is our reading of the names — override it in `reasons`).
 *
 * Jobs, verified: `id, title, full_title, shortcode, code, state, department, location{location_str}, created_at`;
 * `state` ∈ draft | published | closed | archived, where closed is "a job used internally or confidentially"
 * (still hiring, not advertised). Candidates name their job by `job.shortcode`, so the shortcode is the
 * requisition's id (one seat per job: Workable's jobs carry no openings). No fill or close date: fills come from
 * the job's hires (derive.ts), and an archived job without a hire ended unfilled, undated.
 */
import type { Dialect } from './types.ts';

export const workable: Dialect = {
  id: 'workable',
  name: 'Workable',
  tables: [
    {
      entity: 'applications',
      columns: {
        application_id: ['id', 'candidate.id'],
        job_id: ['job.shortcode', 'job_shortcode', 'shortcode'],
        job_title: ['job.title', 'job_title'],
        department: ['job.department', 'department'],
        applied_at: ['created_at'],
        source: ['source', 'domain'],
        current_stage: ['stage', 'stage_name'],
        rejected_at: ['disqualified_at'],
        rejection_reason: ['disqualification_reason'],
        hired_at: ['hired_at'],
      },
      status: { from: 'flag', rejected: ['disqualified'] },
      reasons: {
        "Doesn't have required qualifications": 'company',
        "Doesn't have required experience": 'company',
        "Area of speciality doesn't match job": 'company',
        "Doesn't match job location": 'company',
        'Job no longer receiving applications': 'company',
        'Other candidates are more suitable': 'company',
        'Salary expectations too high': 'company',
        'Unsuccessful interview': 'company',
        'Unsuccessful assessment': 'company',
        "Doesn't meet timeframe for job": 'company',
        'Not interested': 'candidate',
        'Withdrew/declined interview': 'candidate',
        'Did not attend interview': 'candidate',
        'Rejected offer': 'candidate',
        'Could not be contacted': null,
      },
    },
    {
      entity: 'requisitions',
      columns: {
        // Not `id`: no candidate column carries the job's id, and keyed by it no application would join.
        requisition_id: ['shortcode'],
        job_title: ['title', 'full_title'],
        department: ['department'],
        location: ['location.location_str', 'location_str', 'location.city'],
        opened_at: ['created_at'],
        status: ['state'],
      },
      // A draft is being written: its seat is not stated open or closed (Lever's drafts alike).
      values: { requisition_status: { published: 'open', closed: 'open', archived: 'closed', draft: null } },
    },
  ],
};
