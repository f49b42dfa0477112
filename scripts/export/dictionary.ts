/**
 * The data dictionary: what each CSV re-export (`scripts/export/csv.ts`) holds, in one place. The Downloads
 * page and `docs/data-dictionary.md` (`npm run docs`) are both written from it, and tests hold it to the
 * exports: every column of every file is described here, and every file read back has the types said here.
 *
 * Conventions every file follows (the `CONVENTIONS` below say them to the reader):
 * - a figure hidden for privacy is empty, with a `suppressed` flag set: the row's `suppressed` for a figure of
 *   the row's own grain, or `<column>_suppressed` for one figure of a row that also shows others;
 * - a figure empty for any other reason (nothing to compute it from, the period reaches before the data) is
 *   named, with the reason, in the row's `empty_reason` (`<prefix>empty_reason` beside a prefixed figure).
 */
import { EXPORTS, type CsvExport } from './csv.ts';

/** How a column's cells read: what a spreadsheet or a typed reader should make of them. */
export type ColumnType =
  | 'text'
  | 'month'
  | 'date'
  | 'integer'
  /** A number rounded to one decimal (days, hours), written without the decimal when whole. */
  | 'decimal'
  /** A fraction between 0 and 1, at most four decimals. */
  | 'rate'
  /** A number whose unit and precision the row's `unit` column gives (headlines.csv). */
  | 'number'
  | 'boolean';

export interface ColumnDoc {
  type: ColumnType;
  /** The unit of a number: `days`, `hours`, `requisitions`, `feedback slots`, … */
  unit?: string;
  text: string;
  /**
   * When the cell may be empty. Figures are empty when hidden (their flag says so) or when `empty_reason`
   * says why; a column that may be empty otherwise says when here. Absent: never empty.
   */
  empty?: string;
  /** The flag column that says this figure is hidden for privacy. */
  hiddenBy?: string;
  /** The column that names this figure when it is empty for another reason. */
  explainedBy?: string;
}

export const TOPICS = [
  'Time to fill and open requisitions',
  'Interview feedback',
  'Rejections',
  'Funnel',
  'Headlines and hiring managers',
  'Sources and offers',
  'Data quality',
] as const;
export type Topic = (typeof TOPICS)[number];

/** A page of the site whose charts draw on the file (the path the chart sits on, `*` for every such page). */
export interface Feed {
  page: string;
  charts: string;
}

export interface ExportDoc {
  topic: Topic;
  /** One sentence: what the file answers. */
  summary: string;
  /** One row per … */
  grain: string;
  /** Which file of a pair to use, how its figures are computed: whatever an analyst must know beyond the columns. */
  notes?: string;
  feeds: readonly Feed[];
  columns: Readonly<Record<string, ColumnDoc>>;
}

/** The conventions of every file, as the dictionary and the Downloads page state them. */
export const CONVENTIONS: readonly string[] = [
  'UTF-8 with a byte-order mark (Excel opens the files as UTF-8), RFC 4180, comma-separated, CRLF line ends, one header row.',
  "Dates are `YYYY-MM-DD` and months `YYYY-MM`, in the dashboard's configured timezone.",
  'Numbers use `.` as the decimal mark and no thousands separator. Whole numbers are written without a decimal point (`23`, never `23.0`). Days and hours are rounded to one decimal, rates and shares are fractions between 0 and 1 rounded to four decimals (0.25 = 25 %), trailing zeros dropped.',
  "An empty cell is never 0. A figure hidden for privacy is empty with its flag `true`: `suppressed` for the figures of the row, `<column>_suppressed` for one figure of a row that shows others. A figure empty for another reason (nothing to compute it from, a period before the data) is named, with the reason, in the row's `empty_reason` (`previous_empty_reason`, `trailing3_empty_reason` beside headline figures).",
  'A figure is hidden when it rests on fewer applications or feedback slots than the minimum group size (`privacy.minGroupSize`, default 5), or — complementary suppression — when it sits beside such a figure in a set that adds up to a total shown elsewhere, so that the small one cannot be worked out by subtraction. Requisition figures (time to fill, open seats) describe seats, not people, and are never hidden.',
  "Every rate and quantile has its n in the same row: the count it was computed from (a column of counts, or the figure's own `_n`); where a figure's n is not in its row (the rejection shares, the funnel's days in stage), its column says where the n is or what bounds it.",
  "A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (also after a `,` or `;` inside the cell) is written with a leading `'` so that no spreadsheet runs it as a formula.",
  '`All` in a `department` or `stage` column is the total over every value, computed from the underlying rows (a median of all fills, not a median of department medians). `(none)` stands for a missing department, hiring manager, recruiter or stage.',
  'The six files `time-to-fill.csv`, `time-to-fill-by-month.csv`, `open-requisitions.csv`, `rejections-by-month.csv`, `feedback-by-month.csv` and `data-quality.csv` are a stable contract: their names and columns do not change, and new columns are only added at the end. The other files may gain columns at the end.',
];

// ---- columns shared by several files --------------------------------------------------------------------

