/**
 * The command-line surface shared by `npm run build`, `npm run data` and `npm run dev`: flags, their
 * environment-variable twins, and the one place that turns a thrown error into a message and an exit code.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlreadyReported, UserError } from './errors.ts';

/** The project folder (where package.json is), whatever the current directory. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE_DIR = path.join(PROJECT_ROOT, 'data', 'sample');
export const CACHE_DIR = path.join(PROJECT_ROOT, '.cache');

export interface CliOptions {
  /** Folder of CSV exports. */
  dataDir: string;
  /** Sub-path the site is served under, `/` or `/recruiting/`. */
  base: string;
  /** Where the site goes. */
  outDir: string;
  /** Where the aggregates artifact and its cache key are kept (env CACHE_DIR; default .cache). */
  cacheDir: string;
  /** Recompute the aggregates even when the inputs are unchanged. */
  force: boolean;
  /** Replace an existing `--out` folder that no build marked as its own (see `scripts/out-folder.ts`). */
  forceOut: boolean;
  /** Stop when a file is not recognised, instead of skipping it (env STRICT=1). */
  strict: boolean;
}

const USAGE = `Usage: npm run build -- [--data DIR] [--base /path] [--out DIR] [--force] [--force-out] [--strict]
       npm run data  -- [--data DIR] [--force] [--strict]

  --data DIR    folder of CSV exports (env DATA_DIR; default: the synthetic sample in data/sample)
  --base /path  serve the site under this sub-path (env BASE_PATH; default /)
  --out DIR     where the site is written (env OUT_DIR; default dist)
  --force       recompute the aggregates even if the inputs did not change
  --force-out   replace the --out folder even if it holds files no build wrote (env FORCE_OUT=1)
  --strict      stop on any file that is not recognised, instead of skipping it (env STRICT=1)`;

/**
 * Normalise a sub-path to `/a/b/` form (or `/`). Only characters that need no escaping anywhere a URL is
 * written (HTML attributes, CSS, the dev server) are allowed: a `%`, a space or a quote in the base ended in a
 * stack trace deep in the site build.
 */
export function normaliseBase(base: string): string {
  const trimmed = base.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '/';
  const shown = base.length > 80 ? `${base.slice(0, 80)}…` : base;
  const unsafe = [...new Set(trimmed.replace(/[A-Za-z0-9._~/-]/g, ''))];
  if (unsafe.length) {
    const listed = unsafe
      .slice(0, 5)
      .map((ch) => (ch === ' ' ? 'a space' : /\p{C}/u.test(ch) ? 'a control character' : `"${ch}"`))
      .join(', ');
    throw new UserError(
      `--base "${shown}" holds ${listed}, which a sub-path of this site cannot hold`,
      {},
      'Use letters, digits, "-", "_", "." and "~" between the slashes, e.g. --base /hiring-retro (not /hiring%20retro).',
    );
  }
  if (trimmed.split('/').some((s) => s === '..' || s === '.' || s === '')) {
    throw new UserError(
      `--base "${shown}" is not a URL path`,
      {},
      'Use a sub-path such as /recruiting or /team/hiring-retro (no empty, "." or ".." parts).',
    );
  }
  return `/${trimmed}/`;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        base: { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
        'force-out': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UserError((error as Error).message, {}, USAGE);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const cwd = env.INIT_CWD || process.cwd(); // npm runs scripts from the project root; INIT_CWD is where the user was
  const dataDir = values.data ?? env.DATA_DIR;
  const outDir = values.out ?? env.OUT_DIR;
  return {
    dataDir: dataDir ? path.resolve(cwd, dataDir) : SAMPLE_DIR,
    base: normaliseBase(values.base ?? env.BASE_PATH ?? '/'),
    outDir: outDir ? path.resolve(cwd, outDir) : path.join(PROJECT_ROOT, 'dist'),
    cacheDir: env.CACHE_DIR ? path.resolve(cwd, env.CACHE_DIR) : CACHE_DIR,
    force: values.force || env.FORCE === '1',
    forceOut: values['force-out'] || env.FORCE_OUT === '1',
    strict: values.strict || env.STRICT === '1',
  };
}

/** Run a command's main; a UserError is one clear message and exit 1, anything else exit 2. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof AlreadyReported) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof UserError) {
      process.stderr.write(`\nerror: ${error.format()}\n`);
      process.exitCode = 1;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nerror: ${message}\n`);
    if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else
      process.stderr.write(
        '  (This looks like a bug in the dashboard. Run again with DEBUG=1 for details and report it.)\n',
      );
    process.exitCode = 2;
  }
}
