/**
 * The reading half of the data step: a folder of CSV exports → clean canonical tables + the data-quality
 * report (docs/exports.md, "Nothing is lost"; SECURITY.md).
 *
 *   files.ts (which files) → export-file.ts, per file: encoding.ts + csv.ts (records with line numbers) →
 *   recognise.ts (which table, which ATS, which column is what) → rows.ts (values, dates, row-level rules)
 *   → merge.ts (re-exports) → checks.ts (across tables) → tables + ledger
 *
 * Large files are read on worker threads, two at a time, and replayed here in file order (export-thread.ts,
 * row-batch.ts): the result is the same as reading them here, only sooner on a machine with two cores.
 *
 * Every data row read ends exactly once as used, a duplicate (identical or conflicting) or quarantined; the
 * identity `read = used + duplicates + quarantined` is asserted per table. Columns outside the template are
 * never stored (only their names, in the files summary); a candidate id only becomes a hashed join key.
 */
import { stat } from 'node:fs/promises';
import { UserError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Aggregates } from '../schema/aggregates.ts';
import { ENTITIES, type CanonicalTables, type Entity } from '../schema/canonical.ts';
import type { Config } from '../schema/config.ts';
import { calendar } from '../time.ts';
import { checkAcrossTables, type Stores } from './checks.ts';
import { dateReader } from './dates.ts';
import { droppedColumnsShown } from './dropped-columns.ts';
import { columnsOfMatch, deriveFromEvents, presentColumns } from './derive.ts';
import { ledgerTarget, readExport, type ReplayTarget } from './export-file.ts';
import { ExportWorker, WORKER_FROM_BYTES } from './export-thread.ts';
import { listDataFiles } from './files.ts';
import { Ledger } from './ledger.ts';
import { claimWarehouseTables } from './warehouse/index.ts';
import { applicationKey, EntityStore, findApplication, interviewKey, requisitionKey, stageEventKey } from './merge.ts';
import type { Match, Skip } from './recognise.ts';
import type { EntryMaker } from './row-batch.ts';
import { hiddenPerson, readContext, type ReadContext } from './rows.ts';
import { contactDetailsIn, formatCount, hiddenValue, pseudonym } from './values.ts';

export interface IngestResult {
  tables: CanonicalTables;
  quality: Aggregates['quality'];
}

type FileSummary = Aggregates['quality']['files'][number];

/** Large files read at a time, on worker threads; and open at once (read, or being merged). */
const WORKERS = 2;
const OPEN_FILES = 3;

export interface IngestOptions {
  /** Files from this size are read on worker threads (default `WORKER_FROM_BYTES`; Infinity: none). */
  workerFromBytes?: number;
  /** Rows per batch from a worker (tests make it small). */
  batchRows?: number;
  /** Any file that is not recognised stops the run (`--strict`), once every file has been looked at. */
  strict?: boolean;
}