const month = (of: string): ColumnDoc => ({ type: 'month', text: `the month of ${of}` });
const department = (all: boolean): ColumnDoc => ({
  type: 'text',
  text: all ? 'the department, or `All`' : "the application's department, `(none)` if missing",
});
const suppressed = (what: string): ColumnDoc => ({
  type: 'boolean',
  text: `\`true\` when ${what} is hidden for privacy (fewer than the minimum group size, or hidden beside such a figure); its figures are then empty`,
});
const emptyReason: ColumnDoc = {
  type: 'text',
  text: 'for each figure of the row that is empty but not hidden, the figure and why (`median_hours, p90_hours: no feedback submitted`)',
  empty: 'when every figure of the row has a value or is hidden',
};
const count = (unit: string, text: string, extra: Partial<ColumnDoc> = {}): ColumnDoc => ({
  type: 'integer',
  unit,
  text,
  ...extra,
});
const days = (text: string, extra: Partial<ColumnDoc> = {}): ColumnDoc => ({
  type: 'decimal',
  unit: 'days',
  text,
  ...extra,
});
const hours = (text: string, extra: Partial<ColumnDoc> = {}): ColumnDoc => ({
  type: 'decimal',
  unit: 'hours',
  text,
  ...extra,
});
const rate = (text: string, extra: Partial<ColumnDoc> = {}): ColumnDoc => ({
  type: 'rate',
  unit: 'fraction',
  text,
  ...extra,
});
/** `<column>_suppressed`: one figure's flag, true with its row or when the figure alone is hidden. */
const cellFlag = (column: string, alone: string): ColumnDoc => ({
  type: 'boolean',
  text: `\`true\` when \`${column}\` is hidden for privacy: with the row, or alone ${alone}`,
});
/** A figure that is empty when its row is hidden for privacy. */
const hidden = { hiddenBy: 'suppressed' } as const;
/** A figure that is empty when there is nothing to compute it from, which `empty_reason` says. */
const explained = { explainedBy: 'empty_reason' } as const;
const hiddenOrExplained = { ...hidden, ...explained } as const;

const REQUISITION = {
  requisition_id: { type: 'text', text: 'the requisition (seat) as exported' },
  job_title: { type: 'text', text: 'its job title' },
  department: { type: 'text', text: 'its department, `(none)` if missing' },
  hiring_manager: { type: 'text', text: 'its hiring manager, `(none)` if missing' },
  recruiter: { type: 'text', text: 'its recruiter, `(none)` if missing' },
  opened_on: { type: 'date', text: 'the date it was opened' },
} as const satisfies Record<string, ColumnDoc>;

const RECOMMENDATIONS = {
  strong_yes: count('feedback slots', 'slots with a strong yes', hidden),
  yes: count('feedback slots', 'slots with a yes', hidden),
  no: count('feedback slots', 'slots with a no', hidden),
  strong_no: count('feedback slots', 'slots with a strong no', hidden),
  no_decision: count('feedback slots', 'slots submitted without a decision', hidden),
};

/** The same columns, each hidden by its own `<column>_suppressed` flag (a row may hide one and show others). */
const ownFlags = (columns: Record<string, ColumnDoc>): Record<string, ColumnDoc> =>
  Object.fromEntries(Object.entries(columns).map(([name, doc]) => [name, { ...doc, hiddenBy: `${name}_suppressed` }]));

function feedbackColumns(totals: boolean): Record<string, ColumnDoc> {
  return {
    month: month('the interview'),
    department: department(totals),
    stage: { type: 'text', text: totals ? "the interview's stage, or `All`" : "the interview's stage" },
    slots: count('feedback slots', 'feedback slots (one interviewer in one interview)', hidden),
    submitted: count('feedback slots', 'slots with feedback submitted by the as-of date', hidden),
    on_time: count(
      'feedback slots',
      "slots with feedback submitted within the SLA (`feedbackSlaHours`, default 24 h) of the interview's end",
      hidden,
    ),
    median_hours: hours(
      "median hours from the interview's end to the feedback, over the `submitted` slots (feedback given before the interview ended counts as 0)",
      { hiddenBy: 'median_hours_suppressed', ...explained },
    ),
    p90_hours: hours('90th percentile of the same (linear interpolation), over the `submitted` slots', {
      hiddenBy: 'p90_hours_suppressed',
      ...explained,
    }),
    ...RECOMMENDATIONS,
    suppressed: suppressed('the row'),
    due: count('feedback slots', 'slots due (interview ended) before the end of the as-of date', hidden),
    sla_settled: count(
      'feedback slots',
      'slots whose on-time outcome is settled: submitted, or due longer ago than the SLA',
      hidden,
    ),
    submission_rate: rate('`submitted` / `due`', hiddenOrExplained),
    on_time_rate: rate('`on_time` / `sla_settled`', hiddenOrExplained),
    empty_reason: emptyReason,
    median_hours_suppressed: cellFlag('median_hours', 'over too few submitted slots'),
    p90_hours_suppressed: cellFlag('p90_hours', 'over too few submitted slots'),
  };
}

function rejectionColumns(totals: boolean): Record<string, ColumnDoc> {
  return {
    month: month('the rejection (or withdrawal)'),
    department: department(totals),
    stage: {
      type: 'text',
      text: totals
        ? 'the stage the application was in when it ended, or `All`'
        : 'the stage the application was in when it ended',
    },
    reason: { type: 'text', text: 'the rejection reason as exported', empty: 'when none was given' },
    category: {
      type: 'text',
      text: 'its reason category: skills, experience, career goals, values, compensation, logistics, position filled, candidate withdrew, other or unspecified',
    },
    rejected_by: { type: 'text', text: '`company`, `candidate` or `unknown`' },
    rejections: count('applications', 'applications rejected or withdrawn', hidden),
    suppressed: suppressed('the row'),
  };
}

