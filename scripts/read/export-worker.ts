/**
 * Worker thread: reads one large export with `readExport` and posts its rows in column batches (see
 * `row-batch.ts`) and everything else it would have told the ledger, in order. The main thread replays it
 * (`export-thread.ts`). Waits when the main thread falls behind, so memory stays bounded.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { calendar } from '../time.ts';
import { dateReader } from './dates.ts';
import { readExport, type FileTarget } from './export-file.ts';
import type { FromWorker, ToWorker, WorkerInput } from './export-thread.ts';
import { RowBatchWriter } from './row-batch.ts';
import { readContext } from './rows.ts';
import { interner, pseudonym } from './values.ts';

const port = parentPort!;
const input = workerData as WorkerInput;
/** Rows per batch: large enough that messaging costs nothing, small enough to keep memory flat. */
const BATCH_ROWS = input.batchRows ?? 32_768;
/**
 * Batches posted and not yet replayed; beyond this the reader waits between chunks. Large enough that a worker
 * reads its whole file (4M rows) while the main thread is still merging the one before: a worker held back
 * left a core idle, and the next file could not start.
 */
const MAX_IN_FLIGHT = 128;

let inFlight = 0;
let resume: (() => void) | null = null;
port.on('message', (message: ToWorker) => {
  if (message.type === 'replayed') {
    inFlight--;
    resume?.();
    resume = null;
  }
});
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

const { config } = input;
const context = readContext(
  config,
  dateReader({ timezone: config.timezone, dateOrder: config.dateOrder }),
  calendar(config.timezone),
);
// The same pseudonyms as the main thread's (a candidate's key must match across files).
context.candidateKey = pseudonym(input.candidateSeed);
// People are read unguarded here and guarded on the main thread, in this order of first sight (row-batch.ts).
const people = interner(50_000);
context.text.person = (raw) => {
  const value = people(raw);
  if (value !== null) writer?.code('person', value);
  return value;
};

let writer: RowBatchWriter | null = null;
/** Records read from the file so far. */
let records = 0;

function flush(): void {
  if (writer === null || !writer.pending) return;
  const { batch, transfer } = writer.take();
  post({ type: 'batch', batch }, transfer);
  inFlight++;
}

const target: FileTarget = {
  header(fields) {
    post({ type: 'header', fields });
  },
  table(entity) {
    writer = new RowBatchWriter(entity, BATCH_ROWS);
  },
  read() {
    // A batch holds at most BATCH_ROWS records read (so at most as many rows): full, it goes before the next.
    if (writer!.reads === BATCH_ROWS) flush();
    writer!.countRead();
    records++;
  },
  quarantine(line, column, problem) {
    writer!.event({ type: 'quarantine', line, column, problem });
  },
  unmapped(column, kind, value, allowed, giver) {
    writer!.event({ type: 'unmapped', column, kind, value, allowed, giver });
  },
  hidden(column, what, person) {
    writer!.event({ type: 'hidden', column, what, person });
  },
  row(row, line) {
    writer!.add(row, line);
  },
};

/** What the reader says goes out in order with the rows around it. */
const log: Logger = {
  info(message) {
    flush();
    post({ type: 'log', level: 'info', message });
  },
  warn(message) {
    flush();
    post({ type: 'log', level: 'warn', message });
  },
  progress(message, done) {
    flush();
    post({ type: 'log', level: 'progress', message, done: Boolean(done) });
  },
};

try {
  let estimated = false;
  const { stats, skip } = await readExport(
    input.path,
    input.name,
    context,
    target,
    log,
    async (bytesRead, fileSize) => {
      // After the first chunk, the rows to come at the same bytes per row (a few more, for rows of varied width):
      // the main thread makes room for them at once rather than growing its tables step by step.
      if (!estimated && writer !== null && records > 0) {
        estimated = true;
        writer.expect(Math.ceil(((fileSize - bytesRead) / bytesRead) * records * 1.02));
      }
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (resume = resolve));
    },
  );
  flush();
  post({ type: 'done', stats, skip });
} catch (error) {
  flush();
  post(
    error instanceof UserError
      ? { type: 'error', userError: { message: error.message, where: error.where, fix: error.fix } }
      : { type: 'error', bug: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  );
}
