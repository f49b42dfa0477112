/**
 * Privacy: which figures the artifact hides. Applied once, to the whole draft artifact before it is written,
 * so the pages and the CSV downloads see the same figures. Three steps, in this order.
 *
 * 1. Small groups (SPEC "Privacy"). A figure about candidates (time to hire, feedback, rejections, funnel, the
 *    partnership view's candidate figures, the candidate headlines) that rests on n applications or feedback
 *    slots with 0 < n < minGroupSize is suppressed: its counts and values become null and `suppressed` true.
 *    n = 0 is not suppressed (there is nobody to protect; the figure simply has no value). Requisition
 *    figures describe seats, not people, and are left alone; so is a count of hires, however small (a hire
 *    fills a seat the requisition lists show, one row per seat): only the days to hire over fewer than
 *    minGroupSize hires are hidden, the hires beside them shown. minGroupSize 1 turns every step off.
 *
 * 2. Complementary suppression. Where figures add up to a total that is shown too, one hidden figure is the
 *    total minus the others. So for every such sum ("relation": total = Σ parts): when exactly one of its
 *    figures is hidden, or the hidden parts together rest on fewer than minGroupSize, the next-smallest shown
 *    part (by its own n; ties in row order) is hidden as well, until neither holds; never the relation's
 *    largest part (the bulk of a bar) while the total can be hidden instead. Parts of n = 0 are never chosen.
 *    A figure a headline repeats (a month's total, the "candidate" and "unspecified" rows behind the headline
 *    shares) is chosen after any other part. Hiding only ever adds and every relation sharing a newly hidden
 *    figure is checked again, so the result is a fixpoint, deterministic in the artifact's row order.
 *    Relations: rejections (company = Σ departments; a month × department = Σ categories = Σ rejected-by =
 *    Σ stages = Σ reason rows; categories, rejected-by values and stages = Σ their reason rows; `All` rows =
 *    Σ departments' and Σ stages'), feedback rows (`All` = Σ stages', Σ departments'), outstanding feedback,
 *    the funnel (`All` = Σ departments'), interviewers (when shown).
 *
 *    Fewer overlapping figures, besides: a headline of the company or a department is its table's cell (the
 *    month's feedback row, rejection total; the shares with their "candidate" and "unspecified"
 *    rows), hidden with it and as the next month's "previous"; a trailing-3 figure is hidden whenever one of
 *    its months is; a share is hidden where its month's total is; median and p90 hours over fewer than
 *    minGroupSize submitted slots are hidden in a shown row (`hidden` lists them); a pass-through is hidden
 *    where the next stage is, or where the applications it says went on are few.
 *
 * 3. The audit (`audit.ts`) attacks what steps 1 and 2 publish, as a whole; every hidden count it pins gets
 *    more cells hidden (`force`, by `cellId`), and steps 1–3 run again until it pins nothing
 *    (`protectAggregates`): by interval propagation first, then by exact elimination besides. Hidden figures
 *    carry `complementary: true` where "fewer than minGroupSize" is not what the page may say: a complement
 *    (its own n may be large), or a small figure that mark would give away.
 *
 * What stays open is in SECURITY.md ("Disclosure control").
 */
import {
  ALL,
  FEEDBACK_FIGURES,
  type Aggregates,
  type Figure,
  type HeadlineSeries,
  type MetricId,
  type Scope,
} from '../schema/aggregates.ts';
import { addMonths, quarterOf } from '../time.ts';
import { auditDisclosure } from './audit.ts';
import { METRICS } from './headlines.ts';

/** True when a figure resting on n rows must be hidden. */
export function isSmallGroup(n: number | null, minGroupSize: number): boolean {
  return n !== null && n > 0 && n < minGroupSize;
}

export function suppressFigure(figure: Figure, minGroupSize: number): Figure {
  return isSmallGroup(figure.n, minGroupSize) ? { value: null, n: null, suppressed: true } : figure;
}

/** The row with `fields` nulled and `suppressed: true` when n is a small group; else the row unchanged. */
export function suppressRow<T extends { suppressed: boolean }>(
  row: T,
  n: number | null,
  fields: readonly (keyof T)[],
  minGroupSize: number,
): T {
  return isSmallGroup(n, minGroupSize) ? hideRow(row, fields, false) : row;
}

function hideRow<T extends { suppressed: boolean }>(row: T, fields: readonly (keyof T)[], complementary: boolean): T {
  const out = complementary ? { ...row, suppressed: true, complementary: true as const } : { ...row, suppressed: true };
  for (const field of fields) (out as Record<keyof T, unknown>)[field] = null;
  return out;
}

// ---- cell ids: one name per published count, shared by the hiding below and the audit ---------------------

/** Tuple keys: parts joined with a character no name holds. */
const key = (...parts: string[]) => parts.join('\u0001');

/** The counts a headline figure rests on or gives back (value × n): hidden together with the figure. */
export type HeadlineCount = 'slots' | 'hires' | 'rejections' | 'byCandidate' | 'unspecified';

export const scopeKey = (scope: Scope): string =>
  scope.kind === 'all'
    ? ALL
    : scope.kind === 'department'
      ? `department:${scope.department}`
      : `hiringManager:${scope.hiringManager}`;

/**
 * One id per published cell (a row of a table, a headline count, a trailing-3 figure): the audit names the
 * cells it wants hidden by these ids, and the hiding below finds them by the same ids.
 */
