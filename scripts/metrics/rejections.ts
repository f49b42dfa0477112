/**
 * Rejections: applications with status rejected or withdrawn, counted in the month of `rejected_at`, at the
 * stage they were in (`current_stage`), with the raw reason, its category and who ended the process.
 *
 * Rejected by = the row's `rejected_by`; else `candidate` for a withdrawn application; else what the reason
 * says (config `reasons`, then the default table in `reasons.ts`); else `unknown`, or `company` when the export
 * has no `rejected_by` column at all (a rejected status is then the company's decision).
 */
import type { ReasonCategory } from '../schema/config.ts';
import { ALL, type Aggregates } from '../schema/aggregates.ts';
import { Codes, column } from './columns.ts';
import { label, type Context } from './context.ts';
import { reasonLookup } from './reasons.ts';
import type { Excluded } from './timeToFill.ts';
import { allFirst, rate, sortBy } from './stats.ts';

type Rejections = Aggregates['rejections'];
type ShareRow = Rejections['byCategory'][number];
export type RejectedByValue = 'company' | 'candidate' | 'unknown';

export interface RejectionFact {
  /** Internal, for counting distinct applications (`ctx.rowOfId` of its row); never written to the artifact. */
  application: number;
  month: string;
  department: string;
  hiringManager: string;
  stage: string;
  reason: string;
  category: ReasonCategory;
  rejectedBy: RejectedByValue;
}

export interface UnmappedReason {
  reason: string;
  rows: number;
}

export function rejectionFacts(ctx: Context) {
  const lookup = reasonLookup(ctx.config.reasons);
  const facts: RejectionFact[] = [];
  const unmapped = new Map<string, number>();
  let withoutDate = 0;
  const { applications } = ctx;
  // With no rejected_by column at all, the status is the export's only word on it: rejected = the company.
  const unstated: RejectedByValue = ctx.hasColumn('applications', 'rejected_by') ? 'unknown' : 'company';
  for (let row = 0; row < applications.length; row++) {
    const a = applications[row]!;
    if (a.status !== 'rejected' && a.status !== 'withdrawn') continue;
    if (!ctx.happened(a.appliedAt)) continue;
    if (!ctx.happened(a.rejectedAt)) {
      if (a.rejectedAt === null) withoutDate++;
      continue;
    }
    const reason = a.rejectionReason?.trim() ?? '';
    const rule = lookup(reason);
    if (!rule.known) unmapped.set(reason, (unmapped.get(reason) ?? 0) + 1);
    const rejectedBy: RejectedByValue =
      a.rejectedBy ?? (a.status === 'withdrawn' ? 'candidate' : (rule.rejectedBy ?? unstated));
    facts.push({
      application: ctx.rowOfId(row),
      month: ctx.monthOf(a.rejectedAt),
      department: ctx.departmentAt(row),
      hiringManager: ctx.hiringManagerAt(row),
      stage: label(a.currentStage),
      reason,
      category: rule.category,
      rejectedBy,
    });
  }
  const unmappedReasons: UnmappedReason[] = sortBy(
    [...unmapped].map(([reason, rows]) => ({ reason, rows })),
    (u) => u.reason,
  );
  return {
    facts,
    unmappedReasons,
    excluded: [{ reason: 'rejected or withdrawn without a rejection date', rows: withoutDate }] as Excluded[],
  };
}

/**
 * `byMonth`: month × department × stage × reason × rejected by, plus the 'All' rollups over departments, over
 * stages and over both (the "Reasons as recorded" chart reads stage 'All'). Each rollup row is counted from the
 * facts, so suppression judges it on its own n. `rejections-by-month.csv` keeps only the grain rows.
 */
export function rejectionsSection(facts: readonly RejectionFact[]): Rejections {
  const kinds = kindsOf(facts);
  const { departments, stages } = kinds;
  const grain = new Map<number | string, Rejections['byMonth'][number]>();
  const tails = kinds.reasons.size * kinds.categories.size * kinds.rejectedBy.size;
  const exact = kinds.months.size * departments.size * stages.size * tails <= Number.MAX_SAFE_INTEGER;
  for (const k of kinds.list) {
    // Reason, category and rejected by: one code for the six-part key's last three parts.
    const tail = (k.reason * kinds.categories.size + k.category) * kinds.rejectedBy.size + k.rejectedBy;
    for (let rollDepartment = 0; rollDepartment < 2; rollDepartment++) {
      const department = rollDepartment === 0 ? k.department : 0;
      for (let rollStage = 0; rollStage < 2; rollStage++) {
        const stage = rollStage === 0 ? k.stage : 0;
        const key = exact
          ? ((k.month * departments.size + department) * stages.size + stage) * tails + tail
          : `${k.month},${department},${stage},${tail}`;
        let row = grain.get(key);
        if (row === undefined)
          grain.set(
            key,
            (row = {
              month: k.fact.month,
              department: departments.values[department]!,
              stage: stages.values[stage]!,
              reason: k.fact.reason,
              category: k.fact.category,
              rejected_by: k.fact.rejectedBy,
              rejections: 0,
              suppressed: false,
            }),
          );
        row.rejections! += k.n;
      }
    }
  }
  const byMonth = sortBy(
    [...grain.values()],
    (r) => r.month,
    (r) => allFirst(r.department),
    (r) => allFirst(r.stage),
    (r) => r.category,
    (r) => r.reason,
    (r) => r.rejected_by,
  );

  return {
    byMonth,
    byCategory: shares(kinds, (k) => k.category, kinds.categories),
    byRejectedBy: shares(kinds, (k) => k.rejectedBy, kinds.rejectedBy),
    byStage: shares(kinds, (k) => k.stage, stages),
  };
}

