/**
 * One meaning per colour, on every page (issue 20: orange was "candidate withdrew" on the rejections page,
 * "strong no" on the feedback page and the 90th percentile on the time-to-fill page). The colour → meaning pairs
 * come from the fixed maps of src/lib/figures/colors.ts and from every chart the pages build from the site
 * fixture: each legend entry, and every colour drawn that no legend names (a chart without a key draws only its
 * figure). A colour may stand for one meaning, and no two meanings may share a colour's value in light or dark.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL } from '../../scripts/schema/aggregates.ts';
import { readAggregates } from '../../src/lib/aggregates.ts';
import type { ChartModel } from '../../src/lib/chartModel.ts';
import {
  categoryColor,
  REASON_CATEGORIES,
  RECOMMENDATIONS,
  REJECTED_BY_KEYS,
  rejectedByColor,
} from '../../src/lib/figures/colors.ts';
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
import { partnershipDaysToFill } from '../../src/lib/figures/partnerships.ts';
import {
  categoryByDepartment,
  categoryMix,
  rejectedByMix,
  stageMix,
  topReasons,
} from '../../src/lib/figures/rejections.ts';
import {
  offerDeclines,
  offersByQuarter,
  recommendationMix as ownRecommendations,
  sourcesOfMonth,
} from '../../src/lib/figures/sources.ts';
import { fillByDepartment, fillByPerson, fillTrend, hireTrend, openAging } from '../../src/lib/figures/timeToFill.ts';
import { recruiterFillsChart, recruiterNames } from '../../src/lib/recruiters.ts';
import { createSite, METRIC_IDS } from '../../src/lib/site.ts';
import { HOSTILE, MANAGERS } from '../fixtures/site/data.ts';
import { siteFixture } from '../helpers/site-fixture.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = await siteFixture();
afterAll(() => fixture.remove());
const site = createSite(readAggregates(fixture.artifactPath));
const month = site.focusMonth!;

const FIGURE = 'the figure';
/**
 * Names that say the same thing on different charts. A name not listed is its own meaning (a stage, a
 * category); a chart's own scope (a department, a hiring manager) is its figure.
 */
const SAME: Record<string, string> = {
  median: FIGURE,
  'on time': FIGURE,
  '90th percentile': 'spread',
  'on to the 90th percentile': 'spread',
  'company-wide': 'the whole, beside its parts',
  'company-wide median': 'the whole, beside its parts',
  'company median': 'the whole, beside its parts',
  'company-wide on time': 'the whole, beside its parts',
  'all stages': 'the whole, beside its parts',
  candidate: 'candidate withdrew',
  unknown: 'not stated',
  unspecified: 'not stated',
  'no decision': 'not stated',
  company: 'ended by the company',
};
const meaningOf = (name: string, scope?: string) =>
  name === scope ? FIGURE : (SAME[name.toLowerCase()] ?? name.toLowerCase());

/** What a chart draws with that is not a meaning: ink, the page's background, nothing. */
const STRUCTURAL = new Set(['currentColor', 'var(--bg)', 'none', 'transparent']);
/** Every fill and stroke a chart's SVG draws with. */
const drawn = (svg: string) =>
  [...svg.matchAll(/\s(?:fill|stroke)="([^"]+)"/g)].map((m) => m[1]!).filter((c) => !STRUCTURAL.has(c));

type Entry = [where: string, chart: ChartModel | null, scope?: string];
const charts: Entry[] = [
  ['feedbackTrend', feedbackTrend(site, ALL)],
  ['feedbackTrend(dept)', feedbackTrend(site, HOSTILE)],
  ['feedbackByDepartment', feedbackByDepartment(site, month)],
  ['feedbackHoursByStage', feedbackHoursByStage(site, month, ALL)],
  ['recommendationMix', recommendationMix(site, ALL)],
  ['outstandingFeedback', outstandingFeedback(site, ALL)],
  ['feedbackByPerson', feedbackByPerson(site, 'hiringManager')],
  ['fillTrend', fillTrend(site, ALL)],
  ['fillTrend(dept)', fillTrend(site, 'Engineering')],
  ['fillByDepartment', fillByDepartment(site, '2025-04')],
  ['fillByPerson', fillByPerson(site, 'hiringManager')],
  ['openAging', openAging(site, ALL)],
  ['hireTrend', hireTrend(site, ALL)],
  ['categoryMix', categoryMix(site, ALL)],
  ['categoryByDepartment', categoryByDepartment(site, month)],
  ['rejectedByMix', rejectedByMix(site, ALL)],
  ['stageMix', stageMix(site, ALL)],
  ['stageMix(dept)', stageMix(site, 'Engineering')],
  ['topReasons', topReasons(site, month, ALL)],
  ['funnelStages', funnelStages(site, ALL)],
  ...passThroughPanels(site, ALL).map((c, i): Entry => [`passThroughPanels[${i}]`, c]),
  ['partnershipDaysToFill', partnershipDaysToFill(site)],
  ['sourcesOfMonth', sourcesOfMonth(site, month)],
  ['offersByQuarter', offersByQuarter(site, month)],
  ['offerDeclines', offerDeclines(site)],
  ['ownRecommendations', ownRecommendations(site)],
  ['recruiterFillsChart', recruiterFillsChart(site, recruiterNames(site)[0]!)],
  ...METRIC_IDS.flatMap((m): Entry[] => [
    [`headlineTrend(${m})`, headlineTrend(site, m, { kind: 'all' }, 'a')],
    [
      `headlineTrend(${m}, dept)`,
      headlineTrend(site, m, { kind: 'department', department: 'Engineering' }, 'd'),
      'Engineering',
    ],
    [
      `headlineTrend(${m}, hm)`,
      headlineTrend(site, m, { kind: 'hiringManager', hiringManager: MANAGERS[0]!.name }, 'h'),
      MANAGERS[0]!.name,
    ],
  ]),
];

