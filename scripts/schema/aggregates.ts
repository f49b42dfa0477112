/**
 * The aggregates artifact: the ONE contract between the data step (`scripts/`) and the site (`src/`).
 *
 * The data step writes it (`.cache/aggregates.json` by default); the site reads it and only formats and draws:
 * every figure here is final (rounded, suppressed where the privacy rule says so). Nothing in it identifies a
 * candidate: no candidate id, name, e-mail, phone or free text. Interviewer names appear only in
 * `feedback.byPerson` rows with role `interviewer`, which exist only when `privacy.showInterviewers` is on.
 *
 * Conventions:
 * - a month is `YYYY-MM`, a date `YYYY-MM-DD`, both in the configured timezone;
 * - days and hours are rounded to one decimal, rates are fractions 0..1 rounded to four decimals;
 * - `null` means "no value" (empty input, or suppressed) and is never written as 0;
 * - `suppressed: true` means the figure is hidden for privacy: it rests on fewer than `privacy.minGroupSize`
 *   applications or slots, or (then also `complementary: true`, a key present only when true) it was hidden
 *   beside such a figure so that the small one cannot be worked out from what is shown, or it is a small one
 *   whose "fewer than" would itself give it away (see `scripts/metrics/suppression.ts`); either way its
 *   counts and values are null, but for a count of hires, which is published however small (the n of a
 *   hidden days-to-hire figure stays);
 * - `'All'` in a department or stage column is the rollup over every value (computed from the rows, not
 *   from other figures: medians do not add up).
 */
import { z } from 'zod';
import { ENTITIES } from './canonical.ts';
import { REASON_CATEGORIES } from './config.ts';

export const ARTIFACT_VERSION = 2;
export const ALL = 'All';

const month = z.string().regex(/^\d{4}-\d{2}$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().nonnegative();
const days = z.number();
const hours = z.number();
const rate = z.number().min(0).max(1);

/** One number with the n it rests on. */
/** Present (and true) only on a figure or row hidden as a complement; see the conventions above. */
const complementary = z.literal(true).optional();
/** Fields hidden for privacy in a row that is otherwise shown (their values are null); absent when none. */
const hidden = z.array(z.string()).optional();

export const figureSchema = z.object({
  value: z.number().nullable(),
  n: count.nullable(),
  suppressed: z.boolean(),
  complementary,
});
export type Figure = z.infer<typeof figureSchema>;

export const METRIC_IDS = [
  'requisitionsFilled',
  'medianDaysToFill',
  'openRequisitions',
  'medianDaysToHire',
  'feedbackSlots',
  'feedbackSubmissionRate',
  'feedbackOnTimeRate',
  'medianHoursToFeedback',
  'rejections',
  'withdrawalShare',
  'unspecifiedReasonShare',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** A headline figure for one month, beside the month before and the three months before it (pooled). */
export const comparisonSchema = z.object({
  month,
  current: figureSchema,
  previous: figureSchema,
  trailing3: figureSchema,
  /** current − previous (in the metric's unit; rates as fractions); null when either side has too little data. */
  changeVsPrevious: z.number().nullable(),
  changeVsTrailing3: z.number().nullable(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('department'), department: z.string() }),
  z.object({ kind: z.literal('hiringManager'), hiringManager: z.string() }),
]);
export type Scope = z.infer<typeof scopeSchema>;

export const headlineSeriesSchema = z.object({
  metric: z.enum(METRIC_IDS),
  scope: scopeSchema,
  /** One entry per month of `months`, oldest first. */
  months: z.array(comparisonSchema),
});
export type HeadlineSeries = z.infer<typeof headlineSeriesSchema>;

/** What a metric means, shown beside every figure and on the definitions page. */
export const definitionSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** `none` for concepts that are not a figure (month, quantiles, suppression, …). */
  unit: z.enum(['count', 'days', 'hours', 'rate', 'none']),
  /** Which direction is an improvement; `neutral` for volumes. */
  betterWhen: z.enum(['higher', 'lower', 'neutral']),
  text: z.string(),
});
export type Definition = z.infer<typeof definitionSchema>;

