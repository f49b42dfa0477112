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

/**
 * Journeys, stored column-wise: one entry per stay (a stage entered once), grouped by application. Journey
 * `j` is the stays `start[j]` to `start[j + 1] - 1`, in no particular order; `spelling` indexes `spellings`
 * (a stage as spelled in the data, trimmed), `exited` is NaN while the stay goes on. No object or Map per
 * application: at a million applications those dominated the funnel's time and memory.
 */
export interface Journeys {
  readonly size: number;
  readonly applications: readonly Application[];
  readonly start: Int32Array;
  readonly spelling: Int32Array;
  readonly entered: Float64Array;
  readonly exited: Float64Array;
  readonly spellings: readonly string[];
}

/** Stage spellings (labels) as small integers, each raw value labelled once. */
class Spellings {
  readonly list: string[] = [];
  private readonly byLabel = new Map<string, number>();
  private readonly byRaw = new Map<string | null, number>();
  id(raw: string | null): number {
    let id = this.byRaw.get(raw);
    if (id === undefined) {
      const shown = label(raw);
      id = this.byLabel.get(shown);
      if (id === undefined) {
        id = this.list.length;
        this.list.push(shown);
        this.byLabel.set(shown, id);
      }
      this.byRaw.set(raw, id);
    }
    return id;
  }
}

/** Group per-stay columns by journey slot (counting sort; stays keep their order within a journey). */
function groupBySlot(
  applications: Application[],
  count: number,
  slot: Int32Array,
  spelling: Int32Array,
  entered: Float64Array,
  exited: Float64Array,
  spellings: readonly string[],
): Journeys {
  const size = applications.length;
  const start = new Int32Array(size + 1);
  for (let i = 0; i < count; i++) start[slot[i]! + 1]!++;
  for (let j = 0; j < size; j++) start[j + 1]! += start[j]!;
  const next = start.slice(0, size);
  const outSpelling = new Int32Array(count);
  const outEntered = new Float64Array(count);
  const outExited = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = next[slot[i]!]!++;
    outSpelling[at] = spelling[i]!;
    outEntered[at] = entered[i]!;
    outExited[at] = exited[i]!;
  }
  return {
    size,
    applications,
    start,
    spelling: outSpelling,
    entered: outEntered,
    exited: outExited,
    spellings,
  };
}

/** The earliest instant any stay was entered (null without stays). */
export function earliestEntered(journeys: Journeys): Instant | null {
  let min = Infinity;
  for (let i = 0; i < journeys.entered.length; i++) if (journeys.entered[i]! < min) min = journeys.entered[i]!;
  return min === Infinity ? null : min;
}

