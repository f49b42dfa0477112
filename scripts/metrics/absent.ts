/**
 * Absent is not zero: a figure whose input column is in no file of the export is "not in your export", never
 * 0 %. An interviews export without `feedback_submitted_at` would otherwise read as "nothing submitted, every
 * slot overdue", one without `hired_at` as "no hires", one without `rejected_at` as "no rejections". The figures
 * are blanked in the draft (value null), before suppression, and listed in the artifact's `absent`, so that
 * every page, chart and CSV says why they are empty.
 *
 * A table with no file at all lacks every column: its figures are absent as well (with no requisitions file,
 * "requisitions filled" is not known to be 0), named by the column that makes a file that table.
 *
 * This module is the one place that knows which figure needs which column: `NEEDS` lists, per input column,
 * every figure id (headline metric, definition, or section) that reads it; `withoutAbsent` blanks each of them
 * wherever the artifact holds it.
 */
import type { AbsentFigure, Aggregates, Figure } from '../schema/aggregates.ts';
import type { Entity } from '../schema/canonical.ts';
import type { Context } from './context.ts';

/** The figures about requisitions: none without a requisitions file. */
const REQUISITION_FIGURES = [
  'requisitionsFilled',
  'medianDaysToFill',
  'openRequisitions',
  'daysToFill',
  'daysOpen',
  'aging',
] as const;
/** The figures about feedback slots: none without an interviews file. */
const FEEDBACK_FIGURES = [
  'feedbackSubmissionRate',
  'feedbackOnTimeRate',
  'medianHoursToFeedback',
  'hoursToFeedback',
  'onTime',
  'submissionRate',
  'outstandingFeedback',
  'hiringManagerFeedback',
] as const;
/** The figures about rejections and withdrawals: each is counted in the month of its date. */
const REJECTION_FIGURES = [
  'rejections',
  'withdrawalShare',
  'unspecifiedReasonShare',
  'rejectionCategory',
  'rejectedBy',
  'rejectionStage',
] as const;

/**
 * Which figures (metric, definition and section ids) need which template column. A figure that needs several
 * is listed under each; the first rule that holds names the column (a table's own key column first: without a
 * requisitions file, the column to add is not `filled_at`).
 * `hires`: a month's hires (the sources' hires, time to hire's counts); `recommendations`: the scorecards' mix.
 */
export const NEEDS: ReadonlyArray<{ entity: Entity; needs: string; figures: readonly string[] }> = [
  { entity: 'requisitions', needs: 'opened_at', figures: REQUISITION_FIGURES },
  { entity: 'requisitions', needs: 'filled_at', figures: ['requisitionsFilled', 'medianDaysToFill', 'daysToFill'] },
  { entity: 'interviews', needs: 'interview_at', figures: ['feedbackSlots', ...FEEDBACK_FIGURES, 'recommendations'] },
  { entity: 'interviews', needs: 'feedback_submitted_at', figures: FEEDBACK_FIGURES },
  { entity: 'interviews', needs: 'recommendation', figures: ['recommendations'] },
  { entity: 'applications', needs: 'rejected_at', figures: REJECTION_FIGURES },
  { entity: 'applications', needs: 'rejection_reason', figures: ['unspecifiedReasonShare', 'rejectionCategory'] },
  { entity: 'applications', needs: 'hired_at', figures: ['medianDaysToHire', 'timeToHire', 'hires'] },
];

/**
 * The figures the export cannot give: their column is in none of the files of its table (or the table has no
 * file). Each figure once, with the first column it lacks.
 */
