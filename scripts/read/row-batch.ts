/**
 * Canonical rows in column batches, to move them from a worker thread to the main thread cheaply.
 *
 * Posting millions of row objects between threads would clone them one by one (as slow as reading them).
 * A batch instead holds, per field: instants in a Float64Array (NaN = null); repeated text (departments,
 * stages, people, reasons, statuses, job ids) as Int32Array codes into a dictionary that grows with the file
 * and is sent entry by entry once; identifiers as one NUL-joined string. Typed arrays are transferred, not
 * copied, and a joined string is copied as one block.
 *
 * People's names are the one exception to "the worker reads, the main thread only rebuilds": the stand-in
 * that replaces a name holding contact details is numbered in order of first sight across all files, so the
 * worker reads people unguarded and the main thread guards each new dictionary entry with its own interner
 * (see `RowBatchReader`), in the order the worker first saw them.
 */
import type { Entity } from '../schema/canonical.ts';
import type { EnumKind } from './ledger.ts';
import type { Row } from './rows.ts';
import type { ContactDetails } from './values.ts';

/** How one field of a canonical row travels. */
type FieldKind = 'instant' | 'id' | 'text';
/** The dictionary of a text field; fields that share an interner share a dictionary. */
export type Dictionary =
  'jobId' | 'title' | 'department' | 'location' | 'person' | 'stage' | 'source' | 'reason' | 'enum';
interface FieldSpec {
  key: string;
  kind: FieldKind;
  /** For text fields. */
  dictionary?: Dictionary;
  /** The template column, for people (the ledger names it when a value is hidden). */
  column?: string;
}

const instant = (key: string): FieldSpec => ({ key, kind: 'instant' });
const id = (key: string): FieldSpec => ({ key, kind: 'id' });
const text = (key: string, dictionary: Dictionary, column?: string): FieldSpec => ({
  key,
  kind: 'text',
  dictionary,
  column,
});

/** Every field of every canonical row, in the order of the interfaces in `schema/canonical.ts`. */
export const ROW_FIELDS: Record<Entity, readonly FieldSpec[]> = {
  requisitions: [
    id('requisitionId'),
    text('jobId', 'jobId'),
    text('jobTitle', 'title'),
    text('department', 'department'),
    text('location', 'location'),
    text('hiringManager', 'person', 'hiring_manager'),
    text('recruiter', 'person', 'recruiter'),
    instant('openedAt'),
    instant('filledAt'),
    instant('closedAt'),
    text('status', 'enum'),
  ],
  applications: [
    id('applicationId'),
    id('candidateKey'),
    text('jobId', 'jobId'),
    text('department', 'department'),
    text('jobTitle', 'title'),
    instant('appliedAt'),
    text('source', 'source'),
    text('currentStage', 'stage'),
    text('status', 'enum'),
    instant('rejectedAt'),
    text('rejectionReason', 'reason'),
    text('rejectedBy', 'enum'),
    instant('hiredAt'),
  ],
  interviews: [
    id('interviewId'),
    id('applicationId'),
    text('stage', 'stage'),
    text('interviewer', 'person', 'interviewer'),
    instant('interviewAt'),
    instant('interviewEndAt'),
    instant('feedbackSubmittedAt'),
    text('recommendation', 'enum'),
  ],
  stage_events: [id('applicationId'), text('stage', 'stage'), instant('enteredAt'), instant('exitedAt')],
};

/** What the reader told the ledger about the batch's records (a quarantine names its line). */
export type BatchEvent =
  | { type: 'quarantine'; line: number; column: string; problem: string }
  | { type: 'unmapped'; column: string; kind: EnumKind; value: string; allowed: readonly string[] }
  | { type: 'hidden'; column: string; what: ContactDetails; person: boolean };

/**
 * One batch, as posted. Events and rows are each in reading order; the main thread replays the events before
 * the rows, which the ledger cannot tell apart from interleaving: its entries are sorted by file and line (one
 * entry per line), and its value reports are keyed and sorted.
 */
export interface RowBatch {
  entity: Entity;
  /** Records read (kept, quarantined or not). */
  read: number;
  rows: number;
  lines: Int32Array;
  /** Per field of ROW_FIELDS[entity]: Float64Array (instant), Int32Array (text code, -1 = null), or ids. */
  columns: Array<Float64Array | Int32Array | JoinedIds>;
  /** New dictionary entries since the previous batch, in order of first sight. */
  entries: Partial<Record<Dictionary, string[]>>;
  events: BatchEvent[];
}

