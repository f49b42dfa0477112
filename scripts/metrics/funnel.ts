/**
 * Stage journeys, the stage order, and the cohort funnel.
 *
 * A journey is the stages one application entered and when. It comes from stage events when the exports
 * have them; otherwise (for the partnership view only, never for the funnel) it is inferred as Gem does for
 * Greenhouse: a stage was entered at the first interview held at it, and the current stage was entered no
 * later than the application's latest known timestamp.
 *
 * Funnel: cohort = month of `applied_at`; reached = applications that ever entered the stage; pass-through =
 * of the applications that reached a stage, the share that reached any later stage (equal to
 * reached(next) / reached(this) when no stage is skipped, and never above 100 % when some are).
 */
import type { Application, Instant, Interview, StageEvent } from '../schema/canonical.ts';
import { ALL, type Aggregates } from '../schema/aggregates.ts';
import { lastDayOfMonth } from './asOf.ts';
import { label, NONE, type Context } from './context.ts';
import type { Excluded } from './timeToFill.ts';
import { allFirst, compareStrings, quantiles, rate, sortBy, TupleMap } from './stats.ts';

type FunnelRow = NonNullable<Aggregates['funnel']>[number];

/** Cohorts younger than this many days at the as-of date are still open. */
export const OPEN_COHORT_DAYS = 90;

export interface Stay {
  entered: Instant;
  exited: Instant | null;
}

export interface Journey {
  application: Application;
  /** Stage → its stays, in the order entered. */
  stays: Map<string, Stay[]>;
}

function addStay(journey: Journey, stage: string, stay: Stay): void {
  const list = journey.stays.get(stage);
  if (list) list.push(stay);
  else journey.stays.set(stage, [stay]);
}

/** Journeys from stage events: only events of known applications, entered by the as-of date. */
export function journeysFromStageEvents(ctx: Context, events: readonly StageEvent[]) {
  const journeys = new Map<string, Journey>();
  let unknownApplication = 0;
  let later = 0;
  for (const e of events) {
    const application = ctx.application(e.applicationId);
    if (!application) {
      unknownApplication++;
      continue;
    }
    if (!ctx.happened(e.enteredAt) || !ctx.happened(application.appliedAt)) {
      later++;
      continue;
    }
    let journey = journeys.get(e.applicationId);
    if (!journey) journeys.set(e.applicationId, (journey = { application, stays: new Map() }));
    addStay(journey, label(e.stage), { entered: e.enteredAt, exited: ctx.happened(e.exitedAt) ? e.exitedAt : null });
  }
  for (const j of journeys.values()) for (const list of j.stays.values()) list.sort((a, b) => a.entered - b.entered);
  return {
    journeys,
    excluded: [
      { reason: 'stage event of an application not in the applications export', rows: unknownApplication },
      { reason: 'stage event after the as-of date', rows: later },
    ] as Excluded[],
  };
}

/** Journeys inferred from interviews (first interview at a stage) and the current stage. */
export function journeysFromInterviews(
  ctx: Context,
  applications: readonly Application[],
  interviews: readonly Interview[],
): Map<string, Journey> {
  const journeys = new Map<string, Journey>();
  const firstAt = new Map<string, Map<string, Instant>>();
  const latestAt = new Map<string, Instant>();
  for (const i of interviews) {
    if (!ctx.happened(i.interviewAt)) continue;
    latestAt.set(i.applicationId, Math.max(latestAt.get(i.applicationId) ?? -Infinity, i.interviewAt));
    const stage = label(i.stage);
    if (stage === NONE) continue;
    let stages = firstAt.get(i.applicationId);
    if (!stages) firstAt.set(i.applicationId, (stages = new Map()));
    stages.set(stage, Math.min(stages.get(stage) ?? Infinity, i.interviewAt));
  }
  for (const a of applications) {
    if (!ctx.happened(a.appliedAt)) continue;
    const stages = new Map(firstAt.get(a.applicationId) ?? []);
    const current = label(a.currentStage);
    if (current !== NONE) {
      let seen = Math.max(a.appliedAt, latestAt.get(a.applicationId) ?? -Infinity);
      if (ctx.happened(a.rejectedAt)) seen = Math.max(seen, a.rejectedAt);
      if (ctx.happened(a.hiredAt)) seen = Math.max(seen, a.hiredAt);
      stages.set(current, Math.min(stages.get(current) ?? Infinity, seen));
    }
    if (stages.size === 0) continue;
    const journey: Journey = { application: a, stays: new Map() };
    for (const [stage, entered] of stages) addStay(journey, stage, { entered, exited: null });
    journeys.set(a.applicationId, journey);
  }
  return journeys;
}

