/**
 * The CSV re-exports (`dist/exports/`): every chart's figures for the team's own spreadsheets.
 *
 * Names and columns are a public contract (SPEC.md "Output: the CSV re-export", and DATA_DICTIONARY.md beside
 * this file): add exports or columns at the end, never rename. Files are UTF-8 with a BOM (so Excel reads
 * them as UTF-8), RFC 4180 with CRLF line ends, and formula-escaped: a text cell starting with = + - @ tab or
 * carriage return gets a leading apostrophe, so a spreadsheet shows it instead of evaluating it. Numbers are
 * written by this module (never by a locale): `.` as decimal mark, no thousands separator; days and hours
 * with exactly one decimal, rates with up to four; dates YYYY-MM-DD; null as an empty cell.
 */
import Papa from 'papaparse';
import { ALL, type Aggregates } from '../schema/aggregates.ts';
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
 * Leading characters a spreadsheet may evaluate (OWASP "CSV injection"), unless the whole cell is a plain
 * number as this module writes it (a negative change must stay a number). Papa prefixes a matching cell
 * with `'` and quotes it.
 */
const FORMULA = /^(?!-?\d+(?:\.\d+)?$)[=+\-@\t\r]/;

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

/** UTF-8 BOM + header + one line per row, CRLF, quoted where needed, formula-escaped. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const data = rows.map((row) => columns.map((column) => formatCell(column, row[column])));
  const body = Papa.unparse(
    { fields: [...columns], data },
    { escapeFormulae: FORMULA, newline: CRLF, quotes: false, header: true, skipEmptyLines: false },
  );
  // Papa ends the header-only output with a newline and a non-empty one without: end every file with one.
  return `${BOM}${body.endsWith(CRLF) ? body : body + CRLF}`;
}

const notRollup = (r: { department: string; stage: string }) => r.department !== ALL && r.stage !== ALL;

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
    rows: (a) => a.rejections.byMonth,
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
];
