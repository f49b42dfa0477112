/**
 * Feedback: every interview row is one feedback slot (one interviewer in one interview).
 *
 * A slot is due at `interview_end_at`, else at `interview_at`. Hours to feedback are real elapsed hours from
 * due to submission (instants, so a DST change in between counts as the hour it really is); feedback submitted
 * before due (interviewers pre-fill their forms) counts as 0 hours, so it is on time and never pulls a median
 * or p90 below zero (the reader keeps the raw negative difference; this is where it is decided). A slot is on time
 * when submitted at most `feedbackSlaHours` after due (exactly at the SLA is on time). Slots are counted in the
 * month of `interview_at`. The submission and on-time rates share one denominator: slots due before the end of
 * the as-of date.
 */
import { RECOMMENDATIONS, type InterviewTable } from '../schema/canonical.ts';
import { ALL, OUTSTANDING_BUCKETS, type Aggregates } from '../schema/aggregates.ts';
import { DAY } from '../time.ts';
import { Codes, column } from './columns.ts';
import { label, nameKey, NONE, type Context } from './context.ts';
import type { Excluded } from './timeToFill.ts';
import {
  allFirst,
  compareStrings,
  quantiles,
  quantilesOfSortedParts,
  rate,
  sortBy,
  sortInPlace,
  type Quantiles,
} from './stats.ts';

type Feedback = Aggregates['feedback'];
type FeedbackRow = Feedback['byMonth'][number];

const HOUR = 3_600_000;

/** Bits of `Slots.flags`. */
export const SLOT = {
  /** Due before the end of the as-of date (or already submitted): in the rates' denominator. */
  due: 1,
  /**
   * Submitted, or its SLA window closed before the end of the as-of date: whether it was on time is settled.
   * The on-time rate's denominator (a slot due an hour before the as-of date is not yet late).
   */
  slaSettled: 2,
  submitted: 4,
  onTime: 8,
  /** The interviewer is the hiring manager of the requisition (names matched case- and space-insensitively). */
  byHiringManager: 16,
} as const;

/**
 * The feedback slots, stored column-wise: slot `i` is entry `i` of every column, in interview row order. Text
 * columns are dictionary-encoded (`months[month[i]]` is its month). No object per slot: at two million slots
 * the objects, and collecting their garbage, cost more than every section that reads them. Plain arrays, not
 * typed ones: see `sortInPlace` (stats.ts) for what allocating typed arrays this size costs.
 */
export interface Slots {
  readonly size: number;
  /** `YYYY-MM` of `interview_at`. */
  readonly month: readonly number[];
  readonly months: readonly string[];
  readonly department: readonly number[];
  readonly departments: readonly string[];
  /** The hiring manager of the interview's requisition. */
  readonly hiringManager: readonly number[];
  readonly hiringManagers: readonly string[];
  readonly stage: readonly number[];
  readonly stages: readonly string[];
  /** Trimmed, null when blank. Only ever written to the artifact when `privacy.showInterviewers` is on. */
  readonly interviewer: readonly (string | null)[];
  /** SLOT bits. */
  readonly flags: readonly number[];
  readonly due: readonly number[];
  /** Elapsed hours from due to submission, unrounded, 0 when submitted before due; NaN when not submitted. */
  readonly hours: readonly number[];
  /** Position in RECOMMENDATIONS, -1 for none. */
  readonly recommendation: readonly number[];
}

