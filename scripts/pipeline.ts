/**
 * The data step: a folder of exports → the aggregates artifact.
 *
 *   loadConfig → ingest (read, recognise, validate, merge; the quarantine ledger) → computeAggregates
 *
 * The result is cached under a content key (every input file, the config, the data step's own code and the
 * installed packages' versions), so an unchanged monthly rebuild reuses the artifact instead of re-reading a
 * million rows.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import fs from 'node:fs/promises';
import path from 'node:path';
import { aggregatesSchema, type Aggregates } from './schema/aggregates.ts';
import { CONFIG_FILE, loadConfig } from './read/config.ts';
import { listCsvFiles, listDataFiles } from './read/files.ts';
import { checkNeededTables, ingest } from './read/ingest.ts';
import { applyLabelRule } from './read/labels.ts';
import { boundLabels } from './read/long-labels.ts';
import { disclosureSummary } from './metrics/audit.ts';
import { aggregatesOfFacts, metricFacts } from './metrics/index.ts';
import { UserError } from './errors.ts';
import type { Logger } from './log.ts';
import { PROJECT_ROOT } from './cli.ts';
import { artifactPathIn, keyPathIn } from './cache-files.ts';
import { codeKey } from './cache-key.ts';
import { isAlive } from './processes.ts';

export interface DataStepOptions {
  dataDir: string;
  /** Where the artifact and its cache key are kept. */
  cacheDir: string;
  /** True when `dataDir` is the shipped synthetic sample. */
  sample: boolean;
  force?: boolean;
  /** Stop on any file that is not recognised (`--strict`) instead of skipping it. */
  strict?: boolean;
  log: Logger;
}

export interface DataStepResult {
  /** The artifact: the file's content (which holds it as validated: see `artifactJson`). */
  aggregates: Aggregates;
  artifactPath: string;
  /** True when the inputs were unchanged and the cached artifact was reused. */
  reused: boolean;
}

/**
 * Every file the data step reads below `dir`: the CSV exports exactly as the reader lists them (symbolic links
 * followed, dot-folders skipped), then the config, in path order. The cache key must hash what is read, or a
 * changed file behind a symbolic link would reuse a stale artifact.
 */
export async function inputFiles(dir: string): Promise<string[]> {
  const csv = (await listCsvFiles(dir)).map((file) => file.path);
  const config = path.join(dir, CONFIG_FILE);
  const hasConfig = await fs.stat(config).then(
    (s) => s.isFile(),
    () => false,
  );
  return hasConfig ? [...csv, config] : csv;
}

async function hashFile(
  hash: ReturnType<typeof createHash>,
  buffer: Buffer,
  file: string,
  shown = file,
): Promise<void> {
  try {
    // One buffer per key, read into again and again: a stream of 64 KB chunks took longer to read a large
    // export than hashing it did.
    const handle = await fs.open(file, 'r');
    try {
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(
      `cannot be read (${code})`,
      { file: shown },
      'Check that the file exists and that you may read it.',
    );
  }
}

/** The cache key: `codeKey`, then every input file's relative path and content. */
export async function inputKey(dataDir: string, sample: boolean, root = PROJECT_ROOT): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(4 << 20);
  hash.update(`sample=${sample}\n`);
  hash.update(`code=${await codeKey(root)}\n`);
  for (const file of await inputFiles(dataDir)) {
    const name = path.relative(dataDir, file);
    hash.update(`input:${name}\n`);
    await hashFile(hash, buffer, file, name);
  }
  // The files that are not read are listed on the data-quality page: adding a README changes the artifact.
  for (const file of (await listDataFiles(dataDir)).other) hash.update(`other:${file.name}:${file.why}\n`);
  return hash.digest('hex');
}

/**
 * Write a file so that a reader never sees half of it: a temporary file, flushed to disk, then a rename. The
 * content may come in pieces (`artifactJson`), written as they come; returns the SHA-256 of the bytes written.
 */
