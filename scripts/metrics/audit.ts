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
 * - sources, offers and recommendations: a month's sources add up to the company's hires (published, never
 *   hidden: hire counts are public), offers made to their outcomes, declines to their reasons and quarters,
 *   the offers accepted to the quarters' hires and scorecards to their mix and to the manager's own feedback
 *   submitted, each where it holds;
 * - bounds: a count hidden as a small group is 1 to minGroupSize − 1; one hidden beside it (a complement) at
 *   least 1; any other hidden or never published count at least 0.
 *
 * Each hidden count's feasible range is then narrowed by interval propagation over every relation, to a fixed
 * point, and by exact elimination (`exact`): the relations solved together over the hidden cells, component by
 * component, in reduced row-echelon form over the integers, whose equations narrow the ranges again with the
 * bounds — what an attacker who combines relations finds (x + y, x + z and y + z all shown give x). Both are
 * sound: they never exclude the true value; the relations are checked against the unsuppressed figures first. A hidden count whose true value is a small group is protected when its range still holds every
 * value from 1 to minGroupSize − 1: the attacker cannot tell it from any other small count. For each one that
 * is not, the audit names a shown cell to hide beside it (the smallest positive part of a relation it is in,
 * never that relation's largest part; a figure the pages lead with only where nothing else around will do),
 * asks for a small count beside it to be published as hidden only (not "fewer than"), and
 * `protectAggregates` runs the hiding again.
 *
 * The cells and relations depend on the draft only (suppression hides values, never rows), so they are laid
 * out once per draft with integer cell ids (`Layout`); each round of `protectAggregates` then only reads what
 * the published artifact shows, in the same order, into typed arrays of bounds, and propagates.
 */
import { formatCount } from '../format.ts';
import { quarterOf } from '../time.ts';
import { ALL, type Aggregates, type Figure, type MetricId, type Scope } from '../schema/aggregates.ts';
import {
  acceptedAreHires,
  cellId,
  MIX_FIELDS,
  OFFER_FIELDS,
  offerWindow,
  readableId,
  SOURCE_FIELDS,
  type DisclosureReport,
  type HeadlineCount,
} from './suppression.ts';

const TRAILING_SUM = 'headlines: trailing 3 = its months';
/** The start of a feedback row's cell ids (`cellId.feedback`). */
const FEEDBACK_ROW = 'feedback\u0001';

/** What each hidden count is known to be before any relation is used (`UNSET`: not yet read this round). */
const SHOWN = 0;
const SMALL = 1;
const COMPLEMENT = 2;
const HIDDEN = 3;
const DERIVED = 4;
/** Marked "fewer than minGroupSize" but possibly 0: a figure hidden with the small count it rests on. */
const FEW = 5;
const UNSET = 255;
type PublishedKind = typeof SMALL | typeof COMPLEMENT | typeof HIDDEN | typeof FEW;
/** Small, or shown as "fewer than" (the kinds whose mark a remedy may turn into "hidden"). */
const marksFew = (k: number) => k === SMALL || k === FEW;

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
  /**
   * Components exact elimination could not solve (coefficients beyond exact doubles; none on real data):
   * their hidden small counts are listed as unprotected.
   */
  unsolved: number;
}

/** Half the last decimal of a published rate (four decimals). */
const RATE_ROUNDING = 0.00005;

/**
 * How a round reads one publication from the published artifact (`readRound`), in the order the layout met
 * them: a cell's kind depends on the order of its publications (shown anywhere wins; a hidden one after a
 * shown one is inconsistent).
 */
const OP = {
  rejection: 0,
  share: 1,
  feedback: 2,
  pending: 3,
  submissionRate: 4,
  onTimeRate: 5,
  outstanding: 6,
  hires: 7,
  funnel: 8,
  passThrough: 9,
  headlineN: 10,
  headlineNumerator: 11,
  trailing: 12,
  zero: 13,
  derived: 14,
  partnership: 15,
  partnershipRatio: 17,
  partnershipCompany: 18,
  partnershipCompanyRatio: 19,
  shareRatio: 16,
  source: 20,
  offer: 21,
  declined: 22,
  decline: 23,
  mix: 24,
  person: 25,
  ownFeedback: 26,
  ownFeedbackRatio: 27,
  owed: 28,
  screened: 29,
  screenedRatio: 30,
} as const;
/** Fields of an op in `Layout.ops`: its code, two cells, a row, and one more number (see `readRound`). */
const OP_SIZE = 6;

