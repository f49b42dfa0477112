/**
 * One row per label with a dot for the value and, optionally, a line for a range (e.g. from the median to the
 * 90th percentile): hiring managers' days to fill, days open per department. Rows with no value are
 * not drawn (the data table lists them).
 */
import * as Plot from '@observablehq/plot';
import { baseSpec, renderBoth, type ChartSvg, type SvgLabel } from './render.ts';
import { tickFormat, type ChartUnit } from './scales.ts';
import { ACCENT, labelAxis, labelAxisOptions, MUTED, type Variant } from './theme.ts';

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
}

export function dotPlotSpec(input: DotPlotInput, variant: Variant): Plot.PlotOptions {
  const labels = input.labels ?? [...new Set(input.rows.map((r) => r.label))];
  const { marginLeft, lineWidth } = labelAxis(labels, variant);
  const rowHeight = variant === 'wide' ? 32 : 30;
  const ranged = input.rows.filter((r) => r.low != null && r.high != null);
  const max = Math.max(1, ...input.rows.flatMap((r) => [r.value, r.high ?? 0]), input.reference?.value ?? 0);
  const marks: Plot.Markish[] = [
    Plot.ruleX([0], { stroke: 'currentColor' }),
    Plot.ruleY(ranged, { y: 'label', x1: 'low', x2: 'high', stroke: MUTED, strokeWidth: 4, strokeLinecap: 'round' }),
    Plot.dot(input.rows, {
      x: 'value',
      y: 'label',
      r: 6,
      fill: (d: DotRow) => d.color ?? ACCENT,
      stroke: 'var(--bg)',
      strokeWidth: 1.5,
      title: 'title',
    }),
  ];
  if (input.reference) {
    marks.push(
      Plot.ruleX([input.reference.value], { stroke: 'currentColor', strokeDasharray: '4 3', strokeWidth: 1.5 }),
      Plot.text([input.reference.value], {
        x: (d: number) => d,
        frameAnchor: 'top',
        dy: -16,
        text: () => input.reference!.label,
        fill: 'currentColor',
      }),
    );
  }
  return {
    ...baseSpec(variant, 56 + rowHeight * Math.max(1, labels.length)),
    marginLeft,
    marginRight: 24,
    marginTop: input.reference ? 28 : 8,
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
    y: { domain: labels, label: null, tickSize: 0, grid: true },
    marks: [...marks, Plot.axisY(labelAxisOptions(lineWidth))],
  };
}

/** The chart at both widths, or null when there is no row. */
export function dotPlot(input: DotPlotInput, label: SvgLabel): ChartSvg | null {
  if (!input.rows.length) return null;
  return renderBoth((variant) => dotPlotSpec(input, variant), label);
}
