/**
 * The disclosure audit lays out a draft's cells and relations once and reads each published round into
 * them: what one round shows must not carry over into the audit of another.
 */
import { describe, expect, it } from 'vitest';
import { auditDisclosure, narrowTogether } from '../../scripts/metrics/audit.ts';
import { aggregate, app, interview, req } from './helpers.ts';

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

describe('the disclosure audit over the partnership cards and the company beside them', () => {
  // As of 2025-04-15 the window is January–March 2025. Hana's 20 applications and Sam's 5 (3 rejected, all in
  // February) with five own slots each: both cards cover that window. Rejections counted by the specificity
  // figure: Hana 20, Sam 3 (hidden, fewer than 5), the company 23 = 20 + 3.
  const applications = (job: string, n: number, rejected: number) =>
    Array.from({ length: n }, (_, k) =>
      app({
        id: `${job}-${k}`,
        job,
        applied: '2025-01-15T00:00:00Z',
        ...(k < rejected ? { rejected: '2025-02-20T00:00:00Z', reason: 'Lacking skills' } : {}),
      }),
    );
  const own = (job: string, person: string) =>
    Array.from({ length: 5 }, (_, k) =>
      interview({
        id: `${job}-I${k}`,
        app: `${job}-${k}`,
        interviewer: person,
        at: '2025-02-03T10:00:00Z',
        end: '2025-02-03T11:00:00Z',
        submitted: '2025-02-03T13:00:00Z',
      }),
    );
  const t = {
    requisitions: [
      req({ id: 'R1', opened: '2024-12-01T00:00:00Z' }),
      req({ id: 'S1', opened: '2024-12-01T00:00:00Z', hiringManager: 'Sam Okafor', department: 'Sales' }),
    ],
    applications: [...applications('R1', 20, 20), ...applications('S1', 5, 3)],
    interviews: [...own('R1', 'Hana Moreau'), ...own('S1', 'Sam Okafor')],
  };
  const published = aggregate(t, { asOf: '2025-04-15', privacy: { minGroupSize: 5 } });
  const truth = aggregate(t, { asOf: '2025-04-15', privacy: { minGroupSize: 1 } });
  const card = (a: typeof published, person: string) =>
    a.partnerships.find((p) => p.hiringManager === person)!.unspecifiedReasonShare;

  it("pins a hidden card's n from the company's and the other cards' (a planted weakness)", () => {
    expect(truth.partnershipCompany![0]!.unspecifiedReasonShare.n).toBe(23);
    const planted = { ...structuredClone(published), partnershipCompany: truth.partnershipCompany };
    planted.partnerships = published.partnerships.map((p, i) =>
      p.hiringManager === 'Hana Moreau' ? truth.partnerships[i]! : p,
    );
    const pinned = auditDisclosure(planted, truth, 5).unprotected;
    expect(pinned).toContainEqual({
      id: 'partnership · Sam Okafor · unspecifiedReasonShare#n',
      truth: 3,
      lo: 3,
      hi: 3,
    });
    // Sam's card is his February (his months in headlines.csv): that is pinned with it, at its true value.
    expect(pinned).toContainEqual({
      id: 'headline · hiringManager:Sam Okafor · 2025-02 · rejections#rejections',
      truth: 3,
      lo: 3,
      hi: 3,
    });
    expect(pinned.filter((u) => u.lo !== u.truth || u.hi !== u.truth)).toEqual([]);
  });

  it('so the build hides a figure beside it: 23 − 20 is not published', () => {
    expect(card(published, 'Sam Okafor')).toMatchObject({ n: null, suppressed: true });
    // Hana's 20 (the smallest shown part) is hidden beside Sam's; so is the company's 23 over each window (its
    // hiring managers' months: Hana's February is Engineering's 20, shown).
    expect(card(published, 'Hana Moreau')).toMatchObject({ n: null, suppressed: true, complementary: true });
    for (const c of published.partnershipCompany!)
      expect(c.unspecifiedReasonShare).toMatchObject({ n: null, suppressed: true, complementary: true });
    expect(auditDisclosure(published, truth, 5).unprotected).toEqual([]);
  });
});

