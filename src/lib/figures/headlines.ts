/** Headline figures: monthly trends (small multiples) and month-vs-previous-vs-trailing tables. */
import type { MetricId, Scope } from '../../../scripts/schema/aggregates.ts';
import { lineChart, type LinePoint, type LineSeries } from '../../charts/lineChart.ts';
import { COMPANY_WIDE, FIGURE } from './colors.ts';
import { chartIds, type ChartModel, type TableModel } from '../chartModel.ts';
import {
  formatCell,
  formatChange,
  formatCount,
  formatFigure,
  formatN,
  formatValue,
  hiddenMark,
  monthLabel,
  monthShort,
} from '../format.ts';
import type { Site } from '../site.ts';
import { METRIC_NOUN, scopePhrase } from '../site.ts';
import { perMonthBasis, periodLabel, suppressedNote } from './common.ts';
import { chartTarget } from '../retro.ts';

const chartUnit = (unit: string) => (unit === 'none' ? 'count' : unit) as 'count' | 'days' | 'hours' | 'rate';

/** A compact trend of one headline metric in one scope, with the company-wide line beside a department's. */
export function headlineTrend(site: Site, metricId: MetricId, scope: Scope, idPrefix: string): ChartModel | null {
  const series = site.series(metricId, scope);
  if (!series || !series.months.some((c) => c.current.value !== null)) return null;
  const metric = site.metric(metricId);
  const unit = chartUnit(metric.unit);
  const reference = scope.kind === 'all' ? undefined : site.series(metricId, { kind: 'all' });
  const scopeName = scope.kind === 'all' ? 'All' : scope.kind === 'department' ? scope.department : scope.hiringManager;
  const m = site.minGroupSize;

  const points: LinePoint[] = series.months.map((c) => ({
    month: c.month,
    series: scopeName,
    value: c.current.suppressed ? null : c.current.value,
    // A count is its own n: "39 (n = 39)" says nothing more.
    title:
      metric.unit === 'count'
        ? `${monthShort(c.month)}: ${formatFigure(c.current, metric.unit, m)}`
        : `${monthShort(c.month)}: ${formatFigure(c.current, metric.unit, m)} (${formatN(c.current, m)})`,
  }));
  const lines: LineSeries[] = [{ name: scopeName, color: FIGURE }];
  if (reference) {
    lines.push({ name: 'Company-wide', color: COMPANY_WIDE, reference: true });
    for (const c of reference.months) {
      points.push({
        month: c.month,
        series: 'Company-wide',
        value: c.current.suppressed ? null : c.current.value,
        title: `Company-wide, ${monthShort(c.month)}: ${formatFigure(c.current, metric.unit, m)}`,
      });
    }
  }
  const months = site.a.months.length ? site.a.months : series.months.map((c) => c.month);
  const id = `${idPrefix}-${metricId}`;
  const ids = chartIds(id);
  const latest = series.months[series.months.length - 1]!;
  const notes = suppressedNote(
    series.months.map((c) => c.current),
    'month',
    site,
    'in the group',
    'left out of the line',
  );
  // The team's target: a department's own, else the company's (config `targets`).
  const department = scope.kind === 'department' ? scope.department : null;
  const target = chartTarget(site, metricId, department);
  if (target) notes.push(target.note);

  return {
    id,
    title: metric.title,
    description: `${metric.title} by month ${scopePhrase(scope)}, ${periodLabel(months)}${reference ? ', with the company-wide figure as a dashed line' : ''}. ${monthLabel(latest.month)}: ${formatFigure(latest.current, metric.unit, m)}.`,
    basis: perMonthBasis(
      series.months.map((c) => c.current.n),
      METRIC_NOUN[metricId],
    ),
    notes,
    svg: lineChart({ points, series: lines, months, unit, yLabel: metric.title, compact: true, target }, ids),
    legend: reference
      ? [
          { name: scopeName, color: FIGURE },
          { name: 'Company-wide', color: COMPANY_WIDE, dashed: true },
        ]
      : undefined,
    table: {
      caption: `${metric.title} by month ${scopePhrase(scope)}`,
      columns: [
        { label: 'Month' },
        { label: metric.title, numeric: true },
        { label: 'n', numeric: true },
        ...(reference ? [{ label: 'Company-wide', numeric: true }] : []),
      ],
      rows: series.months.map((c) => [
        monthLabel(c.month),
        formatCell(c.current.value, metric.unit, c.current, m),
        hiddenMark(c.current, m) ?? (c.current.n === null ? '–' : formatCount(c.current.n)),
        ...(reference
          ? [
              (() => {
                const r = reference.months.find((x) => x.month === c.month);
                return r ? formatCell(r.current.value, metric.unit, r.current, m) : '–';
              })(),
            ]
          : []),
      ]),
    },
    csv: 'headlines',
    definitionId: metricId,
  };
}

/** Every headline metric of a month in one scope: this month, previous, trailing 3, the changes and n. */
export function comparisonTable(site: Site, month: string, scope: Scope, metrics: readonly MetricId[]): TableModel {
  const m = site.minGroupSize;
  const rows = metrics.flatMap((metricId) => {
    const c = site.comparison(metricId, scope, month);
    if (!c) return [];
    const metric = site.metric(metricId);
    const change = (x: number | null) => (x === null ? '–' : formatChange(x, metric.unit));
    return [
      [
        metric.title,
        formatFigure(c.current, metric.unit, m),
        hiddenMark(c.current, m) ?? (c.current.n === null ? '–' : formatCount(c.current.n)),
        formatFigure(c.previous, metric.unit, m),
        change(c.changeVsPrevious),
        formatFigure(c.trailing3, metric.unit, m),
        change(c.changeVsTrailing3),
      ],
    ];
  });
  return {
    caption: `${monthLabel(month)} ${scopePhrase(scope)}: each figure beside the previous month and the three months before`,
    columns: [
      { label: 'Figure' },
      { label: monthLabel(month), numeric: true },
      { label: 'n', numeric: true },
      { label: 'Previous month', numeric: true },
      { label: 'Change', numeric: true },
      { label: 'Trailing 3 months', numeric: true },
      { label: 'Change', numeric: true },
    ],
    rows,
  };
}

/** `82% (was 64%)` for compact per-department tables. */
export function thisAndPrevious(site: Site, metricId: MetricId, scope: Scope, month: string): string {
  const c = site.comparison(metricId, scope, month);
  if (!c) return '–';
  const metric = site.metric(metricId);
  const m = site.minGroupSize;
  const now = formatFigure(c.current, metric.unit, m);
  const before = formatFigure(c.previous, metric.unit, m);
  return `${now} (was ${before})`;
}

export { formatValue };