/** Identifiers: joined by NUL (null = a lone U+0001), or plainly when some id holds a NUL itself. */
export type JoinedIds = { joined: string } | { list: Array<string | null> };

const NULL_ID = '\u0001';

/** Collects rows and ledger events into batches (worker side). */
export class RowBatchWriter {
  readonly entity: Entity;
  private readonly fields: readonly FieldSpec[];
  private readonly capacity: number;
  private readonly codes = new Map<Dictionary, Map<string, number>>();
  private pendingEntries: Partial<Record<Dictionary, string[]>> = {};
  private read = 0;
  private rows = 0;
  private lines!: Int32Array;
  private columns!: Array<Float64Array | Int32Array | Array<string | null>>;
  private events: BatchEvent[] = [];

  constructor(entity: Entity, capacity: number) {
    this.entity = entity;
    this.fields = ROW_FIELDS[entity];
    this.capacity = capacity;
    this.reset();
  }

  private reset(): void {
    this.read = 0;
    this.rows = 0;
    this.lines = new Int32Array(this.capacity);
    this.columns = this.fields.map((f) =>
      f.kind === 'instant'
        ? new Float64Array(this.capacity)
        : f.kind === 'text'
          ? new Int32Array(this.capacity)
          : new Array<string | null>(),
    );
    this.events = [];
    this.pendingEntries = {};
  }

  /** The code of a text value, adding it to its dictionary at first sight. */
  code(dictionary: Dictionary, value: string): number {
    let codes = this.codes.get(dictionary);
    if (codes === undefined) this.codes.set(dictionary, (codes = new Map()));
    let code = codes.get(value);
    if (code === undefined) {
      code = codes.size;
      codes.set(value, code);
      (this.pendingEntries[dictionary] ??= []).push(value);
    }
    return code;
  }

  countRead(): void {
    this.read++;
  }

  /** Records read into this batch so far. */
  get reads(): number {
    return this.read;
  }

  event(event: BatchEvent): void {
    this.events.push(event);
  }

  /** Adds a row (of a record counted with `countRead`: never more rows than the capacity). */
  add(row: Row, line: number): void {
    const r = this.rows++;
    this.lines[r] = line;
    const values = row as unknown as Record<string, string | number | null>;
    for (let i = 0; i < this.fields.length; i++) {
      const field = this.fields[i]!;
      const value = values[field.key];
      const column = this.columns[i]!;
      if (field.kind === 'instant') (column as Float64Array)[r] = value === null ? NaN : (value as number);
      else if (field.kind === 'text')
        (column as Int32Array)[r] = value === null ? -1 : this.code(field.dictionary!, value as string);
      else (column as Array<string | null>).push(value as string | null);
    }
  }

  /** Whether anything (rows, reads, events, entries) waits to be sent. */
  get pending(): boolean {
    return this.read > 0 || this.events.length > 0 || Object.keys(this.pendingEntries).length > 0;
  }

  /** The batch so far (and a fresh one begins); `transfer`: the buffers to move rather than copy. */
  take(): { batch: RowBatch; transfer: ArrayBuffer[] } {
    const transfer: ArrayBuffer[] = [this.lines.buffer as ArrayBuffer];
    const columns = this.columns.map((column) => {
      if (Array.isArray(column)) return joinIds(column);
      transfer.push(column.buffer as ArrayBuffer);
      return column;
    });
    const batch: RowBatch = {
      entity: this.entity,
      read: this.read,
      rows: this.rows,
      lines: this.lines,
      columns,
      entries: this.pendingEntries,
      events: this.events,
    };
    this.reset();
    return { batch, transfer };
  }
}

function joinIds(ids: Array<string | null>): JoinedIds {
  const joined = ids.map((id) => (id === null ? NULL_ID : id)).join('\u0000');
  // Each NUL must be a separator; an id holding a NUL or being U+0001 itself (only in a damaged file) would
  // be misread, so such a batch's ids go as they are.
  let nuls = 0;
  for (let i = joined.indexOf('\u0000'); i !== -1; i = joined.indexOf('\u0000', i + 1)) nuls++;
  if (nuls !== Math.max(0, ids.length - 1) || ids.some((id) => id === NULL_ID)) return { list: ids };
  return { joined };
}