describe("the audit over a card that counts more than its hiring manager's months", () => {
  // Sam's 5 rejections give a reason no rule knows ("other"): vague on his card, not "unspecified" in his
  // month of headlines.csv. The card's count is then 5 against the month's 0: the model must not read the card
  // as at most its months (its bounds would cross, and propagation chased them without end).
  const t = {
    requisitions: [
      req({ id: 'R1', opened: '2024-12-01T00:00:00Z' }),
      req({ id: 'S1', opened: '2024-12-01T00:00:00Z', hiringManager: 'Sam Okafor', department: 'Sales' }),
    ],
    applications: Array.from({ length: 25 }, (_, k) =>
      app({
        id: `A${k}`,
        job: k < 20 ? 'R1' : 'S1',
        applied: '2025-01-15T00:00:00Z',
        rejected: '2025-02-20T00:00:00Z',
        reason: k < 20 ? 'Lacking skills' : 'Zebra crossing',
      }),
    ),
    interviews: Array.from({ length: 10 }, (_, k) =>
      interview({
        id: `I${k}`,
        app: `A${k < 5 ? k : 15 + k}`,
        interviewer: k < 5 ? 'Hana Moreau' : 'Sam Okafor',
        at: '2025-02-03T10:00:00Z',
        end: '2025-02-03T11:00:00Z',
        submitted: '2025-02-03T13:00:00Z',
      }),
    ),
  };
  const published = aggregate(t, { asOf: '2025-04-15', privacy: { minGroupSize: 5 } });
  const truth = aggregate(t, { asOf: '2025-04-15', privacy: { minGroupSize: 1 } });

  it('finds every relation holding on the data and its bounds never crossing', () => {
    const sam = truth.partnerships.find((p) => p.hiringManager === 'Sam Okafor')!.unspecifiedReasonShare;
    expect(sam).toMatchObject({ value: 1, n: 5 });
    const series = truth.headlines.find(
      (h) =>
        h.metric === 'unspecifiedReasonShare' &&
        h.scope.kind === 'hiringManager' &&
        h.scope.hiringManager === 'Sam Okafor',
    )!;
    expect(series.months.find((x) => x.month === '2025-02')!.current).toMatchObject({ value: 0, n: 5 });
    const audit = auditDisclosure(published, truth, 5);
    expect(audit.broken).toEqual([]);
    expect(audit.unprotected).toEqual([]);
  });
});

describe('exact elimination in the audit', () => {
  // x + y = 5, x + z = 4, y + z = 5 with each of x, y, z hidden as "fewer than 5" (1 … 4): each sum alone
  // leaves every cell anywhere in 1 … 4; together they give 2x = 4, so x = 2, y = 3, z = 2.
  const triangle = () => [
    {
      terms: new Map([
        [0, 1],
        [1, 1],
      ]),
      rhs: 5,
    },
    {
      terms: new Map([
        [0, 1],
        [2, 1],
      ]),
      rhs: 4,
    },
    {
      terms: new Map([
        [1, 1],
        [2, 1],
      ]),
      rhs: 5,
    },
  ];

  it('pins what no single relation gives away', () => {
    const lo = Float64Array.of(1, 1, 1);
    const hi = Float64Array.of(4, 4, 4);
    expect(narrowTogether(triangle(), lo, hi)).toBe(3);
    expect([...lo]).toEqual([2, 3, 2]);
    expect([...hi]).toEqual([2, 3, 2]);
  });

  it('leaves a cell open where the relations let it move, and narrows it with the bounds', () => {
    // x + y = 5 and y + z = 5 only: x = z, y = 5 − x; with y at most 4, x and z are at least 1, at most 4.
    const lo = Float64Array.of(1, 1, 1);
    const hi = Float64Array.of(4, 4, 4);
    const [xy, , yz] = triangle();
    expect(narrowTogether([xy!, yz!], lo, hi)).toBe(0);
    // The same with y known to be at least 3 (a shown rate, say): x and z are then at most 2.
    lo[1] = 3;
    narrowTogether([xy!, yz!], lo, hi);
    expect([...lo]).toEqual([1, 3, 1]);
    expect([...hi]).toEqual([2, 4, 2]);
  });
});
