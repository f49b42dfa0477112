/**
 * The exports to read: every `*.csv` below the data folder (any depth, `.CSV` too), sorted by path so that
 * "the file whose path sorts last wins" is well defined (`2025-01/…` before `2025-02/…`). Dot-files and
 * dot-folders (`.git`, macOS `._x.csv` resource forks) and `node_modules` are skipped.
 *
 * Nothing is read from outside the data folder: a symbolic link (to a file or a folder) whose real path lies
 * elsewhere is refused with a warning naming it, so that a link to `/etc/passwd` or to another team's exports
 * is never read, let alone published. Links that stay inside the folder work as before.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { UserError } from '../errors.ts';

/** True when the real path `inner` is `outer` or lies inside it. */
export function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** What is said about an input refused because it leads outside the data folder (never its content). */
export const outsideDataFolder = (name: string, what: 'file' | 'folder' = 'file'): string =>
  `${name} is a symbolic link to a ${what} outside the data folder: not read (only files inside the data folder are; copy it in to use it)`;

/**
 * Where `path` (inside `dataDir` as written) really is, if that is inside the data folder; null when it
 * leads outside. Throws as `realpath` does (ENOENT for a missing file or a link to nothing).
 */
export async function realPathInside(dataDir: string, path: string): Promise<string | null> {
  const [root, real] = await Promise.all([realpath(dataDir), realpath(path)]);
  return isInside(real, root) ? real : null;
}

/** `realPathInside`, synchronously (for Astro's content config, which is not async where it asks). */
export function realPathInsideSync(dataDir: string, path: string): string | null {
  const real = realpathSync(path);
  return isInside(real, realpathSync(dataDir)) ? real : null;
}

/**
 * Control characters (a terminal's escape sequences, line breaks) and the marks that reorder text on screen
 * (right-to-left overrides): a file name holding them could recolour or clear the terminal, forge a log line
 * ("…: read as applications") or show a different name on the data-quality page. Shown as escapes instead.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** A file or folder name as messages and the report show it: unprintable characters written as `\x1b`, `\u202e`. */
export const printableName = (name: string): string =>
  name.replace(UNPRINTABLE, (c) => {
    const code = c.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });

export interface CsvFile {
  /** Absolute (or as given) path, to open. */
  path: string;
  /** Relative to the data folder, `/`-separated: how every message and the report name it. */
  name: string;
}

/**
 * @param refused told about every file or folder left out because it leads outside the data folder (the data
 *   step passes its logger's warn).
 */
export async function listCsvFiles(dataDir: string, refused: (message: string) => void = () => {}): Promise<CsvFile[]> {
  try {
    if (!(await stat(dataDir)).isDirectory()) {
      throw new UserError(
        `the data folder ${dataDir} is not a folder`,
        {},
        'Pass the folder that holds your CSV exports: --data DIR.',
      );
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `the data folder ${dataDir} does not exist`,
      {},
      'Pass the folder that holds your CSV exports: --data DIR.',
    );
  }

  const files: CsvFile[] = [];
  const root = await realpath(dataDir);
  const visited = new Set<string>(); // real paths: a symbolic link loop is walked once
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const real = await realpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      const name = prefix + printableName(entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let open = path;
      if (entry.isSymbolicLink()) {
        const target = await realpath(path).catch(() => null);
        const targetStats = target ? await stat(target).catch(() => null) : null;
        isDirectory = targetStats?.isDirectory() ?? false;
        isFile = targetStats?.isFile() ?? false;
        if (!target || !(isDirectory || (isFile && /\.csv$/i.test(entry.name)))) continue;
        if (!isInside(target, root)) {
          refused(outsideDataFolder(isDirectory ? `${name}/` : name, isDirectory ? 'folder' : 'file'));
          continue;
        }
        // Opened by its real path: what was checked is what is read.
        open = target;
      }
      if (isDirectory) await walk(open, `${name}/`);
      else if (isFile && /\.csv$/i.test(entry.name)) files.push({ path: open, name });
    }
  };
  await walk(dataDir, '');

  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (files.length === 0) {
    throw new UserError(
      `no CSV files in the data folder ${dataDir}`,
      {},
      'Export requisitions, applications and interviews from your ATS as CSV files into this folder (sub-folders are read too).',
    );
  }
  return files;
}

/** A team note's file name: the month it is about. */
export const NOTE_FILE = /^\d{4}-\d{2}\.md$/;

export interface TeamNoteFiles {
  /** The real path of `retros/`; null without one, or when it leads outside the data folder. */
  folder: string | null;
  /** The notes that may be read: `YYYY-MM.md` files whose real path is inside the data folder, by name. */
  notes: { name: string; path: string }[];
  /** What was left out because it leads outside the data folder, as warnings (names only). */
  refused: string[];
}

/**
 * The notes that may be published. Everything else that reads notes (the notes collection, the build's
 * warnings, the retrospective's agreed actions) goes through this, so that a `retros/` or a `2026-01.md` that
 * is a symbolic link to a file elsewhere (any file: `/etc/passwd`, another team's notes) is never read.
 */
export function teamNoteFiles(dataDir: string): TeamNoteFiles {
  const none: TeamNoteFiles = { folder: null, notes: [], refused: [] };
  const retros = join(dataDir, 'retros');
  let folder: string | null;
  try {
    folder = realPathInsideSync(dataDir, retros);
    if (folder !== null && !statSync(folder).isDirectory()) return none;
  } catch {
    return none; // no notes folder
  }
  if (folder === null) return { ...none, refused: [outsideDataFolder('retros/', 'folder')] };
  const notes: TeamNoteFiles['notes'] = [];
  const refused: string[] = [];
  for (const name of readdirSync(folder)
    .filter((n) => NOTE_FILE.test(n))
    .sort()) {
    let real: string | null;
    try {
      real = realPathInsideSync(dataDir, join(folder, name));
      if (real !== null && !statSync(real).isFile()) continue;
    } catch {
      continue; // a link to nothing
    }
    if (real === null) refused.push(outsideDataFolder(`retros/${name}`));
    else notes.push({ name, path: real });
  }
  return { folder, notes, refused };
}