export const cellId = {
  rejection: (r: {
    month: string;
    department: string;
    stage: string;
    reason: string;
    category: string;
    rejected_by: string;
  }) => key('rejections', r.month, r.department, r.stage, r.reason, r.category, r.rejected_by),
  share: (table: string, r: { month: string; department: string; key: string }) =>
    key(table, r.month, r.department, r.key),
  rejectionTotal: (month: string, department: string) => key('rejection total', month, department),
  feedback: (r: { month: string; department: string; stage: string }) =>
    key('feedback', r.month, r.department, r.stage),
  outstanding: (r: { bucket: string; department: string }) => key('outstanding', r.bucket, r.department),
  hires: (r: { month: string; department: string }) => key('hires', r.month, r.department),
  funnel: (r: { cohort: string; department: string; stage: string }) => key('funnel', r.cohort, r.department, r.stage),
  headline: (scope: Scope, month: string, count: HeadlineCount) => key('headline', scopeKey(scope), month, count),
  trailing3: (scope: Scope, month: string, metric: MetricId) => key('trailing 3', scopeKey(scope), month, metric),
  partnership: (hiringManager: string, figure: string) => key('partnership', hiringManager, figure),
  partnershipCompany: (fromMonth: string, toMonth: string, figure: string) =>
    key('partnership company', fromMonth, toMonth, figure),
  /** A partnership's screened candidates of a month, and how many went forward (the retrospective's table). */
  screened: (hiringManager: string, recruiter: string, month: string) =>
    key('screened', hiringManager, recruiter, month),
  /** What a hiring manager owes from their own interviews, or an interviewer from theirs, at the as-of date. */
  owed: (who: 'hiring manager' | 'interviewer', name: string) => key('owed', who, name),
  /** A hiring manager's own feedback of a month (the retrospective's partnerships table). */
  ownFeedback: (hiringManager: string, month: string) => key('own feedback', hiringManager, month),
  source: (month: string, source: string, field: string) => key('source', month, source, field),
  offer: (quarter: string, field: string) => key('offer', quarter, field),
  /** The window's declines (`reason` null) and each reason's. */
  decline: (reason: string | null) => (reason === null ? key('offers declined') : key('offer decline', reason)),
  recommendation: (hiringManager: string, field: string) => key('recommendation', hiringManager, field),
  /** A hiring manager's own feedback (`feedback.byPerson`). */
  person: (hiringManager: string) => key('person', hiringManager),
};

export const SOURCE_FIELDS = ['applications', 'advanced', 'hires'] as const;
export const OFFER_FIELDS = ['made', 'accepted', 'declined', 'other'] as const;
export const MIX_FIELDS = ['scorecards', 'strong_yes', 'yes', 'no', 'strong_no', 'no_decision'] as const;

/**
 * Whether every quarter's offers accepted are the hires of its months (in the range): so when no hire entered
 * an offer stage (the export has no stage events, say), as a hire then counts as an offer made and accepted on
 * its hire date. The offers accepted are then a count of hires, published as such; the audit relates them.
 */
export function acceptedAreHires(a: Aggregates): boolean {
  if (!a.offers) return false;
  const hires = new Map<string, number>();
  for (const r of a.timeToFill.timeToHireByMonth)
    if (r.department === ALL) hires.set(quarterOf(r.month), (hires.get(quarterOf(r.month)) ?? 0) + (r.hires ?? 0));
  return a.offers.byQuarter.every((r) => (r.accepted ?? 0) === (hires.get(r.quarter) ?? 0));
}

/** An id as people read it (in the audit's messages). */
export const readableId = (id: string) => id.split('\u0001').join(' · ');

// ---- rule 2: the complementary rule on cells and relations ------------------------------------------------

/** total = Σ parts, both shown. `total` null: a total shown elsewhere that this step never hides. */
export interface Relation {
  total: number | null;
  /** Cell indices, in row order (ties between equal n go to the first). */
  parts: readonly number[];
}

/**
 * Rule 2 over cells whose n (before suppression) are `ns`: `hidden` holds rule 1's result and is extended in
 * place; returns which cells were hidden as complements. Among the shown parts, the complement is the one of
 * least `costs` (default 0), then of smallest n, then first in order; never the relation's largest part (the
 * bulk of a bar) while another part or the total can be hidden instead.
 */
export function complementaryHide(
  ns: readonly number[],
  hidden: boolean[],
  relations: readonly Relation[],
  minGroupSize: number,
  costs: readonly number[] = [],
  relationsOf: readonly (readonly number[])[] = relationsOfCells(ns.length, relations),
): boolean[] {
  const cost = (cell: number) => costs[cell] ?? 0;
  const complement = ns.map(() => false);
  if (minGroupSize <= 1) return complement;
  // A work list of relations to check: all of them once, then those sharing a newly hidden cell.
  const queue = relations.map((_, i) => i);
  const queued = relations.map(() => true);
  const hide = (cell: number) => {
    hidden[cell] = true;
    complement[cell] = true;
    for (const r of relationsOf[cell]!) {
      if (queued[r]) continue;
      queued[r] = true;
      queue.push(r);
    }
  };
  for (let head = 0; head < queue.length; head++) {
    const index = queue[head]!;
    queued[index] = false;
    const { total, parts } = relations[index]!;
    let largest = -1;
    // Of equal largest parts the last counts as largest, so that ties still go to the first in row order.
    for (const p of parts) if (ns[p]! > 0 && (largest < 0 || ns[p]! >= ns[largest]!)) largest = p;
    for (;;) {
      let hiddenParts = 0;
      let hiddenSum = 0;
      let smallest = -1;
      for (const p of parts) {
        const n = ns[p]!;
        if (n <= 0) continue;
        if (hidden[p]) {
          hiddenParts++;
          hiddenSum += n;
        } else if (
          p !== largest &&
          (smallest < 0 || cost(p) < cost(smallest) || (cost(p) === cost(smallest) && n < ns[smallest]!))
        )
          smallest = p;
      }
      const totalHidden = total !== null && hidden[total]!;
      const exposed =
        hiddenParts + (totalHidden ? 1 : 0) === 1 || (!totalHidden && hiddenParts > 0 && hiddenSum < minGroupSize);
      if (!exposed) break;
      if (smallest >= 0) hide(smallest);
      else if (total !== null && !totalHidden && ns[total]! > 0) hide(total);
      else if (largest >= 0 && !hidden[largest]) hide(largest);
      else break;
    }
  }
  return complement;
}

/** For each cell, the relations it is in (as total or part). */
function relationsOfCells(cells: number, relations: readonly Relation[]): number[][] {
  const relationsOf: number[][] = Array.from({ length: cells }, () => []);
  relations.forEach((r, i) => {
    if (r.total !== null) relationsOf[r.total]!.push(i);
    for (const p of r.parts) relationsOf[p]!.push(i);
  });
  return relationsOf;
}

/**
 * Cells of one section: each with its n before suppression and rule 1's verdict. Laid out once per draft;
 * `run` applies rule 2 with the audit's `force` of the round (the hidden cells are the last run's).
 */
class Cells {
  readonly ns: number[] = [];
  /** Rule 1's verdict. */
  private readonly small: boolean[] = [];
  hidden: boolean[] = [];
  /** 1 for a figure a headline repeats: chosen as a complement only when no other will do. */
  readonly costs: number[] = [];
  readonly relations: Relation[] = [];
  /** The id the audit may ask to hide each cell by (undefined: none, or a cell of n 0). */
  private readonly ids: (string | undefined)[] = [];
  private relationsOf: number[][] | null = null;
  complement: boolean[] = [];
  private readonly minGroupSize: number;
  constructor(minGroupSize: number) {
    this.minGroupSize = minGroupSize;
  }

