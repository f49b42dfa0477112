/**
 * Can a suppressed figure be worked out from the figures that are shown? (Issue #7, part 3.)
 *
 * The artifact's candidate sections are partitions: rejections of a month × department split by reason
 * category, by who ended the process and by stage; feedback slots of a month split by department and by stage,
 * with `All` rollups; hires, outstanding slots and funnel cohorts split by department with an `All` row. Every
 * such split is a linear relation `total = part₁ + … + partₙ` between published cells. A suppressed cell (shown
 * as `<N`, so known to lie in 1..N−1) is *recoverable* when those relations pin it to one value — the classic
 * "subtract the shown cells from the shown total" attack, and its chained and bounded variants.
 *
 * The attacker here propagates intervals through every relation until nothing changes (sound: it never
 * derives a wrong value; not complete: it can miss what full linear algebra would find, so "nothing
 * recovered" is a lower bound on the leak, not a proof of safety). Each relation is checked on the
 * unsuppressed artifact first, so the model cannot invent a relation the data step does not have.
 */
import { ALL, type Aggregates } from '../../scripts/schema/aggregates.ts';

export interface Cell {
  /** `section.field` — where it is published. */
  section: string;
  /** The row, as its key columns. */
  row: string;
  /** Published value; null when suppressed (or, for a derived total, not published as such). */
  shown: number | null;
  suppressed: boolean;
  /** The value before suppression (from the unsuppressed artifact). */
  truth: number;
  lo: number;
  hi: number;
  /** The relation that pinned the value (set by `attack`). */
  by?: Relation;
}

export interface Relation {
  label: string;
  total: string;
  parts: string[];
}

export interface Model {
  cells: Map<string, Cell>;
  relations: Relation[];
  /** Relations of the model that did not hold on the unsuppressed artifact (a model error if not empty). */
  broken: string[];
}

type Row = Record<string, unknown> & { suppressed?: boolean; complementary?: true };

/**
 * The cells and relations of both artifacts. `shown` is the artifact as published; `truth` the same data with
 * suppression off (`minGroupSize: 1`); `m` the minimum group size of `shown`.
 */
