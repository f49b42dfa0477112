/**
 * The CSV re-exports (`dist/exports/`): every chart's figures for the team's own spreadsheets.
 *
 * Names and columns are a public contract (SPEC.md "Output: the CSV re-export", and the README's data
 * dictionary, which a test holds to these definitions): add exports or columns at the end, never rename. Files are UTF-8 with a BOM (so Excel reads
 * them as UTF-8), RFC 4180 with CRLF line ends, and formula-escaped in every locale: a piece of a cell that starts
 * with = + - @ tab or carriage return, at the cell's start or after any `,` `;` tab or line break in it, gets a
 * leading apostrophe, so a spreadsheet shows it instead of evaluating it (`neutraliseFormulae`). Numbers are
 * written by this module (never by a locale): `.` as decimal mark, no thousands separator; days and hours
 * with exactly one decimal, rates with up to four; dates YYYY-MM-DD; null as an empty cell.
 */
import Papa from 'papaparse';
import { ALL, FEEDBACK_FIGURES, type Aggregates, type Figure, type Scope } from '../schema/aggregates.ts';
import { METRICS } from '../metrics/headlines.ts';
import { roundTo } from '../metrics/stats.ts';

export interface CsvExport {
  /** File name under `exports/`, e.g. `time-to-fill.csv`. */
  name: string;
  title: string;
  columns: readonly string[];
  rows: (a: Aggregates) => Record<string, unknown>[];
}

const BOM = '\ufeff';
const CRLF = '\r\n';

/**
 * Characters a spreadsheet may evaluate at the start of a field (OWASP "CSV injection"), in their full-width
 * forms too. A cell is split into fields by whichever separator the spreadsheet uses (`,` here, `;` in most of
 * continental Europe, a tab when pasted), so every piece of a cell between those, or after a line break, is
 * a field start: `Other;=HYPERLINK("x")` is harmless in a comma reader and a live link in a semicolon reader.
 */
const FORMULA_START = /^[\s"]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe6b]|^[\t\r]/;
/** Where a field may start inside a cell: after a separator of any locale or a line break. */
const FIELD_BREAK = /([,;\t\r\n])/;
/** A number as this module writes it (a negative change must stay a number, not become text). */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
/** A cell that must be quoted: it holds a separator of any locale, a quote or a line break. */
const NEEDS_QUOTES = /[,;\t"\r\n]/;

/**
 * A cell's text with every would-be formula made inert: an apostrophe before each piece (between separators
 * of any locale) that starts like a formula, unless the piece is a plain number. A spreadsheet shows the
 * apostrophe-led piece as text.
 */
export function neutraliseFormulae(text: string): string {
  if (!/[=+\-@\t\r\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe6b]/.test(text)) return text;
  const pieces = text.split(FIELD_BREAK);
  // split with a capturing group keeps the separators at the odd indexes.
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i]!;
    if (FORMULA_START.test(piece) && !PLAIN_NUMBER.test(piece.trim())) pieces[i] = `'${piece}`;
  }
  return pieces.join('');
}

/** Columns whose numbers are days or hours: one decimal, always. */
const oneDecimalColumn = (column: string) => /(^|_)(days|hours)(_|$)/.test(column);

function formatNumber(column: string, value: number): string {
  if (!Number.isFinite(value)) return '';
  if (oneDecimalColumn(column)) return roundTo(value, 1).toFixed(1);
  if (Number.isInteger(value)) return String(value);
  // Rates and averages: up to four decimals, trailing zeros trimmed; toFixed never uses an exponent.
  return roundTo(value, 4)
    .toFixed(4)
    .replace(/\.?0+$/, '');
}

/** One cell as text (before quoting and formula escaping). */
export function formatCell(column: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(column, value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map((v) => formatCell(column, v)).join('; ');
  return String(value);
}

/**
 * UTF-8 BOM + header + one line per row, CRLF; formulae neutralised in every piece of a cell; a cell quoted
 * when it holds a separator of any locale (`,` `;` tab), a quote or a line break, so that a semicolon or tab
 * reader does not split it either.
 */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const data = rows.map((row) => columns.map((column) => neutraliseFormulae(formatCell(column, row[column]))));
  const body = Papa.unparse(
    { fields: columns.map(neutraliseFormulae), data },
    {
      escapeFormulae: false,
      newline: CRLF,
      quotes: (value: unknown) => typeof value === 'string' && (NEEDS_QUOTES.test(value) || value.startsWith("'")),
      header: true,
      skipEmptyLines: false,
    },
  );
  // Papa ends the header-only output with a newline and a non-empty one without: end every file with one.
  return `${BOM}${body.endsWith(CRLF) ? body : body + CRLF}`;
}

const notRollup = (r: { department: string; stage: string }) => r.department !== ALL && r.stage !== ALL;

