/**
 * What the exports hold only indirectly, derived once the tables are read and merged, before the metrics:
 *
 * - **Outcomes from stage events.** Many exports keep the rejection, the withdrawal and the hire only as a stage
 *   ("Rejected", "Withdrawn", "Joined"). An application whose status is `active` and whose latest stage event is
 *   an outcome stage takes that outcome, dated by the entry into the first of its trailing outcome events (so
 *   "Offer accepted" then "Joined" is hired at the offer's acceptance). A status of rejected, withdrawn or hired
 *   from the applications table is never overruled: only its missing date is filled from the events. The reason
 *   comes from the events' drop reason (that of the outcome event, else the latest given), when the row has
 *   none; the stage of a rejection, when the row has none or names the outcome stage itself, is the stage the
 *   candidate was in before it. Rejection and withdrawal events are outcomes, not steps: they leave the stage
 *   events (the funnel) once read. Hire events stay, as the funnel's last step.
 * - **`exited_at` from the next event**, when no stage-events file has an `exited_at` column: a stage is left
 *   when the application's next stage is entered.
 * - **`filled_at` from the close or from hires**, when no requisitions file has a `filled_at` column: a seat
 *   whose status says filled (an Ashby `Filled` opening) was filled at its `closed_at` (the reader dates it);
 *   the other seats of a job that are not cancelled, in order of opening, take the job's hires in order of
 *   hire date: the n-th hire fills the n-th seat, and the last seat is filled by the job's last hire (one seat
 *   with several hires: the last one).
 *
 * Every derivation is counted, logged and listed in the artifact's data-quality section.
 */
import type { Logger } from '../log.ts';
import type { z } from 'zod';
import type { derivationSchema } from '../schema/aggregates.ts';
import {
  ENTITIES,
  TEMPLATE,
  type Application,
  type ApplicationStatus,
  type CanonicalTables,
  type Entity,
  type PresentColumns,
  type Requisition,
} from '../schema/canonical.ts';
import type { Config } from '../schema/config.ts';
import type { Calendar } from '../time.ts';
import type { Match } from './recognise.ts';
import { formatCount, matchKey } from './values.ts';

export type Outcome = 'rejected' | 'withdrawn' | 'hired';
export type Derivation = z.infer<typeof derivationSchema>;

/**
 * Stage names that end an application, matched by `matchKey` (case, spaces, underscores and hyphens ignored).
 * "Declined" is the company's answer, as in the status synonyms; a declined offer is the candidate's.
 */
export const OUTCOME_STAGES: Readonly<Record<string, Outcome>> = {
  rejected: 'rejected',
  declined: 'rejected',
  disqualified: 'rejected',
  'not selected': 'rejected',
  unsuccessful: 'rejected',
  withdrawn: 'withdrawn',
  withdrew: 'withdrawn',
  'candidate withdrew': 'withdrawn',
  'offer declined': 'withdrawn',
  hired: 'hired',
  joined: 'hired',
  'offer accepted': 'hired',
};

/** Stage name → its outcome (undefined: a step), the config's `outcomeStages` over the built-in names. */
export function outcomeOfStage(config: Config): (stage: string) => Outcome | undefined {
  const table = new Map<string, Outcome | null>();
  for (const [name, outcome] of Object.entries(OUTCOME_STAGES)) table.set(matchKey(name), outcome);
  for (const [name, outcome] of Object.entries(config.outcomeStages)) table.set(matchKey(name), outcome);
  const cache = new Map<string, Outcome | undefined>();
  return (stage) => {
    if (cache.has(stage)) return cache.get(stage);
    const outcome = table.get(matchKey(stage)) ?? undefined;
    cache.set(stage, outcome);
    return outcome;
  };
}

/**
 * The template columns a file carries, as `match.columns` and the dialect's rules give them (a Lever archive
 * date gives the status and both outcome dates; a duration gives the interview's end).
 */
export function columnsOfMatch(match: Match): string[] {
  const columns = new Set(Object.keys(match.columns));
  if (match.archivedAt) for (const c of ['status', 'rejected_at', 'hired_at']) columns.add(c);
  if (match.rejectedFlag) columns.add('status');
  if (match.durationMinutes) columns.add('interview_end_at');
  if (match.filledWhen.length > 0) columns.add('filled_at');
  return [...columns];
}

/** Per table, the template columns of any of its files (in template order). */
export function presentColumns(matches: ReadonlyArray<{ entity: Entity; columns: readonly string[] }>): PresentColumns {
  const present = {} as Record<Entity, string[]>;
  for (const entity of ENTITIES) {
    const seen = new Set(matches.filter((m) => m.entity === entity).flatMap((m) => m.columns));
    present[entity] = TEMPLATE[entity].map((f) => f.column).filter((column) => seen.has(column));
  }
  return present;
}

