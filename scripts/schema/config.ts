/**
 * `dashboard.config.json`: the one file a team writes to adapt the dashboard to its ATS and its rules.
 * Loose user input goes through this schema once and comes out as a strict `Config` with every default
 * filled in. Unknown keys are errors (a typo must not be silently ignored).
 */
import { z } from 'zod';
import { APPLICATION_STATUSES, RECOMMENDATIONS, REJECTED_BY, REQUISITION_STATUSES, TEMPLATE } from './canonical.ts';
import { dateParts } from '../time.ts';

export const REASON_CATEGORIES = [
  'skills',
  'experience',
  'career goals',
  'values',
  'compensation',
  'logistics',
  'position filled',
  'candidate withdrew',
  'other',
  'unspecified',
] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** `YYYY-MM-DD` that exists (`2025-02-30` does not). */
const isCalendarDate = (date: string): boolean => {
  const [y, m, d] = dateParts(date);
  const parsed = new Date(Date.UTC(y, m - 1, d));
  return parsed.getUTCFullYear() === y && parsed.getUTCMonth() === m - 1 && parsed.getUTCDate() === d;
};

const columnName = z.string().trim().min(1).max(200);
const columnMap = (entity: keyof typeof TEMPLATE) =>
  z
    .partialRecord(z.enum(TEMPLATE[entity].map((field) => field.column) as [string, ...string[]]), columnName)
    .optional();

const synonyms = <T extends readonly [string, ...string[]]>(values: T) =>
  z.record(z.string().trim().min(1).max(200), z.enum(values)).optional();

/**
 * The headline metrics a target can be set for, with their unit: the ones with a better direction (volumes
 * such as open requisitions have none). Listed here, not taken from the metrics, so the config stays a leaf.
 */
export const TARGET_METRICS = {
  medianDaysToFill: 'days',
  medianDaysToHire: 'days',
  feedbackSubmissionRate: 'rate',
  feedbackOnTimeRate: 'rate',
  medianHoursToFeedback: 'hours',
  withdrawalShare: 'rate',
  unspecifiedReasonShare: 'rate',
} as const;
export type TargetMetric = keyof typeof TARGET_METRICS;

const targetValue = (unit: 'days' | 'hours' | 'rate') =>
  unit === 'rate'
    ? z.number().min(0).max(1, 'a rate target is a fraction between 0 and 1 (0.9 for 90%)')
    : z.number().nonnegative().max(10_000);
const targetSchema = (unit: 'days' | 'hours' | 'rate') =>
  z
    .strictObject({
      value: targetValue(unit).optional(),
      departments: z.record(z.string().trim().min(1).max(200), targetValue(unit)).optional(),
    })
    .refine((t) => t.value !== undefined || t.departments !== undefined, {
      message: 'give a "value" (the company target) or "departments" (targets per department), or both',
    });

/** Rating ranges may touch (4.5 ends one and starts the next) but not overlap, nor start at the same rating. */
function ratingRangesApart(ranges: ReadonlyArray<{ from: number; to: number }>): boolean {
  const sorted = [...ranges].sort((a, b) => a.from - b.from || a.to - b.to);
  for (let i = 1; i < sorted.length; i++) {
    const [before, after] = [sorted[i - 1]!, sorted[i]!];
    if (after.from < before.to || after.from === before.from) return false;
  }
  return true;
}