  add(n: number | null, cost = 0, id?: string): number {
    const cell = this.ns.length;
    const small = isSmallGroup(n, this.minGroupSize);
    this.ns.push(n ?? 0);
    this.small.push(small);
    this.hidden.push(small);
    this.costs.push(cost);
    this.ids.push((n ?? 0) > 0 ? id : undefined);
    return cell;
  }

  /** Hidden by rule 1 with the small count it rests on (a row's other figures when its own count is small). */
  hideWith(cell: number): void {
    this.small[cell] = true;
    this.hidden[cell] = true;
  }

  /** One relation per group of `parts` (by `key`; null = in none), its total found by `totalOf`. */
  relate<T>(
    rows: readonly T[],
    cells: readonly number[],
    key: (row: T) => string | null,
    totalOf: (key: string) => number | null | undefined,
  ): void {
    const groups = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const k = key(row);
      if (k === null) return;
      const list = groups.get(k);
      if (list) list.push(cells[i]!);
      else groups.set(k, [cells[i]!]);
    });
    for (const [k, parts] of groups) {
      const total = totalOf(k);
      // A sum whose total row does not exist (no rollup for it) is still a shown sum of its parts: never skip.
      this.relations.push({ total: total ?? null, parts });
    }
  }

  /** Rule 2, with the cells of `force` (by id) hidden first: a shown cell is hidden; a small one is published
   * as hidden, without "fewer than" (see the audit). */
  run(force: ReadonlySet<string>): void {
    const forced: number[] = [];
    if (force.size > 0)
      this.ids.forEach((id, cell) => {
        if (id !== undefined && force.has(id)) forced.push(cell);
      });
    this.hidden = [...this.small];
    for (const cell of forced) this.hidden[cell] = true;
    this.relationsOf ??= relationsOfCells(this.ns.length, this.relations);
    this.complement = complementaryHide(
      this.ns,
      this.hidden,
      this.relations,
      this.minGroupSize,
      this.costs,
      this.relationsOf,
    );
    for (const cell of forced) this.complement[cell] = true;
  }

  /** Hidden as a small group (false), as a complement (true), or shown (null). */
  state(cell: number | undefined): boolean | null {
    if (cell === undefined || !this.hidden[cell]) return null;
    return this.complement[cell]!;
  }

  /** The row as it ships: unchanged, or hidden (nulled `fields`), as a small group or as a complement. */
  apply<T extends { suppressed: boolean }>(row: T, cell: number, fields: readonly (keyof T)[]): T {
    return this.hidden[cell] ? hideRow(row, fields, this.complement[cell]!) : row;
  }
}

/** Row index → cell, and tuple key → cell. */
function index<T>(
  cells: Cells,
  rows: readonly T[],
  n: (row: T) => number | null,
  keyOf: (row: T) => string,
  cost: (row: T) => number,
  idOf: (row: T) => string,
) {
  const of = rows.map((r) => cells.add(n(r), cost(r), idOf(r)));
  const byKey = new Map<string, number>();
  rows.forEach((r, i) => byKey.set(keyOf(r), of[i]!));
  return { of, byKey };
}

// ---- the sections ---------------------------------------------------------------------------------------

type Rejections = Aggregates['rejections'];
type RejectionRow = Rejections['byMonth'][number];
type ShareRow = Rejections['byCategory'][number];

const REJECTION_SHARE_TABLES = ['byCategory', 'byRejectedBy', 'byStage'] as const;
/** Share rows a headline repeats (withdrawal share, unspecified-reason share). */
const HEADLINE_SHARE_KEYS: Partial<Record<(typeof REJECTION_SHARE_TABLES)[number], string[]>> = {
  byCategory: ['unspecified'],
  byRejectedBy: ['candidate'],
};

function rejectionCells(r: Rejections, m: number) {
  const cells = new Cells(m);
  const reasonKey = (x: RejectionRow) => key(x.reason, x.category, x.rejected_by);
  const rows = index(
    cells,
    r.byMonth,
    (x) => x.rejections,
    (x) => key(x.month, x.department, x.stage, reasonKey(x)),
    () => 0,
    cellId.rejection,
  );
  const shares = Object.fromEntries(
    REJECTION_SHARE_TABLES.map((t) => [
      t,
      index(
        cells,
        r[t],
        (x) => x.rejections,
        (x) => key(x.month, x.department, x.key),
        // The headline withdrawal and unspecified-reason shares are these rows' shares.
        (x) => (HEADLINE_SHARE_KEYS[t]?.includes(x.key) ? 1 : 0),
        (x) => cellId.share(t, x),
      ),
    ]),
  ) as Record<(typeof REJECTION_SHARE_TABLES)[number], ReturnType<typeof index<ShareRow>>>;

  // Month × department (and All) totals, the headline 'rejections' counts: Σ of the category rows.
  const totalN = new Map<string, number>();
  for (const x of r.byCategory) {
    const k = key(x.month, x.department);
    totalN.set(k, (totalN.get(k) ?? 0) + (x.rejections ?? 0));
  }
  const totals = new Map<string, number>();
  const months = new Map<string, string[]>();
  // The headline 'rejections' counts.
  for (const [k, n] of totalN) {
    const [month, department] = k.split('\u0001') as [string, string];
    totals.set(k, cells.add(n, 1, cellId.rejectionTotal(month, department)));
  }
  for (const x of r.byCategory) {
    if (x.department === ALL) continue;
    const list = months.get(x.month) ?? [];
    if (!list.includes(x.department)) list.push(x.department);
    months.set(x.month, list);
  }
  // The company's total = Σ departments' totals.
  for (const [month, departments] of months)
    cells.relations.push({
      total: totals.get(key(month, ALL)) ?? null,
      parts: departments.map((d) => totals.get(key(month, d))!),
    });

  for (const t of REJECTION_SHARE_TABLES) {
    const rowsOf = r[t];
    // Keys within a month × department add up to its total; departments within a month × key to All's row.
    cells.relate(
      rowsOf,
      shares[t].of,
      (x) => key(x.month, x.department),
      (k) => totals.get(k),
    );
    cells.relate(
      rowsOf,
      shares[t].of,
      (x) => (x.department === ALL ? null : key(x.month, x.key)),
      (k) => {
        const [month, shareKey] = k.split('\u0001') as [string, string];
        return shares[t].byKey.get(key(month, ALL, shareKey));
      },
    );
  }

  // Reason rows: within a month × department × stage (total: the stage's share row, or the month ×
  // department total at stage All); across departments (total: department All); across stages (stage All).
  cells.relate(
    r.byMonth,
    rows.of,
    (x) => key(x.month, x.department, x.stage),
    (k) => {
      const [month, department, stage] = k.split('\u0001') as [string, string, string];
      return stage === ALL ? totals.get(key(month, department)) : shares.byStage.byKey.get(k);
    },
  );
  cells.relate(
    r.byMonth,
    rows.of,
    (x) => (x.department === ALL ? null : key(x.month, x.stage, reasonKey(x))),
    (k) => {
      const [month, stage, ...reason] = k.split('\u0001') as [string, string, ...string[]];
      return rows.byKey.get(key(month, ALL, stage, ...reason));
    },
  );
  cells.relate(
    r.byMonth,
    rows.of,
    (x) => (x.stage === ALL ? null : key(x.month, x.department, reasonKey(x))),
    (k) => {
      const [month, department, ...reason] = k.split('\u0001') as [string, string, ...string[]];
      return rows.byKey.get(key(month, department, ALL, ...reason));
    },
  );
  // A category, and a rejected-by value, of a month × department = Σ its reason rows at stage All.
  cells.relate(
    r.byMonth,
    rows.of,
    (x) => (x.stage === ALL ? key(x.month, x.department, x.category) : null),
    (k) => shares.byCategory.byKey.get(k),
  );
  cells.relate(
    r.byMonth,
    rows.of,
    (x) => (x.stage === ALL ? key(x.month, x.department, x.rejected_by) : null),
    (k) => shares.byRejectedBy.byKey.get(k),
  );
  return { cells, rows, shares, totals };
}

