/**
 * One row per label with a dot for the value and, optionally, a line for a range (e.g. from the median to the
 * 90th percentile): hiring managers' days to fill, days open per department. Rows with no value are
 * not drawn (the data table lists them).
 */
import * as Plot from '@observablehq/plot';
import { targetRuleX, topLabelsX, type ChartTarget } from './target.ts';
import { baseSpec, renderBoth, type ChartSvg, type SvgLabel } from './render.ts';
import { tickFormat, type ChartUnit } from './scales.ts';
import { markOffset, rowLabelMarks, rowLabels, zeroRule } from './rowLabels.ts';
import { COMPANY_WIDE, FIGURE, SPREAD, type Variant } from './theme.ts';

export interface DotRow {
  label: string;
  value: number;
  /** A range drawn as a line behind the dot. */
  low?: number | null;
  high?: number | null;
  title: string;
  color?: string;
}

export interface DotPlotInput {
  /** Top to bottom; a label may repeat (several dots in one row). */
  rows: DotRow[];
  /** Row order; defaults to first appearance in `rows`. */
  labels?: string[];
  unit: ChartUnit;
  xLabel: string;
  reference?: { value: number; label: string };
  /** The team's target (config `targets`): a dotted rule, labelled in the top margin. */
  target?: ChartTarget;
}

export function dotPlotSpec(input: DotPlotInput, variant: Variant): Plot.PlotOptions {
  const labels = input.labels ?? [...new Set(input.rows.map((r) => r.label))];
  const marginRight = 24;
  const layout = rowLabels(labels, variant, marginRight);
  // Many rows (every hiring manager) sit closer, so the chart stays about a screen tall; a dot is 12 px.
  const dense = labels.length > 12;
  const rowHeight = (variant === 'wide' ? (dense ? 22 : 32) : dense ? 24 : 30) + layout.space;
  const marginTop = input.reference || input.target ? 28 : 8;
  const rows = rowHeight * Math.max(1, labels.length);
  const dy = markOffset(layout);
  const ranged = input.rows.filter((r) => r.low != null && r.high != null);
  const max = Math.max(
    1,
    ...input.rows.flatMap((r) => [r.value, r.high ?? 0]),
    input.reference?.value ?? 0,
    input.target?.value ?? 0,
  );
  const marks: Plot.Markish[] = [
    // Under labels above their rows, the grid line runs through the row's dot, not through the label.
    ...(layout.above
      ? [Plot.ruleY(labels, { y: (d: string) => d, dy, stroke: 'currentColor', strokeOpacity: 0.1 })]
      : []),
    zeroRule(layout, labels),
    ...(input.target ? [targetRuleX(input.target)] : []),
    Plot.ruleY(ranged, {
      y: 'label',
      x1: 'low',
      x2: 'high',
      dy,
      stroke: SPREAD,
      strokeWidth: 4,
      strokeLinecap: 'round',
    }),
    Plot.dot(input.rows, {
      x: 'value',
      y: 'label',
      dy,
      r: 6,
      fill: (d: DotRow) => d.color ?? FIGURE,
      stroke: 'var(--bg)',
      strokeWidth: 1.5,
      title: 'title',
    }),
  ];
  if (input.reference)
    marks.push(Plot.ruleX([input.reference.value], { stroke: COMPANY_WIDE, strokeDasharray: '6 4', strokeWidth: 2 }));
  marks.push(...topLabelsX(input.reference, input.target, input.unit === 'rate' ? 1 : max));
  return {
    // Rows under their labels are exactly `rowHeight` high (no band padding), so the labels sit where placed.
    ...baseSpec(variant, layout.above ? marginTop + 40 + rows : 56 + rows),
    marginLeft: layout.marginLeft,
    marginRight,
    marginTop,
    marginBottom: 40,
    color: { type: 'identity' },
    x: {
      domain: input.unit === 'rate' ? [0, 1] : [0, max],
      nice: input.unit !== 'rate',
      grid: true,
      ticks: variant === 'wide' ? 6 : 3,
      tickFormat: tickFormat(input.unit),
      label: input.xLabel,
      labelArrow: 'right',
    },
    y: layout.above
      ? { type: 'band', domain: labels, axis: null, padding: 0 }
      : { domain: labels, label: null, tickSize: 0, grid: true },
    marks: [...marks, ...rowLabelMarks(layout, labels, rowHeight)],
  };
}

/** The chart at both widths, or null when there is no row. */
export function dotPlot(input: DotPlotInput, label: SvgLabel): ChartSvg | null {
  if (!input.rows.length) return null;
  return renderBoth((variant) => dotPlotSpec(input, variant), label);
}
