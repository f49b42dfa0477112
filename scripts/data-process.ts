/**
 * The data step in a Node process of its own (`scripts/data.ts`), for `npm run build` and `npm run dev`.
 *
 * Why: V8 keeps most of the memory a heap grew to for the rest of the process's life. Run in the build's own
 * process, the data step's peak (1.3 GB at a million applications) stayed under Astro's, and the build peaked
 * at their sum (1.8 GB). Apart, the build peaks at the larger of the two; the data step's output (its log, its
 * summary, its errors) is the child's, shown as it comes.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { PROJECT_ROOT } from './cli.ts';
import { AlreadyReported, UserError } from './errors.ts';
import { artifactPathIn } from './cache-files.ts';

export interface DataStepApart {
  dataDir: string;
  cacheDir: string;
  force: boolean;
  /** `--strict`: the data step stops on a file it does not recognise. */
  strict?: boolean;
}

/**
 * glibc's allocator (Linux) keeps what each thread frees in that thread's arena and gives little of it back to
 * the system, and the data step's reader threads free hundreds of megabytes of batches. Two arenas, and giving
 * back free memory above 4 MB at the top of the heap, took the step's peak at a million applications from
 * 1.24–1.27 GB to 1.08–1.09 GB, and at a hundred thousand from 370–380 MB to 327–332 MB (interleaved runs;
 * time within the noise). glibc reads them when the process starts, so only a child can be given them: the
 * data step of `build` and `dev`. Other allocators (macOS, Windows, musl) ignore them.
 */
export const ALLOCATOR_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: String(4 << 20) } as const;

/** The data step's environment: this process's, the allocator's settings unless the user set their own. */
export function dataStepEnv(env: NodeJS.ProcessEnv, cacheDir: string): NodeJS.ProcessEnv {
  return { ...ALLOCATOR_ENV, ...env, CACHE_DIR: cacheDir };
}

/**
 * The data step's young generation: semi-spaces of 32 MB, as `npm run data` and `npm run dev` have them
 * (package.json). `npm run build` starts Node with 8 MB, for Astro's process (see `SITE_ALLOCATOR_ENV` in
 * build.ts). The data step with 8 MB held 100 MB less at a million applications but took more CPU, and its
 * paired bench went from 2.9× DuckDB's time to 3.14× (see ARCHITECTURE.md, Runtime).
 */
export const DATA_STEP_SEMI_SPACE_MB = 32;

/**
 * The data step's Node options: this process's (`--expose-gc`, the compile cache), but the data step's own young
 * generation, and not a debugger's (the child would ask for the port this process holds).
 */
export function dataStepNodeOptions(execArgv: readonly string[]): string[] {
  return [
    ...execArgv.filter((option) => !option.startsWith('--inspect') && !option.startsWith('--max-semi-space-size')),
    `--max-semi-space-size=${DATA_STEP_SEMI_SPACE_MB}`,
  ];
}

/** Runs the data step in a child process; resolves with the artifact's path once it has been written or reused. */
export async function runDataStepApart(options: DataStepApart): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      ...dataStepNodeOptions(process.execArgv),
      path.join(PROJECT_ROOT, 'scripts', 'data.ts'),
      '--data',
      options.dataDir,
      ...(options.force ? ['--force'] : []),
      ...(options.strict ? ['--strict'] : []),
    ],
    // The project's folder: this process's Node options may name a module relative to it (`--import`).
    { cwd: PROJECT_ROOT, stdio: 'inherit', env: dataStepEnv(process.env, options.cacheDir) },
  );
  // Ctrl-C reaches the whole process group from a terminal, but a polite kill of this process alone must not
  // leave the data step running behind it.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code, signal) => resolve({ code, signal }));
      },
    );
    if (signal === 'SIGINT' || signal === 'SIGTERM') process.exit(signal === 'SIGINT' ? 130 : 143);
    if (signal !== null) throw stoppedBy(signal);
    // The child has said what went wrong (a user error: exit 1; a bug: exit 2, with how to report it).
    if (code !== 0) throw new AlreadyReported(code ?? 2, `the data step exited with code ${code}`);
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
  return artifactPathIn(options.cacheDir);
}

/**
 * What a signal that ended the data step most likely means. V8 aborts the process (SIGABRT) when the heap
 * reaches its limit, after printing its own "heap out of memory" report; the limit is a share of the
 * machine's memory unless set, and the child has this process's Node options, so the same limit. SIGKILL
 * usually comes from the system's (or a container's) out-of-memory killer.
 */
export function stoppedBy(signal: NodeJS.Signals, heapLimitBytes = getHeapStatistics().heap_size_limit): UserError {
  const needs = 'see "Performance" in the README for what a data set needs';
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
