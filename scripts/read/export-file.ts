/**
 * One export file → what happened to each of its rows, told to a `FileTarget`: its table, each record read,
 * each row kept (with its line), each row quarantined (line, column, problem), each value nobody mapped, each
 * value hidden for holding contact details.
 *
 * The same function runs in process (target: the ledger and the merge stores, see `ledgerTarget`) and on a
 * worker thread for large files (target: a batch recorder, replayed into the ledger and the stores on the main
 * thread in file order, see `export-thread.ts`). Either way the ledger sees the same calls in the same order.
 */
import { stat } from 'node:fs/promises';
import { UserError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { BatchColumns, Entity } from '../schema/canonical.ts';
import { readCsv, type CsvStats } from './csv.ts';
import type { EnumKind, Giver, Ledger } from './ledger.ts';
import type { EntityStore, Rows } from './merge.ts';
import { recognise, type Match, type Skip } from './recognise.ts';
import type { DecodedBatch } from './row-batch.ts';
import { rowReader, type ReadContext, type Row, type RowSink } from './rows.ts';
import type { Stores } from './checks.ts';
import type { ContactDetails } from './values.ts';

export interface FileTarget {
  /** The header row, as read (before it is recognised). */
  header?(fields: string[]): void;
  /** The file's table, once its header is recognised. */
  table(entity: Entity): void;
  /** A data record was read (whatever becomes of it). */
  read(): void;
  quarantine(line: number, column: string, problem: string): void;
  unmapped(column: string, kind: EnumKind, value: string, allowed: readonly string[], giver: Giver): void;
  hidden(column: string, what: ContactDetails, person: boolean): void;
  row(row: Row, line: number): void;
}

/** Where a file read on a worker thread is replayed (`ledgerTarget`): it also takes rows in column batches. */
export interface ReplayTarget extends FileTarget {
  /** Rows read on a worker thread, as columns (see `row-batch.ts`). */
  rows(batch: DecodedBatch): void;
  /** About how many more rows the file holds (from its size): room can be made for them at once. */
  expect(rows: number): void;
}

export interface ExportRead {
  stats: CsvStats;
  match: Match | null;
  /** Why the file was not read: its header matches no table, or it is not a text file at all. */
  skip: Skip | null;
}

/**
 * Reads one file into `target`. A file whose header matches no table is skipped (its records are counted,
 * never looked at); so is a file that cannot be read as text (a workbook renamed `.csv`), which the caller
 * is told as a skip, not an error: the build goes on with the files it can use.
 */
export async function readExport(
  path: string,
  name: string,
  context: ReadContext,
  target: FileTarget,
  log: Logger,
  betweenChunks?: (bytesRead: number, fileSize: number) => Promise<void>,
): Promise<ExportRead> {
  let match: Match | null = null;
  let skip: Skip | null = null;
  let seenHeader = false;
  let read: ((fields: string[]) => Row | null) | null = null;
  let line = 0;

  const sink: RowSink = {
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
  };

  let stats: CsvStats;
  try {
    stats = await readCsv(
      path,
      name,
      {
        header(fields) {
          seenHeader = true;
          target.header?.(fields);
          const recognition = recognise(fields, name, context.config);
          if ('skip' in recognition) {
            skip = recognition.skip;
            return;
          }
          match = recognition.match;
          target.table(match.entity);
          read = rowReader(match, context, sink);
        },
        record(fields, at, problem) {
          if (skip) return;
          line = at;
          target.read();
          if (problem !== undefined) {
            sink.reject('', problem);
            return;
          }
          if (fields.length !== match!.width) {
            sink.reject('', `ragged row: ${fields.length} fields where the header has ${match!.width}`);
            return;
          }
          const row = read!(fields);
          if (row !== null) target.row(row, at);
        },
      },
      log,
      undefined,
      betweenChunks,
    );
  } catch (error) {
    // Not a text file, or not readable: known before its first row, so nothing of it reached the tables.
    if (!(error instanceof UserError) || seenHeader) throw error;
    const bytes = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    const fix = error.fix ?? null;
    return {
      stats: { encoding: 'empty', delimiter: ',', bytes, records: 0 },
      match: null,
      skip: { kind: 'unreadable', why: `not read: it ${error.message}`, fix },
    };
  }
  return { stats, match, skip };
}

/** The in-process target: the ledger and the merge stores, for the file at `fileIndex`. */
export function ledgerTarget(ledger: Ledger, stores: Stores, fileIndex: number): ReplayTarget {
  let entity: Entity = 'applications';
  let store: EntityStore<Row, Rows<Row>> | null = null;
  return {
    table(e) {
      entity = e;
      store = stores[e] as unknown as EntityStore<Row, Rows<Row>>;
    },
    read() {
      ledger.counts[entity].read++;
    },
    quarantine(line, column, problem) {
      ledger.quarantine(entity, fileIndex, line, column, problem);
    },
    unmapped(column, kind, value, allowed, giver) {
      ledger.unmappedValue(entity, column, kind, value, allowed, giver);
    },
    hidden(column, what, person) {
      ledger.hiddenValue(entity, column, what, person);
    },
    row(row, line) {
      store!.add(row, fileIndex, line);
    },
    rows(batch) {
      store!.addColumns(batch.columns as unknown as BatchColumns<Row>, batch.lines, batch.rows, fileIndex);
    },
    expect(rows) {
      store!.reserve(rows);
    },
  };
}
