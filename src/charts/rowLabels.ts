/**
 * The labels of a chart of rows (bars, dots, stacked bars). Labels are user-supplied names of up to 100
 * characters (the data step shortens longer ones). Short ones sit on a y axis at the left, as usual. When the
 * longest would take more than `maxShare` of the width, an axis would have to cut them (a department's name
 * cut at 30 characters is often no name at all): every label then goes above its row instead, across the whole
 * width, wrapped at words, and the rows start at the left edge.
 */
import * as Plot from '@observablehq/plot';
import { FONT_SIZE, textWidth, widthOf, type Variant } from './theme.ts';

/** Lines of a label above its row, at most: past that the last line ends in "…" (the full name is the row's hover text and in the table). */
const MAX_LINES = 4;
const LINE_HEIGHT = 1.15;
const MIN_PLOT_SHARE = 0.4;
const ABOVE_MARGIN_LEFT = 12;
/** Room above a label, so that it sits nearer its own row than the one before. */
const LABEL_GAP = 6;

export interface RowLabels {
  /** True when the labels are drawn above their rows rather than on an axis. */
  above: boolean;
  marginLeft: number;
  /** SVG units each row gives its label above the mark: 0 on an axis. */
  space: number;
  /** The labels as drawn above their rows, lines joined by "\n" (Plot draws one <tspan> a line). */
  lines: Map<string, string>;
}

/** Breaks a label into lines of at most `width` SVG units (estimated generously), at spaces where it can. */
export function wrapLabel(label: string, width: number, variant: Variant): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, variant) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    // A word longer than a line is cut where the line ends.
    let rest = word;
    while (textWidth(rest, variant) > width) {
      const chars = [...rest];
      let n = chars.length;
      while (n > 1 && textWidth(chars.slice(0, n).join(''), variant) > width) n--;
      lines.push(chars.slice(0, n).join(''));
      rest = chars.slice(n).join('');
    }
    line = rest;
  }
  if (line) lines.push(line);
  if (lines.length <= MAX_LINES) return lines;
  const kept = lines.slice(0, MAX_LINES);
  kept[MAX_LINES - 1] = `${[...kept[MAX_LINES - 1]!].slice(0, -1).join('')}…`;
  return kept;
}

/** Where a chart's row labels go; `marginRight` is the chart's, so a label above its row never runs past it. */
export function rowLabels(
  labels: readonly string[],
  variant: Variant,
  marginRight: number,
  // A phone's chart gives its labels a little more of its width: 38% of 360 is 16 characters.
  maxShare = variant === 'wide' ? 0.38 : 0.45,
): RowLabels {
  const cap = Math.round(widthOf(variant) * maxShare);
  const longest = Math.max(0, ...labels.map((l) => textWidth(l, variant)));
  const marginLeft = Math.max(40, longest + 20);
  // On the axis while the labels fit and leave the marks at least 40% of the width (a phone's bars, with their
  // values written beside them, were squeezed to a third of it).
  if (longest + 20 <= cap && widthOf(variant) - marginLeft - marginRight >= MIN_PLOT_SHARE * widthOf(variant))
    return { above: false, marginLeft, space: 0, lines: new Map() };
  // The value axis's first tick label ("0") needs a little room left of the rows.
  const width = widthOf(variant) - ABOVE_MARGIN_LEFT - marginRight;
  const lines = new Map(labels.map((l) => [l, wrapLabel(l, width, variant)] as const));
  const most = Math.max(1, ...[...lines.values()].map((l) => l.length));
  return {
    above: true,
    marginLeft: ABOVE_MARGIN_LEFT,
    space: Math.ceil(most * FONT_SIZE[variant] * LINE_HEIGHT) + LABEL_GAP + 4,
    lines: new Map([...lines].map(([l, parts]) => [l, parts.join('\n')])),
  };
}

/**
 * The marks that draw the labels: a y axis, or a text above each row. `step` is the height of a row; rows
 * above their labels need `y: { padding: 0 }` so that a row is exactly `step` high.
 */
export function rowLabelMarks(layout: RowLabels, labels: readonly string[], step: number): Plot.Markish[] {
  if (!layout.above) return [Plot.axisY({ label: null, tickSize: 0 })];
  return [
    Plot.text(labels, {
      y: (d: string) => d,
      text: (d: string) => layout.lines.get(d) ?? d,
      frameAnchor: 'left',
      textAnchor: 'start',
      // On the bar: a label of fewer lines than the longest leaves the room above it, not between it and its row.
      lineAnchor: 'bottom',
      lineHeight: LINE_HEIGHT,
      dy: -step / 2 + layout.space - 5,
      fill: 'currentColor',
      // A thin halo in the page's colour: a reference or grid line never runs through a label.
      className: 'chart-label-halo',
    }),
  ];
}

/**
 * The rule at zero: across the chart beside an axis; under labels above their rows, a piece beside each row
 * (a rule across the chart would run through the first letter of every label).
 */
export function zeroRule(layout: RowLabels, labels: readonly string[]): Plot.Markish {
  if (!layout.above) return Plot.ruleX([0], { stroke: 'currentColor' });
  return Plot.ruleX(labels, {
    x: 0,
    y: (d: string) => d,
    insetTop: 3 + layout.space,
    insetBottom: 3,
    stroke: 'currentColor',
  });
}

/** How far a row's mark (bar, dot, the text beside it) moves down from the middle of its row. */
export const markOffset = (layout: RowLabels): number => (layout.above ? layout.space / 2 : 0);