const list = (names: Iterable<string>): string =>
  [...names]
    .sort()
    .slice(0, 5)
    .map((name) => `"${name}"`)
    .join(', ');

/**
 * Derives what the tables lack (see the module comment), in place; returns what was derived, with counts, and
 * the columns present once derived. `tables.stageEvents` may be replaced (outcome events leave it).
 */
export function deriveFromEvents(
  tables: CanonicalTables,
  read: PresentColumns,
  config: Config,
  cal: Calendar,
  log: Logger,
): { derived: Derivation[]; columns: PresentColumns } {
  const derived: Derivation[] = [];
  const add = (entity: Entity, column: string, rows: number, how: string) => {
    if (rows > 0) derived.push({ entity, column, rows, how });
  };
  const events = tables.stageEvents;
  const n = events.length;
  const outcomeOf = outcomeOfStage(config);
  const day = (t: number) => cal.dayNumber(t);

  const { applicationId: ids, enteredAt: entered, exitedAt: exited, stage: stages, reason: reasons } = events;
  // The events of each application, in order of entry: made only when a derivation needs them.
  let groups: { order: Int32Array; start: Int32Array } | null = null;
  /** Calls `each(from, to)` for every application's events `order[from..to)`, in order of entry. */
  const eachApplication = (each: (order: Int32Array, from: number, to: number) => void) => {
    groups ??= eventsByApplication(ids, entered, tables.applications);
    const { order, start } = groups;
    for (let g = 0; g < start.length - 1; g++) if (start[g + 1]! > start[g]!) each(order, start[g]!, start[g + 1]!);
  };

  // ---- exited_at from the next event
  if (!read.stage_events.includes('exited_at')) {
    let filled = 0;
    eachApplication((order, from, to) => {
      for (let k = from; k < to - 1; k++) {
        const e = order[k]!;
        const next = order[k + 1]!;
        if (exited[e] !== exited[e]) {
          exited[e] = entered[next]!;
          filled++;
        }
      }
    });
    add('stage_events', 'exited_at', filled, 'the entry into the same application’s next stage');
  }

  // ---- status from the outcome dates, when no applications file has a status column: the reader made a row
  // with a hire date hired and every other row active; a rejection date makes it rejected.
  const noStatus = tables.applications.length > 0 && !read.applications.includes('status');
  if (noStatus) {
    let rejected = 0;
    let hired = 0;
    for (const a of tables.applications) {
      if (a.status === 'hired') hired++;
      else if (a.status === 'active' && a.rejectedAt !== null) {
        a.status = 'rejected';
        rejected++;
      }
    }
    add('applications', 'status', rejected, 'their rejected_at (your applications export has no status column)');
    add('applications', 'status', hired, 'their hired_at (your applications export has no status column)');
  }

  // ---- outcomes from events
  const outcomeStagesSeen = { rejected: new Set<string>(), withdrawn: new Set<string>(), hired: new Set<string>() };
  let anyOutcome = false;
  for (let e = 0; e < n; e++) {
    const outcome = outcomeOf(stages[e]!);
    if (outcome === undefined) continue;
    anyOutcome = true;
    outcomeStagesSeen[outcome].add(stages[e]!);
  }
  const hasReasons = reasons.some((r) => r !== null);
  const counts = { status: { rejected: 0, withdrawn: 0, hired: 0 }, rejectedAt: 0, hiredAt: 0, reason: 0, stage: 0 };
  if (anyOutcome || hasReasons) {
    const byId = new Map<string, Application>();
    for (const a of tables.applications) byId.set(a.applicationId, a);
    const isEnd = (outcome: Outcome | undefined, status: ApplicationStatus) =>
      outcome !== undefined && (status === 'hired' ? outcome === 'hired' : outcome !== 'hired');
    eachApplication((order, from, to) => {
      const a = byId.get(ids[order[from]!]!);
      if (a === undefined) return;
      const last = outcomeOf(stages[order[to - 1]!]!);
      if (a.status === 'active' && last !== undefined) {
        // The trailing run of events of that outcome: dated by its first.
        let start = to - 1;
        while (start > from && outcomeOf(stages[order[start - 1]!]!) === last) start--;
        const at = entered[order[start]!]!;
        if (day(at) < day(a.appliedAt)) return; // as the reader would: an outcome before the application
        a.status = last;
        counts.status[last]++;
        if (last === 'hired') a.hiredAt ??= at;
        else {
          a.rejectedAt ??= at;
          if (last === 'withdrawn') a.rejectedBy = 'candidate';
        }
      } else if (a.status !== 'active') {
        // A status from the table with its date missing: the latest event of that outcome dates it.
        const missing = a.status === 'hired' ? a.hiredAt === null : a.rejectedAt === null;
        if (missing) {
          for (let k = to - 1; k >= from; k--) {
            const e = order[k]!;
            if (!isEnd(outcomeOf(stages[e]!), a.status)) continue;
            let start = k;
            while (start > from && isEnd(outcomeOf(stages[order[start - 1]!]!), a.status)) start--;
            const at = entered[order[start]!]!;
            if (day(at) < day(a.appliedAt)) break;
            if (a.status === 'hired') {
              a.hiredAt = at;
              counts.hiredAt++;
            } else {
              a.rejectedAt = at;
              counts.rejectedAt++;
            }
            break;
          }
        }
      }
      if (a.status !== 'rejected' && a.status !== 'withdrawn') return;
      // The drop reason: the outcome event's, else the latest given.
      if (a.rejectionReason === null && hasReasons) {
        let reason: string | null = null;
        for (let k = to - 1; k >= from && reason === null; k--) reason = reasons[order[k]!]!;
        if (reason !== null) {
          a.rejectionReason = reason;
          counts.reason++;
        }
      }
      // The stage the candidate was in: the latest that is a step, not an outcome.
      if (a.currentStage === null || outcomeOf(a.currentStage) !== undefined) {
        for (let k = to - 1; k >= from; k--) {
          const stage = stages[order[k]!]!;
          if (outcomeOf(stage) !== undefined) continue;
          if (stage !== a.currentStage) {
            a.currentStage = stage;
            counts.stage++;
          }
          break;
        }
      }
    });
  }
  const named = (outcome: Outcome) => list(outcomeStagesSeen[outcome]);
  add(
    'applications',
    'status, rejected_at',
    counts.status.rejected,
    `rejections, from their latest stage event ${named('rejected')}`,
  );
  add(
    'applications',
    'status, rejected_at',
    counts.status.withdrawn,
    `withdrawals, from their latest stage event ${named('withdrawn')}`,
  );
  add(
    'applications',
    'status, hired_at',
    counts.status.hired,
    `hires, from their latest stage event ${named('hired')}`,
  );
  add('applications', 'rejected_at', counts.rejectedAt, 'their rejection or withdrawal stage event');
  add('applications', 'hired_at', counts.hiredAt, 'their hire stage event');
  add('applications', 'rejection_reason', counts.reason, 'the drop reason of their stage events');
  add('applications', 'current_stage', counts.stage, 'the stage they were in before the rejection or withdrawal');

  if (noStatus) {
    // What neither a date nor a stage event says is not known: counted as in process, and said so.
    const unknown = tables.applications.filter((a) => a.status === 'active').length;
    add('applications', 'status', unknown, UNKNOWN_OUTCOME);
  }

  // Rejection and withdrawal events are outcomes, not steps of the funnel.
  if (anyOutcome) {
    const dropped = new Uint8Array(n);
    let outcomes = 0;
    for (let e = 0; e < n; e++) {
      const outcome = outcomeOf(stages[e]!);
      if (outcome === 'rejected' || outcome === 'withdrawn') {
        dropped[e] = 1;
        outcomes++;
      }
    }
    if (outcomes > 0) tables.stageEvents = events.kept(dropped);
    add(
      'stage_events',
      'outcome',
      outcomes,
      'rejection and withdrawal stages are their application’s outcome, left out of the funnel',
    );
  }

  // ---- filled_at from a close whose status says filled (the reader dated those fills), then from hires
  if (!read.requisitions.includes('filled_at')) {
    const byClose = tables.requisitions.filter((r) => r.filledAt !== null).length;
    add('requisitions', 'filled_at', byClose, FILLED_WHEN_CLOSED);
    add('requisitions', 'filled_at', fillFromHires(tables.requisitions, tables.applications, day), FILL_RULE);
  }

  for (const d of derived) {
    const noun = d.entity === 'stage_events' ? 'stage event' : d.entity.slice(0, -1);
    const line = `derived ${d.column} of ${formatCount(d.rows)} ${noun}${d.rows === 1 ? '' : 's'}: ${d.how}`;
    if (d.how !== UNKNOWN_OUTCOME) log.info(line);
    else {
      log.warn(
        `applications: ${formatCount(d.rows)} have no outcome in your export (no status column, no rejected_at or hired_at, no outcome stage event): they count as still in process. Export a status column, or stage events with outcome stages (see "outcomeStages")`,
      );
    }
  }
  const columns = { ...read } as Record<Entity, readonly string[]>;
  const gained = (entity: Entity, added: string[]) => {
    const have = new Set([...columns[entity], ...added]);
    columns[entity] = TEMPLATE[entity].map((f) => f.column).filter((c) => have.has(c));
  };
  for (const d of derived) gained(d.entity, d.column.split(', '));
  // A drop-reason column gives rejections their reasons, however many it filled.
  if (read.stage_events.includes('reason')) gained('applications', ['rejection_reason']);
  return { derived, columns };
}

