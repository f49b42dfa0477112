/**
 * "The biggest movements" of a month, in words, for the retrospective page: from the headline series, the
 * comparisons whose change versus the previous month stands out most from chance.
 *
 * Changes come in different units and rest on different n, so each is scored by how large it is against the
 * variation its n alone would give: a rate's change by the two-proportion z statistic
 * (|p₁ − p₂| / √(p̄(1 − p̄)(1/n₁ + 1/n₂))), any other figure's change relative to the larger of its two values
 * times √n (n the smaller of the two months' counts). So a company-wide withdrawal share going from 2.4% to
 * 7.5% of 1,000 rejections outranks a department's 1% → 14% of 65. Left out: volumes (`betterWhen:
 * neutral`), which are not something a team acts on; months resting on fewer than the minimum group size;
 * and hiring managers with too little data (they are never compared). At most two movements per metric, so
 * one bad month does not fill the list.
 */
import type { Comparison, HeadlineSeries, Scope } from '../../scripts/schema/aggregates.ts';
import { direction, formatCount, formatValue } from './format.ts';
import type { Site } from './site.ts';
import { scopePhrase } from './site.ts';

export interface Movement {
  sentence: string;
  direction: 'better' | 'worse' | 'neutral';
  score: number;
  scope: Scope;
  metricTitle: string;
  definitionHref: string;
}

function score(c: Comparison, unit: string): number {
  const a = c.current.value;
  const b = c.previous.value;
  if (a === null || b === null || c.changeVsPrevious === null) return 0;
  const n1 = c.current.n ?? 0;
  const n2 = c.previous.n ?? 0;
  if (n1 === 0 || n2 === 0) return 0;
  if (unit === 'rate') {
    const pooled = (a * n1 + b * n2) / (n1 + n2);
    const spread = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    // Both months at 0% or both at 100%: no variation to measure against; the change is 0 anyway.
    return spread === 0 ? 0 : Math.abs(a - b) / spread;
  }
  const size = Math.max(Math.abs(a), Math.abs(b));
  return size === 0 ? 0 : (Math.abs(c.changeVsPrevious) / size) * Math.sqrt(Math.min(n1, n2));
}

/** The `limit` largest movements of `month`, largest first; ties keep the artifact's order. */
export function movements(site: Site, month: string, limit = 5): Movement[] {
  const found: { series: HeadlineSeries; comparison: Comparison; score: number; index: number }[] = [];
  const tooLittle = new Set(site.a.partnerships.filter((p) => !p.enoughData).map((p) => p.hiringManager));
  site.a.headlines.forEach((series, index) => {
    const metric = site.metric(series.metric);
    if (metric.betterWhen === 'neutral') return;
    if (series.scope.kind === 'hiringManager' && tooLittle.has(series.scope.hiringManager)) return;
    const comparison = series.months.find((c) => c.month === month);
    if (!comparison || comparison.changeVsPrevious === null || comparison.changeVsPrevious === 0) return;
    const { current, previous } = comparison;
    if (current.suppressed || previous.suppressed) return;
    if ((current.n ?? 0) < site.minGroupSize || (previous.n ?? 0) < site.minGroupSize) return;
    const s = score(comparison, metric.unit);
    if (s > 0) found.push({ series, comparison, score: s, index });
  });
  found.sort((x, y) => y.score - x.score || x.index - y.index);
  const perMetric = new Map<string, number>();
  const picked = found.filter((f) => {
    const count = perMetric.get(f.series.metric) ?? 0;
    perMetric.set(f.series.metric, count + 1);
    return count < 2;
  });
  return picked.slice(0, limit).map(({ series, comparison, score }) => {
    const metric = site.metric(series.metric);
    const { current, previous, trailing3, changeVsPrevious } = comparison;
    const verb = changeVsPrevious! > 0 ? 'rose' : 'fell';
    const unit = metric.unit;
    const trailing =
      trailing3.value !== null && !trailing3.suppressed
        ? `; trailing 3 months: ${formatValue(trailing3.value, unit)}`
        : '';
    const sentence =
      `${metric.title} ${verb} from ${formatValue(previous.value!, unit)} to ${formatValue(current.value!, unit)} ` +
      `${scopePhrase(series.scope)} (n=${formatCount(current.n!)}${trailing}).`;
    return {
      sentence,
      direction: direction(changeVsPrevious!, metric.betterWhen),
      score,
      scope: series.scope,
      metricTitle: metric.title,
      definitionHref: metric.definitionHref,
    };
  });
}
