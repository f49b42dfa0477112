/**
 * The CSV re-exports (`dist/exports/`): every chart's figures for the team's own spreadsheets.
 *
 * Names and columns are a public contract (the data dictionary, docs/data-dictionary.md, written from
 * `dictionary.ts`, which a test holds to these definitions): add exports or columns at the end, never rename. Files are UTF-8 with a BOM (so Excel reads
 * them as UTF-8), RFC 4180 with CRLF line ends, and formula-escaped in every locale: a piece of a cell that starts
 * with = + - @ tab or carriage return, at the cell's start or after any `,` `;` tab or line break in it, gets a
 * leading apostrophe, so a spreadsheet shows it instead of evaluating it (`neutraliseFormulae`). Numbers are
 * written by this module (never by a locale): `.` as decimal mark, no thousands separator, whole numbers
 * without a decimal point; days and hours with at most one decimal, rates with up to four; dates YYYY-MM-DD;
 * null as an empty cell, with `suppressed` flags and `empty_reason` columns saying why.
 */
import Papa from 'papaparse';
import { ALL, type Aggregates, type Figure, type Partnership, type Scope } from '../schema/aggregates.ts';
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
  // A cell that starts with a tab or carriage return starts with an empty piece: the cell itself is marked.
  return /^[\t\r]/.test(text) ? `'${pieces.join('')}` : pieces.join('');
}

/** Columns whose numbers are days or hours: one decimal at most. */
const oneDecimalColumn = (column: string) => /(^|_)(days|hours)(_|$)/.test(column);

/**
 * A number as a spreadsheet reads it: whole numbers without a decimal point (`23`, never `23.0`), days and
 * hours rounded to one decimal, rates, shares and averages to four; trailing zeros dropped, never an exponent
 * (toFixed), never `-0`.
 */