const SHARE_TABLES = ['byCategory', 'byRejectedBy', 'byStage'] as const;
/** The partnership figures about candidates, each with its n (and, for the rates, a count as rate × n). */
const PARTNERSHIP_FIGURES = [
  'feedbackOnTimeRate',
  'medianHoursToFeedback',
  'hiringManagerScreenPassThrough',
  'recruiterScreenToHiringManagerScreen',
  'unspecifiedReasonShare',
] as const;
const FEEDBACK_FIELDS = [
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

/** Everything about the cells and relations that does not change between rounds: laid out once per draft. */
interface Layout {
  ids: string[];
  truth: Float64Array;
  /** Index into `hideAsNames` of the id `suppressOnce` hides a cell by, as its first publication gives it (−1: none). */
  hideAs: Int32Array;
  hideAsNames: string[];
  /** 1: a counted part of a bar (not an overlapping figure); 2: a figure a headline repeats; 4: a feedback row's count other than its slots. */
  flags: Uint8Array;
  /** Relations Σ signs · cells = 0 that hold on the draft, as compressed rows. */
  relStart: Int32Array;
  relCells: Int32Array;
  relSigns: Int8Array;
  /** The relations (indices) that are a trailing-3 count = its three months. */
  trailingSums: Int32Array;
  /** Per cell, the relations it is in (compressed rows). */
  cellRelStart: Int32Array;
  cellRels: Int32Array;
  ops: Int32Array;
  /** Cells known to be 0 (the seats without a hiring manager, when the data has none). */
  zero: Int32Array;
  broken: string[];
  /**
   * Each component's reduced equations as the last audit of this draft solved them, by the equations they
   * came from: a round re-solves only the components its hiding changed.
   */
  solved: Map<string, Equation[]>;
}

/** `OP.passThrough`'s aux where its numerator is the count that went further, not the next stage's. */
const PASSED_OWN = 1;

const BAR_PART = 1;
const HEADLINE_FIGURE = 2;
const ROW_FIELD = 4;

type Row = Record<string, unknown> & { suppressed: boolean; complementary?: true };

const kindOf = (row: { suppressed: boolean; complementary?: true }, isN: boolean): PublishedKind =>
  !isN ? HIDDEN : row.complementary ? COMPLEMENT : SMALL;

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
function tableIdOf(count: string, month: string, department: string): { id: string; hideAs: string | null } {
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
      // Published however small, never hidden: no remedy may pick it.
      return { id: cellId.hires(row), hideAs: null };
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

/** Builds a `Layout`: cells by string id (once), relations, and the ops a round reads. */
class LayoutBuilder {
  readonly ids: string[] = [];
  readonly truth: number[] = [];
  readonly hideAs: number[] = [];
  readonly hideAsNames: string[] = [];
  private readonly hideAsIndex = new Map<string, number>();
  readonly byId = new Map<string, number>();
  readonly relations: { label: string; cells: number[]; signs: number[] }[] = [];
  readonly ops: number[] = [];
  readonly zero: number[] = [];
  readonly broken: string[] = [];

  name(hideAs: string | null): number {
    if (hideAs === null) return -1;
    let i = this.hideAsIndex.get(hideAs);
    if (i === undefined) {
      i = this.hideAsNames.push(hideAs) - 1;
      this.hideAsIndex.set(hideAs, i);
    }
    return i;
  }

  private add(id: string, truth: number, hideAs: string | null): number {
    const c = this.ids.push(id) - 1;
    this.truth.push(truth);
    this.hideAs.push(this.name(hideAs));
    this.byId.set(id, c);
    return c;
  }

  private check(c: number, truth: number): void {
    if (this.truth[c] !== truth)
      this.broken.push(`${readableId(this.ids[c]!)}: published as ${truth} and as ${this.truth[c]}`);
  }

  /** A published count (shown or hidden): a second publication of the same id must agree with the first. */
  publish(id: string, truth: number, hideAs: string | null): number {
    const existing = this.byId.get(id);
    if (existing === undefined) return this.add(id, truth, hideAs);
    this.check(existing, truth);
    if (this.hideAs[existing] === -1) this.hideAs[existing] = this.name(hideAs);
    return existing;
  }

  /** A count a published rate gives back (× its n), or that a hidden figure stands for. */
  mention(id: string, truth: number, hideAs: string | null): number {
    const existing = this.byId.get(id);
    if (existing === undefined) return this.add(id, truth, hideAs);
    this.check(existing, truth);
    return existing;
  }

  /** A count no output publishes as such (a total, the seats without a hiring manager): at least 0. */
  derived(id: string, truth: number): number {
    return this.byId.get(id) ?? this.add(id, truth, null);
  }

  /** `hideAs`: only where a round may publish a cell first met as a mention (`OP.headlineN`). */
  op(code: number, a: number, b = -1, row = -1, aux = -1, hideAs: string | null = null): void {
    this.ops.push(code, a, b, row, aux, this.name(hideAs));
  }

  /** total = Σ parts (ids; a part or total never published is skipped, as the relation then says nothing). */
  sum(label: string, total: string, parts: readonly string[]): void {
    const t = this.byId.get(total);
    const ps = parts.map((p) => this.byId.get(p));
    if (t === undefined || ps.some((p) => p === undefined)) return;
    this.relations.push({ label, cells: [t, ...(ps as number[])], signs: [-1, ...ps.map(() => 1)] });
  }

  /** A relation with signs given, over ids that must all exist. */
  relation(label: string, terms: readonly [string, number][]): void {
    const cells = terms.map(([id]) => this.byId.get(id));
    if (cells.some((c) => c === undefined)) return;
    this.relations.push({ label, cells: cells as number[], signs: terms.map(([, s]) => s) });
  }

  /**
   * Σ parts = Σ wholes give or take `rest`, a count no output publishes: at least 0, on whichever side the data
   * puts it, and exactly 0 when it is and `exact` (an attacker who assumes the two sums equal is then right).
   * Skipped when a part or whole is never published.
   */
  nearly(label: string, parts: readonly string[], wholes: readonly string[], rest: string, exact = true): void {
    const ps = parts.map((x) => this.byId.get(x));
    const ws = wholes.map((x) => this.byId.get(x));
    if ([...ps, ...ws].some((c) => c === undefined)) return;
    let gap = 0;
    for (const c of ws) gap += this.truth[c!]!;
    for (const c of ps) gap -= this.truth[c!]!;
    const r = this.derived(rest, Math.abs(gap));
    this.op(OP.derived, r);
    if (exact && gap === 0) this.zero.push(r);
    this.relation(label, [
      ...parts.map((x): [string, number] => [x, 1]),
      [rest, gap >= 0 ? 1 : -1],
      ...wholes.map((x): [string, number] => [x, -1]),
    ]);
  }

  /** A rate between two counts, read each round (skipped when either count is never published). */
  ratio(code: number, numerator: string, denominator: string, row = -1, aux = -1): void {
    const n = this.byId.get(numerator);
    const d = this.byId.get(denominator);
    if (n !== undefined && d !== undefined) this.op(code, n, d, row, aux);
  }

  /** The layout: relations that do not hold on the draft are dropped (and reported as broken). */
  done(): Layout {
    const { ids, truth } = this;
    const kept: { label: string; cells: number[]; signs: number[] }[] = [];
    const wrong: string[] = [];
    for (const r of this.relations) {
      const total = r.cells.reduce((sum, c, k) => sum + r.signs[k]! * truth[c]!, 0);
      if (total === 0) kept.push(r);
      else wrong.push(`${r.label}: ${r.cells.map((c) => readableId(ids[c]!)).join(' ; ')} is off by ${total}`);
    }
    const relStart = new Int32Array(kept.length + 1);
    kept.forEach((r, i) => (relStart[i + 1] = relStart[i]! + r.cells.length));
    const relCells = new Int32Array(relStart[kept.length]!);
    const relSigns = new Int8Array(relCells.length);
    const cellRelStart = new Int32Array(ids.length + 1);
    kept.forEach((r, i) => {
      relCells.set(r.cells, relStart[i]!);
      relSigns.set(r.signs, relStart[i]!);
      for (const c of r.cells) cellRelStart[c + 1]!++;
    });
    for (let c = 0; c < ids.length; c++) cellRelStart[c + 1]! += cellRelStart[c]!;
    const cellRels = new Int32Array(cellRelStart[ids.length]!);
    const fill = cellRelStart.slice(0, ids.length);
    kept.forEach((r, i) => {
      for (const c of r.cells) cellRels[fill[c]!++] = i;
    });
    const flags = new Uint8Array(ids.length);
    ids.forEach((id, c) => {
      flags[c] =
        (isBarPart(id) ? BAR_PART : 0) |
        (isHeadlineFigure(id) ? HEADLINE_FIGURE : 0) |
        (id.startsWith(FEEDBACK_ROW) && !id.endsWith('#slots') ? ROW_FIELD : 0);
    });
    return {
      ids,
      truth: Float64Array.from(truth),
      hideAs: Int32Array.from(this.hideAs),
      hideAsNames: this.hideAsNames,
      flags,
      relStart,
      relCells,
      relSigns,
      trailingSums: Int32Array.from(kept.flatMap((r, i) => (r.label === TRAILING_SUM ? [i] : []))),
      cellRelStart,
      cellRels,
      ops: Int32Array.from(this.ops),
      zero: Int32Array.from(this.zero),
      broken: [...this.broken, ...wrong],
      solved: new Map(),
    };
  }
}

/** The cells and relations of everything published from `draft` (the artifact before suppression). */
function layOut(draft: Aggregates): Layout {
  const L = new LayoutBuilder();
  const S = L.sum.bind(L);
  const groupBy = groupRows;

  // ---- rejections: reason rows (with All rollups), the three share tables, and the month totals
  const rejectionId = (r: Row) => cellId.rejection(r as never);
  draft.rejections.byMonth.forEach((r, i) => {
    const id = cellId.rejection(r);
    L.op(OP.rejection, L.publish(id, r.rejections ?? 0, id), -1, i);
  });
  const totals = new Map<string, number>();
  for (const r of draft.rejections.byCategory)
    totals.set(`${r.month}|${r.department}`, (totals.get(`${r.month}|${r.department}`) ?? 0) + (r.rejections ?? 0));
  for (const [k, n] of totals) {
    const [month, department] = k.split('|') as [string, string];
    L.op(OP.derived, L.derived(cellId.rejectionTotal(month, department), n));
  }
  SHARE_TABLES.forEach((t, ti) => {
    draft.rejections[t].forEach((r, i) => {
      const id = cellId.share(t, r);
      L.op(OP.share, L.publish(id, r.rejections ?? 0, id), -1, i, ti);
      // share = count / the month's total: a shown share ties the two (the total's n is at least 1 here).
      L.ratio(OP.shareRatio, id, cellId.rejectionTotal(r.month, r.department), i, ti);
    });
    for (const [k, rows] of groupBy(draft.rejections[t], (r) => `${r.month}|${r.department}`)) {
      const [month, department] = k.split('|') as [string, string];
      S(
        `rejections.${t}: keys of a month`,
        cellId.rejectionTotal(month, department),
        rows.map((r) => cellId.share(t, r)),
      );
    }
    for (const rows of groupBy(draft.rejections[t], (r) =>
      r.department === ALL ? null : `${r.month}|${r.key}`,
    ).values()) {
      const { month, key } = rows[0]!;
      S(
        `rejections.${t}: departments`,
        cellId.share(t, { month, department: ALL, key }),
        rows.map((r) => cellId.share(t, r)),
      );
    }
  });
  const months = new Map<string, Set<string>>();
  for (const r of draft.rejections.byCategory)
    if (r.department !== ALL) (months.get(r.month) ?? months.set(r.month, new Set()).get(r.month)!).add(r.department);
  for (const [month, departments] of months)
    S(
      'rejections: departments of a month',
      cellId.rejectionTotal(month, ALL),
      [...departments].map((d) => cellId.rejectionTotal(month, d)),
    );
  const reasonRows = draft.rejections.byMonth as unknown as Row[];
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
  const feedbackRows = draft.feedback.byMonth;
  feedbackRows.forEach((r, i) => {
    const row = cellId.feedback(r);
    FEEDBACK_FIELDS.forEach((field, f) =>
      L.op(OP.feedback, L.publish(`${row}#${field}`, r[field] ?? 0, row), -1, i, f),
    );
    L.op(OP.pending, L.publish(`${row}#pending`, (r.due ?? 0) - (r.submitted ?? 0), row), -1, i);
    L.relation('feedback: due = submitted + pending', [
      [`${row}#due`, -1],
      [`${row}#submitted`, 1],
      [`${row}#pending`, 1],
    ]);
    L.ratio(OP.submissionRate, `${row}#submitted`, `${row}#due`, i);
  });
  for (const field of [...FEEDBACK_FIELDS, 'pending']) {
    const id = (r: { month: string; department: string; stage: string }) => `${cellId.feedback(r)}#${field}`;
    for (const rows of groupBy(feedbackRows, (r) => (r.stage === ALL ? null : `${r.month}|${r.department}`)).values())
      S(`feedback.${field}: stages`, id({ ...rows[0]!, stage: ALL }), rows.map(id));
    for (const rows of groupBy(feedbackRows, (r) => (r.department === ALL ? null : `${r.month}|${r.stage}`)).values())
      S(`feedback.${field}: departments`, id({ ...rows[0]!, department: ALL }), rows.map(id));
  }

  // ---- outstanding feedback: All = Σ departments per bucket; a department's buckets = its pending slots
  draft.feedback.outstanding.forEach((r, i) => {
    const id = cellId.outstanding(r);
    L.op(OP.outstanding, L.publish(id, r.slots ?? 0, id), -1, i);
  });
  for (const rows of groupBy(draft.feedback.outstanding, (r) => (r.department === ALL ? null : r.bucket)).values())
    S('outstanding: departments', cellId.outstanding({ ...rows[0]!, department: ALL }), rows.map(cellId.outstanding));
  const bucketsOf = groupBy(draft.feedback.outstanding, (r) => r.department);
  for (const [department, rows] of groupBy(feedbackRows, (r) => (r.stage === ALL ? r.department : null))) {
    const outstandingRows = bucketsOf.get(department) ?? [];
    // Outstanding counts the slots due by the as-of date; a month's pending may hold slots due after it.
    L.nearly(
      'outstanding ≈ pending slots of every month',
      outstandingRows.map((r) => cellId.outstanding(r)),
      rows.map((r) => `${cellId.feedback(r)}#pending`),
      `outstanding · ${department}\u0001due later`,
    );
  }

  // ---- what each person owes now: parts of the outstanding feedback (every bucket of All). An interviewer's
  // slots add up to it exactly when every slot names one; a hiring manager's own are some of them.
  const allOutstanding = draft.feedback.outstanding.filter((r) => r.department === ALL).map(cellId.outstanding);
  const owedCells = (who: 'hiring manager' | 'interviewer', rows: readonly { name: string; slots: number | null }[]) =>
    rows.map(({ name, slots }) => {
      const id = cellId.owed(who, name);
      L.op(OP.owed, L.publish(id, slots ?? 0, id));
      return id;
    });
  L.nearly(
    'owed: hiring managers ≈ outstanding',
    owedCells(
      'hiring manager',
      draft.owners.owedFeedback.map((o) => ({ name: o.hiringManager, slots: o.slots })),
    ),
    allOutstanding,
    'owed · hiring managers\u0001other interviewers',
  );
  if (draft.owners.owedByInterviewer)
    L.nearly(
      'owed: interviewers ≈ outstanding',
      owedCells(
        'interviewer',
        draft.owners.owedByInterviewer.map((o) => ({ name: o.interviewer, slots: o.slots })),
      ),
      allOutstanding,
      'owed · interviewers\u0001no interviewer named',
    );

  // ---- hires and the funnel: All = Σ departments
  draft.timeToFill.timeToHireByMonth.forEach((r, i) => {
    L.op(OP.hires, L.publish(cellId.hires(r), r.hires ?? 0, null), -1, i);
  });
  for (const rows of groupBy(draft.timeToFill.timeToHireByMonth, (r) =>
    r.department === ALL ? null : r.month,
  ).values())
    S('hires: departments', cellId.hires({ ...rows[0]!, department: ALL }), rows.map(cellId.hires));
  const funnel = draft.funnel ?? [];
  funnel.forEach((r, i) => {
    const id = cellId.funnel(r);
    L.op(OP.funnel, L.publish(id, r.reached ?? 0, id), -1, i);
  });
  for (const rows of groupBy(funnel, (r) => (r.department === ALL ? null : `${r.cohort}|${r.stage}`)).values())
    S('funnel: departments', cellId.funnel({ ...rows[0]!, department: ALL }), rows.map(cellId.funnel));
  const stageAt = new Map(funnel.map((r) => [`${r.cohort}|${r.department}|${r.stage_index}`, r]));
  // Pass-through counts the applications that went further, to any later stage: that is the next stage's count
  // only where nobody skipped it (and an attacker who assumes so is then right). Elsewhere the rate gives back a
  // count of its own, published nowhere else.
  funnel.forEach((r, i) => {
    const next = stageAt.get(`${r.cohort}|${r.department}|${r.stage_index + 1}`);
    if (!next || r.pass_through === null) return;
    const passed = Math.round(r.pass_through * (r.reached ?? 0));
    const id = cellId.funnel(r);
    if (passed === next.reached) L.ratio(OP.passThrough, cellId.funnel(next), id, i);
    else L.op(OP.passThrough, L.mention(`${id}#passed`, passed, id), L.byId.get(id)!, i, PASSED_OWN);
  });

  // ---- headlines: the month's counts, the previous month's (the same cells), the trailing 3 months'
  const monthList = draft.months;
  const scopeIds = (scope: Scope, count: string, month: string): { id: string; hideAs: string | null } =>
    scope.kind === 'hiringManager'
      ? {
          id: `${cellId.headline(scope, month, HIDDEN_WITH[count]!)}#${count}`,
          hideAs: count === 'hires' ? null : cellId.headline(scope, month, HIDDEN_WITH[count]!),
        }
      : tableIdOf(count, month, scope.kind === 'all' ? ALL : scope.department);
  const trailingIds = new Set<string>();
  draft.headlines.forEach((s, si) => {
    const counts = COUNT_OF[s.metric];
    if (!counts) return;
    // A hidden figure says its n is hidden only where the n is its own count (the count metrics, days to
    // hire); a share, a rate or the median hours may be hidden for a count beside it, and their n is the
    // count metric's, published (or hidden) there.
    const ownCount = s.metric === 'feedbackSlots' || s.metric === 'rejections' || s.metric === 'medianDaysToHire';
    const figure = (
      truth: Figure,
      i: number,
      which: 0 | 1,
      id: { id: string; hideAs: string | null },
      numerator: { id: string; hideAs: string | null } | null,
      truthNumerator: number,
    ) => {
      if (truth.n === null) return;
      const n = ownCount ? L.publish(id.id, truth.n, id.hideAs) : L.mention(id.id, truth.n, id.hideAs);
      L.op(OP.headlineN, n, ownCount ? 1 : 0, si, 2 * i + which, id.hideAs);
      if (numerator)
        L.op(OP.headlineNumerator, L.mention(numerator.id, truthNumerator, numerator.hideAs), n, si, 2 * i + which);
    };
    s.months.forEach((t, i) => {
      const truthNum = t.current.value !== null && t.current.n ? Math.round(t.current.value * t.current.n) : 0;
      const nId = scopeIds(s.scope, counts.n, t.month);
      figure(t.current, i, 0, nId, counts.numerator ? scopeIds(s.scope, counts.numerator, t.month) : null, truthNum);
      if (i > 0 && t.previous.n !== null) {
        const previousMonth = monthList[i - 1]!;
        const prevTruth = s.months[i - 1]!.current;
        figure(
          t.previous,
          i,
          1,
          scopeIds(s.scope, counts.n, previousMonth),
          counts.numerator ? scopeIds(s.scope, counts.numerator, previousMonth) : null,
          prevTruth.value !== null && prevTruth.n ? Math.round(prevTruth.value * prevTruth.n) : 0,
        );
      }
      if (i >= 3 && t.trailing3.n !== null && t.trailing3.n > 0) {
        const hideAs = cellId.trailing3(s.scope, t.month, s.metric);
        const id = `${hideAs}#${counts.n}`;
        const window = [i - 3, i - 2, i - 1].map((j) => scopeIds(s.scope, counts.n, monthList[j]!).id);
        L.op(OP.trailing, L.publish(id, t.trailing3.n, counts.n === 'hires' ? null : hideAs), -1, si, i);
        if (!trailingIds.has(id)) {
          trailingIds.add(id);
          // Months of the window with no figure at all (n 0) are published as 0 by the others' n.
          for (const [j, w] of window.entries())
            if (!L.byId.has(w)) L.op(OP.zero, L.publish(w, s.months[i - 3 + j]!.current.n ?? 0, null));
          S(TRAILING_SUM, id, window);
          // Two windows a month apart differ by their ends (the difference of the two sums above, written
          // out: interval propagation does not subtract relations by itself).
          const before = `${cellId.trailing3(s.scope, monthList[i - 1]!, s.metric)}#${counts.n}`;
          if (i >= 4 && trailingIds.has(before))
            L.relation('headlines: consecutive trailing 3', [
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
  feedbackRows.forEach((r, i) =>
    L.ratio(OP.onTimeRate, `${cellId.feedback(r)}#on_time`, `${cellId.feedback(r)}#slaSettled`, i),
  );
  // The company = Σ hiring managers + the seats without one (at least 0; exactly 0 when the data has none).
  const managers = draft.headlines.filter((s) => s.scope.kind === 'hiringManager' && COUNT_OF[s.metric]);
  const unassigned: number[] = [];
  for (const count of Object.keys(HIDDEN_WITH)) {
    for (const month of monthList) {
      const totalCell = L.byId.get(tableIdOf(count, month, ALL).id);
      if (totalCell === undefined) continue;
      const parts = [...new Set(managers.map((s) => scopeIds(s.scope, count, month).id))].filter((id) =>
        L.byId.has(id),
      );
      if (parts.length === 0) continue;
      const rest = L.truth[totalCell]! - parts.reduce((sum, id) => sum + L.truth[L.byId.get(id)!]!, 0);
      const none = `without a hiring manager\u0001${count}\u0001${month}`;
      const c = L.derived(none, rest);
      L.op(OP.derived, c);
      unassigned.push(c);
      S('headlines: company = its hiring managers', tableIdOf(count, month, ALL).id, [...parts, none]);
    }
  }
  // A department = Σ its hiring managers + its seats without one, where the requisition lists (published, never
  // suppressed) show each of its hiring managers hiring for it alone: an attacker can read that off them.
  const departmentsOf = new Map<string, Set<string>>();
  for (const r of [...draft.timeToFill.fills, ...draft.timeToFill.open]) {
    if (!r.hiring_manager || !r.department) continue;
    (departmentsOf.get(r.hiring_manager) ?? departmentsOf.set(r.hiring_manager, new Set()).get(r.hiring_manager)!).add(
      r.department,
    );
  }
  const departmentRests: number[] = [];
  const managerScopes = new Map(
    managers.flatMap((s) => (s.scope.kind === 'hiringManager' ? [[s.scope.hiringManager, s.scope] as const] : [])),
  );
  for (const department of draft.departments) {
    const own = [...departmentsOf].filter(([, ds]) => ds.has(department)).map(([name]) => name);
    if (own.length === 0 || own.some((name) => departmentsOf.get(name)!.size > 1 || !managerScopes.has(name))) continue;
    for (const count of Object.keys(HIDDEN_WITH)) {
      for (const month of monthList) {
        const total = tableIdOf(count, month, department).id;
        const totalCell = L.byId.get(total);
        if (totalCell === undefined) continue;
        const parts = own.map((name) => scopeIds(managerScopes.get(name)!, count, month).id);
        // A hiring manager with no figure that month is published as 0 by the others' (as a window's month).
        const known = parts.filter((id) => L.byId.has(id));
        if (known.length === 0) continue;
        const rest = L.truth[totalCell]! - known.reduce((sum, id) => sum + L.truth[L.byId.get(id)!]!, 0);
        // Counted under a department's hiring manager but not in it (a requisition the lists leave out): the
        // relation does not hold, and an attacker using it would be misled, not helped.
        if (rest < 0) continue;
        const none = `without a hiring manager\u0001${count}\u0001${month}\u0001${department}`;
        const c = L.derived(none, rest);
        L.op(OP.derived, c);
        departmentRests.push(c);
        S('headlines: a department = its hiring managers', total, [...known, none]);
      }
    }
  }
  // An attacker who assumes every seat has a hiring manager is right when it is so: model it exactly then.
  // One push per cell: thousands of departments as spread arguments overflow the call stack.
  if (unassigned.every((c) => L.truth[c] === 0)) for (const c of unassigned) L.zero.push(c);
  if (departmentRests.every((c) => L.truth[c] === 0)) for (const c of departmentRests) L.zero.push(c);

  // ---- sources, offers and the hiring managers' own recommendations (their rows are published whole or hidden
  // field by field): a month's sources add up to its applications and advanced (not published: at least 0) and
  // to its hires (the company's, published); offers made = accepted + declined + the rest; the window's
  // declines = its reasons, and its quarters' declines when it is whole quarters; the offers accepted are the
  // quarters' hires where that holds of every quarter (no hire entered an offer stage); scorecards = their mix.
  const sources = draft.sources ?? [];
  // An op's second cell: the count a field is hidden with (`Round.dependents`).
  sources.forEach((r, i) => {
    let first = -1;
    SOURCE_FIELDS.forEach((f, k) => {
      const id = cellId.source(r.month, r.source, f);
      const c = L.publish(id, r[f] ?? 0, id);
      if (k === 0) first = c;
      L.op(OP.source, c, f === 'advanced' ? first : -1, i, k);
    });
  });
  for (const [month, rows] of groupBy(sources, (r) => r.month))
    for (const f of SOURCE_FIELDS) {
      const parts = rows.map((r) => cellId.source(month, r.source, f));
      if (f === 'hires') {
        S("sources: a month's hires = the company's", cellId.hires({ month, department: ALL }), parts);
        continue;
      }
      const total = `sources\u0001${month}\u0001${f}`;
      L.op(
        OP.derived,
        L.derived(
          total,
          rows.reduce((sum, r) => sum + (r[f] ?? 0), 0),
        ),
      );
      S('sources: a month = its sources', total, parts);
    }
  const offers = draft.offers;
  if (offers) {
    const accepted = acceptedAreHires(draft);
    offers.byQuarter.forEach((r, i) => {
      let first = -1;
      OFFER_FIELDS.forEach((f, k) => {
        const id = cellId.offer(r.quarter, f);
        const c = L.publish(id, r[f] ?? 0, accepted && f === 'accepted' ? null : id);
        if (k === 0) first = c;
        L.op(OP.offer, c, k > 0 ? first : -1, i, k);
      });
      S(
        'offers: made = accepted + declined + other',
        cellId.offer(r.quarter, 'made'),
        OFFER_FIELDS.slice(1).map((f) => cellId.offer(r.quarter, f)),
      );
      if (accepted)
        S(
          "offers: accepted = the quarter's hires",
          cellId.offer(r.quarter, 'accepted'),
          monthList
            .filter((month) => quarterOf(month) === r.quarter)
            .map((month) => cellId.hires({ month, department: ALL })),
        );
    });
    const total = cellId.decline(null);
    L.op(OP.declined, L.publish(total, offers.declines.declined ?? 0, null));
    offers.declines.reasons.forEach((r, k) => {
      const id = cellId.decline(r.reason);
      L.op(OP.decline, L.publish(id, r.declines ?? 0, id), -1, k);
    });
    S(
      "offers: the window's declines = its reasons",
      total,
      offers.declines.reasons.map((r) => cellId.decline(r.reason)),
    );
    const window = offerWindow(offers);
    if (window.length)
      S(
        "offers: the window's declines = its quarters'",
        total,
        window.map((i) => cellId.offer(offers.byQuarter[i]!.quarter, 'declined')),
      );
  }
  draft.recommendations.forEach((r, i) => {
    let first = -1;
    MIX_FIELDS.forEach((f, k) => {
      const id = cellId.recommendation(r.hiringManager, f);
      const c = L.publish(id, r[f] ?? 0, id);
      if (k === 0) first = c;
      L.op(OP.mix, c, k > 0 ? first : -1, i, k);
    });
    S(
      'recommendations: scorecards = their mix',
      cellId.recommendation(r.hiringManager, 'scorecards'),
      MIX_FIELDS.slice(1).map((f) => cellId.recommendation(r.hiringManager, f)),
    );
  });
  // A hiring manager's own feedback submitted, over every month: their scorecards when the recommendations'
  // window is the whole range and each of those scorecards has a recommendation (where that holds).
  const wholeRange = draft.recommendations.every((r) => r.fromMonth === monthList[0] && r.toMonth === monthList.at(-1));
  const mixOf = new Map(draft.recommendations.map((r) => [r.hiringManager, r]));
  draft.feedback.byPerson.forEach((r, i) => {
    if (r.role !== 'hiringManager') return;
    const hideAs = cellId.person(r.person);
    const id = `${hideAs}#submitted`;
    L.op(OP.person, L.publish(id, r.submitted ?? 0, hideAs), -1, i);
    const mix = mixOf.get(r.person);
    if (wholeRange && mix && mix.scorecards === r.submitted)
      S("recommendations: scorecards = the manager's feedback submitted", id, [
        cellId.recommendation(r.person, 'scorecards'),
      ]);
  });

  // ---- partnerships: each card's and the company's figures over a window have their n published (a hidden
  // small one is a hidden count), and a rate × its n is a count. The company's n over a window is its hiring
  // managers' over the same window, plus those whose cards cover the other window (exactly 0 when none do).
  const company = draft.partnershipCompany ?? [];
  const windowOf = (w: { fromMonth: string; toMonth: string }) =>
    monthList.filter((x) => x >= w.fromMonth && x <= w.toMonth);
  PARTNERSHIP_FIGURES.forEach((figure, f) => {
    const isRate = figure !== 'medianHoursToFeedback';
    const counted = (x: Figure) => (x.value !== null && x.n ? Math.round(x.value * x.n) : 0);
    const cardIds = draft.partnerships.map((p, i) => {
      const t = p[figure];
      if (t.n === null || t.n === 0) return null;
      const id = cellId.partnership(p.hiringManager, figure);
      const n = L.publish(`${id}#n`, t.n, id);
      L.op(OP.partnership, n, -1, i, f);
      if (isRate) L.op(OP.partnershipRatio, L.mention(`${id}#count`, counted(t), id), n, i, f);
      return id;
    });
    // A card's window is months the pages also show one by one: the hiring manager's rejections in
    // `headlines.csv`, their own feedback in the retrospective's partnerships table. The card = those months,
    // give or take: it counts the rejections at the stages the hiring manager owns (all of them where every
    // rejection is at such a stage), and its vague ones count "Other", which the months do not.
    if (figure === 'unspecifiedReasonShare')
      draft.partnerships.forEach((p, i) => {
        if (cardIds[i] === null) return;
        const scope: Scope = { kind: 'hiringManager', hiringManager: p.hiringManager };
        for (const [suffix, count] of [
          ['#n', 'rejections'],
          ['#count', 'unspecified'],
        ] as const)
          L.nearly(
            `partnerships: a card ≈ its hiring manager's months${suffix}`,
            [`${cardIds[i]}${suffix}`],
            windowOf(p).map((x) => scopeIds(scope, count, x).id),
            `${cardIds[i]}${suffix}\u0001elsewhere`,
          );
      });
    if (figure === 'feedbackOnTimeRate') {
      // One cell per hiring manager and month (the table repeats it on each of their recruiters' rows).
      const owners = draft.owners.partnerships;
      const ownMonths = new Map<string, Set<string>>();
      owners.forEach((o, r) => {
        const t = o.feedbackOnTime;
        if (t.n === null) return;
        const hideAs = cellId.ownFeedback(o.hiringManager, o.month);
        const n = L.publish(`${hideAs}#n`, t.n, hideAs);
        L.op(OP.ownFeedback, n, -1, r);
        L.op(OP.ownFeedbackRatio, L.mention(`${hideAs}#count`, counted(t), hideAs), n, r);
        let months = ownMonths.get(o.hiringManager);
        if (!months) ownMonths.set(o.hiringManager, (months = new Set()));
        months.add(o.month);
      });
      draft.partnerships.forEach((p, i) => {
        const months = ownMonths.get(p.hiringManager);
        if (cardIds[i] === null || !months) return;
        const window = windowOf(p);
        const shown = window.filter((x) => months.has(x));
        // The months of the window without a row (no seat open): their own feedback, at least 0.
        for (const suffix of ['#n', '#count'])
          L.nearly(
            `partnerships: a card = the hiring manager's own feedback by month${suffix}`,
            shown.map((x) => `${cellId.ownFeedback(p.hiringManager, x)}${suffix}`),
            [`${cardIds[i]}${suffix}`],
            `${cardIds[i]}\u0001months without a row${suffix}`,
            shown.length === window.length,
          );
      });
    }
    if (figure === 'recruiterScreenToHiringManagerScreen') {
      // One cell per partnership and month: the recruiter's screened candidates, and those taken forward.
      const rowsOf = new Map<string, { id: string; month: string }[]>();
      const monthsOf = new Map<string, Set<string>>();
      draft.owners.partnerships.forEach((o, r) => {
        const t = o.screenedTakenForward;
        if (t.n === null) return;
        const hideAs = cellId.screened(o.hiringManager, o.recruiter, o.month);
        const n = L.publish(`${hideAs}#n`, t.n, hideAs);
        L.op(OP.screened, n, -1, r);
        L.op(OP.screenedRatio, L.mention(`${hideAs}#count`, counted(t), hideAs), n, r);
        let rows = rowsOf.get(o.hiringManager);
        if (!rows) rowsOf.set(o.hiringManager, (rows = []));
        rows.push({ id: hideAs, month: o.month });
        let months = monthsOf.get(o.hiringManager);
        if (!months) monthsOf.set(o.hiringManager, (months = new Set()));
        months.add(o.month);
      });
      // The card = its window's months, over every recruiter of the hiring manager; a month without a row (no
      // seat open) may screen candidates too: an unknown of at least 0, exactly 0 when every month has a row.
      draft.partnerships.forEach((p, i) => {
        const rows = rowsOf.get(p.hiringManager);
        if (cardIds[i] === null || !rows) return;
        const window = windowOf(p);
        const inWindow = rows.filter((x) => window.includes(x.month)).map((x) => x.id);
        const months = monthsOf.get(p.hiringManager)!;
        for (const suffix of ['#n', '#count'])
          L.nearly(
            `partnerships: a card = the partnerships' screened candidates by month${suffix}`,
            inWindow.map((id) => `${id}${suffix}`),
            [`${cardIds[i]}${suffix}`],
            `${cardIds[i]}\u0001screened in months without a row${suffix}`,
            window.every((x) => months.has(x)),
          );
      });
    }
    company.forEach((c, w) => {
      const t = c[figure];
      if (t.n === null || t.n === 0) return;
      const id = cellId.partnershipCompany(c.fromMonth, c.toMonth, figure);
      const n = L.publish(`${id}#n`, t.n, id);
      L.op(OP.partnershipCompany, n, -1, w, f);
      if (isRate) L.op(OP.partnershipCompanyRatio, L.mention(`${id}#count`, counted(t), id), n, w, f);
      const inWindow = (p: (typeof draft.partnerships)[number]) =>
        p.fromMonth === c.fromMonth && p.toMonth === c.toMonth;
      // The window's months are published one by one too (each hiring manager's rejections in `headlines.csv`;
      // a window reaching before the data's first month holds only the months there are).
      if (figure === 'unspecifiedReasonShare') {
        const months = windowOf(c);
        for (const [suffix, count] of [
          ['#n', 'rejections'],
          ['#count', 'unspecified'],
        ] as const)
          L.nearly(
            `partnerships: the company ≈ its hiring managers' months${suffix}`,
            [`${id}${suffix}`],
            [...managerScopes.values()].flatMap((scope) => months.map((x) => scopeIds(scope, count, x).id)),
            `${id}${suffix}\u0001elsewhere`,
          );
      }
      const parts = draft.partnerships.flatMap((p, i) => (cardIds[i] !== null && inWindow(p) ? [cardIds[i]!] : []));
      const others = draft.partnerships.some((p) => !inWindow(p));
      for (const suffix of isRate ? ['#n', '#count'] : ['#n'])
        L.nearly(
          `partnerships: the company = its hiring managers${suffix}`,
          parts.map((p) => `${p}${suffix}`),
          [`${id}${suffix}`],
          `${id}\u0001other window${suffix}`,
          !others,
        );
    });
  });
  return L.done();
}

const layouts = new WeakMap<Aggregates, Layout>();
const layoutOf = (draft: Aggregates): Layout => {
  let layout = layouts.get(draft);
  if (!layout) layouts.set(draft, (layout = layOut(draft)));
  return layout;
};

/** One round's view of the cells: what `published` shows of each, and the rates it publishes between them. */
interface Round {
  kind: Uint8Array;
  lo: Float64Array;
  hi: Float64Array;
  hideAs: Int32Array;
  /** Rates: numerator = rate × denominator, the rate in [lo, hi] (a published rate, rounded). */
  ratioNum: number[];
  ratioDen: number[];
  ratioLo: number[];
  ratioHi: number[];
  /** Cells published as shown in one place and hidden in another, in the order found. */
  inconsistent: Set<number>;
  /** Cells whose bounds crossed: a relation of the model does not hold on the data (a bug, reported as broken). */
  crossed: Set<number>;
  /**
   * Pairs (field, count): a field hidden with the count it rests on may be 0 only where that count is small; an
   * attacker who finds the count at least minGroupSize knows the field is at least 1 (`tighten`).
   */
  dependents: number[];
}

/** Reads the published artifact into bounds, op by op in the layout's order. */
function readRound(layout: Layout, published: Aggregates, m: number): Round {
  const cells = layout.ids.length;
  const round: Round = {
    kind: new Uint8Array(cells).fill(UNSET),
    lo: new Float64Array(cells),
    hi: new Float64Array(cells),
    hideAs: layout.hideAs.slice(),
    ratioNum: [],
    ratioDen: [],
    ratioLo: [],
    ratioHi: [],
    inconsistent: new Set(),
    crossed: new Set(),
    dependents: [],
  };
  const { kind, lo, hi } = round;
  const publish = (c: number, shown: number | null, k: PublishedKind): void => {
    const bLo = shown !== null ? shown : k === SMALL || k === COMPLEMENT ? 1 : 0;
    const bHi = shown !== null ? shown : marksFew(k) ? m - 1 : Infinity;
    const was = kind[c]!;
    if (was === UNSET) {
      kind[c] = shown !== null ? SHOWN : k;
      lo[c] = bLo;
      hi[c] = bHi;
      return;
    }
    if (was !== DERIVED && (was === SHOWN) !== (shown !== null)) round.inconsistent.add(c);
    if (shown !== null) kind[c] = SHOWN;
    else if (was !== SHOWN && k !== HIDDEN) kind[c] = k;
    if (bLo > lo[c]!) lo[c] = bLo;
    if (bHi < hi[c]!) hi[c] = bHi;
  };
  const derived = (c: number): void => {
    if (kind[c] !== UNSET) return;
    kind[c] = DERIVED;
    lo[c] = 0;
    hi[c] = Infinity;
  };
  const ratio = (numerator: number, denominator: number, rate: number | null): void => {
    if (rate === null) return;
    round.ratioNum.push(numerator);
    round.ratioDen.push(denominator);
    round.ratioLo.push(Math.max(0, rate - RATE_ROUNDING));
    round.ratioHi.push(rate + RATE_ROUNDING);
  };
  // A field of a sources, offers or recommendations row: hidden by the row's flags; `zeroOk` where it may be 0,
  // hidden with the count it rests on; "fewer than" on the page unless the row is marked `complementary`.
  const tableCell = (c: number, r: TableRow, field: string, zeroOk: boolean, count = -1): void => {
    const value = r[field] as number | null;
    if (!isHidden(r, field)) {
      if (value === null) derived(c);
      else publish(c, value, HIDDEN);
      return;
    }
    publish(c, null, r.complementary ? (zeroOk ? HIDDEN : COMPLEMENT) : zeroOk ? FEW : SMALL);
    if (zeroOk && count >= 0) round.dependents.push(c, count);
  };
  const { rejections, feedback, timeToFill, headlines, partnerships } = published;
  // What people owe, by cell id: the published list is in another order than the draft's (hidden by name).
  const owedRows = new Map<string, { slots: number | null; suppressed: boolean; complementary?: true }>([
    ...published.owners.owedFeedback.map((o) => [cellId.owed('hiring manager', o.hiringManager), o] as const),
    ...(published.owners.owedByInterviewer ?? []).map((o) => [cellId.owed('interviewer', o.interviewer), o] as const),
  ]);
  const funnel = published.funnel ?? [];
  const { ops } = layout;
  for (let o = 0; o < ops.length; o += OP_SIZE) {
    const a = ops[o + 1]!;
    const b = ops[o + 2]!;
    const row = ops[o + 3]!;
    const aux = ops[o + 4]!;
    switch (ops[o]!) {
      case OP.rejection: {
        const r = rejections.byMonth[row]!;
        publish(a, r.rejections, kindOf(r, true));
        break;
      }
      case OP.share: {
        const r = rejections[SHARE_TABLES[aux]!][row]!;
        publish(a, r.rejections, kindOf(r, true));
        break;
      }
      case OP.shareRatio: {
        const share = rejections[SHARE_TABLES[aux]!][row]!.share;
        ratio(a, b, share !== null && share > 0 ? share : null);
        break;
      }
      case OP.feedback: {
        const r = feedback.byMonth[row]!;
        const field = FEEDBACK_FIELDS[aux]!;
        publish(a, r[field], kindOf(r, field === 'slots'));
        break;
      }
      case OP.pending: {
        const r = feedback.byMonth[row]!;
        publish(a, r.due === null || r.submitted === null ? null : r.due - r.submitted, HIDDEN);
        break;
      }
      case OP.submissionRate:
        ratio(a, b, feedback.byMonth[row]!.submission_rate);
        break;
      case OP.onTimeRate:
        ratio(a, b, feedback.byMonth[row]!.on_time_rate);
        break;
      case OP.outstanding: {
        const r = feedback.outstanding[row]!;
        publish(a, r.slots, kindOf(r, true));
        break;
      }
      case OP.hires: {
        // Never hidden: null is a figure the export lacks (no hired_at), not published.
        const r = timeToFill.timeToHireByMonth[row]!;
        if (r.hires === null) derived(a);
        else publish(a, r.hires, HIDDEN);
        break;
      }
      case OP.source: {
        const r = published.sources![row]!;
        const field = SOURCE_FIELDS[aux]!;
        // A hidden source's hires may be 0: a month's are hidden together where one is (`shipSources`).
        tableCell(a, r, field, field === 'hires' || (field === 'advanced' && isHidden(r, 'applications')), b);
        break;
      }
      case OP.offer: {
        const r = published.offers!.byQuarter[row]!;
        const field = OFFER_FIELDS[aux]!;
        tableCell(a, r, field, field !== 'made' && isHidden(r, 'made'), b);
        break;
      }
      case OP.declined: {
        const d = published.offers!.declines;
        publish(a, d.suppressed ? null : d.declined, SMALL);
        break;
      }
      case OP.decline: {
        const r = published.offers!.declines.reasons[row]!;
        publish(a, r.suppressed ? null : r.declines, kindOf(r, true));
        break;
      }
      case OP.person: {
        // Hidden with its slots (fewer than minGroupSize: at most that, maybe 0) or beside another figure.
        const r = feedback.byPerson[row]!;
        publish(a, r.suppressed ? null : r.submitted, !r.suppressed ? HIDDEN : r.complementary ? HIDDEN : FEW);
        break;
      }
      case OP.mix: {
        const r = published.recommendations[row]!;
        const field = MIX_FIELDS[aux]!;
        tableCell(a, r, field, field !== 'scorecards' && isHidden(r, 'scorecards'), b);
        break;
      }
      case OP.funnel: {
        const r = funnel[row]!;
        publish(a, r.reached, kindOf(r, true));
        break;
      }
      case OP.passThrough:
        // The count that went further, where it is a cell of its own: at least 0, given by the rate.
        if (aux === PASSED_OWN) derived(a);
        ratio(a, b, funnel[row]!.pass_through);
        break;
      case OP.headlineN: {
        const c = headlines[row]!.months[aux >> 1]!;
        const f = aux & 1 ? c.previous : c.current;
        // A hidden days-to-hire figure keeps its n (hires are published however small).
        if (!f.suppressed || f.n !== null) {
          publish(a, f.n, HIDDEN);
          if (round.hideAs[a] === -1) round.hideAs[a] = ops[o + 5]!;
        } else if (b === 1) publish(a, null, f.complementary ? COMPLEMENT : SMALL);
        else derived(a);
        break;
      }
      case OP.headlineNumerator: {
        const c = headlines[row]!.months[aux >> 1]!;
        const f = aux & 1 ? c.previous : c.current;
        derived(a);
        if (!f.suppressed) ratio(a, b, f.value);
        break;
      }
      case OP.trailing: {
        // A trailing n hidden as a small group reads "fewer than" on the page: at most minGroupSize − 1.
        const t = headlines[row]!.months[aux]!.trailing3;
        publish(a, t.n, t.n === null && t.suppressed && !t.complementary ? SMALL : HIDDEN);
        break;
      }
      case OP.zero:
        publish(a, 0, HIDDEN);
        break;
      case OP.derived:
        derived(a);
        break;
      case OP.partnership:
      case OP.partnershipCompany: {
        const p = ops[o]! === OP.partnership ? partnerships[row]! : published.partnershipCompany![row]!;
        const f = p[PARTNERSHIP_FIGURES[aux]!];
        publish(a, f.suppressed ? null : f.n, f.suppressed && !f.complementary ? SMALL : HIDDEN);
        break;
      }
      case OP.ownFeedback: {
        const f = published.owners.partnerships[row]!.feedbackOnTime;
        publish(a, f.suppressed ? null : f.n, f.suppressed && !f.complementary ? SMALL : HIDDEN);
        break;
      }
      case OP.owed: {
        const r = owedRows.get(layout.ids[a]!);
        if (!r) derived(a);
        else publish(a, r.suppressed ? null : r.slots, kindOf(r, true));
        break;
      }
      case OP.screened: {
        const f = published.owners.partnerships[row]!.screenedTakenForward;
        publish(a, f.suppressed ? null : f.n, f.suppressed && !f.complementary ? SMALL : HIDDEN);
        break;
      }
      case OP.screenedRatio: {
        const f = published.owners.partnerships[row]!.screenedTakenForward;
        derived(a);
        if (!f.suppressed) ratio(a, b, f.value);
        break;
      }
      case OP.ownFeedbackRatio: {
        const f = published.owners.partnerships[row]!.feedbackOnTime;
        derived(a);
        if (!f.suppressed) ratio(a, b, f.value);
        break;
      }
      case OP.partnershipRatio:
      case OP.partnershipCompanyRatio: {
        const p = ops[o]! === OP.partnershipRatio ? partnerships[row]! : published.partnershipCompany![row]!;
        const f = p[PARTNERSHIP_FIGURES[aux]!];
        derived(a);
        if (!f.suppressed) ratio(a, b, f.value);
        break;
      }
    }
  }
  for (const c of layout.zero) hi[c] = 0;
  return round;
}

type TableRow = { suppressed: boolean; complementary?: true; hidden?: string[] } & Record<string, unknown>;
const isHidden = (r: TableRow, field: string) => r.suppressed || (r.hidden?.includes(field) ?? false);

/** Fields hidden with a count found to be at least minGroupSize: at least 1 (they were hidden on their own). */
function tighten(round: Round, m: number): number {
  const { lo, dependents } = round;
  let moved = 0;
  for (let k = 0; k < dependents.length; k += 2)
    if (lo[dependents[k + 1]!]! >= m && lo[dependents[k]!]! < 1) {
      lo[dependents[k]!] = 1;
      moved++;
    }
  return moved;
}

const times = (bound: number, rate: number) => (rate === 0 ? 0 : bound * rate);

/** Interval propagation over every relation, to a fixed point (a work list of relations whose cells moved). */
function propagate(layout: Layout, round: Round): void {
  const { relStart, relCells, relSigns, cellRelStart, cellRels } = layout;
  const { lo, hi, ratioNum, ratioDen, ratioLo, ratioHi } = round;
  const linear = relStart.length - 1;
  const ratios = ratioNum.length;
  // The ratios each cell is in (compressed rows, built per round: the published rates change).
  const ratioStart = new Int32Array(lo.length + 1);
  for (let i = 0; i < ratios; i++) {
    ratioStart[ratioNum[i]! + 1]!++;
    ratioStart[ratioDen[i]! + 1]!++;
  }
  for (let c = 0; c < lo.length; c++) ratioStart[c + 1]! += ratioStart[c]!;
  const ratioOf = new Int32Array(ratioStart[lo.length]!);
  const fill = ratioStart.slice(0, lo.length);
  for (let i = 0; i < ratios; i++) {
    ratioOf[fill[ratioNum[i]!]!++] = i;
    ratioOf[fill[ratioDen[i]!]!++] = i;
  }
  // Work items: relation i is i, ratio i is linear + i; each is queued at most once, so a ring suffices.
  const total = linear + ratios;
  const queue = new Int32Array(total + 1);
  const queued = new Uint8Array(total).fill(1);
  for (let i = 0; i < total; i++) queue[i] = i;
  let head = 0;
  let tail = total;
  let size = total;
  const push = (item: number) => {
    if (queued[item]) return;
    queued[item] = 1;
    queue[tail] = item;
    tail = tail === total ? 0 : tail + 1;
    size++;
  };
  const narrow = (c: number, newLo: number, newHi: number) => {
    const l = Math.max(lo[c]!, Math.ceil(newLo - 1e-9));
    const h = Math.min(hi[c]!, Math.floor(newHi + 1e-9));
    // Bounds that cross (or NaN) mean a relation that does not hold: stop there rather than chase it for ever.
    if (!(l <= h)) return void round.crossed.add(c);
    if (l === lo[c] && h === hi[c]) return;
    lo[c] = l;
    hi[c] = h;
    for (let k = cellRelStart[c]!; k < cellRelStart[c + 1]!; k++) push(cellRels[k]!);
    for (let k = ratioStart[c]!; k < ratioStart[c + 1]!; k++) push(linear + ratioOf[k]!);
  };
  let longest = 0;
  for (let i = 0; i < linear; i++) longest = Math.max(longest, relStart[i + 1]! - relStart[i]!);
  const termLo = new Float64Array(longest);
  const termHi = new Float64Array(longest);
  // A cap far above what real data needs: bounds only ever narrow, but unbounded cells could creep.
  const limit = 200 * total + 1000;
  for (let done = 0; size > 0 && done < limit; done++) {
    const item = queue[head]!;
    head = head === total ? 0 : head + 1;
    size--;
    queued[item] = 0;
    if (item >= linear) {
      const r = item - linear;
      const num = ratioNum[r]!;
      const den = ratioDen[r]!;
      // A rate of 0 pins its count at 0 whatever its n's bounds (0 × ∞ is NaN).
      narrow(num, times(lo[den]!, ratioLo[r]!), times(hi[den]!, ratioHi[r]!));
      if (ratioHi[r]! > 0) narrow(den, lo[num]! / ratioHi[r]!, ratioLo[r]! > 0 ? hi[num]! / ratioLo[r]! : Infinity);
      continue;
    }
    // Σ s·x = 0: each term lies in −(Σ of the others' ranges), the ranges as they were before this step.
    const start = relStart[item]!;
    const end = relStart[item + 1]!;
    let sumLo = 0;
    let sumHi = 0;
    let loInf = 0;
    let hiInf = 0;
    for (let k = start; k < end; k++) {
      const c = relCells[k]!;
      const a = relSigns[k]! > 0 ? lo[c]! : -hi[c]!;
      const b = relSigns[k]! > 0 ? hi[c]! : -lo[c]!;
      termLo[k - start] = a;
      termHi[k - start] = b;
      if (a === -Infinity) loInf++;
      else sumLo += a;
      if (b === Infinity) hiInf++;
      else sumHi += b;
    }
    for (let k = start; k < end; k++) {
      const a = termLo[k - start]!;
      const b = termHi[k - start]!;
      // The others' sum lies in [othersLo, othersHi]; this term = −(others).
      const othersLo = loInf - (a === -Infinity ? 1 : 0) > 0 ? -Infinity : sumLo - (a === -Infinity ? 0 : a);
      const othersHi = hiInf - (b === Infinity ? 1 : 0) > 0 ? Infinity : sumHi - (b === Infinity ? 0 : b);
      if (relSigns[k]! > 0) narrow(relCells[k]!, -othersHi, -othersLo);
      else narrow(relCells[k]!, othersLo, othersHi);
    }
  }
}

/** Σ coefficient · cell = rhs over the cells still open, exact in integers (`eliminate`). */
interface Equation {
  terms: Map<number, number>;
  rhs: number;
}

const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};

/** Divides an equation by the common factor of its coefficients (and right-hand side). */
function normalise(e: Equation): void {
  let g = Math.abs(e.rhs);
  for (const c of e.terms.values()) g = gcd(g, c);
  if (g <= 1) return;
  for (const [k, c] of e.terms) e.terms.set(k, c / g);
  e.rhs /= g;
}

/**
 * e := a·e − b·pivot, where pivot's coefficient of v is a·g and e's is b·g: v leaves e. `gained` and `lost`
 * hear of the cells that enter or leave e. Throws when a coefficient outgrows exact doubles.
 */
function subtract(
  e: Equation,
  pivot: Equation,
  v: number,
  gained?: (cell: number) => void,
  lost?: (cell: number) => void,
): void {
  const p = pivot.terms.get(v)!;
  const q = e.terms.get(v)!;
  const g = gcd(p, q);
  const a = p / g;
  const b = q / g;
  if (a !== 1) for (const [k, c] of e.terms) e.terms.set(k, c * a);
  e.rhs = e.rhs * a - b * pivot.rhs;
  if (!Number.isSafeInteger(e.rhs)) throw new RangeError('coefficients too large');
  for (const [k, c] of pivot.terms) {
    const before = e.terms.get(k);
    const next = (before ?? 0) - b * c;
    if (!Number.isSafeInteger(next)) throw new RangeError('coefficients too large');
    if (next === 0) {
      e.terms.delete(k);
      if (before !== undefined) lost?.(k);
    } else {
      e.terms.set(k, next);
      if (before === undefined) gained?.(k);
    }
  }
  normalise(e);
}

/**
 * Reduced row-echelon form of one component's equations: each pivot cell is in its own equation only. A
 * cell whose equation holds no other cell is determined; the others are the combinations an attacker
 * bounds next.
 */
function reducedEchelon(equations: Equation[]): Equation[] {
  // Short equations first, and pivots on cells in few equations: less fill-in (Markowitz's rule, roughly).
  const uses = new Map<number, number>();
  for (const e of equations) for (const k of e.terms.keys()) uses.set(k, (uses.get(k) ?? 0) + 1);
  equations = [...equations].sort((x, y) => x.terms.size - y.terms.size);
  const pivots = new Map<number, Equation>();
  // For each cell that is no pivot (yet), the pivot equations that hold it.
  const holders = new Map<number, Set<Equation>>();
  const hold = (e: Equation) => (k: number) => {
    const set = holders.get(k);
    if (set) set.add(e);
    else holders.set(k, new Set([e]));
  };
  const release = (e: Equation) => (k: number) => holders.get(k)?.delete(e);
  for (const e of equations) {
    // Forward: take every pivot out (a pivot equation holds no other pivot, so this ends).
    for (;;) {
      let hit = -1;
      for (const k of e.terms.keys())
        if (pivots.has(k)) {
          hit = k;
          break;
        }
      if (hit < 0) break;
      subtract(e, pivots.get(hit)!, hit);
    }
    if (e.terms.size === 0) continue;
    normalise(e);
    // The pivot: of the cells of coefficient ±1 (coefficients stay small), the one in fewest equations.
    let v = -1;
    for (const [k, c] of e.terms) if ((c === 1 || c === -1) && (v < 0 || uses.get(k)! < uses.get(v)!)) v = k;
    if (v < 0) v = e.terms.keys().next().value!;
    // Backward: take v out of every earlier pivot equation.
    for (const other of holders.get(v) ?? []) subtract(other, e, v, hold(other), release(other));
    holders.delete(v);
    for (const k of e.terms.keys()) if (k !== v) hold(e)(k);
    pivots.set(v, e);
  }
  return [...pivots.values()];
}

/**
 * Exact linear algebra over the cells interval propagation leaves open, the attack relation-by-relation
 * propagation misses (x + y, x + z and y + z all shown give x, y and z). The relations are written over the
 * open cells (the fixed ones moved to the right-hand side) and split into connected components; each that
 * holds a cell `judged` is brought to reduced row-echelon form over the integers (exact: no rounding). Returns
 * the equations, for `bound` with the cells' bounds, and the components whose coefficients outgrew exact
 * doubles (`unsolved`: their hidden small counts are reported as unprotected, `unsure`, as the audit cannot
 * vouch for them).
 */
function eliminate(
  layout: Layout,
  round: Round,
  judged: (c: number) => boolean,
): { rows: Equation[]; unsolved: number; unsure: Set<number> } {
  const { relStart, relCells, relSigns } = layout;
  const { lo, hi } = round;
  const cells = lo.length;
  const parent = new Int32Array(cells);
  for (let c = 0; c < cells; c++) parent[c] = c;
  const find = (c: number) => {
    while (parent[c] !== c) c = parent[c] = parent[parent[c]!]!;
    return c;
  };
  const equations: Equation[] = [];
  for (let r = 0; r + 1 < relStart.length; r++) {
    const terms = new Map<number, number>();
    let rhs = 0;
    let first = -1;
    for (let k = relStart[r]!; k < relStart[r + 1]!; k++) {
      const c = relCells[k]!;
      const s = relSigns[k]!;
      if (lo[c] === hi[c]) rhs -= s * lo[c]!;
      else {
        const next = (terms.get(c) ?? 0) + s;
        if (next === 0) terms.delete(c);
        else terms.set(c, next);
        if (first < 0) first = c;
        else parent[find(c)] = find(first);
      }
    }
    // One open cell is propagation's; none says nothing.
    if (terms.size >= 2) equations.push({ terms, rhs });
  }
  const components = new Map<number, Equation[]>();
  for (const e of equations) {
    const root = find(e.terms.keys().next().value!);
    const list = components.get(root);
    if (list) list.push(e);
    else components.set(root, [e]);
  }
  const wanted = new Map<number, number[]>();
  for (let c = 0; c < cells; c++)
    if (lo[c]! < hi[c]! && judged(c)) {
      const root = find(c);
      const list = wanted.get(root);
      if (list) list.push(c);
      else wanted.set(root, [c]);
    }
  const rows: Equation[] = [];
  let unsolved = 0;
  const unsure = new Set<number>();
  const solved = new Map<string, Equation[]>();
  for (const [root, list] of components) {
    const targets = wanted.get(root);
    if (!targets) continue;
    const key = list.map((e) => `${[...e.terms].join(' ')}=${e.rhs}`).join(';');
    try {
      const reduced = layout.solved.get(key) ?? reducedEchelon(list);
      solved.set(key, reduced);
      for (const row of reduced) rows.push(row);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      unsolved++;
      for (const c of targets) unsure.add(c);
    }
  }
  layout.solved = solved;
  return { rows, unsolved, unsure };
}

/**
 * One component's equations (Σ coefficient · cell = rhs, integers) solved together, then the cells' bounds
 * `lo` and `hi` narrowed by them; returns the cells narrowed. Throws a RangeError when coefficients outgrow
 * exact doubles. The audit's elimination, exported to be tested on its own.
 */
export function narrowTogether(
  equations: { terms: Map<number, number>; rhs: number }[],
  lo: Float64Array,
  hi: Float64Array,
): number {
  return bound(reducedEchelon(equations.map((e) => ({ terms: new Map(e.terms), rhs: e.rhs }))), lo, hi);
}

/** Interval propagation over equations with coefficients, to a fixed point; returns the cells narrowed. */
function bound(rows: Equation[], lo: Float64Array, hi: Float64Array): number {
  const moved = new Set<number>();
  for (let pass = 0; pass < 100; pass++) {
    let changed = false;
    for (const { terms, rhs } of rows) {
      // Σ c·x over the row: its least and greatest (infinite parts counted apart).
      let minSum = 0;
      let maxSum = 0;
      let minInf = 0;
      let maxInf = 0;
      for (const [k, c] of terms) {
        const a = c > 0 ? c * lo[k]! : c * hi[k]!;
        const b = c > 0 ? c * hi[k]! : c * lo[k]!;
        if (a === -Infinity) minInf++;
        else minSum += a;
        if (b === Infinity) maxInf++;
        else maxSum += b;
      }
      for (const [k, c] of terms) {
        const a = c > 0 ? c * lo[k]! : c * hi[k]!;
        const b = c > 0 ? c * hi[k]! : c * lo[k]!;
        // The others' sum lies in [othersMin, othersMax]; c·x = rhs − others.
        const othersMin = minInf - (a === -Infinity ? 1 : 0) > 0 ? -Infinity : minSum - (a === -Infinity ? 0 : a);
        const othersMax = maxInf - (b === Infinity ? 1 : 0) > 0 ? Infinity : maxSum - (b === Infinity ? 0 : b);
        const x1 = (rhs - othersMax) / c;
        const x2 = (rhs - othersMin) / c;
        const newLo = Math.ceil((c > 0 ? x1 : x2) - 1e-9);
        const newHi = Math.floor((c > 0 ? x2 : x1) + 1e-9);
        if (newLo > lo[k]!) {
          lo[k] = newLo;
          changed = true;
          moved.add(k);
        }
        if (newHi < hi[k]!) {
          hi[k] = newHi;
          changed = true;
          moved.add(k);
        }
      }
    }
    if (!changed) break;
  }
  return moved.size;
}

/**
 * Audits `published` (suppressed) against `draft` (the same artifact before suppression). `exact: false`
 * leaves exact elimination out (interval propagation only): cheaper rounds while those still pin counts.
 * `stubborn`: cells (`unprotected` ids) a round's remedies left pinned; each now gets a cell hidden at every
 * depth around it, not only the nearest.
 */
export function auditDisclosure(
  published: Aggregates,
  draft: Aggregates,
  m: number,
  options: { exact?: boolean; stubborn?: ReadonlySet<string> } = {},
): AuditResult {
  const layout = layoutOf(draft);
  const round = readRound(layout, published, m);
  const { ids, truth, flags } = layout;
  const { kind, lo, hi } = round;
  const broken = [...layout.broken];
  for (let c = 0; c < ids.length; c++)
    if (truth[c]! < lo[c]! || truth[c]! > hi[c]!)
      broken.push(`${readableId(ids[c]!)}: ${truth[c]} outside its published bounds`);
  propagate(layout, round);
  for (let pass = 0; pass < 8 && tighten(round, m) > 0; pass++) propagate(layout, round);
  // Combinations of relations next (exact elimination), and propagation again over what they narrowed.
  // Only components holding a hidden small count are solved: the others pin nothing that is judged.
  let unsolved = 0;
  let unsure = new Set<number>();
  if (options.exact !== false) {
    const judged = (c: number) =>
      kind[c] !== SHOWN && kind[c] !== DERIVED && truth[c]! >= 1 && truth[c]! <= m - 1 && !(flags[c]! & ROW_FIELD);
    const found = eliminate(layout, round, judged);
    ({ unsolved, unsure } = found);
    for (let pass = 0; pass < 8 && bound(found.rows, lo, hi) > 0; pass++) propagate(layout, round);
    for (let pass = 0; pass < 8 && tighten(round, m) > 0; pass++) {
      propagate(layout, round);
      bound(found.rows, lo, hi);
    }
  }

  // A trailing-3 count whose months are all published (shown, or given by a shown rate) is theirs summed:
  // hidden or not, it hides nothing.
  for (const r of layout.trailingSums) {
    let all = true;
    for (let k = layout.relStart[r]! + 1; k < layout.relStart[r + 1]!; k++) {
      const c = layout.relCells[k]!;
      if (kind[c] !== SHOWN && kind[c] !== DERIVED) all = false;
    }
    if (all) kind[layout.relCells[layout.relStart[r]!]!] = DERIVED;
  }
  // A hidden feedback row is protected by its slots; its other counts (due, submitted, pending, the
  // recommendations) are not judged one by one, in a hidden row as in a shown one (see SECURITY.md).
  const unprotected: number[] = [];
  let rowFieldsPinned = 0;
  let hiddenSmall = 0;
  let hiddenOther = 0;
  for (let c = 0; c < ids.length; c++) {
    if (marksFew(kind[c]!)) hiddenSmall++;
    else if (kind[c] === COMPLEMENT) hiddenOther++;
    const small = kind[c] !== SHOWN && kind[c] !== DERIVED && truth[c]! >= 1 && truth[c]! <= m - 1;
    if (!small || (lo[c] !== hi[c] && !unsure.has(c))) continue;
    if (flags[c]! & ROW_FIELD) rowFieldsPinned++;
    else unprotected.push(c);
  }
  const remedies = new Set<string>();
  const offers = new Map<number, Offer>();
  for (const c of unprotected)
    for (const remedy of remediesFor(layout, round, m, c, offers, options.stubborn?.has(readableId(ids[c]!)) ?? false))
      remedies.add(remedy);
  return {
    cells: ids.length,
    relations: layout.relStart.length - 1 + round.ratioNum.length,
    hiddenSmall,
    hiddenOther,
    unprotected: unprotected.map((c) => ({ id: readableId(ids[c]!), truth: truth[c]!, lo: lo[c]!, hi: hi[c]! })),
    rowFieldsPinned,
    remedies: [...remedies],
    inconsistent: [...new Set([...round.inconsistent].map((c) => readableId(ids[c]!)))],
    broken: [...broken, ...[...round.crossed].map((c) => `${readableId(ids[c]!)}: its bounds crossed`)],
    unsolved,
  };
}

/**
 * Kinds of `cellId` that repeat a table's figures over other groupings (outstanding feedback is the pending
 * slots of every month, by age): hidden before a part of the table they repeat. Literal: imports cycle.
 */
const OVERLAPPING = ['partnership', 'partnership company', 'own feedback', 'trailing 3', 'outstanding'];
const isBarPart = (id: string) => !OVERLAPPING.includes(id.split('\u0001')[0]!) && !id.includes('\u0001hiringManager:');

/** Cells a headline repeats (see `tableIdOf`): a month's total, a department's feedback row, hires. */
const isHeadlineFigure = (id: string) => {
  const [kind, , , stageOrKey] = id.split('#')[0]!.split('\u0001');
  if (kind === 'rejection total' || kind === 'hires') return true;
  if (kind === 'feedback') return stageOrKey === ALL;
  if (kind === 'byRejectedBy') return stageOrKey === 'candidate';
  if (kind === 'byCategory') return stageOrKey === 'unspecified';
  return false;
};

/** What a relation offers to hide (cells, −1 for none): the same for every cell around it within one audit. */
interface Offer {
  best: number;
  costly: number;
  /** The relation's total when it is a figure the pages lead with and shown (a company or department month). */
  costlyTotal: number;
  /** Its cells not shown: the way on to the relations of the hidden cells beside it. */
  hidden: number[];
}

function offerOf(layout: Layout, round: Round, r: number): Offer {
  const { relStart, relCells, relSigns, truth, flags } = layout;
  const { kind, hideAs } = round;
  // The largest part of a bar: among the parts (not the total), of a table (a hiring manager's or a
  // window's figure beside the company's is an overlapping figure, the first to go).
  let largest = -1;
  for (let k = relStart[r]!; k < relStart[r + 1]!; k++) {
    const p = relCells[k]!;
    if (relSigns[k]! > 0 && flags[p]! & BAR_PART && (largest < 0 || truth[p]! > truth[largest]!)) largest = p;
  }
  let best = -1;
  let costly = -1;
  const hidden: number[] = [];
  for (let k = relStart[r]!; k < relStart[r + 1]!; k++) {
    const p = relCells[k]!;
    if (kind[p] !== SHOWN) hidden.push(p);
    else if (truth[p]! > 0 && hideAs[p] !== -1 && p !== largest) {
      if (flags[p]! & HEADLINE_FIGURE) {
        if (costly < 0 || truth[p]! < truth[costly]!) costly = p;
      } else if (best < 0 || truth[p]! < truth[best]!) best = p;
    }
  }
  const total = relCells[relStart[r]!]!;
  const costlyTotal =
    relSigns[relStart[r]!]! < 0 &&
    kind[total] === SHOWN &&
    truth[total]! > 0 &&
    hideAs[total] !== -1 &&
    flags[total]! & HEADLINE_FIGURE
      ? total
      : -1;
  return { best, costly, hidden, costlyTotal };
}

/**
 * The cells to hide for a narrowed one: in each relation around it (its own first, then those of the hidden
 * cells beside it), the shown cell of smallest positive value that can be hidden, never the relation's
 * largest part; and a small count pinned between its parts' lower bounds and its own "fewer than" is
 * published as hidden only. One cell per relation at once, so that few rounds are needed.
 */
function remediesFor(
  layout: Layout,
  round: Round,
  m: number,
  start: number,
  offers: Map<number, Offer>,
  stubborn: boolean,
): string[] {
  const { cellRelStart, cellRels, truth, hideAsNames } = layout;
  const name = (c: number) => hideAsNames[round.hideAs[c]!]!;
  // Relations with thousands of parts (every reason of a month) are met by many pinned cells: each is read once.
  const offer = (r: number): Offer => {
    let known = offers.get(r);
    if (!known) offers.set(r, (known = offerOf(layout, round, r)));
    return known;
  };
  let frontier = [start];
  const seen = new Set(frontier);
  // A small count pinned between its parts' lower bounds and its own "fewer than" is published as hidden only.
  const relabel = marksFew(round.kind[start]!) && round.hideAs[start] !== -1 ? [name(start)] : [];
  // So is a small total beside it: k parts of at least 1 under a total of at most minGroupSize − 1 pin each
  // other when k is minGroupSize − 1 (four 1s under a "fewer than 5").
  for (let k = cellRelStart[start]!; k < cellRelStart[start + 1]!; k++) {
    const r = cellRels[k]!;
    for (let j = layout.relStart[r]!; j < layout.relStart[r + 1]!; j++) {
      const c = layout.relCells[j]!;
      if (c !== start && marksFew(round.kind[c]!) && round.hideAs[c] !== -1) relabel.push(name(c));
    }
  }
  // The smallest figure the pages lead with met at any depth: the last resort.
  let lastResort = -1;
  let lastResortTotal = -1;
  // A cell still pinned after a round of this (elimination combines relations further out): every depth's.
  const found: string[] = [];
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    if (!stubborn) found.length = 0;
    let costly = -1;
    for (const c of frontier) {
      for (let k = cellRelStart[c]!; k < cellRelStart[c + 1]!; k++) {
        const o = offer(cellRels[k]!);
        if (o.best >= 0) found.push(name(o.best));
        if (o.costly >= 0 && (costly < 0 || truth[o.costly]! < truth[costly]!)) costly = o.costly;
      }
    }
    if (found.length > 0 && !stubborn) return [...found, ...relabel];
    // A figure the pages lead with (a month's total, a department's feedback, a share a headline repeats):
    // one, only where nothing else around will do, and only a small one (under twice minGroupSize): the
    // months of departments of normal size keep their headlines, and what stays pinned is reported.
    if (costly >= 0 && truth[costly]! < 2 * m && found.length === 0) return [name(costly), ...relabel];
    if (costly >= 0 && (lastResort < 0 || truth[costly]! < truth[lastResort]!)) lastResort = costly;
    for (const c of frontier)
      for (let k = cellRelStart[c]!; k < cellRelStart[c + 1]!; k++) {
        const t = offer(cellRels[k]!).costlyTotal;
        if (t >= 0 && (lastResortTotal < 0 || truth[t]! < truth[lastResortTotal]!)) lastResortTotal = t;
      }
    const next: number[] = [];
    for (const c of frontier) {
      for (let k = cellRelStart[c]!; k < cellRelStart[c + 1]!; k++) {
        for (const p of offer(cellRels[k]!).hidden) {
          if (seen.has(p)) continue;
          seen.add(p);
          next.push(p);
        }
      }
    }
    frontier = next;
  }
  if (found.length > 0) return [...found, ...relabel];
  // Nothing else around will do: a headline figure goes rather than a count that can be worked out.
  // The total of a bar first (the company's month), rather than one of its parts (a department's).
  if (lastResortTotal >= 0) return [name(lastResortTotal), ...relabel];
  return lastResort >= 0 ? [name(lastResort), ...relabel] : relabel;
}

/** The build's line about the audit (`npm run build`, `npm run data`); null when suppression is off. */
export function disclosureSummary(report: DisclosureReport | undefined): string | null {
  if (!report) return null;
  const count = formatCount;
  const verdict =
    report.unprotected === 0
      ? 'no hidden count can be worked out from what is published'
      : `${count(report.unprotected)} hidden counts can still be worked out (see SECURITY.md, "Disclosure control")`;
  // A relation that does not hold means the audit's model is wrong for this export: its verdict cannot be trusted.
  const fault = report.broken
    ? ` The audit's model did not fit this export in ${count(report.broken)} places, so that verdict is not sure: ` +
      'this is a fault of the dashboard, please report it (no data needed, only this line).'
    : '';
  return (
    `Disclosure audit: ${count(report.cellsChecked)} published counts and ${count(report.relations)} relations ` +
    `between them checked; ${count(report.hiddenSmall + report.hiddenComplements)} hidden ` +
    `(${count(report.addedByAudit)} added by the audit in ${report.rounds} rounds); ${verdict}.${fault}`
  );
}