// ---- time to fill -------------------------------------------------------------------------------------

export const fillSchema = z.object({
  requisition_id: z.string(),
  job_title: z.string(),
  department: z.string(),
  hiring_manager: z.string(),
  recruiter: z.string(),
  opened_on: date,
  filled_on: date,
  days_to_fill: days,
});
export const timeToFillByMonthSchema = z.object({
  month,
  department: z.string(),
  filled: count,
  median_days: days.nullable(),
  p75_days: days.nullable(),
  p90_days: days.nullable(),
});
export const openRequisitionSchema = z.object({
  requisition_id: z.string(),
  job_title: z.string(),
  department: z.string(),
  hiring_manager: z.string(),
  recruiter: z.string(),
  opened_on: date,
  days_open: days,
  /** Its status is on_hold: still an unfilled seat, so it counts as open (see the 'openRequisitions' definition). */
  on_hold: z.boolean(),
});
export const timeToFillByPersonSchema = z.object({
  /** A hiring manager or recruiter name, as exported. */
  person: z.string(),
  role: z.enum(['hiringManager', 'recruiter']),
  filled: count,
  open: count,
  median_days: days.nullable(),
  p75_days: days.nullable(),
  p90_days: days.nullable(),
});
/** Days-open buckets of `timeToFill.aging`, in display order. */
export const AGING_BUCKETS = ['0–30', '31–60', '61–90', '91–180', '181+'] as const;
export const agingBucketSchema = z.object({
  /** One of AGING_BUCKETS (days open, inclusive ranges). */
  bucket: z.string(),
  department: z.string(),
  open: count,
});
export const timeToHireByMonthSchema = z.object({
  month,
  department: z.string(),
  /** A hire count is published, however small (a hire fills a seat the requisition lists show). */
  hires: count.nullable(),
  median_days: days.nullable(),
  p90_days: days.nullable(),
  suppressed: z.boolean(),
  complementary,
  /** `median_days` and `p90_days` over fewer than `privacy.minGroupSize` hires: hidden, their hires shown. */
  hidden,
});

// ---- feedback -----------------------------------------------------------------------------------------

export const feedbackRowSchema = z.object({
  month,
  department: z.string(),
  stage: z.string(),
  /** Slots whose interview falls in the month. */
  slots: count.nullable(),
  /** Slots whose due time is before the as-of date: the submission rate's denominator. */
  due: count.nullable(),
  submitted: count.nullable(),
  on_time: count.nullable(),
  submission_rate: rate.nullable(),
  on_time_rate: rate.nullable(),
  median_hours: hours.nullable(),
  p90_hours: hours.nullable(),
  strong_yes: count.nullable(),
  yes: count.nullable(),
  no: count.nullable(),
  strong_no: count.nullable(),
  no_decision: count.nullable(),
  /** Slots submitted, or due longer ago than the SLA: whether they were on time is settled (the on-time rate's denominator). */
  sla_settled: count.nullable(),
  suppressed: z.boolean(),
  complementary,
  hidden,
});
/**
 * The figures of a feedback row, in column order: every field but its grain (month, department, stage) and its
 * flags. Suppression hides each of them and the export with totals lists them, from this one list (a figure
 * added to the schema and not here fails a test: it would be published unsuppressed).
 */
export const FEEDBACK_FIGURES = [
  'slots',
  'due',
  'submitted',
  'on_time',
  'submission_rate',
  'on_time_rate',
  'median_hours',
  'p90_hours',
  'strong_yes',
  'yes',
  'no',
  'strong_no',
  'no_decision',
  'sla_settled',
] as const satisfies readonly (keyof z.infer<typeof feedbackRowSchema>)[];

