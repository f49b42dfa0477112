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
import type { Application, Instant, InterviewTable, StageEventTable } from '../schema/canonical.ts';
import { ALL, type Aggregates } from '../schema/aggregates.ts';
import { lastDayOfMonth } from './asOf.ts';
import { Codes, column } from './columns.ts';
import { label, NONE, type Context } from './context.ts';
import type { Excluded } from './timeToFill.ts';
import { allFirst, compareStrings, rate, sortBy } from './stats.ts';
import { medianOfTallies, Tally } from './tally.ts';

type FunnelRow = NonNullable<Aggregates['funnel']>[number];

/** Cohorts younger than this many days at the as-of date are still open. */
export const OPEN_COHORT_DAYS = 90;

/**
 * Journeys, stored column-wise: one entry per stay (a stage entered once), grouped by application. Journey
 * `j` is the stays `start[j]` to `start[j + 1] - 1`, in no particular order; `spelling` indexes `spellings`
 * (a stage as spelled in the data, trimmed), `exited` is NaN while the stay goes on. No object or Map per
 * application: at a million applications those dominated the funnel's time and memory. Plain arrays, not
 * typed ones: see `sortInPlace` (stats.ts) for what allocating typed arrays this size costs.
 */
export interface Journeys {
  readonly size: number;
  readonly applications: readonly Application[];
  /** Each journey's application as a row of the applications table (for `ctx.departmentAt` and the like). */
  readonly row: readonly number[];
  readonly start: readonly number[];
  readonly spelling: readonly number[];
  readonly entered: readonly number[];
  readonly exited: readonly number[];
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

/**
 * Group per-stay columns by journey (counting sort; stays keep their order within a journey).
 * `journeyOfStay` is null when the stays are grouped already.
 */
function groupByJourney(
  applications: Application[],
  rows: number[],
  staysOf: readonly number[],
  journeyOfStay: readonly number[] | null,
  stays: { spelling: number[]; entered: number[]; exited: number[] },
  spellings: readonly string[],
): Journeys {
  const size = applications.length;
  const start = [0];
  for (let j = 0; j < size; j++) start.push(start[j]! + staysOf[j]!);
  const journeys = { size, applications, row: rows, start, spellings };
  if (journeyOfStay === null) return { ...journeys, ...stays };
  const next = start.slice(0, size);
  const count = journeyOfStay.length;
  const spelling = column(count, 0);
  const entered = column(count, NaN);
  const exited = column(count, NaN);
  for (let i = 0; i < count; i++) {
    const at = next[journeyOfStay[i]!]!++;
    spelling[at] = stays.spelling[i]!;
    entered[at] = stays.entered[i]!;
    exited[at] = stays.exited[i]!;
  }
  return { ...journeys, spelling, entered, exited };
}

/** The earliest instant any stay was entered (null without stays). */
export function earliestEntered(journeys: Journeys): Instant | null {
  let min = Infinity;
  for (let i = 0; i < journeys.entered.length; i++) if (journeys.entered[i]! < min) min = journeys.entered[i]!;
  return min === Infinity ? null : min;
}

/** Journeys from stage events: only events of known applications, entered by the as-of date. */
export function journeysFromStageEvents(ctx: Context, events: StageEventTable) {
  const spellings = new Spellings();
  // Journey of each application row, -1 until its first event.
  const journeyOfRow = new Int32Array(ctx.applications.length).fill(-1);
  const applications: Application[] = [];
  const rows: number[] = [];
  const staysOf: number[] = [];
  const stays = {
    spelling: column(events.length, 0),
    entered: column(events.length, NaN),
    exited: column(events.length, NaN),
  };
  let count = 0;
  // Exports list an application's stage events together: then the stays come grouped by journey, and only
  // when they do not is each stay's journey written down (for `groupByJourney`).
  let journeyOfStay: number[] | null = null;
  let current = -1;
  let unknownApplication = 0;
  let later = 0;
  const { applicationId, stage, enteredAt, exitedAt } = events;
  for (let e = 0; e < events.length; e++) {
    const row = ctx.applicationIndex(applicationId[e]!);
    if (row < 0) {
      unknownApplication++;
      continue;
    }
    const entered = enteredAt[e]!;
    if (!ctx.happened(entered) || !ctx.happened(ctx.appliedAt(row))) {
      later++;
      continue;
    }
    let j = journeyOfRow[row]!;
    const isNew = j < 0;
    if (isNew) {
      journeyOfRow[row] = j = applications.length;
      applications.push(ctx.applications[row]!);
      rows.push(row);
      staysOf.push(0);
    }
    if (journeyOfStay === null && j !== current) {
      if (isNew) current = j;
      else journeyOfStay = staysOf.flatMap((n, journey) => new Array<number>(n).fill(journey));
    }
    journeyOfStay?.push(j);
    staysOf[j]!++;
    stays.spelling[count] = spellings.id(stage[e]!);
    stays.entered[count] = entered;
    const exited = exitedAt[e]!;
    if (ctx.happened(exited)) stays.exited[count] = exited;
    count++;
  }
  stays.spelling.length = stays.entered.length = stays.exited.length = count;
  return {
    journeys: groupByJourney(applications, rows, staysOf, journeyOfStay, stays, spellings.list),
    excluded: [
      { reason: 'stage event of an application not in the applications export', rows: unknownApplication },
      { reason: 'stage event after the as-of date', rows: later },
    ] as Excluded[],
  };
}

/** Journeys inferred from interviews (first interview at a stage) and the current stage. */
export function journeysFromInterviews(ctx: Context, interviews: InterviewTable): Journeys {
  const { applications } = ctx;
  const firstAt = new Map<string, Map<string, Instant>>();
  const latestAt = new Map<string, Instant>();
  for (let i = 0; i < interviews.length; i++) {
    const at = interviews.interviewAt[i]!;
    if (!ctx.happened(at)) continue;
    const id = interviews.applicationId[i]!;
    latestAt.set(id, Math.max(latestAt.get(id) ?? -Infinity, at));
    const stage = label(interviews.stage[i]);
    if (stage === NONE) continue;
    let stages = firstAt.get(id);
    if (!stages) firstAt.set(id, (stages = new Map()));
    stages.set(stage, Math.min(stages.get(stage) ?? Infinity, at));
  }
  const spellings = new Spellings();
  const kept: Application[] = [];
  const rows: number[] = [];
  const start: number[] = [0];
  const spelling: number[] = [];
  const entered: number[] = [];
  for (let row = 0; row < applications.length; row++) {
    const a = applications[row]!;
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
    rows.push(row);
    for (const [stage, at] of stages) {
      spelling.push(spellings.id(stage));
      entered.push(at);
    }
    start.push(spelling.length);
  }
  return {
    size: kept.length,
    applications: kept,
    row: rows,
    start,
    spelling,
    entered,
    exited: entered.map(() => NaN),
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

  // Per journey: each key's first entry, the keys ordered by it (ties: key text), positions tallied per key.
  const positions = Array.from({ length: keyCount }, () => new Tally());
  const first = new Float64Array(keyCount).fill(Infinity);
  const touched: number[] = [];
  const { start, spelling, entered } = journeys;
  for (let j = 0; j < journeys.size; j++) {
    for (let i = start[j]!; i < start[j + 1]!; i++) {
      const k = keyOfSpelling[spelling[i]!]!;
      if (first[k] === Infinity) touched.push(k);
      if (entered[i]! < first[k]!) first[k] = entered[i]!;
    }
    // Insertion sort: a journey touches a handful of keys, and (first, rank) orders them totally.
    for (let a = 1; a < touched.length; a++) {
      const k = touched[a]!;
      let b = a - 1;
      for (; b >= 0; b--) {
        const other = touched[b]!;
        if (first[other]! < first[k]! || (first[other] === first[k] && rank[other]! < rank[k]!)) break;
        touched[b + 1] = other;
      }
      touched[b + 1] = k;
    }
    for (let position = 0; position < touched.length; position++) {
      const k = touched[position]!;
      positions[k]!.add(position);
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
  const inferred = positions.flatMap((tally, k) =>
    tally.size === 0
      ? []
      : [{ stage: spellingOfKey[k]!, median: medianOfTallies([tally])!, mean: tally.sum / tally.size }],
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
    daysInStage: Tally[];
  }
  // Each journey is counted in its cohort × department cell; the cohort's 'All' row is summed from those
  // cells afterwards (counting every journey twice, in its cell and in the rollup, cost a quarter of the
  // funnel's time). Cells by cohort code, then by department code.
  const cohorts = new Codes();
  const departments = new Codes();
  const cells: (Cell | undefined)[][] = [];
  const cell = (cohort: number, department: number): Cell => {
    const byDepartment = (cells[cohort] ??= []);
    return (byDepartment[department] ??= {
      cohort: cohorts.values[cohort]!,
      department: departments.values[department]!,
      reached: new Array<number>(stageCount).fill(0),
      passed: new Array<number>(stageCount).fill(0),
      daysInStage: Array.from({ length: stageCount }, () => new Tally()),
    });
  };

  const indexOfSpelling = journeys.spellings.map((spelling) => order.indexOf(spelling));
  const marked = new Uint8Array(stageCount);
  const reached: number[] = [];
  const { start, spelling, entered, exited } = journeys;
  for (let j = 0; j < journeys.size; j++) {
    const row = journeys.row[j]!;
    const c = cell(cohorts.code(ctx.monthOf(ctx.appliedAt(row))), departments.code(ctx.departmentAt(row)));
    // The stages reached (each once), the furthest, and the days of each ended stay.
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
      if (d >= 0) c.daysInStage[index]!.add(d);
    }
    for (const index of reached) {
      c.reached[index]!++;
      if (index < furthest) c.passed[index]!++;
      marked[index] = 0;
    }
    reached.length = 0;
  }

  const rows: FunnelRow[] = [];
  const addRows = (cohort: string, department: string, parts: readonly Cell[]) => {
    const open = asOf.day - lastDayOfMonth(cohort) < OPEN_COHORT_DAYS;
    order.stages.forEach((stage, index) => {
      let reached = 0;
      let passed = 0;
      for (const p of parts) {
        reached += p.reached[index]!;
        passed += p.passed[index]!;
      }
      rows.push({
        cohort,
        department,
        stage,
        stage_index: index,
        reached,
        pass_through: index === stageCount - 1 ? null : rate(passed, reached),
        median_days_in_stage: medianOfTallies(parts.map((p) => p.daysInStage[index]!)),
        open,
        suppressed: false,
      });
    });
  };
  for (const byDepartment of cells) {
    const own = (byDepartment ?? []).filter((c) => c !== undefined);
    if (own.length === 0) continue;
    for (const c of own) if (c.department !== ALL) addRows(c.cohort, c.department, [c]);
    // The rollup: every journey once, and those of a department itself named 'All' twice (its cell is the
    // rollup's, and the rollup counts it again).
    const namedAll = own.find((c) => c.department === ALL);
    addRows(own[0]!.cohort, ALL, namedAll ? [...own, namedAll] : own);
  }
  return sortBy(
    rows,
    (r) => r.cohort,
    (r) => allFirst(r.department),
    (r) => r.stage_index,
  );
}