type FeedbackRow = Aggregates['feedback']['byMonth'][number];

function feedbackCells(rowsOf: readonly FeedbackRow[], m: number) {
  const cells = new Cells(m);
  const rows = index(
    cells,
    rowsOf,
    (x) => x.slots,
    (x) => key(x.month, x.department, x.stage),
    () => 0,
    cellId.feedback,
  );
  cells.relate(
    rowsOf,
    rows.of,
    (x) => (x.stage === ALL ? null : key(x.month, x.department)),
    (k) => rows.byKey.get(key(k, ALL)),
  );
  cells.relate(
    rowsOf,
    rows.of,
    (x) => (x.department === ALL ? null : key(x.month, x.stage)),
    (k) => {
      const [month, stage] = k.split('\u0001') as [string, string];
      return rows.byKey.get(key(month, ALL, stage));
    },
  );
  return { cells, rows };
}

/** Rows that add up across departments to their department-All row with the same `groupOf`. */
function acrossDepartments<T extends { department: string }>(
  rowsOf: readonly T[],
  n: (row: T) => number | null,
  groupOf: (row: T) => string,
  m: number,
  idOf: (row: T) => string,
) {
  const cells = new Cells(m);
  const rows = index(
    cells,
    rowsOf,
    n,
    (x) => key(groupOf(x), x.department),
    () => 0,
    idOf,
  );
  cells.relate(
    rowsOf,
    rows.of,
    (x) => (x.department === ALL ? null : groupOf(x)),
    (k) => rows.byKey.get(key(k, ALL)),
  );
  return { cells, rows };
}

/**
 * Sources: a month's applications, advanced and hires by source, each summing to the month's (taken as shown:
 * the hires are the company's, published; never a cell to hide). A row of few applications hides its advanced
 * with them (they rest on those applications); its hires, by month of the hire, stand on their own.
 */
function sourceCells(rows: NonNullable<Aggregates['sources']>, m: number) {
  const cells = new Cells(m);
  const of = rows.map((r) => SOURCE_FIELDS.map((f) => cells.add(r[f], 0, cellId.source(r.month, r.source, f))));
  rows.forEach((r, i) => {
    if (isSmallGroup(r.applications, m)) cells.hideWith(of[i]![1]!);
  });
  SOURCE_FIELDS.forEach((_, f) =>
    cells.relate(
      rows,
      of.map((c) => c[f]!),
      (r) => r.month,
      () => null,
    ),
  );
  return { cells, of };
}

/**
 * Offers: a quarter's offers made = accepted + declined + the rest, each row hidden whole below minGroupSize
 * offers made; the window's declines = its reasons (and = its quarters' declines when the window is whole
 * quarters). The window's declines are never hidden beside a reason (the page says "fewer than" of them), and
 * the offers accepted, where they are the quarters' hires (`acceptedAreHires`), never at all.
 */
function offerCells(offers: NonNullable<Aggregates['offers']>, m: number, accepted: boolean) {
  const cells = new Cells(m);
  const of = offers.byQuarter.map((r) =>
    OFFER_FIELDS.map((f) => cells.add(accepted && f === 'accepted' ? 0 : r[f], 0, cellId.offer(r.quarter, f))),
  );
  offers.byQuarter.forEach((r, i) => {
    if (isSmallGroup(r.made, m))
      for (let f = 1; f < OFFER_FIELDS.length; f++) if (!accepted || f !== 1) cells.hideWith(of[i]![f]!);
  });
  for (const c of of) cells.relations.push({ total: c[0]!, parts: accepted ? [c[2]!, c[3]!] : c.slice(1) });
  const { declines } = offers;
  const total = cells.add(declines.declined);
  const reasons = declines.reasons.map((r) => cells.add(r.declines, 0, cellId.decline(r.reason)));
  if (isSmallGroup(declines.declined, m)) for (const c of reasons) cells.hideWith(c);
  if (reasons.length) cells.relations.push({ total: null, parts: reasons });
  const window = offerWindow(offers);
  if (window.length) cells.relations.push({ total: null, parts: window.map((i) => of[i]![2]!) });
  return { cells, of, total, reasons };
}

/** The quarters whose declines add up to the window's (when the window is whole quarters): their indices. */
export function offerWindow(offers: NonNullable<Aggregates['offers']>): number[] {
  const { fromMonth, toMonth } = offers.declines;
  const quarterStart = (month: string) => (Number(month.slice(5, 7)) - 1) % 3 === 0;
  if (!quarterStart(fromMonth) || !quarterStart(addMonths(toMonth, 1))) return [];
  return offers.byQuarter.flatMap((r, i) =>
    r.quarter >= quarterOf(fromMonth) && r.quarter <= quarterOf(toMonth) ? [i] : [],
  );
}