export const feedbackByPersonSchema = z.object({
  person: z.string(),
  role: z.enum(['hiringManager', 'interviewer']),
  slots: count.nullable(),
  submitted: count.nullable(),
  /** The on-time rate's n: slots submitted, or due longer ago than the SLA. */
  sla_settled: count.nullable(),
  on_time_rate: rate.nullable(),
  median_hours: hours.nullable(),
  suppressed: z.boolean(),
  complementary,
});
/** Age-since-due buckets of `feedback.outstanding`, in display order (each includes its lower bound). */
export const OUTSTANDING_BUCKETS = ['0–1 d', '1–3 d', '3–7 d', '7–30 d', '30+ d'] as const;
export const outstandingFeedbackSchema = z.object({
  /** Age since due at the end of the as-of date: one of OUTSTANDING_BUCKETS. */
  bucket: z.string(),
  department: z.string(),
  slots: count.nullable(),
  suppressed: z.boolean(),
  complementary,
});

// ---- rejections ---------------------------------------------------------------------------------------

export const rejectionRowSchema = z.object({
  month,
  department: z.string(),
  stage: z.string(),
  /** The raw reason as exported (`''` when none was given). */
  reason: z.string(),
  category: z.enum(REASON_CATEGORIES),
  rejected_by: z.enum(['company', 'candidate', 'unknown']),
  rejections: count.nullable(),
  suppressed: z.boolean(),
  complementary,
});
/** Rollups for charts: one row per month × department (incl. All) × key (a category, a rejected_by or a stage). */
export const rejectionShareSchema = z.object({
  month,
  department: z.string(),
  key: z.string(),
  rejections: count.nullable(),
  /** rejections / all rejections of that month and department. */
  share: rate.nullable(),
  suppressed: z.boolean(),
  complementary,
  hidden,
});

// ---- funnel -------------------------------------------------------------------------------------------

export const funnelRowSchema = z.object({
  /** Cohort = month of applied_at. */
  cohort: month,
  department: z.string(),
  stage: z.string(),
  stage_index: count,
  reached: count.nullable(),
  /** reached(next stage) / reached(this stage); null on the last stage. */
  pass_through: rate.nullable(),
  median_days_in_stage: days.nullable(),
  /** The cohort is younger than 90 days at the as-of date: its figures will still move. */
  open: z.boolean(),
  suppressed: z.boolean(),
  complementary,
  hidden,
});

// ---- the partnership view -----------------------------------------------------------------------------

export const partnershipSchema = z.object({
  hiringManager: z.string(),
  departments: z.array(z.string()),
  recruiters: z.array(z.string()),
  /** The window these figures cover (inclusive months). */
  fromMonth: month,
  toMonth: month,
  requisitionsOpen: count,
  /** Null when the export has no fill dates (`absent`): not known, not 0. */
  requisitionsFilled: count.nullable(),
  medianDaysToFill: figureSchema,
  /** Their own feedback as an interviewer. */
  feedbackOnTimeRate: figureSchema,
  medianHoursToFeedback: figureSchema,
  /** Of the candidates who reached the hiring manager's screen, the share they advanced past it. */
  hiringManagerScreenPassThrough: figureSchema,
  /** Of the recruiter-screened candidates, the share that reached the hiring manager's screen. */
  recruiterScreenToHiringManagerScreen: figureSchema,
  /** Share of rejections on their requisitions with an unspecified or "other" reason. */
  unspecifiedReasonShare: figureSchema,
  /** False when too little data in the window: shown as such, never ranked. */
  enoughData: z.boolean(),
  /** True when the three months had too little data and the card covers twelve (fromMonth–toMonth). */
  widened: z.boolean().optional(),
});
export type Partnership = z.infer<typeof partnershipSchema>;

