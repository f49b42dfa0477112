/**
 * `npm run build -- [--data DIR] [--base /path] [--out DIR]`: the data step, then the site, each in a process of
 * its own with its runtime settings (runtime.ts; the site's is site-process.ts, which calls `buildSite`).
 *
 * The site is built into a temporary folder beside the output and swapped in only when the build is
 * complete and within budget, so a failed or interrupted build leaves the previous site untouched.
 */
import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT, parseCli, runMain } from './cli.ts';
import { consoleLogger, type Logger } from './log.ts';
import { runDataStepApart } from './data-process.ts';
import { runChild } from './runtime.ts';
import { isAlive } from './processes.ts';
import { AlreadyReported, UserError } from './errors.ts';
import { aContactDetail, contactDetailsIn, formatCount } from './read/values.ts';
import { checkOutFolder, markAsBuilt, swapInto } from './out-folder.ts';
import { teamNoteFiles } from './read/files.ts';

/** Largest HTML page we ship (bytes, SVG charts included). Stated in the README. */
export const PAGE_BUDGET_BYTES = 600 * 1024;

/** The HTML pages below `dir`, by path. */
async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => path.join(e.parentPath, e.name));
}

async function htmlPages(dir: string): Promise<{ file: string; bytes: number }[]> {
  return Promise.all((await htmlFiles(dir)).map(async (file) => ({ file, bytes: (await fs.stat(file)).size })));
}

/** A page over the budget: the dashboard's own fault (pages are bounded whatever the data), so exit 2. */
export class PageBudgetError extends Error {
  override name = 'PageBudgetError';
}

export async function checkPageBudget(dir: string, budget = PAGE_BUDGET_BYTES): Promise<number> {
  const pages = await htmlPages(dir);
  const over = pages.filter((p) => p.bytes > budget).sort((a, b) => b.bytes - a.bytes);
  if (over.length) {
    const list = over
      .slice(0, 5)
      .map((p) => `${path.relative(dir, p.file)} (${Math.round(p.bytes / 1024)} KB)`)
      .join(', ');
    throw new PageBudgetError(
      `${over.length} page(s) exceed the page-weight budget of ${Math.round(budget / 1024)} KB: ${list}. ` +
        'Every page is meant to stay under it whatever the exports hold (long lists are cut, with the rest in the ' +
        'CSV), so this is a fault of the dashboard, not of your data. The previous site was left in place.',
    );
  }
  return pages.length;
}

/** Where one build runs Astro from (see buildSite): `.astro/build-<pid>` in the project. */
const astroWorkFolder = (pid: number) => path.join(PROJECT_ROOT, '.astro', `build-${pid}`);

/**
 * What an interrupted build (killed, power cut, Ctrl-C) left beside `outDir`, cleaned up before a new build:
 * `<out>.building-<pid>` folders of processes that are gone are removed; a `<out>.previous-<pid>` folder of a
 * process that is gone is the previous site, moved aside just before the swap: it is put back when `outDir`
 * is missing, else removed. Folders of a live process (another build running now) are left alone.
 */
export async function cleanUpInterruptedBuilds(outDir: string, log: Logger): Promise<void> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  const names = await fs.readdir(parent).catch(() => [] as string[]);
  const stale = (kind: 'building' | 'previous') =>
    names
      .map((name) => ({
        name,
        pid: name.startsWith(`${base}.${kind}-`) ? /^\d+$/.exec(name.slice(base.length + kind.length + 2)) : null,
      }))
      .filter((e): e is { name: string; pid: RegExpExecArray } => e.pid !== null)
      .filter(({ pid }) => Number(pid[0]) !== process.pid && !isAlive(Number(pid[0])));
  // Astro's working folders of builds that are gone (see buildSite).
  for (const name of await fs.readdir(path.dirname(astroWorkFolder(0))).catch(() => [] as string[])) {
    const pid = /^build-(\d+)$/.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !isAlive(Number(pid)))
      await fs.rm(astroWorkFolder(Number(pid)), { recursive: true, force: true });
  }
  for (const { name } of stale('building')) {
    await fs.rm(path.join(parent, name), { recursive: true, force: true });
    log.info(`Removed ${name}, left by an interrupted build.`);
  }
  for (const { name } of stale('previous')) {
    const folder = path.join(parent, name);
    const restore = await fs.stat(outDir).then(
      () => false,
      () => true,
    );
    if (restore) {
      await fs.rename(folder, outDir);
      log.warn(`A build was interrupted while swapping in the new site: restored the previous site from ${name}.`);
    } else {
      await fs.rm(folder, { recursive: true, force: true });
    }
  }
}

