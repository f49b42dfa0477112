/**
 * The DuckDB reference of `npm run bench`: the performance target (issue 6) is "the data step on the
 * 1M-application set in ≤ 3× the time DuckDB takes to read the same CSVs and compute the same headline
 * aggregates", so the bench times DuckDB on the same files, on the same machine.
 *
 * DuckDB (`@duckdb/node-api`, ≈ 40 MB of native code) is not a dependency of the project: it is used when it
 * resolves from the project, else from `<outDir>/duckdb`, where the bench installs it on demand
 * (`npm install --no-save --prefix <outDir>/duckdb @duckdb/node-api`). It runs in a child Node process (so its
 * peak RSS is its own and it cannot disturb the data step), with 2 threads, reading every column as DuckDB's
 * CSV sniffer types it: `read_csv` of the four files into tables, then SQL for the headline aggregates of the
 * artifact (time to fill, feedback, rejections, applications and hires, time in stage), every result read
 * back into JavaScript.
 *
 * The same file is the child: `node scripts/tools/bench/duckdb.ts '<spec JSON>'` prints one line
 * `DUCKDB_RESULT {...}` with its own read and aggregate times.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchEntity } from './generate-large.ts';
import { median } from './measure.ts';

export const DUCKDB_PACKAGE = '@duckdb/node-api';
export const DUCKDB_THREADS = 2;
/** The target: the data step within this many times DuckDB's wall time … */
export const TARGET_RATIO = 3;
/** … on the dataset with this many applications. */
export const TARGET_APPLICATIONS = 1_000_000;
export const RESULT_PREFIX = 'DUCKDB_RESULT ';
export const CHILD_SCRIPT = fileURLToPath(import.meta.url);

/** The tables, in load order: the bench dataset's four files. */
export const TABLES = [
  'requisitions',
  'applications',
  'interviews',
  'stage_events',
] as const satisfies readonly BenchEntity[];

// ---------------------------------------------------------------------------------------------------------
// the SQL (pure)

/** A SQL string literal. */
export const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

export interface ReferenceSql {
  /** Session settings, before anything is timed. */
  setup: string[];
  /** `read_csv` of each file into a table: the "read" phase. */
  load: { table: string; sql: string }[];
  /** The headline aggregates: the "aggregate" phase; each result is read back in full. */
  queries: { name: string; sql: string }[];
}

/** 'All' on the rollup rows of a GROUPING SETS query, as the artifact spells its department rollup. */
const dept = `CASE WHEN grouping(dept) = 1 THEN 'All' ELSE dept END AS department`;
/** Rows without a department (unknown job) are grouped under one label, as in the artifact. */
const deptOf = (alias: string) => `coalesce(${alias}.department, '(none)') AS dept`;
/**
 * One requisition per job, as the artifact links them: several requisitions may share a job_id (reopened
 * seats); an application's department is that of the job's requisition with the smallest requisition_id.
 */
const jobs = `WITH jobs AS (SELECT job_id, arg_min(department, requisition_id) AS department FROM requisitions GROUP BY job_id)`;

