/**
 * Array rows → canonical rows, one reader per file.
 *
 * `rowReader(match, …)` looks at the match once (which column carries what, which synonyms apply) and returns
 * a plain function of the row's fields: no per-row lookups by name, no per-row schema, one object literal per
 * row. A problem stops the row at its first problem: the reader reports it to `sink.reject` and returns null.
 *
 * Row-level rules (checked here, before merging, so that a broken row in a re-export does not replace a good
 * one): required values present, dates readable, the required status known, and the order of events:
 * hired/rejected on or after the application day and filled/closed on or after the opening day (calendar days
 * in the configured timezone, as the metrics count them, so a same-day clock skew is not a problem); an
 * interview ending after it starts and a stage left after it was entered (instants: hours matter there).
 */
import {
  APPLICATION_STATUSES,
  ENTITIES,
  FIELDS,
  RECOMMENDATIONS,
  REJECTED_BY,
  REQUISITION_STATUSES,
  type Application,
  type ApplicationStatus,
  type Dictionary,
  type Field,
  type Instant,
  type Interview,
  type Recommendation,
  type RejectedBy,
  type Requisition,
  type RequisitionStatus,
  type StageEvent,
} from '../schema/canonical.ts';
import type { Config } from '../schema/config.ts';
import type { Calendar } from '../time.ts';
import type { DateReader } from './dates.ts';
import { allSynonyms, type ValueSynonyms } from './dialects/index.ts';
import type { EnumKind, Giver } from './ledger.ts';
import type { ColumnRef, Match } from './recognise.ts';
import {
  aContactDetail,
  contactDetailsIn,
  enumReader,
  hiddenValue,
  interner,
  matchKey,
  namesAPerson,
  ownValues,
  pseudonym,
  RARE_TEXT,
  ratingReader,
  readBoolean,
  readId,
  UNKNOWN,
  type ContactDetails,
} from './values.ts';

export const MISSING = 'missing required value';

/** Where the reader reports problems; `reject` returns null so that a reader can `return sink.reject(…)`. */
export interface RowSink {
  reject(column: string, problem: string): null;
  /** An unknown enum value; `giver` says who gave it (the ledger quotes it only when enough did). */
  unmapped(column: string, kind: EnumKind, value: string, allowed: readonly string[], giver: Giver): void;
  /** A free-text cell held contact details and was hidden; `person`: it was replaced by a numbered stand-in. */
  hidden(column: string, what: ContactDetails, person: boolean): void;
}

/** Per ingest: the config, the date reader and the string interners shared by every file. */
export interface ReadContext {
  config: Config;
  dates: DateReader;
  calendar: Calendar;
  /** Pseudonymous join key of a candidate id (a hash seeded per run; the id itself is not kept). */
  candidateKey(id: string): number;
  /**
   * The string instance an application id already has (when its application was read first), so that the
   * millions of interview and stage-event rows that name it share it instead of holding copies.
   */
  applicationId(id: string): string;
  /** The interner of each text dictionary (see `FIELDS`): one string instance per distinct value. */
  text: Record<Dictionary, (raw: string | undefined) => string | null>;
}

export function readContext(
  config: Config,
  dates: DateReader,
  calendar: Calendar,
  applicationId: (id: string) => string = (id) => id,
): ReadContext {
  return {
    config,
    dates,
    calendar,
    candidateKey: pseudonym((Math.random() * 2 ** 32) >>> 0),
    applicationId,
    // Free-text columns are guarded: contact details typed into them are hidden (see `textCells`).
    text: textInterners(),
  };
}

/** Free-text dictionaries are guarded: contact details typed into them are hidden (see `textCells`). */
const DICTIONARIES: Record<Dictionary, { size: number; guarded: boolean }> = {
  title: { size: 50_000, guarded: true },
  department: { size: 50_000, guarded: true },
  location: { size: 50_000, guarded: true },
  person: { size: 50_000, guarded: true },
  stage: { size: 50_000, guarded: true },
  source: { size: 50_000, guarded: true },
  reason: { size: 50_000, guarded: true },
  // Job ids repeat on every application of a job.
  jobId: { size: 200_000, guarded: false },
};