const shareColumns = (key: string, keyDoc: ColumnDoc, of: string): Record<string, ColumnDoc> => ({
  month: month('the rejection'),
  department: department(true),
  [key]: keyDoc,
  rejections: count('applications', `rejections and withdrawals ${of}`, hidden),
  share: rate(
    '`rejections` / all rejections of that month and department (that total, its n, is the `rejections` row of `headlines.csv` for the month and department)',
    { hiddenBy: 'share_suppressed' },
  ),
  suppressed: suppressed('the row'),
  share_suppressed: cellFlag(
    'share',
    'where the month and department total is hidden (share × total gives the count back)',
  ),
});

/** The three figures of a headline row: the month, the month before, the three months before. */
function headlineFigure(prefix: string, period: string): Record<string, ColumnDoc> {
  const flag = `${prefix}suppressed`;
  const reason = `${prefix}empty_reason`;
  return {
    [`${prefix}value`]: {
      type: 'number',
      text: `the figure ${period}, in the row's \`unit\``,
      hiddenBy: flag,
      explainedBy: reason,
    },
    [`${prefix}n`]: {
      type: 'integer',
      text: `what the figure ${period} rests on: fills, open seats, hires, feedback slots (due slots for the submission rate, settled slots for the on-time rate, submitted slots for the median hours) or rejections`,
      hiddenBy: flag,
      explainedBy: reason,
      ...(prefix === 'trailing3_'
        ? { empty: 'for `open_requisitions`: seats counted at three month-ends do not add up to anything' }
        : {}),
    },
    [flag]: {
      type: 'boolean',
      text: `\`true\` when the figure ${period} is hidden for privacy (value and n empty; a \`median_days_to_hire\` keeps its n, the hires, shown however few)`,
    },
    [reason]: {
      type: 'text',
      text: `the empty columns of the figure ${period} and why, when it is not hidden: \`${prefix}value, ${prefix}n: before the first month with data\` or \`${prefix}value: nothing to compute from (n = 0)\``,
      empty: 'when the figure has a value or is hidden',
    },
  };
}

const partnershipFigure = (column: string, doc: ColumnDoc, nText: string): Record<string, ColumnDoc> => ({
  [column]: { ...doc, hiddenBy: `${column}_suppressed`, explainedBy: 'empty_reason' },
  [`${column}_n`]: count('', nText, { hiddenBy: `${column}_suppressed`, explainedBy: 'empty_reason' }),
  [`${column}_suppressed`]: { type: 'boolean', text: `\`true\` when \`${column}\` is hidden for privacy` },
});

const PARTNERSHIP_FIGURES = {
  ...partnershipFigure(
    'median_days_to_fill',
    days('median days to fill of their requisitions filled in the window'),
    'their requisitions filled in the window',
  ),
  ...partnershipFigure(
    'feedback_on_time_rate',
    rate('share of their own feedback slots as an interviewer submitted on time'),
    'their feedback slots whose on-time outcome is settled',
  ),
  ...partnershipFigure(
    'median_hours_to_feedback',
    hours('median hours to their own feedback'),
    'their submitted feedback slots',
  ),
  ...partnershipFigure(
    'recruiter_screen_to_hiring_manager_screen',
    rate("of the applications screened by a recruiter, the share that reached the hiring manager's screen"),
    'applications screened by a recruiter',
  ),
  ...partnershipFigure(
    'hiring_manager_screen_pass_through',
    rate("of the applications at the hiring manager's screen, the share moved past it"),
    "applications at the hiring manager's screen",
  ),
  ...partnershipFigure(
    'unspecified_reason_share',
    rate('share of rejections on their requisitions with an unspecified or "other" reason'),
    'rejections on their requisitions',
  ),
};

