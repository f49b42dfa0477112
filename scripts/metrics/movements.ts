/**
 * "The biggest movements" of each month, for the retrospective page and `npm run retro`: which headline
 * figures changed most against the month before, who or what they concern, and why.
 *
 * Computed after suppression, from the artifact's final headline figures, so no movement shows a figure the
 * artifact hides. Steps, for each month:
 *
 * 1. Candidates: every headline figure with a better direction (volumes are not something a team acts on)
 *    whose change against the previous month is known, resting on at least `MINIMUM_RATE_N` slots or
 *    rejections (a rate) or `MINIMUM_MEDIAN_N` values (a median) in both months, and on at least the privacy
 *    threshold. Scored by how far the change stands out from the variation its n alone would give: a rate by
 *    the two-proportion z statistic, a median by its relative change times √n. So a one-scorecard swing in a
 *    department of 6 never outranks a company-wide shift on a thousand rejections.
 * 2. Company-wide: when most departments, or most hiring managers (at least 3, more than half of those with
 *    enough evidence), moved the same way as the company, the movement is the company's: reported once, with
 *    "N of M moved the same way", never pinned on one person.
 * 3. Nesting: a department that moved the same way as the company is folded into the company's item ("driven
 *    by Engineering: −7.1 of the −9.3 pp", its part from the decomposition by department).
 * 4. Why: a rate's change is split into rate and mix (`decompose.ts`) over departments or stages, whichever
 *    names a bigger single part; groups the published tables hide, or under the privacy threshold, are pooled
 *    into "other groups" (and the pool grows until it is not itself a small group), so the parts still add up.
 * 5. At most two items per metric; targets (config `targets`) are said when one applies.
 */
import { ALL } from '../schema/aggregates.ts';
import type {
  Aggregates,
  Comparison,
  Explanation,
  HeadlineSeries,
  MetricId,
  Movement,
  Scope,
  Target,
} from '../schema/aggregates.ts';
import type { Config } from '../schema/config.ts';
import { TARGET_METRICS } from '../schema/config.ts';
import { formatCount, formatOneDecimal, formatPercent } from '../format.ts';
import { addMonths, monthLabel } from '../time.ts';
import { NONE } from './context.ts';
import { free } from '../memory.ts';
import { Codes } from './columns.ts';
import { decompose, type GroupCounts } from './decompose.ts';
import { SLOT, type Slots } from './feedback.ts';
import { METRICS } from './headlines.ts';
import type { RejectionFact } from './rejections.ts';
import { isSmallGroup } from './suppression.ts';

/** A rate qualifies on at least this many slots or rejections in both months. */
export const MINIMUM_RATE_N = 30;
/** A median qualifies on at least this many fills, hires or submitted slots in both months. */
export const MINIMUM_MEDIAN_N = 10;
/** Movements kept per month (the page shows the first five). */
const KEPT = 8;
const PER_METRIC = 2;
export const OTHER_GROUPS = 'other groups';

/**
 * A change of a rate in tenths of a percentage point, rounded half away from zero from its value to 0.01 pp
 * (the artifact's precision), so that −0.0395 is −4.0 pp whatever its floating-point form. The pages round a
 * change the same way (`formatChange` in src/lib/format.ts), so a sentence and a table never differ.
 */
export function tenthsOfPoint(fraction: number): number {
  const hundredths = Math.round(Math.abs(fraction) * 10_000);
  const tenths = Math.floor((hundredths + 5) / 10);
  return tenths === 0 ? 0 : Math.sign(fraction) * tenths;
}
/** Tenths of a point as written: `+1.5`, `−0.3`, `±0.0`. */
const ppOfTenths = (tenths: number) =>
  `${tenths > 0 ? '+' : tenths < 0 ? '−' : '±'}${formatOneDecimal(Math.abs(tenths) / 10)}`;
const pp = (fraction: number) => ppOfTenths(tenthsOfPoint(fraction));
const round4 = (x: number) => {
  const r = Math.round(x * 10_000) / 10_000;
  return r === 0 ? 0 : r;
};
/**
 * How far a published change of a rate may lie from its counts' own: each rate is rounded to 4 places
 * (±0.00005), and so is their difference.
 */
const ROUNDING_OF_A_CHANGE = 0.00015 + 1e-12;