/** Journeys from stage events: only events of known applications, entered by the as-of date. */
export function journeysFromStageEvents(ctx: Context, events: readonly StageEvent[]) {
  const spellings = new Spellings();
  const slotOf = new Map<Application, number>();
  const applications: Application[] = [];
  const slot = new Int32Array(events.length);
  const spelling = new Int32Array(events.length);
  const entered = new Float64Array(events.length);
  const exited = new Float64Array(events.length);
  let count = 0;
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
    let s = slotOf.get(application);
    if (s === undefined) {
      slotOf.set(application, (s = applications.length));
      applications.push(application);
    }
    slot[count] = s;
    spelling[count] = spellings.id(e.stage);
    entered[count] = e.enteredAt;
    exited[count] = ctx.happened(e.exitedAt) ? e.exitedAt : NaN;
    count++;
  }
  return {
    journeys: groupBySlot(applications, count, slot, spelling, entered, exited, spellings.list),
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
): Journeys {
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
  const spellings = new Spellings();
  const kept: Application[] = [];
  const start: number[] = [0];
  const spelling: number[] = [];
  const entered: number[] = [];
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
    kept.push(a);
    for (const [stage, at] of stages) {
      spelling.push(spellings.id(stage));
      entered.push(at);
    }
    start.push(spelling.length);
  }
  return {
    size: kept.length,
    applications: kept,
    start: Int32Array.from(start),
    spelling: Int32Array.from(spelling),
    entered: Float64Array.from(entered),
    exited: new Float64Array(entered.length).fill(NaN),
    spellings: spellings.list,
  };
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
export function stageOrder(configured: readonly string[] | undefined, journeys: Journeys): StageOrder {
  const keys = new Map<string, string>();
  const key = (stage: string) => {
    let k = keys.get(stage);
    if (k === undefined) keys.set(stage, (k = stage.trim().replace(/\s+/g, ' ').toLowerCase()));
    return k;
  };
  // Keys as small integers; `rank` orders them like compareStrings does their text.
  const keyIds = new Map<string, number>();
  const keyList: string[] = [];
  const keyOfSpelling = Int32Array.from(journeys.spellings, (spelling) => {
    const k = key(spelling);
    let id = keyIds.get(k);
    if (id === undefined) {
      keyIds.set(k, (id = keyList.length));
      keyList.push(k);
    }
    return id;
  });
  const keyCount = keyList.length;
  const rank = new Int32Array(keyCount);
  keyList
    .map((_, id) => id)
    .sort((a, b) => compareStrings(keyList[a]!, keyList[b]!))
    .forEach((id, r) => (rank[id] = r));

  const stays = new Float64Array(journeys.spellings.length);
  for (let i = 0; i < journeys.spelling.length; i++) stays[journeys.spelling[i]!]!++;

  // Per journey: each key's first entry, the keys ordered by it (ties: key text), positions collected per key.
  const positions: number[][] = Array.from({ length: keyCount }, () => []);
  const first = new Float64Array(keyCount).fill(Infinity);
  const touched: number[] = [];
  const { start, spelling, entered } = journeys;
  for (let j = 0; j < journeys.size; j++) {
    for (let i = start[j]!; i < start[j + 1]!; i++) {
      const k = keyOfSpelling[spelling[i]!]!;
      if (first[k] === Infinity) touched.push(k);
      if (entered[i]! < first[k]!) first[k] = entered[i]!;
    }
    touched.sort((a, b) => first[a]! - first[b]! || rank[a]! - rank[b]!);
    for (let position = 0; position < touched.length; position++) {
      const k = touched[position]!;
      positions[k]!.push(position);
      first[k] = Infinity;
    }
    touched.length = 0;
  }

  // Each key in its most frequent spelling (ties: code-unit order).
  const spellingOfKey: (string | undefined)[] = new Array(keyCount);
  const countOfKey = new Float64Array(keyCount);
  journeys.spellings.forEach((spelling, id) => {
    const k = keyOfSpelling[id]!;
    const best = spellingOfKey[k];
    const n = stays[id]!;
    if (n === 0) return;
    if (best === undefined || n > countOfKey[k]! || (n === countOfKey[k]! && compareStrings(spelling, best) < 0)) {
      spellingOfKey[k] = spelling;
      countOfKey[k] = n;
    }
  });
  const inferred = positions.flatMap((list, k) =>
    list.length === 0
      ? []
      : [
          {
            stage: spellingOfKey[k]!,
            median: quantiles(list).median!,
            mean: list.reduce((sum, p) => sum + p, 0) / list.length,
          },
        ],
  );
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

export function funnelSection(ctx: Context, journeys: Journeys, order: StageOrder): FunnelRow[] {
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

  const indexOfSpelling = Int32Array.from(journeys.spellings, (spelling) => order.indexOf(spelling));
  const marked = new Uint8Array(stageCount);
  const reached: number[] = [];
  const dayIndex: number[] = [];
  const dayValue: number[] = [];
  const { start, spelling, entered, exited } = journeys;
  for (let j = 0; j < journeys.size; j++) {
    const application = journeys.applications[j]!;
    const cohort = ctx.monthOf(application.appliedAt);
    const targets = [cell(cohort, ctx.departmentOf(application)), cell(cohort, ALL)];
    let furthest = -Infinity;
    for (let i = start[j]!; i < start[j + 1]!; i++) {
      const index = indexOfSpelling[spelling[i]!]!;
      if (marked[index] === 0) {
        marked[index] = 1;
        reached.push(index);
      }
      if (index > furthest) furthest = index;
      const out = exited[i]!;
      if (Number.isNaN(out)) continue;
      const d = cal.dayNumber(out) - cal.dayNumber(entered[i]!);
      if (d >= 0) {
        dayIndex.push(index);
        dayValue.push(d);
      }
    }
    for (const c of targets) {
      for (const index of reached) {
        c.reached[index]!++;
        if (index < furthest) c.passed[index]!++;
      }
      for (let k = 0; k < dayIndex.length; k++) c.daysInStage[dayIndex[k]!]!.push(dayValue[k]!);
    }
    for (const index of reached) marked[index] = 0;
    reached.length = 0;
    dayIndex.length = 0;
    dayValue.length = 0;
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