/** Every export's description, by file name. */
export const DICTIONARY: Readonly<Record<string, ExportDoc>> = {
  'time-to-fill.csv': {
    topic: 'Time to fill and open requisitions',
    summary: 'How long each filled requisition took to fill, with who owned it.',
    grain: 'one row per filled requisition',
    notes:
      'The median days to fill of a month is the median of `days_to_fill` over the rows whose `filled_on` falls in it (`time-to-fill-by-month.csv` holds it computed).',
    feeds: [{ page: '/recruiters/*', charts: 'Days to fill, each seat they filled' }],
    columns: {
      ...REQUISITION,
      filled_on: { type: 'date', text: 'the date it was filled' },
      days_to_fill: days('calendar days from `opened_on` to `filled_on` (0 when filled on the day it opened)'),
    },
  },
  'time-to-fill-by-month.csv': {
    topic: 'Time to fill and open requisitions',
    summary: 'The median and upper quantiles of days to fill, per month of the fill and department.',
    grain: 'one row per fill month × department, and `All`',
    feeds: [
      { page: '/time-to-fill/', charts: 'Days to fill by month; days to fill by department' },
      { page: '/departments/*', charts: "the department's days to fill by month" },
      { page: '/retro/*', charts: 'days to fill in the month' },
    ],
    columns: {
      month: month('`filled_on`'),
      department: department(true),
      filled: count('requisitions', 'requisitions filled in the month (the n of the quantiles; 0 when none)'),
      median_days: days('median days to fill of those requisitions', explained),
      p75_days: days('75th percentile of the same (linear interpolation)', explained),
      p90_days: days('90th percentile of the same (linear interpolation)', explained),
      empty_reason: emptyReason,
    },
  },
  'time-to-hire-by-month.csv': {
    topic: 'Time to fill and open requisitions',
    summary: 'How long hired candidates took from application to hire, per month of the hire and department.',
    grain: 'one row per hire month × department, and `All`',
    feeds: [{ page: '/time-to-fill/', charts: 'Days to hire by month' }],
    columns: {
      month: month('the hire'),
      department: department(true),
      hires: count('applications', 'hires in the month (the n of the quantiles), shown however few', explained),
      median_days: days('median calendar days from application to hire', {
        hiddenBy: 'median_days_suppressed',
        ...explained,
      }),
      p90_days: days('90th percentile of the same', { hiddenBy: 'p90_days_suppressed', ...explained }),
      suppressed: suppressed('the row'),
      empty_reason: emptyReason,
      median_days_suppressed: cellFlag(
        'median_days',
        'over fewer than the minimum group size of hires (the hires are shown)',
      ),
      p90_days_suppressed: cellFlag(
        'p90_days',
        'over fewer than the minimum group size of hires (the hires are shown)',
      ),
    },
  },
  'time-to-fill-by-person.csv': {
    topic: 'Time to fill and open requisitions',
    summary: 'Days to fill and open seats per hiring manager and per recruiter, over every month of the dashboard.',
    grain: 'one row per hiring manager and per recruiter',
    feeds: [{ page: '/time-to-fill/', charts: 'Days to fill by hiring manager; by recruiter' }],
    columns: {
      role: { type: 'text', text: '`hiring_manager` or `recruiter`' },
      person: { type: 'text', text: 'their name as exported' },
      filled: count('requisitions', 'their requisitions filled (the n of the quantiles)'),
      open: count('requisitions', 'their requisitions open at the as-of date'),
      median_days: days('median days to fill of their filled requisitions', explained),
      p75_days: days('75th percentile of the same', explained),
      p90_days: days('90th percentile of the same', explained),
      empty_reason: emptyReason,
    },
  },
  'open-requisitions.csv': {
    topic: 'Time to fill and open requisitions',
    summary: 'Every requisition still open at the as-of date, with who owns it and whether it is on hold.',
    grain: 'one row per requisition open at the as-of date',
    notes:
      'A requisition is open when it has no fill date and was not closed or cancelled on or before the as-of date; one on hold counts as open (it is still an unfilled seat): filter on `status` to leave holds out.',
    feeds: [],
    columns: {
      requisition_id: REQUISITION.requisition_id,
      job_title: REQUISITION.job_title,
      department: REQUISITION.department,
      opened_on: REQUISITION.opened_on,
      days_open: days('calendar days from `opened_on` to the as-of date'),
      hiring_manager: REQUISITION.hiring_manager,
      recruiter: REQUISITION.recruiter,
      status: { type: 'text', text: '`open`, or `on_hold` when its status is on hold' },
    },
  },
  'open-requisitions-by-age.csv': {
    topic: 'Time to fill and open requisitions',
    summary: 'How long the open requisitions have been open, per department.',
    grain: 'one row per department (and `All`) × days-open range',
    feeds: [
      { page: '/time-to-fill/', charts: 'Open requisitions by days open' },
      { page: '/departments/*', charts: "the department's open requisitions by days open" },
    ],
    columns: {
      department: { type: 'text', text: 'a department, or `All`' },
      days_open_range: {
        type: 'text',
        text: 'calendar days open at the as-of date: `0–30`, `31–60`, `61–90`, `91–180` or `181+` (inclusive)',
      },
      requisitions: count('requisitions', 'requisitions open at the as-of date in that range (on hold included)'),
    },
  },
  'feedback-by-month.csv': {
    topic: 'Interview feedback',
    summary: 'Whether interviewers submitted their feedback, and how fast, per interview month, department and stage.',
    grain: 'one row per interview month × department × stage',
    notes:
      'Pivot this file for the detail. The totals over departments and stages are not here but in `feedback-by-month-with-totals.csv`: medians and hidden cells do not add up. The rates can be recomputed from the counts of the same row: submission rate = `submitted` / `due`, on-time rate = `on_time` / `sla_settled`.',
    feeds: [],
    columns: feedbackColumns(false),
  },
  'feedback-by-month-with-totals.csv': {
    topic: 'Interview feedback',
    summary: "The same figures as `feedback-by-month.csv`, with the totals the dashboard's feedback charts show.",
    grain: 'one row per interview month × department (and `All`) × stage (and `All`)',
    notes:
      'The same columns as `feedback-by-month.csv`, and its rows plus the totals over every stage of a department (`stage` = `All`), over every department at a stage (`department` = `All`), and over both. Each total is computed from the feedback slots themselves and hidden on its own number of slots, so it is shown even where some of its parts are hidden. Use it for totals; filter out `All` before adding rows up.',
    feeds: [
      {
        page: '/feedback/',
        charts:
          'Feedback on time and submitted by month; on time by department; hours to feedback by stage; recommendations by month',
      },
      { page: '/departments/*', charts: "the department's feedback by month" },
      { page: '/retro/*', charts: 'the feedback trend of the month' },
    ],
    columns: feedbackColumns(true),
  },
  'feedback-outstanding.csv': {
    topic: 'Interview feedback',
    summary: 'Feedback still missing at the as-of date, by how long ago it fell due.',
    grain: 'one row per department (and `All`) × days overdue',
    feeds: [{ page: '/feedback/', charts: 'Feedback still missing, by days overdue' }],
    columns: {
      department: { type: 'text', text: 'a department, or `All`' },
      overdue_by: {
        type: 'text',
        text: 'time since the feedback fell due, at the end of the as-of date: `0–1 d`, `1–3 d`, `3–7 d`, `7–30 d` or `30+ d` (each includes its lower bound)',
      },
      slots: count('feedback slots', 'feedback slots due but not submitted', hidden),
      suppressed: suppressed('the row'),
    },
  },
  'feedback-by-person.csv': {
    topic: 'Interview feedback',
    summary: "Hiring managers' own interview feedback, over every month of the dashboard.",
    grain: 'one row per hiring manager (and per interviewer, when the team turned `privacy.showInterviewers` on)',
    notes:
      "A hiring manager's own feedback: the slots in which the hiring manager of the interview's requisition is the interviewer. Rows for every other interviewer are written only when the team turned `privacy.showInterviewers` on.",
    feeds: [{ page: '/feedback/', charts: 'Feedback on time by hiring manager' }],
    columns: {
      role: { type: 'text', text: '`hiring_manager` or `interviewer`' },
      person: { type: 'text', text: 'their name as exported' },
      slots: count('feedback slots', 'their feedback slots', hidden),
      submitted: count('feedback slots', 'of those, submitted by the as-of date (the n of `median_hours`)', hidden),
      on_time_rate: rate('share of the `sla_settled` slots submitted within the SLA', hiddenOrExplained),
      median_hours: hours('median hours from due to their feedback', hiddenOrExplained),
      suppressed: suppressed('the row'),
      empty_reason: emptyReason,
      sla_settled: count(
        'feedback slots',
        'of their slots, those whose on-time outcome is settled: submitted, or due longer ago than the SLA (the n of `on_time_rate`)',
        hidden,
      ),
    },
  },
  'rejections-by-month.csv': {
    topic: 'Rejections',
    summary: 'Why applications ended, at which stage and by whom, per month and department.',
    grain: 'one row per month × department × stage × reason × rejected by',
    notes:
      'Pivot this file for the detail. The totals over departments and stages, which the "Reasons as recorded" charts show, are in `rejections-by-month-with-totals.csv`.',
    feeds: [],
    columns: rejectionColumns(false),
  },
  'rejections-by-month-with-totals.csv': {
    topic: 'Rejections',
    summary: 'The rows of `rejections-by-month.csv` with the totals over departments and stages.',
    grain: 'one row per month × department (and `All`) × stage (and `All`) × reason × rejected by',
    notes:
      'The same columns as `rejections-by-month.csv`, and its rows plus the totals over every stage (`stage` = `All`), over every department (`department` = `All`), and over both. Each total is counted from the rejections themselves and hidden on its own count. Use it for totals; filter out `All` before adding rows up.',
    feeds: [
      { page: '/rejections/', charts: 'Reasons as recorded' },
      { page: '/retro/*', charts: 'the reasons recorded in the month' },
    ],
    columns: rejectionColumns(true),
  },
  'rejection-categories-by-month.csv': {
    topic: 'Rejections',
    summary: 'The mix of rejection reason categories, per month and department.',
    grain: 'one row per month × department (and `All`) × reason category',
    feeds: [
      { page: '/rejections/', charts: 'Why candidates were turned down, by month; reason categories by department' },
      { page: '/departments/*', charts: "the department's reason categories" },
      { page: '/retro/*', charts: 'the reason categories of the month' },
    ],
    columns: shareColumns(
      'category',
      { type: 'text', text: 'the reason category' },
      'in that category (the n of `share` is the month and department total)',
    ),
  },
  'rejected-by-by-month.csv': {
    topic: 'Rejections',
    summary: 'Who ended the applications — the company or the candidate — per month and department.',
    grain: 'one row per month × department (and `All`) × who ended it',
    feeds: [{ page: '/rejections/', charts: 'Who ended it: company or candidate, by month' }],
    columns: shareColumns(
      'rejected_by',
      { type: 'text', text: '`company`, `candidate` or `unknown`' },
      'ended by them',
    ),
  },
  'rejection-stages-by-month.csv': {
    topic: 'Rejections',
    summary: 'The stage applications were at when they were rejected or withdrawn, per month and department.',
    grain: 'one row per month × department (and `All`) × stage',
    feeds: [{ page: '/rejections/', charts: 'At which stage, by month' }],
    columns: shareColumns(
      'stage',
      { type: 'text', text: 'the stage the application was in when it ended' },
      'at that stage',
    ),
  },
  'funnel.csv': {
    topic: 'Funnel',
    summary: 'How many applications of each monthly cohort reached each stage, and how many went on.',
    grain: 'one row per application cohort × department (and `All`) × stage',
    notes: 'Only filled when the exports include stage events.',
    feeds: [
      { page: '/funnel/', charts: 'Applications reaching each stage; pass-through by stage, by cohort' },
      { page: '/departments/*', charts: "the department's funnel" },
    ],
    columns: {
      cohort: { type: 'month', text: 'the month the applications were received' },
      department: { type: 'text', text: 'a department, or `All`' },
      stage: { type: 'text', text: 'the stage' },
      stage_index: count('', 'its position in the stage order, from 0'),
      reached: count(
        'applications',
        'applications of the cohort that ever entered the stage (the n of `pass_through`)',
        hidden,
      ),
      pass_through: rate('of those, the share that reached a later stage', {
        hiddenBy: 'pass_through_suppressed',
        ...explained,
      }),
      median_days_in_stage: days(
        'median calendar days from entering the stage to leaving it, over stays that ended (their number, its n, is not in this file: `reached` bounds it)',
        hiddenOrExplained,
      ),
      open: {
        type: 'boolean',
        text: '`true` when the cohort is younger than 90 days at the as-of date: its figures will still move',
      },
      suppressed: suppressed('the row'),
      pass_through_suppressed: cellFlag(
        'pass_through',
        'where pass-through × `reached` would give back how many went on to a hidden stage',
      ),
      empty_reason: emptyReason,
    },
  },
  'headlines.csv': {
    topic: 'Headlines and hiring managers',
    summary:
      'Every headline figure of the overview and the retrospectives, per month and scope, beside the month before and the three months before.',
    grain: 'one row per month × headline figure × scope (the company, each department, each hiring manager)',
    notes:
      "A long (tidy) table: pivot on `metric` and `month`; `unit` and `better_when` say how to read each row, so no lookup is needed. The trailing figure means the same for every metric: the metric over the three months before `month`, per month, like `value`. A rate or a median is computed from the three months' events pooled (never an average of monthly figures), with their pooled count as `trailing3_n`; a count of events (fills, slots, rejections) is the three months' total divided by 3, one decimal, with the total as `trailing3_n`; open requisitions, counted at each month's end, is the mean of the three month-end counts, and has no `trailing3_n`. Changes are computed after suppression: `value` − `previous_value` and `value` − `trailing3_value`, in the unit, empty when either side is empty or hidden, or (medians and rates) rests on fewer than the minimum group size.",
    feeds: [
      { page: '/', charts: 'the headline cards and their trends' },
      { page: '/departments/*', charts: "the department's headline trends" },
      { page: '/hiring-managers/*', charts: "the hiring manager's headline trends" },
    ],
    columns: {
      month: { type: 'month', text: 'the month' },
      metric: {
        type: 'text',
        text: "the figure, in snake_case: `requisitions_filled`, `median_days_to_fill`, `open_requisitions`, `median_days_to_hire`, `feedback_slots`, `feedback_submission_rate`, `feedback_on_time_rate`, `median_hours_to_feedback`, `rejections`, `withdrawal_share` or `unspecified_reason_share` (defined on the dashboard's definitions page)",
      },
      unit: {
        type: 'text',
        text: '`count` (whole numbers; trailing averages one decimal), `days` or `hours` (one decimal), or `rate` (a fraction between 0 and 1, four decimals)',
      },
      better_when: {
        type: 'text',
        text: '`higher` or `lower`: which direction is an improvement; `neutral` for volumes (fills, slots, rejections, open seats)',
      },
      scope_kind: { type: 'text', text: '`all`, `department` or `hiring_manager`' },
      scope_name: { type: 'text', text: '`All`, the department, or the hiring manager' },
      ...headlineFigure('', 'in the month'),
      ...headlineFigure('previous_', 'of the month before'),
      ...headlineFigure('trailing3_', 'of the three months before (see above)'),
      change_vs_previous: {
        type: 'number',
        text: '`value` − `previous_value`, in the unit',
        empty: 'when either side is empty or hidden, or (medians and rates) rests on fewer than the minimum group size',
      },
      change_vs_trailing3: {
        type: 'number',
        text: '`value` − `trailing3_value`, in the unit',
        empty: 'likewise',
      },
    },
  },
  'partnerships.csv': {
    topic: 'Headlines and hiring managers',
    summary: "Each hiring manager's partnership figures over the last three complete months.",
    grain: 'one row per hiring manager',
    notes:
      'Figures cover the three complete months ending with the latest complete month (`from_month` … `to_month`). A row may show some figures and hide others: each figure has its own n and its own flag at the end of the row.',
    feeds: [{ page: '/hiring-managers/', charts: 'Median days to fill by hiring manager' }],
    columns: {
      hiring_manager: { type: 'text', text: 'the hiring manager' },
      recruiters: { type: 'text', text: 'the recruiters of their requisitions, separated by `; `' },
      from_month: { type: 'month', text: 'the first month of the window' },
      to_month: { type: 'month', text: 'the last month of the window' },
      requisitions_open: count('requisitions', 'their requisitions open at the end of the window'),
      requisitions_filled: count('requisitions', 'their requisitions filled in the window', explained),
      ...PARTNERSHIP_FIGURES,
      enough_data: {
        type: 'boolean',
        text: '`false` when too few slots or applications to compare this row with others',
      },
      suppressed: {
        type: 'boolean',
        text: '`true` when at least one figure of the row is hidden (see the `_suppressed` column of each)',
      },
      empty_reason: emptyReason,
    },
  },
  'sources-by-month.csv': {
    topic: 'Sources and offers',
    summary: 'Where applications came from, how many went past the first stage, and where the hires came from.',
    grain: 'one row per month and source',
    notes:
      "`applications` and `advanced` are the month's applications (a cohort: a recent month's `advanced` still grows as candidates move on); `hires` are the hires of the month, whenever they applied. Sources are as the export records them; text recorded for fewer candidates than the minimum group size reads as a rare value. Counts under the minimum group size are hidden, and beside them enough others that none can be worked out from the month's totals.",
    feeds: [{ page: '/retro/*', charts: 'Sources' }],
    columns: {
      month: month('the application (applications, advanced) and of the hire (hires)'),
      source: { type: 'text', text: 'the source as exported, `(none)` if missing' },
      applications: count('applications', 'applications made in the month', { hiddenBy: 'applications_suppressed' }),
      advanced: count(
        'applications',
        "of them, those that reached a stage after the order's first (the recruiter's screen or further) or were hired",
        { hiddenBy: 'advanced_suppressed' },
      ),
      advanced_rate: rate('`advanced` ÷ `applications`', {
        hiddenBy: 'advanced_suppressed',
        empty: 'when either count is hidden, or there are no applications',
      }),
      hires: count('hires', 'hires made in the month from this source', {
        hiddenBy: 'hires_suppressed',
        explainedBy: 'empty_reason',
      }),
      suppressed: suppressed('the row (its applications are fewer than the minimum group size)'),
      applications_suppressed: cellFlag('applications', 'as a complement'),
      advanced_suppressed: cellFlag('advanced', 'when small or as a complement'),
      hires_suppressed: cellFlag('hires', 'when small or as a complement'),
      empty_reason: emptyReason,
    },
  },
  'offers-by-quarter.csv': {
    topic: 'Sources and offers',
    summary: 'Offers made each quarter and what became of them.',
    grain: 'one row per quarter',
    notes:
      "An offer is made when an application enters a stage named like an offer (`Offer`, `Offer extended`); a hire with no such stage counts as an offer made and accepted when hired. `made` = `accepted` + `declined` + `other`. Quarters, not months: a month's offers are a handful.",
    feeds: [{ page: '/retro/*', charts: 'Offers' }],
    columns: {
      quarter: { type: 'text', text: 'the quarter the offer was made in, `YYYY-Qn`' },
      made: count('offers', 'offers made in the quarter', { hiddenBy: 'made_suppressed' }),
      accepted: count('offers', 'of them, accepted (the candidate was hired)', { hiddenBy: 'accepted_suppressed' }),
      declined: count('offers', 'of them, declined or withdrawn by the candidate', { hiddenBy: 'declined_suppressed' }),
      other: count('offers', 'the rest: turned down by the company after the offer, or still open', {
        hiddenBy: 'other_suppressed',
      }),
      suppressed: suppressed('the row (fewer offers than the minimum group size)'),
      made_suppressed: cellFlag('made', 'as a complement'),
      accepted_suppressed: cellFlag('accepted', 'when small or as a complement'),
      declined_suppressed: cellFlag('declined', 'when small or as a complement'),
      other_suppressed: cellFlag('other', 'when small or as a complement'),
    },
  },
  'offer-declines.csv': {
    topic: 'Sources and offers',
    summary: 'Why candidates declined offers, over the last 12 months.',
    grain: 'one row per reason, after a first row `All` (every decline of the window)',
    notes:
      'One window, the last 12 months of the data (never sliding, so no two windows can be subtracted). Reasons are as the export records them.',
    feeds: [{ page: '/retro/*', charts: 'Offers declined' }],
    columns: {
      from_month: { type: 'month', text: 'the first month of the window (offers made from then)' },
      to_month: { type: 'month', text: 'the last month of the window' },
      reason: { type: 'text', text: 'the reason recorded, `(none)` when none, `All` for every decline' },
      declines: count('offers', 'offers made in the window and declined for this reason', hidden),
      suppressed: suppressed('the count'),
    },
  },
  'recommendations-by-hiring-manager.csv': {
    topic: 'Sources and offers',
    summary: "Each hiring manager's own scorecards by recommendation, over the last 12 months.",
    grain: 'one row per hiring manager',
    notes:
      'Only the scorecards the hiring manager submitted themselves, on interviews of the window, with a recommendation.',
    feeds: [{ page: '/retro/*', charts: "Hiring managers' own recommendations" }],
    columns: {
      hiring_manager: { type: 'text', text: 'the hiring manager' },
      from_month: { type: 'month', text: 'the first month of the window' },
      to_month: { type: 'month', text: 'the last month of the window' },
      scorecards: count('feedback slots', 'their own scorecards with a recommendation', {
        hiddenBy: 'scorecards_suppressed',
      }),
      ...ownFlags(RECOMMENDATIONS),
      suppressed: suppressed('the row (fewer scorecards than the minimum group size)'),
      scorecards_suppressed: cellFlag('scorecards', 'as a complement'),
      strong_yes_suppressed: cellFlag('strong_yes', 'when small or as a complement'),
      yes_suppressed: cellFlag('yes', 'when small or as a complement'),
      no_suppressed: cellFlag('no', 'when small or as a complement'),
      strong_no_suppressed: cellFlag('strong_no', 'when small or as a complement'),
      no_decision_suppressed: cellFlag('no_decision', 'when small or as a complement'),
    },
  },
  'data-quality.csv': {
    topic: 'Data quality',
    summary: 'Every row of the exports that was left out or folded into another, and why.',
    grain: 'one row per quarantined row or folded duplicate',
    feeds: [],
    columns: {
      file: { type: 'text', text: 'the export file, relative to the data folder' },
      line: count('', 'the line in that file'),
      entity: { type: 'text', text: '`requisitions`, `applications`, `interviews` or `stage_events`' },
      column: { type: 'text', text: 'the column concerned', empty: 'when the problem is the whole row' },
      problem: { type: 'text', text: 'what was wrong' },
      action: {
        type: 'text',
        text: '`quarantined` (left out), `merged duplicate` (identical to a row in another file) or `replaced by later file`',
      },
    },
  },
};

