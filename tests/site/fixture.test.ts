/**
 * The site's development fixture (`tests/fixtures/site/aggregates.json`, written by make-aggregates.ts) fits
 * the artifact schema, and every figure the pages build from it renders without a Plot warning.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
import { funnelStages, passThroughTrend } from '../../src/lib/figures/funnel.ts';
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

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, '../fixtures/site/aggregates.json');
const site = createSite(readAggregates(fixture));
const a = site.a;
const HOSTILE = 'R&D <script>alert(1)</script>';

describe('readAggregates', () => {
  it('reads the fixture, which fits the schema', () => {
    expect(a.version).toBe(ARTIFACT_VERSION);
    expect(a.departments).toContain(HOSTILE);
  });

  it('fails with a message that says what to run when the artifact is missing', () => {
    expect(() => readAggregates(path.join(here, 'no-such-file.json'))).toThrow(/npm run build/);
  });

  it('fails with the first schema problems when the artifact does not fit', () => {
    expect(() => readAggregates(path.join(here, 'href.test.ts'))).toThrow(/not valid JSON/);
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
    ['fillByPerson', fillByPerson(site, 'recruiter')],
    ['openAging', openAging(site, ALL)],
    ['hireTrend', hireTrend(site, ALL)],
    ['categoryMix', categoryMix(site, ALL)],
    ['categoryByDepartment', categoryByDepartment(site, month)],
    ['rejectedByMix', rejectedByMix(site, ALL)],
    ['stageMix', stageMix(site, HOSTILE)],
    ['topReasons', topReasons(site, month, ALL)],
    ['funnelStages', funnelStages(site, ALL)],
    ['passThroughTrend', passThroughTrend(site, ALL)],
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

  it('shows suppressed cells as <minGroupSize in the tables and says what was left out', () => {
    const row = a.feedback.byMonth.find((r) => r.suppressed && r.department !== ALL && r.stage !== ALL)!;
    expect(row).toBeDefined();
    const chart = feedbackHoursByStage(site, row.month, row.department);
    expect(chart.table.rows.find((r) => r[0] === row.stage)).toContain(`<${a.settings.minGroupSize}`);
    expect(chart.notes.join(' ')).toMatch(/shown as <5 in the table and left out of the chart/);
  });

  it('lists a hiring manager with too little data as such, without their figures', () => {
    const table = partnershipTable(site);
    const dana = table.rows.find((r) => r[0] === "Dana O'Neil <b>")!;
    expect(dana).toContain(TOO_LITTLE);
    const chart = partnershipDaysToFill(site);
    expect(chart.svg!.wide).not.toContain('Dana');
    expect(chart.notes.join(' ')).toContain("Dana O'Neil <b>");
  });

  it('ids are unique within one chart and across the two widths', () => {
    const chart = feedbackTrend(site, ALL);
    const ids = [...`${chart.svg!.wide}${chart.svg!.narrow}`.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