const textInterners = (): ReadContext['text'] =>
  Object.fromEntries(
    Object.entries(DICTIONARIES).map(([name, { size, guarded }]) => [name, interner(size, guarded)]),
  ) as ReadContext['text'];

type Reader<T> = (fields: string[]) => T | null;

/** The reader of one file's rows. */
export function rowReader(match: Match, context: ReadContext, sink: RowSink): Reader<Row> {
  const read = withoutPersonalValues(match, entityReader(match, context, sink), sink);
  // A column with fallbacks takes the first non-empty of its aliases: fill its cell before reading the row.
  const fallbacks: Array<[number, number[]]> = [];
  const refs = [match.archivedAt, match.rejectedFlag, match.durationMinutes, ...match.filledWhen.map((w) => w.column)];
  for (const ref of [...Object.values(match.columns), ...refs]) {
    if (ref && ref.fallbacks.length > 0) fallbacks.push([ref.index, ref.fallbacks]);
  }
  if (fallbacks.length === 0) return read;
  return (f) => {
    for (const [index, others] of fallbacks) {
      if (f[index]!.trim() !== '') continue;
      for (const other of others) {
        if (f[other]!.trim() !== '') {
          f[index] = f[other]!;
          break;
        }
      }
    }
    return read(f);
  };
}

/**
 * The published text fields of candidate-level rows, as [template column, key]: every free text but people's
 * names (employees, guarded apart) of the tables whose rows are about one candidate.
 */
const LABEL_FIELDS = Object.fromEntries(
  ENTITIES.map((entity) => [
    entity,
    entity === 'requisitions'
      ? []
      : (FIELDS[entity] as readonly Field[])
          .filter((field) => field.kind === 'text' && field.dictionary !== 'person')
          .map((field) => [field.column, field.key] as const),
  ]),
) as unknown as Record<Match['entity'], ReadonlyArray<readonly [string, string]>>;

/** Case and spaces aside: how a kept text is compared with a dropped cell. */
const comparable = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * A candidate-level text equal to a cell of its row that names the candidate — a name, e-mail or phone column
 * dropped at read time (`namesAPerson`) — is that person, however often it recurs: it is hidden (reported, never
 * published). A required stage becomes `RARE_TEXT` so that the row still counts.
 */
function withoutPersonalValues(match: Match, read: Reader<Row>, sink: RowSink): Reader<Row> {
  const fields = LABEL_FIELDS[match.entity];
  if (fields.length === 0) return read;
  // The dropped columns are the header's positions no rule reads, in order (as `recognise` lists them).
  const used = new Set<number>();
  const refs = [match.archivedAt, match.rejectedFlag, match.durationMinutes, ...match.filledWhen.map((w) => w.column)];
  for (const ref of [...Object.values(match.columns), ...refs]) {
    if (!ref) continue;
    used.add(ref.index);
    for (const index of ref.fallbacks) used.add(index);
  }
  const droppedIndexes = Array.from({ length: match.width }, (_, i) => i).filter((i) => !used.has(i));
  if (droppedIndexes.length !== match.dropped.length) return read;
  const personal = droppedIndexes.filter((_, j) => namesAPerson(match.dropped[j]!));
  if (personal.length === 0) return read;
  return (f) => {
    const row = read(f) as unknown as Record<string, string | null> | null;
    if (row === null) return null;
    let cells: string[] | null = null;
    for (const [column, field] of fields) {
      const value = row[field];
      if (value === null || value === undefined || value.length < 2) continue;
      cells ??= personal.map((i) => comparable(f[i]!)).filter((cell) => cell.length >= 2);
      if (!cells.includes(comparable(value))) continue;
      sink.hidden(column, 'personal value', false);
      row[field] = match.entity === 'stage_events' && column === 'stage' ? RARE_TEXT : null;
    }
    return row as unknown as Row;
  };
}

