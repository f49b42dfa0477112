/**
 * The data step in a Node process of its own, with the data step's runtime settings (runtime.ts): started by
 * `npm run data`, `build` and `dev`, it reads the exports, writes the artifact and says what it read. Its output
 * (its log, its summary, its errors) is shown as it comes; the command that started it learns only how it ended.
 */
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { SAMPLE_DIR, parseCli, runMain, type CliOptions } from './cli.ts';
import { AlreadyReported, UserError } from './errors.ts';
import { artifactPathIn } from './cache-files.ts';
import { followParent, runChild } from './runtime.ts';

export type DataStepApart = Pick<CliOptions, 'dataDir' | 'cacheDir' | 'force' | 'strict'>;

/** Runs the data step in a child process; resolves with the artifact's path once it has been written or reused. */
export async function runDataStepApart(options: DataStepApart): Promise<string> {
  const { code, signal } = await runChild(
    'data step',
    ['--data', options.dataDir, ...(options.force ? ['--force'] : []), ...(options.strict ? ['--strict'] : [])],
    { CACHE_DIR: options.cacheDir },
  );
  if (signal === 'SIGINT' || signal === 'SIGTERM') process.exit(signal === 'SIGINT' ? 130 : 143);
  if (signal !== null) throw stoppedBy(signal);
  // The child has said what went wrong (a user error: exit 1; a bug: exit 2, with how to report it).
  if (code !== 0) throw new AlreadyReported(code ?? 2, `the data step exited with code ${code}`);
  return artifactPathIn(options.cacheDir);
}

/**
 * What a signal that ended the data step most likely means. V8 aborts the process (SIGABRT) when the heap
 * reaches its limit, after printing its own "heap out of memory" report; the limit is a share of the
 * machine's memory unless set, and the child has this process's Node options, so the same limit. SIGKILL
 * usually comes from the system's (or a container's) out-of-memory killer.
 */
export function stoppedBy(signal: NodeJS.Signals, heapLimitBytes = getHeapStatistics().heap_size_limit): UserError {
  const needs = 'see docs/performance.md for what a data set needs';
  if (signal === 'SIGABRT') {
    const limit = Math.round(heapLimitBytes / 2 ** 20);
    const more = Math.ceil((2 * heapLimitBytes) / 2 ** 30) * 1024;
    return new UserError(
      `the data step was stopped by SIGABRT: most likely it ran out of memory, at Node's heap limit (${limit} MB here)`,
      {},
      `If the machine has the memory, raise the limit, e.g. NODE_OPTIONS=--max-old-space-size=${more} npm run build; ${needs}.`,
    );
  }
  if (signal === 'SIGKILL')
    return new UserError(
      'the data step was stopped by SIGKILL',
      {},
      `That usually means the machine (or its container) ran out of memory: ${needs}.`,
    );
  return new UserError(
    `the data step was stopped by ${signal}`,
    {},
    'Run the build again; if it stops again, report it.',
  );
}

if (import.meta.main)
  await runMain(async () => {
    followParent();
    // Loaded here: the commands that start this process need none of the data step's code.
    const [{ consoleLogger }, { runDataStep }, { summaryLines }] = await Promise.all([
      import('./log.ts'),
      import('./pipeline.ts'),
      import('./summary.ts'),
    ]);
    const options = parseCli(process.argv.slice(2));
    const log = consoleLogger();
    const started = performance.now();
    log.info(`Reading exports in ${options.dataDir}`);
    const result = await runDataStep({
      dataDir: options.dataDir,
      cacheDir: options.cacheDir,
      sample: path.resolve(options.dataDir) === SAMPLE_DIR,
      force: options.force,
      strict: options.strict,
      log,
    });
    for (const line of summaryLines(result.aggregates, result.reused)) log.info(line);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const shown = path.relative(process.cwd(), result.artifactPath);
    log.info(
      `Aggregates ${result.reused ? 'reused' : 'written'}: ${shown.startsWith('..') ? result.artifactPath : shown} (${seconds} s)`,
    );
  });
