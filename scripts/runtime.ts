/**
 * The runtime settings, in one place. `npm run data`, `build` and `dev` run the data step, and `build` and `dev`
 * the site (`dev` as Astro's dev server), each in a Node process of its own started from here, with that
 * process's Node options and allocator variables: the commands themselves (package.json) are plain
 * `node scripts/x.ts`. A setting is here only if `npm run bench` shows it pays; what each one buys is in
 * docs/performance.md.
 *
 * A process of its own also means each returns to the system what its heap grew to when it ends: run in one
 * process, the build peaked at the data step's and Astro's peaks added up.
 */
import { spawn } from 'node:child_process';
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from './cli.ts';

export type Role = 'data step' | 'site build';

export interface ProcessSettings {
  /** The child's entry point, relative to the project. */
  script: string;
  /** Node options on the child's command line (`--name=value`). */
  node: readonly string[];
  /** Environment variables read when the process starts (allocators), so settable only for a child. */
  env: Readonly<Record<string, string>>;
}

export const RUNTIME: Readonly<Record<Role, ProcessSettings>> = {
  'data step': {
    script: 'scripts/data-process.ts',
    // V8 otherwise lets the heap grow to about twice what survived its last full collection: at a million
    // applications the metrics' and the audit's garbage, not what they keep, set the step's peak memory.
    node: ['--heap-growing-percent=20'],
    // glibc keeps what each reader thread frees in the thread's arena; two arenas, and trimming, give it back.
    env: { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: String(4 << 20) },
  },
  'site build': {
    script: 'scripts/site-process.ts',
    // Astro's rendering makes garbage fast: a small young generation and a heap that grows by half at most.
    node: ['--max-semi-space-size=8', '--heap-growing-percent=50'],
    // Vite's bundler allocates with mimalloc: commit on demand, give pages back at once.
    env: { MIMALLOC_ARENA_EAGER_COMMIT: '0', MIMALLOC_PURGE_DELAY: '0' },
  },
};

const optionName = (option: string): string => option.split('=')[0]!;

/**
 * A child's Node options: this process's own (but not a debugger's: the child would ask for the port this
 * process holds), then the role's settings, except those the user gave on Node's command line or in
 * NODE_OPTIONS (theirs win).
 */
export function childNodeOptions(role: Role, execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const own = [...execArgv.filter((option) => !option.startsWith('--inspect'))];
  const users = new Set([...own, ...(env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean)].map(optionName));
  return [...own, ...RUNTIME[role].node.filter((option) => !users.has(optionName(option)))];
}

/** A child's environment: the role's allocator variables, unless the user set their own, then this process's. */
export function childEnv(role: Role, env: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...RUNTIME[role].env, ...env, ...extra };
}

/**
 * Runs `role`'s process with `args` and resolves with how it ended. Its output is its own (inherited). Ctrl-C
 * reaches the whole process group from a terminal, but a polite kill of this process alone is passed on; and
 * if this process dies without a word (SIGKILL), the child is told by its channel closing (`followParent`).
 */
export async function runChild(
  role: Role,
  args: readonly string[],
  extraEnv: Record<string, string> = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const env = childEnv(role, process.env, extraEnv);
  // Node's compile cache, for the child and its worker threads: from the second run on, modules are not
  // compiled and type-stripped again. Node ignores it when it cannot use it.
  const { directory } = enableCompileCache();
  if (directory && env.NODE_COMPILE_CACHE === undefined) env.NODE_COMPILE_CACHE = directory;
  const child = spawn(
    process.execPath,
    [...childNodeOptions(role, process.execArgv, process.env), path.join(PROJECT_ROOT, RUNTIME[role].script), ...args],
    { cwd: PROJECT_ROOT, stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env },
  );
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    return await new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}

/**
 * In a child started by `runChild`: when the parent is gone (its channel closed), stop as a polite kill
 * would (SIGTERM, so the process's own clean-up runs) rather than finish work nobody waits for.
 */
export function followParent(): void {
  if (!process.channel) return;
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  // The channel alone must not keep the process alive once its work is done.
  process.channel.unref();
}