/** The reference's SQL for the four files at `files` (absolute paths). */
export function referenceSql(files: Record<BenchEntity, string>): ReferenceSql {
  return {
    // the data step reports in UTC by default; DuckDB would otherwise use the machine's time zone
    setup: [`SET TimeZone = 'UTC'`],
    load: TABLES.map((table) => ({
      table,
      sql: `CREATE TABLE ${table} AS SELECT * FROM read_csv(${sqlString(files[table])})`,
    })),
    queries: [
      {
        // requisitions filled per fill month × department: median, p75, p90 days from opening to fill
        name: 'time to fill',
        sql: `SELECT month, ${dept}, count(*) AS filled, median(days) AS median_days,
  quantile_cont(days, 0.75) AS p75_days, quantile_cont(days, 0.9) AS p90_days
FROM (
  SELECT strftime(r.filled_at, '%Y-%m') AS month, ${deptOf('r')},
    date_diff('day', CAST(r.opened_at AS DATE), CAST(r.filled_at AS DATE)) AS days
  FROM requisitions r
  WHERE r.filled_at IS NOT NULL
)
WHERE days >= 0
GROUP BY GROUPING SETS ((month, dept), (month))
ORDER BY ALL`,
      },
      {
        // feedback slots per interview month × department (interview → application → job's requisition):
        // median and p90 hours from due (interview end, else start) to submission (0 when before due), and
        // the share of slots with feedback within 24 h
        name: 'feedback',
        sql: `${jobs}
SELECT month, ${dept}, count(*) AS slots, count(hours) AS submitted,
  count_if(hours <= 24) AS on_time, count_if(hours <= 24) / count(*) AS on_time_share,
  median(hours) AS median_hours, quantile_cont(hours, 0.9) AS p90_hours
FROM (
  SELECT strftime(i.interview_at, '%Y-%m') AS month, ${deptOf('j')},
    CASE WHEN i.feedback_submitted_at IS NULL THEN NULL
      ELSE greatest(0, (epoch(i.feedback_submitted_at) - epoch(coalesce(i.interview_end_at, i.interview_at))) / 3600)
    END AS hours
  FROM interviews i
  LEFT JOIN applications a ON a.application_id = i.application_id
  LEFT JOIN jobs j ON j.job_id = a.job_id
)
GROUP BY GROUPING SETS ((month, dept), (month))
ORDER BY ALL`,
      },
      {
        // rejections per rejection month × department × reason × who rejected
        name: 'rejections',
        sql: `${jobs}
SELECT month, ${dept}, rejection_reason, rejected_by, count(*) AS rejections
FROM (
  SELECT strftime(a.rejected_at, '%Y-%m') AS month, ${deptOf('j')}, a.rejection_reason, a.rejected_by
  FROM applications a
  LEFT JOIN jobs j ON j.job_id = a.job_id
  WHERE a.rejected_at IS NOT NULL
)
GROUP BY GROUPING SETS ((month, dept, rejection_reason, rejected_by), (month, rejection_reason, rejected_by))
ORDER BY ALL`,
      },
      {
        // applications per application month × department, and how many of them were hired
        name: 'applications and hires',
        sql: `${jobs}
SELECT month, ${dept}, count(*) AS applications, count_if(status = 'hired') AS hires
FROM (
  SELECT strftime(a.applied_at, '%Y-%m') AS month, ${deptOf('j')}, a.status
  FROM applications a
  LEFT JOIN jobs j ON j.job_id = a.job_id
)
GROUP BY GROUPING SETS ((month, dept), (month))
ORDER BY ALL`,
      },
      {
        // stage entries per stage, the applications that entered it, median hours in the stage
        name: 'time in stage',
        sql: `SELECT stage, count(*) AS entries, count(DISTINCT application_id) AS applications,
  median((epoch(exited_at) - epoch(entered_at)) / 3600) AS median_hours
FROM stage_events
GROUP BY stage
ORDER BY ALL`,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// the ratio and the verdict (pure)

export interface TargetVerdict {
  /** Data-step wall ÷ DuckDB wall. */
  ratio: number;
  target: number;
  /** The target is defined at this size (other sizes are shown for the trend only). */
  applies: boolean;
  met: boolean;
}

export function verdictOf(dataStepMs: number, duckdbMs: number, applications: number): TargetVerdict | null {
  if (!(dataStepMs > 0) || !(duckdbMs > 0)) return null;
  return verdictOfRatio(dataStepMs / duckdbMs, applications);
}

function verdictOfRatio(ratio: number, applications: number): TargetVerdict {
  return { ratio, target: TARGET_RATIO, applies: applications === TARGET_APPLICATIONS, met: ratio <= TARGET_RATIO };
}

/**
 * The verdict of runs taken in pairs (data step i, then DuckDB i, or the other way round): the median of
 * each pair's ratio. A shared machine's load drifts over minutes, and DuckDB's own time for the same work
 * moved by a third between two benches here; the two runs of a pair see about the same machine, so their
 * ratio is steadier than the ratio of medians taken minutes apart. Null without a pair of positive times.
 */
export function pairedVerdictOf(
  dataStepMs: readonly number[],
  duckdbMs: readonly number[],
  applications: number,
): TargetVerdict | null {
  const ratios = pairRatios(dataStepMs, duckdbMs);
  return ratios.length === 0 ? null : verdictOfRatio(median(ratios), applications);
}

/** Each pair's data-step wall ÷ DuckDB wall, in run order; a pair without two positive times is left out. */
export function pairRatios(dataStepMs: readonly number[], duckdbMs: readonly number[]): number[] {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(dataStepMs.length, duckdbMs.length); i++) {
    if (dataStepMs[i]! > 0 && duckdbMs[i]! > 0) ratios.push(dataStepMs[i]! / duckdbMs[i]!);
  }
  return ratios;
}

const times = (ratio: number) => `${ratio.toFixed(ratio < 10 ? 2 : 1)}×`;

/** E.g. `14.5× · target ≤ 3× at 1M applications: NOT MET (the data step needs to be 4.83× faster)`. */
export function formatVerdict(v: TargetVerdict): string {
  const head = `${times(v.ratio)} · `;
  if (!v.applies)
    return `${head}≤ ${v.target}× would ${v.met ? 'be met' : 'not be met'} here (the target is set at ${TARGET_APPLICATIONS.toLocaleString('en-US')} applications)`;
  return v.met
    ? `${head}target ≤ ${v.target}× at 1M applications: MET`
    : `${head}target ≤ ${v.target}× at 1M applications: NOT MET (the data step needs to be ${times(v.ratio / v.target)} faster)`;
}

// ---------------------------------------------------------------------------------------------------------
// the child's report (pure)

export interface ChildResult {
  /** DuckDB's own version (`SELECT version()`). */
  version: string;
  threads: number;
  /** In-process milliseconds: `read_csv` into tables, then the aggregate queries; total includes connecting. */
  readMs: number;
  aggregateMs: number;
  totalMs: number;
  /** Result rows per query. */
  rows: Record<string, number>;
}

/** The child's result line in its output, or null. */
export function parseChildResult(output: string): ChildResult | null {
  const line = output
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(RESULT_PREFIX));
  if (!line) return null;
  try {
    const r = JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult;
    return typeof r.readMs === 'number' && typeof r.aggregateMs === 'number' ? r : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// finding or installing the package (parent)

export interface DuckdbModule {
  /** The resolved entry file of `@duckdb/node-api`. */
  entry: string;
  /** The package version (of `@duckdb/node-api`, not of DuckDB itself). */
  packageVersion: string;
  source: 'project' | 'bench folder' | 'installed now';
}

/** Where `@duckdb/node-api` resolves from `dir` (Node's lookup: node_modules here and above), or null. */
export function resolveFrom(dir: string): string | null {
  try {
    return createRequire(path.join(dir, 'resolve-duckdb.js')).resolve(DUCKDB_PACKAGE);
  } catch {
    return null;
  }
}

/** The version in the package.json of the package containing `entry`. */
export function packageVersionOf(entry: string): string {
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === DUCKDB_PACKAGE) return pkg.version ?? 'unknown';
    } catch {
      // keep looking up
    }
  }
  return 'unknown';
}

/** The folder the bench installs DuckDB into. */
export const installDirOf = (outDir: string): string => path.join(outDir, 'duckdb');

/** The npm command that installs DuckDB into `dir` (not the project, and saved nowhere). */
export function installCommand(dir: string): string[] {
  return ['npm', 'install', '--no-save', '--no-audit', '--no-fund', '--prefix', dir, DUCKDB_PACKAGE];
}

async function install(dir: string, logFile: string, timeoutMs: number): Promise<string | null> {
  await fs.mkdir(dir, { recursive: true });
  await fs.mkdir(path.dirname(logFile), { recursive: true });
  const log = await fs.open(logFile, 'w');
  const [command, ...args] = installCommand(dir);
  try {
    const outcome = await new Promise<string | null>((resolve) => {
      const child = spawn(command!, args, { cwd: dir, stdio: ['ignore', log.fd, log.fd] });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        resolve(`could not run npm (${error.message})`);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve(code === 0 ? null : signal ? `npm was killed by ${signal}` : `npm exited with ${code}`);
      });
    });
    return outcome;
  } finally {
    await log.close();
  }
}

