/**
 * The chart modules: plain data → one Plot spec → SVG markup. What the site relies on: an SVG with role="img",
 * hover text as native <title>s (no tip), user-supplied text escaped, the same bytes on every render, and a
 * Plot warning turned into an error.
 */
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { barChart, type BarChartInput } from '../../src/charts/barChart.ts';
import { dotPlot, type DotPlotInput } from '../../src/charts/dotPlot.ts';
import { lineChart, type LineChartInput } from '../../src/charts/lineChart.ts';
import { renderSvg, renumberIds } from '../../src/charts/render.ts';
import { stackedBar, type StackedBarInput } from '../../src/charts/stackedBar.ts';

const HOSTILE = 'R&D <script>alert(1)</script>';
const label = { id: 'test-chart', labelledBy: 'test-chart-title', describedBy: 'test-chart-desc' };
const count = (text: string, needle: string) => text.split(needle).length - 1;

const line: LineChartInput = {
  points: [
    { month: '2025-01', series: HOSTILE, value: 0.5, title: `${HOSTILE}, Jan 2025: 50%` },
    { month: '2025-02', series: HOSTILE, value: null, title: 'suppressed' },
    { month: '2025-03', series: HOSTILE, value: 0.75, title: `${HOSTILE}, Mar 2025: 75%` },
    { month: '2025-01', series: 'All', value: 0.6, title: 'All, Jan 2025: 60%' },
    { month: '2025-03', series: 'All', value: 0.7, title: 'All, Mar 2025: 70%' },
  ],
  series: [{ name: HOSTILE }, { name: 'All', color: 'var(--chart-muted)', reference: true }],
  months: ['2025-01', '2025-02', '2025-03'],
  unit: 'rate',
  yLabel: 'On time',
};
const bars: BarChartInput = {
  bars: [
    { label: 'Engineering', value: 40, text: '40', title: 'Engineering: 40 days' },
    { label: HOSTILE, value: 71.5, text: '71.5', title: `${HOSTILE}: 71.5 days` },
    { label: 'Sales', value: 12, text: '12', title: 'Sales: 12 days' },
  ],
  unit: 'days',
  xLabel: 'Median days to fill',
  reference: { value: 50, label: 'All 50' },
};
const stacked: StackedBarInput = {
  parts: [
    { group: 'Jan 2025', key: 'Skills', value: 0.4, title: 'Jan 2025, Skills: 40%' },
    { group: 'Jan 2025', key: HOSTILE, value: 0.6, title: `Jan 2025, ${HOSTILE}: 60%` },
    { group: 'Feb 2025', key: 'Skills', value: 0.7, title: 'Feb 2025, Skills: 70%' },
  ],
  groups: ['Jan 2025', 'Feb 2025'],
  keys: [
    { name: 'Skills', color: 'var(--series-1)' },
    { name: HOSTILE, color: 'var(--series-2)' },
  ],
  unit: 'rate',
  xLabel: 'Share of rejections',
};
const dots: DotPlotInput = {
  rows: [
    { label: 'Alice Moreau', value: 35, low: 30, high: 60, title: 'Alice Moreau: 35 days' },
    { label: HOSTILE, value: 50, title: `${HOSTILE}: 50 days` },
  ],
  unit: 'days',
  xLabel: 'Days to fill',
};

const kinds = [
  { name: 'lineChart', render: () => lineChart(line, label), titled: 4 },
  { name: 'barChart', render: () => barChart(bars, label), titled: 3 },
  { name: 'stackedBar', render: () => stackedBar(stacked, label), titled: 3 },
  { name: 'dotPlot', render: () => dotPlot(dots, label), titled: 2 },
];

