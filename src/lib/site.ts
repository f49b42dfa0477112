/**
 * Lookups over the artifact that several pages share: which scope a headline belongs to, the definition
 * of a metric, slugs for department and hiring-manager pages. Selection and naming only, no metric maths.
 */
import { ALL, METRIC_IDS } from '../../scripts/schema/aggregates.ts';
import type {
  Aggregates,
  Comparison,
  Definition,
  HeadlineSeries,
  MetricId,
  Scope,
} from '../../scripts/schema/aggregates.ts';
import { href } from './href.ts';
import { slugger } from './slug.ts';

export { ALL, METRIC_IDS };

/** What the page says about a metric when the artifact holds no definition for it (it should). */
const FALLBACK: Record<MetricId, Pick<Definition, 'title' | 'unit' | 'betterWhen'>> = {
  requisitionsFilled: { title: 'Requisitions filled', unit: 'count', betterWhen: 'neutral' },
  medianDaysToFill: { title: 'Median days to fill', unit: 'days', betterWhen: 'lower' },
  openRequisitions: { title: 'Open requisitions', unit: 'count', betterWhen: 'neutral' },
  medianDaysToHire: { title: 'Median days to hire', unit: 'days', betterWhen: 'lower' },
  feedbackSlots: { title: 'Feedback slots', unit: 'count', betterWhen: 'neutral' },
  feedbackSubmissionRate: { title: 'Feedback submitted', unit: 'rate', betterWhen: 'higher' },
  feedbackOnTimeRate: { title: 'Feedback on time', unit: 'rate', betterWhen: 'higher' },
  medianHoursToFeedback: { title: 'Median hours to feedback', unit: 'hours', betterWhen: 'lower' },
  rejections: { title: 'Rejections', unit: 'count', betterWhen: 'neutral' },
  withdrawalShare: { title: 'Candidate withdrew', unit: 'rate', betterWhen: 'lower' },
  unspecifiedReasonShare: { title: 'Unspecified reasons', unit: 'rate', betterWhen: 'lower' },
};

/** The headline metrics, grouped as the overview and retrospective pages show them. */
export const METRIC_GROUPS: { title: string; page: string; metrics: MetricId[] }[] = [
  {
    title: 'Feedback',
    page: '/feedback/',
    metrics: ['feedbackOnTimeRate', 'feedbackSubmissionRate', 'medianHoursToFeedback', 'feedbackSlots'],
  },
  {
    title: 'Time to fill',
    page: '/time-to-fill/',
    metrics: ['medianDaysToFill', 'requisitionsFilled', 'openRequisitions', 'medianDaysToHire'],
  },
  { title: 'Rejections', page: '/rejections/', metrics: ['unspecifiedReasonShare', 'withdrawalShare', 'rejections'] },
];

/** What a metric's n counts, in words. */
export const METRIC_NOUN: Record<MetricId, string> = {
  requisitionsFilled: 'filled requisitions',
  medianDaysToFill: 'filled requisitions',
  openRequisitions: 'open requisitions',
  medianDaysToHire: 'hires',
  feedbackSlots: 'feedback slots',
  feedbackSubmissionRate: 'feedback slots due',
  feedbackOnTimeRate: 'feedback slots',
  medianHoursToFeedback: 'submitted feedback slots',
  rejections: 'rejections',
  withdrawalShare: 'rejections',
  unspecifiedReasonShare: 'rejections',
};

export interface MetricInfo {
  id: MetricId;
  title: string;
  unit: Definition['unit'];
  betterWhen: Definition['betterWhen'];
  /** Link to its definition: `/definitions/#id`, or the definitions page when the artifact has none. */
  definitionHref: string;
}

export interface Site {
  a: Aggregates;
  metric(id: MetricId): MetricInfo;
  definition(id: string): Definition | undefined;
  definitionHref(id: string | undefined): string;
  /** The headline series of a metric in a scope, or undefined when the artifact has none. */
  series(metric: MetricId, scope: Scope): HeadlineSeries | undefined;
  /** The comparison of one month, or undefined. */
  comparison(metric: MetricId, scope: Scope, month: string): Comparison | undefined;
  departmentSlug(name: string): string;
  hiringManagerSlug(name: string): string;
  departmentHref(name: string): string;
  hiringManagerHref(name: string): string;
  /** The month pages focus on: the latest complete month, else the latest month with data. */
  focusMonth: string | undefined;
  /** Months that have a retrospective page (every month with data), oldest first. */
  retroMonths: string[];
  minGroupSize: number;
}

export const scopeKey = (scope: Scope): string =>
  scope.kind === 'all'
    ? 'all'
    : scope.kind === 'department'
      ? `department:${scope.department}`
      : `hiringManager:${scope.hiringManager}`;

/** `overall`, `in Engineering`, `for Alice Moreau's seats`. */
export function scopePhrase(scope: Scope): string {
  if (scope.kind === 'all') return 'overall';
  if (scope.kind === 'department') return `in ${scope.department}`;
  return `for ${scope.hiringManager}`;
}

export function createSite(a: Aggregates): Site {
  const definitions = new Map(a.definitions.map((d) => [d.id, d]));
  const series = new Map(a.headlines.map((s) => [`${s.metric}|${scopeKey(s.scope)}`, s]));
  const departmentNames = [...new Set([...a.departments, ...a.partnerships.flatMap((p) => p.departments)])].filter(
    (d) => d !== ALL,
  );
  const managerNames = [...new Set([...a.hiringManagers, ...a.partnerships.map((p) => p.hiringManager)])];
  const departmentSlug = slugger(departmentNames);
  const hiringManagerSlug = slugger(managerNames);
  const definitionHref = (id: string | undefined) =>
    id !== undefined && definitions.has(id) ? href(`/definitions/#${id}`) : href('/definitions/');

  return {
    a,
    metric(id) {
      const d = definitions.get(id);
      const fallback = FALLBACK[id];
      return {
        id,
        title: d?.title ?? fallback.title,
        unit: d?.unit ?? fallback.unit,
        betterWhen: d?.betterWhen ?? fallback.betterWhen,
        definitionHref: definitionHref(id),
      };
    },
    definition: (id) => definitions.get(id),
    definitionHref,
    series: (metric, scope) => series.get(`${metric}|${scopeKey(scope)}`),
    comparison: (metric, scope, month) =>
      series.get(`${metric}|${scopeKey(scope)}`)?.months.find((c) => c.month === month),
    departmentSlug,
    hiringManagerSlug,
    departmentHref: (name) => href(`/departments/${departmentSlug(name)}/`),
    hiringManagerHref: (name) => href(`/hiring-managers/${hiringManagerSlug(name)}/`),
    focusMonth: a.latestCompleteMonth ?? a.months.at(-1),
    retroMonths: a.months,
    minGroupSize: a.settings.minGroupSize,
  };
}
