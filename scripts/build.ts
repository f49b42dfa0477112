/**
 * `npm run build -- [--data DIR] [--base /path] [--out DIR]`: the data step, then the site.
 *
 * The site is built into a temporary folder beside the output and swapped in only when the build is
 * complete and within budget, so a failed or interrupted build leaves the previous site untouched.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT, SAMPLE_DIR, parseCli, runMain } from './cli.ts';
import { consoleLogger, type Logger } from './log.ts';
import { runDataStep } from './pipeline.ts';
import { summaryLines } from './summary.ts';
import { UserError } from './errors.ts';

/** Largest HTML page we ship (bytes, SVG charts included). Stated in the README. */
export const PAGE_BUDGET_BYTES = 600 * 1024;

async function htmlPages(dir: string): Promise<{ file: string; bytes: number }[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((e) => e.isFile() && e.name.endsWith('.html'))
      .map(async (e) => {
        const file = path.join(e.parentPath, e.name);
        return { file, bytes: (await fs.stat(file)).size };
      }),
  );
}

export async function checkPageBudget(dir: string, budget = PAGE_BUDGET_BYTES): Promise<number> {
  const pages = await htmlPages(dir);
  const over = pages.filter((p) => p.bytes > budget).sort((a, b) => b.bytes - a.bytes);
  if (over.length) {
    const list = over
      .slice(0, 5)
      .map((p) => `${path.relative(dir, p.file)} (${Math.round(p.bytes / 1024)} KB)`)
      .join(', ');
    throw new UserError(
      `${over.length} page(s) exceed the page-weight budget of ${Math.round(budget / 1024)} KB: ${list}`,
      {},
      'This is a bug in the dashboard (a chart or table grew with the data): please report it.',
    );
  }
  return pages.length;
}

/** Replace `outDir` with `builtDir` in two renames, so that some complete site is always in place. */
async function swapInto(builtDir: string, outDir: string): Promise<void> {
  const previous = `${outDir}.previous-${process.pid}`;
  const hadPrevious = await fs
    .rename(outDir, previous)
    .then(() => true)
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    });
  await fs.rename(builtDir, outDir);
  if (hadPrevious) await fs.rm(previous, { recursive: true, force: true });
}

export async function buildSite(options: { artifactPath: string; dataDir: string; base: string; outDir: string; log: Logger }): Promise<number> {
  const { artifactPath, dataDir, base, outDir, log } = options;
  const builtDir = `${outDir}.building-${process.pid}`;
  await fs.rm(builtDir, { recursive: true, force: true });
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  process.env.DASHBOARD_AGGREGATES = artifactPath;
  process.env.DASHBOARD_DATA_DIR = dataDir;
  const { build } = await import('astro');
  try {
    await build({ root: PROJECT_ROOT, outDir: builtDir, base, logLevel: 'warn' });
    const pages = await checkPageBudget(builtDir);
    await swapInto(builtDir, outDir);
    return pages;
  } catch (error) {
    await fs.rm(builtDir, { recursive: true, force: true });
    throw error;
  }
}

if (import.meta.main) await runMain(async () => {
  const options = parseCli(process.argv.slice(2));
  const log = consoleLogger();
  const started = performance.now();
  log.info(`Reading exports in ${options.dataDir}`);
  const { aggregates, artifactPath, reused } = await runDataStep({
    dataDir: options.dataDir,
    cacheDir: options.cacheDir,
    sample: path.resolve(options.dataDir) === SAMPLE_DIR,
    force: options.force,
    log,
  });
  for (const line of summaryLines(aggregates, reused)) log.info(line);
  log.info(`Building the site${options.base === '/' ? '' : ` under ${options.base}`}…`);
  const pages = await buildSite({ artifactPath, dataDir: options.dataDir, base: options.base, outDir: options.outDir, log });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log.info(`Done: ${pages} pages in ${path.relative(process.cwd(), options.outDir) || '.'} (${seconds} s). Preview with: npm run preview`);
});
