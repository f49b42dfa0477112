/**
 * Large exports are read on worker threads (`export-worker.ts`): decoding, CSV parsing, dates and row rules
 * run there, one file per worker, two files read at a time; the main thread decodes the column batches
 * and replays them into the ledger and the merge stores in file order, exactly as reading in process would.
 * A machine's second core is then busy with the next file while the first is being merged.
 *
 * Small files (and every file when workers are turned off) are read in process: a worker's start-up costs
 * more than it saves there.
 */
import { Worker } from 'node:worker_threads';
import { UserError, type Where } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Config } from '../schema/config.ts';
import type { CsvStats } from './csv.ts';
import type { ExportRead, ReplayTarget } from './export-file.ts';
import { recognise } from './recognise.ts';
import { releaseBatch, RowBatchReader, type EntryMaker, type RowBatch } from './row-batch.ts';
import type { ReadContext } from './rows.ts';

/** Files from this size are read on a worker thread. */
export const WORKER_FROM_BYTES = 4 * 1024 * 1024;

export interface WorkerInput {
  path: string;
  name: string;
  config: Config;
  /** The seed of the main thread's candidate pseudonyms. */
  candidateSeed: number;
  /** Rows per batch (default 32,768). */
  batchRows?: number | undefined;
}

export type ToWorker = { type: 'replayed' };

export type FromWorker =
  | { type: 'header'; fields: string[] }
  | { type: 'batch'; batch: RowBatch }
  | { type: 'log'; level: 'info' | 'warn' | 'progress'; message: string; done?: boolean }
  | { type: 'done'; stats: CsvStats; skip: ExportRead['skip'] }
  | { type: 'error'; userError: { message: string; where: Where; fix: string | undefined } }
  | { type: 'error'; bug: string };

/** A file being read on a worker: its messages, queued until the main thread gets to them. */
export class ExportWorker {
  private readonly worker: Worker;
  private readonly queue: FromWorker[] = [];
  private waiting: (() => void) | null = null;
  private ended = false;
  private readonly name: string;
  /** Resolves when the worker has read the whole file (or failed), whether or not it has been replayed. */
  readonly parsed: Promise<void>;
  private markParsed!: () => void;

  constructor(input: WorkerInput) {
    this.name = input.name;
    this.parsed = new Promise((resolve) => (this.markParsed = resolve));
    this.worker = new Worker(new URL('./export-worker.ts', import.meta.url), { workerData: input });
    this.worker.on('message', (message: FromWorker) => this.push(message));
    this.worker.on('error', (error) =>
      this.push({ type: 'error', bug: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
    this.worker.on('exit', (code) => {
      if (!this.ended) this.push({ type: 'error', bug: `the worker thread stopped (exit code ${code})` });
    });
  }

  private push(message: FromWorker): void {
    if (message.type === 'done' || message.type === 'error') {
      this.ended = true;
      this.markParsed();
    }
    this.queue.push(message);
    this.waiting?.();
    this.waiting = null;
  }

  private async next(): Promise<FromWorker> {
    while (this.queue.length === 0) await new Promise<void>((resolve) => (this.waiting = resolve));
    return this.queue.shift()!;
  }

  /** Replays the file into `target` (see the module comment); resolves like `readExport`. */
  async replay(context: ReadContext, make: EntryMaker, target: ReplayTarget, log: Logger): Promise<ExportRead> {
    const rows = new RowBatchReader(make);
    let match: ExportRead['match'] = null;
    let skip: ExportRead['skip'] = null;
    try {
      for (;;) {
        const message = await this.next();
        switch (message.type) {
          case 'header': {
            // The worker recognised it too; recognising is deterministic, so both agree.
            const recognition = recognise(message.fields, this.name, context.config);
            if ('match' in recognition) {
              match = recognition.match;
              target.table(match.entity);
            } else skip = recognition.skip;
            break;
          }
          case 'batch': {
            const { batch } = message;
            for (let i = 0; i < batch.read; i++) target.read();
            for (const e of batch.events) {
              if (e.type === 'quarantine') target.quarantine(e.line, e.column, e.problem);
              else if (e.type === 'unmapped') target.unmapped(e.column, e.kind, e.value, e.allowed, e.giver);
              else target.hidden(e.column, e.what, e.person);
            }
            if (batch.expectedRows > 0) target.expect(batch.expectedRows + batch.rows);
            target.rows(rows.decode(batch, (column, what) => target.hidden(column, what, true)));
            releaseBatch(batch);
            this.worker.postMessage({ type: 'replayed' } satisfies ToWorker);
            break;
          }
          case 'log':
            if (message.level === 'progress') log.progress(message.message, message.done);
            else log[message.level](message.message);
            break;
          case 'done':
            // A file skipped before its header (not a text file) is known only to the worker.
            return { stats: message.stats, match, skip: skip ?? message.skip };
          case 'error':
            throw 'userError' in message
              ? new UserError(message.userError.message, message.userError.where, message.userError.fix)
              : new Error(`reading ${this.name} on a worker thread failed:\n${message.bug}`);
        }
      }
    } finally {
      this.ended = true;
      void this.worker.terminate();
    }
  }

  /** Stops the worker (the run failed elsewhere). */
  stop(): void {
    this.ended = true;
    void this.worker.terminate();
  }
}