/** Each hiring manager's own scorecards (taken as shown elsewhere, never a complement) = its recommendations. */
function mixCells(rows: Aggregates['recommendations'], m: number) {
  const cells = new Cells(m);
  const of = rows.map((r) => MIX_FIELDS.map((f) => cells.add(r[f], 0, cellId.recommendation(r.hiringManager, f))));
  rows.forEach((r, i) => {
    if (isSmallGroup(r.scorecards, m)) for (let f = 1; f < MIX_FIELDS.length; f++) cells.hideWith(of[i]![f]!);
  });
  for (const c of of) cells.relations.push({ total: null, parts: c.slice(1) });
  return { cells, of };
}

/**
 * A row of one of those tables as it ships: its fields hidden or shown; `suppressed` when every field is hidden
 * and its first (the count the others rest on) as a small group; `complementary` when any is hidden beside a
 * small one (the page then marks every hidden field of the row "hidden", not "fewer than").
 */
function shipRow<T extends { suppressed: boolean }>(row: T, fields: readonly string[], cells: Cells, of: number[]): T {
  const states = of.map((c) => cells.state(c));
  const hiddenFields = fields.filter((_, f) => states[f] !== null);
  if (hiddenFields.length === 0) return row;
  const out: Record<string, unknown> = { ...row };
  for (const f of hiddenFields) out[f] = null;
  const whole = hiddenFields.length === fields.length && states[0] === false;
  out.suppressed = whole;
  if (states.some((x) => x === true)) out.complementary = true;
  if (!whole) out.hidden = hiddenFields;
  return out as T;
}

/**
 * The sources' rows as they ship. A month's hires by source add up to the company's hires of the month, which
 * are published: where one of them is hidden, the hires of every source that month are (0s too, marked hidden,
 * not "fewer than"), so that none is the month's hires minus the others, nor pinned by its bounds.
 */
function shipSources(
  rows: NonNullable<Aggregates['sources']>,
  { cells, of }: ReturnType<typeof sourceCells>,
): NonNullable<Aggregates['sources']> {
  const months = new Set(rows.flatMap((r, i) => (cells.state(of[i]![2]) !== null ? [r.month] : [])));
  return rows.map((r, i) => {
    const row = shipRow(r, SOURCE_FIELDS, cells, of[i]!);
    if (!months.has(r.month)) return row;
    // Every hidden one "hidden": a "fewer than" (at least 1) beside hidden 0s would pin it.
    if (row.suppressed) return { ...row, complementary: true };
    const hidden = row.hidden?.includes('hires') ? row.hidden : [...(row.hidden ?? []), 'hires'];
    return { ...row, hires: null, complementary: true, hidden };
  });
}

function shipOffers(
  o: NonNullable<Aggregates['offers']>,
  { cells, of, total, reasons }: ReturnType<typeof offerCells>,
): NonNullable<Aggregates['offers']> {
  const declined = cells.state(total) !== null;
  return {
    byQuarter: o.byQuarter.map((r, i) => shipRow(r, OFFER_FIELDS, cells, of[i]!)),
    declines: {
      ...o.declines,
      declined: declined ? null : o.declines.declined,
      suppressed: declined,
      reasons: o.declines.reasons.map((r, k) => {
        const state = cells.state(reasons[k]);
        if (state === null) return r;
        return state
          ? { ...r, declines: null, suppressed: true, complementary: true }
          : { ...r, declines: null, suppressed: true };
      }),
    },
  };
}

type FunnelRow = NonNullable<Aggregates['funnel']>[number];

function funnelCells(funnel: readonly FunnelRow[], m: number) {
  const { cells, rows } = acrossDepartments(
    funnel,
    (x) => x.reached,
    (x) => key(x.cohort, x.stage),
    m,
    cellId.funnel,
  );
  // Each row's next stage (undefined at the last).
  const at = new Map(funnel.map((x) => [key(x.cohort, x.department, String(x.stage_index)), x]));
  const next = funnel.map((x) => {
    const following = at.get(key(x.cohort, x.department, String(x.stage_index + 1)));
    return following && rows.byKey.get(key(following.cohort, following.stage, following.department))!;
  });
  return { cells, rows, next };
}

function suppressFunnel(
  funnel: readonly FunnelRow[],
  { cells, rows, next }: ReturnType<typeof funnelCells>,
  m: number,
): FunnelRow[] {
  return funnel.map((x, i) => {
    const row = cells.apply(x, rows.of[i]!, ['reached', 'pass_through', 'median_days_in_stage']);
    if (row.suppressed || row.pass_through === null || row.reached === null) return row;
    // pass-through × reached = the applications that went on: hidden with the next stage, or when few.
    const following = next[i];
    const wentOn = Math.round(row.pass_through * row.reached);
    return (following !== undefined && cells.hidden[following]) || isSmallGroup(wentOn, m)
      ? { ...row, pass_through: null, hidden: ['pass_through'] }
      : row;
  });
}

// ---- headlines ------------------------------------------------------------------------------------------

/**
 * The counts each candidate headline rests on or gives back: a figure is hidden when any of them is. The
 * feedback rates and the median hours stand with their month's slots, as the feedback table's row does (the
 * table shows a row's due and submitted slots beside its slots); the median hours are hidden besides when
 * fewer than minGroupSize slots were submitted, as in the table.
 */
const HEADLINE_COUNTS: Partial<Record<MetricId, HeadlineCount[]>> = {
  medianDaysToHire: ['hires'],
  feedbackSlots: ['slots'],
  feedbackSubmissionRate: ['slots'],
  feedbackOnTimeRate: ['slots'],
  medianHoursToFeedback: ['slots'],
  rejections: ['rejections'],
  withdrawalShare: ['rejections', 'byCandidate'],
  unspecifiedReasonShare: ['rejections', 'unspecified'],
};
/** Metrics whose own n (not their month's slots) decides rule 1. */
const OWN_N: readonly MetricId[] = [
  'medianDaysToHire',
  'feedbackSlots',
  'medianHoursToFeedback',
  'rejections',
  'withdrawalShare',
  'unspecifiedReasonShare',
];
/** The series whose n is each headline count (for the hiring managers' scopes, which have no table). */
const COUNT_SERIES: Partial<Record<HeadlineCount, MetricId>> = {
  slots: 'feedbackSlots',
  hires: 'medianDaysToHire',
  rejections: 'rejections',
};

const hiddenFigure = (complementary: boolean): Figure =>
  complementary
    ? { value: null, n: null, suppressed: true, complementary: true }
    : { value: null, n: null, suppressed: true };