/**
 * The team's notes (`retros/*.md`) are published as written. They are the team's own words, so nothing is
 * removed, but a line that looks like an e-mail address or phone number is pointed out before it goes on the
 * shared link (a candidate's details pasted into a note by mistake). Notes that lead outside the data folder
 * are not read, and said so (`teamNoteFiles`). Returns the warnings given.
 */
export async function warnAboutNotes(dataDir: string, log: Logger): Promise<string[]> {
  const { notes, refused } = teamNoteFiles(dataDir);
  const warnings = [...refused];
  for (const { name, path: file } of notes) {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    text.split(/\r?\n/).forEach((line, i) => {
      const what = contactDetailsIn(line);
      if (what)
        warnings.push(
          `retros/${name}, line ${i + 1}: looks like ${aContactDetail(what)}; notes are published on the site as written`,
        );
    });
  }
  for (const warning of warnings) log.warn(warning);
  return warnings;
}

/**
 * An Astro error located in a file of the data folder is the team's own note (`retros/YYYY-MM.md`, its front
 * matter): a UserError naming the note, not "a bug in the dashboard".
 */
function noteError(error: unknown, dataDir: string): UserError | null {
  const loc = (error as { loc?: { file?: string; line?: number } } | null)?.loc;
  if (!loc?.file) return null;
  const relative = path.relative(path.resolve(dataDir), path.resolve(loc.file));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const message = (error as Error).message.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
  return new UserError(
    message,
    { file: relative.split(path.sep).join('/'), ...(loc.line ? { line: loc.line } : {}) },
    'Check the note\'s front matter (the YAML between the --- lines at its top); a title is text, e.g. title: "February".',
  );
}

/**
 * Astro says nothing while it renders the pages (about 17 s at a million applications), so the pages it has
 * written so far are counted every half second and shown as progress, until `stop`.
 */
