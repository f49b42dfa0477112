/**
 * Workable candidates (one per candidate per job), from NangoHQ/integration-templates:
 * integrations/workable/syncs/jobs-candidates.md and help.workable.com.
 *
 * Verified: `id, job{shortcode,title}, stage, disqualified, disqualification_reason, hired_at, created_at`, and
 * the default disqualification reasons. [unverified]: `disqualified_at` (without it a rejection has no date:
 * map `rejected_at` to the column that has one, e.g. `updated_at`, in the config), and who initiated each
 * default reason (Workable groups them under "Candidate rejected" / "Candidate withdrew" without saying which
 * is which; the split below is our reading of the names — override it in `reasons`).
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
  ],
};