/** Hidden as a small group (false), as a complement (true), or shown (null). */
type State = boolean | null;
const worst = (a: State, b: State): State =>
  a === false || b === false ? false : a === true || b === true ? true : null;

/**
 * Rule 1 on every candidate headline figure; then the counts it rests on (`tableState` for the company and
 * the departments: the tables' own cells; the hiring managers' own n and the audit's `force` otherwise), as
 * the month's figure and the next month's "previous"; then the trailing-3 pooled figures, hidden whenever any
 * of their three months is: a pooled figure beside shown months adds nothing, and beside a hidden one (and
 * the window before or after it) it gives the hidden month back.
 */
function suppressHeadlines(
  series: readonly HeadlineSeries[],
  m: number,
  tableState: (count: HeadlineCount, department: string, month: string) => State,
  force: ReadonlySet<string>,
  departmentOf: ReadonlyMap<string, string>,
): HeadlineSeries[] {
  const bySeries = new Map(series.map((s) => [key(s.metric, scopeKey(s.scope)), s]));
  // The scopes the audit asked something of (most have nothing forced: their ids need not be written out).
  const forcedScopes = new Set<string>();
  for (const id of force) {
    const [kind, scope] = id.split('\u0001');
    if (kind === 'headline' || kind === 'trailing 3') forcedScopes.add(scope!);
  }
  const countState = (
    scope: Scope,
    i: number,
    count: HeadlineCount,
    countSeries: HeadlineSeries | undefined,
    scopeForced: boolean,
  ): State => {
    const month = series[0]!.months[i]!.month;
    if (scope.kind !== 'hiringManager') return tableState(count, scope.kind === 'all' ? ALL : scope.department, month);
    const n = countSeries?.months[i]?.current.n ?? null;
    const forced = scopeForced && force.has(cellId.headline(scope, month, count));
    if (isSmallGroup(n, m)) return forced;
    // A part of its one department's count: hidden where that count is (the parts would add it back up).
    const only = departmentOf.get(scope.hiringManager);
    if (n !== 0 && only !== undefined && tableState(count, only, month) !== null) return true;
    return n !== 0 && forced ? true : null;
  };
  return series.map((s) => {
    if (s.metric === 'medianDaysToHire') return daysToHire(s, m);
    const counts = HEADLINE_COUNTS[s.metric];
    if (!METRICS[s.metric].candidate || !counts) return s;
    const months = s.months;
    const sk = scopeKey(s.scope);
    const scopeForced = forcedScopes.has(sk);
    const countSeries = counts.map((count) => {
      const metric = COUNT_SERIES[count];
      return metric ? bySeries.get(key(metric, sk)) : undefined;
    });
    // Hidden for a numerator (a share's count): a complement, its own n may be large.
    // Median hours over a few submitted slots of a shown month: the hours are hidden, their n is not (the
    // feedback table shows the month's submitted slots beside its slots).
    const valueOnly = months.map(() => false);
    const states = months.map((c, i): State => {
      // A figure of n 0 is still hidden with its counts: "0 submitted" is a count of the hidden row.
      const counted = counts.reduce<State>((state, count, k) => {
        const counted = countState(s.scope, i, count, countSeries[k], scopeForced);
        return worst(state, k > 0 && counted === false ? true : counted);
      }, null);
      // A small n is "fewer than minGroupSize", unless the audit asked for its count to be hidden only.
      if (OWN_N.includes(s.metric) && isSmallGroup(c.current.n, m)) {
        valueOnly[i] = s.metric === 'medianHoursToFeedback' && counted === null;
        return counted === true;
      }
      return counted;
    });
    const hide = (f: Figure, i: number): Figure =>
      valueOnly[i] ? { value: null, n: f.n, suppressed: true } : hiddenFigure(states[i]!);
    return {
      ...s,
      months: months.map((c, i) => {
        let trailing3 = suppressFigure(c.trailing3, m);
        const forced = scopeForced && force.has(cellId.trailing3(s.scope, c.month, s.metric));
        // A small window the audit asked about is hidden only: "fewer than" would bound the months it holds.
        if (trailing3.suppressed && forced) trailing3 = hiddenFigure(true);
        else if (!trailing3.suppressed && c.trailing3.value !== null) {
          const window = [i - 3, i - 2, i - 1].filter((j) => j >= 0 && states[j] !== null);
          if (window.length > 0 || forced) trailing3 = hiddenFigure(true);
        }
        return {
          ...c,
          current: states[i] !== null ? hide(c.current, i) : c.current,
          previous: i > 0 && states[i - 1] !== null ? hide(c.previous, i - 1) : suppressFigure(c.previous, m),
          trailing3,
        };
      }),
    };
  });
}

/**
 * Days to hire: its n, a count of hires, is published however small (the seats they fill are listed, row by
 * row); the days over fewer than minGroupSize hires are those hires' own, hidden. A trailing-3 value is hidden
 * too where one of its months' is (its n, the three months' hires added up, stays).
 */
function daysToHire(s: HeadlineSeries, m: number): HeadlineSeries {
  const daysOnly = (f: Figure): Figure => (isSmallGroup(f.n, m) ? { value: null, n: f.n, suppressed: true } : f);
  return {
    ...s,
    months: s.months.map((c, i) => {
      const window = [i - 3, i - 2, i - 1].some((j) => j >= 0 && isSmallGroup(s.months[j]!.current.n, m));
      const trailing3 = daysOnly(c.trailing3);
      return {
        ...c,
        current: daysOnly(c.current),
        previous: daysOnly(c.previous),
        trailing3:
          window && !trailing3.suppressed && trailing3.value !== null
            ? { value: null, n: trailing3.n, suppressed: true }
            : trailing3,
      };
    }),
  };
}

/** A time-to-hire row: its hires shown, however few; the days over fewer than minGroupSize hires hidden. */
function hireRow<T extends { hires: number | null; median_days: number | null; p90_days: number | null }>(
  r: T,
  m: number,
): T {
  return isSmallGroup(r.hires, m)
    ? { ...r, median_days: null, p90_days: null, hidden: ['median_days', 'p90_days'] }
    : r;
}

/**
 * The department each hiring manager hires for alone, as the published requisition lists show it: their counts
 * are parts of that department's (the audit writes the relation down), so an attacker adds them up.
 */