/** One export with its description, its columns in file order. */
export interface DescribedExport {
  name: string;
  doc: ExportDoc;
  columns: { name: string; doc: ColumnDoc | undefined }[];
}

/**
 * Every export with its description, grouped by topic in the order of `TOPICS`, files in `EXPORTS` order
 * within a topic. A column without a description comes with `doc` undefined (a test fails on it; the site
 * still lists the column).
 */
export function describedExports(
  exports: readonly CsvExport[] = EXPORTS,
): { topic: Topic; files: DescribedExport[] }[] {
  const described = exports.map((e) => {
    const doc = DICTIONARY[e.name];
    if (!doc) throw new Error(`scripts/export/dictionary.ts does not describe ${e.name}: add its entry to DICTIONARY.`);
    return { name: e.name, doc, columns: e.columns.map((name) => ({ name, doc: doc.columns[name] })) };
  });
  return TOPICS.map((topic) => ({ topic, files: described.filter((d) => d.doc.topic === topic) })).filter(
    (t) => t.files.length > 0,
  );
}

/** The anchor of a file's entry on the Downloads page and in the dictionary: `time-to-fill-csv`. */
export const exportAnchor = (name: string): string => name.replace(/\.csv$/, '-csv');

/** A column's type and unit in words: `integer (requisitions)`, `rate (fraction 0–1)`. */
export function typeLabel(doc: ColumnDoc): string {
  const label: Record<ColumnType, string> = {
    text: 'text',
    month: 'month (YYYY-MM)',
    date: 'date (YYYY-MM-DD)',
    integer: 'integer',
    decimal: 'number, 1 decimal',
    rate: 'fraction 0–1, 4 decimals',
    number: 'number in `unit`',
    boolean: 'true/false',
  };
  return doc.unit && doc.type !== 'rate' ? `${label[doc.type]}, ${doc.unit}` : label[doc.type];
}

