/**
 * Where the site goes, and how it gets there without destroying anything of the user's.
 *
 * A build replaces its output folder as a whole, so the folder must be one that only builds write: never the
 * data folder, the project, `/` or the home folder (nor a folder holding one of them), and never a folder of
 * someone else's files. Every build leaves a marker file in its output; an existing, non-empty folder without
 * one is refused unless `--force-out` says it may be replaced. The project's own `dist/` is the build's by
 * definition (sites built before the marker existed have none).
 */
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './cli.ts';
import { UserError } from './errors.ts';
import type { Logger } from './log.ts';

/** Written into every site this tool builds: the sign that a later build may replace the folder. */
export const OUT_MARKER = '.hiring-retro-build';
const MARKER_TEXT =
  'This folder is a site built by the hiring retrospective dashboard (npm run build). The next build replaces all of it.\n';

/** True when `inner` is `outer` or lies inside it (both real, absolute paths). */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** The real path of `p`, or of its nearest existing ancestor with the rest appended (for a folder not made yet). */
async function realPathOf(p: string): Promise<string> {
  const missing: string[] = [];
  let current = path.resolve(p);
  for (;;) {
    try {
      return path.join(await fs.realpath(current), ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = path.dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) return path.resolve(p);
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

export interface OutFolderCheck {
  /** The output folder as given (`--out`). */
  outDir: string;
  dataDir: string;
  /** `--force-out`: an existing folder without the marker may be replaced. */
  forceOut: boolean;
  /** For tests: the home folder and the project folder. */
  home?: string;
  projectRoot?: string;
}

const FORCE_FIX = 'To replace it anyway (everything in it is deleted), pass --force-out (env FORCE_OUT=1).';

/**
 * The folder the site will be written to: `--out` itself, or the folder a symbolic link at `--out` points to
 * (the link stays a link; the site it points to becomes the new one). Throws a UserError, before anything is
 * built, for every folder a build must not replace.
 */
export async function checkOutFolder(options: OutFolderCheck): Promise<string> {
  const given = path.resolve(options.outDir);
  const projectRoot = await realPathOf(options.projectRoot ?? PROJECT_ROOT);
  const home = await realPathOf(options.home ?? os.homedir());
  const dataDir = await realPathOf(options.dataDir);
  const refuse = (why: string, fix: string): never => {
    throw new UserError(`--out ${options.outDir} ${why}`, {}, fix);
  };

  const link = await fs.lstat(given).catch(() => null);
  if (link?.isSymbolicLink() && !(await fs.stat(given).catch(() => null))) {
    refuse(
      'is a symbolic link to a folder that does not exist',
      'Create the folder it points to, or point --out at a folder.',
    );
  }
  const target = await realPathOf(given);
  const other = 'Choose a folder of its own for the site, e.g. --out ~/hiring-retro-site.';
  if (path.parse(target).root === target) refuse('is the root of the file system: a build replaces its output', other);
  if (target === home) refuse('is your home folder: a build replaces its output folder as a whole', other);
  if (isWithin(target, dataDir))
    refuse(
      target === dataDir ? 'is the data folder: a build would delete your exports' : 'lies inside the data folder',
      `${other} Keep the site apart from the exports: the data folder holds candidates' data and must never be published.`,
    );
  if (isWithin(dataDir, target)) refuse('holds the data folder: a build would delete your exports with it', `${other}`);
  const ownDist = path.join(projectRoot, 'dist');
  if (target !== ownDist && (isWithin(target, projectRoot) || isWithin(projectRoot, target)))
    refuse(
      isWithin(target, projectRoot)
        ? "lies inside the dashboard's own folder (only its dist/ is the build's)"
        : "holds the dashboard's own folder: a build would delete it",
      `${other} Or leave --out out: the site then goes to dist/.`,
    );

  const stats = await fs.stat(target).catch(() => null);
  if (stats && !stats.isDirectory()) refuse('is a file, not a folder', other);
  if (stats && target !== ownDist && !options.forceOut) {
    const entries = await fs.readdir(target);
    if (entries.length > 0 && !entries.includes(OUT_MARKER)) {
      refuse(
        `already holds ${entries.length} file${entries.length === 1 ? '' : 's'} or folder${entries.length === 1 ? '' : 's'} that no build of this dashboard wrote (it has no ${OUT_MARKER} file): a build replaces its output folder as a whole`,
        `Choose an empty or new folder. ${FORCE_FIX}`,
      );
    }
    // A site of ours where someone has since put files of their own (an .htaccess that puts it behind a
    // password, another site): replacing it would delete them, and might publish the site to everyone.
    const written = entries.includes(OUT_MARKER) ? await writtenByLastBuild(target) : null;
    const added = written ? entries.filter((name) => name !== OUT_MARKER && !written.has(name)).sort() : [];
    if (added.length > 0) {
      const named = added.slice(0, 3).join(', ') + (added.length > 3 ? ` and ${added.length - 3} more` : '');
      refuse(
        `holds ${added.length} file${added.length === 1 ? '' : 's'} or folder${added.length === 1 ? '' : 's'} that the last build did not write (${named}): a build replaces its output folder as a whole, and would delete them`,
        `Move them out of the site's folder (an access rule such as .htaccess belongs in the web server's configuration or the folder above). ${FORCE_FIX}`,
      );
    }
  }
  // The site is built beside its output and swapped in: the parent must be writable.
  let parent = path.dirname(target);
  while (!(await fs.stat(parent).catch(() => null)) && path.dirname(parent) !== parent) parent = path.dirname(parent);
  try {
    await fs.access(parent, fsConstants.W_OK);
  } catch {
    refuse(
      `cannot be replaced: the site is built beside it, in ${parent}, which cannot be written to`,
      'Choose an --out whose parent folder you may write to.',
    );
  }
  return target;
}

/** The line of the marker after which the build lists what it wrote, one name a line. */
const WRITTEN_HEADER = 'Written by the build:';

/**
 * Marks `dir` as a site this tool built (see OUT_MARKER), listing what it holds, so that a later build can tell
 * the files someone added since.
 */
export async function markAsBuilt(dir: string): Promise<void> {
  const names = (await fs.readdir(dir)).filter((name) => name !== OUT_MARKER).sort();
  await fs.writeFile(path.join(dir, OUT_MARKER), `${MARKER_TEXT}\n${WRITTEN_HEADER}\n${names.join('\n')}\n`);
}

/** The names the marker in `dir` lists, or null for a marker without a list (an older build's): all are ours. */
async function writtenByLastBuild(dir: string): Promise<Set<string> | null> {
  const text = await fs.readFile(path.join(dir, OUT_MARKER), 'utf8').catch(() => '');
  const lines = text.split('\n');
  const start = lines.indexOf(WRITTEN_HEADER);
  if (start < 0) return null;
  return new Set(lines.slice(start + 1).filter((line) => line !== ''));
}

/** The file operations `swapInto` uses (tests pass failing ones, as a mount point would give). */
export interface SwapOps {
  rename(from: string, to: string): Promise<void>;
}

const CANNOT_RENAME = new Set(['EXDEV', 'EBUSY']);

/**
 * Replace `outDir` with `builtDir` in two renames, so that some complete site is always in place. When the
 * output folder cannot be renamed (a mount point: EBUSY; another file system: EXDEV), its contents are
 * replaced instead: the old ones deleted, the new ones copied in (the folder is a site of ours, as
 * `checkOutFolder` made sure, but for that moment it is incomplete).
 */
export async function swapInto(
  builtDir: string,
  outDir: string,
  log: Logger,
  ops: SwapOps = { rename: (from, to) => fs.rename(from, to) },
): Promise<void> {
  const previous = `${outDir}.previous-${process.pid}`;
  let hadPrevious: boolean;
  try {
    await ops.rename(outDir, previous);
    hadPrevious = true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') hadPrevious = false;
    else if (CANNOT_RENAME.has(code)) return replaceContents(builtDir, outDir, log);
    else throw error;
  }
  // Between the two renames `outDir` does not exist; a build killed right here leaves the previous site in
  // `<out>.previous-<pid>`, and the next build puts it back (cleanUpInterruptedBuilds).
  try {
    await ops.rename(builtDir, outDir);
  } catch (error) {
    if (hadPrevious) await ops.rename(previous, outDir);
    if (!CANNOT_RENAME.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    return replaceContents(builtDir, outDir, log);
  }
  if (hadPrevious) await fs.rm(previous, { recursive: true, force: true });
}

async function replaceContents(builtDir: string, outDir: string, log: Logger): Promise<void> {
  log.info(`  ${outDir} cannot be renamed (a mount point, or another file system): its contents are replaced.`);
  await fs.mkdir(outDir, { recursive: true });
  for (const name of await fs.readdir(outDir)) await fs.rm(path.join(outDir, name), { recursive: true, force: true });
  await fs.cp(builtDir, outDir, { recursive: true, verbatimSymlinks: true });
  await fs.rm(builtDir, { recursive: true, force: true });
}