/** One kind of rejection: its month, department, stage, reason, category and rejected-by value, as codes. */
interface Kind {
  /** The first fact of the kind (for the names). */
  fact: RejectionFact;
  month: number;
  department: number;
  stage: number;
  reason: number;
  category: number;
  rejectedBy: number;
  /** How many facts are of the kind. */
  n: number;
}

/**
 * The facts counted per kind: every table of the section is summed from a few thousand kinds, not from the
 * facts again. Each field as a dictionary code; 'All' is code 0 of departments and stages, so a department
 * or stage itself named 'All' is counted in the rollup (twice, as its own row and as the rollup), as when
 * the rows were keyed by name.
 */
function kindsOf(facts: readonly RejectionFact[]) {
  const codes = {
    months: new Codes(),
    departments: new Codes([ALL]),
    stages: new Codes([ALL]),
    reasons: new Codes(),
    categories: new Codes(),
    rejectedBy: new Codes(),
  };
  const n = facts.length;
  const month = column(n, 0);
  const department = column(n, 0);
  const stage = column(n, 0);
  const reason = column(n, 0);
  const category = column(n, 0);
  const rejectedBy = column(n, 0);
  facts.forEach((f, i) => {
    month[i] = codes.months.code(f.month);
    department[i] = codes.departments.code(f.department);
    stage[i] = codes.stages.code(f.stage);
    reason[i] = codes.reasons.code(f.reason);
    category[i] = codes.categories.code(f.category);
    rejectedBy[i] = codes.rejectedBy.code(f.rejectedBy);
  });
  // The dictionaries are complete now: one number keys the six codes (a string, should their sizes multiply
  // beyond a double's exact integers).
  const exact = Object.values(codes).reduce((span, c) => span * c.size, 1) <= Number.MAX_SAFE_INTEGER;
  const byKey = new Map<number | string, Kind>();
  const list: Kind[] = [];
  for (let i = 0; i < n; i++) {
    let key: number | string = month[i]!;
    key = key * codes.departments.size + department[i]!;
    key = key * codes.stages.size + stage[i]!;
    key = key * codes.reasons.size + reason[i]!;
    key = key * codes.categories.size + category[i]!;
    key = key * codes.rejectedBy.size + rejectedBy[i]!;
    if (!exact) key = [month, department, stage, reason, category, rejectedBy].map((c) => c[i]).join();
    let kind = byKey.get(key);
    if (kind === undefined) {
      kind = {
        fact: facts[i]!,
        month: month[i]!,
        department: department[i]!,
        stage: stage[i]!,
        reason: reason[i]!,
        category: category[i]!,
        rejectedBy: rejectedBy[i]!,
        n: 0,
      };
      byKey.set(key, kind);
      list.push(kind);
    }
    kind.n++;
  }
  return { ...codes, list };
}

/**
 * month × department (and All) × key: the count and its share of that month's and department's rejections.
 * `keyOf` gives a kind's code in `keys`.
 */
function shares(kinds: ReturnType<typeof kindsOf>, keyOf: (k: Kind) => number, keys: Codes): ShareRow[] {
  const { departments } = kinds;
  const counts = new Map<number, { month: string; department: string; key: string; n: number }>();
  for (const k of kinds.list) {
    for (let roll = 0; roll < 2; roll++) {
      const department = roll === 0 ? k.department : 0;
      const code = (k.month * departments.size + department) * keys.size + keyOf(k);
      let count = counts.get(code);
      if (count === undefined)
        counts.set(
          code,
          (count = {
            month: k.fact.month,
            department: departments.values[department]!,
            key: keys.values[keyOf(k)]!,
            n: 0,
          }),
        );
      count.n += k.n;
    }
  }
  // A month's and department's total: the sum of its keys' counts (each fact has one key).
  const totals = new Map<number, number>();
  const totalCode = (code: number) => Math.floor(code / keys.size);
  for (const [code, count] of counts) totals.set(totalCode(code), (totals.get(totalCode(code)) ?? 0) + count.n);
  const rows: ShareRow[] = [...counts].map(([code, count]) => ({
    month: count.month,
    department: count.department,
    key: count.key,
    rejections: count.n,
    share: rate(count.n, totals.get(totalCode(code))!),
    suppressed: false,
  }));
  return sortBy(
    rows,
    (r) => r.month,
    (r) => allFirst(r.department),
    (r) => r.key,
  );
}