function entityReader(match: Match, context: ReadContext, sink: RowSink): Reader<Row> {
  switch (match.entity) {
    case 'requisitions':
      return requisitionReader(match, context, sink);
    case 'applications':
      return applicationReader(match, context, sink);
    case 'interviews':
      return interviewReader(match, context, sink);
    case 'stage_events':
      return stageEventReader(match, context, sink);
  }
}

export type Row = Requisition | Application | Interview | StageEvent;

const NOWHERE = -1;
const at = (ref: ColumnRef | undefined): number => (ref ? ref.index : NOWHERE);

/** Shared cell readers for one file: instants, ids and enums, reporting to the sink. */
function cells(match: Match, context: ReadContext, sink: RowSink) {
  const { dates } = context;
  const name = (column: string): string => match.columns[column]?.name ?? column;

  const { readCommon } = dates;

  /**
   * An instant; null when empty (or the column is absent); undefined when the row was rejected. The common
   * shapes are read from the raw cell (they have nothing to trim); anything else goes the long way.
   */
  const instant = (fields: string[], index: number, column: string, required: boolean): Instant | null | undefined => {
    if (index !== NOWHERE) {
      const value = readCommon(fields[index]!);
      if (value === value) return value;
    }
    return anyInstant(fields, index, column, required);
  };

  const anyInstant = (
    fields: string[],
    index: number,
    column: string,
    required: boolean,
  ): Instant | null | undefined => {
    const text = index === NOWHERE ? '' : fields[index]!.trim();
    if (text === '') {
      if (!required) return null;
      sink.reject(name(column), MISSING);
      return undefined;
    }
    const value = dates.read(text);
    if (value === value) return value;
    sink.reject(name(column), dates.explain(text));
    return undefined;
  };

  /** A required id; undefined when the row was rejected. */
  const requiredId = (fields: string[], index: number, column: string): string | undefined => {
    const id = index === NOWHERE ? null : readId(fields[index]);
    if (id !== null) return id;
    sink.reject(name(column), MISSING);
    return undefined;
  };

  /** An enum reader over config → this dialect → every dialect → the canonical values. */
  const enumOf = <T extends string>(kind: EnumKind & keyof ValueSynonyms, values: readonly T[]) =>
    enumReader<T>([
      context.config.values[kind] as Record<string, T> | undefined,
      match.table.values?.[kind] as Record<string, T | null> | undefined,
      ...(allSynonyms(kind) as Array<Record<string, T | null>>),
      ownValues(values),
    ]);

  /**
   * An optional enum: unknown values are reported as unmapped and read as null (the row is kept). `otherwise`
   * reads what no synonym names (numeric ratings, by the config's ranges).
   */
  const optionalEnum = <T extends string>(
    kind: EnumKind & keyof ValueSynonyms,
    column: string,
    values: readonly T[],
    otherwise?: (raw: string) => T | undefined,
  ) => {
    const lookup = enumOf(kind, values);
    return (fields: string[], index: number, giver: Giver): T | null => {
      if (index === NOWHERE) return null;
      const raw = fields[index]!;
      if (raw === '') return null;
      const result = lookup(raw);
      if (result !== UNKNOWN) return result;
      const read = otherwise?.(raw);
      if (read !== undefined) return read;
      const text = raw.trim();
      if (text === '') return null;
      sink.unmapped(column, kind, text, values, giver);
      return null;
    };
  };

  const day = (t: Instant): number => context.calendar.dayNumber(t);
  return { instant, requiredId, enumOf, optionalEnum, name, day, text: textCells(match, sink) };
}

/** Template columns that name people (employees): a hidden value keeps them apart, by a numbered stand-in. */
const PERSON_COLUMNS = new Set(
  ENTITIES.flatMap((entity) =>
    (FIELDS[entity] as readonly Field[]).filter((field) => field.dictionary === 'person').map((field) => field.column),
  ),
);
const HIDDEN_PERSON: string[] = [];
export const hiddenPerson = (n: number): string => (HIDDEN_PERSON[n] ??= `(contact details hidden #${n})`);

