/**
 * Rejections: applications with status rejected or withdrawn, counted in the month of `rejected_at`, at the
 * stage they were in (`current_stage`), with the raw reason, its category and who ended the process.
 *
 * Rejected by = the row's `rejected_by`; else `candidate` for a withdrawn application; else what the reason
 * says (config `reasons`, then the default table in `reasons.ts`); else `unknown`.
 */
import type { Application } from '../schema/canonical.ts';
import type { ReasonCategory } from '../schema/config.ts';
import { ALL, type Aggregates } from '../schema/aggregates.ts';
import { label, type Context } from './context.ts';
import { reasonLookup } from './reasons.ts';
import type { Excluded } from './timeToFill.ts';
import { allFirst, rate, sortBy, TupleMap } from './stats.ts';

type Rejections = Aggregates['rejections'];
type ShareRow = Rejections['byCategory'][number];
export type RejectedByValue = 'company' | 'candidate' | 'unknown';

export interface RejectionFact {
  /** Internal, for counting distinct applications; never written to the artifact. */
  applicationId: string;
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

export function rejectionFacts(ctx: Context, applications: readonly Application[]) {
  const lookup = reasonLookup(ctx.config.reasons);
  const facts: RejectionFact[] = [];
  const unmapped = new Map<string, number>();
  let withoutDate = 0;
  for (const a of applications) {
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
      a.rejectedBy ?? (a.status === 'withdrawn' ? 'candidate' : (rule.rejectedBy ?? 'unknown'));
    facts.push({
      applicationId: a.applicationId,
      month: ctx.monthOf(a.rejectedAt),
      department: ctx.departmentOf(a),
      hiringManager: ctx.hiringManagerOf(a),
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
  const grain = new TupleMap<Rejections['byMonth'][number]>();
  for (const f of facts) {
    for (const department of [f.department, ALL]) {
      for (const stage of [f.stage, ALL]) {
        grain.get([f.month, department, stage, f.reason, f.category, f.rejectedBy], () => ({
          month: f.month,
          department,
          stage,
          reason: f.reason,
          category: f.category,
          rejected_by: f.rejectedBy,
          rejections: 0,
          suppressed: false,
        })).rejections!++;
      }
    }
  }
  const byMonth = sortBy(
    grain.values,
    (r) => r.month,
    (r) => allFirst(r.department),
    (r) => allFirst(r.stage),
    (r) => r.category,
    (r) => r.reason,
    (r) => r.rejected_by,
  );

  return {
    byMonth,
    byCategory: shares(facts, (f) => f.category),
    byRejectedBy: shares(facts, (f) => f.rejectedBy),
    byStage: shares(facts, (f) => f.stage),
  };
}

/** month × department (and All) × key: the count and its share of that month's and department's rejections. */
function shares(facts: readonly RejectionFact[], keyOf: (f: RejectionFact) => string): ShareRow[] {
  const totals = new TupleMap<{ n: number }>();
  const counts = new TupleMap<{ month: string; department: string; key: string; n: number }>();
  for (const f of facts) {
    const key = keyOf(f);
    for (const department of [f.department, ALL]) {
      totals.get([f.month, department], () => ({ n: 0 })).n++;
      counts.get([f.month, department, key], () => ({ month: f.month, department, key, n: 0 })).n++;
    }
  }
  const rows: ShareRow[] = counts.values.map((c) => ({
    month: c.month,
    department: c.department,
    key: c.key,
    rejections: c.n,
    share: rate(c.n, totals.find([c.month, c.department])!.n),
    suppressed: false,
  }));
  return sortBy(
    rows,
    (r) => r.month,
    (r) => allFirst(r.department),
    (r) => r.key,
  );
}
