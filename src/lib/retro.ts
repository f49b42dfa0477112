/**
 * What the retrospective page shows, picked from the artifact: the month's ranked movements (computed in the
 * data step, `scripts/metrics/movements.ts`), where each one's scope has its page, the targets met or missed,
 * the month's partnerships, and the actions agreed in last month's note. Selection and wording only.
 */
import type {
  Explanation,
  Figure,
  Movement,
  OwnerPartnership,
  MetricId,
  Scope,
  Target,
} from '../../scripts/schema/aggregates.ts';
import { absentFigure, absentText } from './absent.ts';
import type { TableModel } from './chartModel.ts';
import { formatCount, formatFigure, formatValue, monthLabel, tenthsOfPoint, type Unit } from './format.ts';
import { capTableSaying, PAGE_LIST_LIMIT } from './figures/cap.ts';
import { href } from './href.ts';
import type { Site } from './site.ts';
import { METRIC_GROUPS } from './site.ts';

/** The pooled category of a partnership's reasons (`OTHER_REASONS` in scripts/metrics/owners.ts). */
const OTHER_REASONS = 'smaller categories';

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

/**
 * A chart's target line: the department's own, else the company's; with the note that says what the dotted
 * line is. Undefined when the config sets none.
 */
export function chartTarget(
  site: Site,
  metric: MetricId,
  department: string | null,
): { value: number; label: string; note: string } | undefined {
  const target = (department !== null ? targetOf(site, metric, department) : undefined) ?? targetOf(site, metric, null);
  if (!target) return undefined;
  const label = targetLabel(target, site.metric(metric).unit);
  return { value: target.value, label: `target ${label}`, note: `The dotted line is the target, ${label}.` };
}

/** A card's target: as written (`≤ 45 days`), whose it is, and whether the month's figure meets it. */
export interface CardTarget {
  label: string;
  /** null when the month has no value to judge (no data, or hidden). */
  met: boolean | null;
}

/**
 * The target a card shows: the department's own, else the company's (said so on a department's card); met
 * or missed on the card's figure. Undefined when the config sets none.
 */