export function buildModel(shown: Aggregates, truth: Aggregates, m: number, options: { shares?: boolean } = {}): Model {
  const useShares = options.shares ?? true;
  const cells = new Map<string, Cell>();
  const relations: Relation[] = [];

  /** Registers the count `field` of every row of a section; `nField` is the field suppression tests. */
  const addRows = (
    section: string,
    shownRows: readonly Row[],
    truthRows: readonly Row[],
    keyOf: (r: Row) => string,
    fields: string[],
    nField: string,
  ) => {
    const truthByKey = new Map(truthRows.map((r) => [keyOf(r), r]));
    if (truthByKey.size !== truthRows.length) throw new Error(`${section}: rows are not unique by key`);
    for (const r of shownRows) {
      const t = truthByKey.get(keyOf(r));
      if (!t) throw new Error(`${section}: row ${keyOf(r)} has no unsuppressed twin`);
      for (const field of fields) {
        const value = r[field] as number | null;
        const suppressed = value === null && r.suppressed === true;
        // A small group is 1..m−1; a figure hidden as a complement (`complementary: true`, published) only ≥ 1.
        const hi = !suppressed
          ? (value ?? Number.POSITIVE_INFINITY)
          : r.complementary
            ? Number.POSITIVE_INFINITY
            : m - 1;
        const truthValue = t[field] as number | null;
        if (truthValue === null) continue;
        const id = `${section}.${field}|${keyOf(r)}`;
        cells.set(id, {
          section: `${section}.${field}`,
          row: keyOf(r),
          shown: value,
          suppressed,
          truth: truthValue,
          lo: suppressed ? (field === nField ? 1 : 0) : (value ?? 0),
          hi,
        });
      }
    }
  };
  /** A total that is not published as a cell of its own (still bounded by the relations and shares). */
  const virtual = (id: string, truthValue: number) => {
    if (!cells.has(id)) {
      cells.set(id, {
        section: 'derived',
        row: id,
        shown: null,
        suppressed: false,
        truth: truthValue,
        lo: 0,
        hi: Number.POSITIVE_INFINITY,
      });
    }
    return id;
  };
  const relate = (label: string, total: string, parts: string[]) => {
    const present = parts.filter((p) => cells.has(p));
    if (cells.has(total) && present.length > 0) relations.push({ label, total, parts: present });
  };

  // ---- rejections: shares (month × department incl. All × key) and the fine grain
  const shareSections = {
    byCategory: [shown.rejections.byCategory, truth.rejections.byCategory],
    byRejectedBy: [shown.rejections.byRejectedBy, truth.rejections.byRejectedBy],
    byStage: [shown.rejections.byStage, truth.rejections.byStage],
  } as const;
  const shareKey = (r: Row) => `${r.month}|${r.department}|${r.key}`;
  const rejectionTotals = new Map<string, number>();
  for (const r of truth.rejections.byCategory) {
    const k = `${r.month}|${r.department}`;
    rejectionTotals.set(k, (rejectionTotals.get(k) ?? 0) + (r.rejections ?? 0));
  }
  for (const [name, [s, t]] of Object.entries(shareSections)) {
    const section = `rejections.${name}`;
    addRows(section, s as Row[], t as Row[], shareKey, ['rejections'], 'rejections');
    const byMonthDepartment = groupBy(s as Row[], (r) => `${r.month}|${r.department}`);
    for (const [k, rows] of byMonthDepartment) {
      const total = virtual(`rejections total|${k}`, rejectionTotals.get(k) ?? 0);
      relate(
        `${section}: month × department = sum over keys`,
        total,
        rows.map((r) => `${section}.rejections|${shareKey(r)}`),
      );
      // A shown share and count bound the total: share = round(n / total, 4).
      for (const r of useShares ? rows : []) {
        const n = r.rejections as number | null;
        const share = r.share as number | null;
        if (n === null || share === null || n === 0) continue;
        const cell = cells.get(total)!;
        cell.lo = Math.max(cell.lo, Math.ceil(n / (share + 0.00005) - 1e-9));
        if (share > 0.00005) cell.hi = Math.min(cell.hi, Math.floor(n / (share - 0.00005) + 1e-9));
      }
    }
    const byMonthKey = groupBy(
      (s as Row[]).filter((r) => r.department !== ALL),
      (r) => `${r.month}|${r.key}`,
    );
    for (const [k, rows] of byMonthKey) {
      const [month, key] = k.split('|');
      relate(
        `${section}: All = sum over departments`,
        `${section}.rejections|${month}|${ALL}|${key}`,
        rows.map((r) => `${section}.rejections|${shareKey(r)}`),
      );
    }
  }
  // The reason rows (`byMonth`): month × department (and All) × stage (and All) × reason.
  const grainKey = (r: Row) => `${r.month}|${r.department}|${r.stage}|${r.reason}|${r.category}|${r.rejected_by}`;
  const byMonth = shown.rejections.byMonth as Row[];
  addRows('rejections.byMonth', byMonth, truth.rejections.byMonth as Row[], grainKey, ['rejections'], 'rejections');
  const grainId = (r: Row) => `rejections.byMonth.rejections|${grainKey(r)}`;
  const stages = byMonth.filter((r) => r.stage !== ALL);
  for (const [field, section] of [
    ['category', 'byCategory'],
    ['rejected_by', 'byRejectedBy'],
    ['stage', 'byStage'],
  ] as const) {
    for (const [k, rows] of groupBy(stages, (r) => `${r.month}|${r.department}|${r[field]}`)) {
      relate(
        `rejections.byMonth: a ${section} row = sum of its reason rows`,
        `rejections.${section}.rejections|${k}`,
        rows.map(grainId),
      );
    }
  }
  for (const [k, rows] of groupBy(
    stages,
    (r) => `${r.month}|${r.department}|${r.reason}|${r.category}|${r.rejected_by}`,
  )) {
    const [month, department, ...reason] = k.split('|');
    relate(
      'rejections.byMonth: stage All = sum over stages',
      `rejections.byMonth.rejections|${month}|${department}|${ALL}|${reason.join('|')}`,
      rows.map(grainId),
    );
  }
  for (const [k, rows] of groupBy(
    byMonth.filter((r) => r.department !== ALL),
    (r) => `${r.month}|${r.stage}|${r.reason}|${r.category}|${r.rejected_by}`,
  )) {
    const [month, ...rest] = k.split('|');
    relate(
      'rejections.byMonth: department All = sum over departments',
      `rejections.byMonth.rejections|${month}|${ALL}|${rest.join('|')}`,
      rows.map(grainId),
    );
  }
  for (const [k, rows] of groupBy(
    byMonth.filter((r) => r.stage === ALL),
    (r) => `${r.month}|${r.department}`,
  )) {
    relate(
      'rejections.byMonth: month × department = sum of its reason rows at stage All',
      `rejections total|${k}`,
      rows.map(grainId),
    );
  }

  // ---- feedback by month × department × stage, with All rollups on both
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
  ];
  const feedbackKey = (r: Row) => `${r.month}|${r.department}|${r.stage}`;
  addRows(
    'feedback.byMonth',
    shown.feedback.byMonth as Row[],
    truth.feedback.byMonth as Row[],
    feedbackKey,
    feedbackFields,
    'slots',
  );
  for (const field of feedbackFields) {
    const id = (r: Row) => `feedback.byMonth.${field}|${feedbackKey(r)}`;
    const rows = shown.feedback.byMonth as Row[];
    for (const [k, group] of groupBy(
      rows.filter((r) => r.stage !== ALL),
      (r) => `${r.month}|${r.department}`,
    )) {
      relate(
        `feedback.byMonth.${field}: stage All = sum over stages`,
        `feedback.byMonth.${field}|${k}|${ALL}`,
        group.map(id),
      );
    }
    for (const [k, group] of groupBy(
      rows.filter((r) => r.department !== ALL),
      (r) => `${r.month}|${r.stage}`,
    )) {
      const [month, stage] = k.split('|');
      relate(
        `feedback.byMonth.${field}: department All = sum over departments`,
        `feedback.byMonth.${field}|${month}|${ALL}|${stage}`,
        group.map(id),
      );
    }
  }

  // ---- hires, outstanding feedback, funnel: department All = sum over departments
  const hireKey = (r: Row) => `${r.month}|${r.department}`;
  addRows(
    'timeToHire.byMonth',
    shown.timeToFill.timeToHireByMonth as Row[],
    truth.timeToFill.timeToHireByMonth as Row[],
    hireKey,
    ['hires'],
    'hires',
  );
  for (const [month, group] of groupBy(
    (shown.timeToFill.timeToHireByMonth as Row[]).filter((r) => r.department !== ALL),
    (r) => String(r.month),
  )) {
    relate(
      'timeToHire.byMonth: All = sum over departments',
      `timeToHire.byMonth.hires|${month}|${ALL}`,
      group.map((r) => `timeToHire.byMonth.hires|${hireKey(r)}`),
    );
  }
  const outstandingKey = (r: Row) => `${r.bucket}|${r.department}`;
  addRows(
    'feedback.outstanding',
    shown.feedback.outstanding as Row[],
    truth.feedback.outstanding as Row[],
    outstandingKey,
    ['slots'],
    'slots',
  );
  for (const [bucket, group] of groupBy(
    (shown.feedback.outstanding as Row[]).filter((r) => r.department !== ALL),
    (r) => String(r.bucket),
  )) {
    relate(
      'feedback.outstanding: All = sum over departments',
      `feedback.outstanding.slots|${bucket}|${ALL}`,
      group.map((r) => `feedback.outstanding.slots|${outstandingKey(r)}`),
    );
  }
  if (shown.funnel && truth.funnel) {
    const funnelKey = (r: Row) => `${r.cohort}|${r.department}|${r.stage}`;
    addRows('funnel', shown.funnel as Row[], truth.funnel as Row[], funnelKey, ['reached'], 'reached');
    for (const [k, group] of groupBy(
      (shown.funnel as Row[]).filter((r) => r.department !== ALL),
      (r) => `${r.cohort}|${r.stage}`,
    )) {
      const [cohort, stage] = k.split('|');
      relate(
        'funnel: All = sum over departments',
        `funnel.reached|${cohort}|${ALL}|${stage}`,
        group.map((r) => `funnel.reached|${funnelKey(r)}`),
      );
    }
  }

  // ---- headline counts: the month's rejections and feedback slots, overall and per department
  const headline = (metric: string, scope: string) => {
    const s = shown.headlines.find((h) => h.metric === metric && scopeName(h.scope) === scope);
    const t = truth.headlines.find((h) => h.metric === metric && scopeName(h.scope) === scope);
    return s && t ? { s, t } : null;
  };
  for (const department of [ALL, ...shown.departments]) {
    const scope = department === ALL ? 'all' : `department:${department}`;
    for (const [metric, total] of [
      ['rejections', (month: string) => `rejections total|${month}|${department}`],
      ['feedbackSlots', (month: string) => `feedback.byMonth.slots|${month}|${department}|${ALL}`],
    ] as const) {
      const h = headline(metric, scope);
      if (!h) continue;
      h.s.months.forEach((c, i) => {
        const id = `headlines.${metric}|${c.month}|${department}`;
        const t = h.t.months[i]!.current;
        if (t.value === null) return;
        const f = c.current as typeof c.current & { complementary?: true };
        cells.set(id, {
          section: `headlines.${metric}`,
          row: `${c.month}|${department}`,
          shown: f.value,
          suppressed: f.suppressed,
          truth: t.value,
          lo: f.suppressed ? 1 : (f.value ?? 0),
          hi: !f.suppressed
            ? (f.value ?? Number.POSITIVE_INFINITY)
            : f.complementary
              ? Number.POSITIVE_INFINITY
              : m - 1,
        });
        relate(`headlines.${metric} = its month's total`, id, [total(c.month)]);
      });
    }
  }

  const broken: string[] = [];
  const kept = relations.filter((r) => {
    const sum = r.parts.reduce((s, p) => s + cells.get(p)!.truth, 0);
    const total = cells.get(r.total)!.truth;
    if (sum === total) return true;
    broken.push(`${r.label}: ${r.total} = ${total}, parts sum to ${sum}`);
    return false;
  });
  return { cells, relations: kept, broken };
}

