/**
 * The team's own notes for the last two retrospectives (`retros/YYYY-MM.md`), as a recruiting team would
 * jot them down. The figures they quote are computed from the generated rows, so notes and dashboard agree.
 */
import { median } from 'd3-array';
import { DAY, HOUR, monthOf } from './calendar.ts';
import type { Company } from './company.ts';
import { STAGES, type Application, type Stage } from './journey.ts';
import type { Job } from './requisitions.ts';
import { EXPORT_TAKEN_AT, FEEDBACK_SLUMP, WITHDRAWAL_SPIKE } from './story.ts';

export function writeRetros(
  jobs: readonly Job[],
  applications: readonly Application[],
  company: Company,
): Map<string, string> {
  const share = withdrawnShareByMonth(applications);
  const late = withdrawnShareByMonth(applications, ['Onsite', 'Offer']);
  const usualLate = median([...late].filter(([month]) => month !== WITHDRAWAL_SPIKE.month).map(([, s]) => s)) ?? 0;
  const usualShare = median([...share].filter(([month]) => month !== WITHDRAWAL_SPIKE.month).map(([, s]) => s)) ?? 0;
  const spikeShare = share.get(WITHDRAWAL_SPIKE.month) ?? 0;
  const dataHours = (months: readonly string[]) => feedbackMedianHours(applications, FEEDBACK_SLUMP.department, months);
  const [vagueEngineering, vagueSales] = [...company.vagueHiringManagers];
  const vagueShare = unspecifiedShare(applications, company.vagueHiringManagers);
  const otherShare = unspecifiedShare(
    applications,
    new Set(jobs.map((job) => job.hiringManager).filter((name) => !company.vagueHiringManagers.has(name))),
  );

  const september = [
    '# Retrospective, September 2026',
    '',
    'Recruiters and hiring managers, monthly review. (Synthetic notes shipped with the sample data.)',
    '',
    `- **Withdrawals** are back to the usual level (${percent(share.get('2026-09'))} of closed applications) after August's spike (${percent(spikeShare)}, about ${times(spikeShare / usualShare)} the usual ${percent(usualShare)}). Most who left in August had "Accepted another offer"; at the onsite and offer stages ${percent(late.get(WITHDRAWAL_SPIKE.month))} of candidates walked away (usually ${percent(usualLate)}).`,
    '- **Action:** offers approved within 48 h of the onsite debrief; recruiters re-check salary expectations before the onsite.',
    `- **Feedback:** the Data team keeps its recovery: median ${hours(dataHours(['2026-09']))} from interview to scorecard this month, against ${hours(dataHours(FEEDBACK_SLUMP.months))} in March–May. Keep the interviewer rotation.`,
    `- **Rejection reasons:** ${percent(vagueShare)} of rejections on ${vagueEngineering ?? ''}'s and ${vagueSales ?? ''}'s jobs give no reason or "Other", against ${percent(otherShare)} elsewhere. Talent ops will go through the reason list with both.`,
    '- **Next month:** watch the new Engineering and Sales openings for Q4.',
    '',
    // Task items: the October page shows them as "Agreed last month", done or open.
    '## Actions',
    '',
    '- [x] Offers approved within 48 h of the onsite debrief.',
    '- [ ] Recruiters re-check salary expectations before the onsite.',
    `- [ ] Talent ops goes through the reason list with ${vagueEngineering ?? ''} and ${vagueSales ?? ''}.`,
  ];

  const open = jobs.flatMap((job) => job.seats).filter((seat) => seat.fate === 'open');
  const longOpen = open.filter((seat) => EXPORT_TAKEN_AT - seat.openedOn > 60 * DAY);
  const onHold = jobs.flatMap((job) => job.seats).filter((seat) => seat.fate === 'on hold');
  const missing = applications
    .flatMap((application) => application.slots)
    .filter((slot) => monthOf(slot.startsAt) === '2026-10' && slot.submittedAt === undefined).length;
  const october = [
    '# Retrospective, October 2026',
    '',
    `- **Open seats:** ${open.length} open at the export, ${longOpen.length} of them for more than 60 days; ${onHold.length} on hold until the budget review.`,
    `- **Feedback:** ${missing} scorecards from October interviews are still missing. Recruiters chase them before the next retro; hiring managers remind their panels.`,
    `- **Withdrawals** stayed at the usual level (${percent(share.get('2026-10'))}): the faster offer approval holds.`,
    `- **Data team:** turnaround steady (median ${hours(dataHours(['2026-10']))}); the rotation becomes permanent.`,
    '- **Follow-up:** reason list shared with the two hiring managers; check the share of blank reasons again in November.',
  ];
  return new Map([
    ['retros/2026-09.md', `${september.join('\n')}\n`],
    ['retros/2026-10.md', `${october.join('\n')}\n`],
  ]);
}

/** Withdrawn ÷ (rejected + withdrawn), by month of `rejected_at`, over all stages or the given ones. */
function withdrawnShareByMonth(
  applications: readonly Application[],
  stages: readonly Stage[] = STAGES,
): Map<string, number> {
  const counts = new Map<string, { closed: number; withdrawn: number }>();
  for (const application of applications) {
    if (application.rejectedAt === undefined || !stages.includes(application.currentStage)) continue;
    const month = monthOf(application.rejectedAt);
    const count = counts.get(month) ?? { closed: 0, withdrawn: 0 };
    count.closed += 1;
    if (application.status === 'withdrawn') count.withdrawn += 1;
    counts.set(month, count);
  }
  return new Map([...counts].map(([month, { closed, withdrawn }]) => [month, withdrawn / closed]));
}

/** Median hours from the end of an interview to its scorecard, for interviews in the given months. */
export function feedbackMedianHours(
  applications: readonly Application[],
  department: string,
  months: readonly string[],
): number | undefined {
  const hoursToFeedback = applications
    .filter((application) => application.job.team.department.name === department)
    .flatMap((application) => application.slots)
    .filter((slot) => slot.submittedAt !== undefined && months.includes(monthOf(slot.startsAt)))
    .map((slot) => ((slot.submittedAt ?? 0) - slot.endsAt) / HOUR);
  return median(hoursToFeedback);
}

/** Share of company rejections with an empty or "Other" reason, on the jobs of the given hiring managers. */
function unspecifiedShare(applications: readonly Application[], hiringManagers: ReadonlySet<string>): number {
  const rejected = applications.filter(
    (application) => application.status === 'rejected' && hiringManagers.has(application.job.hiringManager),
  );
  const vague = rejected.filter(
    (application) => application.rejectionReason === '' || application.rejectionReason.startsWith('Other'),
  );
  return vague.length / rejected.length;
}

const percent = (share: number | undefined) => `${((share ?? 0) * 100).toFixed(1)}%`;
const hours = (value: number | undefined) => `${(value ?? 0).toFixed(1)} h`;
const times = (ratio: number) => `${ratio.toFixed(1)}×`;
