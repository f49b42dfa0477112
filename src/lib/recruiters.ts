/**
 * The recruiters' side of the partnership: one page per recruiter, the mirror of the hiring-manager page.
 * Selection and naming only: every figure comes from the artifact (`timeToFill.byPerson`, `owners`).
 */
import { median } from 'd3-array';
import { COMPANY_WIDE } from '../charts/theme.ts';
import { timeDots } from '../charts/timeDots.ts';
import { chartIds, type ChartModel, type TableModel } from './chartModel.ts';
import { periodLabel } from './figures/common.ts';
import { fillsTable } from './figures/timeToFill.ts';
import { ageLabel, dateLabel, formatCell, formatCount, formatValue } from './format.ts';
import { href } from './href.ts';
import { chartTarget } from './retro.ts';
import type { Site } from './site.ts';
import { slugger } from './slug.ts';

/** How the data step names a seat without a recruiter (scripts/metrics/context.ts `NONE`). */
const NONE_LABEL = '(none)';

/** Every recruiter named on a seat, alphabetical. */
export function recruiterNames(site: Site): string[] {
  const names = new Set<string>();
  for (const p of site.a.owners.partnerships) names.add(p.recruiter);
  for (const r of site.a.timeToFill.byPerson) if (r.role === 'recruiter') names.add(r.person);
  names.delete(NONE_LABEL);
  return [...names].sort((a, b) => a.localeCompare(b));
}

export function recruiterLinks(site: Site): { slug: (name: string) => string; href: (name: string) => string } {
  const slug = slugger(recruiterNames(site));
  return { slug, href: (name) => href(`/recruiters/${slug(name)}/`) };
}

/**
 * The company's median days to fill over every fill in the data: what a recruiter's own median (over all
 * months) is shown beside. Worked out from the fills the site publishes one by one, rounded as the data step
 * rounds a median.
 */
export function companyMedianDaysToFill(site: Site): number | null {
  const days = site.a.timeToFill.fills.map((f) => f.days_to_fill);
  const m = median(days);
  return m === undefined ? null : Math.round(m * 10) / 10;
}

/**
 * What each of a recruiter's hiring managers owes in feedback at the as-of date, most first: the mirror of a
 * hiring manager's "Feedback they owe", for the recruiter who chases it.
 */
export function owedByTheirManagers(site: Site, managers: readonly string[]): TableModel {
  const owing = (o: Site['a']['owners']['owedFeedback'][number] | undefined) =>
    !o ? 0 : o.suppressed ? 0.5 : (o.slots ?? 0);
  const m = site.minGroupSize;
  const owed = managers
    .map((name) => ({ name, owes: site.a.owners.owedFeedback.find((o) => o.hiringManager === name) }))
    // "Fewer than m" (hidden) owes more than none and less than any count shown.
    .sort((a, b) => owing(b.owes) - owing(a.owes) || a.name.localeCompare(b.name));
  return {
    caption: `Scorecards their hiring managers owe from their own interviews, on ${dateLabel(site.a.asOf)}`,
    columns: [
      { label: 'Hiring manager' },
      { label: 'Scorecards owed', numeric: true },
      { label: 'Oldest due', numeric: true },
    ],
    rows: owed.map(({ name, owes }) => [
      name,
      !owes ? '0' : formatCell(owes.slots, 'count', owes, m),
      !owes || owes.suppressed || owes.oldestDays === null ? '–' : `${ageLabel(owes.oldestDays)} ago`,
    ]),
  };
}

/**
 * A recruiter's fills over time: each seat they filled at the day it was filled, how many days it took, beside
 * the company's median and the team's target for it. The trend of their seats, drawn from the fills the site
 * publishes one by one (nothing is summed, so nothing new is published).
 */
export function recruiterFillsChart(site: Site, name: string): ChartModel | null {
  const fills = site.a.timeToFill.fills.filter((f) => f.recruiter === name);
  const months = site.a.months;
  const inRange = fills.filter((f) => months.length && f.filled_on.slice(0, 7) >= months[0]!);
  if (!inRange.length) return null;
  const company = companyMedianDaysToFill(site);
  const target = chartTarget(site, 'medianDaysToFill', null);
  const id = 'recruiter-fills-chart';
  const notes: string[] = [];
  if (inRange.length < fills.length)
    notes.push(
      `${formatCount(fills.length - inRange.length)} filled before ${periodLabel(months.slice(0, 1))} are left out.`,
    );
  if (company !== null)
    notes.push(`The dashed line is the company's median over every fill in the data, ${formatValue(company, 'days')}.`);
  if (target)
    notes.push(`The dotted line is the team's target for the median, ${target.label.replace(/^target /, '')}.`);
  const table = fillsTable(inRange, `Seats ${name} filled, latest first`);
  return {
    id,
    title: 'Days to fill, each seat they filled',
    description: `Each seat ${name} filled, ${periodLabel(months)}, at the day it was filled and how many days it took (${formatCount(inRange.length)} seats)${company !== null ? ', with the company median as a dashed line' : ''}.`,
    basis: `Rests on ${formatCount(inRange.length)} filled requisitions, ${periodLabel(months)}.`,
    notes,
    svg: timeDots(
      {
        dots: inRange.map((f) => ({
          date: f.filled_on,
          value: f.days_to_fill,
          title: `${f.job_title}, filled ${dateLabel(f.filled_on)}: ${formatValue(f.days_to_fill, 'days')}`,
        })),
        months,
        unit: 'days',
        yLabel: 'Days to fill',
        reference: company === null ? undefined : { value: company },
        target: target && { value: target.value, label: target.label },
      },
      chartIds(id),
    ),
    legend: company === null ? undefined : [{ name: 'Company median', color: COMPANY_WIDE, dashed: true }],
    table,
    csv: 'time-to-fill',
    definitionId: 'medianDaysToFill',
  };
}
