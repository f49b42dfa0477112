/**
 * The time span of the sample and the story a monthly retrospective should find in it. Everything else in
 * the sample is steady background noise; these are the only deliberate changes, so that the dashboard (and
 * its tests) have something clear to show.
 */
import { utc } from './calendar.ts';

/** The first day anything happens. */
export const FIRST_DAY = utc(2024, 11, 1);

/**
 * When the team pulled the export: nothing in the files is later. The product's as-of date (the latest
 * timestamp in the data) therefore falls on 2026-10-31 (or the 30th).
 */
export const EXPORT_TAKEN_AT = utc(2026, 10, 31, 17, 30);

/**
 * 1. Feedback slump: the Data team's interviewers fell behind on scorecards for three months (a team
 *    offsite, then a launch), then recovered once a rotation was set up. Median hours to feedback are about
 *    3.5× the usual, and the share submitted within 24 h roughly halves.
 */
export const FEEDBACK_SLUMP = {
  department: 'Data',
  months: ['2026-03', '2026-04', '2026-05'],
} as const;

export interface FeedbackHabits {
  /** Median hours from the end of the interview to the scorecard. */
  medianHours: number;
  sigma: number;
  /** Share of scorecards that slip by days, not hours. */
  laggardShare: number;
  /** Share of scorecards never written at all (before the recent-months effect, see journey.ts). */
  neverShare: number;
}

const USUAL_FEEDBACK: FeedbackHabits = { medianHours: 6, sigma: 0.9, laggardShare: 0.05, neverShare: 0.02 };
const SLUMPED_FEEDBACK: FeedbackHabits = { medianHours: 21, sigma: 0.8, laggardShare: 0.16, neverShare: 0.04 };

export function feedbackHabits(department: string, interviewMonth: string): FeedbackHabits {
  const slumped =
    department === FEEDBACK_SLUMP.department && (FEEDBACK_SLUMP.months as readonly string[]).includes(interviewMonth);
  return slumped ? SLUMPED_FEEDBACK : USUAL_FEEDBACK;
}

/**
 * 2. Withdrawal spike: in August 2026 a competitor hired aggressively and offers were slow over the summer
 *    holidays, so candidates walked away at every stage, above all after the onsite and at the offer, mostly
 *    because they "Accepted another offer". Counted by the month of `rejected_at`, the withdrawn share of all
 *    closed applications is about 2–3× the usual.
 */
export const WITHDRAWAL_SPIKE = { month: '2026-08' } as const;

export function isWithdrawalSpike(decisionMonth: string): boolean {
  return decisionMonth === WITHDRAWAL_SPIKE.month;
}
