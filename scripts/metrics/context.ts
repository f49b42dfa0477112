/**
 * What every metric module needs besides its own rows: the config, the calendar of the configured timezone,
 * the as-of instant, and the joins from an application to its requisition (department, hiring manager).
 */
import type { Application, CanonicalTables, Instant, Requisition } from '../schema/canonical.ts';
import type { Config } from '../schema/config.ts';
import { calendar, dateOfDayNumber, type Calendar } from '../time.ts';
import { resolveAsOf, type AsOf } from './asOf.ts';
import { compareStrings } from './stats.ts';

/** Shown for a missing department, hiring manager, recruiter or stage. */
export const NONE = '(none)';

/** A name or label as shown: trimmed, `(none)` when missing or blank. */
export function label(value: string | null | undefined): string {
  const trimmed = value?.trim();
  return trimmed ? trimmed : NONE;
}

/** How two spellings of one person's name are matched: case-, space- and apostrophe-insensitive. */
export function nameKey(value: string): string {
  let key = nameKeys.get(value);
  if (key === undefined) {
    key = value
      .normalize('NFKC')
      .replace(/[’‘`´]/g, "'")
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
    // Names repeat on every row, and a team has few distinct spellings: normalise each once.
    if (nameKeys.size > 100_000) nameKeys.clear();
    nameKeys.set(value, key);
  }
  return key;
}
const nameKeys = new Map<string, string>();

export interface Context {
  readonly config: Config;
  readonly cal: Calendar;
  readonly asOf: AsOf;
  readonly minGroupSize: number;
  readonly slaHours: number;
  /** `YYYY-MM` of the instant's local date (cached per day: called once per row). */
  monthOf(instant: Instant): string;
  /** True when the instant exists and is before the end of the as-of date. */
  happened(instant: Instant | null): instant is Instant;
  /** The requisition of a job (the first by requisition id when several seats share a job). */
  requisitionOfJob(jobId: string): Requisition | undefined;
  application(applicationId: string): Application | undefined;
  /** The application's department: from its row, else its requisition's; `(none)` when neither has one. */
  departmentOf(application: Application | undefined): string;
  /** The hiring manager of the application's requisition, `(none)` when unknown. */
  hiringManagerOf(application: Application | undefined): string;
}

export function buildContext(tables: CanonicalTables, config: Config): Context {
  const cal = calendar(config.timezone);
  const asOf = resolveAsOf(tables, config, cal);

  const requisitionByJob = new Map<string, Requisition>();
  const byId = [...tables.requisitions].sort((a, b) => compareStrings(a.requisitionId, b.requisitionId));
  for (const r of byId) if (!requisitionByJob.has(r.jobId)) requisitionByJob.set(r.jobId, r);

  const applicationById = new Map<string, Application>();
  for (const a of tables.applications) applicationById.set(a.applicationId, a);
  // Exports list an application's interviews and stage events together: remember the last lookup.
  let lastId: string | null = null;
  let lastApplication: Application | undefined;
  const application = (id: string): Application | undefined => {
    if (id !== lastId) {
      lastId = id;
      lastApplication = applicationById.get(id);
    }
    return lastApplication;
  };

  const monthOfDay = new Map<number, string>();
  const monthOf = (instant: Instant): string => {
    const day = cal.dayNumber(instant);
    let month = monthOfDay.get(day);
    if (month === undefined) monthOfDay.set(day, (month = dateOfDayNumber(day).slice(0, 7)));
    return month;
  };

  return {
    config,
    cal,
    monthOf,
    asOf,
    minGroupSize: config.privacy.minGroupSize,
    slaHours: config.feedbackSlaHours,
    happened: (instant): instant is Instant => instant !== null && instant < asOf.end,
    requisitionOfJob: (jobId) => requisitionByJob.get(jobId),
    application,
    departmentOf: (a) => label(a ? (a.department ?? requisitionByJob.get(a.jobId)?.department) : null),
    hiringManagerOf: (a) => label(a ? requisitionByJob.get(a.jobId)?.hiringManager : null),
  };
}