/** A column's description with when it may be empty. */
export function columnText(doc: ColumnDoc): string {
  const empty = [doc.hiddenBy && `\`${doc.hiddenBy}\``, doc.explainedBy && `\`${doc.explainedBy}\``].filter(Boolean);
  const parts = [doc.text];
  if (empty.length) parts.push(`empty when ${empty.join(' or ')} says so`);
  if (doc.empty) parts.push(`empty ${doc.empty}`);
  return parts.join('; ');
}

/** `docs/data-dictionary.md`, written by `npm run docs`. */
export function dataDictionaryMarkdown(exports: readonly CsvExport[] = EXPORTS): string {
  const lines = [
    '# Data dictionary',
    '',
    '<!-- Written by `npm run docs` from scripts/export/dictionary.ts: edit that file, not this one. -->',
    '',
    "Every chart's figures can be downloaded as CSV from the dashboard's Downloads page (`exports/` beside the",
    'pages). The exact definition of every figure (time to fill, on time, rejection categories, …) is on the',
    "dashboard's definitions page, with the build's settings filled in.",
    '',
    '## Conventions of every file',
    '',
    ...CONVENTIONS.map((c) => `- ${c}`),
    '',
  ];
  for (const { topic, files } of describedExports(exports)) {
    lines.push(`## ${topic}`, '');
    for (const file of files) {
      lines.push(
        `### ${file.name}`,
        '',
        `${file.doc.summary} One row per ${file.doc.grain.replace(/^one row per /, '')}.`,
        '',
      );
      if (file.doc.notes) lines.push(file.doc.notes, '');
      if (file.doc.feeds.length)
        lines.push(`Charts: ${file.doc.feeds.map((f) => `${f.charts} (\`${f.page}\`)`).join('; ')}.`, '');
      lines.push('| column | type | meaning |', '| --- | --- | --- |');
      for (const c of file.columns) {
        if (!c.doc) throw new Error(`scripts/export/dictionary.ts does not describe ${file.name}'s column ${c.name}.`);
        lines.push(`| \`${c.name}\` | ${typeLabel(c.doc)} | ${columnText(c.doc).replace(/\|/g, '\\|')} |`);
      }
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** How a cell of a column may be empty, for a reader that checks files against the dictionary. */
export type EmptyRule = 'never' | 'flagged' | 'allowed';

export const emptyRule = (doc: ColumnDoc): EmptyRule =>
  doc.empty ? 'allowed' : doc.hiddenBy || doc.explainedBy ? 'flagged' : 'never';

/**
 * The dictionary as plain data, for readers outside this code (`scripts/tools/verify/read_exports.py`): per file,
 * its columns in order with their type and how they may be empty.
 */
export function readerSpec(
  exports: readonly CsvExport[] = EXPORTS,
): Record<string, { name: string; type: ColumnType; empty: EmptyRule; hiddenBy?: string; explainedBy?: string }[]> {
  return Object.fromEntries(
    describedExports(exports).flatMap((t) =>
      t.files.map((file) => [
        file.name,
        file.columns.map((c) => {
          if (!c.doc)
            throw new Error(`scripts/export/dictionary.ts does not describe ${file.name}'s column ${c.name}.`);
          return {
            name: c.name,
            type: c.doc.type,
            empty: emptyRule(c.doc),
            ...(c.doc.hiddenBy ? { hiddenBy: c.doc.hiddenBy } : {}),
            ...(c.doc.explainedBy ? { explainedBy: c.doc.explainedBy } : {}),
          };
        }),
      ]),
    ),
  );
}
