/**
 * The partnership view: each hiring manager with their recruiter(s). A hiring manager with too little data in
 * the window is said to have too little data; their figures are never put on a chart beside the others.
 */
import type { Figure, Partnership, PartnershipCompany } from '../../../scripts/schema/aggregates.ts';
import { dotPlot } from '../../charts/dotPlot.ts';
import { absentFigure, absentText } from '../absent.ts';
import { chartIds, type ChartModel, type TableModel } from '../chartModel.ts';
import { formatCount, formatFigure, formatN, formatNumber, plural, type Unit } from '../format.ts';
import type { Site } from '../site.ts';
import { capList, moreNote } from './cap.ts';
import { periodLabel } from './common.ts';

export const TOO_LITTLE = 'too little data in this period';

export interface PartnershipFigure {
  key: keyof Partnership;
  title: string;
  unit: Unit;
  /** What it says about the partnership, in a sentence. */
  explanation: string;
  definitionId: string;
  figure: Figure;
}

/** The company's figures over the card's window (the widened one for a widened card), when the artifact has them. */
export function companyFor(site: Site, p: Partnership): PartnershipCompany | undefined {
  return site.a.partnershipCompany?.find((c) => c.fromMonth === p.fromMonth && c.toMonth === p.toMonth);
}

export function partnershipFigures(p: Partnership): PartnershipFigure[] {
  return [
    {
      key: 'medianDaysToFill',
      title: 'Median days to fill',
      unit: 'days',
      explanation: 'Their seats, from opening to filled.',
      definitionId: 'medianDaysToFill',
      figure: p.medianDaysToFill,
    },
    {
      key: 'feedbackOnTimeRate',
      title: 'Their feedback on time',
      unit: 'rate',
      explanation: 'Their own interview feedback, submitted within the deadline.',
      definitionId: 'hiringManagerFeedback',
      figure: p.feedbackOnTimeRate,
    },
    {
      key: 'medianHoursToFeedback',
      title: 'Their median hours to feedback',
      unit: 'hours',
      explanation: 'From the end of their interview to their feedback.',
      definitionId: 'medianHoursToFeedback',
      figure: p.medianHoursToFeedback,
    },
    {
      key: 'recruiterScreenToHiringManagerScreen',
      title: "Recruiter's candidates reaching them",
      unit: 'rate',
      explanation: 'Of the candidates the recruiter screened, the share that reached the hiring manager screen.',
      definitionId: 'partnership',
      figure: p.recruiterScreenToHiringManagerScreen,
    },
    {
      key: 'hiringManagerScreenPassThrough',
      title: 'Candidates they take forward',
      unit: 'rate',
      explanation: 'Of the candidates who reached their screen, the share they advanced.',
      definitionId: 'partnership',
      figure: p.hiringManagerScreenPassThrough,
    },
    {
      key: 'unspecifiedReasonShare',
      title: 'Rejections without a specific reason',
      unit: 'rate',
      explanation:
        'Share of the rejections at the stages they own (their screen and later) recorded with no reason or "other" (lower is more specific).',
      definitionId: 'unspecifiedReasonShare',
      figure: p.unspecifiedReasonShare,
    },
  ];
}

const sorted = (site: Site) => [...site.a.partnerships].sort((a, b) => a.hiringManager.localeCompare(b.hiringManager));

/**
 * A partnership's size, for choosing which to show when there are too many for one page (seats filled count
 * as none when the export has no fill dates).
 */
export const seats = (p: Partnership) => p.requisitionsOpen + (p.requisitionsFilled ?? 0);

/** Every partnership in one table (up to the page's limit, the largest), alphabetical (not a ranking). */
export function partnershipTable(site: Site): TableModel {
  const m = site.minGroupSize;
  const { shown, more } = capList(sorted(site), seats);
  // Without fill dates the seats filled are not known: –, with why, never 0.
  const noFills = absentFigure(site.a, 'requisitionsFilled');
  const notes = [
    noFills ? `Filled shown as –: ${absentText(noFills)}.` : '',
    more ? moreNote(more, 'hiring managers with the most seats', 'partnerships') : '',
  ].filter(Boolean);
  return {
    caption: 'Hiring managers and their recruiters (alphabetical)',
    columns: [
      { label: 'Hiring manager' },
      { label: 'Recruiter(s)' },
      { label: 'Open seats', numeric: true },
      { label: 'Filled', numeric: true },
      { label: 'Median days to fill', numeric: true },
      { label: 'Feedback on time', numeric: true },
      { label: 'Take forward', numeric: true },
      { label: 'Unspecified reasons', numeric: true },
    ],
    ...(notes.length ? { note: notes.join(' ') } : {}),
    rows: shown.map((p) => [
      p.hiringManager,
      p.recruiters.join(', ') || '–',
      formatCount(p.requisitionsOpen),
      p.requisitionsFilled === null ? '–' : formatCount(p.requisitionsFilled),
      ...(p.enoughData
        ? [
            formatFigure(p.medianDaysToFill, 'days', m),
            formatFigure(p.feedbackOnTimeRate, 'rate', m),
            formatFigure(p.hiringManagerScreenPassThrough, 'rate', m),
            formatFigure(p.unspecifiedReasonShare, 'rate', m),
          ]
        : [TOO_LITTLE, '–', '–', '–']),
    ]),
  };
}

/** Median days to fill per hiring manager with enough data, alphabetical. */
export function partnershipDaysToFill(site: Site, id = 'partnership-days-to-fill'): ChartModel {
  const m = site.minGroupSize;
  const { shown: all, more } = capList(sorted(site), seats);
  const shown = all.filter((p) => p.enoughData && !p.medianDaysToFill.suppressed && p.medianDaysToFill.value !== null);
  const few = all.filter((p) => !p.enoughData);
  const window = all[0] ? periodLabel([all[0].fromMonth, all[0].toMonth]) : periodLabel(site.a.months);
  return {
    id,
    title: 'Median days to fill by hiring manager',
    description: `Median calendar days from opening to filling each hiring manager's seats, ${window}. Listed alphabetically, not ranked.`,
    basis: `Rests on ${plural(
      shown.reduce((s, p) => s + (p.medianDaysToFill.n ?? 0), 0),
      'filled requisition',
    )} of ${plural(shown.length, 'hiring manager')}.`,
    notes: [
      ...(few.length ? [`Not shown, ${TOO_LITTLE}: ${few.map((p) => p.hiringManager).join(', ')}.`] : []),
      ...(more ? [moreNote(more, 'hiring managers with the most seats', 'partnerships')] : []),
    ],
    svg: dotPlot(
      {
        rows: shown.map((p) => ({
          label: p.hiringManager,
          value: p.medianDaysToFill.value!,
          title: `${p.hiringManager}: median ${formatNumber(p.medianDaysToFill.value!, 'days')} days (${formatN(p.medianDaysToFill, m)})`,
        })),
        unit: 'days',
        xLabel: 'Median days to fill',
      },
      chartIds(id),
    ),
    table: {
      caption: 'Median days to fill by hiring manager',
      columns: [
        { label: 'Hiring manager' },
        { label: 'Median days to fill', numeric: true },
        { label: 'n', numeric: true },
      ],
      rows: all.map((p) => [
        p.hiringManager,
        p.enoughData ? formatFigure(p.medianDaysToFill, 'days', m) : TOO_LITTLE,
        p.enoughData ? formatN(p.medianDaysToFill, m).replace('n = ', '') : '',
      ]),
    },
    csv: 'partnerships',
    definitionId: 'partnership',
  };
}
