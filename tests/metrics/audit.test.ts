/**
 * The disclosure audit lays out a draft's cells and relations once and reads each published round into
 * them: what one round shows must not carry over into the audit of another.
 */
import { describe, expect, it } from 'vitest';
import { auditDisclosure } from '../../scripts/metrics/audit.ts';
import { aggregate, app, req } from './helpers.ts';

/** `n` rejections in March on requisition `job`. */
const rejections = (n: number, job: string, rejectedBy: 'company' | 'candidate' = 'company') =>
  Array.from({ length: n }, (_, k) =>
    app({
      id: `${job}-${rejectedBy}-${k}`,
      job,
      applied: '2024-12-01T00:00:00Z',
      rejected: '2025-03-10T12:00:00Z',
      reason: 'Lacking skills',
      rejectedBy,
      stage: 'Onsite',
    }),
  );

describe('the disclosure audit, round after round', () => {
  // Sales: 36 ended by the company, 1 by the candidate; Engineering: 3 by the company. March, company-wide 40.
  const t = {
    requisitions: [
      req({ id: 'R1', opened: '2024-12-01T00:00:00Z', department: 'Sales' }),
      req({ id: 'R2', opened: '2024-12-01T00:00:00Z', department: 'Engineering' }),
    ],
    applications: [...rejections(36, 'R1'), ...rejections(1, 'R1', 'candidate'), ...rejections(3, 'R2')],
  };
  const published = aggregate(t, { privacy: { minGroupSize: 5 } });
  const truth = aggregate(t, { privacy: { minGroupSize: 1 } });

  it('a round that gives a count away does not change what the next round is found to protect', () => {
    // Sales' "candidate" row (1) shown again beside its shown month: 37 − 36 = 1, a planted weakness.
    const planted = structuredClone(published);
    planted.rejections.byRejectedBy = published.rejections.byRejectedBy.map((r, i) =>
      r.suppressed ? truth.rejections.byRejectedBy[i]! : r,
    );
    planted.rejections.byMonth = published.rejections.byMonth.map((r, i) =>
      r.suppressed ? truth.rejections.byMonth[i]! : r,
    );
    const leaky = auditDisclosure(planted, truth, 5);
    // What is still hidden beside the planted rows is pinned, at its true value.
    expect(leaky.unprotected.length).toBeGreaterThan(0);
    expect(leaky.unprotected.filter((u) => u.lo !== u.truth || u.hi !== u.truth)).toEqual([]);

    // The same draft, audited again with what the build publishes: as on a draft never audited before.
    const again = auditDisclosure(published, truth, 5);
    expect(again).toEqual(auditDisclosure(published, structuredClone(truth), 5));
    expect(again.unprotected).toEqual([]);
    expect(again.inconsistent).toEqual([]);
    expect(again.broken).toEqual([]);
  });
});