/**
 * Free-text cells (titles, departments, stages, sources, reasons, people). A value that holds contact details
 * — an e-mail address or phone number typed or pasted into the wrong column — is never kept: it is reported
 * (`sink.hidden`, shown on the data-quality page with the count) and replaced, in a person column by a numbered
 * stand-in (two hidden interviewers of one interview stay two feedback slots; a hidden hiring manager keeps
 * their seats together), elsewhere by an empty value. A required column whose value was hidden rejects the row.
 *
 * Returns the text, null (empty or hidden), or undefined when the row was rejected.
 */
function textCells(match: Match, sink: RowSink) {
  type Read = (raw: string | undefined) => string | null;
  /** A hidden value's replacement (reported), or undefined when the column is required and the row rejected. */
  const replace = (value: string, column: string, required: boolean): string | null | undefined => {
    const hidden = hiddenValue(value);
    if (hidden === null) return value;
    const person = PERSON_COLUMNS.has(column);
    sink.hidden(column, hidden.what, person);
    if (person) return hiddenPerson(hidden.n);
    if (!required) return null;
    sink.reject(
      match.columns[column]!.name,
      `looks like ${aContactDetail(hidden.what)}, not a ${column.replace(/_/g, ' ')}: hidden`,
    );
    return undefined;
  };
  return {
    /** An optional text column: the text, or null (absent, empty or hidden). */
    optional(fields: string[], index: number, read: Read, column: string): string | null {
      if (index === NOWHERE) return null;
      const value = read(fields[index]);
      // Only a hidden marker starts with NUL (see `hiddenMarker`): ordinary values skip `replace`.
      return value === null || value.charCodeAt(0) !== 0 ? value : (replace(value, column, false) as string | null);
    },
    /** A required text column: the text, or undefined when the row was rejected (empty or hidden). */
    required(fields: string[], index: number, read: Read, column: string): string | undefined {
      const value = index === NOWHERE ? null : read(fields[index]);
      if (value === null) {
        sink.reject(match.columns[column]?.name ?? column, MISSING);
        return undefined;
      }
      return value.charCodeAt(0) !== 0 ? value : (replace(value, column, true) ?? undefined);
    },
  };
}

function requisitionReader(match: Match, context: ReadContext, sink: RowSink): Reader<Requisition> {
  const c = match.columns;
  const { instant, requiredId, optionalEnum, name, day, text } = cells(match, context, sink);
  const { title, department, location, person } = context.text;
  const iId = at(c.requisition_id);
  const iJob = at(c.job_id);
  const iTitle = at(c.job_title);
  const iDepartment = at(c.department);
  const iLocation = at(c.location);
  const iManager = at(c.hiring_manager);
  const iRecruiter = at(c.recruiter);
  const iOpened = at(c.opened_at);
  const iFilled = at(c.filled_at);
  const iClosed = at(c.closed_at);
  const iStatus = at(c.status);
  const status = optionalEnum<RequisitionStatus>('requisition_status', 'status', REQUISITION_STATUSES);
  const filledWhen = match.filledWhen.map(({ column, values }) => ({ index: column.index, values }));

  return (f) => {
    const requisitionId = requiredId(f, iId, 'requisition_id');
    if (requisitionId === undefined) return null;
    // Requisition ids are published (time to fill, open seats): one that is an e-mail address is a column
    // mapped by mistake. (Phone-like digits are not checked here: ids are often long numbers.)
    if (contactDetailsIn(requisitionId) === 'e-mail address') {
      return sink.reject(name('requisition_id'), 'looks like an e-mail address, not a requisition id: hidden');
    }
    const jobTitle = text.required(f, iTitle, title, 'job_title');
    if (jobTitle === undefined) return null;
    const openedAt = instant(f, iOpened, 'opened_at', true);
    if (openedAt == null) return null;
    let filledAt = instant(f, iFilled, 'filled_at', false);
    if (filledAt === undefined) return null;
    const closedAt = instant(f, iClosed, 'closed_at', false);
    if (closedAt === undefined) return null;
    let seat = status(f, iStatus, requisitionId);

    // A seat closed as filled (by a rule of the dialect, or by its status) was filled when it closed.
    for (const when of filledWhen) {
      const text = f[when.index]!.trim();
      if (text !== '' && (!when.values || when.values.has(matchKey(text)))) seat = 'filled';
    }
    const filledWhenClosed = seat === 'filled' && filledAt === null;
    if (filledWhenClosed) filledAt = closedAt;

    if (filledAt !== null && day(filledAt) < day(openedAt)) {
      return sink.reject(name(filledWhenClosed ? 'closed_at' : 'filled_at'), 'filled before opened');
    }
    if (closedAt !== null && day(closedAt) < day(openedAt)) {
      return sink.reject(name('closed_at'), 'closed before opened');
    }

    return {
      requisitionId,
      jobId: (iJob === NOWHERE ? null : context.text.jobId(f[iJob])) ?? requisitionId,
      jobTitle,
      department: text.optional(f, iDepartment, department, 'department'),
      location: text.optional(f, iLocation, location, 'location'),
      hiringManager: text.optional(f, iManager, person, 'hiring_manager'),
      recruiter: text.optional(f, iRecruiter, person, 'recruiter'),
      openedAt,
      filledAt,
      closedAt,
      status: seat,
    };
  };
}