export function absentFigures(ctx: Context): AbsentFigure[] {
  const absent = new Map<string, AbsentFigure>();
  for (const rule of NEEDS) {
    if (ctx.hasFile(rule.entity) && ctx.hasColumn(rule.entity, rule.needs)) continue;
    for (const figure of rule.figures) {
      if (!absent.has(figure)) absent.set(figure, { figure, entity: rule.entity, needs: rule.needs });
    }
  }
  return [...absent.values()];
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
  // Without an interviews file there are no slots either: no rows, rather than months of 0 slots.
  const noSlots = gone.has('feedbackSlots');
  const mix = ['strong_yes', 'yes', 'no', 'strong_no', 'no_decision'];
  const withoutMix =
    gone.has('recommendations') && !noSlots
      ? { ...draft.feedback, byMonth: draft.feedback.byMonth.map((r) => ({ ...r, ...nulls(r, mix) })) }
      : draft.feedback;
  const feedback = noSlots
    ? { byMonth: [], byPerson: [], outstanding: [] }
    : noSubmissions
      ? {
          byMonth: withoutMix.byMonth.map((r) => ({
            ...r,
            ...nulls(r, ['submitted', 'on_time', 'submission_rate', 'on_time_rate', 'median_hours', 'p90_hours']),
            ...nulls(r, ['sla_settled']),
          })),
          byPerson: withoutMix.byPerson.map((r) => ({
            ...r,
            submitted: null,
            sla_settled: null,
            on_time_rate: null,
            median_hours: null,
          })),
          outstanding: [],
        }
      : withoutMix;
  // Seats filled without a fill date would read as none filled: not known (null), not 0.
  const noFills = gone.has('requisitionsFilled');
  const partnerships = draft.partnerships.map((p) => ({
    ...p,
    ...(noFills ? { requisitionsFilled: null } : {}),
    ...(noSubmissions ? { feedbackOnTimeRate: NOTHING, medianHoursToFeedback: NOTHING } : {}),
    ...(gone.has('unspecifiedReasonShare') ? { unspecifiedReasonShare: NOTHING } : {}),
    ...(gone.has('medianDaysToFill') ? { medianDaysToFill: NOTHING } : {}),
  }));
  // The retrospective's owners: a hiring manager's feedback on time, and who owes feedback, need submissions;
  // a month's seats filled need fill dates.
  const owners =
    noSubmissions || noFills
      ? {
          ...draft.owners,
          partnerships: draft.owners.partnerships.map((p) => ({
            ...p,
            ...(noSubmissions ? { feedbackOnTime: NOTHING } : {}),
            ...(noFills ? { seatsFilled: null } : {}),
          })),
          owedFeedback: noSubmissions ? [] : draft.owners.owedFeedback,
        }
      : draft.owners;
  // Without rejection dates no rejection has a month: the sections' tables are empty, not rows of 0.
  const rejections = gone.has('rejections')
    ? { ...draft.rejections, byMonth: [], byCategory: [], byRejectedBy: [], byStage: [] }
    : gone.has('rejectionCategory')
      ? { ...draft.rejections, byCategory: [] }
      : draft.rejections;
  const timeToFill = {
    ...draft.timeToFill,
    // Filled 0 in every month is what a missing fill date would read as: no rows instead.
    ...(gone.has('daysToFill') ? { fills: [], byMonth: [] } : {}),
    ...(gone.has('daysOpen') ? { open: [], aging: [] } : {}),
    ...(gone.has('daysToFill') || gone.has('daysOpen') ? { byPerson: [] } : {}),
    ...(gone.has('timeToHire')
      ? {
          timeToHireByMonth: draft.timeToFill.timeToHireByMonth.map((r) => ({
            ...r,
            hires: null,
            median_days: null,
            p90_days: null,
          })),
        }
      : {}),
  };
  // A source's hires in the month: empty, not 0, beside its applications (which the export does give).
  const sources =
    gone.has('hires') && draft.sources ? draft.sources.map((r) => ({ ...r, hires: null })) : draft.sources;
  return {
    ...draft,
    headlines,
    feedback,
    partnerships,
    owners,
    rejections,
    timeToFill,
    sources,
    // Without a recommendation column every scorecard would read as none of them: empty, not 0.
    ...(gone.has('recommendations') ? { recommendations: [] } : {}),
    absent: [...absent],
  };
}

/** `fields` of `row` that it has, as nulls (a field another version of the schema lacks is left out). */
function nulls<T extends object>(row: T, fields: readonly string[]): Partial<T> {
  const out: Record<string, null> = {};
  for (const field of fields) if (field in row) out[field] = null;
  return out as Partial<T>;
}
