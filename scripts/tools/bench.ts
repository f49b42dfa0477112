/**
 * `npm run bench`: how fast is the data step (and the whole build) on a large export, and does it grow
 * linearly? Not part of `npm test`.
 *
 * For each size (default 10k, 100k and 1M applications, with ~2% as many requisitions, 2× interview slots
 * and 4× stage events) it generates — or reuses — a seeded dataset OUTSIDE the repository (under the OS temp
 * folder by default), runs the data step (`node scripts/data.ts --data DIR --force`, with CACHE_DIR in a
 * scratch folder) several times as a child process, and reports per-entity rows/s and MB/s (rows and bytes of
 * each file over the wall time of the whole step), the median wall time, CPU time (user + system: steadier
 * than wall time on a shared machine) and the child's peak RSS; then it
 * times one full build (`node scripts/build.ts --data DIR --out <scratch> --force`). It ends with the growth
 * ratios between consecutive sizes (linear ⇒ the ratio of the sizes), the machine, and a JSON summary.
 *
 * The performance target is relative: the data step within 3× of DuckDB reading the same CSVs and computing
 * the same headline aggregates, at 1M applications. So each size is also run through the DuckDB reference
 * (`bench/duckdb.ts`: native code, 2 threads, in a child process), one DuckDB run beside each run of the data
 * step (in turn before and after it), and the bench prints each pair's ratio of wall times, their median, and
 * whether the target is met: on a shared machine the two runs of a pair see about the same load, where medians
 * taken minutes apart need not. DuckDB is not a dependency: it is
 * installed on demand outside the project; `--no-duckdb` skips the reference.
 *
 * Usage: npm run bench -- [--sizes 10000,100000,1000000 | --applications N] [--requisitions N]
 *        [--interviews N] [--stage-events N] [--seed 1] [--runs 3] [--skip-site] [--out-dir DIR]
 *        [--json FILE] [--profile SIZES] [--regenerate] [--timeout SECONDS] [--no-duckdb]
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  BENCH_ENTITIES,
  FILES,
  datasetDirName,
  ensureDataset,
  sizeFor,
  type BenchEntity,
  type DatasetInfo,
  type DatasetSize,
} from './bench/generate-large.ts';
import {
  detectRssMethod,
  machineInfo,
  measure,
  median,
  tail,
  type Machine,
  type RssMethod,
  type RunResult,
} from './bench/measure.ts';
import { artifactPathIn } from '../cache-files.ts';
import { RUNTIME } from '../runtime.ts';
import { formatSummary, readProfile, summariseProfile, type ProfileSummary } from './bench/profile.ts';
import {
  DUCKDB_PACKAGE,
  DUCKDB_THREADS,
  TARGET_APPLICATIONS,
  TARGET_RATIO,
  childCommand,
  findOrInstallDuckdb,
  formatVerdict,
  pairRatios,
  pairedVerdictOf,
  parseChildResult,
  verdictOf,
  type DuckdbModule,
  type TargetVerdict,
} from './bench/duckdb.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const USAGE = `Usage: npm run bench -- [options]

  --sizes LIST          applications per dataset, comma-separated (default 10000,100000,1000000)
  --applications N      one size only (instead of --sizes)
  --requisitions N      requisitions at the largest size (default 2% of applications); smaller sizes scale
  --interviews N        interview rows (feedback slots) at the largest size (default 2× applications)
  --stage-events N      stage events at the largest size (default 4× applications)
  --seed S              generator seed (default 1)
  --runs N              data-step runs per size; the median is reported (default 3)
  --skip-site           do not time the full build (data step + Astro site)
  --out-dir DIR         where datasets and scratch files go, outside the repo (default: $TMPDIR/hiring-retro-bench)
  --json FILE           also write the JSON summary here (it is always written to OUT_DIR/last-bench.json)
  --profile SIZES       one extra data-step run at each of these sizes with --cpu-prof, and its top functions
  --regenerate          regenerate datasets even when a matching one exists
  --timeout SECONDS     kill a child that runs longer (default 3600)
  --no-duckdb           skip the DuckDB reference (by default it runs at every size, and is installed
                        on demand into OUT_DIR/duckdb when the project does not have ${DUCKDB_PACKAGE})`;

interface Options {
  sizes: number[];
  explicit: Partial<DatasetSize>;
  seed: number;
  runs: number;
  skipSite: boolean;
  outDir: string;
  json: string | null;
  profileSizes: number[];
  regenerate: boolean;
  timeoutMs: number;
  /** Run the DuckDB reference (false with --no-duckdb). */
  duckdb: boolean;
  /** Hidden: a shell command to time instead of the data step (`{data}` = the dataset folder). */
  command: string | null;
  rssMethod: RssMethod | null;
}

class UsageError extends Error {}