function applicationReader(match: Match, context: ReadContext, sink: RowSink): Reader<Application> {
  const c = match.columns;
  const { instant, requiredId, enumOf, optionalEnum, name, day, text } = cells(match, context, sink);
  const { title, department, stage, source, reason, jobId: jobIds } = context.text;
  const iId = at(c.application_id);
  const iCandidate = at(c.candidate_id);
  const iJob = at(c.job_id);
  const iDepartment = at(c.department);
  const iTitle = at(c.job_title);
  const iApplied = at(c.applied_at);
  const iSource = at(c.source);
  const iStage = at(c.current_stage);
  const iStatus = at(c.status);
  const iRejected = at(c.rejected_at);
  const iReason = at(c.rejection_reason);
  const iRejectedBy = at(c.rejected_by);
  const iHired = at(c.hired_at);
  const iArchived = at(match.archivedAt);
  const iFlag = at(match.rejectedFlag);

  const statusOf = enumOf<ApplicationStatus>('application_status', APPLICATION_STATUSES);
  const rejectedByOf = optionalEnum<RejectedBy>('rejected_by', 'rejected_by', REJECTED_BY);
  // The problem names the vendor's own value (`converted`), never the cell as written.
  const notApplications = new Map(
    Object.entries(match.table.notApplications ?? {}).map(([k, v]) => [matchKey(k), `status "${k}": ${v}`]),
  );
  const rule = match.table.status;
  const hiredReasons = new Set(rule?.from === 'archive' ? rule.hiredReasons.map(matchKey) : []);

  // Who turned the candidate down, by reason, when the row does not say: the config first, then the dialect.
  const byReason = new Map<string, RejectedBy | null>();
  for (const [raw, by] of Object.entries(match.table.reasons ?? {})) byReason.set(matchKey(raw), by);
  for (const [raw, entry] of Object.entries(context.config.reasons)) {
    if (entry.rejectedBy) byReason.set(matchKey(raw), entry.rejectedBy);
  }
  const reasonCache = new Map<string, RejectedBy | null>();
  const rejectedByReason = (text: string): RejectedBy | null => {
    let by = reasonCache.get(text);
    if (by === undefined) {
      by = byReason.get(matchKey(text)) ?? null;
      reasonCache.set(text, by);
    }
    return by;
  };

  return (f) => {
    const applicationId = requiredId(f, iId, 'application_id');
    if (applicationId === undefined) return null;
    const jobId = iJob === NOWHERE ? null : jobIds(f[iJob]);
    if (jobId === null) return sink.reject(name('job_id'), MISSING);
    const appliedAt = instant(f, iApplied, 'applied_at', true);
    if (appliedAt == null) return null;
    let rejectedAt = instant(f, iRejected, 'rejected_at', false);
    if (rejectedAt === undefined) return null;
    let hiredAt = instant(f, iHired, 'hired_at', false);
    if (hiredAt === undefined) return null;
    let rejectionReason = text.optional(f, iReason, reason, 'rejection_reason');
    // The candidate id is only hashed, never kept: trimmed, not copied.
    const candidate = iCandidate === NOWHERE ? '' : f[iCandidate]!.trim();
    const candidateKey = candidate === '' ? null : context.candidateKey(candidate);

    let status: ApplicationStatus;
    if (iStatus !== NOWHERE) {
      const raw = f[iStatus]!.trim();
      if (raw === '') return sink.reject(name('status'), MISSING);
      const found = statusOf(raw);
      if (found === UNKNOWN || found === null) {
        const why = notApplications.get(matchKey(raw));
        if (why !== undefined) return sink.reject(name('status'), why);
        // Counted, not quoted: the problems group by column, and the value may be anything (a name, if the
        // column was mapped by mistake). The unmapped-values list says which values, where it may.
        sink.unmapped('status', 'application_status', raw, APPLICATION_STATUSES, candidateKey);
        return sink.reject(name('status'), 'unknown status (see the values nobody mapped)');
      }
      status = found;
    } else if (iArchived !== NOWHERE) {
      // Lever: archived with a "hired" reason = hired then; archived otherwise = rejected then.
      const archivedAt = instant(f, iArchived, match.archivedAt!.name, false);
      if (archivedAt === undefined) return null;
      if (archivedAt === null) status = 'active';
      else if (rejectionReason !== null && hiredReasons.has(matchKey(rejectionReason))) {
        status = 'hired';
        hiredAt ??= archivedAt;
        rejectionReason = null;
      } else {
        status = 'rejected';
        rejectedAt ??= archivedAt;
      }
    } else {
      // Workable: disqualified = rejected; else a hire date = hired; else active.
      const disqualified = readBoolean(f[iFlag]);
      if (disqualified === undefined) return sink.reject(match.rejectedFlag!.name, 'not a true/false value');
      status = disqualified ? 'rejected' : hiredAt !== null ? 'hired' : 'active';
    }

    let rejectedBy = rejectedByOf(f, iRejectedBy, candidateKey);
    if (status === 'withdrawn') rejectedBy = 'candidate';
    else if (rejectedBy === null && status === 'rejected' && rejectionReason !== null) {
      rejectedBy = rejectedByReason(rejectionReason);
    }

    if (hiredAt !== null && day(hiredAt) < day(appliedAt)) return sink.reject(name('hired_at'), 'hired before applied');
    if (rejectedAt !== null && day(rejectedAt) < day(appliedAt)) {
      return sink.reject(name('rejected_at'), 'rejected before applied');
    }

    return {
      applicationId,
      candidateKey,
      jobId,
      department: text.optional(f, iDepartment, department, 'department'),
      jobTitle: text.optional(f, iTitle, title, 'job_title'),
      appliedAt,
      source: text.optional(f, iSource, source, 'source'),
      currentStage: text.optional(f, iStage, stage, 'current_stage'),
      status,
      rejectedAt,
      rejectionReason,
      rejectedBy,
      hiredAt,
    };
  };
}