/**
 * `@duckdb/node-api` from the project, else from the bench folder, else installed there now. Returns the
 * module, or why there is none (the bench then goes on without the reference).
 */
export async function findOrInstallDuckdb(
  projectRoot: string,
  outDir: string,
  say: (line: string) => void,
  tail: (file: string) => Promise<string>,
): Promise<DuckdbModule | { error: string }> {
  const fromProject = resolveFrom(projectRoot);
  if (fromProject) return { entry: fromProject, packageVersion: packageVersionOf(fromProject), source: 'project' };
  const dir = installDirOf(outDir);
  const fromBench = resolveFrom(dir);
  if (fromBench) return { entry: fromBench, packageVersion: packageVersionOf(fromBench), source: 'bench folder' };
  say(
    `DuckDB reference: ${DUCKDB_PACKAGE} is not installed; installing it once (≈ 40 MB, outside the project) with: ${installCommand(dir).join(' ')}  (--no-duckdb skips the reference)`,
  );
  const logFile = path.join(outDir, 'logs', 'duckdb-install.log');
  const error = await install(dir, logFile, 10 * 60_000);
  if (error)
    return {
      error: `installing ${DUCKDB_PACKAGE} failed: ${error}; the end of its output (${logFile}):\n${await tail(logFile)}`,
    };
  const installed = resolveFrom(dir);
  if (!installed) return { error: `${DUCKDB_PACKAGE} was installed into ${dir} but does not resolve from there` };
  return { entry: installed, packageVersion: packageVersionOf(installed), source: 'installed now' };
}

