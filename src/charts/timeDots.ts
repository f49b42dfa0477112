/**
 * One dot per event at its date, its value up the axis (a recruiter's fills: the day each seat was filled, and
 * how many days it took), with the company-wide figure as a dashed rule and the team's target as a dotted one
 * (labelled at the right of the top margin).
 * Each dot is a published row, drawn as it is: nothing is summed or averaged here.
 */
import * as Plot from '@observablehq/plot';
import { baseSpec, renderBoth, type ChartSvg, type SvgLabel } from './render.ts';
import { monthDomain, monthTick, monthTicks, tickFormat, type ChartUnit } from './scales.ts';
import type { ChartTarget } from './target.ts';
import { COMPANY_WIDE, FIGURE, type Variant } from './theme.ts';

export interface TimeDot {
  /** `YYYY-MM-DD`. */
  date: string;
  value: number;
  /** Hover text (`<title>`) of the dot. */
  title: string;
}

export interface TimeDotsInput {
  dots: TimeDot[];
  /** The x domain, oldest first. */
  months: string[];
  unit: ChartUnit;
  /** Shown above the value axis: `↑ Days to fill`. */
  yLabel: string;
  /** The company-wide figure: a dashed rule (the chart's legend names it). */
  reference?: { value: number };
  target?: ChartTarget;
}

const dayDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** The target's label, at the right of the top margin (the axis' label is at the left). */
const topLabel = (text: string) =>
  Plot.text([text], {
    frameAnchor: 'top-right',
    textAnchor: 'end',
    lineAnchor: 'bottom',
    dy: -10,
    fontSize: 11,
    text: (d: string) => d,
    fill: 'currentColor',
  });

export function timeDotsSpec(input: TimeDotsInput, variant: Variant): Plot.PlotOptions {
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.5 })];
  if (input.reference) {
    marks.push(
      // Named by the legend and the notes: a label in the margin as well crowded a phone's width.
      Plot.ruleY([input.reference.value], { stroke: COMPANY_WIDE, strokeWidth: 2, strokeDasharray: '6 4' }),
    );
  }
  if (input.target) {
    marks.push(
      Plot.ruleY([input.target.value], { stroke: 'currentColor', strokeDasharray: '1 3', strokeWidth: 1.5 }),
      topLabel(`··· ${input.target.label}`),
    );
  }
  marks.push(
    Plot.dot(
      input.dots.map((d) => ({ ...d, at: dayDate(d.date) })),
      { x: 'at', y: 'value', fill: FIGURE, fillOpacity: 0.75, stroke: 'var(--bg)', r: 4.5, title: 'title' },
    ),
  );
  const values = [...input.dots.map((d) => d.value), input.reference?.value ?? 0, input.target?.value ?? 0];
  return {
    ...baseSpec(variant, variant === 'wide' ? 260 : 220),
    marginLeft: 48,
    marginRight: 30,
    marginTop: 30,
    x: {
      type: 'utc',
      domain: monthDomain(input.months),
      ticks: monthTicks(input.months, variant),
      tickFormat: monthTick,
      label: null,
    },
    y: {
      domain: [0, Math.max(1, ...values)],
      nice: true,
      grid: true,
      ticks: 4,
      tickFormat: tickFormat(input.unit),
      label: input.yLabel,
      labelArrow: 'up',
    },
    marks,
  };
}

/** The chart at both widths, or null when there is no dot to draw. */
export function timeDots(input: TimeDotsInput, label: SvgLabel): ChartSvg | null {
  if (!input.months.length || !input.dots.length) return null;
  return renderBoth((variant) => timeDotsSpec(input, variant), label);
}
