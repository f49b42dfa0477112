/**
 * Labels of charts of rows (issue 20, "Reading and printing"): a department's name of up to 100 characters was
 * cut at about 30 on the y axis of "Days to fill by department". Short labels stay on the axis; longer ones go
 * above their rows, whole, wrapped at words.
 */
import { describe, expect, it } from 'vitest';
import { barChart, type Bar } from '../../src/charts/barChart.ts';
import { dotPlot } from '../../src/charts/dotPlot.ts';
import { rowLabels, wrapLabel } from '../../src/charts/rowLabels.ts';
import { stackedBar } from '../../src/charts/stackedBar.ts';
import { textWidth, widthOf } from '../../src/charts/theme.ts';

const ids = { id: 'rows', labelledBy: 'rows-title', describedBy: 'rows-desc' };
// 100 characters, the most a label has after the data step (scripts/read/long-labels.ts).
const LONG = 'Sales – Mid-market and enterprise, including partnerships, channel sales and the solutions engineers';
const bar = (label: string, value: number): Bar => ({ label, value, text: `${value} (n=3)`, title: label });
/** The text drawn in an SVG, the lines of a wrapped label joined by spaces. */
const drawnText = (svg: string) =>
  svg
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/<\/tspan>\s*<tspan[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('wrapLabel', () => {
  // textWidth at 13 px, 0.62 em a character: 7 characters are ⌈56.42⌉ = 57 units, 8 are 65, 11 are 89.
  it('breaks at spaces into lines that fit, and cuts a word longer than a line', () => {
    expect(textWidth('aaa bbb', 'wide')).toBe(57);
    expect(wrapLabel('aaa bbb ccc', 57, 'wide')).toEqual(['aaa bbb', 'ccc']);
    expect(wrapLabel('x'.repeat(20), 57, 'wide')).toEqual(['xxxxxxx', 'xxxxxxx', 'xxxxxx']);
  });

  it('keeps at most four lines, the last ending in "…"', () => {
    const lines = wrapLabel('aaa bbb '.repeat(10).trim(), 57, 'wide');
    expect(lines).toEqual(['aaa bbb', 'aaa bbb', 'aaa bbb', 'aaa bb…']);
  });

  it('never gives a line wider than the width, and loses no character of a label that fits in four lines', () => {
    for (const variant of ['wide', 'narrow'] as const) {
      const width = widthOf(variant) - 12 - 64;
      const lines = wrapLabel(LONG, width, variant);
      for (const line of lines) expect(textWidth(line, variant)).toBeLessThanOrEqual(width);
      expect(lines.join(' ')).toBe(LONG);
    }
  });
});

describe('rows of a chart', () => {
  it('keeps short labels on the axis and moves long ones above their rows', () => {
    expect(rowLabels(['Data', 'Sales', 'Customer Success'], 'wide', 64).above).toBe(false);
    expect(rowLabels(['Data', LONG], 'wide', 64).above).toBe(true);
    // On a phone "Customer Success" takes ⌈16 × 0.62 × 14⌉ + 20 = 159 of 360 units: on the axis beside dots (24
    // on the right leave 177 for them), above its bar when 97 on the right are for its value (104 left, < 40%).
    expect(rowLabels(['Customer Success'], 'narrow', 24)).toMatchObject({ above: false, marginLeft: 159 });
    expect(rowLabels(['Customer Success'], 'narrow', 97).above).toBe(true);
    // A label above its row takes the lines it needs: 100 characters are 2 lines wide, 3 on a phone.
    const wide = rowLabels(['Data', LONG], 'wide', 64);
    expect(wide.lines.get(LONG)!.split('\n')).toHaveLength(2);
    expect(rowLabels(['Data', LONG], 'narrow', 52).lines.get(LONG)!.split('\n')).toHaveLength(3);
    expect(wide.space).toBeGreaterThan(2 * 13);
  });

  it('draws a 100-character department whole on a bar chart, a dot plot and a stacked bar, at both widths', () => {
    const bars = barChart({ bars: [bar('Data', 35), bar(LONG, 30)], unit: 'days', xLabel: 'Days' }, ids)!;
    const dots = dotPlot({ rows: [{ label: LONG, value: 30, title: LONG }], unit: 'days', xLabel: 'Days' }, ids)!;
    const stacked = stackedBar(
      {
        parts: [{ group: LONG, key: 'Skills', value: 0.5, title: 'x' }],
        groups: [LONG],
        keys: [{ name: 'Skills', color: 'var(--reason-skills)' }],
        unit: 'rate',
        xLabel: 'Share',
      },
      ids,
    )!;
    for (const svg of [bars, dots, stacked].flatMap((c) => [c.wide, c.narrow])) {
      expect(drawnText(svg)).toContain(LONG);
      expect(drawnText(svg)).not.toContain('…');
    }
  });

  it('leaves room right of the bars for the longest value written there', () => {
    const chart = barChart({ bars: [bar('Data', 48), bar('Design', 45.5)], unit: 'days', xLabel: 'Days' }, ids)!;
    // "45.5 (n=3)": 10 characters, ⌈10 × 0.62 × 14⌉ = 87 units on a phone, past the old 52-unit margin.
    const attr = (rect: string, name: string) => Number(new RegExp(` ${name}="([\\d.]+)"`).exec(rect)![1]);
    const bars = (chart.narrow.match(/<rect[^>]*>/g) ?? []).map((r) => attr(r, 'x') + attr(r, 'width'));
    expect(bars).toHaveLength(2);
    expect(Math.max(...bars)).toBeLessThanOrEqual(360 - 97);
  });
});