/** The company's partnership figures over a window: every hiring manager together, beside each one's card. */
export const partnershipCompanySchema = z.object({
  fromMonth: month,
  toMonth: month,
  medianDaysToFill: figureSchema,
  feedbackOnTimeRate: figureSchema,
  medianHoursToFeedback: figureSchema,
  hiringManagerScreenPassThrough: figureSchema,
  recruiterScreenToHiringManagerScreen: figureSchema,
  unspecifiedReasonShare: figureSchema,
});
export type PartnershipCompany = z.infer<typeof partnershipCompanySchema>;

// ---- targets and movements (the retrospective) ----------------------------------------------------------

/** A target from the config's `targets`: for the company (department null) or one department. */
export const targetSchema = z.object({
  metric: z.enum(METRIC_IDS),
  department: z.string().nullable(),
  value: z.number(),
  /** `atMost` for metrics where lower is better (days, hours, shares), `atLeast` for on-time and submitted. */
  side: z.enum(['atMost', 'atLeast']),
});
export type Target = z.infer<typeof targetSchema>;

/** One group's part in a rate's change: its own rate and share of the volume in each month, and its effects. */
export const explanationGroupSchema = z.object({
  /** A department, a stage, or `other groups` (groups too small to show, pooled). */
  group: z.string(),
  rateBefore: rate.nullable(),
  rateAfter: rate.nullable(),
  shareBefore: rate,
  shareAfter: rate,
  /** Contributions to the change, as fractions (0.01 = 1 pp); rate + mix of every group = the change. */
  rateEffect: z.number(),
  mixEffect: z.number(),
});
export const explanationSchema = z.object({
  dimension: z.enum(['department', 'stage']),
  change: z.number(),
  rateEffect: z.number(),
  mixEffect: z.number(),
  groups: z.array(explanationGroupSchema),
  /** The explanation in a sentence. */
  sentence: z.string(),
});
export type Explanation = z.infer<typeof explanationSchema>;

export const movementSchema = z.object({
  month,
  metric: z.enum(METRIC_IDS),
  scope: scopeSchema,
  /** 1 = the biggest movement of the month. */
  rank: z.number().int().positive(),
  before: z.number(),
  after: z.number(),
  change: z.number(),
  nBefore: count,
  nAfter: count,
  direction: z.enum(['better', 'worse']),
  /** What happened, in a sentence (with "driven by", "company-wide" and the target when they apply). */
  sentence: z.string(),
  /** Nested scopes folded into this item: departments that moved the same way, and their part of the change. */
  drivenBy: z.array(z.object({ scope: scopeSchema, contribution: z.number().nullable() })),
  /** Set when most departments or hiring managers moved the same way: a company-wide movement. */
  sharedBy: z.object({ kind: z.enum(['department', 'hiringManager']), moved: count, of: count }).nullable(),
  target: z
    .object({ value: z.number(), side: z.enum(['atMost', 'atLeast']), metBefore: z.boolean(), metAfter: z.boolean() })
    .nullable(),
  /** The volume behind the month, in a line (slots, fills, rejections). */
  volume: z.string(),
  /** Rate movements only: the change split into rate and mix over departments or stages. */
  explanation: explanationSchema.nullable(),
});
export type Movement = z.infer<typeof movementSchema>;

// ---- owners: the partnerships of each month ---------------------------------------------------------------

export const ownerPartnershipSchema = z.object({
  month,
  hiringManager: z.string(),
  recruiter: z.string(),
  departments: z.array(z.string()),
  /**
   * Seats open at the month's end (the as-of date for the as-of month), and filled in the month (null when the
   * export has no fill dates: not known, not 0).
   */
  seatsOpen: count,
  seatsFilled: count.nullable(),
  /** The hiring manager's own feedback in the month (slots they interviewed), on time. */
  feedbackOnTime: figureSchema,
  /** Of the candidates the recruiter screened in the month, the share the hiring manager took forward. */
  screenedTakenForward: figureSchema,
  /** Reasons given at the stages the hiring manager owns, pooled back from the month to clear the threshold. */
  reasons: z.object({
    fromMonth: month,
    toMonth: month,
    rejections: count.nullable(),
    /** Largest first; categories under the threshold pooled as `smaller categories`. */
    categories: z.array(z.object({ category: z.string(), rejections: count })),
    suppressed: z.boolean(),
  }),
});
export type OwnerPartnership = z.infer<typeof ownerPartnershipSchema>;

