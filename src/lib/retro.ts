/**
 * What the retrospective page shows, picked from the artifact: the month's ranked movements (computed in the
 * data step, `scripts/metrics/movements.ts`), where each one's scope has its page, the targets met or missed,
 * the month's partnerships, and the actions agreed in last month's note. Selection and wording only.
 */
import type {
  Explanation,
  Movement,
  OwnerPartnership,
  MetricId,
  Scope,
  Target,
} from '../../scripts/schema/aggregates.ts';
import type { TableModel } from './chartModel.ts';
import { formatCount, formatFigure, formatN, formatValue, monthLabel, type Unit } from './format.ts';
import { href } from './href.ts';
import type { Site } from './site.ts';
import { METRIC_GROUPS } from './site.ts';
import { periodLabel } from './figures/common.ts';

/** The biggest movements of the month shown on its page. */
export const SHOWN_MOVEMENTS = 5;

export function monthMovements(site: Site, month: string): Movement[] {
  return site.a.movements.items.filter((m) => m.month === month).slice(0, SHOWN_MOVEMENTS);
}

/** The page of a movement's scope: the metric's page for the company, else the department or hiring manager. */
export function scopeLink(site: Site, scope: Scope, metric: MetricId): { href: string; label: string } {
  if (scope.kind === 'department') return { href: site.departmentHref(scope.department), label: scope.department };
  if (scope.kind === 'hiringManager')
    return { href: site.hiringManagerHref(scope.hiringManager), label: scope.hiringManager };
  const group = METRIC_GROUPS.find((g) => g.metrics.includes(metric));
  return { href: href(group?.page ?? '/'), label: `${group?.title ?? 'Overview'} page` };
}

/** `≤ 45 days`, `≥ 85%`. */
export function targetLabel(target: Pick<Target, 'value' | 'side'>, unit: Unit): string {
  return `${target.side === 'atMost' ? '≤' : '≥'} ${formatValue(target.value, unit)}`;
}

/** The target of a metric in a scope (a department's own, else none), or undefined. */
export function targetOf(site: Site, metric: MetricId, department: string | null): Target | undefined {
  return site.a.targets.find((t) => t.metric === metric && t.department === department);
}

export interface TargetStatus {
  target: Target;
  title: string;
  scope: string;
  label: string;
  value: string;
  /** null when the month has no value to judge (no data, or hidden). */
  met: boolean | null;
}

/** Every target, judged on the month's figure. */
export function targetStatuses(site: Site, month: string): TargetStatus[] {
  return site.a.targets.map((target) => {
    const metric = site.metric(target.metric);
    const scope: Scope =
      target.department === null ? { kind: 'all' } : { kind: 'department', department: target.department };
    const c = site.comparison(target.metric, scope, month);
    const value = c && !c.current.suppressed ? c.current.value : null;
    return {
      target,
      title: metric.title,
      scope: target.department ?? 'Company',
      label: targetLabel(target, metric.unit),
      value: c ? formatFigure(c.current, metric.unit, site.minGroupSize) : 'no data',
      met: value === null ? null : target.side === 'atMost' ? value <= target.value : value >= target.value,
    };
  });
}

/** The bars of a movement's explanation: each shown group's rate and mix parts, in percentage points. */
export interface ExplanationBar {
  group: string;
  rate: number;
  mix: number;
  detail: string;
}

export function explanationBars(e: Explanation, limit = 4): ExplanationBar[] {
  const pct = (x: number | null) => (x === null ? '–' : `${formatValue(x, 'rate')}`);
  return e.groups.slice(0, limit).map((g) => ({
    group: g.group,
    rate: g.rateEffect * 100,
    mix: g.mixEffect * 100,
    detail: `own rate ${pct(g.rateBefore)} → ${pct(g.rateAfter)}; share ${pct(g.shareBefore)} → ${pct(g.shareAfter)}`,
  }));
}

/** The month's partnerships as a table: seats, the manager's own feedback, screened candidates taken forward. */
export function partnershipsTable(site: Site, month: string, rows: readonly OwnerPartnership[]): TableModel {
  const m = site.minGroupSize;
  return {
    caption: `Partnerships in ${monthLabel(month)}: each hiring manager with their recruiter`,
    columns: [
      { label: 'Hiring manager' },
      { label: 'Recruiter' },
      { label: 'Seats open', numeric: true },
      { label: 'Filled', numeric: true },
      { label: 'Their feedback on time', numeric: true },
      { label: 'Screened, taken forward', numeric: true },
      { label: 'Reasons at their stages' },
    ],
    rows: rows.map((p) => [
      p.hiringManager,
      p.recruiter,
      formatCount(p.seatsOpen),
      formatCount(p.seatsFilled),
      p.feedbackOnTime.n === 0 && !p.feedbackOnTime.suppressed
        ? '–'
        : `${formatFigure(p.feedbackOnTime, 'rate', m)} (${formatN(p.feedbackOnTime, m)})`,
      p.screenedTakenForward.n === 0 && !p.screenedTakenForward.suppressed
        ? '–'
        : `${formatFigure(p.screenedTakenForward, 'rate', m)} of ${formatN(p.screenedTakenForward, m).replace('n = ', '')}`,
      reasonsText(p, m),
    ]),
  };
}

function reasonsText(p: OwnerPartnership, m: number): string {
  const r = p.reasons;
  if (r.suppressed) return `fewer than ${m} rejections in 12 months`;
  if (!r.rejections) return '–';
  const months = r.fromMonth === r.toMonth ? '' : ` (${periodLabel([r.fromMonth, r.toMonth])})`;
  const top = r.categories
    .slice(0, 3)
    .map((c) => `${c.category} ${Math.round((c.rejections / r.rejections!) * 100)}%`)
    .join(', ');
  return `${top}; n = ${formatCount(r.rejections)}${months}`;
}
