/**
 * Whole vendor warehouse dumps (the tables a Fivetran sync of Greenhouse or Lever writes): a folder of them
 * builds with no config and no hand joins.
 *
 * `claimWarehouseTables` looks at every file's header (never its name, except to break a tie between tables
 * with the same columns) and claims the files that are a vendor's warehouse tables; the per-file reader gets
 * the rest. `read` joins each vendor's tables into template rows (`greenhouse.ts`, `lever.ts`) and reads those
 * exactly as a canonical template export is read (`rowReader`): the same values, dates, row rules, merge and
 * ledger, with quarantine entries naming the vendor file and line of the row that is wrong. Rows a join does
 * not use (deleted in the ATS, prospects, leads, cancelled interviews) are counted on the files summary.
 *
 * Tables about people (candidates and their contact details, EEO answers, users' e-mail addresses) are
 * claimed so that nothing else reads them, and never read. The `user` table is read for employees' names only.
 */
import type { Logger } from '../../log.ts';
import type { Aggregates } from '../../schema/aggregates.ts';
import { ENTITIES, type Entity } from '../../schema/canonical.ts';
import type { Stores } from '../checks.ts';
import { readCsv, type CsvStats } from '../csv.ts';
import { ledgerTarget } from '../export-file.ts';
import { droppedColumnsShown } from '../dropped-columns.ts';
import type { CsvFile } from '../files.ts';
import type { Ledger } from '../ledger.ts';
import { recognise, type Match } from '../recognise.ts';
import { rowReader, type ReadContext } from '../rows.ts';
import { formatCount } from '../values.ts';
import { recogniseTable, Skipped, DumpTable, type CsvRecord, type Vendor, type WarehouseTable } from './tables.ts';
import { VENDORS } from './vendors.ts';

export { VENDORS };

type FileSummary = Aggregates['quality']['files'][number];

interface Claimed {
  file: CsvFile;
  vendor: Vendor;
  table: WarehouseTable;
  /** Why it is not read (not needed, about people, the same table read from another file); null: joined. */
  skip: string | null;
}

export interface WarehouseTarget {
  context: ReadContext;
  ledger: Ledger;
  stores: Stores;
  /** The files summary and the recognised tables, by file index (as the per-file loop keeps them). */
  summaries: FileSummary[];
  matches: Array<Match | null>;
  log: Logger;
}

export interface WarehouseClaim {
  /** The files that are not vendor warehouse tables: read one by one as exports. */
  otherFiles: CsvFile[];
  /** Reads the claimed files: their summaries and matches are appended, their rows go to the stores. */
  read(target: WarehouseTarget): Promise<void>;
}

/** Thrown by the header peek once it has the header: the rest of the file is not read then. */
const PEEKED = Symbol('header read');

async function headerOf(file: CsvFile, log: Logger): Promise<string[] | null> {
  let header: string[] | null = null;
  try {
    await readCsv(
      file.path,
      file.name,
      {
        header(fields) {
          header = fields;
          throw PEEKED;
        },
        record() {},
      },
      log,
      1 << 14,
    );
  } catch (error) {
    // A file that cannot be read is left to the per-file reader, which reports it.
    if (error !== PEEKED) return null;
  }
  return header;
}

const entityWords = (entity: Entity): string => entity.replace(/_/g, ' ');
const listOf = (names: readonly string[]): string =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