// ---- sources and offers ----------------------------------------------------------------------------------

/** Applications of a month from one source, how many went past the first stage, how many were hired. */
export const sourceRowSchema = z.object({
  month,
  source: z.string(),
  applications: count.nullable(),
  advanced: count.nullable(),
  hires: count.nullable(),
  suppressed: z.boolean(),
  complementary,
  hidden,
});
const quarter = z.string().regex(/^\d{4}-Q[1-4]$/);
/** Offers made in a quarter (entered an offer stage) and what became of them. */
export const offerRowSchema = z.object({
  quarter,
  made: count.nullable(),
  accepted: count.nullable(),
  declined: count.nullable(),
  /** Rejected by the company after the offer, or still open at the as-of date. */
  other: count.nullable(),
  suppressed: z.boolean(),
  complementary,
  hidden,
});
/** A reason recorded for the offers the candidate declined (over the last 12 months). */
export const offerDeclineSchema = z.object({
  reason: z.string(),
  declines: count.nullable(),
  suppressed: z.boolean(),
  complementary,
});
/** A hiring manager's own scorecards over a window, by recommendation. */
export const recommendationMixSchema = z.object({
  hiringManager: z.string(),
  fromMonth: month,
  toMonth: month,
  scorecards: count.nullable(),
  strong_yes: count.nullable(),
  yes: count.nullable(),
  no: count.nullable(),
  strong_no: count.nullable(),
  no_decision: count.nullable(),
  suppressed: z.boolean(),
  complementary,
  hidden,
});
export type SourceRow = z.infer<typeof sourceRowSchema>;
export type OfferRow = z.infer<typeof offerRowSchema>;
export type OfferDecline = z.infer<typeof offerDeclineSchema>;
export type RecommendationMix = z.infer<typeof recommendationMixSchema>;

// ---- coverage: the n behind each chart -------------------------------------------------------------------

/** How many rows a section rests on, and how many it left out and why ("n included / excluded"). */
export const coverageSchema = z.object({
  section: z.enum(['timeToFill', 'openRequisitions', 'timeToHire', 'feedback', 'rejections', 'funnel']),
  /** Rows counted (fills, open seats, hires, feedback slots, rejections, applications with stage events). */
  included: count,
  excluded: z.array(z.object({ reason: z.string(), rows: count })),
});
export type Coverage = z.infer<typeof coverageSchema>;

// ---- data quality -------------------------------------------------------------------------------------

