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
import type { Instant, Interview, Recommendation } from '../schema/canonical.ts';
import { ALL, OUTSTANDING_BUCKETS, type Aggregates } from '../schema/aggregates.ts';
import { DAY } from '../time.ts';
import { label, nameKey, NONE, type Context } from './context.ts';
import type { Excluded } from './timeToFill.ts';
import { allFirst, distinctSorted, quantiles, rate, sortBy, TupleMap } from './stats.ts';

type Feedback = Aggregates['feedback'];
type FeedbackRow = Feedback['byMonth'][number];

const HOUR = 3_600_000;

export interface SlotFact {
  month: string;
  department: string;
  /** The hiring manager of the interview's requisition. */
  hiringManager: string;
  stage: string;
  /** Only ever written to the artifact when `privacy.showInterviewers` is on. */
  interviewer: string | null;
  /** The interviewer is the hiring manager of the requisition (names matched case- and space-insensitively). */
  byHiringManager: boolean;
  interviewAt: Instant;
  due: Instant;
  /** Due before the end of the as-of date (or already submitted): in the rates' denominator. */
  isDue: boolean;
  /**
   * Submitted, or its SLA window closed before the end of the as-of date: whether it was on time is
   * settled. The on-time rate's denominator (a slot due an hour before the as-of date is not yet late).
   */
  slaSettled: boolean;
  submitted: boolean;
  /** Elapsed hours from due to submission, unrounded, 0 when submitted before due; null when not submitted. */
  hours: number | null;
  onTime: boolean;
  recommendation: Recommendation | null;
}

export function slotFacts(ctx: Context, interviews: readonly Interview[]) {
  const facts: SlotFact[] = [];
  let later = 0;
  for (const i of interviews) {
    if (!ctx.happened(i.interviewAt)) {
      later++;
      continue;
    }
    const application = ctx.application(i.applicationId);
    const hiringManager = ctx.hiringManagerOf(application);
    const due = i.interviewEndAt ?? i.interviewAt;
    const submitted = ctx.happened(i.feedbackSubmittedAt);
    // Submitted before due (a pre-filled form): 0 hours, not a negative duration.
    const hours = submitted ? Math.max(0, (i.feedbackSubmittedAt! - due) / HOUR) : null;
    const interviewer = i.interviewer?.trim() || null;
    facts.push({
      month: ctx.monthOf(i.interviewAt),
      department: ctx.departmentOf(application),
      hiringManager,
      stage: label(i.stage),
      interviewer,
      byHiringManager:
        interviewer !== null && hiringManager !== NONE && nameKey(interviewer) === nameKey(hiringManager),
      interviewAt: i.interviewAt,
      due,
      isDue: submitted || due < ctx.asOf.end,
      slaSettled: submitted || due + ctx.slaHours * HOUR < ctx.asOf.end,
      submitted,
      hours,
      onTime: hours !== null && hours <= ctx.slaHours,
      recommendation: i.recommendation,
    });
  }
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
  recommendations: Record<Recommendation, number>;
}

export function emptySummary(): SlotSummary {
  return {
    slots: 0,
    due: 0,
    slaSettled: 0,
    submitted: 0,
    onTime: 0,
    hours: [],
    recommendations: { strong_yes: 0, yes: 0, no: 0, strong_no: 0, no_decision: 0 },
  };
}

export function addSlot(summary: SlotSummary, slot: SlotFact): void {
  summary.slots++;
  if (slot.isDue) summary.due++;
  if (slot.slaSettled) summary.slaSettled++;
  if (slot.submitted) summary.submitted++;
  if (slot.onTime) summary.onTime++;
  if (slot.hours !== null) summary.hours.push(slot.hours);
  if (slot.recommendation !== null) summary.recommendations[slot.recommendation]++;
}

export function summarize(slots: Iterable<SlotFact>): SlotSummary {
  const summary = emptySummary();
  for (const slot of slots) addSlot(summary, slot);
  return summary;
}

function feedbackRow(month: string, department: string, stage: string, s: SlotSummary): FeedbackRow {
  const q = quantiles(s.hours);
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
    ...s.recommendations,
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

export function feedbackSection(ctx: Context, months: readonly string[], slots: readonly SlotFact[]): Feedback {
  // Month × department × stage, with 'All' rollups on either or both; the full rollup for every month.
  const cells = new TupleMap<{ month: string; department: string; stage: string; summary: SlotSummary }>();
  const cell = (month: string, department: string, stage: string) =>
    cells.get([month, department, stage], () => ({ month, department, stage, summary: emptySummary() })).summary;
  for (const month of months) cell(month, ALL, ALL);
  // The four cells a slot counts in, looked up once per distinct month × department × stage.
  const targetsOf = new TupleMap<SlotSummary[]>();
  for (const s of slots) {
    const targets = targetsOf.get([s.month, s.department, s.stage], () => [
      cell(s.month, s.department, s.stage),
      cell(s.month, ALL, s.stage),
      cell(s.month, s.department, ALL),
      cell(s.month, ALL, ALL),
    ]);
    for (let t = 0; t < 4; t++) addSlot(targets[t]!, s);
  }
  const byMonth = cells.values.map((c) => feedbackRow(c.month, c.department, c.stage, c.summary));
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
        on_time_rate: rate(s.onTime, s.slaSettled),
        median_hours: quantiles(s.hours).median,
        suppressed: false,
      });
    }
  };
  const collect = (key: (s: SlotFact) => string | null) => {
    const people = new Map<string, SlotSummary>();
    for (const s of slots) {
      const person = key(s);
      if (person === null) continue;
      let summary = people.get(person);
      if (!summary) people.set(person, (summary = emptySummary()));
      addSlot(summary, s);
    }
    return people;
  };
  personRows(
    'hiringManager',
    collect((s) => (s.byHiringManager ? s.hiringManager : null)),
  );
  // Interviewer names identify employees: without the opt-in they are not even read here.
  if (ctx.config.privacy.showInterviewers)
    personRows(
      'interviewer',
      collect((s) => s.interviewer),
    );
  sortBy(
    byPerson,
    (r) => r.role,
    (r) => r.person,
  );

  // Unsubmitted slots already due at the end of the as-of date, by how long ago they fell due.
  const pending = slots.filter((s) => !s.submitted && s.due < ctx.asOf.end);
  const outstanding: Feedback['outstanding'] = [];
  for (const department of [ALL, ...distinctSorted(pending.map((s) => s.department))]) {
    const rows = department === ALL ? pending : pending.filter((s) => s.department === department);
    for (const bucket of OUTSTANDING_BUCKETS) {
      const n = rows.filter((s) => outstandingBucket((ctx.asOf.end - s.due) / DAY) === bucket).length;
      outstanding.push({ bucket, department, slots: n, suppressed: false });
    }
  }

  return { byMonth, byPerson, outstanding };
}