export function slotFacts(ctx: Context, interviews: InterviewTable) {
  const n = interviews.length;
  const months = new Codes();
  const departments = new Codes();
  const hiringManagers = new Codes();
  const stages = new Codes();
  const month = column(n, 0);
  const department = column(n, 0);
  const hiringManager = column(n, 0);
  const stage = column(n, 0);
  const interviewer = new Array<string | null>(n).fill(null);
  const flags = column(n, 0);
  const dueAt = column(n, NaN);
  const hoursTo = column(n, NaN);
  const recommendation = column(n, -1);
  const { end } = ctx.asOf;
  const sla = ctx.slaHours * HOUR;
  // The application's codes, kept while its interviews follow one another (exports list them together).
  let lastApplication = -2;
  let departmentCode = -1;
  let managerCode = -1;
  let managerKey: string | null = null;
  // Likewise an interview's rows (one per interviewer) share its time and stage.
  let lastAt = NaN;
  let monthCode = -1;
  let lastStage: string | null | undefined;
  let stageCode = -1;
  let size = 0;
  let later = 0;
  const {
    applicationId,
    interviewAt,
    interviewEndAt,
    feedbackSubmittedAt,
    interviewer: interviewers,
    stage: stageOf,
    recommendation: recommendations,
  } = interviews;
  for (let r = 0; r < n; r++) {
    const at = interviewAt[r]!;
    if (!ctx.happened(at)) {
      later++;
      continue;
    }
    const application = ctx.applicationIndex(applicationId[r]!);
    if (application !== lastApplication) {
      lastApplication = application;
      const manager = application < 0 ? NONE : ctx.hiringManagerAt(application);
      departmentCode = departments.code(application < 0 ? NONE : ctx.departmentAt(application));
      managerCode = hiringManagers.code(manager);
      managerKey = manager === NONE ? null : nameKey(manager);
    }
    const endsAt = interviewEndAt[r]!;
    const due = endsAt === endsAt ? endsAt : at; // NaN: no end
    const submittedAt = feedbackSubmittedAt[r]!;
    const submitted = ctx.happened(submittedAt);
    // Submitted before due (a pre-filled form): 0 hours, not a negative duration.
    const hours = submitted ? Math.max(0, (submittedAt - due) / HOUR) : NaN;
    const name = interviewers[r]?.trim() || null;
    const byHiringManager = name !== null && managerKey !== null && nameKey(name) === managerKey;
    if (at !== lastAt) {
      lastAt = at;
      monthCode = months.code(ctx.monthOf(at));
    }
    const stageName = stageOf[r]!;
    if (stageName !== lastStage) {
      lastStage = stageName;
      stageCode = stages.code(label(stageName));
    }
    month[size] = monthCode;
    department[size] = departmentCode;
    hiringManager[size] = managerCode;
    stage[size] = stageCode;
    interviewer[size] = name;
    flags[size] =
      (submitted || due < end ? SLOT.due : 0) |
      (submitted || due + sla < end ? SLOT.slaSettled : 0) |
      (submitted ? SLOT.submitted : 0) |
      (submitted && hours <= ctx.slaHours ? SLOT.onTime : 0) |
      (byHiringManager ? SLOT.byHiringManager : 0);
    dueAt[size] = due;
    hoursTo[size] = hours;
    const said = recommendations[r]!;
    if (said !== null) recommendation[size] = RECOMMENDATIONS.indexOf(said);
    size++;
  }
  for (const c of [month, department, hiringManager, stage, interviewer, flags, dueAt, hoursTo, recommendation])
    c.length = size;
  const facts: Slots = {
    size,
    month,
    months: months.values,
    department,
    departments: departments.values,
    hiringManager,
    hiringManagers: hiringManagers.values,
    stage,
    stages: stages.values,
    interviewer,
    flags,
    due: dueAt,
    hours: hoursTo,
    recommendation,
  };
  return { facts, excluded: [{ reason: 'interview after the as-of date', rows: later }] as Excluded[] };
}

/** The counts and quantiles of a set of slots (before suppression). */
export interface SlotSummary {
  slots: number;
  due: number;
  slaSettled: number;
  submitted: number;
  onTime: number;
  hours: number[];
  /** Counts by position in RECOMMENDATIONS. */
  recommendations: number[];
}

export function emptySummary(): SlotSummary {
  return {
    slots: 0,
    due: 0,
    slaSettled: 0,
    submitted: 0,
    onTime: 0,
    hours: [],
    recommendations: RECOMMENDATIONS.map(() => 0),
  };
}

/** Count slot `i` of `slots` in `summary`. */
export function addSlot(summary: SlotSummary, slots: Slots, i: number): void {
  const flags = slots.flags[i]!;
  summary.slots++;
  if (flags & SLOT.due) summary.due++;
  if (flags & SLOT.slaSettled) summary.slaSettled++;
  if (flags & SLOT.submitted) {
    summary.submitted++;
    summary.hours.push(slots.hours[i]!);
  }
  if (flags & SLOT.onTime) summary.onTime++;
  const recommendation = slots.recommendation[i]!;
  if (recommendation >= 0) summary.recommendations[recommendation]!++;
}

