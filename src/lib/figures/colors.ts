/**
 * Which colour means what. The rule: **a colour means one thing on every page**, and a chart draws no colour
 * that is not named here (tests/site/colors.test.ts checks every chart the pages build).
 *
 * - `FIGURE` (blue): the figure a chart is about: a single series, a scope's line, the median, feedback on time.
 * - `SPREAD` (blue's pale tint): how far that figure spreads: the 90th percentile, the line from median to p90.
 * - `SECOND`: a second figure of the same measure beside the first (feedback submitted at all, beside on time).
 * - `COMPANY_WIDE` (grey, dashed): the figure of the whole beside its parts: the company-wide figure beside a
 *   department's or a person's, all stages' beside each stage's.
 * - Reason categories, who ended an application, recommendations and stages: one fixed colour per value. Values
 *   that mean the same share it: a withdrawal is the candidate ending it, and "unspecified", "unknown" and "no
 *   decision" are all "not stated".
 * - Ink (`currentColor`): text, axes, targets (dotted).
 *
 * Their values for light, dark and print are in src/styles/theme.css.
 */
import { REASON_CATEGORIES } from '../../../scripts/schema/config.ts';
import { COMPANY_WIDE, FIGURE, SECOND, SPREAD } from '../../charts/theme.ts';

export { COMPANY_WIDE, FIGURE, SECOND, SPREAD };

type Category = (typeof REASON_CATEGORIES)[number];

const NOT_STATED = 'var(--not-stated)';
const WITHDREW = 'var(--reason-candidate-withdrew)';

const CATEGORY_COLOR: Record<Category, string> = {
  skills: 'var(--reason-skills)',
  experience: 'var(--reason-experience)',
  'career goals': 'var(--reason-career-goals)',
  values: 'var(--reason-values)',
  compensation: 'var(--reason-compensation)',
  logistics: 'var(--reason-logistics)',
  'position filled': 'var(--reason-position-filled)',
  'candidate withdrew': WITHDREW,
  other: 'var(--reason-other)',
  unspecified: NOT_STATED,
};

/** A reason category's colour; a category the site does not know is "not stated". */
export const categoryColor = (category: string): string => CATEGORY_COLOR[category as Category] ?? NOT_STATED;

export const REJECTED_BY_KEYS = ['company', 'candidate', 'unknown'] as const;
/** Who ended an application: the candidate's colour is a withdrawal's, unknown is "not stated". */
export const rejectedByColor = (key: string): string =>
  key === 'company' ? 'var(--ended-by-company)' : key === 'candidate' ? WITHDREW : NOT_STATED;

/** Strong yes to strong no, a diverging scale (darker where stronger); no decision is "not stated". */
export const RECOMMENDATIONS = [
  { key: 'strong_yes', label: 'Strong yes', color: 'var(--rec-strong-yes)' },
  { key: 'yes', label: 'Yes', color: 'var(--rec-yes)' },
  { key: 'no', label: 'No', color: 'var(--rec-no)' },
  { key: 'strong_no', label: 'Strong no', color: 'var(--rec-strong-no)' },
  { key: 'no_decision', label: 'No decision', color: NOT_STATED },
] as const;

/**
 * The colour of stage `index` of `count`, in pipeline order: a ramp from the first stage's colour to the last's,
 * so any number of stages gets colours of its own, in order (a cycle of ten repeated colours past the tenth).
 */
export function stageColor(index: number, count: number): string {
  if (count <= 1 || index <= 0) return 'var(--stage-first)';
  if (index >= count - 1) return 'var(--stage-last)';
  const last = Math.round((index / (count - 1)) * 100);
  return `color-mix(in oklab, var(--stage-last) ${last}%, var(--stage-first))`;
}

/** The key of a chart of bars with a dashed reference line: the bars are the figure, the line the whole's. */
export const referenceLegend = (figure: string, whole: string) => [
  { name: figure, color: FIGURE },
  { name: whole, color: COMPANY_WIDE, dashed: true },
];

export { REASON_CATEGORIES };