function formatNumber(column: string, value: number): string {
  if (!Number.isFinite(value)) return '';
  const decimals = oneDecimalColumn(column) ? 1 : 4;
  const text = roundTo(value, decimals)
    .toFixed(decimals)
    .replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
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

/** `feedbackOnTimeRate` → `feedback_on_time_rate`: the CSVs name things in snake_case, like their columns. */
export const snakeCase = (id: string): string => id.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A scope as two columns: `all` / `All`, `department` / its name, `hiring_manager` / their name. */
function scopeColumns(scope: Scope): { scope_kind: string; scope_name: string } {
  if (scope.kind === 'all') return { scope_kind: 'all', scope_name: ALL };
  if (scope.kind === 'department') return { scope_kind: 'department', scope_name: scope.department };
  return { scope_kind: 'hiring_manager', scope_name: scope.hiringManager };
}

/** A rule of `empty_reason`: when it holds, those of its columns that are empty are empty for that reason. */
type EmptyRule<R> = readonly [columns: readonly string[], reason: string, holds: (row: R) => boolean];

/**
 * The `empty_reason` of a row: `median_hours, p90_hours: no feedback submitted; …`, naming each empty figure
 * that is not hidden for privacy and why it has no value; empty when every figure has one (or the row is
 * suppressed, which its flag says). One convention for every file, so an analyst never reads an empty cell as 0.
 */
function emptyReason<R extends object>(row: R, rules: readonly EmptyRule<R>[]): string {
  const cells = row as Record<string, unknown>;
  if (cells.suppressed === true) return '';
  const parts: string[] = [];
  for (const [columns, reason, holds] of rules) {
    const empty = columns.filter((c) => cells[c] === null || cells[c] === undefined);
    if (empty.length && holds(row)) parts.push(`${empty.join(', ')}: ${reason}`);
  }
  return parts.join('; ');
}

const withReason =
  <R extends object>(rules: readonly EmptyRule<R>[]) =>
  (row: R) => ({
    ...row,
    empty_reason: emptyReason(row, rules),
  });

const FILL_QUANTILES = ['median_days', 'p75_days', 'p90_days'];

/** The empty reason of a figure whose input column is in no file of the export (`scripts/metrics/absent.ts`). */
const NOT_IN_EXPORT = (column: string) => `not in your export — needs ${column}`;
const NO_SUBMISSIONS = ['submitted', 'on_time', 'submission_rate', 'on_time_rate', 'median_hours', 'p90_hours'];
const absentReason = (a: Aggregates, figure: string): string | null => {
  const absent = a.absent?.find((x) => x.figure === figure);
  return absent ? NOT_IN_EXPORT(absent.needs) : null;
};

/** Why a feedback row's figures can be empty although shown: nothing yet to compute them from. */
const FEEDBACK_EMPTY: readonly EmptyRule<{
  submitted: number | null;
  due: number | null;
  sla_settled: number | null;
}>[] = [
  // Absent is not zero: without a feedback_submitted_at column the data step leaves `submitted` empty.
  [[...NO_SUBMISSIONS], NOT_IN_EXPORT('feedback_submitted_at'), (r) => r.submitted === null],
  [['median_hours', 'p90_hours'], 'no feedback submitted', (r) => r.submitted === 0],
  [['submission_rate'], 'no slot due yet', (r) => r.due === 0],
  [['on_time_rate'], 'no slot submitted or past its SLA yet', (r) => r.sla_settled === 0],
];

/** feedback-by-month.csv's columns: SPEC's, then (added at the end) what the rates need to be recomputed. */
const FEEDBACK_COLUMNS = [
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
  'due',
  'sla_settled',
  'submission_rate',
  'on_time_rate',
  'empty_reason',
  'median_hours_suppressed',
  'p90_hours_suppressed',
] as const;

/**
 * `<column>_suppressed` of each field the data step may hide alone in a row it otherwise shows (the row's
 * `hidden` list): true whenever that cell is hidden, with its row or alone.
 */
function cellFlags<R extends { suppressed: boolean; hidden?: string[] }>(fields: readonly string[]) {
  return (row: R): R & Record<string, boolean> => ({
    ...row,
    ...Object.fromEntries(fields.map((f) => [`${f}_suppressed`, row.suppressed || (row.hidden?.includes(f) ?? false)])),
  });
}
type FeedbackRow = Aggregates['feedback']['byMonth'][number];
type TimeToHireRow = Aggregates['timeToFill']['timeToHireByMonth'][number];
const RECOMMENDATION_MIX = ['strong_yes', 'yes', 'no', 'strong_no', 'no_decision'];
const feedbackRow = (a: Aggregates) => {
  // Without a recommendation column the mix is empty, never five zeros.
  const noMix = absentReason(a, 'recommendations');
  const rules = noMix ? [[RECOMMENDATION_MIX, noMix, () => true] as const, ...FEEDBACK_EMPTY] : FEEDBACK_EMPTY;
  return (r: FeedbackRow) =>
    cellFlags<FeedbackRow>(['median_hours', 'p90_hours'])({
      ...r,
      empty_reason: emptyReason<FeedbackRow>(r, rules),
    } as FeedbackRow);
};
const shareRow = cellFlags<Aggregates['rejections']['byCategory'][number]>(['share']);
const SHARE_COLUMNS = ['rejections', 'share', 'suppressed', 'share_suppressed'] as const;

const REJECTION_COLUMNS = [
  'month',
  'department',
  'stage',
  'reason',
  'category',
  'rejected_by',
  'rejections',
  'suppressed',
] as const;

/** The counts of the sources, offers and scorecard-mix files, each of which may be hidden alone. */
const SOURCE_FIELDS = ['applications', 'advanced', 'hires'] as const;
const OFFER_FIELDS = ['made', 'accepted', 'declined', 'other'] as const;
const RECOMMENDATION_FIELDS = ['scorecards', 'strong_yes', 'yes', 'no', 'strong_no', 'no_decision'] as const;

/** A figure of partnerships.csv: its artifact field and its column. */
const PARTNERSHIP_FIGURES = [
  ['medianDaysToFill', 'median_days_to_fill'],
  ['feedbackOnTimeRate', 'feedback_on_time_rate'],
  ['medianHoursToFeedback', 'median_hours_to_feedback'],
  ['recruiterScreenToHiringManagerScreen', 'recruiter_screen_to_hiring_manager_screen'],
  ['hiringManagerScreenPassThrough', 'hiring_manager_screen_pass_through'],
  ['unspecifiedReasonShare', 'unspecified_reason_share'],
] as const satisfies readonly (readonly [keyof Partnership, string])[];

/** The figures about candidates, which suppression may hide (days to fill describes seats and never is). */
const CANDIDATE_PARTNERSHIP_FIGURES = PARTNERSHIP_FIGURES.slice(1);

/**
 * Why a figure has no value although not hidden: it rests on nothing (a rate or median of n = 0), or, for a
 * headline's previous or trailing period, the period reaches before the data (no n at all).
 */
function figureEmptyReason(f: Figure, withoutN = 'not computed'): string {
  if (f.value !== null || f.suppressed) return '';
  if (f.n === 0) return 'nothing to compute from (n = 0)';
  return f.n === null ? withoutN : 'not computed';
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
    columns: ['month', 'department', 'filled', 'median_days', 'p75_days', 'p90_days', 'empty_reason'],
    rows: (a) =>
      a.timeToFill.byMonth.map(withReason([[FILL_QUANTILES, 'no fills in the month', (r) => r.filled === 0]])),
  },
  {
    name: 'open-requisitions.csv',
    title: 'Open requisitions at the as-of date',
    // What the page's table shows, added at the end: who owns the seat, and whether it is on hold.
    columns: [
      'requisition_id',
      'job_title',
      'department',
      'opened_on',
      'days_open',
      'hiring_manager',
      'recruiter',
      'status',
    ],
    rows: (a) => a.timeToFill.open.map((r) => ({ ...r, status: r.on_hold ? 'on_hold' : 'open' })),
  },
  {
    name: 'rejections-by-month.csv',
    title: 'Rejections by month, department, stage, reason and who ended the process',
    columns: REJECTION_COLUMNS,
    // The artifact also holds 'All' rollups (for the reasons chart); this file keeps SPEC's grain.
    rows: (a) => a.rejections.byMonth.filter(notRollup),
  },
  {
    name: 'feedback-by-month.csv',
    title: 'Interview feedback by interview month, department and stage',
    columns: FEEDBACK_COLUMNS,
    rows: (a) => a.feedback.byMonth.filter(notRollup).map(feedbackRow(a)),
  },
  {
    name: 'data-quality.csv',
    title: 'Quarantined rows and folded duplicates',
    columns: ['file', 'line', 'entity', 'column', 'problem', 'action'],
    rows: (a) => a.quality.ledger,
  },
  // ---- beyond the six files of the original contract
  {
    name: 'time-to-hire-by-month.csv',
    title: 'Time to hire by hire month and department',
    columns: [
      'month',
      'department',
      'hires',
      'median_days',
      'p90_days',
      'suppressed',
      'empty_reason',
      'median_days_suppressed',
      'p90_days_suppressed',
    ],
    rows: (a) => {
      // Without hired_at the hires are not known: empty, never "0 hires, no hires in the month".
      const absent = absentReason(a, 'timeToHire');
      // The hires are shown however few; the days over too few hires are hidden alone (their flags).
      const flags = cellFlags<TimeToHireRow>(['median_days', 'p90_days']);
      return a.timeToFill.timeToHireByMonth.map((r) =>
        flags(
          withReason<TimeToHireRow>([
            ...(absent ? [[['hires', 'median_days', 'p90_days'], absent, () => true] as const] : []),
            [['median_days', 'p90_days'], 'no hires in the month', (x) => x.hires === 0],
          ])(r),
        ),
      );
    },
  },
  {
    name: 'rejection-categories-by-month.csv',
    title: 'Rejection reason categories by month and department',
    columns: ['month', 'department', 'category', ...SHARE_COLUMNS],
    rows: (a) => a.rejections.byCategory.map((r) => ({ ...shareRow(r), category: r.key })),
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
      'pass_through_suppressed',
      'empty_reason',
    ],
    rows: (a) => {
      const rows = a.funnel ?? [];
      const last = Math.max(...rows.map((r) => r.stage_index));
      return rows.map((r) => {
        return {
          ...r,
          // Hidden alone where it would give back a hidden figure (pass-through × reached = those who went on).
          pass_through_suppressed: r.suppressed || (r.hidden?.includes('pass_through') ?? false),
          empty_reason: emptyReason(r, [
            [['pass_through', 'median_days_in_stage'], 'no application reached the stage', (x) => x.reached === 0],
            [['pass_through'], 'last stage (no stage after it)', (x) => x.stage_index === last && x.reached !== 0],
            [['median_days_in_stage'], 'no application has left the stage yet', (x) => (x.reached ?? 0) > 0],
          ]),
        };
      });
    },
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
      ...PARTNERSHIP_FIGURES.map(([, column]) => column),
      'enough_data',
      'suppressed',
      // Added at the end: each figure's n and its own flag (a row mixes shown and hidden figures).
      ...PARTNERSHIP_FIGURES.flatMap(([, column]) => [`${column}_n`, `${column}_suppressed`]),
      'empty_reason',
    ],
    rows: (a) =>
      a.partnerships.map((p) => {
        const row: Record<string, unknown> = {
          hiring_manager: p.hiringManager,
          recruiters: p.recruiters,
          from_month: p.fromMonth,
          to_month: p.toMonth,
          requisitions_open: p.requisitionsOpen,
          requisitions_filled: p.requisitionsFilled,
          enough_data: p.enoughData,
          suppressed: CANDIDATE_PARTNERSHIP_FIGURES.some(([field]) => p[field].suppressed),
        };
        // The empty figures' columns by reason, so a row without data says it once.
        const reasons = new Map<string, string[]>();
        // Without filled_at the seats filled are not known (null in the artifact): empty, with why.
        const noFills = absentReason(a, 'requisitionsFilled');
        if (noFills) reasons.set(noFills, ['requisitions_filled']);
        for (const [field, column] of PARTNERSHIP_FIGURES) {
          const f = p[field];
          row[column] = f.value;
          row[`${column}_n`] = f.n;
          row[`${column}_suppressed`] = f.suppressed;
          const reason = absentReason(a, field) ?? figureEmptyReason(f);
          if (reason) reasons.set(reason, [...(reasons.get(reason) ?? []), column]);
        }
        row.empty_reason = [...reasons].map(([reason, columns]) => `${columns.join(', ')}: ${reason}`).join('; ');
        return row;
      }),
  },
  {
    name: 'headlines.csv',
    title: 'Headline figures by month and scope, beside the previous month and the three months before',
    columns: [
      'month',
      'metric',
      'unit',
      'better_when',
      'scope_kind',
      'scope_name',
      'value',
      'n',
      'suppressed',
      'empty_reason',
      'previous_value',
      'previous_n',
      'previous_suppressed',
      'previous_empty_reason',
      'trailing3_value',
      'trailing3_n',
      'trailing3_suppressed',
      'trailing3_empty_reason',
      'change_vs_previous',
      'change_vs_trailing3',
    ],
    rows: (a) =>
      a.headlines.flatMap((series) => {
        const { unit, betterWhen, kind } = METRICS[series.metric];
        const absent = absentReason(a, series.metric);
        const figure = (prefix: string, f: Figure) => {
          const reason = absent ?? figureEmptyReason(f, 'before the first month with data');
          // Like every empty_reason: the empty columns, then why (`previous_value, previous_n: before …`).
          const empty = f.value === null ? (f.n === null ? ['value', 'n'] : ['value']) : [];
          return {
            [`${prefix}value`]: f.value,
            [`${prefix}n`]: f.n,
            [`${prefix}suppressed`]: f.suppressed,
            [`${prefix}empty_reason`]:
              reason && empty.length ? `${empty.map((c) => prefix + c).join(', ')}: ${reason}` : reason,
          };
        };
        return series.months.map((c) => ({
          month: c.month,
          metric: snakeCase(series.metric),
          unit,
          better_when: betterWhen,
          ...scopeColumns(series.scope),
          ...figure('', c.current),
          ...figure('previous_', c.previous),
          ...figure('trailing3_', c.trailing3),
          // Open seats are counted at each month's end: three month-ends do not add up to anything, so the
          // trailing figure (their average) has no n.
          ...(kind === 'snapshot' ? { trailing3_n: null } : {}),
          change_vs_previous: c.changeVsPrevious,
          change_vs_trailing3: c.changeVsTrailing3,
        }));
      }),
  },
  {
    name: 'time-to-fill-by-person.csv',
    title: 'Time to fill by hiring manager and by recruiter',
    columns: ['role', 'person', 'filled', 'open', 'median_days', 'p75_days', 'p90_days', 'empty_reason'],
    rows: (a) =>
      a.timeToFill.byPerson.map((r) => ({
        ...withReason<typeof r>([[FILL_QUANTILES, 'no filled requisitions', (x) => x.filled === 0]])(r),
        role: ROLE[r.role],
      })),
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
    // The same columns as feedback-by-month.csv: the two files differ only by the rows of totals.
    columns: FEEDBACK_COLUMNS,
    rows: (a) => a.feedback.byMonth.map(feedbackRow(a)),
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
    columns: [
      'role',
      'person',
      'slots',
      'submitted',
      'on_time_rate',
      'median_hours',
      'suppressed',
      'empty_reason',
      // Added at the end, as the files' contract asks: the on-time rate's n.
      'sla_settled',
    ],
    // Interviewer rows exist only with privacy.showInterviewers; filtered again so a stale artifact cannot leak them.
    rows: (a) =>
      a.feedback.byPerson
        .filter((r) => r.role !== 'interviewer' || a.settings.showInterviewers)
        .map((r) => ({
          ...withReason<typeof r>([
            [[...NO_SUBMISSIONS, 'sla_settled'], NOT_IN_EXPORT('feedback_submitted_at'), (x) => x.submitted === null],
            [['median_hours'], 'no feedback submitted', (x) => x.submitted === 0],
            [['on_time_rate'], 'no slot submitted or past its SLA yet', (x) => x.submitted !== null],
          ])(r),
          role: ROLE[r.role],
        })),
  },
  {
    name: 'rejections-by-month-with-totals.csv',
    title:
      'Rejections by month, department, stage, reason and who ended it, with the totals over departments and stages',
    columns: REJECTION_COLUMNS,
    rows: (a) => a.rejections.byMonth,
  },
  {
    name: 'rejected-by-by-month.csv',
    title: 'Who ended the application (company or candidate) by month and department',
    columns: ['month', 'department', 'rejected_by', ...SHARE_COLUMNS],
    rows: (a) => a.rejections.byRejectedBy.map((r) => ({ ...shareRow(r), rejected_by: r.key })),
  },
  {
    name: 'rejection-stages-by-month.csv',
    title: 'The stage applications were rejected or withdrawn at, by month and department',
    columns: ['month', 'department', 'stage', ...SHARE_COLUMNS],
    rows: (a) => a.rejections.byStage.map((r) => ({ ...shareRow(r), stage: r.key })),
  },
  {
    name: 'sources-by-month.csv',
    title: 'Applications, those past the first stage, and hires by source and month',
    columns: [
      'month',
      'source',
      'applications',
      'advanced',
      'advanced_rate',
      'hires',
      'suppressed',
      ...SOURCE_FIELDS.map((f) => `${f}_suppressed`),
      // Added at the end: why a count is empty although not hidden (hires without a hired_at column).
      'empty_reason',
    ],
    rows: (a) => {
      const absent = absentReason(a, 'hires');
      return (a.sources ?? []).map((r) => ({
        ...cellFlags<typeof r>(SOURCE_FIELDS)(r),
        // A share of the row's own applications: shown only where both counts are.
        advanced_rate: r.advanced !== null && r.applications ? r.advanced / r.applications : null,
        empty_reason:
          absent && r.hires === null && !r.suppressed && !(r.hidden ?? []).includes('hires') ? `hires: ${absent}` : '',
      }));
    },
  },
  {
    name: 'offers-by-quarter.csv',
    title: 'Offers made by quarter, accepted, declined by the candidate, and the rest',
    columns: [
      'quarter',
      'made',
      'accepted',
      'declined',
      'other',
      'suppressed',
      ...OFFER_FIELDS.map((f) => `${f}_suppressed`),
    ],
    rows: (a) =>
      (a.offers?.byQuarter ?? []).map(cellFlags<NonNullable<Aggregates['offers']>['byQuarter'][number]>(OFFER_FIELDS)),
  },
  {
    name: 'offer-declines.csv',
    title: 'The reasons recorded for the offers candidates declined, over the last 12 months',
    columns: ['from_month', 'to_month', 'reason', 'declines', 'suppressed'],
    rows: (a) => {
      const d = a.offers?.declines;
      if (!d) return [];
      const window = { from_month: d.fromMonth, to_month: d.toMonth };
      return [
        { ...window, reason: ALL, declines: d.declined, suppressed: d.suppressed },
        ...d.reasons.map((r) => ({ ...window, reason: r.reason, declines: r.declines, suppressed: r.suppressed })),
      ];
    },
  },
  {
    name: 'recommendations-by-hiring-manager.csv',
    title: "Each hiring manager's own scorecards by recommendation, over the last 12 months",
    columns: [
      'hiring_manager',
      'from_month',
      'to_month',
      'scorecards',
      ...RECOMMENDATION_FIELDS.slice(1),
      'suppressed',
      ...RECOMMENDATION_FIELDS.map((f) => `${f}_suppressed`),
    ],
    rows: (a) =>
      a.recommendations.map((r) => ({
        ...cellFlags<typeof r>(RECOMMENDATION_FIELDS)(r),
        hiring_manager: r.hiringManager,
        from_month: r.fromMonth,
        to_month: r.toMonth,
      })),
  },
];