export function soleDepartments(a: Aggregates): Map<string, string> {
  const departmentsOf = new Map<string, Set<string>>();
  for (const r of [...a.timeToFill.fills, ...a.timeToFill.open]) {
    if (!r.hiring_manager || !r.department) continue;
    const ds =
      departmentsOf.get(r.hiring_manager) ?? departmentsOf.set(r.hiring_manager, new Set()).get(r.hiring_manager)!;
    ds.add(r.department);
  }
  return new Map([...departmentsOf].flatMap(([name, ds]) => (ds.size === 1 ? [[name, [...ds][0]!] as const] : [])));
}

// ---- the whole artifact ---------------------------------------------------------------------------------

/** Partnership figures about candidates: hidden below minGroupSize, or where the audit asks. */
const PARTNERSHIP_FIGURES = [
  'feedbackOnTimeRate',
  'medianHoursToFeedback',
  'hiringManagerScreenPassThrough',
  'recruiterScreenToHiringManagerScreen',
  'unspecifiedReasonShare',
] as const;

/** The sections' cells and relations: the same in every round of `protectAggregates`, so laid out once. */
function layOutSections(a: Aggregates, m: number) {
  const people = new Cells(m);
  // A hiring manager's row may be hidden beside their recommendations (the audit relates the two).
  const personCells = a.feedback.byPerson.map((r) =>
    people.add(r.slots, 0, r.role === 'hiringManager' ? cellId.person(r.person) : undefined),
  );
  people.relate(
    a.feedback.byPerson,
    personCells,
    (r) => (r.role === 'interviewer' ? 'interviewer' : null),
    () => null,
  );
  return {
    m,
    rejections: rejectionCells(a.rejections, m),
    feedback: feedbackCells(a.feedback.byMonth, m),
    outstanding: acrossDepartments(
      a.feedback.outstanding,
      (x) => x.slots,
      (x) => x.bucket,
      m,
      cellId.outstanding,
    ),
    people,
    personCells,
    funnel: a.funnel === null ? null : funnelCells(a.funnel, m),
    sources: a.sources === null ? null : sourceCells(a.sources, m),
    offers: a.offers === null ? null : offerCells(a.offers, m, acceptedAreHires(a)),
    mix: mixCells(a.recommendations, m),
  };
}
const sections = new WeakMap<Aggregates, ReturnType<typeof layOutSections>>();
function sectionsOf(a: Aggregates, m: number): ReturnType<typeof layOutSections> {
  let known = sections.get(a);
  if (!known || known.m !== m) sections.set(a, (known = layOutSections(a, m)));
  return known;
}

/**
 * Rules 1 and 2 once, with the cells of `force` (ids of `cellId`) hidden besides as complements. Use
 * `protectAggregates`, which runs this until the audit finds nothing to add.
 */
type OwedRow = Aggregates['owners']['owedFeedback'][number];

/**
 * What people owe, hidden: a small count, or one the audit asks for. The shown keep their order (most first);
 * the hidden follow by name, never in the order of their counts (which would say which of two is larger).
 */
function hideOwed<T extends Omit<OwedRow, 'hiringManager'>>(
  rows: readonly T[],
  m: number,
  force: ReadonlySet<string>,
  name: (row: T) => string,
  who: 'hiring manager' | 'interviewer',
): T[] {
  const hidden = (row: T, complementary: boolean): T => ({
    ...row,
    slots: null,
    oldestDays: null,
    suppressed: true,
    ...(complementary ? { complementary: true as const } : {}),
  });
  // A small count the audit asks for is "hidden" too: its "fewer than" would pin it (1 when the threshold is 2).
  const out = rows.map((row) =>
    row.suppressed
      ? row
      : force.has(cellId.owed(who, name(row)))
        ? hidden(row, true)
        : isSmallGroup(row.slots, m)
          ? hidden(row, false)
          : row,
  );
  const byName = (x: T, y: T) => (name(x) < name(y) ? -1 : name(x) > name(y) ? 1 : 0);
  return [...out.filter((row) => !row.suppressed), ...out.filter((row) => row.suppressed).sort(byName)];
}