/** A value in its unit, as the pages write it. */
export function valueText(value: number, unit: 'count' | 'days' | 'hours' | 'rate'): string {
  if (unit === 'rate') return formatPercent(value);
  if (unit === 'days') return `${formatOneDecimal(value)} ${value === 1 ? 'day' : 'days'}`;
  if (unit === 'hours') return `${formatOneDecimal(value)} h`;
  return Number.isInteger(value) ? formatCount(value) : formatOneDecimal(value);
}

/** `≤ 45 days`, `≥ 90%`. */
export function targetText(target: Pick<Target, 'value' | 'side'>, unit: 'count' | 'days' | 'hours' | 'rate'): string {
  return `${target.side === 'atMost' ? '≤' : '≥'} ${valueText(target.value, unit)}`;
}

/** The config's targets as the artifact lists them: company first, then departments, in the metrics' order. */
export function targetsOf(config: Config): Target[] {
  const out: Target[] = [];
  for (const metric of Object.keys(TARGET_METRICS) as (keyof typeof TARGET_METRICS)[]) {
    const t = config.targets[metric];
    if (!t) continue;
    const side = METRICS[metric].betterWhen === 'lower' ? 'atMost' : 'atLeast';
    if (t.value !== undefined) out.push({ metric, department: null, value: t.value, side });
    for (const [department, value] of Object.entries(t.departments ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)))
      out.push({ metric, department, value, side });
  }
  return out;
}

export const isMet = (value: number, target: Pick<Target, 'value' | 'side'>) =>
  target.side === 'atMost' ? value <= target.value : value >= target.value;

// ---- counts for the decomposition ------------------------------------------------------------------------

type RateMetric = 'feedbackOnTimeRate' | 'feedbackSubmissionRate' | 'withdrawalShare' | 'unspecifiedReasonShare';
const RATE_METRICS: readonly RateMetric[] = [
  'feedbackOnTimeRate',
  'feedbackSubmissionRate',
  'withdrawalShare',
  'unspecifiedReasonShare',
];
const isRateMetric = (m: MetricId): m is RateMetric => (RATE_METRICS as readonly string[]).includes(m);
/** What a rate's denominator counts, for "67% → 80% of slots". */
const DENOMINATOR: Record<RateMetric, string> = {
  feedbackOnTimeRate: 'slots',
  feedbackSubmissionRate: 'slots due',
  withdrawalShare: 'rejections',
  unspecifiedReasonShare: 'rejections',
};

/** One month × department × hiring manager × stage of one source (feedback slots, or rejections). */
interface Cell {
  month: string;
  department: string;
  hiringManager: string;
  stage: string;
  source: 'feedback' | 'rejections';
  /** Where its counts start in `Cells.counts` (see there). */
  at: number;
}
interface Cells {
  list: Cell[];
  /**
   * Four counts per cell, from its `at`: numerator and denominator of its source's first rate, then of its
   * second (`RATE_OF_SOURCE`). One array of numbers, not arrays per cell: at a million applications the
   * counting went from cell to array to array for each of millions of rows.
   */
  counts: number[];
}
/** A rate's place among its source's two: its counts are at a cell's `at + 2 × place` (numerator) and next. */
const PLACE: Record<RateMetric, number> = {
  feedbackOnTimeRate: 0,
  feedbackSubmissionRate: 1,
  withdrawalShare: 0,
  unspecifiedReasonShare: 1,
};

/**
 * The cells, in the order their first row comes (slots, then rejections). A cell is found by the codes of its
 * month and department, then of its hiring manager and stage: a key string per row (millions at a million
 * applications) cost more than the counting. Two numbers, not one: their product could pass 2^53.
 */
