/**
 * The data step: a folder of exports → the aggregates artifact.
 *
 *   loadConfig → ingest (read, recognise, validate, merge; the quarantine ledger) → computeAggregates
 *
 * The result is cached under a content key (every input file, the config and this tool's own code), so an
 * unchanged monthly rebuild reuses the artifact instead of re-reading a million rows.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { aggregatesSchema, type Aggregates } from './schema/aggregates.ts';
import { loadConfig } from './read/config.ts';
import { ingest } from './read/ingest.ts';
import { computeAggregates } from './metrics/index.ts';
import { UserError } from './errors.ts';
import type { Logger } from './log.ts';
import { PROJECT_ROOT } from './cli.ts';

export interface DataStepOptions {
  dataDir: string;
  /** Where the artifact and its cache key are kept. */
  cacheDir: string;
  /** True when `dataDir` is the shipped synthetic sample. */
  sample: boolean;
  force?: boolean;
  log: Logger;
}

export interface DataStepResult {
  aggregates: Aggregates;
  artifactPath: string;
  /** True when the inputs were unchanged and the cached artifact was reused. */
  reused: boolean;
}

/** Every file the data step reads below `dir`: CSV exports and the config, sorted by path. */
export async function inputFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? 'the data folder does not exist' : `the data folder cannot be read (${code})`,
      { file: dir },
      'Pass the folder that holds your CSV exports: npm run build -- --data path/to/exports',
    );
  }
  return entries
    .filter((e) => e.isFile() && (/\.csv$/i.test(e.name) || e.name === 'dashboard.config.json'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !path.relative(dir, file).split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort();
}

async function hashFile(hash: ReturnType<typeof createHash>, file: string): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

/** The cache key: the data step's own code, then every input file's relative path and content. */
export async function inputKey(dataDir: string, sample: boolean): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`sample=${sample}\n`);
  const code = (await fs.readdir(path.join(PROJECT_ROOT, 'scripts'), { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of code) {
    hash.update(`code:${path.relative(PROJECT_ROOT, file)}\n`);
    await hashFile(hash, file);
  }
  for (const file of await inputFiles(dataDir)) {
    hash.update(`input:${path.relative(dataDir, file)}\n`);
    await hashFile(hash, file);
  }
  return hash.digest('hex');
}

/** Write a file so that a reader never sees half of it: a temporary file, then a rename. */
export async function writeAtomically(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temporary, content);
    await fs.rename(temporary, file);
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

export async function runDataStep(options: DataStepOptions): Promise<DataStepResult> {
  const { dataDir, cacheDir, sample, log } = options;
  const artifactPath = path.join(cacheDir, 'aggregates.json');
  const keyPath = path.join(cacheDir, 'aggregates.key');
  const key = await inputKey(dataDir, sample);

  if (!options.force) {
    const cachedKey = await fs.readFile(keyPath, 'utf8').catch(() => null);
    if (cachedKey === key) {
      const cached = await fs.readFile(artifactPath, 'utf8').catch(() => null);
      const parsed = cached === null ? null : aggregatesSchema.safeParse(JSON.parse(cached));
      if (parsed?.success) {
        log.info('Inputs unchanged since the last run: reusing the aggregates (use --force to recompute).');
        return { aggregates: parsed.data, artifactPath, reused: true };
      }
    }
  }

  const config = await loadConfig(dataDir);
  const { tables, quality } = await ingest(dataDir, config, log);
  const aggregates = aggregatesSchema.parse(computeAggregates({ tables, quality, config, sample }));
  // The key is written after the artifact: an interrupted run leaves a stale key at worst, never a key
  // that vouches for a half-written artifact.
  await fs.rm(keyPath, { force: true });
  await writeAtomically(artifactPath, JSON.stringify(aggregates));
  await writeAtomically(keyPath, key);
  return { aggregates, artifactPath, reused: false };
}
