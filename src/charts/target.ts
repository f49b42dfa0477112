/**
 * The company-wide line and the team's target on a chart with a horizontal value axis (bars, dots): the
 * target a dotted rule across the rows; each labelled in the top margin at its own value, the two labels
 * growing away from each other so they never overlap.
 */
import * as Plot from '@observablehq/plot';

export interface ChartTarget {
  value: number;
  /** As the config says it: `target ≥ 85%`. */
  label: string;
}

const label = (value: number, text: string, textAnchor: 'start' | 'middle' | 'end') =>
  Plot.text([value], {
    x: (d: number) => d,
    frameAnchor: 'top',
    dy: -16,
    text: () => text,
    textAnchor,
    fill: 'currentColor',
  });

/** The target's rule (drawn under the bars' values). */
export const targetRuleX = (target: ChartTarget): Plot.Markish =>
  Plot.ruleX([target.value], { stroke: 'currentColor', strokeDasharray: '1 3', strokeWidth: 1.5 });

/** The labels of the company-wide line and of the target, in the top margin; `max`: the axis' end. */
export function topLabelsX(
  reference: { value: number; label: string } | undefined,
  target: ChartTarget | undefined,
  max: number,
): Plot.Markish[] {
  if (!target) return reference ? [label(reference.value, reference.label, 'middle')] : [];
  const right = reference ? target.value > reference.value : target.value < max / 2;
  return [
    ...(reference ? [label(reference.value, reference.label, right ? 'end' : 'start')] : []),
    label(target.value, `··· ${target.label}`, right ? 'start' : 'end'),
  ];
}