/** How a person's role is written in the CSVs (the artifact's camelCase is for code). */
const ROLE = { hiringManager: 'hiring_manager', recruiter: 'recruiter', interviewer: 'interviewer' } as const;

/** A scope as two columns: `all` / `All`, `department` / its name, `hiring_manager` / their name. */
function scopeColumns(scope: Scope): { scope: string; scope_name: string } {
  if (scope.kind === 'all') return { scope: 'all', scope_name: ALL };
  if (scope.kind === 'department') return { scope: 'department', scope_name: scope.department };
  return { scope: 'hiring_manager', scope_name: scope.hiringManager };
}

/**
 * A headline value in its metric's unit. The headline columns mix units, so the column name cannot say how
 * to write a number: days and hours are written here with their one decimal, counts and rates as numbers.
 */
function inUnit(value: number | null, unit: 'count' | 'days' | 'hours' | 'rate'): number | string | null {
  if (value === null) return null;
  return unit === 'days' || unit === 'hours' ? roundTo(value, 1).toFixed(1) : value;
}

export const EXPORTS: readonly CsvExport[] = [
  {
    name: 'time-to-fill.csv',
    title: 'Time to fill, per filled requisition',
    columns: [
      'requisition_id',
      'job_title',
      'department',
      'hiring_manager',
      'recruiter',
      'opened_on',
      'filled_on',
      'days_to_fill',
    ],
    rows: (a) => a.timeToFill.fills,
  },
  {
    name: 'time-to-fill-by-month.csv',
    title: 'Time to fill by fill month and department',
    columns: ['month', 'department', 'filled', 'median_days', 'p75_days', 'p90_days'],
    rows: (a) => a.timeToFill.byMonth,
  },
  {
    name: 'open-requisitions.csv',
    title: 'Open requisitions at the as-of date',
    columns: ['requisition_id', 'job_title', 'department', 'opened_on', 'days_open'],
    rows: (a) => a.timeToFill.open,
  },
  {
    name: 'rejections-by-month.csv',
    title: 'Rejections by month, department, stage, reason and who ended the process',
    columns: ['month', 'department', 'stage', 'reason', 'category', 'rejected_by', 'rejections', 'suppressed'],
    // The artifact also holds 'All' rollups (for the reasons chart); this file keeps SPEC's grain.
    rows: (a) => a.rejections.byMonth.filter(notRollup),
  },
  {
    name: 'feedback-by-month.csv',
    title: 'Interview feedback by interview month, department and stage',
    columns: [
      'month',
      'department',
      'stage',
      'slots',
      'submitted',
      'on_time',
      'median_hours',
      'p90_hours',
      'strong_yes',
      'yes',
      'no',
      'strong_no',
      'no_decision',
      'suppressed',
    ],
    rows: (a) => a.feedback.byMonth.filter(notRollup),
  },
  {
    name: 'data-quality.csv',
    title: 'Quarantined rows and folded duplicates',
    columns: ['file', 'line', 'entity', 'column', 'problem', 'action'],
    rows: (a) => a.quality.ledger,
  },
  // ---- beyond SPEC.md's list
  {
    name: 'time-to-hire-by-month.csv',
    title: 'Time to hire by hire month and department',
    columns: ['month', 'department', 'hires', 'median_days', 'p90_days', 'suppressed'],
    rows: (a) => a.timeToFill.timeToHireByMonth,
  },
  {
    name: 'rejection-categories-by-month.csv',
    title: 'Rejection reason categories by month and department',
    columns: ['month', 'department', 'category', 'rejections', 'share', 'suppressed'],
    rows: (a) => a.rejections.byCategory.map((r) => ({ ...r, category: r.key })),
  },
  {
    name: 'funnel.csv',
    title: 'Funnel by application cohort, department and stage',
    columns: [
      'cohort',
      'department',
      'stage',
      'stage_index',
      'reached',
      'pass_through',
      'median_days_in_stage',
      'open',
      'suppressed',
    ],
    rows: (a) => a.funnel ?? [],
  },
  {
    name: 'partnerships.csv',
    title: 'Hiring manager partnership figures',
    columns: [
      'hiring_manager',
      'recruiters',
      'from_month',
      'to_month',
      'requisitions_open',
      'requisitions_filled',
      'median_days_to_fill',
      'feedback_on_time_rate',
      'median_hours_to_feedback',
      'recruiter_screen_to_hiring_manager_screen',
      'hiring_manager_screen_pass_through',
      'unspecified_reason_share',
      'enough_data',
      'suppressed',
    ],
    rows: (a) =>
      a.partnerships.map((p) => {
        const figures = [
          p.feedbackOnTimeRate,
          p.medianHoursToFeedback,
          p.recruiterScreenToHiringManagerScreen,
          p.hiringManagerScreenPassThrough,
          p.unspecifiedReasonShare,
        ];
        return {
          hiring_manager: p.hiringManager,
          recruiters: p.recruiters,
          from_month: p.fromMonth,
          to_month: p.toMonth,
          requisitions_open: p.requisitionsOpen,
          requisitions_filled: p.requisitionsFilled,
          median_days_to_fill: p.medianDaysToFill.value,
          feedback_on_time_rate: p.feedbackOnTimeRate.value,
          median_hours_to_feedback: p.medianHoursToFeedback.value,
          recruiter_screen_to_hiring_manager_screen: p.recruiterScreenToHiringManagerScreen.value,
          hiring_manager_screen_pass_through: p.hiringManagerScreenPassThrough.value,
          unspecified_reason_share: p.unspecifiedReasonShare.value,
          enough_data: p.enoughData,
          suppressed: figures.some((f) => f.suppressed),
        };
      }),
  },
  {
    name: 'headlines.csv',
    title: 'Headline figures by month and scope, beside the previous month and the three months before',
    columns: [
      'month',
      'metric',
      'unit',
      'scope',
      'scope_name',
      'value',
      'n',
      'suppressed',
      'previous_value',
      'previous_n',
      'previous_suppressed',
      'trailing3_value',
      'trailing3_n',
      'trailing3_suppressed',
      'change_vs_previous',
      'change_vs_trailing3',
    ],
    rows: (a) =>
      a.headlines.flatMap((series) => {
        const unit = METRICS[series.metric].unit;
        const figure = (prefix: string, f: Figure) => ({
          [`${prefix}value`]: inUnit(f.value, unit),
          [`${prefix}n`]: f.n,
          [`${prefix}suppressed`]: f.suppressed,
        });
        return series.months.map((c) => ({
          month: c.month,
          metric: series.metric,
          unit,
          ...scopeColumns(series.scope),
          ...figure('', c.current),
          ...figure('previous_', c.previous),
          ...figure('trailing3_', c.trailing3),
          change_vs_previous: inUnit(c.changeVsPrevious, unit),
          change_vs_trailing3: inUnit(c.changeVsTrailing3, unit),
        }));
      }),
  },
  {
    name: 'time-to-fill-by-person.csv',
    title: 'Time to fill by hiring manager and by recruiter',
    columns: ['role', 'person', 'filled', 'open', 'median_days', 'p75_days', 'p90_days'],
    rows: (a) => a.timeToFill.byPerson.map((r) => ({ ...r, role: ROLE[r.role] })),
  },
  {
    name: 'open-requisitions-by-age.csv',
    title: 'Open requisitions at the as-of date by days open',
    columns: ['department', 'days_open_range', 'requisitions'],
    rows: (a) =>
      a.timeToFill.aging.map((r) => ({ department: r.department, days_open_range: r.bucket, requisitions: r.open })),
  },
  {
    name: 'feedback-by-month-with-totals.csv',
    title: 'Interview feedback by month, department and stage, with the totals over departments and stages',
    columns: ['month', 'department', 'stage', ...FEEDBACK_FIGURES, 'suppressed'],
    rows: (a) => a.feedback.byMonth,
  },
  {
    name: 'feedback-outstanding.csv',
    title: 'Feedback still missing at the as-of date, by days overdue',
    columns: ['department', 'overdue_by', 'slots', 'suppressed'],
    rows: (a) => a.feedback.outstanding.map((r) => ({ ...r, overdue_by: r.bucket })),
  },
  {
    name: 'feedback-by-person.csv',
    title: "Hiring managers' own interview feedback (and interviewers', when the team opted in)",
    columns: ['role', 'person', 'slots', 'submitted', 'on_time_rate', 'median_hours', 'suppressed'],
    // Interviewer rows exist only with privacy.showInterviewers; filtered again so a stale artifact cannot leak them.
    rows: (a) =>
      a.feedback.byPerson
        .filter((r) => r.role !== 'interviewer' || a.settings.showInterviewers)
        .map((r) => ({ ...r, role: ROLE[r.role] })),
  },
  {
    name: 'rejections-by-month-with-totals.csv',
    title:
      'Rejections by month, department, stage, reason and who ended it, with the totals over departments and stages',
    columns: ['month', 'department', 'stage', 'reason', 'category', 'rejected_by', 'rejections', 'suppressed'],
    rows: (a) => a.rejections.byMonth,
  },
  {
    name: 'rejected-by-by-month.csv',
    title: 'Who ended the application (company or candidate) by month and department',
    columns: ['month', 'department', 'rejected_by', 'rejections', 'share', 'suppressed'],
    rows: (a) => a.rejections.byRejectedBy.map((r) => ({ ...r, rejected_by: r.key })),
  },
  {
    name: 'rejection-stages-by-month.csv',
    title: 'The stage applications were rejected or withdrawn at, by month and department',
    columns: ['month', 'department', 'stage', 'rejections', 'share', 'suppressed'],
    rows: (a) => a.rejections.byStage.map((r) => ({ ...r, stage: r.key })),
  },
];