describe.each(kinds)('$name', ({ render, titled }) => {
  it('draws an SVG with role="img", labelled and described by the figure text, at both widths', () => {
    const svg = render()!;
    for (const markup of [svg.wide, svg.narrow]) {
      expect(markup.startsWith('<svg')).toBe(true);
      expect(markup).toContain('role="img"');
      expect(markup).toContain('aria-labelledby="test-chart-title"');
      expect(markup).toContain('aria-describedby="test-chart-desc"');
      expect(markup).toMatch(/viewBox="0 0 \d+ \d+"/);
      expect(markup).not.toContain('⚠');
    }
    expect(svg.wide).toContain('viewBox="0 0 720 ');
    expect(svg.narrow).toContain('viewBox="0 0 360 ');
  });

  it('gives every drawn datum its hover text as a native <title>', () => {
    const { wide } = render()!;
    // Each datum's title, as text (the hostile one escaped).
    const titles = [...wide.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!);
    const datumTitles = titles.filter((t) => /\d/.test(t));
    expect(datumTitles.length).toBeGreaterThanOrEqual(titled);
  });

  it('escapes user-supplied text', () => {
    const { wide, narrow } = render()!;
    for (const markup of [wide, narrow]) {
      expect(markup).not.toContain('<script');
      expect(markup).toContain('R&amp;D &lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('renders the same bytes every time', () => {
    const first = render()!;
    const second = render()!;
    expect(second.wide).toBe(first.wide);
    expect(second.narrow).toBe(first.narrow);
  });

  it('uses currentColor and CSS variables, never a fixed white background', () => {
    const { wide } = render()!;
    expect(wide).toContain('currentColor');
    expect(wide).toMatch(/var\(--/);
    expect(wide).not.toMatch(/fill="(white|#fff|#ffffff)"/i);
  });
});

describe('empty input', () => {
  it('draws nothing (null) rather than an empty frame', () => {
    expect(lineChart({ ...line, points: line.points.map((p) => ({ ...p, value: null })) }, label)).toBeNull();
    expect(barChart({ ...bars, bars: [] }, label)).toBeNull();
    expect(stackedBar({ ...stacked, parts: [] }, label)).toBeNull();
    expect(dotPlot({ ...dots, rows: [] }, label)).toBeNull();
  });
});

describe('renderSvg', () => {
  it('turns a Plot warning into an error naming the chart', () => {
    // Date-like strings on an implicit ordinal scale: Plot warns (and would draw a ⚠️ into the chart).
    const spec: Plot.PlotOptions = {
      marks: [
        Plot.barY(
          [
            { x: '2025-01-01', y: 1 },
            { x: '2025-02-01', y: 2 },
          ],
          { x: 'x', y: 'y' },
        ),
      ],
    };
    expect(() => renderSvg(spec, { id: 'warned' })).toThrow(/Plot warned while drawing chart "warned"/);
  });

  it('leaves console.warn as it found it, even after a warning', () => {
    const before = console.warn;
    try {
      renderSvg({ marks: [Plot.barY([{ x: '2025-01-01', y: 1 }], { x: 'x', y: 'y' })] }, { id: 'w' });
    } catch {
      // expected
    }
    expect(console.warn).toBe(before);
  });

  it("renumbers Plot's clip ids from the chart id, so two renders match and ids are unique on the page", () => {
    const spec = (): Plot.PlotOptions => ({ marks: [Plot.barY([{ x: 'a', y: 1 }], { x: 'x', y: 'y', clip: true })] });
    const first = renderSvg(spec(), { id: 'clipped' });
    const second = renderSvg(spec(), { id: 'clipped' });
    expect(first).toBe(second);
    expect(first).toContain('id="clipped-1"');
    expect(first).toContain('url(#clipped-1)');
    expect(first).not.toMatch(/plot-clip-\d/);
    expect(renderSvg(spec(), { id: 'other' })).toContain('id="other-1"');
  });

  it('refuses a spec with a Plot title or legend (they belong to Chart.astro, as text)', () => {
    expect(() =>
      renderSvg({ title: 'A title', marks: [Plot.dot([1, 2], { x: (d: number) => d })] }, { id: 'fig' }),
    ).toThrow(/must not have a title/);
  });
});

describe('renumberIds', () => {
  it('rewrites ids and their references only, exactly', () => {
    const markup =
      '<svg><clipPath id="plot-clip-1"/><clipPath id="plot-clip-12"/><g clip-path="url(#plot-clip-12)"/><use href="#plot-clip-1"/></svg>';
    expect(renumberIds(markup, 'c')).toBe(
      '<svg><clipPath id="c-1"/><clipPath id="c-2"/><g clip-path="url(#c-2)"/><use href="#c-1"/></svg>',
    );
  });
});

it('line chart: a suppressed month is a gap in the line, not a zero', () => {
  const { wide } = lineChart(line, label)!;
  // Two dots for the hostile series (Jan, Mar) + two for All: no dot at Feb.
  expect(count(wide, '<circle')).toBe(4);
  expect(wide).not.toContain('suppressed');
});

describe("the team's target on bars and dots", () => {
  // The target's label and the company-wide line's grow away from each other: a target above the line is
  // labelled to its right (text-anchor start), the line's label to its left (end), and the other way round.
  const anchors = (svg: string, text: string) =>
    [...svg.matchAll(/<g[^>]*text-anchor="(start|end)"[^>]*><text[^>]*>([^<]*)</g)]
      .filter((m) => m[2]!.includes(text))
      .map((m) => m[1]);

  it('is a dotted rule with its label, beside the company-wide line without overlapping it', () => {
    const above = barChart({ ...bars, target: { value: 60, label: 'target ≤ 60 days' } }, label)!;
    for (const svg of [above.wide, above.narrow]) {
      expect(svg).toContain('stroke-dasharray="1 3"');
      expect(anchors(svg, 'target ≤ 60 days')).toEqual(['start']);
      expect(anchors(svg, 'All 50')).toEqual(['end']);
    }
    const below = barChart({ ...bars, target: { value: 30, label: 'target ≤ 30 days' } }, label)!;
    expect(anchors(below.wide, 'target ≤ 30 days')).toEqual(['end']);
    expect(anchors(below.wide, 'All 50')).toEqual(['start']);
  });

  it("where the bars' targets differ, a dotted tick across each bar at its own", () => {
    const own = barChart({ ...bars, bars: bars.bars.map((b, i) => ({ ...b, target: [45, 80, 45][i] })) }, label)!;
    for (const svg of [own.wide, own.narrow]) {
      const ticks = svg.match(/<g[^>]*stroke-dasharray="2 2"[^>]*>(.*?)<\/g>/s)?.[1] ?? '';
      expect(ticks.match(/<line/g)).toHaveLength(3);
    }
    // The axis reaches the furthest target (80), past every bar (71.5) and the company's line (50).
    expect(own.wide).toMatch(/>80</);
  });

  it('widens the axis to a target past every value, on a dot plot too', () => {
    const svg = dotPlot({ ...dots, target: { value: 90, label: 'target ≤ 90 days' } }, label)!.wide;
    expect(svg).toContain('stroke-dasharray="1 3"');
    expect(svg).toContain('target ≤ 90 days');
    // The axis reaches 90: its ticks run past the largest value (60).
    expect(svg).toMatch(/>(80|90|100)</);
    expect(dotPlot(dots, label)!.wide).not.toContain('stroke-dasharray="1 3"');
  });
});
