/**
 * The disclosure audit: what can someone holding every published figure work out about a hidden count?
 *
 * Every count the artifact publishes (and so every page and CSV drawn from it) is a cell: a table row's count,
 * a headline's n, a trailing-3 n, a partnership figure's n. The relations the outputs make true between them
 * are written down once, here:
 *
 * - sums: every `All` row is the sum of its departments' (or stages') rows; a month's rejections are the sum
 *   of its categories, of its rejected-by rows, of its stages and of its reason rows; a category, a rejected-by
 *   value and a stage are sums of reason rows; a feedback row's due slots are its submitted plus its pending
 *   ones, and a department's outstanding feedback (every bucket) is its pending slots over every month;
 * - shared figures: a headline of the company or a department is the table's cell (one id, `cellId`); a
 *   figure shown in one output and hidden in another is listed as `inconsistent`;
 * - people vs `All`: the company's count is the sum of its hiring managers' plus those of seats without one;
 * - time windows: a trailing-3 n is the sum of its three months; a partnership window's rejections likewise;
 * - rates × n: a shown rate or share beside a shown n (or count) bounds the count (or n) it divides;
 * - bounds: a count hidden as a small group is 1 to minGroupSize − 1; one hidden beside it (a complement) at
 *   least 1; any other hidden or never published count at least 0.
 *
 * Each hidden count's feasible range is then narrowed by interval propagation over every relation, to a fixed
 * point (sound: it never excludes the true value; the relations are checked against the unsuppressed figures
 * first). A hidden count whose true value is a small group is protected when its range still holds every
 * value from 1 to minGroupSize − 1: the attacker cannot tell it from any other small count. For each one that
 * is not, the audit names a shown cell to hide beside it (the smallest positive part of a relation it is in,
 * never that relation's largest part), and `protectAggregates` runs the hiding again.
 */
import { ALL, type Aggregates, type Figure, type MetricId, type Scope } from '../schema/aggregates.ts';
import { cellId, readableId, type DisclosureReport, type HeadlineCount } from './suppression.ts';

const TRAILING_SUM = 'headlines: trailing 3 = its months';
/** The start of a feedback row's cell ids (`cellId.feedback`). */
const FEEDBACK_ROW = 'feedback\u0001';

/** What each hidden count is known to be before any relation is used. */
type Kind = 'shown' | 'small' | 'complement' | 'hidden' | 'derived';

interface Cell {
  id: string;
  kind: Kind;
  truth: number;
  lo: number;
  hi: number;
  /** The id `suppressOnce` hides it by (null: not a cell of its own, such as a derived total). */
  hideAs: string | null;
}

/** Σ signs[i] · cells[i] = 0. */
interface Linear {
  label: string;
  cells: number[];
  signs: number[];
}

/** numerator = rate × denominator, the rate known to lie in [lo, hi] (a published rate, rounded). */
interface Ratio {
  numerator: number;
  denominator: number;
  lo: number;
  hi: number;
}

export interface AuditResult {
  cells: number;
  relations: number;
  hiddenSmall: number;
  hiddenOther: number;
  /** Hidden small counts whose range is narrower than 1 … minGroupSize − 1, with the range found. */
  unprotected: { id: string; truth: number; lo: number; hi: number }[];
  /** Counts of hidden feedback rows other than their slots that the attack pins (not protected one by one). */
  rowFieldsPinned: number;
  /** Ids (`cellId`) to hide so that the next round protects them. */
  remedies: string[];
  /** Cells hidden in one output and shown in another. */
  inconsistent: string[];
  /** Relations that did not hold on the unsuppressed figures: a bug in this model. */
  broken: string[];
}

/** Half the last decimal of a published rate (four decimals). */
const RATE_ROUNDING = 0.00005;

class Model {
  readonly cells: Cell[] = [];
  readonly byId = new Map<string, number>();
  readonly linear: Linear[] = [];
  readonly ratios: Ratio[] = [];
  readonly inconsistent = new Set<string>();
  readonly broken: string[] = [];
  readonly m: number;
  constructor(m: number) {
    this.m = m;
  }

