/**
 * Absent is not zero: a figure whose input column is in no file of the export is "not in your export", never
 * 0 %. An interviews export without `feedback_submitted_at` would otherwise read as "nothing submitted, every
 * slot overdue". The figures are blanked in the draft (value null), before suppression, and listed in the
 * artifact's `absent`, so that every page, chart and CSV says why they are empty.
 *
 * A table with no file at all is not "absent columns": its figures simply have no rows.
 */
import type { AbsentFigure, Aggregates, Figure } from '../schema/aggregates.ts';
import type { Entity } from '../schema/canonical.ts';
import type { Context } from './context.ts';

/** Which figures (metric and definition ids) need which template column. */
export const NEEDS: ReadonlyArray<{ entity: Entity; needs: string; figures: readonly string[] }> = [
  {
    entity: 'interviews',
    needs: 'feedback_submitted_at',
    figures: [
      'feedbackSubmissionRate',
      'feedbackOnTimeRate',
      'medianHoursToFeedback',
      'hoursToFeedback',
      'onTime',
      'submissionRate',
      'outstandingFeedback',
      'hiringManagerFeedback',
    ],
  },
  { entity: 'applications', needs: 'rejection_reason', figures: ['unspecifiedReasonShare', 'rejectionCategory'] },
  { entity: 'applications', needs: 'hired_at', figures: ['medianDaysToHire', 'timeToHire'] },
  { entity: 'requisitions', needs: 'filled_at', figures: ['requisitionsFilled', 'medianDaysToFill', 'daysToFill'] },
];

/** The figures the export cannot give: their column is in none of the files of a table that has files. */
export function absentFigures(ctx: Context): AbsentFigure[] {
  const absent: AbsentFigure[] = [];
  for (const rule of NEEDS) {
    if (!ctx.hasFile(rule.entity) || ctx.hasColumn(rule.entity, rule.needs)) continue;
    for (const figure of rule.figures) absent.push({ figure, entity: rule.entity, needs: rule.needs });
  }
  return absent;
}

const NOTHING: Figure = { value: null, n: null, suppressed: false };

/** The draft with every absent figure blanked (null, not 0), wherever it appears. */
export function withoutAbsent(draft: Aggregates, absent: readonly AbsentFigure[]): Aggregates {
  if (absent.length === 0) return draft;
  const gone = new Set(absent.map((a) => a.figure));
  const headlines = draft.headlines.map((s) =>
    gone.has(s.metric)
      ? {
          ...s,
          months: s.months.map((c) => ({
            ...c,
            current: NOTHING,
            previous: NOTHING,
            trailing3: NOTHING,
            changeVsPrevious: null,
            changeVsTrailing3: null,
          })),
        }
      : s,
  );
  const noSubmissions = gone.has('feedbackSubmissionRate');
  const feedback = noSubmissions
    ? {
        byMonth: draft.feedback.byMonth.map((r) => ({
          ...r,
          ...nulls(r, ['submitted', 'on_time', 'submission_rate', 'on_time_rate', 'median_hours', 'p90_hours']),
          ...nulls(r, ['sla_settled']),
        })),
        byPerson: draft.feedback.byPerson.map((r) => ({
          ...r,
          submitted: null,
          sla_settled: null,
          on_time_rate: null,
          median_hours: null,
        })),
        outstanding: [],
      }
    : draft.feedback;
  const partnerships = draft.partnerships.map((p) => ({
    ...p,
    ...(noSubmissions ? { feedbackOnTimeRate: NOTHING, medianHoursToFeedback: NOTHING } : {}),
    ...(gone.has('unspecifiedReasonShare') ? { unspecifiedReasonShare: NOTHING } : {}),
    ...(gone.has('medianDaysToFill') ? { medianDaysToFill: NOTHING } : {}),
  }));
  // The retrospective's owners: a hiring manager's feedback on time, and who owes feedback, need submissions.
  const owners = noSubmissions
    ? {
        ...draft.owners,
        partnerships: draft.owners.partnerships.map((p) => ({ ...p, feedbackOnTime: NOTHING })),
        owedFeedback: [],
      }
    : draft.owners;
  const rejections = gone.has('rejectionCategory') ? { ...draft.rejections, byCategory: [] } : draft.rejections;
  return { ...draft, headlines, feedback, partnerships, owners, rejections, absent: [...absent] };
}

/** `fields` of `row` that it has, as nulls (a field another version of the schema lacks is left out). */
function nulls<T extends object>(row: T, fields: readonly string[]): Partial<T> {
  const out: Record<string, null> = {};
  for (const field of fields) if (field in row) out[field] = null;
  return out as Partial<T>;
}