/**
 * Stage events grouped by application (in the order of the applications table), each group in order of entry:
 * `order[start[g]..start[g + 1])` are the events of application `g`. A counting sort by application, then each
 * group (a handful of events) by entry: no string comparisons, at millions of events. Events of no known
 * application (the cross-table checks quarantine them) come last, in a group of their own that is not used.
 */
function eventsByApplication(
  ids: readonly string[],
  entered: readonly number[],
  applications: readonly Application[],
): { order: Int32Array; start: Int32Array } {
  const rowOf = new Map<string, number>();
  applications.forEach((a, row) => rowOf.set(a.applicationId, row));
  const n = ids.length;
  const groupCount = applications.length;
  const groupOf = new Int32Array(n);
  const start = new Int32Array(groupCount + 2);
  for (let e = 0; e < n; e++) {
    const g = rowOf.get(ids[e]!) ?? groupCount;
    groupOf[e] = g;
    start[g + 1]!++;
  }
  for (let g = 0; g <= groupCount; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groupCount + 1);
  const order = new Int32Array(n);
  for (let e = 0; e < n; e++) order[next[groupOf[e]!]!++] = e;
  for (let g = 0; g < groupCount; g++) {
    // Insertion sort by entry (stable): exports mostly list an application's events in order already.
    for (let k = start[g]! + 1; k < start[g + 1]!; k++) {
      const e = order[k]!;
      let j = k - 1;
      while (j >= start[g]! && entered[order[j]!]! > entered[e]!) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = e;
    }
  }
  // The unknown group is left out: `start` ends where the known applications' events end.
  return { order, start: start.subarray(0, groupCount + 1) };
}