function countPagesWritten(dir: string, log: Logger): { stop(): void } {
  let stopped = false;
  let counting = false;
  const timer = setInterval(() => {
    if (counting) return;
    counting = true;
    htmlFiles(dir)
      .then(({ length: written }) => {
        if (!stopped && written > 0) log.progress(`  ${formatCount(written)} page${written === 1 ? '' : 's'} written…`);
      })
      .catch(() => {}) // not there yet
      .finally(() => (counting = false));
  }, 500);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

export async function buildSite(options: {
  artifactPath: string;
  dataDir: string;
  base: string;
  outDir: string;
  log: Logger;
}): Promise<number> {
  const { artifactPath, dataDir, base, outDir, log } = options;
  const builtDir = `${outDir}.building-${process.pid}`;
  const ownWorkFolder = astroWorkFolder(process.pid);
  await cleanUpInterruptedBuilds(outDir, log);
  await fs.rm(builtDir, { recursive: true, force: true });
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  process.env.DASHBOARD_AGGREGATES = artifactPath;
  process.env.DASHBOARD_DATA_DIR = dataDir;
  // Ctrl-C or a polite kill: remove the half-built folder before leaving (SIGKILL cannot be caught; the next
  // build cleans up after that).
  const interrupted = (signal: NodeJS.Signals) => {
    rmSync(builtDir, { recursive: true, force: true });
    rmSync(ownWorkFolder, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const started = performance.now();
  const { build } = await import('astro');
  const counting = countPagesWritten(builtDir, log);
  try {
    // Astro writes the prerendered chunks to `<cwd>/.astro/.prerender/` (when the output is not inside the current
    // folder), one folder for every build run from the same place, which builds running at once deleted under
    // each other ("Cannot find module …/.prerender/chunks/…"). Each build runs Astro from a folder of its own
    // inside the project (the chunks import the project's packages).
    const cwd = process.cwd();
    await fs.mkdir(ownWorkFolder, { recursive: true });
    process.chdir(ownWorkFolder);
    try {
      // Astro's cache (its content store among it) in the same folder: in the shared node_modules/.astro, two
      // builds at once could bundle each other's team notes.
      await build({
        root: PROJECT_ROOT,
        outDir: builtDir,
        base,
        cacheDir: path.join(ownWorkFolder, 'cache'),
        logLevel: 'warn',
      });
    } finally {
      process.chdir(cwd);
      await fs.rm(ownWorkFolder, { recursive: true, force: true });
      counting.stop();
    }
    const pages = await checkPageBudget(builtDir);
    log.progress(
      `  ${formatCount(pages)} pages written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      true,
    );
    await markAsBuilt(builtDir);
    await swapInto(builtDir, outDir, log);
    return pages;
  } catch (error) {
    await fs.rm(builtDir, { recursive: true, force: true });
    throw noteError(error, dataDir) ?? error;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

/** Runs `buildSite` in a child process (site-process.ts); resolves once the new site is in place. */
async function buildSiteApart(options: { artifactPath: string; dataDir: string; base: string; outDir: string }) {
  const { code, signal } = await runChild('site build', [
    '--artifact',
    options.artifactPath,
    '--data',
    options.dataDir,
    '--base',
    options.base,
    '--out',
    options.outDir,
  ]);
  if (signal === 'SIGINT' || signal === 'SIGTERM') process.exit(signal === 'SIGINT' ? 130 : 143);
  if (signal !== null)
    throw new UserError(
      `the site build was stopped by ${signal}`,
      {},
      'Run the build again; if it stops again, report it.',
    );
  // The child has said what went wrong: a note to fix (exit 1), or the dashboard's fault (exit 2).
  if (code !== 0) throw new AlreadyReported(code ?? 2, `the site build exited with code ${code}`);
}

/** The command that serves the site just built: `--out` and `--base` as given, quoted for a shell. */
export function previewCommand(options: { outDir: string; base: string }, cwd = process.cwd()): string {
  const quote = (arg: string) => (/^[\w./:@%+=,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);
  const args: string[] = [];
  if (path.resolve(options.outDir) !== path.join(PROJECT_ROOT, 'dist')) {
    const relative = path.relative(cwd, options.outDir);
    args.push('--out', quote(relative && !relative.startsWith('..') ? relative : options.outDir));
  }
  if (options.base !== '/') args.push('--base', quote(options.base));
  return args.length ? `npm run preview -- ${args.join(' ')}` : 'npm run preview';
}

if (import.meta.main)
  await runMain(async () => {
    const options = parseCli(process.argv.slice(2));
    const log = consoleLogger();
    const started = performance.now();
    // Before anything is read or built: a folder the build must not replace stops it here.
    const outDir = await checkOutFolder(options);
    // First, so that a site left aside by an interrupted swap is back in place even if this build fails.
    await cleanUpInterruptedBuilds(outDir, log);
    // In a process of its own, which says what it read and its summary (data-process.ts).
    const artifactPath = await runDataStepApart(options);
    await warnAboutNotes(options.dataDir, log);
    log.info(`Building the site${options.base === '/' ? '' : ` under ${options.base}`}…`);
    await buildSiteApart({ artifactPath, dataDir: options.dataDir, base: options.base, outDir });
    const pages = (await htmlFiles(outDir)).length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    // npm runs the script from the project folder; the user typed --out relative to where they were.
    const cwd = process.env.INIT_CWD || process.cwd();
    const shown = path.relative(cwd, options.outDir);
    log.info(
      `Done: ${pages} pages in ${shown.startsWith('..') ? options.outDir : shown || '.'} (${seconds} s). Preview with: ${previewCommand(options, cwd)}`,
    );
  });
