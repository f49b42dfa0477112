/**
 * The definition of every figure and concept, as shown beside it on the site and on the definitions page.
 * The texts carry this build's settings (SLA hours, minimum group size, timezone), so what the page says is
 * exactly what was computed. Keep them in step with the modules they describe (named after each text).
 */
import type { Aggregates, Definition } from '../schema/aggregates.ts';
import type { Config } from '../schema/config.ts';
import { FAR_FUTURE_DAYS } from './asOf.ts';
import { OPEN_COHORT_DAYS } from './funnel.ts';
import { outcomeStageNames } from '../read/derive.ts';
import { METRICS } from './headlines.ts';
import { ENOUGH_DATA_FLOOR, PARTNERSHIP_MONTHS, WIDENED_MONTHS } from './partnership.ts';

type DefinitionInput = Omit<Definition, 'unit' | 'betterWhen'> & Partial<Pick<Definition, 'unit' | 'betterWhen'>>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function definitions(config: Config): Aggregates['definitions'] {
  const sla = plural(config.feedbackSlaHours, 'hour');
  const min = config.privacy.minGroupSize;
  const tz = config.timezone;
  const suppression =
    min <= 1
      ? 'Small-group suppression is off (minimum group size 1): every candidate figure is shown.'
      : `A figure about candidates (rejections, feedback, funnel, time to hire, the partnership view's candidate figures) that rests on fewer than ${plural(min, 'application')} or feedback slots (but at least one) is suppressed: shown as <${min}, and left empty with suppressed=true in the CSV downloads. A group of none is not suppressed: it simply has no value. Requisition figures (time to fill, open seats) describe seats, not people, and are never suppressed; nor are counts of hires, which fill those seats (the days to hire over fewer than ${plural(min, 'hire')} are). Where figures add up to a total that is shown too (the reasons, categories or stages of a month's rejections, the stages or departments of a month's feedback, the departments of a funnel stage), one <${min} figure could be worked out as the total minus the others: so when only one figure of such a sum is hidden, or the hidden ones together make fewer than ${min}, the next-smallest figure is hidden too (complementary suppression), shown as "hidden" and, in the CSV downloads, left empty with suppressed=true. A month's figure hidden that way is hidden in the headline cards and in the trailing-3-month figure that would give it back.`;
  const floor = Math.max(min, ENOUGH_DATA_FLOOR);

  const metric = (d: DefinitionInput & { id: keyof typeof METRICS }): Definition => ({
    id: d.id,
    title: d.title,
    unit: METRICS[d.id].unit,
    betterWhen: METRICS[d.id].betterWhen,
    text: d.text,
  });
  const concept = (d: DefinitionInput): Definition => ({
    id: d.id,
    title: d.title,
    unit: d.unit ?? 'none',
    betterWhen: d.betterWhen ?? 'neutral',
    text: d.text,
  });

  return [
    // ---- the headline metrics (METRIC_IDS)
    metric({
      id: 'requisitionsFilled',
      title: 'Requisitions filled',
      text: 'Requisitions (seats) whose filled_at falls in the month. A seat is filled when it has a filled_at date, whatever its status says.',
    }),
    metric({
      id: 'medianDaysToFill',
      title: 'Median days to fill',
      text: 'The median of days to fill over the requisitions filled in the month (see "Days to fill" and "Quantiles"). A month without fills has no value.',
    }),
    metric({
      id: 'openRequisitions',
      title: 'Open requisitions',
      text: 'Requisitions open at the end of the month (for the as-of month: at the as-of date): opened on or before that day, with no filled_at and no closed_at on or before it. A requisition on hold is still an unfilled seat and counts as open (it is flagged as on hold in the list; its days open include the time on hold, which the exports do not date). A requisition whose status is filled, closed or cancelled but carries no date is not counted as open at any time.',
    }),
    metric({
      id: 'medianDaysToHire',
      title: 'Median days to hire',
      text: 'The median of time to hire over the hires of the month (month of hired_at). See "Time to hire".',
    }),
    metric({
      id: 'feedbackSlots',
      title: 'Feedback slots',
      text: 'Interview rows (one per interviewer per interview) whose interview_at falls in the month.',
    }),
    metric({
      id: 'feedbackSubmissionRate',
      title: 'Feedback submission rate',
      text: 'Submitted feedback slots / feedback slots due before the end of the as-of date, for the interviews of the month. A slot is due at interview_end_at, else at interview_at.',
    }),
    metric({
      id: 'feedbackOnTimeRate',
      title: 'Feedback on-time rate',
      text: `Slots with feedback submitted on time (within ${sla} of due) / feedback slots whose outcome is settled — submitted, or due more than ${sla} before the end of the as-of date — for the interviews of the month. A slot still inside its ${sla} window at the as-of date is not yet late, so it is left out until it is.`,
    }),
    metric({
      id: 'medianHoursToFeedback',
      title: 'Median hours to feedback',
      text: 'The median of hours to feedback over the submitted slots of the interviews of the month; feedback submitted before the interview ended counts as 0 hours. See "Hours to feedback".',
    }),
    metric({
      id: 'rejections',
      title: 'Rejections',
      text: 'Applications with status rejected or withdrawn whose rejected_at falls in the month. Such an application without a rejected_at cannot be placed in a month and is not counted.',
    }),
    metric({
      id: 'withdrawalShare',
      title: 'Withdrawal share',
      text: 'Rejections where the candidate ended the process (rejected by = candidate) / all rejections of the month.',
    }),
    metric({
      id: 'unspecifiedReasonShare',
      title: 'Unspecified-reason share',
      text: 'Rejections whose reason category is "unspecified" (no reason, or "None specified") / all rejections of the month.',
    }),

    // ---- per-row figures
    concept({
      id: 'daysToFill',
      title: 'Days to fill',
      unit: 'days',
      betterWhen: 'lower',
      text: `Per filled requisition: calendar days from the date of opened_at to the date of filled_at (dates in ${tz}; a seat filled on its opening day took 0 days), counted in the month of filled_at. A fill dated before its opening is left out.`,
    }),
    concept({
      id: 'daysOpen',
      title: 'Days open',
      unit: 'days',
      text: 'Per open requisition: calendar days from the date of opened_at to the as-of date.',
    }),
    concept({
      id: 'aging',
      title: 'Open requisition aging',
      unit: 'count',
      text: 'Open requisitions at the as-of date by days open: 0–30, 31–60, 61–90, 91–180 and 181 or more days.',
    }),
    concept({
      id: 'timeToHire',
      title: 'Time to hire',
      unit: 'days',
      betterWhen: 'lower',
      text: 'Per hire: calendar days from the date of applied_at to the date of hired_at, counted in the month of hired_at. The hires are shown however few (each fills a seat the filled requisitions list); the days over a small group of hires are suppressed.',
    }),
    concept({
      id: 'hoursToFeedback',
      title: 'Hours to feedback',
      unit: 'hours',
      betterWhen: 'lower',
      text: 'Per submitted feedback slot: elapsed hours from due (interview_end_at, else interview_at) to feedback_submitted_at. Real elapsed time: a daylight-saving change in between counts as the hour it really is. Feedback submitted before it was due (a form filled in during the interview) counts as 0 hours, and so as on time.',
    }),
    concept({
      id: 'onTime',
      title: 'On time',
      unit: 'none',
      text: `A feedback slot is on time when its feedback was submitted at most ${sla} after due (the feedbackSlaHours setting); exactly ${sla} is on time.`,
    }),
    concept({
      id: 'submissionRate',
      title: 'Submission rate',
      unit: 'rate',
      betterWhen: 'higher',
      text: 'Submitted slots / slots due before the end of the as-of date (slots counted in the month of interview_at). Slots whose interview is still to end are not yet due and are left out of both sides.',
    }),
    concept({
      id: 'outstandingFeedback',
      title: 'Outstanding feedback',
      unit: 'count',
      text: 'Feedback slots not submitted by the end of the as-of date although due, by the time since they fell due: under 1 day, 1–3, 3–7, 7–30 and 30 or more days.',
    }),
    concept({
      id: 'hiringManagerFeedback',
      title: "A hiring manager's own feedback",
      unit: 'none',
      text: `The feedback slots in which the hiring manager of the interview's requisition is the interviewer (names matched ignoring case and spacing). Per-interviewer figures for everyone else are ${config.privacy.showInterviewers ? 'shown (privacy.showInterviewers is on)' : 'not shown (privacy.showInterviewers is off), and interviewer names are not in the dashboard'}.`,
    }),
    concept({
      id: 'rejectionCategory',
      title: 'Rejection reason category',
      unit: 'none',
      text: 'Each raw rejection reason maps onto one category: skills, experience, career goals, values, compensation, logistics, position filled, candidate withdrew, other or unspecified. Defaults cover the standard reasons of Greenhouse, Lever, Ashby and Workable and common synonyms, matched by their words: case, punctuation, hyphens, plurals and "a"/"the" do not count ("Over-qualified" is "Overqualified"), and a reason a letter or two away from exactly one known reason is taken as it; the config\'s "reasons" overrides them. No reason → unspecified; a reason in neither table → other (and listed on the data-quality page with the setting that maps it). A reason given by fewer candidates than the minimum group size may be a person\'s words: it is shown as "other (rare text)", counted on the data-quality page and never quoted.',
    }),
    concept({
      id: 'rejectedBy',
      title: 'Rejected by',
      unit: 'none',
      text: 'Who ended the process: the export\'s rejected_by; else candidate for a withdrawn application; else what the reason implies (config "reasons", then the defaults, e.g. "Wasn\'t interested" → candidate); else unknown. When the export has no rejected_by column at all, its status is its only word on it: rejected means the company ended the process and withdrawn the candidate (a reason that says otherwise still decides first).',
    }),
    concept({
      id: 'derived',
      title: 'Values derived from other columns',
      unit: 'none',
      text: `Where an export keeps a value elsewhere than in its own column, it is derived, and the data-quality page says how many rows were. Outcomes from stage events: an application whose status is active and whose latest stage event is an outcome stage (built in: ${outcomeStageNames(config)}; matched ignoring case and spaces; the config's "outcomeStages" adds or removes names) is rejected, withdrawn or hired from the entry into the first of its trailing events of that outcome (an outcome dated before the application is ignored) (so "Offer accepted" then "Joined" is hired when the offer was accepted). A status of rejected, withdrawn or hired in the applications export is never overruled; only a missing date is taken from the events. The reason is the events' drop reason (the reason, drop_reason, rejection_reason or exit_reason column of the stage events) when the application has none, and the rejection's stage is the stage the candidate was in before it. Rejection and withdrawal events are outcomes, not stages: the funnel leaves them out; hire events stay as its last stage. When no stage-events file has exited_at, a stage is left when the application's next stage is entered. When no requisitions file has filled_at, a seat whose status says filled was filled at its closed_at, and a job's other seats that are not cancelled, in order of opening, take its hires in order of hire date: the n-th hire fills the n-th seat, and the last seat is filled by the job's last hire (a one-seat job with several hires: the last one); a hire dated before its seat opened does not fill it. When no applications file has a status column (a hand-made export), the outcome comes from the other columns: an application with a hired_at is hired (even when it also has a rejected_at), else one with a rejected_at is rejected (by the company, unless the reason says otherwise: see "Rejected by"), else one whose latest stage event is an outcome stage takes that outcome as above; the rest have an unknown outcome and count as still in process — in no rejection, withdrawal or hire figure — and the build output and the data-quality page say how many.`,
    }),
    concept({
      id: 'notInExport',
      title: 'Not in your export',
      unit: 'none',
      text: 'A figure whose input column is in no file of its table (feedback rates and hours without feedback_submitted_at, rejections and their shares without rejected_at, reason shares without rejection_reason, fills without filled_at or hires, hires and time to hire without hired_at) is shown as "not in your export", naming the column it needs, and left empty in the CSV downloads, with the reason in empty_reason — never as 0. A table with no file lacks all of its columns: without a requisitions file, requisitions filled and open are not in your export (nor feedback without an interviews file). A column present but empty in some rows is in the export: those rows count as not submitted, not filled or unspecified.',
    }),
    concept({
      id: 'rejectionStage',
      title: 'Rejection stage',
      unit: 'none',
      text: 'The stage the application was in when rejected or withdrawn (its current_stage); (none) when the export does not say.',
    }),
    concept({
      id: 'funnel',
      title: 'Funnel',
      unit: 'count',
      text: `Only when the exports hold stage events. Cohort = the month of applied_at. Reached = applications of the cohort that ever entered the stage. A cohort whose last day is less than ${OPEN_COHORT_DAYS} days before the as-of date is still open: its figures will still move. Stages are in the configured stageOrder, else in the median order in which applications first enter them.`,
    }),
    concept({
      id: 'passThrough',
      title: 'Pass-through',
      unit: 'rate',
      betterWhen: 'higher',
      text: 'Of the applications that reached a stage, the share that went on to reach any later stage. This is reached(next stage) / reached(this stage) whenever no stage is skipped; when some candidates skip a stage it still counts them as passing the stages they left behind, so it never exceeds 100 %. No value on the last stage. Pass-through × reached is the number of applications that went on, so where that number is a small group, or the next stage is hidden for privacy, the pass-through is hidden too.',
    }),
    concept({
      id: 'daysInStage',
      title: 'Days in stage',
      unit: 'days',
      text: 'Calendar days from the date a stage was entered to the date it was left, over the stays that have ended (each stay counts once); the figure is their median.',
    }),
    concept({
      id: 'partnership',
      title: 'Partnership view',
      unit: 'none',
      text: `Per hiring manager, over the ${PARTNERSHIP_MONTHS} complete months ending with the latest complete month (over ${WIDENED_MONTHS} when ${PARTNERSHIP_MONTHS} have too little data, and said so), beside the company's figure over the same months: their recruiters and departments (of their requisitions open at some time in the window), requisitions open at the end of the window and filled in it, median days to fill of those fills, their own feedback as an interviewer (on-time rate, median hours), the recruiter-screen → hiring-manager-screen rate (of the applications that entered a recruiter screen in the window, the share that reached the hiring manager's screen or a later stage, or were hired), the hiring-manager-screen pass-through (of those that entered the hiring manager's screen in the window, the share that reached a later stage or were hired), and the share of the rejections at the stages they own (their screen and every later stage; every stage when no screen of theirs is recognised) with no reason or "other" (a duplicate application needs no reason and does not count). Screens are recognised by stage name, ignoring case: a stage containing "recruiter" and "screen", and one containing "hiring manager" (or "HM") and "screen". Stages come from stage events when the exports have them, else from the stage of each interview and the current stage. "Not enough data" (never ranked): fewer than ${floor} of their own feedback slots or fewer than ${floor} applications behind the candidate figures.`,
    }),
    concept({
      id: 'enoughData',
      title: 'Enough data',
      unit: 'none',
      text: `A partnership card is compared and ranked only when it rests on at least ${floor} of the hiring manager's own feedback slots and ${floor} applications in the window.`,
    }),

    // ---- conventions
    concept({
      id: 'month',
      title: 'Month',
      unit: 'none',
      text: `The calendar month of an event's date in the configured timezone (${tz}), written YYYY-MM.`,
    }),
    concept({
      id: 'asOf',
      title: 'As-of date',
      unit: 'none',
      text: `The date the dashboard describes: ${config.asOf !== undefined ? `${config.asOf}, set by "asOf" in the config` : `the date of the latest timestamp present in the data (not the build time), unless "asOf" is set in the config; a timestamp more than ${FAR_FUTURE_DAYS} days after the latest opening or application is taken for a typo, not for the latest timestamp`}. Figures are as at the end of that day: anything stamped later has not happened yet.`,
    }),
    concept({
      id: 'latestCompleteMonth',
      title: 'Latest complete month',
      unit: 'none',
      text: 'The last month whose last day is on or before the as-of date (the as-of month itself when the as-of date is its last day). The overview shows it.',
    }),
    concept({
      id: 'quantiles',
      title: 'Median, p75, p90',
      unit: 'none',
      text: "Quantiles by linear interpolation between order statistics (as d3.quantile, numpy's default and SQL quantile_cont): the median of 2, 4, 6, 8 is 5. No values → no value (never 0). Days and hours are rounded to one decimal.",
    }),
    concept({ id: 'suppression', title: 'Small-group suppression', unit: 'none', text: suppression }),
    concept({
      id: 'comparison',
      title: 'Comparison with earlier months',
      unit: 'none',
      text: `Each month is compared with the month before and with the three months before it. The three months are pooled from their rows (the median of all their fills, all their submitted slots over all their due slots), not averaged from monthly figures; for counts the trailing value is the monthly average (total / 3). A period reaching before the first month with data has no value. A change is current − earlier, in the figure's unit (rates as fractions). It is not shown when either side has no value or is suppressed, or, for medians and rates, when either side rests on fewer than ${plural(min, 'row')} (fills, hires, due slots, submitted slots or rejections).`,
    }),
    concept({
      id: 'scope',
      title: 'Department and hiring manager scopes',
      unit: 'none',
      text: "A requisition belongs to its department and hiring manager. An application (and its interviews, hire and rejection) belongs to its own department when the export gives one, else its requisition's, and to its requisition's hiring manager. A missing department, hiring manager, recruiter or stage shows as (none). 'All' is the rollup over every value, computed from the rows.",
    }),
  ];
}