// ---------------------------------------------------------------------------------------------------------
// the child

interface ChildSpec {
  /** Absolute path of the `@duckdb/node-api` entry file. */
  module: string;
  threads: number;
  files: Record<BenchEntity, string>;
}

/** The argv that runs the reference on `files` in a child Node process. */
export function childCommand(module: string, files: Record<BenchEntity, string>): string[] {
  const spec: ChildSpec = { module, threads: DUCKDB_THREADS, files };
  return [process.execPath, CHILD_SCRIPT, JSON.stringify(spec)];
}

interface DuckdbApi {
  DuckDBInstance: {
    create(
      path: string,
      options: Record<string, string>,
    ): Promise<{
      connect(): Promise<{
        run(sql: string): Promise<unknown>;
        runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
      }>;
    }>;
  };
}

async function child(spec: ChildSpec): Promise<void> {
  const imported = (await import(pathToFileURL(spec.module).href)) as DuckdbApi & { default?: DuckdbApi };
  const api = imported.DuckDBInstance ? imported : imported.default!;
  const sql = referenceSql(spec.files);
  const started = performance.now();
  const db = await api.DuckDBInstance.create(':memory:', { threads: String(spec.threads) });
  const connection = await db.connect();
  for (const statement of sql.setup) await connection.run(statement);
  const loadStarted = performance.now();
  for (const { sql: statement } of sql.load) await connection.run(statement);
  const loaded = performance.now();
  const rows: Record<string, number> = {};
  for (const query of sql.queries) rows[query.name] = (await connection.runAndReadAll(query.sql)).getRows().length;
  const done = performance.now();
  const version = String((await connection.runAndReadAll('SELECT version()')).getRows()[0]?.[0] ?? 'unknown');
  const result: ChildResult = {
    version,
    threads: spec.threads,
    readMs: loaded - loadStarted,
    aggregateMs: done - loaded,
    totalMs: done - started,
    rows,
  };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

if (import.meta.main) {
  const arg = process.argv[2];
  if (!arg) {
    process.stderr.write('usage: node scripts/tools/bench/duckdb.ts \'{"module": …, "threads": 2, "files": {…}}\'\n');
    process.exit(1);
  }
  await child(JSON.parse(arg) as ChildSpec);
}