function cellsOf(slots: Slots, rejections: readonly RejectionFact[]): Cells {
  const list: Cell[] = [];
  const counts: number[] = [];
  const newCell = (source: Cell['source'], month: string, department: string, hiringManager: string, stage: string) => {
    const at = counts.length;
    list.push({ month, department, hiringManager, stage, source, at });
    counts.push(0, 0, 0, 0);
    return at;
  };
  const onTime = 2 * PLACE.feedbackOnTimeRate;
  const submission = 2 * PLACE.feedbackSubmissionRate;
  const slotCells = new CellIndex(slots.departments.length, slots.stages.length);
  // An interview's slots (one per interviewer) come one after another, in one cell.
  let at = -1;
  for (let i = 0; i < slots.size; i++) {
    const month = slots.month[i]!;
    const department = slots.department[i]!;
    const hiringManager = slots.hiringManager[i]!;
    const stage = slots.stage[i]!;
    if (
      i === 0 ||
      month !== slots.month[i - 1] ||
      department !== slots.department[i - 1] ||
      hiringManager !== slots.hiringManager[i - 1] ||
      stage !== slots.stage[i - 1]
    ) {
      at = slotCells.get(month, department, hiringManager, stage);
      if (at < 0) {
        at = newCell(
          'feedback',
          slots.months[month]!,
          slots.departments[department]!,
          slots.hiringManagers[hiringManager]!,
          slots.stages[stage]!,
        );
        slotCells.set(month, department, hiringManager, stage, at);
      }
    }
    const flags = slots.flags[i]!;
    if (flags & SLOT.onTime) counts[at + onTime]!++;
    if (flags & SLOT.slaSettled) counts[at + onTime + 1]!++;
    if (flags & SLOT.submitted) counts[at + submission]!++;
    if (flags & SLOT.due) counts[at + submission + 1]!++;
  }
  // The rejections' text fields as codes, in a first pass: the index's strides are the numbers of codes.
  const [months, departments, hiringManagers, stages] = [new Codes(), new Codes(), new Codes(), new Codes()];
  const codes = Array.from({ length: 4 }, () => new Int32Array(rejections.length));
  const [month, department, hiringManager, stage] = codes as [Int32Array, Int32Array, Int32Array, Int32Array];
  rejections.forEach((r, i) => {
    month[i] = months.code(r.month);
    department[i] = departments.code(r.department);
    hiringManager[i] = hiringManagers.code(r.hiringManager);
    stage[i] = stages.code(r.stage);
  });
  const withdrawal = 2 * PLACE.withdrawalShare;
  const unspecified = 2 * PLACE.unspecifiedReasonShare;
  const rejectionCells = new CellIndex(departments.size, stages.size);
  rejections.forEach((r, i) => {
    let at = rejectionCells.get(month[i]!, department[i]!, hiringManager[i]!, stage[i]!);
    if (at < 0) {
      at = newCell('rejections', r.month, r.department, r.hiringManager, r.stage);
      rejectionCells.set(month[i]!, department[i]!, hiringManager[i]!, stage[i]!, at);
    }
    if (r.rejectedBy === 'candidate') counts[at + withdrawal]!++;
    counts[at + withdrawal + 1]!++;
    if (r.category === 'unspecified') counts[at + unspecified]!++;
    counts[at + unspecified + 1]!++;
  });
  for (const array of codes) free(array);
  return { list, counts };
}

/**
 * A cell's `at` by the codes of month × department, then of hiring manager × stage (strides: the numbers of
 * departments and of stages); -1 for none.
 */
class CellIndex {
  private readonly byMonthDepartment = new Map<number, Map<number, number>>();
  private readonly departments: number;
  private readonly stages: number;
  constructor(departments: number, stages: number) {
    this.departments = departments;
    this.stages = stages;
  }

  get(month: number, department: number, hiringManager: number, stage: number): number {
    const inner = this.byMonthDepartment.get(month * this.departments + department);
    return inner?.get(hiringManager * this.stages + stage) ?? -1;
  }

  set(month: number, department: number, hiringManager: number, stage: number, at: number): void {
    const outer = month * this.departments + department;
    let inner = this.byMonthDepartment.get(outer);
    if (inner === undefined) this.byMonthDepartment.set(outer, (inner = new Map()));
    inner.set(hiringManager * this.stages + stage, at);
  }
}

