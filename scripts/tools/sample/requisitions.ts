/**
 * Openings: jobs (a title, a hiring manager, a recruiter) with one or more seats, each seat a requisition
 * with its own fate: filled after a right-skewed number of days, cancelled, closed without a hire, still
 * open at the export, or on hold.
 */
import { DAY, HOUR, isWeekend, nextWorkingDay, nextWorkingMoment, startOfDay, utc, workingTimeOn } from './calendar.ts';
import { LOCATIONS, type Company, type Team } from './company.ts';
import type { Dice } from './random.ts';
import { EXPORT_TAKEN_AT, FIRST_DAY } from './story.ts';

export type SeatFate = 'filled' | 'cancelled' | 'closed without hire' | 'open' | 'on hold';
export type RequisitionStatus = 'open' | 'on_hold' | 'filled' | 'closed' | 'cancelled';

export interface Seat {
  requisitionId: string;
  job: Job;
  openedOn: number;
  fate: SeatFate;
  /** What the ATS says; a filled seat is sometimes exported as `closed` (the seat has `filled_at` either way). */
  status: RequisitionStatus;
  /** The moment the offer was accepted; `filled_at` is its date. */
  hiredAt: number | undefined;
  closedOn: number | undefined;
  /** When an on-hold seat was paused: its pipeline freezes then. */
  pausedAt: number | undefined;
}

export interface PipelineEnd {
  at: number;
  /** Why candidates stop moving: the job closed (they are turned down), or the export was taken / the job paused. */
  because: 'filled' | 'cancelled' | 'still open';
}

export interface Job {
  jobId: string;
  title: string;
  team: Team;
  location: string;
  hiringManager: string;
  recruiter: string;
  seats: Seat[];
  pipelineEnd: PipelineEnd;
}

/** Seats opened over the two years (the requisitions file has about this many rows). */
const TARGET_SEATS = 350;

export function openRequisitions(company: Company, dice: Dice): Job[] {
  const jobs: Job[] = [];
  let seats = 0;
  while (seats < TARGET_SEATS) {
    const job = openJob(company, dice);
    jobs.push(job);
    seats += job.seats.length;
  }
  // Ids follow the order the ATS created them in.
  jobs.sort((a, b) => firstOpening(a) - firstOpening(b));
  jobs.forEach((job, i) => (job.jobId = `JOB-${101 + i}`));
  const allSeats = jobs.flatMap((job) => job.seats).sort((a, b) => a.openedOn - b.openedOn);
  allSeats.forEach((seat, i) => (seat.requisitionId = `REQ-${String(i + 1).padStart(4, '0')}`));
  return jobs;
}

function openJob(company: Company, dice: Dice): Job {
  const team = dice.weighted(company.teams.map((t) => [t, t.department.share] as const));
  const job: Job = {
    jobId: '',
    title: dice.pick(team.department.titles),
    team,
    location: dice.weighted(LOCATIONS),
    hiringManager: dice.pick(team.hiringManagers),
    recruiter: dice.pick(team.recruiters),
    seats: [],
    pipelineEnd: { at: 0, because: 'still open' },
  };
  // A few jobs hire several people at once: one requisition per seat, sharing the job id.
  const seatCount = dice.weighted([
    [1, 88],
    [2, 8],
    [3, 4],
  ] as const);
  const firstDay = openingDay(dice);
  for (let i = 0; i < seatCount; i++) {
    const openedOn = i === 0 ? firstDay : Math.min(nextWorkingDay(firstDay + dice.int(0, 10) * DAY), lastWorkingDay());
    job.seats.push(decideFate(job, openedOn, dice));
  }
  job.pipelineEnd = pipelineEnd(job.seats);
  return job;
}

/** Hiring grows over the two years, peaks in January–March and September, and dips in summer and December. */
const SEASON = [1.3, 1.25, 1.2, 1.05, 1.0, 0.95, 0.8, 0.75, 1.15, 1.1, 0.9, 0.6];

