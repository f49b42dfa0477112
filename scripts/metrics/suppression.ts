/**
 * Small-group suppression, applied once to the whole draft artifact before it is written.
 *
 * A figure about candidates (time to hire, feedback, rejections, funnel, the partnership view's candidate
 * figures, the candidate headlines) that rests on n applications or feedback slots with 0 < n < minGroupSize
 * is suppressed: its counts and values become null and `suppressed` true. n = 0 is not suppressed (there is
 * nobody to protect; the figure simply has no value). minGroupSize 1 turns suppression off. Requisition
 * figures describe seats, not people, and are left alone.
 *
 * Every candidate section is listed here, in one place, so that a new section cannot be forgotten silently:
 * `suppressAggregates` names each field it nulls.
 */
import type { Aggregates, Figure } from '../schema/aggregates.ts';
import { METRICS } from './headlines.ts';

/** True when a figure resting on n rows must be hidden. */
export function isSmallGroup(n: number | null, minGroupSize: number): boolean {
  return n !== null && n > 0 && n < minGroupSize;
}

export function suppressFigure(figure: Figure, minGroupSize: number): Figure {
  return isSmallGroup(figure.n, minGroupSize) ? { value: null, n: null, suppressed: true } : figure;
}

/** The row with `fields` nulled and `suppressed: true` when n is a small group; else the row unchanged. */
export function suppressRow<T extends { suppressed: boolean }>(
  row: T,
  n: number | null,
  fields: readonly (keyof T)[],
  minGroupSize: number,
): T {
  if (!isSmallGroup(n, minGroupSize)) return row;
  const out = { ...row, suppressed: true };
  for (const field of fields) (out as Record<keyof T, unknown>)[field] = null;
  return out;
}

export function suppressAggregates(a: Aggregates, minGroupSize: number): Aggregates {
  if (minGroupSize <= 1) return a;
  const m = minGroupSize;
  return {
    ...a,
    headlines: a.headlines.map((series) =>
      METRICS[series.metric].candidate
        ? {
            ...series,
            months: series.months.map((c) => ({
              ...c,
              current: suppressFigure(c.current, m),
              previous: suppressFigure(c.previous, m),
              trailing3: suppressFigure(c.trailing3, m),
            })),
          }
        : series,
    ),
    timeToFill: {
      ...a.timeToFill,
      timeToHireByMonth: a.timeToFill.timeToHireByMonth.map((r) =>
        suppressRow(r, r.hires, ['hires', 'median_days', 'p90_days'], m),
      ),
    },
    feedback: {
      byMonth: a.feedback.byMonth.map((r) =>
        suppressRow(
          r,
          r.slots,
          [
            'slots',
            'due',
            'submitted',
            'on_time',
            'submission_rate',
            'on_time_rate',
            'median_hours',
            'p90_hours',
            'strong_yes',
            'yes',
            'no',
            'strong_no',
            'no_decision',
          ],
          m,
        ),
      ),
      byPerson: a.feedback.byPerson.map((r) =>
        suppressRow(r, r.slots, ['slots', 'submitted', 'on_time_rate', 'median_hours'], m),
      ),
      outstanding: a.feedback.outstanding.map((r) => suppressRow(r, r.slots, ['slots'], m)),
    },
    rejections: {
      byMonth: a.rejections.byMonth.map((r) => suppressRow(r, r.rejections, ['rejections'], m)),
      byCategory: a.rejections.byCategory.map((r) => suppressRow(r, r.rejections, ['rejections', 'share'], m)),
      byRejectedBy: a.rejections.byRejectedBy.map((r) => suppressRow(r, r.rejections, ['rejections', 'share'], m)),
      byStage: a.rejections.byStage.map((r) => suppressRow(r, r.rejections, ['rejections', 'share'], m)),
    },
    funnel:
      a.funnel === null
        ? null
        : a.funnel.map((r) => suppressRow(r, r.reached, ['reached', 'pass_through', 'median_days_in_stage'], m)),
    partnerships: a.partnerships.map((p) => ({
      ...p,
      feedbackOnTimeRate: suppressFigure(p.feedbackOnTimeRate, m),
      medianHoursToFeedback: suppressFigure(p.medianHoursToFeedback, m),
      hiringManagerScreenPassThrough: suppressFigure(p.hiringManagerScreenPassThrough, m),
      recruiterScreenToHiringManagerScreen: suppressFigure(p.recruiterScreenToHiringManagerScreen, m),
      unspecifiedReasonShare: suppressFigure(p.unspecifiedReasonShare, m),
    })),
  };
}
