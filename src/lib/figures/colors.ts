/** Which series colour each category gets: fixed, so a category has the same colour on every page. */
import { REASON_CATEGORIES } from '../../../scripts/schema/config.ts';
import { seriesColor } from '../../charts/theme.ts';

const CATEGORY_SERIES: Record<(typeof REASON_CATEGORIES)[number], number> = {
  skills: 0,
  experience: 5,
  'career goals': 6,
  values: 3,
  compensation: 4,
  logistics: 7,
  'position filled': 2,
  'candidate withdrew': 1,
  other: 8,
  unspecified: 9,
};

export const categoryColor = (category: string): string =>
  seriesColor(CATEGORY_SERIES[category as keyof typeof CATEGORY_SERIES] ?? 9);

export const REJECTED_BY_KEYS = ['company', 'candidate', 'unknown'] as const;
export const rejectedByColor = (key: string): string =>
  seriesColor(key === 'company' ? 0 : key === 'candidate' ? 1 : 9);

export const RECOMMENDATIONS = [
  { key: 'strong_yes', label: 'Strong yes', color: seriesColor(2) },
  { key: 'yes', label: 'Yes', color: seriesColor(5) },
  { key: 'no', label: 'No', color: seriesColor(8) },
  { key: 'strong_no', label: 'Strong no', color: seriesColor(1) },
  { key: 'no_decision', label: 'No decision', color: seriesColor(9) },
] as const;

export { REASON_CATEGORIES, seriesColor };