function openingDay(dice: Dice): number {
  const months = Array.from({ length: 24 }, (_, i) => {
    const month = (10 + i) % 12; // 0-based calendar month, starting November 2024
    return [i, (1 + (0.4 * i) / 23) * (SEASON[month] ?? 1)] as const;
  });
  const i = dice.weighted(months);
  const year = 2024 + Math.floor((10 + i) / 12);
  const month = ((10 + i) % 12) + 1;
  const day = nextWorkingDay(utc(year, month, dice.int(1, 28)));
  return Math.max(FIRST_DAY, Math.min(day, lastWorkingDay()));
}

function lastWorkingDay(): number {
  let day = startOfDay(EXPORT_TAKEN_AT);
  while (isWeekend(day)) day -= DAY;
  return day;
}

function decideFate(job: Job, openedOn: number, dice: Dice): Seat {
  const seat: Seat = {
    requisitionId: '',
    job,
    openedOn,
    fate: 'open',
    status: 'open',
    hiredAt: undefined,
    closedOn: undefined,
    pausedAt: undefined,
  };
  // A few seats opened this year were paused a few weeks before the export (budget review).
  const age = EXPORT_TAKEN_AT - openedOn;
  if (age > 60 * DAY && age < 240 * DAY && dice.chance(0.05)) return putOnHold(seat, dice);
  const roll = dice.unit();
  if (roll < 0.085) {
    // Budget pulled, or the seat went to an internal move: closed with nobody hired.
    const closedOn = nextWorkingDay(openedOn + dice.int(14, 100) * DAY);
    if (closedOn <= startOfDay(EXPORT_TAKEN_AT)) {
      seat.fate = roll < 0.06 ? 'cancelled' : 'closed without hire';
      seat.status = roll < 0.06 ? 'cancelled' : 'closed';
      seat.closedOn = closedOn;
      return seat;
    }
  } else {
    const filledOn = nextWorkingDay(openedOn + daysToFill(job, dice) * DAY);
    if (filledOn <= startOfDay(EXPORT_TAKEN_AT)) {
      seat.fate = 'filled';
      seat.hiredAt = workingTimeOn(filledOn, dice);
      // Some teams close the job after the hire, so the export says `closed`; `filled_at` still tells.
      seat.status = dice.chance(0.1) ? 'closed' : 'filled';
      seat.closedOn = seat.status === 'closed' || dice.chance(0.55) ? filledOn : undefined;
      return seat;
    }
  }
  // Not done by the export: still open, or paused a few weeks ago if it has been open a while.
  return age > 75 * DAY && dice.chance(0.3) ? putOnHold(seat, dice) : seat;
}

function putOnHold(seat: Seat, dice: Dice): Seat {
  seat.fate = 'on hold';
  seat.status = 'on_hold';
  seat.pausedAt = Math.min(nextWorkingMoment(EXPORT_TAKEN_AT - dice.between(5, 25) * DAY, dice), EXPORT_TAKEN_AT);
  return seat;
}

/** Calendar days to fill: lognormal around the department's median, longer for senior roles, with a long tail. */
function daysToFill(job: Job, dice: Dice): number {
  const senior = /Senior|Staff|Manager|Director/.test(job.title) ? 1.25 : 1;
  const days = Math.round(dice.logNormal(job.team.department.medianDaysToFill * senior, 0.5));
  return Math.min(Math.max(days, 10), 260);
}

function pipelineEnd(seats: readonly Seat[]): PipelineEnd {
  if (seats.some((seat) => seat.fate === 'open')) return { at: EXPORT_TAKEN_AT, because: 'still open' };
  const endOf = (seat: Seat) => seat.pausedAt ?? seat.hiredAt ?? (seat.closedOn ?? 0) + 17 * HOUR;
  const last = seats.reduce((a, b) => (endOf(b) > endOf(a) ? b : a));
  if (seats.some((seat) => seat.fate === 'on hold')) return { at: endOf(last), because: 'still open' };
  return { at: endOf(last), because: last.fate === 'filled' ? 'filled' : 'cancelled' };
}

function firstOpening(job: Job): number {
  return Math.min(...job.seats.map((seat) => seat.openedOn));
}
