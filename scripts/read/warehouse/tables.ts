/**
 * Vendor warehouse tables (the raw tables a Fivetran sync of Greenhouse or Lever writes, as the public
 * `fivetran/dbt_greenhouse` and `fivetran/dbt_lever` packages read them): how a file is recognised as one of
 * them, from its header alone, and how a join reads their rows.
 *
 * A vendor module (`greenhouse.ts`, `lever.ts`) declares its tables and joins them into template rows; this
 * module knows nothing of either vendor.
 */
import type { Entity } from '../../schema/canonical.ts';
import type { Config } from '../../schema/config.ts';
import { dateReader } from '../dates.ts';
import { readBoolean } from '../values.ts';

/** What the dashboard does with a table: join it into template rows, skip it, or never read it (people). */
export type TableUse = 'joined' | 'not needed' | 'people';

export interface WarehouseTable {
  /** The table's name in the vendor's schema (`job_application`). */
  name: string;
  /** Other names the same rows go by in some syncs (`users` for `user`): one of them is read, never both. */
  aliases?: readonly string[];
  /** Every column the schema gives the table (Fivetran's `_fivetran_*` columns are known to every table). */
  columns: readonly string[];
  /** Columns that must all be present for a header to be this table. */
  key: readonly string[];
  use: TableUse;
  /**
   * A shape so common (`id, name`; `application_id, job_id`) that only Fivetran's own columns beside it, or
   * the vendor's other tables in the same folder, make it this table: a hand-made export with the same few
   * columns is left to the other readers.
   */
  generic?: boolean;
  /** What the table feeds, in the users' words (docs/exports.md lists it; a missing required table names it). */
  feeds?: string;
  /**
   * The columns of other tables that hold this table's ids (`opportunity.stage_id` for `stage`). Tables with the
   * same columns (Lever's `stage` and `archive_reason`: `id, text`) are told apart by these once read: a file is
   * the table whose ids the dump refers to, whatever it is named.
   */
  referencedBy?: ReadonlyArray<readonly [table: string, column: string]>;
}

/** A table of a vendor's schema: its key columns first, then the rest of its columns (`columns` holds both). */
export const table = (
  name: string,
  use: WarehouseTable['use'],
  key: string[],
  columns: string[],
  more: Partial<WarehouseTable> = {},
): WarehouseTable => ({ name, use, key, columns: [...key, ...columns], ...more });

/** A joined table (what its rows become) and the tables it needs. */
export interface Vendor {
  id: string;
  /** `Greenhouse`: how messages and the files summary name it (`applications (Greenhouse warehouse)`). */
  name: string;
  tables: readonly WarehouseTable[];
  /** Tables without which nothing can be built, when any table of the vendor is in the folder to be joined. */
  required: readonly string[];
  /** More tables needed, given the headers of those present (lower case; undefined when a table is absent). */
  alsoRequired?: (header: (table: string) => readonly string[] | undefined) => string[];
  /** What each joined table's rows go into (the files summary says `joined into applications (… warehouse)`). */
  into: Readonly<Record<string, readonly Entity[]>>;
  /** A table that is of no use without others (a link table without the names it links to): an error then. */
  needs: Readonly<Record<string, readonly string[]>>;
  /** The dump's tables → template rows; rows it does not use are counted in `skipped`. */
  join(dump: Dump, skipped: Skipped, config: Config): Joined;
}

const FIVETRAN_COLUMNS = new Set(['_fivetran_synced', '_fivetran_deleted', '_fivetran_id', '_fivetran_active']);
/** Share of a header's columns that must be the table's own: the rest may be custom fields or newer columns. */
const KNOWN_SHARE = 0.6;

const columnKey = (name: string): string => name.trim().toLowerCase();
const baseName = (file: string): string =>
  columnKey(
    file
      .split('/')
      .pop()!
      .replace(/\.csv$/i, ''),
  );

export interface Recognised {
  vendor: Vendor;
  table: WarehouseTable;
}

/**
 * The vendor table a header is, or null. Every key column must be present and most of the header's columns
 * must be the table's own; the table with the most of its columns present wins. The file name only breaks a
 * tie between tables with the same columns (`email_address` and `phone_number`). A generic shape is taken
 * only with Fivetran's columns in the header, or for a vendor in `evident` (its other tables are here).
 */
export function recogniseTable(
  header: readonly string[],
  file: string,
  vendors: readonly Vendor[],
  evident: ReadonlySet<Vendor> = new Set(),
): Recognised | null {
  const present = new Set(header.map(columnKey).filter((name) => name !== ''));
  if (present.size === 0) return null;
  const fivetran = [...present].some((name) => FIVETRAN_COLUMNS.has(name));
  const name = baseName(file);
  let best: { found: Recognised; score: number; named: boolean } | null = null;
  for (const vendor of vendors) {
    for (const table of vendor.tables) {
      if (table.generic && !fivetran && !evident.has(vendor)) continue;
      if (!table.key.every((column) => present.has(column))) continue;
      const own = new Set(table.columns);
      let known = 0;
      for (const column of present) if (own.has(column) || FIVETRAN_COLUMNS.has(column)) known++;
      if (known < KNOWN_SHARE * present.size) continue;
      // Columns of the table that the header has, less a little for each it lacks: the closer shape wins.
      let score = 0;
      for (const column of table.columns) score += present.has(column) ? 1 : -0.01;
      const named = name === table.name || (table.aliases ?? []).includes(name);
      if (!best || score > best.score || (score === best.score && named && !best.named)) {
        best = { found: { vendor, table }, score, named };
      }
    }
  }
  return best?.found ?? null;
}

/** One data record of a file, with the physical line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** Rows a join did not turn into template rows, by why: counted on the files summary and in the log. */
export class Skipped {
  readonly byTable = new Map<string, Map<string, number>>();