export async function writeAtomically(file: string, content: string | Iterable<string>): Promise<string> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const hash = createHash('sha256');
  try {
    const handle = await fs.open(temporary, 'w');
    try {
      // Pieces are encoded into one buffer, written when full: thousands of small writes, or a string and a
      // buffer per write, cost more time and memory than the encoding.
      const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
      let used = 0;
      const write = async (bytes: Buffer) => {
        hash.update(bytes);
        await handle.write(bytes);
      };
      for (const piece of typeof content === 'string' ? [content] : content) {
        const length = Buffer.byteLength(piece);
        if (used + length > buffer.length) {
          await write(buffer.subarray(0, used));
          used = 0;
        }
        if (length > buffer.length) await write(Buffer.from(piece));
        else used += buffer.write(piece, used);
      }
      await write(buffer.subarray(0, used));
      // Without the flush a power cut after the rename can leave an empty file under the final name.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, file);
  } finally {
    await fs.rm(temporary, { force: true });
  }
  return hash.digest('hex');
}
const WRITE_BUFFER_BYTES = 1 << 20;

/**
 * The artifact's text, `JSON.stringify(aggregatesSchema.parse(draft))` byte for byte, in pieces: each field of
 * the artifact, and each element of a field that is an array (the headline series, the fills…), is validated
 * with its own part of the schema (which, as the whole parse does, leaves out anything the schema does not
 * name), stringified and let go of. At ten and a hundred thousand applications the whole validated copy and
 * the whole text (tens of megabytes) were the step's peak of memory, at its very end.
 */
export function* artifactJson(draft: Aggregates): Generator<string> {
  const fields = draft as Record<string, unknown>;
  const validated = (schema: z.ZodType, value: unknown, where: string): unknown => {
    const result = schema.safeParse(value);
    if (!result.success)
      throw new Error(`The aggregates do not match their schema at ${where}: ${result.error.message}`);
    return result.data;
  };
  let separator = '{';
  for (const [key, schema] of Object.entries(aggregatesSchema.shape) as [string, z.ZodType][]) {
    const value = fields[key];
    if (schema instanceof z.ZodArray && Array.isArray(value)) {
      yield `${separator}${JSON.stringify(key)}:[`;
      for (let i = 0; i < value.length; i++) {
        yield `${i === 0 ? '' : ','}${JSON.stringify(validated(schema.element as z.ZodType, value[i], `${key}[${i}]`))}`;
      }
      yield ']';
    } else {
      const parsed = validated(schema, value, key);
      if (parsed === undefined) continue; // as JSON.stringify leaves out an undefined field
      yield `${separator}${JSON.stringify(key)}:`;
      // A section's lists element by element too: the owners' partnerships alone are 36 MB of text at a
      // million applications, which took 0.9 s to stringify whole and 0.1 s element by element.
      yield* inPieces(parsed, 2);
    }
    separator = ',';
  }
  yield separator === '{' ? '{}' : '}';
}

/**
 * `JSON.stringify(value)` in pieces: a plain object's properties and an array's elements, `depth` levels down,
 * each stringified on its own (what `JSON.stringify` leaves out of an object, it leaves out; in an array it
 * writes null; an object with its own `toJSON`, or not a plain one, is stringified whole).
 */
export function* inPieces(value: unknown, depth: number): Generator<string> {
  if (depth > 0 && Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* inPieces(value[i], depth - 1);
    }
    yield ']';
  } else if (
    depth > 0 &&
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  ) {
    let separator = '{';
    for (const [key, property] of Object.entries(value)) {
      if (property === undefined || typeof property === 'function' || typeof property === 'symbol') continue;
      yield `${separator}${JSON.stringify(key)}:`;
      yield* inPieces(property, depth - 1);
      separator = ',';
    }
    yield separator === '{' ? '{}' : '}';
  } else yield JSON.stringify(value) ?? 'null';
}

/**
 * Temporary files that an interrupted run (killed, power cut) left beside `file`: `<file>.<pid>.tmp` whose
 * process is gone. They are never read; this only keeps the cache folder from filling up.
 */
async function removeStaleTemporaries(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length, -'.tmp'.length));
    if (!isAlive(pid)) await fs.rm(path.join(dir, name), { force: true });
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The cached artifact, when the key file vouches for exactly this artifact: the key file holds the inputs'
 * key and the hash of the artifact written with it, so a half-written, truncated, hand-edited or swapped
 * artifact (two runs sharing a cache folder) is recomputed rather than trusted.
 */