  /**
   * A published count: `shown` its published value (null when hidden), `kind` what a hidden one is known to
   * be. A second publication of the same id must agree with the first.
   */
  publish(
    id: string,
    shown: number | null,
    kind: Exclude<Kind, 'shown' | 'derived'>,
    truth: number,
    hideAs: string | null,
  ): number {
    const existing = this.byId.get(id);
    const bounds: [number, number] =
      shown !== null
        ? [shown, shown]
        : kind === 'small'
          ? [1, this.m - 1]
          : kind === 'complement'
            ? [1, Infinity]
            : [0, Infinity];
    if (existing !== undefined) {
      const cell = this.cells[existing]!;
      if (cell.truth !== truth) this.broken.push(`${readableId(id)}: published as ${truth} and as ${cell.truth}`);
      if (cell.kind !== 'derived' && (cell.kind === 'shown') !== (shown !== null))
        this.inconsistent.add(readableId(id));
      if (shown !== null) cell.kind = 'shown';
      else if (cell.kind !== 'shown' && kind !== 'hidden') cell.kind = kind;
      cell.lo = Math.max(cell.lo, bounds[0]);
      cell.hi = Math.min(cell.hi, bounds[1]);
      cell.hideAs ??= hideAs;
      return existing;
    }
    return this.add({ id, kind: shown !== null ? 'shown' : kind, truth, lo: bounds[0], hi: bounds[1], hideAs });
  }

  /** A count a published rate gives back (× its n): hidden, at least 0, unless published elsewhere. */
  mention(id: string, truth: number, hideAs: string | null): number {
    const existing = this.byId.get(id);
    if (existing !== undefined) {
      const cell = this.cells[existing]!;
      if (cell.truth !== truth) this.broken.push(`${readableId(id)}: published as ${truth} and as ${cell.truth}`);
      return existing;
    }
    // Published through the rate itself (SPEC judges a rate by its n): not a hidden count of its own.
    return this.add({ id, kind: 'derived', truth, lo: 0, hi: Infinity, hideAs });
  }

  /** A count no output publishes as such (a total, the seats without a hiring manager): at least 0. */
  derived(id: string, truth: number): number {
    const existing = this.byId.get(id);
    if (existing !== undefined) return existing;
    return this.add({ id, kind: 'derived', truth, lo: 0, hi: Infinity, hideAs: null });
  }

  private add(cell: Cell): number {
    this.cells.push(cell);
    this.byId.set(cell.id, this.cells.length - 1);
    return this.cells.length - 1;
  }

  /** total = Σ parts (ids; a part or total never published is skipped, as the relation then says nothing). */
  sum(label: string, total: string, parts: readonly string[]): void {
    const t = this.byId.get(total);
    const ps = parts.map((p) => this.byId.get(p));
    if (t === undefined || ps.some((p) => p === undefined)) return;
    this.linear.push({ label, cells: [t, ...(ps as number[])], signs: [-1, ...ps.map(() => 1)] });
  }

  /** A relation with signs given, over ids that must all exist. */
  relation(label: string, terms: readonly [string, number][]): void {
    const cells = terms.map(([id]) => this.byId.get(id));
    if (cells.some((c) => c === undefined)) return;
    this.linear.push({ label, cells: cells as number[], signs: terms.map(([, s]) => s) });
  }

  /** A shown rate (rounded to four decimals) between two counts. */
  ratio(numerator: string, denominator: string, rate: number | null): void {
    const n = this.byId.get(numerator);
    const d = this.byId.get(denominator);
    if (n === undefined || d === undefined || rate === null) return;
    this.ratios.push({ numerator: n, denominator: d, lo: Math.max(0, rate - RATE_ROUNDING), hi: rate + RATE_ROUNDING });
  }
}

type Row = Record<string, unknown> & { suppressed: boolean; complementary?: true };

const kindOf = (
  row: { suppressed: boolean; complementary?: true },
  isN: boolean,
): Exclude<Kind, 'shown' | 'derived'> => (!isN ? 'hidden' : row.complementary ? 'complement' : 'small');

const COUNT_OF: Partial<Record<MetricId, { n: string; numerator?: string }>> = {
  medianDaysToHire: { n: 'hires' },
  feedbackSlots: { n: 'slots' },
  feedbackSubmissionRate: { n: 'due', numerator: 'submitted' },
  feedbackOnTimeRate: { n: 'slaSettled', numerator: 'onTime' },
  medianHoursToFeedback: { n: 'submitted' },
  rejections: { n: 'rejections' },
  withdrawalShare: { n: 'rejections', numerator: 'byCandidate' },
  unspecifiedReasonShare: { n: 'rejections', numerator: 'unspecified' },
};
/** A headline's count of the company or a department: the tables' cell of the same figure. */
function tableIdOf(count: string, month: string, department: string): { id: string; hideAs: string } {
  const row = { month, department, stage: ALL };
  const feedback = (field: string) => ({ id: `${cellId.feedback(row)}#${field}`, hideAs: cellId.feedback(row) });
  switch (count) {
    case 'slots':
      return feedback('slots');
    case 'due':
      return feedback('due');
    case 'submitted':
      return feedback('submitted');
    case 'slaSettled':
      return feedback('slaSettled');
    case 'onTime':
      return feedback('on_time');
    case 'hires':
      return { id: cellId.hires(row), hideAs: cellId.hires(row) };
    case 'rejections':
      return { id: cellId.rejectionTotal(month, department), hideAs: cellId.rejectionTotal(month, department) };
    case 'byCandidate': {
      const id = cellId.share('byRejectedBy', { month, department, key: 'candidate' });
      return { id, hideAs: id };
    }
    default: {
      const id = cellId.share('byCategory', { month, department, key: 'unspecified' });
      return { id, hideAs: id };
    }
  }
}
/** The headline count the hiring managers' cells are hidden by (`HeadlineCount`), for each count. */
const HIDDEN_WITH: Record<string, HeadlineCount> = {
  slots: 'slots',
  due: 'slots',
  submitted: 'slots',
  slaSettled: 'slots',
  onTime: 'slots',
  hires: 'hires',
  rejections: 'rejections',
  byCandidate: 'byCandidate',
  unspecified: 'unspecified',
};