/** colour → meaning → where it was seen. */
const uses = new Map<string, Map<string, string[]>>();
function use(color: string, meaning: string, where: string) {
  const meanings = uses.get(color) ?? new Map<string, string[]>();
  meanings.set(meaning, [...(meanings.get(meaning) ?? []), where]);
  uses.set(color, meanings);
}
for (const c of REASON_CATEGORIES) use(categoryColor(c), meaningOf(c), `categoryColor(${c})`);
for (const k of REJECTED_BY_KEYS) use(rejectedByColor(k), meaningOf(k), `rejectedByColor(${k})`);
for (const r of RECOMMENDATIONS) use(r.color, meaningOf(r.label), `RECOMMENDATIONS.${r.key}`);
for (const [where, chart, scope] of charts) {
  if (!chart?.svg) continue;
  const keyed = new Set<string>();
  for (const item of chart.legend ?? []) {
    use(item.color, meaningOf(item.name, scope), `${where} legend "${item.name}"`);
    keyed.add(item.color);
  }
  for (const color of [...drawn(chart.svg.wide), ...drawn(chart.svg.narrow)])
    if (!keyed.has(color)) use(color, FIGURE, `${where} (no key)`);
}

/** The custom properties of `:root` in theme.css, light and (inside the dark media query) dark. */
function themes(): { light: Map<string, string>; dark: Map<string, string> } {
  const css = fs.readFileSync(path.join(root, 'src/styles/theme.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const at = css.indexOf('prefers-color-scheme: dark');
  const read = (text: string) =>
    new Map([...text.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim().toLowerCase()]));
  const light = read(css.slice(0, at));
  return { light, dark: new Map([...light, ...read(css.slice(at))]) };
}

describe('one meaning per colour', () => {
  it('sees the charts it is about: every family of colours is drawn somewhere', () => {
    const where = [...uses.values()].flatMap((m) => [...m.values()].flat()).join('\n');
    for (const chart of ['fillTrend legend', 'fillByPerson legend', 'categoryMix legend', 'rejectedByMix legend'])
      expect(where).toContain(chart);
    for (const chart of ['recommendationMix legend', 'stageMix legend', 'feedbackTrend legend'])
      expect(where).toContain(chart);
  });

  it('gives each colour one meaning on every chart and in every map', () => {
    const shared = [...uses]
      .filter(([, meanings]) => meanings.size > 1)
      .map(([color, meanings]) => `${color}: ${[...meanings].map(([m, w]) => `${m} (${w[0]})`).join(' | ')}`);
    expect(shared).toEqual([]);
  });

  it('gives the figure one colour, and a stage the same colour on every chart', () => {
    const figure = [...uses].filter(([, m]) => m.has(FIGURE)).map(([c]) => c);
    expect(figure).toEqual(['var(--figure)']);
    const colorOf = new Map<string, Set<string>>();
    for (const [color, meanings] of uses)
      for (const m of meanings.keys()) colorOf.set(m, new Set([...(colorOf.get(m) ?? []), color]));
    const many = [...colorOf].filter(([, c]) => c.size > 1).map(([m, c]) => `${m}: ${[...c].join(', ')}`);
    expect(many).toEqual([]);
  });

  it('gives no two meanings the same value in the light or the dark theme', () => {
    const { light, dark } = themes();
    for (const [name, theme] of [
      ['light', light],
      ['dark', dark],
    ] as const) {
      const byValue = new Map<string, Set<string>>();
      for (const [color, meanings] of uses) {
        const token = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
        if (!token) continue;
        const value = theme.get(token);
        expect(value, `${token} in the ${name} theme`).toMatch(/^#[0-9a-f]{6}$/);
        byValue.set(value!, new Set([...(byValue.get(value!) ?? []), ...meanings.keys()]));
      }
      const shared = [...byValue].filter(([, m]) => m.size > 1).map(([v, m]) => `${name} ${v}: ${[...m].join(' | ')}`);
      expect(shared).toEqual([]);
    }
  });

  it('lets no chart module name a colour of its own: colours come from colors.ts and theme.ts', () => {
    const dirs = ['src/lib/figures', 'src/charts'];
    const own = dirs.flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir))
        .filter((f) => f.endsWith('.ts') && !['colors.ts', 'theme.ts'].includes(f))
        .flatMap((f) => {
          const text = fs.readFileSync(path.join(root, dir, f), 'utf8');
          return [...text.matchAll(/var\(--([\w-]+)\)|#[0-9a-fA-F]{6}\b/g)]
            .filter((m) => m[1] !== 'bg')
            .map((m) => `${dir}/${f}: ${m[0]}`);
        }),
    );
    expect(own).toEqual([]);
  });
});