export const configSchema = z.strictObject({
  /** Shown in the page header. */
  title: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .refine((title) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(title), {
      message: 'control characters (line breaks, tabs, text-direction overrides) are not allowed in the title',
    })
    .default('Hiring retrospective'),
  /** IANA timezone that gives a date-time without offset its meaning, and every event its calendar day. */
  timezone: z
    .string()
    .max(100)
    .refine(isTimeZone, { message: 'not an IANA timezone such as "UTC" or "Europe/Berlin"' })
    .default('UTC'),
  /** How to read `03/04/2025`: day first (DMY) or month first (MDY). Unset = such dates are an error. */
  dateOrder: z.enum(['DMY', 'MDY']).optional(),
  /** The as-of date (`YYYY-MM-DD`); default: the latest timestamp in the data. */
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
    .refine(isCalendarDate, { message: 'not a date on the calendar' })
    .optional(),
  /** Feedback submitted within this many hours of the interview's end is on time. */
  feedbackSlaHours: z
    .number()
    .positive()
    .max(24 * 90)
    .default(24),
  privacy: z
    .strictObject({
      /** Candidate figures resting on fewer applications or slots than this are shown as `<N`. 1 = off. */
      minGroupSize: z.number().int().min(1).max(1000).default(5),
      /** Per-interviewer figures identify employees; off unless the team opts in. */
      showInterviewers: z.boolean().default(false),
    })
    .prefault({}),
  /** Your column names, per table: `{"applications": {"applied_at": "Date Applied"}}`. */
  columns: z
    .strictObject({
      requisitions: columnMap('requisitions'),
      applications: columnMap('applications'),
      interviews: columnMap('interviews'),
      stage_events: columnMap('stage_events'),
    })
    .prefault({}),
  /** Your values, mapped onto the template's: `{"application_status": {"Disqualified": "rejected"}}`. */
  values: z
    .strictObject({
      application_status: synonyms(APPLICATION_STATUSES),
      requisition_status: synonyms(REQUISITION_STATUSES),
      recommendation: synonyms(RECOMMENDATIONS),
      rejected_by: synonyms(REJECTED_BY),
    })
    .prefault({}),
  /**
   * Numeric interview ratings (a 1–5 or 1–4 score) as recommendations, by ranges: a rating from `from` to `to`
   * (both included; where two ranges touch, the boundary belongs to the upper one) reads as `recommendation`:
   * `[{"from": 4.5, "to": 5, "recommendation": "strong_yes"}, {"from": 3.5, "to": 4.5, "recommendation": "yes"}]`.
   */
  ratings: z
    .array(
      z
        .strictObject({
          from: z.number().min(-1000).max(1000),
          to: z.number().min(-1000).max(1000),
          recommendation: z.enum(RECOMMENDATIONS),
        })
        .refine((range) => range.from <= range.to, { message: '"from" must not be greater than "to"' }),
    )
    .max(50)
    .refine(ratingRangesApart, {
      message: 'rating ranges overlap: each rating must fall in one range (ranges may touch)',
    })
    .default([]),
  /** Your rejection reasons: `{"Comp too high": {"category": "compensation", "rejectedBy": "candidate"}}`. */
  reasons: z
    .record(
      z.string().trim().min(1).max(500),
      z.strictObject({
        category: z.enum(REASON_CATEGORIES).optional(),
        rejectedBy: z.enum(REJECTED_BY).optional(),
      }),
    )
    .default({}),
  /**
   * Targets the team agreed, per headline metric, for the company (`value`) and optionally per department:
   * `{"medianDaysToFill": {"value": 45, "departments": {"Engineering": 60}}}`. Rates as fractions (0.9 = 90%).
   * Which side is met follows the metric (at most 45 days, at least 90% on time). No target, no rule drawn.
   */
  targets: z
    .strictObject(
      Object.fromEntries(
        Object.entries(TARGET_METRICS).map(([metric, unit]) => [metric, targetSchema(unit).optional()]),
      ) as Record<TargetMetric, z.ZodOptional<ReturnType<typeof targetSchema>>>,
    )
    .default({}),
  /**
   * Stage names that end an application, beside the built-in ones ("Rejected", "Withdrawn", "Hired", "Joined"…):
   * `{"Not progressed": "rejected", "Declined": null}` (null: not an outcome). Matched ignoring case and spaces.
   */
  outcomeStages: z
    .record(z.string().trim().min(1).max(200), z.enum(['rejected', 'withdrawn', 'hired']).nullable())
    .default({}),
  /** Stage order for the funnel, first to last; default: the order in which stages are first entered. */
  stageOrder: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;

export const defaultConfig = (): Config => configSchema.parse({});
