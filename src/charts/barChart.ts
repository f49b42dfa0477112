/**
 * Horizontal bars, one per label, with the value written at the end of the bar: medians by department,
 * open seats by age, outstanding feedback, funnel stages. Labels may be long user-supplied names: too long for
 * an axis, they go above their bars, whole (`rowLabels.ts`).
 */
import * as Plot from '@observablehq/plot';
import { targetRuleX, topLabelsX, type ChartTarget } from './target.ts';
import { baseSpec, renderBoth, type ChartSvg, type SvgLabel } from './render.ts';
import { tickFormat, type ChartUnit } from './scales.ts';
import { markOffset, rowLabelMarks, rowLabels, zeroRule } from './rowLabels.ts';
import { COMPANY_WIDE, FIGURE, textWidth, type Variant } from './theme.ts';

export interface Bar {
  label: string;
  value: number;
  /** Hover text (`<title>`) of the bar. */
  title: string;
  /** The value as written beside the bar (`42.5`, `82%`). */
  text: string;
  color?: string;
  /** This bar's own target, where the bars' targets differ (a department's own beside the company's). */
  target?: number;
}

export interface BarChartInput {
  /** In display order, top to bottom. Labels must be unique. */
  bars: Bar[];
  unit: ChartUnit;
  /** Shown under the value axis: `Median days to fill →`. */
  xLabel: string;
  /** A vertical reference line, e.g. the company-wide median. */
  reference?: { value: number; label: string };
  /** The team's target (config `targets`): a dotted rule, labelled in the top margin. */
  target?: ChartTarget;
}

export function barChartSpec(input: BarChartInput, variant: Variant): Plot.PlotOptions {
  const labels = input.bars.map((b) => b.label);
  // Room for the longest value written past the end of its bar ("45.5 (n=2)"), which Plot would cut off.
  const marginRight = Math.max(variant === 'wide' ? 64 : 52, ...input.bars.map((b) => textWidth(b.text, variant) + 10));
  const layout = rowLabels(labels, variant, marginRight);
  const rowHeight = (variant === 'wide' ? 32 : 30) + layout.space;
  const marginTop = input.reference || input.target ? 28 : 8;
  const rows = rowHeight * Math.max(1, input.bars.length);
  // Rows under their labels are exactly `rowHeight` high (no band padding), so the labels sit where placed.
  const height = layout.above ? marginTop + 40 + rows : 56 + rows;
  const dy = markOffset(layout);
  const max = Math.max(
    1,
    ...input.bars.map((b) => b.value),
    input.reference?.value ?? 0,
    input.target?.value ?? 0,
    ...input.bars.map((b) => b.target ?? 0),
  );
  const marks: Plot.Markish[] = [
    Plot.barX(input.bars, {
      x: 'value',
      y: 'label',
      fill: (d: Bar) => d.color ?? FIGURE,
      title: 'title',
      insetTop: 3 + layout.space,
      insetBottom: 3,
    }),
    zeroRule(layout, labels),
  ];
  // The reference line is drawn under the values written beside the bars, which carry a halo in the page's
  // colour (`.chart-halo` in base.css): the dashed line never runs through a label.
  if (input.reference)
    marks.push(Plot.ruleX([input.reference.value], { stroke: COMPANY_WIDE, strokeDasharray: '6 4', strokeWidth: 2 }));
  if (input.target) marks.push(targetRuleX(input.target));
  // Targets that differ bar by bar: a dotted tick across each bar at its own.
  const targeted = input.bars.filter((b) => b.target !== undefined);
  if (targeted.length)
    marks.push(
      Plot.tickX(targeted, {
        x: 'target',
        y: 'label',
        stroke: 'currentColor',
        strokeWidth: 2,
        strokeDasharray: '2 2',
        insetTop: layout.space,
      }),
    );
  marks.push(
    Plot.text(input.bars, {
      x: 'value',
      y: 'label',
      text: 'text',
      textAnchor: 'start',
      dx: 5,
      dy,
      fill: 'currentColor',
      className: 'chart-halo',
    }),
  );
  marks.push(...topLabelsX(input.reference, input.target, input.unit === 'rate' ? 1 : max));
  return {
    ...baseSpec(variant, height),
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
    y: { domain: labels, label: null, tickSize: 0, ...(layout.above ? { axis: null, padding: 0 } : {}) },
    marks: [...marks, ...rowLabelMarks(layout, labels, rowHeight)],
  };
}

/** The chart at both widths, or null when there are no bars. */
export function barChart(input: BarChartInput, label: SvgLabel): ChartSvg | null {
  if (!input.bars.length) return null;
  return renderBoth((variant) => barChartSpec(input, variant), label);
}