/** A month's cells of one source: all, and by department and by hiring manager, each in the cells' order. */
interface CellsOfMonth {
  all: Cell[];
  department: Map<string, Cell[]>;
  hiringManager: Map<string, Cell[]>;
}
/** A metric's series: the company's, and by department and by hiring manager. */
interface SeriesOfMetric {
  all: HeadlineSeries | undefined;
  department: Map<string, HeadlineSeries>;
  hiringManager: Map<string, HeadlineSeries>;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface MovementInput {
  /** The artifact after suppression and changes. */
  a: Aggregates;
  slots: Slots;
  rejections: readonly RejectionFact[];
  targets: readonly Target[];
  minGroupSize: number;
}

export function movementsSection(input: MovementInput): Aggregates['movements'] {
  const { a, minGroupSize } = input;
  const minimumRateN = Math.max(MINIMUM_RATE_N, minGroupSize);
  const minimumMedianN = Math.max(MINIMUM_MEDIAN_N, minGroupSize);
  const { list: cells, counts } = cellsOf(input.slots, input.rejections);
  // By source, month and scope: an explanation reads the cells of two months in its scope, not every cell.
  const cellsByMonth = new Map<string, CellsOfMonth>();
  for (const cell of cells) {
    const k = `${cell.source}\u0000${cell.month}`;
    let month = cellsByMonth.get(k);
    if (!month) cellsByMonth.set(k, (month = { all: [], department: new Map(), hiringManager: new Map() }));
    month.all.push(cell);
    pushTo(month.department, cell.department, cell);
    pushTo(month.hiringManager, cell.hiringManager, cell);
  }
  const cellsIn = (source: Cell['source'], month: string, scope: Scope): readonly Cell[] => {
    const cellsOfMonth = cellsByMonth.get(`${source}\u0000${month}`);
    if (!cellsOfMonth) return [];
    if (scope.kind === 'all') return cellsOfMonth.all;
    return scope.kind === 'department'
      ? (cellsOfMonth.department.get(scope.department) ?? [])
      : (cellsOfMonth.hiringManager.get(scope.hiringManager) ?? []);
  };
  const titles = new Map(a.definitions.map((d) => [d.id, d.title]));
  const title = (m: MetricId) => titles.get(m) ?? m;
  // A series by metric and scope, and a month by its position: candidates and their neighbours are looked up
  // hundreds of thousands of times at a million applications (a key string and a scan of the months each).
  const seriesOf = new Map<MetricId, SeriesOfMetric>();
  for (const series of a.headlines) {
    let ofMetric = seriesOf.get(series.metric);
    if (!ofMetric)
      seriesOf.set(series.metric, (ofMetric = { all: undefined, department: new Map(), hiringManager: new Map() }));
    const { scope } = series;
    if (scope.kind === 'all') ofMetric.all = series;
    else if (scope.kind === 'department') ofMetric.department.set(scope.department, series);
    else ofMetric.hiringManager.set(scope.hiringManager, series);
  }
  const position = new Map(a.months.map((month, i) => [month, i]));
  const monthOf = (series: HeadlineSeries | undefined, month: string): Comparison | undefined => {
    if (!series) return undefined;
    const c = series.months[position.get(month) ?? -1];
    return c?.month === month ? c : series.months.find((x) => x.month === month);
  };
  const comparisonOf = (metric: MetricId, scope: Scope, month: string) => {
    const ofMetric = seriesOf.get(metric);
    if (!ofMetric) return undefined;
    if (scope.kind === 'all') return monthOf(ofMetric.all, month);
    return monthOf(
      scope.kind === 'department'
        ? ofMetric.department.get(scope.department)
        : ofMetric.hiringManager.get(scope.hiringManager),
      month,
    );
  };

  // The grains (month, department, stage) whose counts a rate's group would give away and the published
  // tables hide: such groups are pooled, never shown. Feedback: the row of that grain. Rejections: the
  // department's or stage's total (share rows), and the rows of its numerator (withdrawn, unspecified).
  const hidden = {} as Record<RateMetric, Set<string>>;
  for (const m of RATE_METRICS) hidden[m] = new Set();
  const grain = (month: string, department: string, stage: string) => `${month}\u0000${department}\u0000${stage}`;
  for (const r of a.feedback.byMonth)
    if (r.suppressed) {
      hidden.feedbackOnTimeRate.add(grain(r.month, r.department, r.stage));
      hidden.feedbackSubmissionRate.add(grain(r.month, r.department, r.stage));
    }
  const rejectionMetrics = ['withdrawalShare', 'unspecifiedReasonShare'] as const;
  for (const r of a.rejections.byStage)
    if (r.suppressed) for (const m of rejectionMetrics) hidden[m].add(grain(r.month, r.department, r.key));
  for (const r of a.rejections.byRejectedBy)
    if (r.suppressed && r.key === 'candidate') hidden.withdrawalShare.add(grain(r.month, r.department, ALL));
  for (const r of a.rejections.byCategory)
    if (r.suppressed && r.key === 'unspecified') hidden.unspecifiedReasonShare.add(grain(r.month, r.department, ALL));
  // A stage's numerator is published nowhere but as the sum of its reason rows: one hidden, all hidden.
  for (const r of a.rejections.byMonth) {
    if (!r.suppressed || r.stage === ALL) continue;
    if (r.rejected_by === 'candidate') hidden.withdrawalShare.add(grain(r.month, r.department, r.stage));
    if (r.category === 'unspecified') hidden.unspecifiedReasonShare.add(grain(r.month, r.department, r.stage));
  }

  const minimumN = (metric: MetricId) => (METRICS[metric].kind === 'rate' ? minimumRateN : minimumMedianN);
  const hasEvidence = (metric: MetricId, c: Comparison | undefined): c is Comparison =>
    c !== undefined &&
    c.changeVsPrevious !== null &&
    !c.current.suppressed &&
    !c.previous.suppressed &&
    c.current.value !== null &&
    c.previous.value !== null &&
    (c.current.n ?? 0) >= minimumN(metric) &&
    (c.previous.n ?? 0) >= minimumN(metric);

  /** The decomposition of a rate's change in `scope` over one dimension, pooled for privacy. */
  const explain = (
    metric: RateMetric,
    scope: Scope,
    month: string,
    dimension: 'department' | 'stage',
  ): Explanation | null => {
    const previous = addMonths(month, -1);
    const source = metric.startsWith('feedback') ? 'feedback' : 'rejections';
    const groups = new Map<string, GroupCounts>();
    for (const cell of [...cellsIn(source, month, scope), ...cellsIn(source, previous, scope)]) {
      const name = dimension === 'department' ? cell.department : cell.stage;
      let g = groups.get(name);
      if (!g)
        groups.set(
          name,
          (g = { group: name, before: { numerator: 0, denominator: 0 }, after: { numerator: 0, denominator: 0 } }),
        );
      const side = cell.month === month ? g.after : g.before;
      side.numerator += counts[cell.at + 2 * PLACE[metric]]!;
      side.denominator += counts[cell.at + 2 * PLACE[metric] + 1]!;
    }
    // Which groups may be shown: not hidden by the published tables (company and department scopes), not
    // a small group in either month, and a named group (not "no department").
    const grainDepartment = scope.kind === 'department' ? scope.department : ALL;
    const publishedHidden = (name: string) => {
      if (scope.kind === 'hiringManager') return false;
      const key = (m: string) => (dimension === 'department' ? grain(m, name, ALL) : grain(m, grainDepartment, name));
      return hidden[metric].has(key(month)) || hidden[metric].has(key(previous));
    };
    const shown: GroupCounts[] = [];
    const pool: GroupCounts = {
      group: OTHER_GROUPS,
      before: { numerator: 0, denominator: 0 },
      after: { numerator: 0, denominator: 0 },
    };
    const addTo = (target: GroupCounts, g: GroupCounts) => {
      target.before.numerator += g.before.numerator;
      target.before.denominator += g.before.denominator;
      target.after.numerator += g.after.numerator;
      target.after.denominator += g.after.denominator;
    };
    for (const g of [...groups.values()].sort((x, y) => (x.group < y.group ? -1 : 1))) {
      const small = isSmallGroup(g.before.denominator, minGroupSize) || isSmallGroup(g.after.denominator, minGroupSize);
      if (g.group === NONE || small || publishedHidden(g.group)) addTo(pool, g);
      else shown.push(g);
    }
    // The pool is the total minus the groups shown: it must not itself be a small group.
    while (
      shown.length > 0 &&
      (isSmallGroup(pool.before.denominator, minGroupSize) || isSmallGroup(pool.after.denominator, minGroupSize))
    ) {
      shown.sort((x, y) => x.before.denominator + x.after.denominator - (y.before.denominator + y.after.denominator));
      addTo(pool, shown.shift()!);
    }
    // One named group explains nothing (a single stage is the company itself).
    if (shown.length < 2) return null;
    const d = decompose(pool.before.denominator + pool.after.denominator > 0 ? [...shown, pool] : shown);
    if (d === null || d.change === 0) return null;
    // One total: the change the movement states, from the published rates (each rounded to 0.01 pp), which
    // can differ from the counts' own change by up to 0.015 pp (−23.36 against −23.35, written −23.4 and
    // −23.3). The parts are scaled to it, so the sentence, the table and the movement give one figure.
    // Further apart, the counts are not the published figure's and explain nothing.
    const published = comparisonOf(metric, scope, month)?.changeVsPrevious ?? null;
    if (published === null || Math.sign(published) !== Math.sign(d.change)) return null;
    if (Math.abs(published - d.change) > ROUNDING_OF_A_CHANGE) return null;
    const k = published / d.change;
    const groupsOut = d.groups
      .map((g) => ({
        group: g.group,
        rateBefore: g.rateBefore === null ? null : round4(g.rateBefore),
        rateAfter: g.rateAfter === null ? null : round4(g.rateAfter),
        shareBefore: round4(g.shareBefore),
        shareAfter: round4(g.shareAfter),
        rateEffect: round4(g.rateEffect * k),
        mixEffect: round4(g.mixEffect * k),
      }))
      .sort((x, y) => Math.abs(y.rateEffect + y.mixEffect) - Math.abs(x.rateEffect + x.mixEffect));
    const rateEffect = round4(d.rateEffect * k);
    const explanation: Explanation = {
      dimension,
      change: published,
      rateEffect,
      mixEffect: round4(published - rateEffect),
      groups: groupsOut,
      sentence: '',
    };
    explanation.sentence = explanationSentence(title(metric), DENOMINATOR[metric], explanation);
    return explanation;
  };

  /** The better of the two dimensions for the company: the one whose biggest group part is larger. */
  const bestExplanation = (metric: RateMetric, scope: Scope, month: string): Explanation | null => {
    const options = (scope.kind === 'all' ? (['department', 'stage'] as const) : (['stage'] as const))
      .map((dimension) => explain(metric, scope, month, dimension))
      .filter((e) => e !== null);
    const biggest = (e: Explanation) =>
      Math.max(0, ...e.groups.filter((g) => g.group !== OTHER_GROUPS).map((g) => Math.abs(g.rateEffect + g.mixEffect)));
    return options.sort((x, y) => biggest(y) - biggest(x))[0] ?? null;
  };

  const items: Movement[] = [];
  const candidateMonths = a.months.filter((m) => a.months.includes(addMonths(m, -1)));
  for (const month of candidateMonths) {
    interface Candidate {
      series: HeadlineSeries;
      c: Comparison;
      score: number;
      index: number;
    }
    const candidates: Candidate[] = [];
    a.headlines.forEach((series, index) => {
      const meta = METRICS[series.metric];
      if (meta.betterWhen === 'neutral') return;
      const c = monthOf(series, month);
      if (!hasEvidence(series.metric, c) || c.changeVsPrevious === 0) return;
      const score = scoreOf(c, meta.unit);
      if (score > 0) candidates.push({ series, c, score, index });
    });

    // What is picked is ranked before it is written: of thousands of candidates a month at a million
    // applications, only the kept are explained and put in words.
    interface Picked {
      metric: MetricId;
      score: number;
      index: number;
      movement: () => Movement;
    }
    const picked: Picked[] = [];
    const dropped = new Set<Candidate>();
    for (const metric of new Set(candidates.map((x) => x.series.metric))) {
      const ofMetric = candidates.filter((x) => x.series.metric === metric);
      const company = ofMetric.find((x) => x.series.scope.kind === 'all');
      const companyComparison = comparisonOf(metric, { kind: 'all' }, month);
      const companySign = hasEvidence(metric, companyComparison) ? Math.sign(companyComparison.changeVsPrevious!) : 0;
      if (companySign === 0) continue;
      // Company-wide: most departments, or most hiring managers, moved the same way.
      let sharedBy: Movement['sharedBy'] = null;
      for (const kind of ['hiringManager', 'department'] as const) {
        const names = kind === 'department' ? a.departments : a.hiringManagers;
        const withEvidence = names
          .map((name) =>
            comparisonOf(
              metric,
              kind === 'department' ? { kind, department: name } : { kind, hiringManager: name },
              month,
            ),
          )
          .filter((c) => hasEvidence(metric, c));
        const moved = withEvidence.filter((c) => Math.sign(c.changeVsPrevious!) === companySign).length;
        if (withEvidence.length >= 3 && moved * 2 > withEvidence.length) {
          // Same-way items of that kind are the company's movement, not theirs.
          for (const x of ofMetric)
            if (x.series.scope.kind === kind && Math.sign(x.c.changeVsPrevious!) === companySign) dropped.add(x);
          sharedBy ??= { kind, moved, of: withEvidence.length };
        }
      }
      if (!company) continue;
      dropped.add(company);
      // Departments that moved the same way are folded into the company's item.
      const folded = ofMetric.filter(
        (x) => x.series.scope.kind === 'department' && Math.sign(x.c.changeVsPrevious!) === companySign,
      );
      for (const x of folded) dropped.add(x);
      const movement = () => {
        const explanation = isRateMetric(metric) ? bestExplanation(metric, { kind: 'all' }, month) : null;
        const byDepartment =
          explanation?.dimension === 'department'
            ? explanation
            : isRateMetric(metric)
              ? explain(metric, { kind: 'all' }, month, 'department')
              : null;
        const drivenBy = folded
          .sort((x, y) => y.score - x.score)
          .map((x) => {
            const name = (x.series.scope as { department: string }).department;
            const g = byDepartment?.groups.find((g) => g.group === name);
            // Its whole part, rate and mix: a department that grew slower counts, not only one that slowed.
            return { scope: x.series.scope, contribution: g ? round4(g.rateEffect + g.mixEffect) : null };
          });
        return movementOf(company, month, { drivenBy, sharedBy, explanation });
      };
      picked.push({ metric, score: company.score, index: company.index, movement });
    }
    for (const x of candidates) {
      if (dropped.has(x)) continue;
      const movement = () => {
        const explanation =
          isRateMetric(x.series.metric) && x.series.scope.kind !== 'all'
            ? bestExplanation(x.series.metric, x.series.scope, month)
            : null;
        return movementOf(x, month, { drivenBy: [], sharedBy: null, explanation });
      };
      picked.push({ metric: x.series.metric, score: x.score, index: x.index, movement });
    }

    // Rank: by score, the artifact's order on ties; at most PER_METRIC per metric.
    picked.sort((x, y) => y.score - x.score || x.index - y.index);
    const perMetric = new Map<MetricId, number>();
    let rank = 0;
    for (const p of picked) {
      const n = perMetric.get(p.metric) ?? 0;
      perMetric.set(p.metric, n + 1);
      if (n >= PER_METRIC || rank >= KEPT) continue;
      items.push({ ...p.movement(), rank: ++rank });
    }
  }
  return { minimumRateN, minimumMedianN, items };

  function movementOf(
    x: { series: HeadlineSeries; c: Comparison },
    month: string,
    extra: Pick<Movement, 'drivenBy' | 'sharedBy' | 'explanation'>,
  ): Movement {
    const { series, c } = x;
    const meta = METRICS[series.metric];
    const change = c.changeVsPrevious!;
    const targetSpec = input.targets.find(
      (t) =>
        t.metric === series.metric &&
        (series.scope.kind === 'all'
          ? t.department === null
          : series.scope.kind === 'department' && t.department === series.scope.department),
    );
    const target = targetSpec
      ? {
          value: targetSpec.value,
          side: targetSpec.side,
          metBefore: isMet(c.previous.value!, targetSpec),
          metAfter: isMet(c.current.value!, targetSpec),
        }
      : null;
    const movement: Movement = {
      month,
      metric: series.metric,
      scope: series.scope,
      rank: 1,
      before: c.previous.value!,
      after: c.current.value!,
      change,
      nBefore: c.previous.n!,
      nAfter: c.current.n!,
      direction: (meta.betterWhen === 'higher') === change > 0 ? 'better' : 'worse',
      sentence: '',
      drivenBy: extra.drivenBy,
      sharedBy: extra.sharedBy,
      target,
      volume: volumeLine(series.scope, month),
      explanation: extra.explanation,
    };
    movement.sentence = movementSentence(title(series.metric), meta.unit, movement);
    return movement;
  }

  function volumeLine(scope: Scope, month: string): string {
    const previous = monthLabel(addMonths(month, -1));
    const parts: string[] = [];
    for (const [metric, one, many] of [
      ['feedbackSlots', 'feedback slot', 'feedback slots'],
      ['requisitionsFilled', 'fill', 'fills'],
      ['rejections', 'rejection', 'rejections'],
    ] as const) {
      const c = comparisonOf(metric, scope, month);
      if (!c || c.current.value === null || c.current.suppressed) continue;
      const before =
        c.previous.value !== null && !c.previous.suppressed ? ` (${previous}: ${formatCount(c.previous.value)})` : '';
      parts.push(`${formatCount(c.current.value)} ${c.current.value === 1 ? one : many}${before}`);
    }
    return parts.length ? `Volume in ${monthLabel(month)}: ${parts.join(', ')}.` : '';
  }
}

/** How far a change stands out from the variation its n alone would give (see the module comment). */
export function scoreOf(c: Comparison, unit: string): number {
  const a = c.current.value!;
  const b = c.previous.value!;
  const n1 = c.current.n ?? 0;
  const n2 = c.previous.n ?? 0;
  if (n1 === 0 || n2 === 0) return 0;
  if (unit === 'rate') {
    const pooled = (a * n1 + b * n2) / (n1 + n2);
    const spread = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    return spread === 0 ? 0 : Math.abs(a - b) / spread;
  }
  const size = Math.max(Math.abs(a), Math.abs(b));
  return size === 0 ? 0 : (Math.abs(a - b) / size) * Math.sqrt(Math.min(n1, n2));
}

function scopeWords(scope: Scope): string {
  if (scope.kind === 'all') return 'overall';
  if (scope.kind === 'department') return `in ${scope.department}`;
  return `for ${scope.hiringManager}'s seats`;
}

function movementSentence(title: string, unit: 'count' | 'days' | 'hours' | 'rate', m: Movement): string {
  const verb = m.change > 0 ? 'rose' : 'fell';
  const by =
    unit === 'rate' ? `${pp(m.change)} pp` : `${m.change > 0 ? '+' : '−'}${valueText(Math.abs(m.change), unit)}`;
  let s = `${title} ${verb} from ${valueText(m.before, unit)} to ${valueText(m.after, unit)} ${scopeWords(m.scope)} (${by})`;
  // The departments that drove it: the two whose part weighs most (rate and mix), else the first two.
  const drivers = [...m.drivenBy]
    .filter((d) => d.contribution === null || Math.sign(d.contribution) === Math.sign(m.change))
    .sort((x, y) => Math.abs(y.contribution ?? 0) - Math.abs(x.contribution ?? 0))
    .slice(0, 2);
  if (drivers.length) {
    const names = drivers.map((d) => {
      const name = (d.scope as { department: string }).department;
      return d.contribution !== null && unit === 'rate'
        ? `${name} (${pp(d.contribution)} of the ${pp(m.change)} pp)`
        : name;
    });
    s += `, driven by ${names.join(' and ')}`;
  }
  if (m.sharedBy) {
    const noun = m.sharedBy.kind === 'department' ? 'departments' : 'hiring managers';
    s += `; company-wide: ${m.sharedBy.moved} of ${m.sharedBy.of} ${noun} with enough data moved the same way`;
  }
  if (m.target) {
    const t = targetText(m.target, unit);
    if (m.target.metBefore && !m.target.metAfter) s += `; now misses the target (${t})`;
    else if (!m.target.metBefore && m.target.metAfter) s += `; now meets the target (${t})`;
    else s += m.target.metAfter ? `; within the target (${t})` : `; still misses the target (${t})`;
  }
  return `${s}.`;
}

/** "−9.3 pp: −7.3 pp from the groups' own rates (most: Engineering, 80% → 70%), −2.0 pp from the mix (…)". */
export function explanationSentence(title: string, noun: string, e: Omit<Explanation, 'sentence'>): string {
  // In tenths of a point, so that the two parts written add up to the total written (the table's total row
  // is written the same way: `explanationTotals` in src/lib/retro.ts).
  const total = tenthsOfPoint(e.change);
  const ratePart = tenthsOfPoint(e.rateEffect);
  const mixPart = total - ratePart;
  const named = e.groups.filter((g) => g.group !== OTHER_GROUPS);
  const byRate = [...named].sort((x, y) => Math.abs(y.rateEffect) - Math.abs(x.rateEffect))[0];
  const byMix = [...named].sort((x, y) => Math.abs(y.mixEffect) - Math.abs(x.mixEffect))[0];
  // A group's mix part is against the average (decompose.ts): "Engineering, 67% → 80% of slots" with a
  // negative part reads as "more volume in a slower group".
  const rateWhy =
    byRate && byRate.rateBefore !== null && byRate.rateAfter !== null && byRate.rateEffect !== 0
      ? ` (most: ${byRate.group}, ${formatPercent(byRate.rateBefore)} → ${formatPercent(byRate.rateAfter)})`
      : '';
  const mixWhy =
    byMix && byMix.mixEffect !== 0
      ? ` (most: ${byMix.group}, ${formatPercent(byMix.shareBefore)} → ${formatPercent(byMix.shareAfter)} of ${noun})`
      : '';
  const across = e.dimension === 'department' ? 'departments' : 'stages';
  return (
    `${title}: ${ppOfTenths(total)} pp, of which ${ppOfTenths(ratePart)} pp because the ${across} themselves changed` +
    `${ratePart === 0 ? '' : rateWhy} and ${ppOfTenths(mixPart)} pp because the volume moved between ${across}` +
    `${mixPart === 0 ? '' : mixWhy}.`
  );
}