async function cachedArtifact(artifactPath: string, keyPath: string, key: string): Promise<Aggregates | null> {
  const stamp = await fs.readFile(keyPath, 'utf8').catch(() => null);
  if (stamp === null) return null;
  const [cachedKey, artifactHash] = stamp.split('\n');
  if (cachedKey !== key || !artifactHash) return null;
  const cached = await fs.readFile(artifactPath, 'utf8').catch(() => null);
  if (cached === null || sha256(cached) !== artifactHash) return null;
  let json: unknown;
  try {
    json = JSON.parse(cached);
  } catch {
    return null;
  }
  const parsed = aggregatesSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** What the disclosure audit did, as a warning when its model did not fit the export (its verdict is then unsure). */
function sayDisclosure(report: Aggregates['disclosure'], log: Logger): void {
  const audited = disclosureSummary(report);
  if (audited && report?.broken) log.warn(audited);
  else if (audited) log.info(audited);
}

export async function runDataStep(options: DataStepOptions): Promise<DataStepResult> {
  const { dataDir, cacheDir, sample, log } = options;
  const artifactPath = artifactPathIn(cacheDir);
  const keyPath = keyPathIn(cacheDir);
  const key = await inputKey(dataDir, sample);

  await removeStaleTemporaries(artifactPath);
  await removeStaleTemporaries(keyPath);
  if (!options.force) {
    const cached = await cachedArtifact(artifactPath, keyPath, key);
    // --strict is not part of the key: an artifact from a run that skipped files is not reused by a strict one.
    const stopsOnSkipped = options.strict && cached?.quality.files.some((f) => f.fix !== undefined);
    if (cached && !stopsOnSkipped) {
      log.info('Inputs unchanged since the last run: reusing the aggregates (use --force to recompute).');
      // What the run that wrote them warned about still holds (a dateOrder to set, files skipped): said again.
      for (const warning of cached.quality.warnings ?? []) log.warn(warning);
      sayDisclosure(cached.disclosure, log);
      return { aggregates: cached, artifactPath, reused: true };
    }
  }

  const config = await loadConfig(dataDir);
  // The warnings are kept with the artifact (see above); they never hold a cell's value.
  const warnings: string[] = [];
  const recording: Logger = {
    ...log,
    warn(message) {
      warnings.push(message);
      log.warn(message);
    },
  };
  const ingested = await ingest(dataDir, config, recording, { strict: options.strict ?? false });
  checkNeededTables(ingested.quality);
  const { tables } = ingested;
  // Published text is a label: text too rare to be one is replaced here, before any figure or output sees it.
  const quality = applyLabelRule(tables, ingested.quality, config, recording);
  // A label is bounded in length here, once, for every page and CSV (the config's names for labels alike).
  const labelled = boundLabels(tables, config, recording);
  quality.warnings = warnings;
  // Seconds at a million applications, with nothing else to show: said, so that the step does not look stuck.
  const computing = performance.now();
  log.progress('Computing the metrics…');
  // The tables are handed over: the interviews and stage events are let go of once their facts are computed.
  const facts = metricFacts(tables, labelled, true);
  const aggregates = aggregatesOfFacts(facts, { quality, config: labelled, sample });
  log.progress(`Metrics computed in ${((performance.now() - computing) / 1000).toFixed(1)} s`, true);
  sayDisclosure(aggregates.disclosure, log);
  // The key is removed first and written after the artifact: an interrupted run leaves no key at worst, never
  // a key that vouches for a half-written artifact; and the key names the artifact's hash (see cachedArtifact).
  // The artifact is validated as it is written: if it does not fit its schema, nothing replaces the old one.
  await fs.rm(keyPath, { force: true });
  const artifactHash = await writeAtomically(artifactPath, artifactJson(aggregates));
  await writeAtomically(keyPath, `${key}\n${artifactHash}`);
  return { aggregates, artifactPath, reused: false };
}