export async function ingest(
  dataDir: string,
  config: Config,
  log: Logger,
  options: IngestOptions = {},
): Promise<IngestResult> {
  // Links out of the folder: not read. Files that are not CSV: listed below with why.
  const { csv: files, other } = await listDataFiles(dataDir, (refused) => log.warn(refused));
  // Vendor warehouse dumps (Greenhouse, Lever: scripts/read/warehouse/) claim their tables, from the headers; the
  // loop below reads the other files one by one, and the dumps are joined and read after them.
  const warehouse = await claimWarehouseTables(files, log);
  files.splice(0, files.length, ...warehouse.otherFiles);
  const ledger = new Ledger(config.privacy.minGroupSize);
  const stores: Stores = {
    requisitions: new EntityStore('requisitions', requisitionKey, ledger),
    applications: new EntityStore('applications', applicationKey, ledger),
    interviews: new EntityStore('interviews', interviewKey, ledger),
    stage_events: new EntityStore('stage_events', stageEventKey, ledger),
  };
  const context = readContext(
    config,
    dateReader({ timezone: config.timezone, dateOrder: config.dateOrder }),
    calendar(config.timezone),
    (id) => findApplication(stores.applications, id)?.applicationId ?? id,
  );
  // One pseudonym seed per run, shared with the worker threads (a candidate's key must match across files).
  const candidateSeed = (Math.random() * 2 ** 32) >>> 0;
  context.candidateKey = pseudonym(candidateSeed);
  const make = entryMaker(context);
  const matches: Array<Match | null> = [];
  const summaries: FileSummary[] = [];
  /** Files skipped as not recognised (`--strict` stops on them), by their published name. */
  const unrecognised: string[] = [];

  // Large files are read on worker threads, the next one while this one is merged (export-thread.ts).
  const workerFrom = options.workerFromBytes ?? WORKER_FROM_BYTES;
  const sizes = await Promise.all(
    files.map((file) =>
      stat(file.path).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  const workers = new Map<number, ExportWorker>();
  /**
   * Large files are read two at a time, each as soon as a core is free: when a worker has read its file (its
   * rows wait, in batches, for their turn to be merged) the next large file starts, however many small files
   * lie between (those are read here, and quickly). At most three files are open at once, so that what waits
   * to be merged stays bounded.
   */
  let parsing = 0;
  let current = 0;
  let finished = false;
  const startWorkers = (): void => {
    for (let fileIndex = current; fileIndex < files.length; fileIndex++) {
      if (finished || parsing >= WORKERS || workers.size >= OPEN_FILES) return;
      const file = files[fileIndex]!;
      if (sizes[fileIndex]! < workerFrom || workers.has(fileIndex)) continue;
      const worker = new ExportWorker({
        path: file.path,
        name: file.name,
        config,
        candidateSeed,
        batchRows: options.batchRows,
      });
      workers.set(fileIndex, worker);
      parsing++;
      void worker.parsed.then(() => {
        parsing--;
        startWorkers();
      });
    }
  };
  try {
    for (const [fileIndex, file] of files.entries()) {
      current = fileIndex;
      startWorkers();
      // Messages name the file as the data quality page does: a name that holds an e-mail address is not printed.
      const shown = publishedName(file.name, fileIndex);
      if (shown !== file.name) log.warn(`${shown}: its name holds an e-mail address, so it is not shown`);
      ledger.files.push(shown);
      const worker = workers.get(fileIndex);
      const { summary, match } = await readFile(
        file.path,
        shown,
        context,
        ledgerTarget(ledger, stores, fileIndex),
        worker ? { worker, make } : null,
        log,
      );
      workers.delete(fileIndex);
      matches.push(match);
      summaries.push(summary);
      if (summary.fix !== undefined) unrecognised.push(shown);
    }
  } finally {
    finished = true;
    for (const worker of workers.values()) worker.stop();
  }
  await warehouse.read({ context, ledger, stores, summaries, matches, log });
  // Files that are not CSV: a line and a row each (after the ledger's files, which have no row of theirs).
  const onlyListed = new Set<string>();
  for (const file of other) {
    const shown = publishedName(file.name, summaries.length);
    if (shown !== file.name) log.warn(`${shown}: its name holds an e-mail address, so it is not shown`);
    if (!file.warn) onlyListed.add(shown);
    summaries.push({
      path: shown,
      entity: null,
      dialect: null,
      encoding: '',
      delimiter: '',
      bytes: file.bytes,
      rows: 0,
      droppedColumns: [],
      readAs: null,
      skipped: file.why,
    });
  }

  // One line per file, in path order: what it was read as, or why it was skipped. A vendor's table the
  // dashboard does not use is expected in a dump (a dozen of them): listed, not warned about.
  for (const summary of [...summaries].sort((a, b) => a.path.localeCompare(b.path))) {
    const line = fileLine(summary);
    const expected = onlyListed.has(summary.path) || summary.skipped?.startsWith('not needed') === true;
    if ((summary.skipped !== null || summary.rows === 0) && !expected) log.warn(line);
    else log.info(line);
  }
  if (options.strict && unrecognised.length > 0) {
    throw new UserError(
      `${plural(unrecognised.length, 'file')} not recognised, and --strict is on: ${listed(unrecognised)}`,
      {},
      'Each is listed above with what it lacks and the config that would read it. Map its columns in dashboard.config.json, move it out of the data folder, or build without --strict (unrecognised files are then skipped).',
    );
  }

  const hasFile = (entity: Entity): boolean => matches.some((match) => match?.entity === entity);
  const columnName = (fileIndex: number, column: string): string => matches[fileIndex]?.columns[column]?.name ?? column;
  checkAcrossTables(stores, hasFile, columnName, log);

  const tables: CanonicalTables = {
    requisitions: stores.requisitions.used(),
    applications: stores.applications.used(),
    interviews: stores.interviews.used(),
    stageEvents: stores.stage_events.used(),
  };
  const used: Record<Entity, number> = {
    requisitions: tables.requisitions.length,
    applications: tables.applications.length,
    interviews: tables.interviews.length,
    stage_events: tables.stageEvents.length,
  };

  const entities = ENTITIES.map((entity) => {
    const counts = ledger.counts[entity];
    const accounted = used[entity] + counts.duplicatesIdentical + counts.duplicatesConflicting + counts.quarantined;
    if (accounted !== counts.read) {
      throw new Error(`bug: ${entity}: read ${counts.read} ≠ used + duplicates + quarantined = ${accounted}`);
    }
    return {
      entity,
      read: counts.read,
      used: used[entity],
      duplicatesIdentical: counts.duplicatesIdentical,
      duplicatesConflicting: counts.duplicatesConflicting,
      quarantined: counts.quarantined,
    };
  });
  for (const e of entities) {
    if (e.read === 0 && !hasFile(e.entity)) continue;
    const duplicates = e.duplicatesIdentical + e.duplicatesConflicting;
    log.info(
      `${e.entity}: read ${formatCount(e.read)} = used ${formatCount(e.used)} + duplicates ${formatCount(duplicates)} + quarantined ${formatCount(e.quarantined)}`,
    );
  }
  // Interviews name their application: the candidate behind each is known now that every table is read.
  const unmapped = ledger.unmappedValues((id) => findApplication(stores.applications, id)?.candidateKey ?? null);
  warnAboutValues(ledger.unmappedCounts(), ledger.countProblem('ambiguous date'), log);
  const hidden = ledger.hiddenValues();
  for (const h of hidden) {
    log.warn(
      `${h.entity} ${h.column}: ${formatCount(h.rows)} value${h.rows === 1 ? '' : 's'} ${h.value.replace(/^\(value hidden: (.*)\)$/, '$1')}: hidden, never published (see the data quality page)`,
    );
  }

  // Each file's rows used (after merging and the checks across tables): its row on the data-quality page.
  const usedByFile = new Map<number, number>();
  for (const store of Object.values(stores)) {
    const fileOf = store.fileIndexes;
    const dropped = store.dropped;
    for (let p = 0; p < fileOf.length; p++) {
      if (dropped[p] === 0) usedByFile.set(fileOf[p]!, (usedByFile.get(fileOf[p]!) ?? 0) + 1);
    }
  }
  ledger.files.forEach((path, fileIndex) => {
    const summary = summaries[fileIndex];
    if (summary?.path !== path)
      throw new Error(`bug: file ${fileIndex} is ${path} in the ledger, not ${summary?.path}`);
    if (summary.entity !== null && summary.rows > 0) summary.used = usedByFile.get(fileIndex) ?? 0;
  });

  // Merging is over: its indexes are freed now rather than at V8's next collection of the whole heap.
  for (const store of Object.values(stores)) store.release();

  // What the exports hold only in other columns (outcomes kept as stage events, fill dates as hires).
  const read = presentColumns(matches.flatMap((m) => (m ? [{ entity: m.entity, columns: columnsOfMatch(m) }] : [])));
  const { derived, columns } = deriveFromEvents(tables, read, config, context.calendar, log);
  tables.columns = columns;

  return {
    tables,
    quality: {
      files: summaries,
      entities,
      ledger: ledger.entriesInOrder(),
      problems: ledger.problemGroups(),
      unmapped: [...unmapped, ...hidden],
      columns: ENTITIES.map((entity) => ({ entity, columns: [...read[entity]] })),
      derived,
    },
  };
}

/**
 * A file's name as the artifact (and so the data-quality page) shows it: its path in the data folder, unless
 * the path holds an e-mail address (an export named after a candidate), which is replaced. (Phone-like digits
 * are not looked for here: exports are routinely named with timestamps such as `applications_20250131.csv`.)
 */
function publishedName(name: string, fileIndex: number): string {
  return contactDetailsIn(name) !== 'e-mail address'
    ? name
    : `(file ${fileIndex + 1}: name hidden, it holds an e-mail address)`;
}

/** One warning per column with values nobody mapped, and one for ambiguous dates: the fixes are in the config. */
function warnAboutValues(unmapped: ReturnType<Ledger['unmappedCounts']>, ambiguousDates: number, log: Logger): void {
  // Counted, never quoted: an unknown value may be a person's words or name (a column mapped by mistake).
  for (const { entity, column, values, rows } of unmapped) {
    log.warn(
      `${entity} ${column}: ${plural(values, 'value')} not understood in ${plural(rows, 'row')}: the data quality page lists those that may be shown, with the config that maps them ("values" in dashboard.config.json)`,
    );
  }
  if (ambiguousDates > 0) {
    log.warn(
      `${plural(ambiguousDates, 'row')} quarantined for an ambiguous date, one that reads two ways (03/04/2025, or 04.11.24 08:12 as a German spreadsheet writes it): set "dateOrder": "DMY" or "MDY" in dashboard.config.json`,
    );
  }
}

/** How rows read on a worker thread take their text values here: the instances this thread's readers use. */
function entryMaker(context: ReadContext): EntryMaker {
  const enums = new Map<string, string>();
  return {
    text(dictionary, value) {
      if (dictionary === 'enum') {
        const known = enums.get(value);
        if (known !== undefined) return known;
        enums.set(value, value);
        return value;
      }
      // Already trimmed and guarded on the worker: interning again only shares the instance.
      return context.text[dictionary](value) ?? value;
    },
    person(value) {
      const kept = context.text.person(value)!;
      const hidden = hiddenValue(kept);
      return hidden === null ? { value: kept, hidden: null } : { value: hiddenPerson(hidden.n), hidden: hidden.what };
    },
    applicationId: (id) => context.applicationId(id),
  };
}

/** One file: recognise its header, read its rows into the stores (here or on a worker); its summary. */
async function readFile(
  path: string,
  name: string,
  context: ReadContext,
  target: ReplayTarget,
  worker: { worker: ExportWorker; make: EntryMaker } | null,
  log: Logger,
): Promise<{ summary: FileSummary; match: Match | null; skip: Skip | null }> {
  const { stats, match, skip } = worker
    ? await worker.worker.replay(context, worker.make, target, log)
    : await readExport(path, name, context, target, log);
  const readAs = match
    ? `${match.entity.replace(/_/g, ' ')} (${match.dialect.name}${match.label.endsWith('+config') ? ', with your column mapping' : ''})`
    : null;
  let skipped: string | null = null;
  if (!match) {
    // No header at all; a header and nothing under it (whatever it is, nothing is lost); or the reason.
    skipped = !skip ? 'empty file' : stats.records === 0 && skip.kind !== 'unreadable' ? 'no data rows' : skip.why;
  }
  return {
    match,
    skip,
    summary: {
      path: name,
      entity: match?.entity ?? null,
      dialect: match?.label ?? null,
      encoding: stats.encoding,
      delimiter: stats.delimiter,
      bytes: stats.bytes,
      rows: stats.records,
      droppedColumns: droppedColumnsShown(match?.dropped ?? []),
      readAs,
      skipped,
      // What would read it: for files skipped with data in them (a header-only file loses nothing).
      ...(skipped === skip?.why && skip.kind !== 'people' && skip.fix ? { fix: skip.fix } : {}),
    },
  };
}

/**
 * A file's line in the build output: `applications.csv: read as applications (Greenhouse)`, or
 * `candidates.csv: skipped — a table about people (…): never read`, with what would have it read.
 */
export function fileLine(summary: FileSummary): string {
  if (summary.skipped !== null) {
    const fix = summary.fix ? `\n  How to read it: ${summary.fix}` : '';
    return `${summary.path}: skipped — ${summary.skipped}${fix}`;
  }
  const empty = summary.rows === 0 ? ': a header but no data rows' : '';
  const readAs = summary.readAs ?? summary.entity ?? 'a table';
  // A vendor's link tables are not read as a table of their own: "joined into applications (… warehouse)".
  return `${summary.path}: ${readAs.startsWith('joined into') ? '' : 'read as '}${readAs}${empty}`;
}

const listed = (names: readonly string[], max = 10): string =>
  names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');

const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/**
 * The tables the site cannot do without, checked once reading is over: applications (every figure about
 * candidates rests on them, and interviews and stage events join to them). Without one usable application
 * the run stops, naming what is missing, rather than publish a dashboard "as of 1970-01-01".
 */
export function checkNeededTables(quality: IngestResult['quality']): void {
  const applications = quality.entities.find((e) => e.entity === 'applications');
  if (applications && applications.used > 0) return;
  const files = quality.files.filter((f) => f.entity === 'applications');
  if (files.length === 0 || !applications || applications.read === 0) {
    const seen = quality.files.map(
      (f) =>
        `${f.path} (${f.skipped !== null ? `skipped: ${f.skipped}` : `${f.readAs ?? f.entity}, ${plural(f.rows, 'row')}`})`,
    );
    throw new UserError(
      `no applications were read: none of the ${plural(quality.files.length, 'file')} in the data folder is an export of applications with data rows. ` +
        `Files: ${listed(seen, 5)}`,
      {},
      'Add an export of applications (one row per candidate per job; columns application_id, job_id, applied_at, status), or map the columns of yours under "columns" in dashboard.config.json (the lines above say what each skipped file lacks).',
    );
  }
  // Every row was set aside: the most frequent problems say why, by column (never a cell's value).
  const top = (quality.problems ?? [])
    .filter((g) => g.entity === 'applications' && g.action === 'quarantined')
    .slice(0, 3)
    .map((g) => `${g.file}, column "${g.column || '(the row)'}": ${g.problem} (${plural(g.rows, 'row')})`);
  throw new UserError(
    `no application could be used: all ${plural(applications.read, 'row')} read from ${listed(
      files.map((f) => f.path),
      5,
    )} were set aside. Most often: ${top.join('; ')}`,
    {},
    'Fix the column named above: check that "columns" in dashboard.config.json maps the right column, and for dates see "dateOrder" in docs/configuration.md.',
  );
}
