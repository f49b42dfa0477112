/**
 * Candidates moving through a job's pipeline: Application Review → Recruiter Screen → Hiring Manager Screen →
 * Onsite → Offer. Each stage ends in a decision (move on, turned down, or the candidate walks away); the
 * screens and the onsite hold interviews, each interviewer owing a scorecard (a feedback slot).
 *
 * Everyone except the hires is followed forwards from the day they applied; each hire is planned backwards
 * from the day their seat was filled, so that exactly one application per filled seat is hired.
 */
import {
  DAY,
  HOUR,
  MINUTE,
  bookSlot,
  canBook,
  monthOf,
  nextWorkingMoment,
  previousWorkingMoment,
  roundToMinute,
  startOfDay,
  workingDaysBetween,
} from './calendar.ts';
import type { Company } from './company.ts';
import { recruiterNote } from './names.ts';
import { itemAt, type Dice } from './random.ts';
import type { Job, Seat } from './requisitions.ts';
import { EXPORT_TAKEN_AT, feedbackHabits, isWithdrawalSpike } from './story.ts';

export const STAGES = ['Application Review', 'Recruiter Screen', 'Hiring Manager Screen', 'Onsite', 'Offer'] as const;
export type Stage = (typeof STAGES)[number];

export type ApplicationStatus = 'active' | 'rejected' | 'withdrawn' | 'hired';
export type Recommendation = 'strong_yes' | 'yes' | 'no' | 'strong_no' | 'no_decision';
/** How a stage ended for a candidate: it colours the scorecards written in it. */
type Verdict = 'moved on' | 'turned down' | 'walked away' | 'still deciding';

export interface StageVisit {
  stage: Stage;
  enteredAt: number;
  /** Empty for the stage an active application still sits in. */
  exitedAt: number | undefined;
}

export interface FeedbackSlot {
  stage: Stage;
  interviewer: string;
  startsAt: number;
  endsAt: number;
  /** Empty when the scorecard was never written (or not yet, at the export). */
  submittedAt: number | undefined;
  recommendation: Recommendation | undefined;
}

export interface Application {
  /** Filled in once every application of the company is known, in the order they arrived. */
  applicationId: string;
  candidateId: string;
  job: Job;
  appliedAt: number;
  source: string;
  status: ApplicationStatus;
  currentStage: Stage;
  rejectedAt: number | undefined;
  rejectionReason: string;
  /** Empty on a few rows, as some exports leave it out: the product must infer it. */
  rejectedBy: 'company' | 'candidate' | '';
  hiredAt: number | undefined;
  notes: string;
  visits: StageVisit[];
  slots: FeedbackSlot[];
}

/** Everyone who applied to one job: one hire per filled seat, and the rest followed through the pipeline. */
export function receiveApplications(job: Job, company: Company, dice: Dice): Application[] {
  const hires = job.seats.filter((seat) => seat.hiredAt !== undefined).map((seat) => hireForSeat(job, seat, dice));
  const opensAt = Math.min(...job.seats.map((seat) => seat.openedOn)) + 7 * HOUR;
  const window = job.pipelineEnd.at - HOUR - opensAt;
  const count = Math.max(6, applicantCount(job, window, dice) - hires.length);
  const others = Array.from({ length: count }, () => {
    // Most people apply in the first weeks after a job is posted.
    const appliedAt = roundToMinute(opensAt + window * dice.unit() ** 1.35);
    return followApplicant(job, appliedAt, company, dice);
  });
  return [...hires, ...others];
}

function applicantCount(job: Job, window: number, dice: Dice): number {
  const extraSeats = 1 + 0.6 * (job.seats.length - 1);
  const openFor = Math.min(Math.max(Math.sqrt(window / (42 * DAY)), 0.35), 1.7);
  return Math.round(job.team.department.applicationsPerSeat * extraSeats * openFor * dice.logNormal(1, 0.3));
}

