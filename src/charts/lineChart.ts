/**
 * A line per series over months: headline trends, feedback on time by month, funnel pass-through by cohort.
 * A missing value (no data, or suppressed) is a gap in the line, never a zero.
 */
import * as Plot from '@observablehq/plot';
import { baseSpec, renderBoth, type ChartSvg, type SvgLabel } from './render.ts';
import { monthDate, monthDomain, monthTick, monthTicks, tickFormat, type ChartUnit } from './scales.ts';
import { FIGURE, type Variant } from './theme.ts';

export interface LinePoint {
  month: string;
  series: string;
  /** null = no value: a gap in the line. */
  value: number | null;
  /** Hover text (`<title>`) of the point. */
  title: string;
}

export interface LineSeries {
  name: string;
  color?: string;
  /** A reference line (e.g. the company-wide figure beside a department's): dashed, no dots. */
  reference?: boolean;
}

export interface LineChartInput {
  points: LinePoint[];
  /** Drawing order and style of the series; points of other series are ignored. */
  series: LineSeries[];
  /** The x domain, oldest first. */
  months: string[];
  unit: ChartUnit;
  /** Shown above the value axis: `↑ Median days`. */
  yLabel: string;
  /** Small multiples: shorter, fewer ticks. */
  compact?: boolean;
  /** The team's target (config `targets`): a dotted rule across the chart, labelled above it at the right. */
  target?: { value: number; label: string };
}

export function lineChartSpec(input: LineChartInput, variant: Variant): Plot.PlotOptions {
  const height = input.compact ? (variant === 'wide' ? 220 : 180) : variant === 'wide' ? 340 : 260;
  const marks: Plot.Markish[] = [];
  if (input.unit !== 'rate') marks.push(Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.5 }));
  input.series.forEach((s) => {
    const data = input.points
      .filter((p) => p.series === s.name)
      .map((p) => ({ ...p, date: monthDate(p.month) }))
      .sort((a, b) => a.date.getTime() - b.date.getTime());
    const color = s.color ?? FIGURE;
    marks.push(
      Plot.lineY(data, {
        x: 'date',
        y: 'value',
        stroke: color,
        strokeWidth: s.reference ? 2 : 3,
        strokeDasharray: s.reference ? '6 4' : undefined,
        title: () => s.name,
      }),
    );
    marks.push(
      Plot.dot(
        data.filter((d) => d.value !== null),
        {
          x: 'date',
          y: 'value',
          fill: s.reference ? 'var(--bg)' : color,
          stroke: color,
          strokeWidth: 2,
          r: s.reference ? 3 : 4.5,
          title: 'title',
        },
      ),
    );
  });
  if (input.target) {
    const { value, label } = input.target;
    marks.push(
      Plot.ruleY([value], { stroke: 'currentColor', strokeDasharray: '1 3', strokeWidth: 1.5 }),
      // The label sits in the top margin, at the right: on the rule it covered the points that run along it.
      Plot.text([label], {
        frameAnchor: 'top-right',
        textAnchor: 'end',
        lineAnchor: 'bottom',
        text: (d: string) => `··· ${d}`,
        dy: -10,
        fontSize: 11,
        // A halo in the page's colour keeps the label legible where a line runs under it.
        stroke: 'var(--bg)',
        strokeWidth: 4,
        paintOrder: 'stroke',
        fill: 'currentColor',
      }),
    );
  }
  const values = input.points.flatMap((p) => (p.value === null ? [] : [p.value]));
  if (input.target) values.push(input.target.value);
  return {
    ...baseSpec(variant, height),
    marginLeft: 48,
    marginRight: 36,
    marginTop: 28,
    x: {
      type: 'utc',
      domain: monthDomain(input.months),
      ticks: monthTicks(input.months, input.compact && variant === 'wide' ? 'narrow' : variant),
      tickFormat: monthTick,
      label: null,
    },
    y: {
      domain: [0, yMax(input.unit, values)],
      nice: true,
      grid: true,
      ticks: variant === 'wide' && !input.compact ? 6 : 4,
      tickFormat: tickFormat(input.unit),
      label: input.yLabel,
      labelArrow: 'up',
    },
    marks,
  };
}

/**
 * The top of the value axis, from 0: a rate's is 100% only when the rates reach past half of it; a share of
 * 2–13% on a 0–100% axis is a flat line, so it ends a little above the largest value (rounded by `nice`).
 */
export function yMax(unit: ChartUnit, values: readonly number[]): number {
  const max = Math.max(0, ...values);
  if (unit !== 'rate') return Math.max(1, max);
  return max > 0.5 ? 1 : Math.max(0.05, max * 1.15);
}

/** The chart at both widths, or null when there is no value to draw. */
export function lineChart(input: LineChartInput, label: SvgLabel): ChartSvg | null {
  if (!input.months.length || !input.points.some((p) => p.value !== null)) return null;
  return renderBoth((variant) => lineChartSpec(input, variant), label);
}
