/**
 * What every metric module needs besides its own rows: the config, the calendar of the configured timezone,
 * the as-of instant, and the joins from an application to its requisition (department, hiring manager).
 */
import type { Application, CanonicalTables, Entity, Instant, Requisition } from '../schema/canonical.ts';
import type { Config } from '../schema/config.ts';
import { calendar, dateOfDayNumber, type Calendar } from '../time.ts';
import { resolveAsOf, type AsOf } from './asOf.ts';
import { column } from './columns.ts';
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
  /** The applications table, by row: the rows `applicationIndex` returns. */
  readonly applications: readonly Application[];
  /** The application's department: from its row, else its requisition's; `(none)` when neither has one. */
  departmentOf(application: Application | undefined): string;
  /** The hiring manager of the application's requisition, `(none)` when unknown. */
  hiringManagerOf(application: Application | undefined): string;
  /**
   * The row of `tables.applications` that `application(applicationId)` returns, -1 when there is none. With
   * `departmentAt` and `hiringManagerAt` it serves the per-row loops over interviews and stage events.
   */
  applicationIndex(applicationId: string): number;
  /** `departmentOf` the application of that row (resolved once per application, not per interview or event). */
  departmentAt(index: number): string;
  /** `hiringManagerOf` the application of that row. */
  hiringManagerAt(index: number): string;
  /** `appliedAt` of the application of that row, from a column: cheaper than reading the row again. */
  appliedAt(index: number): Instant;
  /**
   * The row that stands for the id of the application of that row: the last row with that id (the one
   * `applicationIndex` finds), itself when the id is unique. Rows compared instead of ids: at a million
   * applications, hashing the id strings cost more than the counting they served.
   */
  rowOfId(index: number): number;
  /** Whether any file of the export was read as this table (true when the tables did not come from files). */
  hasFile(entity: Entity): boolean;
  /** Whether the table's files had this template column, read or derived (true when not known). */
  hasColumn(entity: Entity, column: string): boolean;
}

export function buildContext(tables: CanonicalTables, config: Config): Context {
  const cal = calendar(config.timezone);
  const asOf = resolveAsOf(tables, config, cal);
  // The context keeps the applications and requisitions, never `tables`: the interviews and stage events are
  // let go once their facts are computed (see `metricFacts`).
  const { applications, columns } = tables;

  const requisitionByJob = new Map<string, Requisition>();
  const byId = [...tables.requisitions].sort((a, b) => compareStrings(a.requisitionId, b.requisitionId));
  for (const r of byId) if (!requisitionByJob.has(r.jobId)) requisitionByJob.set(r.jobId, r);

  // An application's department and hiring manager are read for each of its interviews and stage events, and
  // many times over in the sections: resolve them once per application, by row. Its applied_at too: at a
  // million rows, reading a row object again costs more than the work done with what it holds.
  const departmentOf = (a: Application | undefined): string =>
    label(a ? (a.department ?? requisitionByJob.get(a.jobId)?.department) : null);
  const hiringManagerOf = (a: Application | undefined): string =>
    label(a ? requisitionByJob.get(a.jobId)?.hiringManager : null);
  const n = tables.applications.length;
  const departments = new Array<string>(n).fill(NONE);
  const hiringManagers = new Array<string>(n).fill(NONE);
  const appliedAt = column(n, NaN);
  for (let row = 0; row < n; row++) {
    const a = tables.applications[row]!;
    departments[row] = departmentOf(a);
    hiringManagers[row] = hiringManagerOf(a);
    appliedAt[row] = a.appliedAt;
  }
  const finder = applicationFinder(tables.applications);
  const applicationIndex = finder.find;

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
    application: (id) => {
      const index = applicationIndex(id);
      return index < 0 ? undefined : applications[index];
    },
    departmentOf,
    hiringManagerOf,
    applications,
    applicationIndex,
    departmentAt: (index) => departments[index]!,
    hiringManagerAt: (index) => hiringManagers[index]!,
    appliedAt: (index) => appliedAt[index]!,
    rowOfId: finder.rowOfId,
    hasFile: (entity) => columns === undefined || columns[entity].length > 0,
    hasColumn: (entity, name) => columns === undefined || columns[entity].includes(name),
  };
}

/**
 * id → the row of the application with that id (the last such row), -1 when none; and row → the row that
 * stands for its id (itself, unless a later row has the same id). Interviews and stage events, several per
 * application, ask for every one of theirs.
 *
 * Exports list applications in id order, and then the ids are unique and a search finds them without a hash
 * map of a million ids (building it and probing it cost more than everything the lookups serve). The search
 * starts where the last one ended: exports list an application's interviews and events together, and often
 * the applications in the same order. In any other order, a map.
 */
export function applicationFinder(applications: readonly Application[]): {
  find: (applicationId: string) => number;
  rowOfId: (row: number) => number;
} {
  const ids = applications.map((a) => a.applicationId);
  let ascending = true;
  for (let row = 1; row < ids.length && ascending; row++) ascending = ids[row - 1]! < ids[row]!;
  if (!ascending) {
    const rowById = new Map<string, number>();
    ids.forEach((id, row) => rowById.set(id, row));
    let lastId: string | null = null;
    let lastRow = -1;
    return {
      find: (id) => {
        if (id !== lastId) {
          lastId = id;
          lastRow = rowById.get(id) ?? -1;
        }
        return lastRow;
      },
      rowOfId: (row) => rowById.get(ids[row]!)!,
    };
  }
  let last = 0;
  const find = (id: string): number => {
    if (ids[last] === id) return last;
    // Gallop from the last row towards the id, then bisect the span it lies in: a few comparisons when the
    // id is near the last one, log n when it is not.
    let lo: number;
    let hi: number;
    if (last < ids.length && ids[last]! < id) {
      lo = last + 1;
      let step = 1;
      while (lo + step < ids.length && ids[lo + step - 1]! < id) step *= 2;
      hi = Math.min(ids.length, lo + step);
    } else {
      lo = 0;
      hi = last;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo < ids.length && ids[lo] === id) {
      last = lo;
      return lo;
    }
    return -1;
  };
  return { find, rowOfId: (row) => row };
}