function count(name: string, value: string): number {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

export function parseBenchArgs(argv: string[], cwd = process.env.INIT_CWD || process.cwd()): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sizes: { type: 'string' },
        applications: { type: 'string' },
        requisitions: { type: 'string' },
        interviews: { type: 'string' },
        'stage-events': { type: 'string' },
        seed: { type: 'string', default: '1' },
        runs: { type: 'string', default: '3' },
        'skip-site': { type: 'boolean', default: false },
        'out-dir': { type: 'string' },
        json: { type: 'string' },
        profile: { type: 'string' },
        regenerate: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '3600' },
        command: { type: 'string' },
        'rss-method': { type: 'string' },
        'no-duckdb': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.sizes && values.applications) throw new UsageError('give either --sizes or --applications, not both');
  const sizes = values.applications
    ? [count('applications', values.applications)]
    : (values.sizes ?? '10000,100000,1000000')
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((s) => count('sizes', s));
  const unique = [...new Set(sizes)].sort((a, b) => a - b);
  const outDir = path.resolve(cwd, values['out-dir'] ?? path.join(os.tmpdir(), 'hiring-retro-bench'));
  const rel = path.relative(PROJECT_ROOT, outDir);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
    throw new UsageError(
      `--out-dir ${outDir} is inside the repository; benchmark data must live outside it (default: ${path.join(os.tmpdir(), 'hiring-retro-bench')})`,
    );
  }
  const profileSizes = (values.profile ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((s) => count('profile', s));
  for (const size of profileSizes) {
    if (!unique.includes(size))
      throw new UsageError(`--profile ${size} is not one of the sizes (${unique.join(', ')})`);
  }
  const rssMethod = values['rss-method'] ?? null;
  if (rssMethod !== null && rssMethod !== 'time' && rssMethod !== 'preload')
    throw new UsageError('--rss-method is time or preload');
  const seed = Number(values.seed);
  if (!Number.isFinite(seed)) throw new UsageError(`--seed must be a number, got "${values.seed}"`);
  return {
    sizes: unique,
    explicit: {
      requisitions: values.requisitions ? count('requisitions', values.requisitions) : undefined,
      interviews: values.interviews ? count('interviews', values.interviews) : undefined,
      stageEvents: values['stage-events'] ? count('stage-events', values['stage-events']) : undefined,
    },
    seed,
    runs: count('runs', values.runs),
    skipSite: values['skip-site'],
    outDir,
    json: values.json ? path.resolve(cwd, values.json) : null,
    profileSizes,
    regenerate: values.regenerate,
    timeoutMs: count('timeout', values.timeout) * 1000,
    duckdb: !values['no-duckdb'],
    command: values.command ?? null,
    rssMethod,
  };
}

/** The dataset shape at `applications`: explicit counts are for the largest size, and scale down with it. */
export function shapeAt(applications: number, largest: number, explicit: Partial<DatasetSize>): DatasetSize {
  const scale = applications / largest;
  const scaled = (n: number | undefined) => (n === undefined ? undefined : Math.max(1, Math.round(n * scale)));
  return sizeFor(applications, {
    requisitions: scaled(explicit.requisitions),
    interviews: scaled(explicit.interviews),
    stageEvents: scaled(explicit.stageEvents),
  });
}

// ---------------------------------------------------------------------------------------------------------
// formatting

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => bytes / 1e6;
const fixed = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms: number) => `${fixed(ms / 1000, 2)} s`;
const cpu = (ms: number | null) => (ms === null ? 'n/a' : seconds(ms));
const rss = (kb: number | null) => (kb === null ? 'n/a' : `${int(kb / 1024)} MB`);
const say = (line = '') => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`  … ${line}\n`);