function newApplication(job: Job, appliedAt: number, source: string, dice: Dice): Application {
  return {
    applicationId: '',
    candidateId: '',
    job,
    appliedAt,
    source,
    status: 'active',
    currentStage: 'Application Review',
    rejectedAt: undefined,
    rejectionReason: '',
    rejectedBy: '',
    hiredAt: undefined,
    notes: recruiterNote(dice),
    visits: [],
    slots: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Following a candidate forwards

function followApplicant(job: Job, appliedAt: number, company: Company, dice: Dice): Application {
  const application = newApplication(job, appliedAt, dice.weighted(job.team.department.sources), dice);
  const end = job.pipelineEnd;
  let enteredAt = appliedAt;
  for (const stage of STAGES) {
    const decidedAt = nextWorkingMoment(enteredAt + daysInStage(stage, dice) * DAY, dice);
    const verdict = decideVerdict(stage, monthOf(decidedAt), dice);
    // Some candidates drop out before their interview even happens.
    const leavesEarly = verdict === 'walked away' && dice.chance(0.4);
    let leftAt = leavesEarly
      ? nextWorkingMoment(enteredAt + dice.between(0.2, 0.9) * (decidedAt - enteredAt), dice)
      : decidedAt;
    const slots = leavesEarly ? [] : holdInterviews(stage, job, enteredAt, leftAt, dice);
    // When the calendar was full (a short stay over a weekend), the decision waits for the interview.
    const lastInterviewEnds = Math.max(enteredAt, ...slots.map((slot) => slot.endsAt));
    if (lastInterviewEnds + 30 * MINUTE > leftAt)
      leftAt = nextWorkingMoment(lastInterviewEnds + dice.between(1, 24) * HOUR, dice);

    if (leftAt > end.at) {
      // The job was filled, cancelled or paused (or the export taken) while the candidate sat in this stage.
      // An interview (or onsite loop) happened only if it was over before the job closed.
      const held = slots.every((slot) => slot.endsAt <= end.at) ? slots : [];
      held.forEach((slot) => writeFeedback(slot, job, 'still deciding', dice));
      application.slots.push(...held);
      application.currentStage = stage;
      if (end.because === 'still open') {
        application.visits.push({ stage, enteredAt, exitedAt: undefined });
      } else {
        const lastInterview = Math.max(enteredAt, end.at, ...held.map((slot) => slot.endsAt));
        const rejectedAt = Math.min(EXPORT_TAKEN_AT, nextWorkingMoment(lastInterview + dice.between(0, 3) * DAY, dice));
        application.visits.push({ stage, enteredAt, exitedAt: rejectedAt });
        close(application, 'rejected', rejectedAt, reasonWhenJobCloses(stage, end.because), dice);
      }
      return application;
    }

    slots.forEach((slot) => writeFeedback(slot, job, verdict, dice));
    application.slots.push(...slots);
    application.visits.push({ stage, enteredAt, exitedAt: leftAt });
    application.currentStage = stage;
    if (verdict === 'turned down') {
      close(application, 'rejected', leftAt, rejectionReason(stage, job, company, dice), dice);
      return application;
    }
    if (verdict === 'walked away') {
      close(application, 'withdrawn', leftAt, withdrawalReason(stage, monthOf(leftAt), dice), dice);
      return application;
    }
    enteredAt = leftAt;
  }
  throw new Error('a candidate who is not a hire cannot pass the Offer stage');
}

/** Calendar days a candidate typically spends in a stage before the decision. */
function daysInStage(stage: Stage, dice: Dice): number {
  const [median, sigma, shortest, longest] = STAGE_LENGTH[stage];
  return Math.min(Math.max(dice.logNormal(median, sigma), shortest), longest);
}

/** [median, sigma, shortest, longest] days. */
const STAGE_LENGTH: Record<Stage, readonly [number, number, number, number]> = {
  'Application Review': [3, 0.9, 0.05, 21],
  'Recruiter Screen': [6, 0.45, 1.5, 25],
  'Hiring Manager Screen': [7, 0.45, 2, 25],
  Onsite: [10, 0.4, 3, 30],
  Offer: [4, 0.5, 1, 15],
};

/**
 * Per stage, the odds that a candidate moves on and that they walk away; the rest are turned down. A non-hire never gets past the offer: those
 * who reach it decline it (or, rarely, the offer is pulled). In the withdrawal-spike month candidates walk
 * away far more often, above all late in the process.
 */
const ODDS: Record<Stage, { movesOn: number; walksAway: number; walksAwayInSpike: number }> = {
  'Application Review': { movesOn: 0.1, walksAway: 0.018, walksAwayInSpike: 0.03 },
  'Recruiter Screen': { movesOn: 0.5, walksAway: 0.08, walksAwayInSpike: 0.2 },
  'Hiring Manager Screen': { movesOn: 0.55, walksAway: 0.07, walksAwayInSpike: 0.25 },
  Onsite: { movesOn: 0.12, walksAway: 0.08, walksAwayInSpike: 0.45 },
  Offer: { movesOn: 0, walksAway: 0.8, walksAwayInSpike: 0.95 },
};

function decideVerdict(stage: Stage, decisionMonth: string, dice: Dice): Verdict {
  const odds = ODDS[stage];
  const walksAway = isWithdrawalSpike(decisionMonth) ? odds.walksAwayInSpike : odds.walksAway;
  const roll = dice.unit();
  if (roll < walksAway) return 'walked away';
  if (roll < walksAway + odds.movesOn) return 'moved on';
  return 'turned down';
}

function close(
  application: Application,
  status: 'rejected' | 'withdrawn',
  at: number,
  reason: string,
  dice: Dice,
): void {
  application.status = status;
  application.rejectedAt = at;
  application.rejectionReason = reason;
  // About one export row in twenty does not say who ended it.
  application.rejectedBy = dice.chance(0.05) ? '' : status === 'rejected' ? 'company' : 'candidate';
}

// ---------------------------------------------------------------------------------------------------------
// Reasons, as raw texts from vendor defaults (Greenhouse-style) and common custom reasons

type Reasons = readonly (readonly [string, number])[];

const COMPANY_REASONS: Record<Stage, Reasons> = {
  'Application Review': [
    ['Lacking skill(s)/qualification(s)', 48],
    ['Not enough experience', 36],
    ['Duplicate', 5],
    ['Career goals not aligned', 4],
    ['Salary expectations too high', 3],
  ],
  'Recruiter Screen': [
    ['Lacking skill(s)/qualification(s)', 34],
    ['Career goals not aligned', 24],
    ['Salary expectations too high', 22],
    ['Not enough experience', 12],
  ],
  'Hiring Manager Screen': [
    ['Lacking skill(s)/qualification(s)', 40],
    ['Career goals not aligned', 20],
    ['Not enough experience', 16],
    ['Salary expectations too high', 12],
    ['Not a cultural fit', 6],
  ],
  Onsite: [
    ['Lacking skill(s)/qualification(s)', 40],
    ['Preferred another candidate', 30],
    ['Not a cultural fit', 22],
    ['Not enough experience', 8],
  ],
  Offer: [
    ['Salary expectations too high', 50],
    ['Preferred another candidate', 50],
  ],
};

const OTHER = 'Other (add notes below)';

/** Most rejections name a reason; two hiring managers' teams often leave it blank or pick "Other". */
function rejectionReason(stage: Stage, job: Job, company: Company, dice: Dice): string {
  const vague = company.vagueHiringManagers.has(job.hiringManager);
  const roll = dice.unit();
  if (roll < (vague ? 0.3 : 0.07)) return '';
  if (roll < (vague ? 0.52 : 0.12)) return OTHER;
  return dice.weighted(COMPANY_REASONS[stage]);
}

const CANDIDATE_REASONS: Reasons = [
  ["Wasn't interested", 32],
  ['Accepted another offer', 24],
  ["Wasn't available", 18],
  ['Relocation not possible', 10],
  ['Salary expectations too high', 6],
  [OTHER, 4],
  ['', 6],
];
const OFFER_DECLINED_REASONS: Reasons = [
  ["Didn't like offer", 50],
  ['Accepted another offer', 42],
  [OTHER, 4],
  ['', 4],
];

function withdrawalReason(stage: Stage, decisionMonth: string, dice: Dice): string {
  // The August spike: most who left had taken an offer elsewhere.
  if (isWithdrawalSpike(decisionMonth) && dice.chance(0.75)) return 'Accepted another offer';
  return dice.weighted(stage === 'Offer' ? OFFER_DECLINED_REASONS : CANDIDATE_REASONS);
}

/** Candidates still in process when the job closes are turned down in bulk. */
function reasonWhenJobCloses(stage: Stage, because: 'filled' | 'cancelled'): string {
  if (because === 'cancelled') return 'Position closed';
  return stage === 'Onsite' || stage === 'Offer' ? 'Preferred another candidate' : 'Position filled';
}

// ---------------------------------------------------------------------------------------------------------
// Interviews and scorecards

/** The interviews of a stage, booked in working hours between entering it and the decision. */
function holdInterviews(stage: Stage, job: Job, from: number, until: number, dice: Dice): FeedbackSlot[] {
  const panel = interviewPanel(stage, job, dice);
  if (panel.length === 0) return [];
  const loop = panel.map((interviewer) => ({ interviewer, length: interviewLength(stage, dice) }));
  const loopLength = loop.reduce((sum, { length }) => sum + length, 0);
  let startsAt = bookSlot(from, until, loopLength, dice);
  return loop.map(({ interviewer, length }) => {
    const slot: FeedbackSlot = {
      stage,
      interviewer,
      startsAt,
      endsAt: startsAt + length,
      submittedAt: undefined,
      recommendation: undefined,
    };
    startsAt += length;
    return slot;
  });
}

/** Who interviews: the recruiter screens, the hiring manager screens, and an onsite loop of 3–4 from the team. */
function interviewPanel(stage: Stage, job: Job, dice: Dice): string[] {
  switch (stage) {
    case 'Recruiter Screen':
      return [job.recruiter];
    case 'Hiring Manager Screen':
      return [job.hiringManager];
    case 'Onsite': {
      const size = dice.chance(0.55) ? 3 : 4;
      const panel = dice.sample(job.team.panel, size);
      // Some hiring managers sit on the loop themselves.
      if (dice.chance(0.3)) panel[dice.int(0, size - 1)] = job.hiringManager;
      return panel;
    }
    default:
      return [];
  }
}

function interviewLength(stage: Stage, dice: Dice): number {
  if (stage === 'Recruiter Screen') return 30 * MINUTE;
  if (stage === 'Hiring Manager Screen') return dice.pick([30, 45]) * MINUTE;
  return dice.pick([45, 60, 60]) * MINUTE;
}

/**
 * The scorecard: usually within hours, sometimes days late, sometimes never. Recent interviews are more often
 * missing (nobody has chased them yet); anything after the export is not in it.
 */
function writeFeedback(slot: FeedbackSlot, job: Job, verdict: Verdict, dice: Dice): void {
  const habits = feedbackHabits(job.team.department.name, monthOf(slot.startsAt));
  const age = EXPORT_TAKEN_AT - slot.endsAt;
  const notChasedYet = age < 14 * DAY ? 0.2 : age < 60 * DAY ? 0.07 : 0;
  if (dice.chance(habits.neverShare + notChasedYet)) return;
  const hours = dice.chance(habits.laggardShare)
    ? dice.between(48, 168)
    : dice.logNormal(habits.medianHours, habits.sigma);
  const submittedAt = slot.endsAt + Math.max(roundToMinute(hours * HOUR), 5 * MINUTE);
  if (submittedAt > EXPORT_TAKEN_AT) return;
  slot.submittedAt = submittedAt;
  slot.recommendation = dice.weighted(RECOMMENDATIONS[verdict]);
}

/** Interviewers mostly agree with how the stage ended. */
const RECOMMENDATIONS: Record<Verdict, readonly (readonly [Recommendation, number])[]> = {
  'moved on': [
    ['strong_yes', 25],
    ['yes', 55],
    ['no', 14],
    ['strong_no', 2],
    ['no_decision', 4],
  ],
  'turned down': [
    ['strong_yes', 2],
    ['yes', 14],
    ['no', 52],
    ['strong_no', 26],
    ['no_decision', 6],
  ],
  'walked away': [
    ['strong_yes', 15],
    ['yes', 50],
    ['no', 22],
    ['strong_no', 5],
    ['no_decision', 8],
  ],
  'still deciding': [
    ['strong_yes', 12],
    ['yes', 45],
    ['no', 28],
    ['strong_no', 8],
    ['no_decision', 7],
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Planning a hire backwards from the day the seat was filled

function hireForSeat(job: Job, seat: Seat, dice: Dice): Application {
  const hiredAt = seat.hiredAt;
  if (hiredAt === undefined) throw new Error(`${seat.requisitionId} has no hire`);
  const earliest = seat.openedOn + 8 * HOUR;
  const lengths = STAGES.map((stage) => daysInStage(stage, dice) * DAY);
  // A quick fill squeezes the hire's stages; a very quick one splits the time evenly.
  let entries: number[] | undefined;
  for (let scale = 1; scale > 0.05 && entries === undefined; scale *= 0.8) {
    entries = planBackwards(hiredAt, lengths, scale, earliest, dice);
  }
  entries ??= planOnWorkingDays(earliest, hiredAt, dice);

  const hireSources = job.team.department.sources.map(
    ([source, weight]) =>
      [source, source === 'Referral' ? weight * 3 : source === 'Sourced' ? weight * 2 : weight] as const,
  );
  const application = newApplication(job, itemAt(entries, 0), dice.weighted(hireSources), dice);
  STAGES.forEach((stage, i) => {
    const enteredAt = itemAt(entries, i);
    const exitedAt = entries[i + 1] ?? hiredAt;
    const slots = holdInterviews(stage, job, enteredAt, exitedAt, dice);
    slots.forEach((slot) => writeFeedback(slot, job, 'moved on', dice));
    application.slots.push(...slots);
    application.visits.push({ stage, enteredAt, exitedAt });
  });
  application.status = 'hired';
  application.currentStage = 'Offer';
  application.hiredAt = hiredAt;
  return application;
}

/** Stage entry times [applied, screen, …, offer], or undefined if they do not fit after the opening. */
function planBackwards(
  hiredAt: number,
  lengths: readonly number[],
  scale: number,
  earliest: number,
  dice: Dice,
): number[] | undefined {
  const entries: number[] = [];
  let t = hiredAt;
  for (let i = STAGES.length - 1; i >= 1; i--) {
    t = previousWorkingMoment(t - itemAt(lengths, i) * scale, dice);
    entries[i] = t;
  }
  // People apply at any hour.
  entries[0] = roundToMinute(t - itemAt(lengths, 0) * scale);
  if (itemAt(entries, 0) < earliest) return undefined;
  // Each interview stage must leave room for its interviews in working hours.
  const roomy = STAGES.every((stage, i) => {
    const until = entries[i + 1] ?? hiredAt;
    return until - itemAt(entries, i) >= 8 * HOUR && canBook(itemAt(entries, i), until, LONGEST_INTERVIEWS[stage]);
  });
  return roomy ? entries : undefined;
}

/** The longest a stage's interviews can take (an onsite loop of four hours). */
const LONGEST_INTERVIEWS: Record<Stage, number> = {
  'Application Review': 0,
  'Recruiter Screen': 30 * MINUTE,
  'Hiring Manager Screen': 45 * MINUTE,
  Onsite: 4 * HOUR,
  Offer: 0,
};

/**
 * For a seat filled very fast: spread the hire's stages over the working days between the opening and the
 * fill, each stage starting on its own working morning (a 10-day fill has at least six working days).
 */
function planOnWorkingDays(earliest: number, hiredAt: number, dice: Dice): number[] {
  const days = workingDaysBetween(earliest, startOfDay(hiredAt));
  if (days.length < STAGES.length) throw new Error(`too few working days before the hire at ${hiredAt}`);
  return STAGES.map((_, i) => {
    const day = itemAt(days, Math.floor((i * days.length) / STAGES.length));
    return i === 0 ? Math.max(earliest, day + 8 * HOUR) : day + 9 * HOUR + dice.int(0, 45) * MINUTE;
  });
}