export const fileSummarySchema = z.object({
  /** Path relative to the data folder. */
  path: z.string(),
  entity: z.enum(ENTITIES).nullable(),
  dialect: z.string().nullable(),
  encoding: z.string(),
  delimiter: z.string(),
  bytes: count,
  rows: count,
  /** Columns dropped at read time (outside the template); names only, never values. */
  droppedColumns: z.array(z.string()),
  /** What the file was read as, in the users' words (`applications (Greenhouse warehouse)`); null when skipped. */
  readAs: z.string().nullable(),
  /** Why the file was not read (`not needed: …`, `a table about people`, `not recognised: …`); null when read. */
  skipped: z.string().nullable(),
  /** For a file skipped as not recognised or not readable: what would have it read (a config snippet). */
  fix: z.string().optional(),
  /**
   * Rows of a vendor warehouse table that are not hiring history, counted by why (deleted in the ATS,
   * prospects, leads, cancelled interviews; `scripts/read/warehouse/`).
   */
  skippedRows: z.array(z.object({ why: z.string(), rows: count })).optional(),
  /**
   * Rows of the file's table used, once merged and checked across tables (a vendor table's row may make several
   * rows, a requisition's seats); absent for a file not read as a table, or without data rows.
   */
  used: count.optional(),
});
export const entityLedgerSchema = z.object({
  entity: z.enum(ENTITIES),
  read: count,
  used: count,
  /** Same key, same values in a later file: folded. */
  duplicatesIdentical: count,
  /** Same key, different values: the later file won. */
  duplicatesConflicting: count,
  quarantined: count,
});
export const ledgerEntrySchema = z.object({
  file: z.string(),
  line: count,
  entity: z.enum(ENTITIES),
  column: z.string(),
  problem: z.string(),
  action: z.enum(['quarantined', 'merged duplicate', 'replaced by later file']),
});
/** Quarantined rows and folded duplicates counted by file, table, column and problem (the page shows these). */
export const problemGroupSchema = z.object({
  file: z.string(),
  entity: z.enum(ENTITIES),
  column: z.string(),
  problem: z.string(),
  action: z.enum(['quarantined', 'merged duplicate', 'replaced by later file']),
  rows: count,
  /** The first line of the file with this problem. */
  firstLine: count,
});
export const unmappedValueSchema = z.object({
  entity: z.enum(ENTITIES),
  column: z.string(),
  value: z.string(),
  rows: count,
  /** A config snippet that maps it. */
  fix: z.string(),
});

/** What the data step derived because an export holds it only indirectly (`scripts/read/derive.ts`). */
export const derivationSchema = z.object({
  entity: z.enum(ENTITIES),
  /** The template column(s) filled. */
  column: z.string(),
  rows: count,
  /** Where the values came from, in words. */
  how: z.string(),
});
/** A figure whose input column is in no file of the export: "not in your export", never 0. */
export const absentFigureSchema = z.object({
  /** A metric or definition id (`feedbackOnTimeRate`, `outstandingFeedback`…). */
  figure: z.string(),
  entity: z.enum(ENTITIES),
  /** The template column it needs. */
  needs: z.string(),
});
export type AbsentFigure = z.infer<typeof absentFigureSchema>;