function groupRows<T>(rows: readonly T[], keyOf: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The model of everything `published` publishes; `draft` is the same artifact before suppression. */
export function buildModel(published: Aggregates, draft: Aggregates, m: number, replay = false): Model {
  const model = new Model(m);
  // Replaying (the relations of this draft are known from an earlier round): only the cells' bounds are new.
  const S = replay ? () => undefined : model.sum.bind(model);
  const groupBy = replay ? () => new Map<string, never[]>() : groupRows;
  if (replay) model.relation = () => undefined;

  // ---- rejections: reason rows (with All rollups), the three share tables, and the month totals
  const rejectionId = (r: Row) => cellId.rejection(r as never);
  published.rejections.byMonth.forEach((r, i) => {
    const t = draft.rejections.byMonth[i]!;
    model.publish(cellId.rejection(r), r.rejections, kindOf(r, true), t.rejections ?? 0, cellId.rejection(r));
  });
  const shareTables = ['byCategory', 'byRejectedBy', 'byStage'] as const;
  const totals = new Map<string, number>();
  for (const r of draft.rejections.byCategory)
    totals.set(`${r.month}|${r.department}`, (totals.get(`${r.month}|${r.department}`) ?? 0) + (r.rejections ?? 0));
  for (const [k, n] of totals) {
    const [month, department] = k.split('|') as [string, string];
    model.derived(cellId.rejectionTotal(month, department), n);
  }
  for (const t of shareTables) {
    published.rejections[t].forEach((r, i) => {
      const id = cellId.share(t, r);
      model.publish(id, r.rejections, kindOf(r, true), draft.rejections[t][i]!.rejections ?? 0, id);
      const total = cellId.rejectionTotal(r.month, r.department);
      // share = count / the month's total: a shown share ties the two (the total's n is at least 1 here).
      if (r.share !== null && r.share > 0) model.ratio(id, total, r.share);
    });
    for (const [k, rows] of groupBy(published.rejections[t], (r) => `${r.month}|${r.department}`)) {
      const [month, department] = k.split('|') as [string, string];
      S(
        `rejections.${t}: keys of a month`,
        cellId.rejectionTotal(month, department),
        rows.map((r) => cellId.share(t, r)),
      );
    }
    for (const rows of groupBy(published.rejections[t], (r) =>
      r.department === ALL ? null : `${r.month}|${r.key}`,
    ).values()) {
      const { month, key } = rows[0]!;
      S(
        `rejections.${t}: departments`,
        cellId.share(t, { month, department: ALL, key }),
        rows.map((r) => cellId.share(t, r)),
      );
    }
  }
  const months = new Map<string, Set<string>>();
  for (const r of published.rejections.byCategory)
    if (r.department !== ALL) (months.get(r.month) ?? months.set(r.month, new Set()).get(r.month)!).add(r.department);
  for (const [month, departments] of months)
    S(
      'rejections: departments of a month',
      cellId.rejectionTotal(month, ALL),
      [...departments].map((d) => cellId.rejectionTotal(month, d)),
    );
  const reasonRows = published.rejections.byMonth as unknown as Row[];
  const stageRows = reasonRows.filter((r) => r.stage !== ALL);
  for (const [field, t] of [
    ['category', 'byCategory'],
    ['rejected_by', 'byRejectedBy'],
  ] as const)
    for (const rows of groupBy(reasonRows, (r) =>
      r.stage === ALL ? `${r.month}|${r.department}|${r[field]}` : null,
    ).values()) {
      const r = rows[0]!;
      S(
        `rejections: a ${field} = its reasons`,
        cellId.share(t, { month: String(r.month), department: String(r.department), key: String(r[field]) }),
        rows.map(rejectionId),
      );
    }
  for (const rows of groupBy(stageRows, (r) => `${r.month}|${r.department}|${r.stage}`).values()) {
    const r = rows[0]!;
    S(
      'rejections: a stage = its reasons',
      cellId.share('byStage', { month: String(r.month), department: String(r.department), key: String(r.stage) }),
      rows.map(rejectionId),
    );
  }
  for (const rows of groupBy(reasonRows, (r) => (r.stage === ALL ? `${r.month}|${r.department}` : null)).values()) {
    const r = rows[0]!;
    S(
      'rejections: a month = its reasons',
      cellId.rejectionTotal(String(r.month), String(r.department)),
      rows.map(rejectionId),
    );
  }
  for (const rows of groupBy(
    stageRows,
    (r) => `${r.month}|${r.department}|${r.reason}|${r.category}|${r.rejected_by}`,
  ).values())
    S('rejections: stage All', rejectionId({ ...rows[0]!, stage: ALL }), rows.map(rejectionId));
  for (const rows of groupBy(reasonRows, (r) =>
    r.department === ALL ? null : `${r.month}|${r.stage}|${r.reason}|${r.category}|${r.rejected_by}`,
  ).values())
    S('rejections: department All', rejectionId({ ...rows[0]!, department: ALL }), rows.map(rejectionId));

  // ---- feedback rows: every count, and the pending slots (due − submitted)
  const feedbackFields = [
    'slots',
    'due',
    'submitted',
    'on_time',
    'strong_yes',
    'yes',
    'no',
    'strong_no',
    'no_decision',
  ] as const;
  published.feedback.byMonth.forEach((r, i) => {
    const t = draft.feedback.byMonth[i]!;
    const row = cellId.feedback(r);
    for (const field of feedbackFields)
      model.publish(`${row}#${field}`, r[field], kindOf(r, field === 'slots'), t[field] ?? 0, row);
    const pending = r.due === null || r.submitted === null ? null : r.due - r.submitted;
    model.publish(`${row}#pending`, pending, 'hidden', (t.due ?? 0) - (t.submitted ?? 0), row);
    model.relation('feedback: due = submitted + pending', [
      [`${row}#due`, -1],
      [`${row}#submitted`, 1],
      [`${row}#pending`, 1],
    ]);
    model.ratio(`${row}#submitted`, `${row}#due`, r.submission_rate);
  });
  const feedbackRows = published.feedback.byMonth;
  for (const field of [...feedbackFields, 'pending']) {
    const id = (r: { month: string; department: string; stage: string }) => `${cellId.feedback(r)}#${field}`;
    for (const rows of groupBy(feedbackRows, (r) => (r.stage === ALL ? null : `${r.month}|${r.department}`)).values())
      S(`feedback.${field}: stages`, id({ ...rows[0]!, stage: ALL }), rows.map(id));
    for (const rows of groupBy(feedbackRows, (r) => (r.department === ALL ? null : `${r.month}|${r.stage}`)).values())
      S(`feedback.${field}: departments`, id({ ...rows[0]!, department: ALL }), rows.map(id));
  }

  // ---- outstanding feedback: All = Σ departments per bucket; a department's buckets = its pending slots
  published.feedback.outstanding.forEach((r, i) => {
    const id = cellId.outstanding(r);
    model.publish(id, r.slots, kindOf(r, true), draft.feedback.outstanding[i]!.slots ?? 0, id);
  });
  for (const rows of groupBy(published.feedback.outstanding, (r) => (r.department === ALL ? null : r.bucket)).values())
    S('outstanding: departments', cellId.outstanding({ ...rows[0]!, department: ALL }), rows.map(cellId.outstanding));
  const bucketsOf = groupBy(published.feedback.outstanding, (r) => r.department);
  for (const [department, rows] of groupBy(feedbackRows, (r) => (r.stage === ALL ? r.department : null))) {
    const outstandingRows = bucketsOf.get(department) ?? [];
    model.relation('outstanding = pending slots of every month', [
      ...outstandingRows.map((r): [string, number] => [cellId.outstanding(r), 1]),
      ...rows.map((r): [string, number] => [`${cellId.feedback(r)}#pending`, -1]),
    ]);
  }

  // ---- hires and the funnel: All = Σ departments
  published.timeToFill.timeToHireByMonth.forEach((r, i) => {
    const id = cellId.hires(r);
    model.publish(id, r.hires, kindOf(r, true), draft.timeToFill.timeToHireByMonth[i]!.hires ?? 0, id);
  });
  for (const rows of groupBy(published.timeToFill.timeToHireByMonth, (r) =>
    r.department === ALL ? null : r.month,
  ).values())
    S('hires: departments', cellId.hires({ ...rows[0]!, department: ALL }), rows.map(cellId.hires));
  const funnel = published.funnel ?? [];
  funnel.forEach((r, i) => {
    const id = cellId.funnel(r);
    model.publish(id, r.reached, kindOf(r, true), draft.funnel![i]!.reached ?? 0, id);
  });
  for (const rows of groupBy(funnel, (r) => (r.department === ALL ? null : `${r.cohort}|${r.stage}`)).values())
    S('funnel: departments', cellId.funnel({ ...rows[0]!, department: ALL }), rows.map(cellId.funnel));
  const stageAt = new Map(funnel.map((r) => [`${r.cohort}|${r.department}|${r.stage_index}`, r]));
  for (const r of funnel) {
    const next = stageAt.get(`${r.cohort}|${r.department}|${r.stage_index + 1}`);
    if (next && r.pass_through !== null) model.ratio(cellId.funnel(next), cellId.funnel(r), r.pass_through);
  }

  // ---- headlines: the month's counts, the previous month's (the same cells), the trailing 3 months'
  const monthList = published.months;
  const scopeIds = (scope: Scope, count: string, month: string): { id: string; hideAs: string | null } =>
    scope.kind === 'hiringManager'
      ? {
          id: `${cellId.headline(scope, month, HIDDEN_WITH[count]!)}#${count}`,
          hideAs: cellId.headline(scope, month, HIDDEN_WITH[count]!),
        }
      : tableIdOf(count, month, scope.kind === 'all' ? ALL : scope.department);
  const trailingIds = new Set<string>();
  published.headlines.forEach((s, si) => {
    const counts = COUNT_OF[s.metric];
    if (!counts) return;
    const truthSeries = draft.headlines[si]!;
    const publishFigure = (
      f: Figure,
      truth: Figure,
      id: { id: string; hideAs: string | null },
      numerator: { id: string; hideAs: string | null } | null,
      truthNumerator: number,
    ) => {
      if (truth.n === null) return;
      // A hidden figure says its n is hidden only where the n is its own count (the count metrics, days to
      // hire); a share, a rate or the median hours may be hidden for a count beside it, and their n is the
      // count metric's, published (or hidden) there.
      const ownCount = s.metric === 'feedbackSlots' || s.metric === 'rejections' || s.metric === 'medianDaysToHire';
      if (!f.suppressed) model.publish(id.id, f.n, 'hidden', truth.n, id.hideAs);
      else if (ownCount) model.publish(id.id, null, f.complementary ? 'complement' : 'small', truth.n, id.hideAs);
      else model.mention(id.id, truth.n, id.hideAs);
      if (numerator) {
        model.mention(numerator.id, truthNumerator, numerator.hideAs);
        if (!f.suppressed && f.value !== null) model.ratio(numerator.id, id.id, f.value);
      }
    };
    s.months.forEach((c, i) => {
      const t = truthSeries.months[i]!;
      const nId = scopeIds(s.scope, counts.n, c.month);
      const numId = counts.numerator ? scopeIds(s.scope, counts.numerator, c.month) : null;
      const truthNum = t.current.value !== null && t.current.n ? Math.round(t.current.value * t.current.n) : 0;
      publishFigure(c.current, t.current, nId, numId, truthNum);
      if (i > 0 && t.previous.n !== null) {
        const previousMonth = monthList[i - 1]!;
        const prevTruth = truthSeries.months[i - 1]!.current;
        publishFigure(
          c.previous,
          t.previous,
          scopeIds(s.scope, counts.n, previousMonth),
          counts.numerator ? scopeIds(s.scope, counts.numerator, previousMonth) : null,
          prevTruth.value !== null && prevTruth.n ? Math.round(prevTruth.value * prevTruth.n) : 0,
        );
      }
      if (i >= 3 && t.trailing3.n !== null && t.trailing3.n > 0) {
        const id = `${cellId.trailing3(s.scope, c.month, s.metric)}#${counts.n}`;
        const window = [i - 3, i - 2, i - 1].map((j) => scopeIds(s.scope, counts.n, monthList[j]!).id);
        model.publish(
          id,
          c.trailing3.suppressed ? null : c.trailing3.n,
          'hidden',
          t.trailing3.n,
          cellId.trailing3(s.scope, c.month, s.metric),
        );
        if (!trailingIds.has(id)) {
          trailingIds.add(id);
          // Months of the window with no figure at all (n 0) are published as 0 by the others' n.
          for (const [j, w] of window.entries())
            if (!model.byId.has(w)) model.publish(w, 0, 'hidden', truthSeries.months[i - 3 + j]!.current.n ?? 0, null);
          S(TRAILING_SUM, id, window);
          // Two windows a month apart differ by their ends (the difference of the two sums above, written
          // out: interval propagation does not subtract relations by itself).
          const before = `${cellId.trailing3(s.scope, monthList[i - 1]!, s.metric)}#${counts.n}`;
          if (i >= 4 && trailingIds.has(before))
            model.relation('headlines: consecutive trailing 3', [
              [id, 1],
              [before, -1],
              [window[2]!, -1],
              [scopeIds(s.scope, counts.n, monthList[i - 4]!).id, 1],
            ]);
        }
      }
    });
  });
  // A row's on-time rate is its on-time slots over its settled ones (published as the headline's n).
  for (const r of feedbackRows)
    model.ratio(`${cellId.feedback(r)}#on_time`, `${cellId.feedback(r)}#slaSettled`, r.on_time_rate);
  // The company = Σ hiring managers + the seats without one (at least 0; exactly 0 when the data has none).
  const managers = published.headlines.filter((s) => s.scope.kind === 'hiringManager' && COUNT_OF[s.metric]);
  const unassigned: number[] = [];
  for (const count of Object.keys(HIDDEN_WITH)) {
    for (const month of monthList) {
      const total = tableIdOf(count, month, ALL).id;
      const totalCell = model.byId.get(total);
      if (totalCell === undefined) continue;
      const parts = [...new Set(managers.map((s) => scopeIds(s.scope, count, month).id))].filter((id) =>
        model.byId.has(id),
      );
      if (parts.length === 0) continue;
      const rest =
        model.cells[totalCell]!.truth - parts.reduce((sum, id) => sum + model.cells[model.byId.get(id)!]!.truth, 0);
      const none = `without a hiring manager\u0001${count}\u0001${month}`;
      unassigned.push(model.derived(none, rest));
      S('headlines: company = its hiring managers', total, [...parts, none]);
    }
  }
  // An attacker who assumes every seat has a hiring manager is right when it is so: model it exactly then.
  if (unassigned.every((c) => model.cells[c]!.truth === 0)) for (const c of unassigned) model.cells[c]!.hi = 0;

  // ---- partnerships: their figures' n are published (a hidden small one is a hidden count); the reasons'
  // n counts only the stages a hiring manager owns, so it is tied to no other output.
  published.partnerships.forEach((p, i) => {
    const f = p.unspecifiedReasonShare;
    const t = draft.partnerships[i]!.unspecifiedReasonShare;
    if (t.n === null || t.n === 0) return;
    const id = cellId.partnership(p.hiringManager, 'unspecifiedReasonShare');
    model.publish(
      `${id}#rejections`,
      f.suppressed ? null : f.n,
      f.suppressed && !f.complementary ? 'small' : 'hidden',
      t.n,
      id,
    );
  });
  return model;
}

/** Interval propagation over every relation, to a fixed point (a work list of relations whose cells moved). */
function propagate(model: Model): void {
  const { cells, linear, ratios } = model;
  const linearOf: number[][] = cells.map(() => []);
  linear.forEach((r, i) => r.cells.forEach((c) => linearOf[c]!.push(i)));
  const ratiosOf: number[][] = cells.map(() => []);
  ratios.forEach((r, i) => {
    ratiosOf[r.numerator]!.push(i);
    ratiosOf[r.denominator]!.push(i);
  });
  const queue: (readonly [kind: 0 | 1, index: number])[] = [
    ...linear.map((_, i) => [0, i] as const),
    ...ratios.map((_, i) => [1, i] as const),
  ];
  const queued = [linear.map(() => true), ratios.map(() => true)];
  const narrow = (c: number, lo: number, hi: number) => {
    const cell = cells[c]!;
    const newLo = Math.max(cell.lo, Math.ceil(lo - 1e-9));
    const newHi = Math.min(cell.hi, Math.floor(hi + 1e-9));
    if (newLo === cell.lo && newHi === cell.hi) return;
    cell.lo = newLo;
    cell.hi = newHi;
    for (const r of linearOf[c]!) if (!queued[0]![r]) ((queued[0]![r] = true), queue.push([0, r]));
    for (const r of ratiosOf[c]!) if (!queued[1]![r]) ((queued[1]![r] = true), queue.push([1, r]));
  };
  // A cap far above what real data needs: bounds only ever narrow, but unbounded cells could creep.
  const limit = 200 * (linear.length + ratios.length) + 1000;
  for (let head = 0; head < queue.length && head < limit; head++) {
    const [kind, index] = queue[head]!;
    queued[kind]![index] = false;
    if (kind === 1) {
      const r = ratios[index]!;
      const num = cells[r.numerator]!;
      const den = cells[r.denominator]!;
      narrow(r.numerator, den.lo * r.lo, den.hi * r.hi);
      if (r.hi > 0) narrow(r.denominator, num.lo / r.hi, r.lo > 0 ? num.hi / r.lo : Infinity);
      continue;
    }
    // Σ s·x = 0: each term lies in −(Σ of the others' ranges).
    const r = linear[index]!;
    let lo = 0;
    let hi = 0;
    let loInf = 0;
    let hiInf = 0;
    const ranges = r.cells.map((c, k) => {
      const cell = cells[c]!;
      const s = r.signs[k]!;
      const a = s > 0 ? cell.lo : -cell.hi;
      const b = s > 0 ? cell.hi : -cell.lo;
      if (a === -Infinity) loInf++;
      else lo += a;
      if (b === Infinity) hiInf++;
      else hi += b;
      return [a, b] as const;
    });
    r.cells.forEach((c, k) => {
      const [a, b] = ranges[k]!;
      // The others' sum lies in [othersLo, othersHi]; this term = −(others).
      const othersLo = loInf - (a === -Infinity ? 1 : 0) > 0 ? -Infinity : lo - (a === -Infinity ? 0 : a);
      const othersHi = hiInf - (b === Infinity ? 1 : 0) > 0 ? Infinity : hi - (b === Infinity ? 0 : b);
      const s = r.signs[k]!;
      // s·x ∈ [−othersHi, −othersLo]
      if (s > 0) narrow(c, -othersHi, -othersLo);
      else narrow(c, othersLo, othersHi);
    });
  }
}

/**
 * The relations of a draft, once checked: the same in every round of `protectAggregates` (the cells are made
 * in the same order from the same rows), so later rounds only bound the cells anew.
 */
const checkedRelations = new WeakMap<Aggregates, { linear: Linear[]; broken: string[] }>();

/** Audits `published` (suppressed) against `draft` (the same artifact before suppression). */
export function auditDisclosure(published: Aggregates, draft: Aggregates, m: number): AuditResult {
  const known = checkedRelations.get(draft);
  const model = buildModel(published, draft, m, known !== undefined);
  const { cells } = model;
  const broken = [...model.broken];
  if (known) {
    model.linear.push(...known.linear);
    broken.push(...known.broken);
  } else {
    const kept: Linear[] = [];
    const wrong: string[] = [];
    for (const r of model.linear) {
      const total = r.cells.reduce((sum, c, k) => sum + r.signs[k]! * cells[c]!.truth, 0);
      if (total === 0) kept.push(r);
      else wrong.push(`${r.label}: ${r.cells.map((c) => readableId(cells[c]!.id)).join(' ; ')} is off by ${total}`);
    }
    model.linear.length = 0;
    model.linear.push(...kept);
    broken.push(...wrong);
    checkedRelations.set(draft, { linear: kept, broken: wrong });
  }
  for (const c of cells)
    if (c.truth < c.lo || c.truth > c.hi) broken.push(`${readableId(c.id)}: ${c.truth} outside its published bounds`);
  propagate(model);

  // A trailing-3 count whose months are all published (shown, or given by a shown rate) is theirs summed:
  // hidden or not, it hides nothing.
  for (const r of model.linear) {
    if (r.label !== TRAILING_SUM) continue;
    const [total, ...months] = r.cells;
    if (months.every((c) => cells[c]!.kind === 'shown' || cells[c]!.kind === 'derived'))
      cells[total!]!.kind = 'derived';
  }
  const isSmall = (c: Cell) => c.kind !== 'shown' && c.kind !== 'derived' && c.truth >= 1 && c.truth <= m - 1;
  // A hidden feedback row is protected by its slots; its other counts (due, submitted, pending, the
  // recommendations) are not judged one by one, in a hidden row as in a shown one (see SECURITY.md).
  const rowField = (c: Cell) => c.id.startsWith(FEEDBACK_ROW) && !c.id.endsWith('#slots');
  const unprotected = cells.filter((c) => isSmall(c) && c.lo === c.hi && !rowField(c));
  const rowFieldsPinned = cells.filter((c) => isSmall(c) && c.lo === c.hi && rowField(c)).length;
  const remedies = new Set<string>();
  const relationsOf: number[][] = cells.map(() => []);
  model.linear.forEach((r, i) => r.cells.forEach((c) => relationsOf[c]!.push(i)));
  const offers = new Map<number, Offer>();
  for (const cell of unprotected) {
    for (const remedy of remediesFor(model, relationsOf, model.byId.get(cell.id)!, offers)) remedies.add(remedy);
  }
  return {
    cells: cells.length,
    relations: model.linear.length + model.ratios.length,
    hiddenSmall: cells.filter((c) => c.kind === 'small').length,
    hiddenOther: cells.filter((c) => c.kind === 'complement').length,
    unprotected: unprotected.map((c) => ({ id: readableId(c.id), truth: c.truth, lo: c.lo, hi: c.hi })),
    rowFieldsPinned,
    remedies: [...remedies],
    inconsistent: [...model.inconsistent],
    broken,
  };
}

/**
 * The cells to hide for a narrowed one: in each relation around it (its own first, then those of the hidden
 * cells beside it), the shown cell of smallest positive value that can be hidden, never the relation's
 * largest part; and a small count pinned between its parts' lower bounds and its own "fewer than" is
 * published as hidden only. One cell per relation at once, so that few rounds are needed.
 */
/**
 * Kinds of `cellId` that repeat a table's figures over other groupings (outstanding feedback is the pending
 * slots of every month, by age): hidden before a part of the table they repeat. Literal: imports cycle.
 */
const OVERLAPPING = ['partnership', 'trailing 3', 'outstanding'];
const isBarPart = (cell: Cell) =>
  !OVERLAPPING.includes(cell.id.split('\u0001')[0]!) && !cell.id.includes('\u0001hiringManager:');

/** Cells a headline repeats (see `tableIdOf`): a month's total, a department's feedback row, hires. */
const isHeadlineFigure = (cell: Cell) => {
  const [kind, , , stageOrKey] = cell.id.split('#')[0]!.split('\u0001');
  if (kind === 'rejection total' || kind === 'hires') return true;
  if (kind === 'feedback') return stageOrKey === ALL;
  if (kind === 'byRejectedBy') return stageOrKey === 'candidate';
  if (kind === 'byCategory') return stageOrKey === 'unspecified';
  return false;
};

/** What a relation offers to hide: the same for every cell around it within one audit, so found once. */
interface Offer {
  best: Cell | null;
  costly: Cell | null;
  /** Its cells not shown: the way on to the relations of the hidden cells beside it. */
  hidden: number[];
}

function offerOf(model: Model, rel: Linear): Offer {
  const { cells } = model;
  // The largest part of a bar: among the parts (not the total), of a table (a hiring manager's or a
  // window's figure beside the company's is an overlapping figure, the first to go).
  let largest = -1;
  rel.cells.forEach((p, k) => {
    if (rel.signs[k]! > 0 && isBarPart(cells[p]!) && (largest < 0 || cells[p]!.truth > cells[largest]!.truth))
      largest = p;
  });
  let best: Cell | null = null;
  let costly: Cell | null = null;
  const hidden: number[] = [];
  for (const p of rel.cells) {
    const cell = cells[p]!;
    if (cell.kind !== 'shown') hidden.push(p);
    else if (cell.truth > 0 && cell.hideAs !== null && p !== largest) {
      if (isHeadlineFigure(cell)) {
        if (costly === null || cell.truth < costly.truth) costly = cell;
      } else if (best === null || cell.truth < best.truth) best = cell;
    }
  }
  return { best, costly, hidden };
}

function remediesFor(
  model: Model,
  relationsOf: readonly number[][],
  start: number,
  offers: Map<number, Offer> = new Map(),
): string[] {
  const { cells, linear } = model;
  // Relations with thousands of parts (every reason of a month) are met by many pinned cells: each is read once.
  const offer = (r: number): Offer => {
    let known = offers.get(r);
    if (!known) offers.set(r, (known = offerOf(model, linear[r]!)));
    return known;
  };
  let frontier = [start];
  const seen = new Set(frontier);
  // A small count pinned between its parts' lower bounds and its own "fewer than" is published as hidden only.
  const relabel = cells[start]!.kind === 'small' ? [cells[start]!.hideAs!] : [];
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const found: string[] = [];
    let costly: Cell | null = null;
    for (const c of frontier) {
      for (const r of relationsOf[c]!) {
        const o = offer(r);
        if (o.best) found.push(o.best.hideAs!);
        if (o.costly && (costly === null || o.costly.truth < costly.truth)) costly = o.costly;
      }
    }
    if (found.length > 0) return [...found, ...relabel];
    // A figure the pages lead with (a month's total, a department's feedback, a share a headline repeats):
    // one, only where nothing else around will do, and only a small one (under twice minGroupSize): the
    // months of departments of normal size keep their headlines, and what stays pinned is reported.
    if (costly && costly.truth < 2 * model.m) return [costly.hideAs!, ...relabel];
    const next: number[] = [];
    for (const c of frontier) {
      for (const r of relationsOf[c]!) {
        for (const p of offer(r).hidden) {
          if (seen.has(p)) continue;
          seen.add(p);
          next.push(p);
        }
      }
    }
    frontier = next;
  }
  return relabel;
}

/** The build's line about the audit (`npm run build`, `npm run data`); null when suppression is off. */
export function disclosureSummary(report: DisclosureReport | undefined): string | null {
  if (!report) return null;
  const count = (n: number) => n.toLocaleString('en-US');
  const verdict =
    report.unprotected === 0
      ? 'no hidden count can be worked out from what is published'
      : `${count(report.unprotected)} hidden counts can still be worked out (see SECURITY.md, "Disclosure control")`;
  return (
    `Disclosure audit: ${count(report.cellsChecked)} published counts and ${count(report.relations)} relations ` +
    `between them checked; ${count(report.hiddenSmall + report.hiddenComplements)} hidden ` +
    `(${count(report.addedByAudit)} added by the audit in ${report.rounds} rounds); ${verdict}.`
  );
}