export function cardTarget(
  site: Site,
  metric: MetricId,
  department: string | null,
  current: Figure | undefined,
): CardTarget | undefined {
  const own = targetOf(site, metric, department);
  const target = own ?? (department === null ? undefined : targetOf(site, metric, null));
  if (!target) return undefined;
  const value = current && !current.suppressed ? current.value : null;
  const label = targetLabel(target, site.metric(metric).unit) + (own ? '' : ' (company)');
  return {
    label,
    met: value === null ? null : target.side === 'atMost' ? value <= target.value : value >= target.value,
  };
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

/** The bars of a movement's explanation: each group's rate and mix parts, in percentage points. */
export interface ExplanationBar {
  group: string;
  rate: number;
  mix: number;
  /** The parts as the table writes them, in tenths of a point: each column adds up to its total. */
  rateTenths: number;
  mixTenths: number;
  detail: string;
}

/**
 * The total row of an explanation in tenths of a point: the change (the movement's own, as published), its
 * rate part rounded, and the mix part as the rest, so that the row adds up as written (as the sentence does).
 */
export function explanationTotals(e: Explanation): { change: number; rate: number; mix: number } {
  const change = tenthsOfPoint(e.change);
  const rate = tenthsOfPoint(e.rateEffect);
  return { change, rate, mix: change - rate };
}

/**
 * Values in tenths rounded to whole tenths that add up to `total`: each to its nearest, then the ones rounded
 * furthest the other way take the difference a tenth at a time (the largest-remainder method), so a value
 * ends on one of its two neighbouring tenths.
 */
export function apportion(values: readonly number[], total: number): number[] {
  const out = values.map((v) => Math.round(v));
  let left = total - out.reduce((s, x) => s + x, 0);
  const step = Math.sign(left);
  // Adding: those rounded down most first; taking away: those rounded up most first.
  // Rests compared to a millionth of a tenth, so that 74.6 and 23.6 tie whatever their floating-point forms.
  const order = values
    .map((v, i) => ({ i, rest: Math.round((v - out[i]!) * 1e6) }))
    .sort((x, y) => step * (y.rest - x.rest) || x.i - y.i);
  for (let k = 0; left !== 0 && order.length > 0; k = (k + 1) % order.length) {
    out[order[k]!.i]! += step;
    left -= step;
  }
  return out.map((x) => (x === 0 ? 0 : x));
}

/** The label of the pooled groups (`OTHER_GROUPS` in scripts/metrics/movements.ts) on the page. */
const OTHER_GROUPS = 'other groups';

/**
 * Every group of the explanation, the named ones biggest first and the pool of small or hidden ones last
 * (as "other departments" or "other stages"): the rows add up to the change the sentence gives, as written.
 */
export function explanationBars(e: Explanation): ExplanationBar[] {
  const pct = (x: number | null) => (x === null ? '–' : `${formatValue(x, 'rate')}`);
  const pooled = e.dimension === 'department' ? 'other departments' : 'other stages';
  const named = e.groups.filter((g) => g.group !== OTHER_GROUPS);
  const pool = e.groups.filter((g) => g.group === OTHER_GROUPS);
  const rows = [...named, ...pool];
  const totals = explanationTotals(e);
  const rateTenths = apportion(
    rows.map((g) => g.rateEffect * 1000),
    totals.rate,
  );
  const mixTenths = apportion(
    rows.map((g) => g.mixEffect * 1000),
    totals.mix,
  );
  return rows.map((g, i) => ({
    group: g.group === OTHER_GROUPS ? pooled : g.group,
    rate: g.rateEffect * 100,
    mix: g.mixEffect * 100,
    rateTenths: rateTenths[i]!,
    mixTenths: mixTenths[i]!,
    detail:
      g.group === OTHER_GROUPS
        ? `the ${pooled} together: too small or hidden to show one by one`
        : `own rate ${pct(g.rateBefore)} → ${pct(g.rateAfter)}; share ${pct(g.shareBefore)} → ${pct(g.shareAfter)}`,
  }));
}

/**
 * The month's partnerships on the retrospective, cut to the page's list limit (alphabetical). The rows left out
 * are on their hiring managers' pages (partnerships.csv holds the cards over their window, not the months).
 */
export function retroPartnershipsTable(site: Site, month: string, all: readonly OwnerPartnership[]): TableModel {
  return capTableSaying(
    partnershipsTable(site, month, all),
    (more) =>
      `Showing the first ${formatCount(PAGE_LIST_LIMIT)} partnerships (alphabetical); ${formatCount(more)} more are on the hiring managers' own pages.`,
  );
}

/** The month's partnerships as a table: seats, the manager's own feedback, screened candidates taken forward. */
export function partnershipsTable(site: Site, month: string, rows: readonly OwnerPartnership[]): TableModel {
  const m = site.minGroupSize;
  // Without fill dates a month's seats filled are not known: –, with why, never 0.
  const noFills = absentFigure(site.a, 'requisitionsFilled');
  return {
    caption: `Partnerships in ${monthLabel(month)}: each hiring manager with their recruiter`,
    columns: [
      { label: 'Hiring manager' },
      { label: 'Recruiter' },
      { label: 'Open', numeric: true },
      { label: 'Filled', numeric: true },
      { label: 'Own feedback on time', numeric: true },
      { label: 'Screened → taken forward', numeric: true },
      { label: 'Top reason at their stages' },
    ],
    rows: rows.map((p) => [
      p.hiringManager,
      p.recruiter,
      formatCount(p.seatsOpen),
      p.seatsFilled === null ? '–' : formatCount(p.seatsFilled),
      ofN(p.feedbackOnTime, m),
      ofN(p.screenedTakenForward, m),
      reasonsText(p, m),
    ]),
    ...(noFills ? { note: `Filled shown as –: ${absentText(noFills)}.` } : {}),
  };
}

/** `84.6% of 13`, `<5`, `–` when there is nothing to count. */
function ofN(f: Figure, m: number): string {
  if (f.suppressed) return formatFigure(f, 'rate', m);
  if (!f.n) return '–';
  return `${formatFigure(f, 'rate', m)} of ${formatCount(f.n)}`;
}

function reasonsText(p: OwnerPartnership, m: number): string {
  const r = p.reasons;
  if (r.suppressed) return `<${m} in 12 months`;
  if (!r.rejections) return '–';
  // The months pooled, counted: "over 6 months" (the threshold needs them; see the note under the table).
  const [y0, m0] = r.fromMonth.split('-').map(Number) as [number, number];
  const [y1, m1] = r.toMonth.split('-').map(Number) as [number, number];
  const span = (y1 - y0) * 12 + (m1 - m0) + 1;
  const top = r.categories[0]!;
  const share = Math.round((top.rejections / r.rejections) * 100);
  const basis = `${formatCount(r.rejections)}${span > 1 ? `, ${span} months` : ''}`;
  // Every category under the threshold, even over twelve months: no single category can be named ("no category",
  // not "no reason", which reads as the unspecified reason).
  if (top.category === OTHER_REASONS) return `no category ${m}+ times (of ${basis})`;
  return `${top.category} ${share}% of ${basis}`;
}