/** How the main thread turns a dictionary entry into the value rows hold. */
export interface EntryMaker {
  /** A text value as the main thread keeps it (one shared instance per value). */
  text(dictionary: Dictionary, value: string): string;
  /** A person's name read unguarded by the worker: the value to keep, and what was hidden if it was. */
  person(value: string): { value: string; hidden: ContactDetails | null };
  /** An application id as the main thread keeps it (the instance its application row holds). */
  applicationId(id: string): string;
}

/** Rebuilds rows from batches (main side); dictionaries persist from batch to batch of one file. */
export class RowBatchReader {
  private readonly dictionaries = new Map<Dictionary, Array<{ value: string; hidden: ContactDetails | null }>>();
  private readonly make: EntryMaker;

  constructor(make: EntryMaker) {
    this.make = make;
  }

  /**
   * Calls `row` for every row of the batch in order, and `hidden` for every person value that was hidden (as
   * the in-process reader reports one per kept row).
   */
  read(
    batch: RowBatch,
    row: (row: Row, line: number) => void,
    hidden: (column: string, what: ContactDetails) => void,
  ): void {
    for (const [dictionary, values] of Object.entries(batch.entries) as Array<[Dictionary, string[]]>) {
      let entries = this.dictionaries.get(dictionary);
      if (entries === undefined) this.dictionaries.set(dictionary, (entries = []));
      for (const value of values) {
        entries.push(
          dictionary === 'person'
            ? this.make.person(value)
            : { value: this.make.text(dictionary, value), hidden: null },
        );
      }
    }
    const fields = ROW_FIELDS[batch.entity];
    const columns = batch.columns.map((column, i) => {
      if (!('joined' in column) && !('list' in column)) return column;
      const ids = 'joined' in column ? column.joined.split('\u0000') : column.list;
      const spec = fields[i]!;
      return ids.map((id) =>
        id === null || id === NULL_ID
          ? null
          : spec.key === 'applicationId' && batch.entity !== 'applications'
            ? this.make.applicationId(id)
            : id,
      );
    });
    const dictionaries = fields.map((f) => (f.kind === 'text' ? this.dictionaries.get(f.dictionary!) : undefined));
    const decode = decoderOf(batch.entity);
    for (let r = 0; r < batch.rows; r++) row(decode(columns, dictionaries, r, hidden), batch.lines[r]!);
  }
}

type Decode = (
  columns: readonly unknown[],
  dictionaries: readonly unknown[],
  r: number,
  hidden: (column: string, what: ContactDetails) => void,
) => Row;
const decoders = new Map<Entity, Decode>();

/**
 * The function that rebuilds row `r` of an entity's batch, generated from ROW_FIELDS: one object literal with
 * the fields in interface order, as the in-process reader builds it, so that every row of a table has one
 * shape (V8 keeps such objects compact and the metrics' property reads fast; objects grown key by key in a
 * loop would not be) and the table of fields stays the one description of a row.
 */
function decoderOf(entity: Entity): Decode {
  let decode = decoders.get(entity);
  if (decode !== undefined) return decode;
  const before: string[] = [];
  const properties = ROW_FIELDS[entity].map((f, i) => {
    if (f.kind === 'instant') {
      before.push(`const v${i} = c[${i}][r];`);
      return `${f.key}: v${i} === v${i} ? v${i} : null`;
    }
    if (f.kind === 'id') return `${f.key}: c[${i}][r]`;
    before.push(`const k${i} = c[${i}][r];`, `const e${i} = k${i} === -1 ? null : d[${i}][k${i}];`);
    if (f.dictionary === 'person') {
      before.push(`if (e${i} !== null && e${i}.hidden !== null) hidden(${JSON.stringify(f.column)}, e${i}.hidden);`);
    }
    return `${f.key}: e${i} === null ? null : e${i}.value`;
  });
  decode = new Function(
    'c',
    'd',
    'r',
    'hidden',
    `${before.join('\n')}\nreturn { ${properties.join(', ')} };`,
  ) as Decode;
  decoders.set(entity, decode);
  return decode;
}
