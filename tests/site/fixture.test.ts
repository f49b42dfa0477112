/**
 * The site fixture (the data folder of `tests/fixtures/site/data.ts` run through the real data step) holds the
 * figures worked out by hand from that folder, and every figure the pages build from it renders without a Plot
 * warning, escaping the hostile names the folder plants.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL, ARTIFACT_VERSION } from '../../scripts/schema/aggregates.ts';
import { findExport } from '../../src/lib/exports.ts';
import { readAggregates } from '../../src/lib/aggregates.ts';
import type { ChartModel } from '../../src/lib/chartModel.ts';
import {
  feedbackByDepartment,
  feedbackByPerson,
  feedbackHoursByStage,
  feedbackTrend,
  outstandingFeedback,
  recommendationMix,
} from '../../src/lib/figures/feedback.ts';
import { funnelStages, passThroughPanels } from '../../src/lib/figures/funnel.ts';
import { headlineTrend } from '../../src/lib/figures/headlines.ts';
import { partnershipDaysToFill, partnershipTable, TOO_LITTLE } from '../../src/lib/figures/partnerships.ts';
import {
  categoryByDepartment,
  categoryMix,
  rejectedByMix,
  stageMix,
  topReasons,
} from '../../src/lib/figures/rejections.ts';
import { fillByDepartment, fillByPerson, fillTrend, hireTrend, openAging } from '../../src/lib/figures/timeToFill.ts';
import { createSite, METRIC_IDS } from '../../src/lib/site.ts';
import { DANA, HOSTILE, HOSTILE_FILE } from '../fixtures/site/data.ts';
import { siteFixture } from '../helpers/site-fixture.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = await siteFixture();
afterAll(() => fixture.remove());
const site = createSite(readAggregates(fixture.artifactPath));
const a = site.a;

describe('readAggregates', () => {
  it('reads the artifact the data step wrote, which fits the schema', () => {
    expect(a.version).toBe(ARTIFACT_VERSION);
    expect(a.departments).toEqual(['Engineering', HOSTILE, 'Sales']);
  });

  it('fails with a message that says what to run when the artifact is missing', () => {
    expect(() => readAggregates(path.join(here, 'no-such-file.json'))).toThrow(/npm run build/);
  });

  it('fails with the first schema problems when the artifact does not fit', () => {
    expect(() => readAggregates(path.join(here, 'href.test.ts'))).toThrow(/not valid JSON/);
  });
});

// Worked out from the rules of tests/fixtures/site/data.ts: hiring manager h's seat opened on the 2nd of month m
// is filled 20 + 5h + m days later (months Jan–Apr only).
describe('the figures of the fixture folder', () => {
  it('counts the seats filled in each month', () => {
    // Jan: h0 (Jan 22), h1 (Jan 27); Feb: h2·Jan (Feb 1), h3·Jan (Feb 6), h0·Feb (Feb 23), h1·Feb (Feb 28);
    // Mar: h2·Feb, h3·Feb, h0·Mar, h1·Mar; Apr: h2·Mar, h3·Mar, h0·Apr, h1·Apr; May: h2·Apr, h3·Apr.
    const filled = a.headlines.find((h) => h.metric === 'requisitionsFilled' && h.scope.kind === 'all')!;
    expect(filled.months.map((m) => [m.month, m.current.value])).toEqual([
      ['2025-01', 2],
      ['2025-02', 4],
      ['2025-03', 4],
      ['2025-04', 4],
      ['2025-05', 2],
      ['2025-06', 0],
      ['2025-07', 0],
    ]);
  });

  it("gives March's median days to fill over its four fills", () => {
    // March's fills took 22 (h0·Mar), 27 (h1·Mar), 31 (h2·Feb) and 36 (h3·Feb) days: median (27 + 31) / 2.
    const median = a.headlines.find((h) => h.metric === 'medianDaysToFill' && h.scope.kind === 'all')!;
    expect(median.months.find((m) => m.month === '2025-03')!.current).toMatchObject({ value: 29, n: 4 });
  });

  it("gives February's hires and median days to hire", () => {
    // Two hires per filled seat, applied 1 and 7 days after it opened, hired on its fill date: February's four
    // fills of 30, 35, 21 and 26 days give 29, 23, 34, 28, 20, 14, 25 and 19 days; median (23 + 25) / 2.
    const february = a.timeToFill.timeToHireByMonth.find((r) => r.month === '2025-02' && r.department === ALL)!;
    expect(february).toMatchObject({ hires: 8, median_days: 24, suppressed: false });
  });

  it("gives Alice Moreau's partnership over April–June: one fill in 23 days, two seats open", () => {
    const alice = a.partnerships.find((p) => p.hiringManager === 'Alice Moreau')!;
    expect(alice).toMatchObject({
      fromMonth: '2025-04',
      toMonth: '2025-06',
      requisitionsOpen: 2,
      requisitionsFilled: 1,
    });
    expect(alice.medianDaysToFill).toMatchObject({ value: 23, n: 1 });
  });

  it('gives each hiring manager a page of their own, the two whose names slug alike too', () => {
    expect([...a.hiringManagers].sort()).toEqual(
      ['Alice Moreau', 'Alvaro Nunez', 'Bob Singh', DANA.name, 'Álvaro Núñez'].sort(),
    );
    expect(site.hiringManagerSlug('Alvaro Nunez')).toBe('alvaro-nunez');
    expect(site.hiringManagerSlug('Álvaro Núñez')).toBe('alvaro-nunez-2');
  });

  it('names the skipped markup file and the quarantined row in the ledger', () => {
    // 6 seats each of 36 + 30 + 36 + 7 applications (654), Dana's 2 and one with no date: 657 rows, the last on line 658.
    expect(a.quality.entities.find((e) => e.entity === 'applications')).toMatchObject({
      read: 657,
      used: 656,
      quarantined: 1,
    });
    expect(a.quality.ledger).toEqual([
      expect.objectContaining({ file: 'applications.csv', line: 658, column: 'applied_at', action: 'quarantined' }),
    ]);
    expect(a.quality.files.find((f) => f.path === HOSTILE_FILE)?.skipped).toMatch(/not recognised/);
  });
});

describe('every figure of every page', () => {
  const month = site.focusMonth!;
  const charts: [string, ChartModel | null][] = [
    ['feedbackTrend', feedbackTrend(site, ALL)],
    ['feedbackTrend(dept)', feedbackTrend(site, HOSTILE)],
    ['feedbackByDepartment', feedbackByDepartment(site, month)],
    ['feedbackHoursByStage', feedbackHoursByStage(site, month, ALL)],
    ['recommendationMix', recommendationMix(site, ALL)],
    ['outstandingFeedback', outstandingFeedback(site, ALL)],
    ['feedbackByPerson', feedbackByPerson(site, 'hiringManager')],
    ['fillByPerson(hm)', fillByPerson(site, 'hiringManager')],
    ['fillTrend', fillTrend(site, ALL)],
    ['fillTrend(dept)', fillTrend(site, HOSTILE)],
    ['fillByDepartment', fillByDepartment(site, month)],
    ['fillByDepartment(April)', fillByDepartment(site, '2025-04')],
    ['fillByPerson', fillByPerson(site, 'recruiter')],
    ['openAging', openAging(site, ALL)],
    ['hireTrend', hireTrend(site, ALL)],
    ['categoryMix', categoryMix(site, ALL)],
    ['categoryByDepartment', categoryByDepartment(site, month)],
    ['rejectedByMix', rejectedByMix(site, ALL)],
    ['stageMix', stageMix(site, HOSTILE)],
    ['stageMix(all)', stageMix(site, ALL)],
    ['topReasons', topReasons(site, month, ALL)],
    ['funnelStages', funnelStages(site, ALL)],
    ...passThroughPanels(site, ALL).map((c, i): [string, ChartModel | null] => [`passThroughPanels[${i}]`, c]),
    ['partnershipDaysToFill', partnershipDaysToFill(site)],
    ...METRIC_IDS.map((m): [string, ChartModel | null] => [
      `headlineTrend(${m})`,
      headlineTrend(site, m, { kind: 'department', department: HOSTILE }, 't'),
    ]),
  ];

  it.each(charts.filter(([, c]) => c !== null))(
    '%s: draws, with a table and its CSV, and escapes names',
    (_, chart) => {
      expect(chart!.table.rows.length).toBeGreaterThan(0);
      expect(findExport(chart!.csv), chart!.csv).toBeDefined();
      expect(chart!.table.caption).not.toBe('');
      for (const svg of chart!.svg ? [chart!.svg.wide, chart!.svg.narrow] : []) {
        expect(svg).not.toContain('<script');
        expect(svg).toContain(`aria-labelledby="${chart!.id}-title"`);
      }
    },
  );

  it("draws every chart but June's fills by department (June filled nothing) and R&D's figures (too few)", () => {
    // The headline trends and `stageMix` above are R&D's, whose 7 applications a seat leave some of them bare.
    const aboutRD = (name: string) => name.startsWith('headlineTrend(') || name === 'stageMix';
    const undrawn = charts.filter(([name, c]) => !c?.svg && !aboutRD(name)).map(([name]) => name);
    expect(undrawn).toEqual(['fillByDepartment']);
  });

  it('shows suppressed cells as <minGroupSize in the tables and says what was left out', () => {
    const row = a.feedback.byMonth.find((r) => r.suppressed && r.department !== ALL && r.stage !== ALL)!;
    expect(row).toBeDefined();
    const chart = feedbackHoursByStage(site, row.month, row.department);
    expect(chart.table.rows.find((r) => r[0] === row.stage)).toContain(`<${a.settings.minGroupSize}`);
    expect(chart.notes.join(' ')).toMatch(/shown as <5 in the table and left out of the chart/);
  });

  it('lists a hiring manager with too little data as such, without their figures', () => {
    const table = partnershipTable(site);
    const dana = table.rows.find((r) => r[0] === DANA.name)!;
    expect(dana).toContain(TOO_LITTLE);
    const chart = partnershipDaysToFill(site);
    expect(chart.svg!.wide).not.toContain('Dana');
    expect(chart.notes.join(' ')).toContain(DANA.name);
  });

  it('ids are unique within one chart and across the two widths', () => {
    const chart = feedbackTrend(site, ALL);
    const ids = [...`${chart.svg!.wide}${chart.svg!.narrow}`.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