/** The sum of summaries, their hours left sorted apart (see `feedbackSection`). */
function sumSummaries(parts: readonly SlotSummary[]): SlotSummary {
  const sum = emptySummary();
  for (const p of parts) {
    sum.slots += p.slots;
    sum.due += p.due;
    sum.slaSettled += p.slaSettled;
    sum.submitted += p.submitted;
    sum.onTime += p.onTime;
    for (let r = 0; r < p.recommendations.length; r++) sum.recommendations[r]! += p.recommendations[r]!;
  }
  return sum;
}

function feedbackRow(month: string, department: string, stage: string, s: SlotSummary, q: Quantiles): FeedbackRow {
  const r = s.recommendations;
  return {
    month,
    department,
    stage,
    slots: s.slots,
    due: s.due,
    submitted: s.submitted,
    on_time: s.onTime,
    submission_rate: rate(s.submitted, s.due),
    on_time_rate: rate(s.onTime, s.slaSettled),
    median_hours: q.median,
    p90_hours: q.p90,
    // RECOMMENDATIONS order.
    strong_yes: r[0]!,
    yes: r[1]!,
    no: r[2]!,
    strong_no: r[3]!,
    no_decision: r[4]!,
    sla_settled: s.slaSettled,
    suppressed: false,
  };
}

export function outstandingBucket(ageDays: number): (typeof OUTSTANDING_BUCKETS)[number] {
  if (ageDays < 1) return '0–1 d';
  if (ageDays < 3) return '1–3 d';
  if (ageDays < 7) return '3–7 d';
  if (ageDays < 30) return '7–30 d';
  return '30+ d';
}