export async function claimWarehouseTables(files: readonly CsvFile[], log: Logger): Promise<WarehouseClaim> {
  const claimed: Claimed[] = [];
  const headers = new Map<CsvFile, string[] | null>();
  for (const file of files) {
    const header = await headerOf(file, log);
    headers.set(file, header);
    const found = header ? recogniseTable(header, file.name, VENDORS) : null;
    if (found) claimed.push({ file, ...found, skip: null });
  }
  // A vendor whose distinctive tables are here: its link tables are recognised without Fivetran's columns too.
  const evident = new Set(claimed.filter((c) => !c.table.generic && c.table.use === 'joined').map((c) => c.vendor));
  const otherFiles: CsvFile[] = [];
  for (const file of files) {
    if (claimed.some((c) => c.file === file)) continue;
    const header = headers.get(file);
    const found = header && evident.size > 0 ? recogniseTable(header, file.name, VENDORS, evident) : null;
    if (found) claimed.push({ file, ...found, skip: null });
    else otherFiles.push(file);
  }
  claimed.sort((a, b) => (a.file.name < b.file.name ? -1 : a.file.name > b.file.name ? 1 : 0));

  const released = new Set<Claimed>();
  const byVendor = new Map<Vendor, Claimed[]>();
  for (const c of claimed) byVendor.set(c.vendor, [...(byVendor.get(c.vendor) ?? []), c]);
  for (const [vendor, tables] of byVendor) {
    // The same table in several files (`user` and `users`): the one whose path sorts last is read. Tables with
    // the same columns as another (`referencedBy`) are named once read, and only then told apart.
    const last = new Map<string, Claimed>();
    for (const c of tables) last.set(c.table.name, c);
    for (const c of tables) {
      const words = `${vendor.name} warehouse table ${c.table.name}`;
      if (c.table.use === 'people') c.skip = `a table about people (${words}): never read`;
      else if (c.table.use === 'not needed') c.skip = `not needed (${words})`;
      else if (last.get(c.table.name) !== c && !c.table.referencedBy)
        c.skip = `the same table as ${last.get(c.table.name)!.file.name}: read once`;
    }
    const joined = tables.filter((c) => c.skip === null);
    if (joined.length === 0) continue;
    const twins = joined.filter((c) => c.table.referencedBy).flatMap((c) => twinsOf(vendor, c.table));
    const has = (name: string) => last.has(name) || twins.some((t) => t.name === name);
    // One table that looks like a vendor's, without the vendor's main table, is not a dump: an API-shaped export
    // (Greenhouse's scorecards have most of the warehouse scorecard's columns) goes to the per-file reader.
    if (!has(vendor.required[0]!) && joined.filter((c) => !c.table.generic).length < 2) {
      for (const c of joined) released.add(c);
      continue;
    }
    const found = listOf(tables.filter((c) => c.skip === null).map((c) => c.file.name));
    const columnsOf = (name: string) => {
      const c = last.get(name);
      return c ? headers.get(c.file)?.map((column) => column.trim().toLowerCase()) : undefined;
    };
    const missing = [...vendor.required, ...(vendor.alsoRequired?.(columnsOf) ?? [])].filter((name) => !has(name));
    if (missing.length > 0) {
      // A dump without its main tables cannot be joined, but the other exports beside it can still be read: its
      // tables are skipped, each saying what is missing (the build stops later only if no application is left).
      const feeds = missing.map((name) => `${name} (${vendor.tables.find((x) => x.name === name)?.feeds})`);
      const why = `not read: the ${vendor.name} warehouse tables here lack ${listOf(missing)}; export or sync ${missing.length === 1 ? 'it' : 'them'} too, or move the ${vendor.name} tables out of the data folder`;
      log.warn(
        `${vendor.name} warehouse tables found (${found}), but ${listOf(feeds)} ${missing.length === 1 ? 'is' : 'are'} missing: those tables are skipped`,
      );
      for (const c of joined) c.skip = why;
      continue;
    }
    for (const [table, needed] of Object.entries(vendor.needs)) {
      const absent = needed.filter((name) => !has(name));
      if (has(table) && absent.length > 0) {
        const c = last.get(table)!;
        c.skip = `not read: ${vendor.name} warehouse table ${table} is read with ${listOf(absent)}, which ${absent.length === 1 ? 'is' : 'are'} not in the data folder`;
        log.warn(`${c.file.name}: ${c.skip}`);
      }
    }
  }

  if (released.size > 0) {
    for (const [vendor, tables] of byVendor)
      byVendor.set(
        vendor,
        tables.filter((c) => !released.has(c)),
      );
    otherFiles.push(...[...released].map((c) => c.file));
    otherFiles.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return { otherFiles, read: (target) => readClaimed(byVendor, target) };
}

interface Malformed {
  line: number;
  problem: string;
}

async function readClaimed(byVendor: Map<Vendor, Claimed[]>, target: WarehouseTarget): Promise<void> {
  const { context, ledger, stores, summaries, matches, log } = target;
  for (const [vendor, tables] of byVendor) {
    const skipped = new Skipped();
    const read = new Map<Claimed, { stats: CsvStats; table: DumpTable | null; malformed: Malformed[] }>();
    const twins: Twin[] = [];
    const dump = new Map<string, DumpTable>();
    for (const c of tables) {
      let header: string[] = [];
      const records: CsvRecord[] = [];
      // Rows whose cells cannot be told apart (broken quotes, a field too many or too few): never joined.
      const malformed: Malformed[] = [];
      const keep = c.skip === null;
      const stats = await readCsv(
        c.file.path,
        c.file.name,
        {
          header(fields) {
            header = fields;
          },
          record(fields, line, problem) {
            if (!keep) return;
            if (problem === undefined && fields.length === header.length) records.push({ fields, line });
            else
              malformed.push({
                line,
                problem: problem ?? `ragged row: ${fields.length} fields where the header has ${header.length}`,
              });
          },
        },
        log,
      );
      // A table with the same columns as another is made once every other table is in (`nameTwins`).
      const table =
        keep && !c.table.referencedBy ? new DumpTable(c.table, c.file.name, header, records, skipped) : null;
      if (table) dump.set(c.table.name, table);
      read.set(c, { stats, table, malformed });
      if (keep && c.table.referencedBy) twins.push({ claimed: c, header, records });
    }
    for (const { claimed: c, header, records } of nameTwins(vendor, twins, dump)) {
      if (c.skip !== null) continue;
      const table = new DumpTable(c.table, c.file.name, header, records, skipped);
      dump.set(c.table.name, table);
      read.get(c)!.table = table;
    }
    const joined = dump.size > 0 ? vendor.join(dump, skipped, context.config) : null;

    // File indexes as the ledger numbers files: the next ones after the files read so far.
    const fileIndexOf = new Map<string, number>();
    const matchOf = new Map<string, Match>();
    for (const c of tables) {
      const fileIndex = ledger.files.length;
      ledger.files.push(c.file.name);
      const { stats, table, malformed } = read.get(c)!;
      const entity = joined
        ? ENTITIES.find((e) => joined.rows[e].some((row) => row.origin === c.table.name))
        : undefined;
      if (entity) {
        // A row of the table whose rows become template rows: quarantined as that table's, with its line.
        const target = ledgerTarget(ledger, stores, fileIndex);
        target.table(entity);
        for (const { line, problem } of malformed) {
          target.read();
          target.quarantine(line, '', problem);
        }
      } else if (malformed.length > 0) {
        skipped.add(c.table.name, 'rows with broken quotes or the wrong number of fields', malformed.length);
      }
      let match: Match | null = null;
      if (table && joined && entity) {
        match = canonicalMatch(
          entity,
          joined.headers[entity],
          joined.names[c.table.name] ?? {},
          c.file.name,
          vendor,
          context,
        );
        fileIndexOf.set(c.table.name, fileIndex);
        matchOf.set(c.table.name, match);
      }
      matches.push(match);
      const into = vendor.into[c.table.name] ?? [];
      const reasons = skipped.byTable.get(c.table.name);
      const summary: FileSummary = {
        path: c.file.name,
        entity: entity ?? null,
        dialect: table ? `${vendor.id}-warehouse` : null,
        encoding: stats.encoding,
        delimiter: stats.delimiter,
        bytes: stats.bytes,
        rows: stats.records,
        // Named only when known vocabulary, as every other file's: a custom field's header can be a person's name.
        droppedColumns: table
          ? droppedColumnsShown(
              table.header
                .map((name) => name.trim())
                .filter((name) => name !== '' && !table.used.has(name.toLowerCase())),
            )
          : [],
        readAs: !table
          ? null
          : entity
            ? `${entityWords(entity)} (${vendor.name} warehouse)`
            : `joined into ${into.map(entityWords).join(', ') || 'nothing'} (${vendor.name} warehouse)`,
        skipped: c.skip,
      };
      if (reasons) summary.skippedRows = [...reasons].map(([why, rows]) => ({ why, rows }));
      summaries.push(summary);
      // The file's own line (read as, or skipped) is printed with every other file's, from its summary.
      for (const [why, rows] of reasons ?? []) {
        log.info(`${c.file.name}: ${formatCount(rows)} row${rows === 1 ? '' : 's'} not read: ${why}`);
      }
    }
    if (!joined) continue;

    // The joined rows, read as a canonical export: requisitions and applications first, so that interviews
    // and stage events share their application ids' strings.
    for (const entity of ENTITIES) {
      const byOrigin = new Map<string, (fields: string[], line: number) => void>();
      for (const row of joined.rows[entity]) {
        let readRow = byOrigin.get(row.origin);
        if (!readRow) {
          readRow = rowsInto(entity, matchOf.get(row.origin)!, fileIndexOf.get(row.origin)!, target);
          byOrigin.set(row.origin, readRow);
        }
        readRow(
          joined.headers[entity].map((column) => row.cells[column] ?? ''),
          row.line,
        );
      }
    }
  }
}

/** A file of a table with the same columns as another (`WarehouseTable.referencedBy`), read but not yet named. */
interface Twin {
  claimed: Claimed;
  header: readonly string[];
  records: readonly CsvRecord[];
}

const columnSet = (t: WarehouseTable): string => [...t.columns].sort().join(',');

/** The vendor's tables with the same columns as `table` that are told apart by their ids (itself included). */
function twinsOf(vendor: Vendor, table: WarehouseTable): WarehouseTable[] {
  return vendor.tables.filter((t) => t.referencedBy && columnSet(t) === columnSet(table));
}

/**
 * Names each twin file by the table whose ids the rest of the dump refers to (Lever's stage ids are in
 * `opportunity.stage_id`, its archive reasons' in `archived_reason_id`): the table with the most of the file's
 * ids among its references. A file whose ids nobody refers to keeps the table its header and name gave it. Two
 * files named as one table: the one whose path sorts last is read, as for any table. Returns the twins.
 */
function nameTwins(vendor: Vendor, twins: Twin[], dump: Map<string, DumpTable>): Twin[] {
  const refs = new Map<string, Set<string>>();
  const referred = (table: WarehouseTable): Set<string> => {
    let ids = refs.get(table.name);
    if (ids) return ids;
    ids = new Set();
    for (const [name, column] of table.referencedBy ?? []) {
      const from = dump.get(name);
      if (!from?.has(column)) continue;
      for (const record of from.rows()) {
        const id = from.cell(record, column);
        if (id !== '') ids.add(id);
      }
    }
    refs.set(table.name, ids);
    return ids;
  };
  for (const twin of twins) {
    const idAt = twin.header.findIndex((name) => name.trim().toLowerCase() === 'id');
    let best = { table: twin.claimed.table, found: 0 };
    for (const table of twinsOf(vendor, twin.claimed.table)) {
      const ids = referred(table);
      let found = 0;
      for (const record of twin.records) if (ids.has((record.fields[idAt] ?? '').trim())) found++;
      if (found > best.found) best = { table, found };
    }
    twin.claimed.table = best.table;
  }
  const last = new Map<string, Claimed>();
  for (const { claimed } of twins) last.set(claimed.table.name, claimed);
  for (const { claimed } of twins) {
    const winner = last.get(claimed.table.name)!;
    if (winner !== claimed) claimed.skip = `the same table as ${winner.file.name}: read once`;
  }
  return twins;
}

/** The canonical template's reading of `header`, its columns named as the vendor's tables name them. */
function canonicalMatch(
  entity: Entity,
  header: readonly string[],
  names: Partial<Record<string, string>>,
  file: string,
  vendor: Vendor,
  context: ReadContext,
): Match {
  const recognition = recognise(header, file, context.config);
  const match = 'match' in recognition ? recognition.match : null;
  if (!match || match.entity !== entity || match.dialect.id !== 'canonical') {
    throw new Error(`bug: the template header of ${entity} is not read as the canonical template`);
  }
  for (const [column, ref] of Object.entries(match.columns)) {
    if (ref) match.columns[column] = { ...ref, name: names[column] ?? column };
  }
  match.label = `${vendor.id}-warehouse`;
  match.dropped = [];
  return match;
}

/** A reader of joined rows into the ledger and the stores, as the file at `fileIndex`. */
function rowsInto(
  entity: Entity,
  match: Match,
  fileIndex: number,
  { context, ledger, stores }: WarehouseTarget,
): (fields: string[], line: number) => void {
  const target = ledgerTarget(ledger, stores, fileIndex);
  target.table(entity);
  let line = 0;
  const read = rowReader(match, context, {
    reject(column, problem) {
      target.quarantine(line, column, problem);
      return null;
    },
    unmapped(column, kind, value, allowed, giver) {
      target.unmapped(column, kind, value, allowed, giver);
    },
    hidden(column, what, person) {
      target.hidden(column, what, person);
    },
  });
  return (fields, at) => {
    line = at;
    target.read();
    const row = read(fields);
    if (row !== null) target.row(row, at);
  };
}