/**
 * The application id of an interview or stage-event row (`context.applicationId`: the instance its application
 * holds); undefined when the row was rejected. An export lists the rows of one application together, so the
 * last cell and its id are remembered: a run of rows looks the application up once. (Whatever the lookup
 * gives is equal to the cell's trimmed text, so a remembered answer is always right; only the instance shared
 * could differ.)
 */
function applicationIds(
  context: ReadContext,
  requiredId: (fields: string[], index: number, column: string) => string | undefined,
  index: number,
): (fields: string[]) => string | undefined {
  let lastCell: string | undefined;
  let lastId = '';
  return (f) => {
    const cell = index === NOWHERE ? undefined : f[index];
    if (cell === lastCell && cell !== undefined) return lastId;
    const id = requiredId(f, index, 'application_id');
    if (id === undefined) return undefined;
    lastCell = cell;
    lastId = context.applicationId(id);
    return lastId;
  };
}

function interviewReader(match: Match, context: ReadContext, sink: RowSink): Reader<Interview> {
  const c = match.columns;
  const { instant, requiredId, optionalEnum, name, text } = cells(match, context, sink);
  const { stage, person } = context.text;
  const iId = at(c.interview_id);
  const iApplication = at(c.application_id);
  const iStage = at(c.stage);
  const iInterviewer = at(c.interviewer);
  const iAt = at(c.interview_at);
  const iEnd = at(c.interview_end_at);
  const iDuration = at(match.durationMinutes);
  const iSubmitted = at(c.feedback_submitted_at);
  const iRecommendation = at(c.recommendation);
  const recommendation = optionalEnum<Recommendation>(
    'recommendation',
    'recommendation',
    RECOMMENDATIONS,
    ratingReader(context.config.ratings),
  );
  const applicationIdOf = applicationIds(context, requiredId, iApplication);

  return (f) => {
    const interviewId = requiredId(f, iId, 'interview_id');
    if (interviewId === undefined) return null;
    const applicationId = applicationIdOf(f);
    if (applicationId === undefined) return null;
    const interviewAt = instant(f, iAt, 'interview_at', true);
    if (interviewAt == null) return null;
    let interviewEndAt = instant(f, iEnd, 'interview_end_at', false);
    if (interviewEndAt === undefined) return null;
    if (interviewEndAt === null && iDuration !== NOWHERE) {
      const text = f[iDuration]!.trim();
      const minutes = Number(text); // NaN for text that is not a number: no end then
      if (text !== '' && minutes >= 0) interviewEndAt = interviewAt + minutes * 60_000;
    }
    if (interviewEndAt !== null && interviewEndAt < interviewAt) {
      return sink.reject(name('interview_end_at'), 'interview ends before it starts');
    }
    // Feedback submitted before the interview started (pre-filled, or the interview was moved later) is kept
    // as it is, not quarantined (dropping it would make the submission rate look worse than it was) and not
    // moved (nothing is invented): its hours to feedback are negative, which is on time.
    const feedbackSubmittedAt = instant(f, iSubmitted, 'feedback_submitted_at', false);
    if (feedbackSubmittedAt === undefined) return null;
    return {
      interviewId,
      applicationId,
      stage: text.optional(f, iStage, stage, 'stage'),
      interviewer: text.optional(f, iInterviewer, person, 'interviewer'),
      interviewAt,
      interviewEndAt,
      feedbackSubmittedAt,
      recommendation: recommendation(f, iRecommendation, applicationId),
    };
  };
}

function stageEventReader(match: Match, context: ReadContext, sink: RowSink): Reader<StageEvent> {
  const c = match.columns;
  const { instant, requiredId, name, text } = cells(match, context, sink);
  const { stage, reason } = context.text;
  const iApplication = at(c.application_id);
  const iStage = at(c.stage);
  const iEntered = at(c.entered_at);
  const iExited = at(c.exited_at);
  const iReason = at(c.reason);
  const applicationIdOf = applicationIds(context, requiredId, iApplication);

  return (f) => {
    const applicationId = applicationIdOf(f);
    if (applicationId === undefined) return null;
    const stageName = text.required(f, iStage, stage, 'stage');
    if (stageName === undefined) return null;
    const enteredAt = instant(f, iEntered, 'entered_at', true);
    if (enteredAt == null) return null;
    const exitedAt = instant(f, iExited, 'exited_at', false);
    if (exitedAt === undefined) return null;
    if (exitedAt !== null && exitedAt < enteredAt) {
      return sink.reject(name('exited_at'), 'left the stage before entering it');
    }
    return {
      applicationId,
      stage: stageName,
      enteredAt,
      exitedAt,
      reason: text.optional(f, iReason, reason, 'reason'),
    };
  };
}