const scopeName = (scope: Aggregates['headlines'][number]['scope']): string =>
  scope.kind === 'all'
    ? 'all'
    : scope.kind === 'department'
      ? `department:${scope.department}`
      : `hiringManager:${scope.hiringManager}`;

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Interval propagation over every relation until nothing narrows. Mutates the cells' bounds. */
export function attack(model: Model, maxRounds = 200): void {
  const { cells, relations } = model;
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    let current: Relation | undefined;
    const narrow = (id: string, lo: number, hi: number) => {
      const cell = cells.get(id)!;
      if ((lo > cell.lo || hi < cell.hi) && Math.max(lo, cell.lo) === Math.min(hi, cell.hi) && !cell.by)
        cell.by = current;
      if (lo > cell.lo) {
        cell.lo = lo;
        changed = true;
      }
      if (hi < cell.hi) {
        cell.hi = hi;
        changed = true;
      }
    };
    for (const r of relations) {
      current = r;
      const parts = r.parts.map((p) => cells.get(p)!);
      const total = cells.get(r.total)!;
      const sumLo = parts.reduce((s, c) => s + c.lo, 0);
      const infinite = parts.filter((c) => c.hi === Number.POSITIVE_INFINITY).length;
      const finiteHi = parts.reduce((s, c) => (c.hi === Number.POSITIVE_INFINITY ? s : s + c.hi), 0);
      narrow(r.total, sumLo, infinite ? Number.POSITIVE_INFINITY : finiteHi);
      r.parts.forEach((id, i) => {
        const c = parts[i]!;
        const othersLo = sumLo - c.lo;
        const othersInfinite = infinite - (c.hi === Number.POSITIVE_INFINITY ? 1 : 0);
        const othersHi = othersInfinite
          ? Number.POSITIVE_INFINITY
          : finiteHi - (c.hi === Number.POSITIVE_INFINITY ? 0 : c.hi);
        narrow(id, othersHi === Number.POSITIVE_INFINITY ? c.lo : total.lo - othersHi, total.hi - othersLo);
      });
    }
    if (!changed) return;
  }
}

/** Suppressed cells whose value the attack pinned down. */
export function recovered(model: Model): Cell[] {
  return [...model.cells.values()].filter((c) => c.suppressed && c.lo === c.hi);
}