export const aggregatesSchema = z.object({
  version: z.literal(ARTIFACT_VERSION),
  title: z.string(),
  /** True when built from the shipped synthetic sample: the site shows a banner. */
  sample: z.boolean(),
  timezone: z.string(),
  asOf: date,
  /** Where the as-of date came from: the config's `asOf`, the latest timestamp in the data, or no data at all. */
  asOfSource: z.enum(['config', 'data', 'empty']),
  /**
   * Every month from the first with activity (a fill, application, hire, interview, rejection or stage event)
   * to the as-of month, without gaps, oldest first; it always includes `latestCompleteMonth`.
   */
  months: z.array(month),
  /** The last month that ended on or before the as-of date; what the overview shows. Null only without data. */
  latestCompleteMonth: month.nullable(),
  settings: z.object({
    feedbackSlaHours: z.number(),
    minGroupSize: z.number().int(),
    showInterviewers: z.boolean(),
  }),
  departments: z.array(z.string()),
  hiringManagers: z.array(z.string()),
  stages: z.array(z.string()),
  definitions: z.array(definitionSchema),
  headlines: z.array(headlineSeriesSchema),
  timeToFill: z.object({
    fills: z.array(fillSchema),
    byMonth: z.array(timeToFillByMonthSchema),
    byPerson: z.array(timeToFillByPersonSchema),
    open: z.array(openRequisitionSchema),
    aging: z.array(agingBucketSchema),
    timeToHireByMonth: z.array(timeToHireByMonthSchema),
  }),
  feedback: z.object({
    byMonth: z.array(feedbackRowSchema),
    byPerson: z.array(feedbackByPersonSchema),
    outstanding: z.array(outstandingFeedbackSchema),
  }),
  rejections: z.object({
    byMonth: z.array(rejectionRowSchema),
    byCategory: z.array(rejectionShareSchema),
    byRejectedBy: z.array(rejectionShareSchema),
    byStage: z.array(rejectionShareSchema),
  }),
  /** Null when the exports hold no stage events. */
  funnel: z.array(funnelRowSchema).nullable(),
  partnerships: z.array(partnershipSchema),
  /** The company's figures over the partnership window and over the widened one, in that order. */
  partnershipCompany: z.array(partnershipCompanySchema).optional(),
  /** The config's targets, company first, then per department. */
  targets: z.array(targetSchema),
  /** The biggest movements of each month, ranked; and the evidence an item needs before it qualifies. */
  movements: z.object({
    /** A rate needs at least this many slots or rejections in both months; a median this many values. */
    minimumRateN: count,
    minimumMedianN: count,
    items: z.array(movementSchema),
  }),
  /**
   * Sources and offers (`scripts/metrics/sources.ts`): null when the export has no column to tell them (no
   * source at all; no offer stage and no hire).
   */
  sources: z.array(sourceRowSchema).nullable(),
  offers: z
    .object({
      byQuarter: z.array(offerRowSchema),
      declines: z.object({
        fromMonth: month,
        toMonth: month,
        declined: count.nullable(),
        suppressed: z.boolean(),
        reasons: z.array(offerDeclineSchema),
      }),
    })
    .nullable(),
  recommendations: z.array(recommendationMixSchema),
  /** Who owns each month: its partnerships, and the feedback each hiring manager owes at the as-of date. */
  owners: z.object({
    partnerships: z.array(ownerPartnershipSchema),
    /** Their own interview feedback due and not submitted, most first; the age of the oldest in days. */
    owedFeedback: z.array(
      z.object({
        hiringManager: z.string(),
        slots: count.nullable(),
        oldestDays: days.nullable(),
        suppressed: z.boolean(),
        /** Hidden by the disclosure audit although not small (so that a smaller count cannot be worked out). */
        complementary: z.literal(true).optional(),
      }),
    ),
    /** The same per interviewer, only when `privacy.showInterviewers` is on (names identify employees). */
    owedByInterviewer: z
      .array(
        z.object({
          interviewer: z.string(),
          slots: count.nullable(),
          oldestDays: days.nullable(),
          suppressed: z.boolean(),
          complementary: z.literal(true).optional(),
        }),
      )
      .optional(),
    reasonPoolMonths: count,
  }),
  coverage: z.array(coverageSchema),
  /** Figures the export cannot give (their input column is in no file): shown as "not in your export". */
  absent: z.array(absentFigureSchema).optional(),
  quality: z.object({
    files: z.array(fileSummarySchema),
    entities: z.array(entityLedgerSchema),
    ledger: z.array(ledgerEntrySchema),
    unmapped: z.array(unmappedValueSchema),
    /**
     * The ledger grouped by file, table, column and problem, largest first: as many groups as kinds of problem,
     * whatever the number of rows (problem texts never hold a cell's value).
     */
    problems: z.array(problemGroupSchema).optional(),
    /** The data step's warnings, kept so that a run that reuses the artifact prints them again. */
    warnings: z.array(z.string()).optional(),
    /** Template columns per table, as the files read had them; absent when the tables did not come from files. */
    columns: z.array(z.object({ entity: z.enum(ENTITIES), columns: z.array(z.string()) })).optional(),
    derived: z.array(derivationSchema).optional(),
  }),
  /** What the disclosure audit checked and added (`scripts/metrics/audit.ts`); absent when suppression is off. */
  disclosure: z
    .object({
      cellsChecked: count,
      relations: count,
      hiddenSmall: count,
      hiddenComplements: count,
      addedByAudit: count,
      rounds: count,
      unprotected: count,
      /** Relations of the audit's model that did not hold on this export: a fault of the model, 0 unless it has one. */
      broken: count,
    })
    .optional(),
});
export type Aggregates = z.infer<typeof aggregatesSchema>;
