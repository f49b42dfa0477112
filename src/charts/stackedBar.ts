/**
 * One horizontal bar per group (a month, a department), split into parts by key (a reason category, who
 * rejected, a recommendation). Values are shares (0..1) or counts. A suppressed part is left out, so a bar
 * may not reach 100%: the chart's note says so.
 */
import * as Plot from '@observablehq/plot';
import { baseSpec, renderBoth, type ChartSvg, type SvgLabel } from './render.ts';
import { tickFormat, type ChartUnit } from './scales.ts';
import { rowLabelMarks, rowLabels, zeroRule } from './rowLabels.ts';
import type { Variant } from './theme.ts';

export interface StackPart {
  group: string;
  key: string;
  value: number;
  title: string;
}

export interface StackedBarInput {
  parts: StackPart[];
  /** Bars, top to bottom. */
  groups: string[];
  /** Parts, left to right, with their colours (the legend is drawn by Chart.astro from the same list). */
  keys: { name: string; color: string }[];
  unit: Extract<ChartUnit, 'rate' | 'count'>;
  xLabel: string;
}

export function stackedBarSpec(input: StackedBarInput, variant: Variant): Plot.PlotOptions {
  const marginRight = 20;
  const layout = rowLabels(input.groups, variant, marginRight, 0.3);
  const rowHeight = (variant === 'wide' ? 34 : 30) + layout.space;
  const rows = rowHeight * Math.max(1, input.groups.length);
  const keyOrder = input.keys.map((k) => k.name);
  const parts = input.parts.filter((p) => keyOrder.includes(p.key) && input.groups.includes(p.group) && p.value > 0);
  return {
    // Rows under their labels are exactly `rowHeight` high (no band padding), so the labels sit where placed.
    ...baseSpec(variant, layout.above ? 48 + rows : 52 + rows),
    marginLeft: layout.marginLeft,
    marginRight,
    marginTop: 8,
    marginBottom: 40,
    x: {
      domain: input.unit === 'rate' ? [0, 1] : undefined,
      nice: true,
      grid: true,
      ticks: variant === 'wide' ? 5 : 3,
      tickFormat: tickFormat(input.unit),
      label: input.xLabel,
      labelArrow: 'right',
    },
    y: { domain: input.groups, label: null, tickSize: 0, ...(layout.above ? { axis: null, padding: 0 } : {}) },
    color: { domain: keyOrder, range: input.keys.map((k) => k.color) },
    marks: [
      Plot.barX(parts, {
        x: 'value',
        y: 'group',
        fill: 'key',
        order: keyOrder,
        title: 'title',
        insetTop: 3 + layout.space,
        insetBottom: 3,
        stroke: 'var(--bg)',
        strokeWidth: 1,
      }),
      zeroRule(layout, input.groups),
      ...rowLabelMarks(layout, input.groups, rowHeight),
    ],
  };
}

/** The chart at both widths, or null when there is nothing to stack. */
export function stackedBar(input: StackedBarInput, label: SvgLabel): ChartSvg | null {
  if (!input.groups.length || !input.parts.some((p) => p.value > 0)) return null;
  return renderBoth((variant) => stackedBarSpec(input, variant), label);
}