export function suppressOnce(a: Aggregates, minGroupSize: number, force: ReadonlySet<string> = new Set()): Aggregates {
  if (minGroupSize <= 1) return a;
  const m = minGroupSize;
  const { rejections, feedback, outstanding, people, personCells, funnel, sources, offers, mix } = sectionsOf(a, m);
  for (const section of [rejections, feedback, outstanding, funnel, sources, offers, mix]) section?.cells.run(force);
  people.run(force);

  const tableState = (count: HeadlineCount, department: string, month: string): State => {
    const r = rejections;
    switch (count) {
      case 'slots':
        return feedback.cells.state(feedback.rows.byKey.get(key(month, department, ALL)));
      case 'hires':
        // A hire count is published, never hidden (see `hireRow`).
        return null;
      case 'rejections':
        return r.cells.state(r.totals.get(key(month, department)));
      case 'byCandidate':
        return r.cells.state(r.shares.byRejectedBy.byKey.get(key(month, department, 'candidate')));
      case 'unspecified':
        return r.cells.state(r.shares.byCategory.byKey.get(key(month, department, 'unspecified')));
    }
  };

  // A share beside its count gives the month's total back (count / share): shown only where the total is.
  const shareRows = (t: (typeof REJECTION_SHARE_TABLES)[number]) =>
    a.rejections[t].map((x, i) => {
      const row = rejections.cells.apply(x, rejections.shares[t].of[i]!, ['rejections', 'share']);
      const totalHidden = rejections.cells.state(rejections.totals.get(key(x.month, x.department))) !== null;
      return !row.suppressed && totalHidden && row.share !== null ? { ...row, share: null, hidden: ['share'] } : row;
    });

  return {
    ...a,
    headlines: suppressHeadlines(a.headlines, m, tableState, force, soleDepartments(a)),
    timeToFill: {
      ...a.timeToFill,
      timeToHireByMonth: a.timeToFill.timeToHireByMonth.map((r) => hireRow(r, m)),
    },
    feedback: {
      byMonth: a.feedback.byMonth.map((r, i) => {
        const row = feedback.cells.apply(r, feedback.rows.of[i]!, FEEDBACK_FIGURES);
        // Quantiles of a few submitted slots are those slots' hours: hidden as the headline hides them.
        return !row.suppressed && isSmallGroup(row.submitted, m)
          ? { ...row, median_hours: null, p90_hours: null, hidden: ['median_hours', 'p90_hours'] }
          : row;
      }),
      byPerson: a.feedback.byPerson.map((r, i) =>
        people.apply(r, personCells[i]!, ['slots', 'submitted', 'sla_settled', 'on_time_rate', 'median_hours']),
      ),
      outstanding: a.feedback.outstanding.map((r, i) => outstanding.cells.apply(r, outstanding.rows.of[i]!, ['slots'])),
    },
    rejections: {
      byMonth: a.rejections.byMonth.map((r, i) => rejections.cells.apply(r, rejections.rows.of[i]!, ['rejections'])),
      byCategory: shareRows('byCategory'),
      byRejectedBy: shareRows('byRejectedBy'),
      byStage: shareRows('byStage'),
    },
    funnel: a.funnel === null || funnel === null ? null : suppressFunnel(a.funnel, funnel, m),
    sources: a.sources && sources && shipSources(a.sources, sources),
    offers: a.offers && offers && shipOffers(a.offers, offers),
    recommendations: a.recommendations.map((r, i) => shipRow(r, MIX_FIELDS, mix.cells, mix.of[i]!)),
    partnerships: a.partnerships.map((p) => {
      const out = { ...p };
      for (const figure of PARTNERSHIP_FIGURES) {
        const f = suppressFigure(p[figure], m);
        out[figure] =
          !f.suppressed && (f.n ?? 0) > 0 && force.has(cellId.partnership(p.hiringManager, figure))
            ? hiddenFigure(true)
            : f;
      }
      return out;
    }),
    owners: {
      ...a.owners,
      partnerships: a.owners.partnerships.map((p) => {
        const f = suppressFigure(p.feedbackOnTime, m);
        const feedbackOnTime =
          !f.suppressed && (f.n ?? 0) > 0 && force.has(cellId.ownFeedback(p.hiringManager, p.month))
            ? hiddenFigure(true)
            : f;
        const s = suppressFigure(p.screenedTakenForward, m);
        const screenedTakenForward =
          !s.suppressed && (s.n ?? 0) > 0 && force.has(cellId.screened(p.hiringManager, p.recruiter, p.month))
            ? hiddenFigure(true)
            : s;
        return feedbackOnTime === p.feedbackOnTime && screenedTakenForward === p.screenedTakenForward
          ? p
          : { ...p, feedbackOnTime, screenedTakenForward };
      }),
      owedFeedback: hideOwed(a.owners.owedFeedback, minGroupSize, force, (o) => o.hiringManager, 'hiring manager'),
      ...(a.owners.owedByInterviewer
        ? {
            owedByInterviewer: hideOwed(
              a.owners.owedByInterviewer,
              minGroupSize,
              force,
              (o) => o.interviewer,
              'interviewer',
            ),
          }
        : {}),
    },
    // The company's figures beside the cards (hidden below minGroupSize where they are computed).
    partnershipCompany: a.partnershipCompany?.map((c) => {
      const out = { ...c };
      for (const figure of PARTNERSHIP_FIGURES)
        if (
          !c[figure].suppressed &&
          (c[figure].n ?? 0) > 0 &&
          force.has(cellId.partnershipCompany(c.fromMonth, c.toMonth, figure))
        )
          out[figure] = hiddenFigure(true);
      return out;
    }),
  };
}

/** What the protection did, for the build's output and the artifact. */
export interface DisclosureReport {
  /** Published counts the audit modelled, and the relations between them. */
  cellsChecked: number;
  relations: number;
  /** Hidden counts: small groups, and cells hidden beside them. */
  hiddenSmall: number;
  hiddenComplements: number;
  /** Cells hidden because the audit could narrow a hidden small count (included in the complements). */
  addedByAudit: number;
  rounds: number;
  /** Hidden small counts still narrower than the protection interval (0 unless the audit gave up). */
  unprotected: number;
  /** Relations of the audit's model that did not hold on this export (a fault of the model: 0 unless it has one). */
  broken: number;
}

/**
 * Rounds of audit and further hiding before the step gives up (and reports what is left). The rounds end by
 * themselves (a round only adds to what is hidden, and stops when it has nothing new to add); this bounds the
 * time a pathological export can take, each round costing one pass over every cell and relation.
 */
const MAX_ROUNDS = 20;

/**
 * Suppression that holds against an attacker holding every published figure: rules 1 and 2, then the audit
 * (`audit.ts`) over the result; every hidden small count it can narrow gets a further cell hidden, and the
 * whole runs again, until the audit finds nothing.
 */
export function protectAggregates(
  a: Aggregates,
  minGroupSize: number,
): { aggregates: Aggregates; report: DisclosureReport } {
  const force = new Set<string>();
  // Exact elimination costs a few times a round of interval propagation: it joins once propagation pins nothing.
  let exact = false;
  // Counts the last round found pinned: still pinned after their remedies, they get wider ones (`stubborn`) —
  // in propagation's rounds too once a round pinned no fewer than the one before (one remedy a round, around a
  // department's hiring managers, stalled it).
  let pinned = new Set<string>();
  let stalled = false;
  for (let round = 1; ; round++) {
    const published = suppressOnce(a, minGroupSize, force);
    if (minGroupSize <= 1)
      return {
        aggregates: published,
        report: {
          cellsChecked: 0,
          relations: 0,
          hiddenSmall: 0,
          hiddenComplements: 0,
          addedByAudit: 0,
          rounds: 0,
          unprotected: 0,
          broken: 0,
        },
      };
    let audit = auditDisclosure(published, a, minGroupSize, {
      exact,
      stubborn: exact || stalled ? pinned : undefined,
    });
    // Exact elimination joins too where propagation's pins have no remedy left: it may pin more.
    if (!exact && (audit.unprotected.length === 0 || audit.remedies.every((id) => force.has(id)))) {
      exact = true;
      audit = auditDisclosure(published, a, minGroupSize, { exact });
    }
    stalled = !exact && pinned.size > 0 && audit.unprotected.length >= pinned.size;
    pinned = new Set(audit.unprotected.map((u) => u.id));
    const more = audit.remedies.filter((id) => !force.has(id));
    if (audit.unprotected.length === 0 || more.length === 0 || round >= MAX_ROUNDS) {
      return {
        aggregates: published,
        report: {
          cellsChecked: audit.cells,
          relations: audit.relations,
          hiddenSmall: audit.hiddenSmall,
          hiddenComplements: audit.hiddenOther,
          addedByAudit: force.size,
          rounds: round,
          unprotected: audit.unprotected.length,
          broken: audit.broken.length,
        },
      };
    }
    for (const id of more) force.add(id);
  }
}

/** The artifact as published: `protectAggregates` without its report. */
export function suppressAggregates(a: Aggregates, minGroupSize: number): Aggregates {
  return protectAggregates(a, minGroupSize).aggregates;
}