const UNKNOWN_OUTCOME =
  'nothing: their outcome is unknown (no status column, no rejected_at or hired_at, no outcome stage event), so they count as still in process';

const FILLED_WHEN_CLOSED = 'their closed_at, as their status says filled (no requisitions file has a filled_at column)';

const FILL_RULE =
  'their job’s hires: seats not cancelled, in order of opening, take the hires in order of hire date (the n-th hire fills the n-th seat; the last seat, the last hire)';

/** Fills `filledAt` of seats without one from their job's hires (see the module comment); returns how many. */
function fillFromHires(requisitions: Requisition[], applications: Application[], day: (t: number) => number): number {
  const hiresByJob = new Map<string, Application[]>();
  for (const a of applications) {
    if (a.status !== 'hired' || a.hiredAt === null) continue;
    const hires = hiresByJob.get(a.jobId);
    if (hires) hires.push(a);
    else hiresByJob.set(a.jobId, [a]);
  }
  const seatsByJob = new Map<string, Requisition[]>();
  for (const r of requisitions) {
    if (r.status === 'cancelled') continue;
    const seats = seatsByJob.get(r.jobId);
    if (seats) seats.push(r);
    else seatsByJob.set(r.jobId, [r]);
  }
  let filled = 0;
  for (const [job, seats] of seatsByJob) {
    const hires = hiresByJob.get(job);
    if (!hires) continue;
    seats.sort((a, b) => a.openedAt - b.openedAt || (a.requisitionId < b.requisitionId ? -1 : 1));
    hires.sort((a, b) => a.hiredAt! - b.hiredAt! || (a.applicationId < b.applicationId ? -1 : 1));
    for (let s = 0; s < seats.length && s < hires.length; s++) {
      const seat = seats[s]!;
      const hire = s === seats.length - 1 ? hires[hires.length - 1]! : hires[s]!;
      if (seat.filledAt !== null || day(hire.hiredAt!) < day(seat.openedAt)) continue;
      seat.filledAt = hire.hiredAt;
      filled++;
    }
  }
  return filled;
}

/** The outcome stage names in force, in words, for the definitions page (the config's additions included). */
export function outcomeStageNames(config: Config): string {
  const names = new Map<string, Outcome | null>();
  for (const [name, outcome] of Object.entries(OUTCOME_STAGES)) names.set(name, outcome);
  for (const [name, outcome] of Object.entries(config.outcomeStages)) names.set(name, outcome);
  const of = (outcome: Outcome) =>
    [...names]
      .filter(([, o]) => o === outcome)
      .map(([name]) => `"${name}"`)
      .join(', ');
  return `${of('rejected')} (rejected); ${of('withdrawn')} (withdrawn); ${of('hired')} (hired)`;
}