export function feedbackSection(ctx: Context, months: readonly string[], slots: Slots): Feedback {
  // Month × department × stage, with 'All' rollups on either or both; the full rollup for every month.
  //
  // Each slot is counted once, in its grain (its own month × department × stage); a cell is then the sum of
  // the four cells each of its grains counts in: its own, and the rollups over departments, over stages and
  // over both. The hours of a rollup are its grains' hours, each grain's sorted once, read by rank: sorting
  // every rollup's list again cost more than the rest of the section. The rollup is code 0 of its column,
  // so a department or stage itself named 'All' is counted in the rollup's cell (twice, as its own cell and
  // as the rollup).
  const monthCodes = new Codes(months);
  const departmentCodes = new Codes([ALL]);
  const stageCodes = new Codes([ALL]);
  const monthOf = Int32Array.from(slots.months, (m) => monthCodes.code(m));
  const departmentOf = Int32Array.from(slots.departments, (d) => departmentCodes.code(d));
  const stageOf = Int32Array.from(slots.stages, (s) => stageCodes.code(s));
  const departmentCount = departmentCodes.size;
  const stageCount = stageCodes.size;
  // One number per month × department × stage (a string, should the sizes multiply beyond exact integers).
  const exact = monthCodes.size * departmentCount * stageCount <= Number.MAX_SAFE_INTEGER;
  const keyOf = (month: number, department: number, stage: number): number | string =>
    exact ? (month * departmentCount + department) * stageCount + stage : `${month},${department},${stage}`;

  interface Cell {
    month: number;
    department: number;
    stage: number;
    /** The grains counted in the cell, once per time each counts in it. */
    grains: Grain[];
  }
  interface Grain {
    month: number;
    department: number;
    stage: number;
    /** Its hours sorted once every slot is counted. */
    summary: SlotSummary;
  }
  const cells = new Map<number | string, Cell>();
  const cell = (month: number, department: number, stage: number): Cell => {
    const key = keyOf(month, department, stage);
    let c = cells.get(key);
    if (c === undefined) cells.set(key, (c = { month, department, stage, grains: [] }));
    return c;
  };
  for (const month of months) cell(monthCodes.code(month), 0, 0);
  const grains = new Map<number | string, Grain>();
  let last: Grain | undefined;
  let lastKey: number | string = -1;
  for (let i = 0; i < slots.size; i++) {
    const m = monthOf[slots.month[i]!]!;
    const d = departmentOf[slots.department[i]!]!;
    const s = stageOf[slots.stage[i]!]!;
    const key = keyOf(m, d, s);
    if (key !== lastKey) {
      lastKey = key;
      last = grains.get(key);
      if (last === undefined) grains.set(key, (last = { month: m, department: d, stage: s, summary: emptySummary() }));
    }
    addSlot(last!.summary, slots, i);
  }
  for (const grain of grains.values()) {
    sortInPlace(grain.summary.hours);
    const { month: m, department: d, stage: s } = grain;
    for (const target of [cell(m, d, s), cell(m, 0, s), cell(m, d, 0), cell(m, 0, 0)]) target.grains.push(grain);
  }
  const byMonth = [...cells.values()].map((c) =>
    feedbackRow(
      monthCodes.values[c.month]!,
      departmentCodes.values[c.department]!,
      stageCodes.values[c.stage]!,
      sumSummaries(c.grains.map((g) => g.summary)),
      quantilesOfSortedParts(c.grains.map((g) => g.summary.hours)),
    ),
  );
  sortBy(
    byMonth,
    (r) => r.month,
    (r) => allFirst(r.department),
    (r) => allFirst(r.stage),
  );

  const byPerson: Feedback['byPerson'] = [];
  const personRows = (role: 'hiringManager' | 'interviewer', people: Map<string, SlotSummary>) => {
    for (const [person, s] of people) {
      byPerson.push({
        person,
        role,
        slots: s.slots,
        submitted: s.submitted,
        sla_settled: s.slaSettled,
        on_time_rate: rate(s.onTime, s.slaSettled),
        median_hours: quantiles(s.hours).median,
        suppressed: false,
      });
    }
  };
  personRows(
    'hiringManager',
    ownSlotsByHiringManager(slots, () => true),
  );
  // Interviewer names identify employees: without the opt-in they are not even read here.
  if (ctx.config.privacy.showInterviewers) {
    const people = new Map<string, SlotSummary>();
    for (let i = 0; i < slots.size; i++) {
      const person = slots.interviewer[i]!;
      if (person === null) continue;
      let summary = people.get(person);
      if (!summary) people.set(person, (summary = emptySummary()));
      addSlot(summary, slots, i);
    }
    personRows('interviewer', people);
  }
  sortBy(
    byPerson,
    (r) => r.role,
    (r) => r.person,
  );

  // Unsubmitted slots already due at the end of the as-of date, by how long ago they fell due.
  const { end } = ctx.asOf;
  const bucketCount = OUTSTANDING_BUCKETS.length;
  const pending = new Int32Array((slots.departments.length + 1) * bucketCount);
  const all = slots.departments.length;
  for (let i = 0; i < slots.size; i++) {
    if (slots.flags[i]! & SLOT.submitted || !(slots.due[i]! < end)) continue;
    const bucket = OUTSTANDING_BUCKETS.indexOf(outstandingBucket((end - slots.due[i]!) / DAY));
    pending[slots.department[i]! * bucketCount + bucket]!++;
    pending[all * bucketCount + bucket]!++;
  }
  const withPending = slots.departments
    .map((name, code) => ({ name, code }))
    .filter(({ code }) => pending.subarray(code * bucketCount, (code + 1) * bucketCount).some((n) => n > 0))
    .sort((a, b) => compareStrings(a.name, b.name));
  const outstanding: Feedback['outstanding'] = [];
  for (const { name, code } of [{ name: ALL, code: all }, ...withPending]) {
    // A department itself named 'All' shows the rollup's counts, as the rollup's name.
    const row = name === ALL ? all : code;
    OUTSTANDING_BUCKETS.forEach((bucket, b) =>
      outstanding.push({ bucket, department: name, slots: pending[row * bucketCount + b]!, suppressed: false }),
    );
  }

  return { byMonth, byPerson, outstanding };
}

/**
 * The summaries of the slots in which the hiring manager of the requisition is the interviewer, by hiring
 * manager, over the slots whose month passes `inMonth`.
 */
export function ownSlotsByHiringManager(slots: Slots, inMonth: (month: string) => boolean): Map<string, SlotSummary> {
  const monthPasses = slots.months.map(inMonth);
  const summaries: (SlotSummary | undefined)[] = new Array(slots.hiringManagers.length);
  const people = new Map<string, SlotSummary>();
  for (let i = 0; i < slots.size; i++) {
    if (!(slots.flags[i]! & SLOT.byHiringManager) || !monthPasses[slots.month[i]!]) continue;
    const code = slots.hiringManager[i]!;
    let summary = summaries[code];
    if (summary === undefined) {
      summaries[code] = summary = emptySummary();
      people.set(slots.hiringManagers[code]!, summary);
    }
    addSlot(summary, slots, i);
  }
  return people;
}