function table(head: string[], rows: string[][], leftColumns = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// the run

interface EntityRate {
  rows: number;
  bytes: number;
  rowsPerSecond: number;
  mbPerSecond: number;
  /**
   * Median seconds the data step itself reported for reading this file (its progress line
   * `applications.csv: 1,000,000 rows, 157 MB in 21.6 s`), when it printed one; reading only, no metrics.
   */
  readSeconds: number | null;
}

/** The data step's own per-file read times from its log, by file name (absent for small files). */
export function readTimesOf(log: string): Map<string, number> {
  const times = new Map<string, number>();
  for (const m of log.matchAll(/^([^\s:][^:]*\.csv): [\d,]+ rows, .* in ([\d.]+) s\s*$/gm)) {
    times.set(m[1]!.trim(), Number(m[2]));
  }
  return times;
}

/** The data step's own total from its last line (`Aggregates written: … (158.3 s)`), in seconds, or null. */
export function stepSecondsOf(log: string): number | null {
  const m = /^Aggregates (?:written|reused): .* \(([\d.]+) s\)\s*$/m.exec(log);
  return m ? Number(m[1]) : null;
}

/** The metrics' time from the data step's log (`Metrics computed in 7.9 s`), in seconds, or null. */
export function metricsSecondsOf(log: string): number | null {
  const m = /^Metrics computed in ([\d.]+) s\s*$/m.exec(log);
  return m ? Number(m[1]) : null;
}

/**
 * What the data step's log tells about where its wall time went. The per-file read times (the entity table)
 * are not phases: large files are read on worker threads while the previous file is merged, so they overlap.
 */
export interface Phases {
  /** The step's own clock: from its start (after Node loaded it) to the artifact written. */
  stepSeconds: number;
  /** Of that, the metrics: from the tables read and merged to the artifact computed (null: not in the log). */
  metricsSeconds: number | null;
  /** Wall time outside that clock: Node starting, loading the modules, exiting. */
  startSeconds: number;
}

/** The phases of one data-step run from its log and wall time, or null when the log does not give them. */
export function phasesOf(log: string, wallMs: number): Phases | null {
  const step = stepSecondsOf(log);
  if (step === null) return null;
  return { stepSeconds: step, metricsSeconds: metricsSecondsOf(log), startSeconds: Math.max(0, wallMs / 1000 - step) };
}

/** The median of each phase over runs, when every run's log gives them. */
export function medianPhases(runs: readonly (Phases | null)[]): Phases | null {
  if (runs.length === 0 || runs.some((p) => p === null)) return null;
  const all = runs as Phases[];
  const metrics = all.map((p) => p.metricsSeconds).filter((v): v is number => v !== null);
  return {
    stepSeconds: median(all.map((p) => p.stepSeconds)),
    metricsSeconds: metrics.length === all.length ? median(metrics) : null,
    startSeconds: median(all.map((p) => p.startSeconds)),
  };
}

interface RunRecord {
  wallMs: number;
  cpuMs: number | null;
  maxRssKb: number | null;
  loadBefore: number;
  loadAfter: number;
  exitCode: number | null;
  logFile: string;
}

const record = (r: RunResult): RunRecord => ({
  wallMs: r.wallMs,
  cpuMs: r.cpuMs,
  maxRssKb: r.maxRssKb,
  loadBefore: r.loadBefore,
  loadAfter: r.loadAfter,
  exitCode: r.exitCode,
  logFile: r.logFile,
});

interface SizeResult {
  applications: number;
  shape: DatasetSize;
  dataset: { dir: string; reused: boolean; generationSeconds: number; files: DatasetInfo['files'] };
  dataStep: {
    command: string;
    runs: RunRecord[];
    medianMs: number;
    /** Median user + system CPU time of the runs (steadier than wall time on a busy machine). */
    medianCpuMs: number | null;
    minMs: number;
    maxMs: number;
    peakRssKb: number | null;
    /** Size of the aggregates artifact the data step wrote (CACHE_DIR/aggregates.json). */
    artifactBytes: number | null;
    perEntity: Record<BenchEntity | 'total', EntityRate>;
    /** Median phases from the step's own log (null when it does not log them: a custom command). */
    phases: Phases | null;
  } | null;
  /** The DuckDB reference on the same files (null with --no-duckdb or when DuckDB is unavailable). */
  duckdb: DuckdbResult | null;
  build: RunRecord | null;
  profile: { file: string; summary: ProfileSummary } | null;
  error: string | null;
}

interface DuckdbRun extends RunRecord {
  /** In-process times the child reported: `read_csv` of the four files into tables, then the aggregates. */
  readMs: number | null;
  aggregateMs: number | null;
}

interface DuckdbResult {
  runs: DuckdbRun[];
  /** Median wall time of the child processes (Node start, loading DuckDB, reading, aggregating, exit). */
  medianMs: number;
  medianCpuMs: number | null;
  peakRssKb: number | null;
  medianReadMs: number | null;
  medianAggregateMs: number | null;
  /** DuckDB's own version (`SELECT version()`). */
  version: string | null;
  /** Result rows per aggregate query (a check that the queries found data). */
  resultRows: Record<string, number> | null;
  /** The median of the paired runs' ratios (data-step wall ÷ DuckDB wall), and the target's verdict. */
  verdict: TargetVerdict | null;
  /** Data-step median wall ÷ DuckDB median wall (shown beside the paired ratio). */
  ratioOfMedians: number | null;
  /** The same ratio of CPU times (DuckDB uses 2 threads: its CPU time can exceed its wall time). */
  cpuRatio: number | null;
  /** Why the reference failed at this size (the bench goes on without its ratio). */
  error: string | null;
}

interface BenchSummary {
  tool: 'hiring-retro-dashboard bench';
  startedAt: string;
  machine: Machine;
  options: { sizes: number[]; runs: number; seed: number; skipSite: boolean; outDir: string; command: string | null };
  /** The DuckDB reference: which, how, or why not. */
  duckdb: {
    status: 'measured' | 'skipped' | 'unavailable';
    package: typeof DUCKDB_PACKAGE;
    packageVersion: string | null;
    source: DuckdbModule['source'] | null;
    threads: number;
    note: string;
    reason: string | null;
  };
  /** The target (issue 6): data step ≤ 3× DuckDB's wall time at 1M applications. */
  target: { ratio: number; applications: number; measuredRatio: number | null; met: boolean | null };
  results: SizeResult[];
  growth: {
    from: number;
    to: number;
    sizeRatio: number;
    /** Of the median wall times of the data step. */
    timeRatio: number;
    /** Of the median CPU times of the data step. */
    cpuTimeRatio: number | null;
    buildTimeRatio: number | null;
  }[];
  /** Highest 1-minute load average seen at the start or end of a measured command. */
  maxLoad: number;
}

async function scratch(outDir: string, prefix: string): Promise<string> {
  await fs.mkdir(path.join(outDir, 'scratch'), { recursive: true });
  return fs.mkdtemp(path.join(outDir, 'scratch', `${prefix}-`));
}

function childEnv(cacheDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1' };
  // the data step must see only the flags we give it
  delete env.DATA_DIR;
  delete env.OUT_DIR;
  delete env.BASE_PATH;
  delete env.FORCE;
  return env;
}

/** The settings the data step's process gets (runtime.ts), as a line for the report. */
function dataStepSettings(): string {
  const { node, env } = RUNTIME['data step'];
  return [...Object.entries(env).map(([name, value]) => `${name}=${value}`), ...node].join(' ');
}

/** The largest file in `dir`. */
async function largestFile(dir: string): Promise<string> {
  const files = await Promise.all(
    (await fs.readdir(dir)).map(async (name) => ({
      file: path.join(dir, name),
      size: (await fs.stat(path.join(dir, name))).size,
    })),
  );
  if (!files.length) throw new Error(`no profile was written in ${dir}`);
  return files.sort((a, b) => b.size - a.size)[0]!.file;
}

async function failure(what: string, run: RunResult): Promise<string> {
  const why = run.timedOut ? 'timed out' : run.signal ? `was killed by ${run.signal}` : `exited with ${run.exitCode}`;
  return `${what} ${why} after ${seconds(run.wallMs)}; the end of its output (${run.logFile}):\n${await tail(run.logFile)}`;
}

async function benchSize(
  options: Options,
  applications: number,
  largest: number,
  rssMethod: RssMethod,
  duckdb: DuckdbModule | null,
): Promise<SizeResult> {
  const shape = shapeAt(applications, largest, options.explicit);
  const params = { ...shape, seed: options.seed };
  const dir = path.join(options.outDir, datasetDirName(params));
  say(
    `\n${int(applications)} applications · ${int(shape.requisitions)} requisitions · ${int(shape.interviews)} interview slots · ${int(shape.stageEvents)} stage events (seed ${options.seed})`,
  );
  progress(`dataset ${dir}`);
  const dataset = await ensureDataset(dir, params, { force: options.regenerate });
  say(`  dataset: ${dir} (${dataset.reused ? 'reused' : `generated in ${fixed(dataset.seconds, 1)} s`})`);
  const result: SizeResult = {
    applications,
    shape,
    dataset: { dir, reused: Boolean(dataset.reused), generationSeconds: dataset.seconds, files: dataset.files },
    dataStep: null,
    duckdb: null,
    build: null,
    profile: null,
    error: null,
  };
  const logs = path.join(options.outDir, 'logs', `apps${applications}`);
  const dataCommand = options.command
    ? ['/bin/sh', '-c', options.command.replaceAll('{data}', dir)]
    : [process.execPath, path.join(PROJECT_ROOT, 'scripts', 'data.ts'), '--data', dir, '--force'];

  // --- the data step, several times, each run paired with a run of the DuckDB reference (in turn first and
  // second): the two runs of a pair see about the same machine, and the target is judged on the pairs' ratios
  const runs: RunResult[] = [];
  const reference = duckdb ? new DuckdbRuns(options, duckdb, dataset, logs, rssMethod) : null;
  let artifactBytes: number | null = null;
  for (let i = 0; i < options.runs; i++) {
    if (reference && i % 2 === 1) await reference.run(i);
    const cache = await scratch(options.outDir, 'cache');
    try {
      const run = await measure(dataCommand, {
        env: childEnv(cache),
        cwd: PROJECT_ROOT,
        logFile: path.join(logs, `data-run${i + 1}.log`),
        rssMethod,
        timeoutMs: options.timeoutMs,
      });
      if (run.exitCode !== 0) {
        result.error = await failure('The data step', run);
        return result;
      }
      runs.push(run);
      artifactBytes = await fs.stat(artifactPathIn(cache)).then(
        (st) => st.size,
        () => null,
      );
      progress(
        `data step run ${i + 1}/${options.runs}: ${seconds(run.wallMs)} (CPU ${cpu(run.cpuMs)}), peak RSS ${rss(run.maxRssKb)}, load ${fixed(run.loadBefore, 2)}→${fixed(run.loadAfter, 2)}`,
      );
    } finally {
      await fs.rm(cache, { recursive: true, force: true });
    }
    if (reference && i % 2 === 0) await reference.run(i);
  }
  const walls = runs.map((r) => r.wallMs);
  const medianMs = median(walls);
  const rssValues = runs.map((r) => r.maxRssKb).filter((v): v is number => v !== null);
  const cpuValues = runs.map((r) => r.cpuMs).filter((v): v is number => v !== null);
  const perEntity = {} as Record<BenchEntity | 'total', EntityRate>;
  let totalRows = 0;
  let totalBytes = 0;
  const runLogs = await Promise.all(runs.map((r) => fs.readFile(r.logFile, 'utf8').catch(() => '')));
  const readTimes = runLogs.map(readTimesOf);
  const phases = medianPhases(runLogs.map((log, i) => phasesOf(log, runs[i]!.wallMs)));
  for (const entity of BENCH_ENTITIES) {
    const { rows, bytes } = dataset.files[entity];
    totalRows += rows;
    totalBytes += bytes;
    const reads = readTimes.map((t) => t.get(FILES[entity])).filter((v): v is number => v !== undefined);
    perEntity[entity] = {
      rows,
      bytes,
      rowsPerSecond: rows / (medianMs / 1000),
      mbPerSecond: mb(bytes) / (medianMs / 1000),
      readSeconds: reads.length === runs.length ? median(reads) : null,
    };
  }
  perEntity.total = {
    rows: totalRows,
    bytes: totalBytes,
    rowsPerSecond: totalRows / (medianMs / 1000),
    mbPerSecond: mb(totalBytes) / (medianMs / 1000),
    readSeconds: null,
  };
  result.dataStep = {
    command: dataCommand.join(' '),
    runs: runs.map(record),
    medianMs,
    medianCpuMs: cpuValues.length ? median(cpuValues) : null,
    minMs: Math.min(...walls),
    maxMs: Math.max(...walls),
    peakRssKb: rssValues.length ? Math.max(...rssValues) : null,
    artifactBytes,
    perEntity,
    phases,
  };
  say(
    `  data step ×${runs.length}: ${walls.map(seconds).join(', ')} → median ${seconds(medianMs)} (CPU user+sys ${cpu(result.dataStep.medianCpuMs)}) · peak RSS ${rss(result.dataStep.peakRssKb)}`,
  );
  const withReads = BENCH_ENTITIES.some((e) => perEntity[e].readSeconds !== null);
  say(
    table(
      ['entity', 'rows', 'MB', 'rows/s', 'MB/s', ...(withReads ? ['read (step log)', 'read rows/s'] : [])],
      [...BENCH_ENTITIES, 'total' as const].map((e) => {
        const r = perEntity[e];
        const read = r.readSeconds;
        return [
          e,
          int(r.rows),
          fixed(mb(r.bytes)),
          int(r.rowsPerSecond),
          fixed(r.mbPerSecond),
          ...(withReads ? [read === null ? '' : seconds(read * 1000), read ? int(r.rows / read) : ''] : []),
        ];
      }),
    ),
  );
  say(
    `  (rows/s and MB/s: each file's rows and bytes over the wall time of the whole step)${artifactBytes === null ? '' : ` · aggregates.json ${fixed(mb(artifactBytes))} MB`}`,
  );
  if (phases) {
    say(
      `  data step phases (its own log, median): the step's own clock ${seconds(phases.stepSeconds * 1000)}` +
        (phases.metricsSeconds === null
          ? ''
          : ` = metrics ${seconds(phases.metricsSeconds * 1000)} + the rest (the cache key, reading and merging, writing the artifact) ${seconds((phases.stepSeconds - phases.metricsSeconds) * 1000)}`) +
        `${withReads ? ' (per-file read times above; large files are read on worker threads while the previous one is merged, so they overlap)' : ''} · Node start, loading modules, exit ${seconds(phases.startSeconds * 1000)}`,
    );
  }

  // --- the DuckDB reference, run in pairs with the data step above
  if (reference) {
    result.duckdb = reference.result(result.dataStep, applications);
    printDuckdb(result.duckdb, result.dataStep);
  }

  // --- one profiled run
  if (options.profileSizes.includes(applications)) {
    const cache = await scratch(options.outDir, 'cache');
    const profileDir = path.join(options.outDir, 'profiles');
    await fs.mkdir(profileDir, { recursive: true });
    const name = `data-apps${applications}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`;
    try {
      // Every Node process of the command writes a profile (the command, the data step it starts): the largest
      // is the data step's.
      const runDir = path.join(profileDir, name.replace(/\.cpuprofile$/, ''));
      const env = childEnv(cache);
      env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${runDir}`.trim();
      const run = await measure(dataCommand, {
        env,
        cwd: PROJECT_ROOT,
        logFile: path.join(logs, 'data-profile.log'),
        rssMethod,
        timeoutMs: options.timeoutMs,
      });
      if (run.exitCode !== 0) {
        result.error = await failure('The profiled data step', run);
        return result;
      }
      const file = await largestFile(runDir);
      const summary = summariseProfile(await readProfile(file), { top: 30 });
      result.profile = { file, summary };
      say(`  profiled run (not counted): ${seconds(run.wallMs)} with --cpu-prof → ${file}`);
      say(formatSummary(summary, 20));
    } finally {
      await fs.rm(cache, { recursive: true, force: true });
    }
  }

  // --- the whole build, once
  if (!options.skipSite) {
    const cache = await scratch(options.outDir, 'cache');
    const site = await scratch(options.outDir, 'site');
    try {
      const command = [
        process.execPath,
        path.join(PROJECT_ROOT, 'scripts', 'build.ts'),
        '--data',
        dir,
        '--out',
        path.join(site, 'dist'),
        '--force',
      ];
      const run = await measure(command, {
        env: childEnv(cache),
        cwd: PROJECT_ROOT,
        logFile: path.join(logs, 'build.log'),
        rssMethod,
        timeoutMs: options.timeoutMs,
      });
      result.build = record(run);
      if (run.exitCode !== 0) {
        result.error = await failure('The build', run);
        return result;
      }
      say(
        `  full build (data step + site): ${seconds(run.wallMs)} (CPU ${cpu(run.cpuMs)}) · peak RSS ${rss(run.maxRssKb)}`,
      );
    } finally {
      await fs.rm(cache, { recursive: true, force: true });
      await fs.rm(site, { recursive: true, force: true });
    }
  }
  return result;
}

/** The DuckDB reference's runs at one size, taken one at a time between the data step's. */
class DuckdbRuns {
  private readonly runs: DuckdbRun[] = [];
  private readonly command: string[];
  private version: string | null = null;
  private resultRows: Record<string, number> | null = null;
  /** Why a run failed: no more runs are taken at this size, and it has no ratio. */
  private error: string | null = null;

  private readonly options: Options;
  private readonly logs: string;
  private readonly rssMethod: RssMethod;

  constructor(options: Options, duckdb: DuckdbModule, dataset: DatasetInfo, logs: string, rssMethod: RssMethod) {
    this.options = options;
    this.logs = logs;
    this.rssMethod = rssMethod;
    const files = Object.fromEntries(
      BENCH_ENTITIES.map((e) => [e, path.join(dataset.dir, dataset.files[e].file)]),
    ) as Record<BenchEntity, string>;
    this.command = childCommand(duckdb.entry, files);
  }

  async run(i: number): Promise<void> {
    if (this.error) return;
    // its own working folder: DuckDB may spill to a temporary directory there
    const cwd = await scratch(this.options.outDir, 'duckdb');
    try {
      const run = await measure(this.command, {
        env: { ...process.env },
        cwd,
        logFile: path.join(this.logs, `duckdb-run${i + 1}.log`),
        rssMethod: this.rssMethod,
        timeoutMs: this.options.timeoutMs,
      });
      if (run.exitCode !== 0) {
        this.error = await failure('The DuckDB reference', run);
        return;
      }
      const child = parseChildResult(await fs.readFile(run.logFile, 'utf8').catch(() => ''));
      if (!child) {
        this.error = `The DuckDB reference printed no result; its output: ${run.logFile}`;
        return;
      }
      this.version = child.version;
      this.resultRows = child.rows;
      this.runs.push({ ...record(run), readMs: child.readMs, aggregateMs: child.aggregateMs });
      progress(
        `DuckDB run ${i + 1}/${this.options.runs}: ${seconds(run.wallMs)} (CPU ${cpu(run.cpuMs)}; read ${seconds(child.readMs)}, aggregates ${seconds(child.aggregateMs)}), peak RSS ${rss(run.maxRssKb)}`,
      );
    } finally {
      await fs.rm(cwd, { recursive: true, force: true });
    }
  }

  result(dataStep: NonNullable<SizeResult['dataStep']>, applications: number): DuckdbResult {
    const { runs, error } = this;
    const medianMs = error ? Number.NaN : median(runs.map((r) => r.wallMs));
    const cpus = runs.map((r) => r.cpuMs).filter((v): v is number => v !== null);
    const rssValues = runs.map((r) => r.maxRssKb).filter((v): v is number => v !== null);
    const medianCpuMs = !error && cpus.length === runs.length ? median(cpus) : null;
    return {
      runs,
      medianMs,
      medianCpuMs,
      peakRssKb: !error && rssValues.length ? Math.max(...rssValues) : null,
      medianReadMs: error ? null : median(runs.map((r) => r.readMs!)),
      medianAggregateMs: error ? null : median(runs.map((r) => r.aggregateMs!)),
      version: this.version,
      resultRows: this.resultRows,
      verdict: error
        ? null
        : pairedVerdictOf(
            dataStep.runs.map((r) => r.wallMs),
            runs.map((r) => r.wallMs),
            applications,
          ),
      ratioOfMedians: error ? null : (verdictOf(dataStep.medianMs, medianMs, applications)?.ratio ?? null),
      cpuRatio: medianCpuMs && dataStep.medianCpuMs ? dataStep.medianCpuMs / medianCpuMs : null,
      error,
    };
  }
}

function printDuckdb(d: DuckdbResult, dataStep: NonNullable<SizeResult['dataStep']>): void {
  if (d.error) {
    say(`  DuckDB reference FAILED (no ratio at this size): ${d.error}`);
    return;
  }
  say(
    `  DuckDB reference (${d.version ?? 'DuckDB'}, native code, ${DUCKDB_THREADS} threads) ×${d.runs.length}: ${d.runs.map((r) => seconds(r.wallMs)).join(', ')} → median ${seconds(d.medianMs)} (CPU user+sys ${cpu(d.medianCpuMs)}) · peak RSS ${rss(d.peakRssKb)}`,
  );
  say(
    `    in its process (median): read_csv of the four files into tables ${seconds(d.medianReadMs!)} · aggregates ${seconds(d.medianAggregateMs!)} · the rest (Node start, loading DuckDB, exit) ${seconds(Math.max(0, d.medianMs - d.medianReadMs! - d.medianAggregateMs!))}`,
  );
  if (d.verdict) {
    const pairs = pairRatios(
      dataStep.runs.map((r) => r.wallMs),
      d.runs.map((r) => r.wallMs),
    )
      .map((ratio) => `${fixed(ratio, 2)}×`)
      .join(', ');
    say(
      `  data step ÷ DuckDB, run by run (${pairs}), median: ${formatVerdict(d.verdict)}` +
        `${d.ratioOfMedians === null ? '' : ` · ratio of the medians ${fixed(d.ratioOfMedians, 2)}×`}` +
        `${d.cpuRatio === null ? '' : ` · of the CPU times ${fixed(d.cpuRatio, 2)}×`}`,
    );
  }
}

export function growthOf(results: SizeResult[]): BenchSummary['growth'] {
  const done = results.filter((r) => r.dataStep);
  const growth: BenchSummary['growth'] = [];
  for (let i = 1; i < done.length; i++) {
    const a = done[i - 1]!;
    const b = done[i]!;
    growth.push({
      from: a.applications,
      to: b.applications,
      sizeRatio: b.applications / a.applications,
      timeRatio: b.dataStep!.medianMs / a.dataStep!.medianMs,
      cpuTimeRatio:
        a.dataStep!.medianCpuMs && b.dataStep!.medianCpuMs ? b.dataStep!.medianCpuMs / a.dataStep!.medianCpuMs : null,
      buildTimeRatio: a.build && b.build && !a.error && !b.error ? b.build.wallMs / a.build.wallMs : null,
    });
  }
  return growth;
}

const short = (n: number) =>
  n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : int(n);

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
      return 1;
    }
    throw error;
  }
  await fs.mkdir(options.outDir, { recursive: true });
  const rssMethod = options.rssMethod ?? (await detectRssMethod(options.outDir));
  const machine = await machineInfo(rssMethod);
  const startedAt = new Date().toISOString();
  say(`Benchmark of the data step${options.skipSite ? '' : ' and the build'} · ${startedAt}`);
  say(
    `Machine: ${machine.cpuModel} · ${machine.cores} cores · ${fixed(machine.totalMemoryBytes / 2 ** 30)} GiB · Node ${machine.node} · ${machine.platform} · peak RSS via ${rssMethod === 'time' ? '/usr/bin/time -v' : 'process.resourceUsage() at exit'}`,
  );
  if (options.command) say(`Timing a custom command instead of the data step: ${options.command}`);
  else
    say(
      `The data step runs as users run it, npm run data (it starts the data step's process with ${dataStepSettings()}; runtime.ts)`,
    );

  // the DuckDB reference: found in the project, or in the bench folder, or installed there now
  const duckdbHow = `DuckDB's native code with ${DUCKDB_THREADS} threads, in its own Node process, one run beside each run of the data step`;
  let duckdb: DuckdbModule | null = null;
  let duckdbReason: string | null = null;
  if (options.duckdb) {
    const found = await findOrInstallDuckdb(PROJECT_ROOT, options.outDir, say, tail);
    if ('error' in found) {
      duckdbReason = found.error;
      say(`DuckDB reference unavailable, continuing without the ratio to DuckDB: ${found.error}`);
    } else {
      duckdb = found;
      const where = found.entry.replace(/\/node_modules\/.*$/, '');
      say(
        `DuckDB reference: ${DUCKDB_PACKAGE} ${found.packageVersion} (${found.source === 'project' ? 'from the project' : `${found.source === 'installed now' ? 'installed now in' : 'from'} ${where}`}) · ${duckdbHow}`,
      );
    }
  } else {
    duckdbReason = '--no-duckdb';
    say('DuckDB reference: skipped (--no-duckdb)');
  }

  const largest = options.sizes[options.sizes.length - 1]!;
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    const result = await benchSize(options, size, largest, rssMethod, duckdb);
    results.push(result);
    if (result.error) {
      say(`\n  FAILED: ${result.error}`);
      // a failed data step will fail at the next size too; a failed build (say, another build running in
      // this project at the same time) does not stop the data-step measurements
      if (!result.dataStep) break;
    }
  }

  const growth = growthOf(results);
  const done = results.filter((r) => r.dataStep);
  const withDuckdb = done.some((r) => r.duckdb?.verdict);
  if (done.length) {
    say(
      `\nSummary (data step${withDuckdb ? ' and DuckDB' : ''}: median wall time of the runs; rows and MB: all four files${withDuckdb ? `; ÷ DuckDB: median of the paired runs' data step wall ÷ DuckDB wall, target ≤ ${TARGET_RATIO}× at 1M` : ''})`,
    );
    say(
      table(
        [
          'applications',
          'rows',
          'MB',
          'data step',
          'CPU',
          'rows/s',
          'MB/s',
          'peak RSS',
          ...(withDuckdb ? ['DuckDB', 'DuckDB RSS', '÷ DuckDB'] : []),
          'full build',
          'build RSS',
        ],
        done.map((r) => {
          const t = r.dataStep!.perEntity.total;
          const d = r.duckdb?.verdict ? r.duckdb : null;
          return [
            int(r.applications),
            int(t.rows),
            fixed(mb(t.bytes)),
            seconds(r.dataStep!.medianMs),
            cpu(r.dataStep!.medianCpuMs),
            int(t.rowsPerSecond),
            fixed(t.mbPerSecond),
            rss(r.dataStep!.peakRssKb),
            ...(withDuckdb
              ? d
                ? [seconds(d.medianMs), rss(d.peakRssKb), `${fixed(d.verdict!.ratio, 2)}×`]
                : ['—', '—', '—']
              : []),
            r.build ? seconds(r.build.wallMs) : '—',
            r.build ? rss(r.build.maxRssKb) : '—',
          ];
        }),
      ),
    );
  }
  if (growth.length) {
    say('\nGrowth (linear ⇒ time ratio ≈ size ratio)');
    for (const g of growth) {
      say(
        `  time(${short(g.to)}) / time(${short(g.from)}) = ${fixed(g.timeRatio, 2)} for ×${fixed(g.sizeRatio, g.sizeRatio % 1 ? 1 : 0)} the rows` +
          (g.cpuTimeRatio !== null ? ` (CPU time: ${fixed(g.cpuTimeRatio, 2)})` : '') +
          (g.buildTimeRatio !== null ? ` (full build: ${fixed(g.buildTimeRatio, 2)})` : ''),
      );
    }
  }
  const atTarget = results.find((r) => r.applications === TARGET_APPLICATIONS)?.duckdb?.verdict ?? null;
  if (duckdb) {
    say(
      atTarget
        ? `\nTarget (data step ≤ ${TARGET_RATIO}× DuckDB at 1M applications): ${atTarget.met ? 'MET' : 'NOT MET'} (${fixed(atTarget.ratio, 2)}×; DuckDB: native code, ${DUCKDB_THREADS} threads)`
        : `\nTarget (data step ≤ ${TARGET_RATIO}× DuckDB at 1M applications): not measured in this run (no 1,000,000 size, or it failed)`,
    );
  }
  const loads = results
    // not the DuckDB runs: with 2 threads they load the machine by themselves
    .flatMap((r) => [...(r.dataStep?.runs ?? []), ...(r.build ? [r.build] : [])])
    .flatMap((r) => [r.loadBefore, r.loadAfter]);
  const maxLoad = loads.length ? Math.max(...loads) : os.loadavg()[0]!;
  // the command itself keeps about one core busy; more than that is someone else's work
  if (maxLoad > 1.5 && maxLoad > machine.cores * 0.75) {
    say(
      `\nNote: the machine was busy (1-minute load average up to ${fixed(maxLoad, 2)} on ${machine.cores} cores): wall times include waiting for the CPU; compare CPU times.`,
    );
  }

  const summary: BenchSummary = {
    tool: 'hiring-retro-dashboard bench',
    startedAt,
    machine,
    options: {
      sizes: options.sizes,
      runs: options.runs,
      seed: options.seed,
      skipSite: options.skipSite,
      outDir: options.outDir,
      command: options.command,
    },
    duckdb: {
      status: duckdb ? 'measured' : options.duckdb ? 'unavailable' : 'skipped',
      package: DUCKDB_PACKAGE,
      packageVersion: duckdb?.packageVersion ?? null,
      source: duckdb?.source ?? null,
      threads: DUCKDB_THREADS,
      note: `${DUCKDB_PACKAGE}: ${duckdbHow}`,
      reason: duckdbReason,
    },
    target: {
      ratio: TARGET_RATIO,
      applications: TARGET_APPLICATIONS,
      measuredRatio: atTarget?.ratio ?? null,
      met: atTarget?.met ?? null,
    },
    results,
    growth,
    maxLoad,
  };
  const json = `${JSON.stringify(summary, null, 2)}\n`;
  const last = path.join(options.outDir, 'last-bench.json');
  await fs.writeFile(last, json);
  if (options.json) {
    await fs.mkdir(path.dirname(options.json), { recursive: true });
    await fs.writeFile(options.json, json);
  }
  say(`\nJSON summary: ${options.json ?? last}`);
  return results.some((r) => r.error) ? 1 : 0;
}

if (import.meta.main) {
  try {
    process.exitCode = await main();
  } catch (error) {
    process.stderr.write(
      `\nerror: ${error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  }
}