  add(table: string, why: string, rows = 1): void {
    const reasons = this.byTable.get(table) ?? new Map<string, number>();
    reasons.set(why, (reasons.get(why) ?? 0) + rows);
    this.byTable.set(table, reasons);
  }
}

/** A table of the dump as read: its cells by column name, its live rows (not deleted in the vendor's system). */
export class DumpTable {
  private readonly positions = new Map<string, number>();
  /** Columns a join read (the others are listed as dropped on the files summary). */
  readonly used = new Set<string>();
  private live: CsvRecord[] | null = null;
  readonly table: WarehouseTable;
  readonly file: string;
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
  private readonly skipped: Skipped;

  constructor(
    table: WarehouseTable,
    file: string,
    header: readonly string[],
    records: readonly CsvRecord[],
    skipped: Skipped,
  ) {
    this.table = table;
    this.file = file;
    this.header = header;
    this.records = records;
    this.skipped = skipped;
    header.forEach((name, i) => {
      const key = columnKey(name);
      if (!this.positions.has(key)) this.positions.set(key, i);
    });
  }

  has(column: string): boolean {
    return this.positions.has(column);
  }

  /** The trimmed cell of `column` ('' when the table has no such column). */
  cell(record: CsvRecord, column: string): string {
    const index = this.positions.get(column);
    if (index === undefined) return '';
    this.used.add(column);
    return (record.fields[index] ?? '').trim();
  }

  /**
   * The rows not deleted in the vendor's system: `_fivetran_deleted` true marks a row the sync keeps after it
   * was deleted in the ATS (soft delete). They are counted, not read.
   */
  rows(): readonly CsvRecord[] {
    if (this.live) return this.live;
    if (!this.has('_fivetran_deleted')) return (this.live = this.records as CsvRecord[]);
    this.live = [];
    let deleted = 0;
    for (const record of this.records) {
      if (readBoolean(this.cell(record, '_fivetran_deleted')) === true) deleted++;
      else this.live.push(record);
    }
    if (deleted > 0) this.skipped.add(this.table.name, 'deleted in the ATS (_fivetran_deleted)', deleted);
    return this.live;
  }

  /** Live rows by the value of `column` (the first row of each value, or all of them with `all`). */
  index(column: string): Map<string, CsvRecord> {
    const map = new Map<string, CsvRecord>();
    for (const record of this.rows()) {
      const key = this.cell(record, column);
      if (key !== '' && !map.has(key)) map.set(key, record);
    }
    return map;
  }

  group(column: string): Map<string, CsvRecord[]> {
    const map = new Map<string, CsvRecord[]>();
    for (const record of this.rows()) {
      const key = this.cell(record, column);
      if (key === '') continue;
      const list = map.get(key);
      if (list) list.push(record);
      else map.set(key, [record]);
    }
    return map;
  }
}

/** The tables of one vendor's dump, by table name. */
export type Dump = ReadonlyMap<string, DumpTable>;

/** One template row a join made: the template columns' cells, and the vendor row it stands for. */
export interface JoinedRow {
  /** The table whose row this is (quarantine entries name its file and line). */
  origin: string;
  line: number;
  cells: Partial<Record<string, string>>;
}

export interface Joined {
  /** Per table, the template columns the join fills (the header of a canonical export of the same history). */
  headers: Record<Entity, readonly string[]>;
  rows: Record<Entity, JoinedRow[]>;
  /** Per origin table, how a template column is named in the vendor's tables (`job_application.job_id`). */
  names: Record<string, Partial<Record<string, string>>>;
}

/**
 * A warehouse timestamp as an ISO instant. Fivetran writes UTC without an offset (`2021-02-09 14:23:59.698`):
 * read as the configured timezone it would be hours off, so the UTC marker is added. Dates and values with an
 * offset are left as they are, and anything else is passed on for the reader to report.
 */
export function utcInstant(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(text);
  return m ? `${m[1]}T${m[2]}Z` : text;
}

/** A warehouse timestamp's instant (NaN when it cannot be read), and the order the joins sort records in. */
export interface Times {
  /** Read as the cell a join hands on will be: `utcInstant`, then the data step's date reader. */
  of(text: string): number;
  /** `start` plus `minutes`, as an ISO instant; '' when either is unreadable. */
  plusMinutes(start: string, minutes: string): string;
}

export function warehouseTimes(config: Pick<Config, 'timezone' | 'dateOrder'>): Times {
  const dates = dateReader({ timezone: config.timezone, dateOrder: config.dateOrder });
  const of = (text: string): number => {
    const trimmed = text.trim();
    return trimmed === '' ? NaN : dates.read(utcInstant(trimmed));
  };
  return {
    of,
    plusMinutes(start, minutes) {
      const at = of(start);
      const n = Number(minutes);
      if (Number.isNaN(at) || minutes === '' || !Number.isFinite(n) || n < 0) return '';
      return new Date(at + n * 60_000).toISOString();
    },
  };
}

/**
 * Earlier first, and a time that cannot be read after every readable one, in every join: so each dated record
 * keeps the place its date gives it (the k-th dated hire fills seat k), whatever the rows' order in the file.
 */
export function byInstant(a: number, b: number): number {
  const unreadA = Number.isNaN(a);
  const unreadB = Number.isNaN(b);
  return unreadA || unreadB ? Number(unreadA) - Number(unreadB) : a - b;
}

/** Records by the instant in `column`, as `byInstant` orders them. */
export function byTime(times: Times, table: DumpTable, column: string): (a: CsvRecord, b: CsvRecord) => number {
  return (a, b) => byInstant(times.of(table.cell(a, column)), times.of(table.cell(b, column)));
}