export interface StageOrder {
  /** Stages first to last, in the spelling shown. */
  stages: string[];
  /** Position of a stage as spelled in the data, matched case-insensitively to the configured order. */
  indexOf(stage: string): number;
}

/**
 * The stage order: `stageOrder` from the config (matched case-insensitively), followed by any other stage in
 * inferred order; inferred = stages sorted by the median position at which applications first enter them
 * (ties: mean position, then name). Spellings that differ only in case or spacing are one stage, shown in
 * its most frequent spelling.
 */
export function stageOrder(configured: readonly string[] | undefined, journeys: Iterable<Journey>): StageOrder {
  const keys = new Map<string, string>();
  const key = (stage: string) => {
    let k = keys.get(stage);
    if (k === undefined) keys.set(stage, (k = stage.trim().replace(/\s+/g, ' ').toLowerCase()));
    return k;
  };
  const positions = new Map<string, number[]>();
  const spellings = new Map<string, Map<string, number>>();
  for (const j of journeys) {
    const first = new Map<string, number>();
    for (const [stage, stays] of j.stays) {
      const k = key(stage);
      first.set(k, Math.min(first.get(k) ?? Infinity, stays[0]!.entered));
      let counts = spellings.get(k);
      if (!counts) spellings.set(k, (counts = new Map()));
      counts.set(stage, (counts.get(stage) ?? 0) + stays.length);
    }
    const ordered = [...first].sort((a, b) => a[1] - b[1] || compareStrings(a[0], b[0]));
    ordered.forEach(([k], position) => {
      const list = positions.get(k);
      if (list) list.push(position);
      else positions.set(k, [position]);
    });
  }
  const spellingOf = (k: string) =>
    [...spellings.get(k)!].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]))[0]![0];
  const inferred = [...positions].map(([k, list]) => ({
    stage: spellingOf(k),
    median: quantiles(list).median!,
    mean: list.reduce((sum, p) => sum + p, 0) / list.length,
  }));
  inferred.sort((a, b) => a.median - b.median || a.mean - b.mean || compareStrings(a.stage, b.stage));

  const stages: string[] = [];
  const index = new Map<string, number>();
  const add = (stage: string) => {
    if (index.has(key(stage))) return;
    index.set(key(stage), stages.length);
    stages.push(stage);
  };
  for (const stage of configured ?? []) add(stage.trim());
  for (const { stage } of inferred) add(stage);
  return { stages, indexOf: (stage) => index.get(key(stage)) ?? -1 };
}

export function funnelSection(ctx: Context, journeys: Iterable<Journey>, order: StageOrder): FunnelRow[] {
  const { cal, asOf } = ctx;
  const stageCount = order.stages.length;
  interface Cell {
    cohort: string;
    department: string;
    reached: number[];
    passed: number[];
    daysInStage: number[][];
  }
  const cells = new TupleMap<Cell>();
  const cell = (cohort: string, department: string): Cell =>
    cells.get([cohort, department], () => ({
      cohort,
      department,
      reached: new Array<number>(stageCount).fill(0),
      passed: new Array<number>(stageCount).fill(0),
      daysInStage: Array.from({ length: stageCount }, () => []),
    }));

  for (const j of journeys) {
    const cohort = ctx.monthOf(j.application.appliedAt);
    const targets = [cell(cohort, ctx.departmentOf(j.application)), cell(cohort, ALL)];
    const reached = new Set<number>();
    const days: [number, number][] = [];
    for (const [stage, stays] of j.stays) {
      const index = order.indexOf(stage);
      reached.add(index);
      for (const stay of stays) {
        if (stay.exited === null) continue;
        const d = cal.dayNumber(stay.exited) - cal.dayNumber(stay.entered);
        if (d >= 0) days.push([index, d]);
      }
    }
    const furthest = Math.max(...reached);
    for (const c of targets) {
      for (const index of reached) {
        c.reached[index]!++;
        if (index < furthest) c.passed[index]!++;
      }
      for (const [index, d] of days) c.daysInStage[index]!.push(d);
    }
  }

  const rows: FunnelRow[] = [];
  for (const c of cells.values) {
    const open = asOf.day - lastDayOfMonth(c.cohort) < OPEN_COHORT_DAYS;
    order.stages.forEach((stage, index) => {
      const reached = c.reached[index]!;
      rows.push({
        cohort: c.cohort,
        department: c.department,
        stage,
        stage_index: index,
        reached,
        pass_through: index === stageCount - 1 ? null : rate(c.passed[index]!, reached),
        median_days_in_stage: quantiles(c.daysInStage[index]!).median,
        open,
        suppressed: false,
      });
    });
  }
  return sortBy(
    rows,
    (r) => r.cohort,
    (r) => allFirst(r.department),
    (r) => r.stage_index,
  );
}
