/**
 * The exports to read: every `*.csv` below the data folder (any depth, `.CSV` too), sorted by path so that
 * "the file whose path sorts last wins" is well defined (`2025-01/…` before `2025-02/…`). Dot-files and
 * dot-folders (`.git`, macOS `._x.csv` resource forks) and `node_modules` are not read. Every other file (a
 * spreadsheet, a README, tab-separated text…) is listed with why it is not read, so the build output and the
 * data-quality page account for every file; the config and the team's notes (`retros/`) are not listed.
 *
 * Nothing is read from outside the data folder: a symbolic link (to a file or a folder) whose real path lies
 * elsewhere is refused with a warning naming it, so that a link to `/etc/passwd` or to another team's exports
 * is never read, let alone published. Links that stay inside the folder work as before.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { UserError } from '../errors.ts';

/** Read by their own code, not listed as skipped files: the config, and the team's notes folder. */
const CONFIG_FILE = 'dashboard.config.json';
const NOTES_FOLDER = 'retros';

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

/** A file (or a folder not walked) in the data folder that is not read, and why, in the users' words. */
export interface OtherFile {
  /** Relative to the data folder, `/`-separated (a folder ends in `/`), as `CsvFile.name`. */
  name: string;
  bytes: number;
  why: string;
  /**
   * True when the file looks like an export that was meant to be read (a spreadsheet, tab-separated text, an
   * archive): its line is a warning. A README or a `.DS_Store` is only listed.
   */
  warn: boolean;
}

export interface DataFiles {
  csv: CsvFile[];
  other: OtherFile[];
}

const SPREADSHEET = /\.(xlsx|xlsm|xlsb|xls|ods|numbers)$/i;
const ARCHIVE = /\.(zip|gz|tgz|7z|rar|tar|bz2|xz)$/i;
const TABULAR_TEXT = /\.(tsv|tab|txt)$/i;

/**
 * Whether a text file's first line holds a tab: Excel's "Unicode text" (UTF-16, tab-separated, saved as
 * `.txt`) and `.tsv` exports. Only the first 4 KB are read, of a file inside the data folder.
 */
async function firstLineHasTab(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const bytes = buffer.subarray(0, bytesRead);
    const text =
      bytes[0] === 0xff && bytes[1] === 0xfe
        ? bytes.toString('utf16le')
        : bytes[0] === 0xfe && bytes[1] === 0xff
          ? Buffer.from(bytes).swap16().toString('utf16le')
          : bytes.toString('latin1');
    return /^[^\r\n]*\t/.test(text);
  } finally {
    await handle.close();
  }
}

/**
 * Why a file that is not a CSV is not read, and what would have it read. Looks at the name, and at the first
 * line of a `.tsv` / `.txt` (never quoted): a tab-separated export is said to be one.
 */
async function whyNotRead(path: string, fileName: string, inside: boolean): Promise<{ why: string; warn: boolean }> {
  if (SPREADSHEET.test(fileName)) {
    return {
      why: 'a spreadsheet, not read: only CSV files are; save it as CSV (Excel: Save As › CSV UTF-8) in the data folder',
      warn: true,
    };
  }
  if (ARCHIVE.test(fileName)) {
    return { why: 'a compressed archive, not read: unpack its CSV files into the data folder', warn: true };
  }
  if (TABULAR_TEXT.test(fileName) && inside && (await firstLineHasTab(path))) {
    return {
      why: 'tab-separated text (as Excel saves "Unicode text"), not read: only files named .csv are; rename it to .csv and it is read (tabs and UTF-16 are understood)',
      warn: true,
    };
  }
  if (fileName === 'dashboard.config.json') {
    return { why: 'not a CSV file; the config is read only at the top of the data folder', warn: true };
  }
  if (NOTE_FILE.test(fileName)) {
    return { why: 'not a CSV file; team notes are read only from retros/ at the top of the data folder', warn: true };
  }
  return { why: 'not a CSV file', warn: false };
}

/**
 * The CSV files to read (`listDataFiles`, without the others).
 *
 * @param refused told about every file or folder left out because it leads outside the data folder (the data
 *   step passes its logger's warn).
 */
export async function listCsvFiles(dataDir: string, refused: (message: string) => void = () => {}): Promise<CsvFile[]> {
  return (await listDataFiles(dataDir, refused)).csv;
}

/**
 * Every file in the data folder: the CSV files to read, and the others with why each is not read (by path).
 * Throws when there is no CSV file, naming the spreadsheets found instead, if any.
 */
export async function listDataFiles(
  dataDir: string,
  refused: (message: string) => void = () => {},
): Promise<DataFiles> {
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
  const other: OtherFile[] = [];
  const root = await realpath(dataDir);
  const visited = new Set<string>(); // real paths: a symbolic link loop is walked once
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const real = await realpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const name = prefix + printableName(entry.name);
      const csv = /\.csv$/i.test(entry.name);
      // The config and the team's notes (and their images) are read, or not, by their own code: not listed.
      const listed = !(prefix === '' && (entry.name === CONFIG_FILE || entry.name === NOTES_FOLDER));
      const notes = prefix === '' && entry.name === NOTES_FOLDER;
      if (entry.name.startsWith('.') || entry.name === 'node_modules') {
        // Not walked: a `.git` folder holds thousands of files. Listed, by name only.
        if (entry.isDirectory()) {
          other.push({ name: `${name}/`, bytes: 0, why: 'a hidden or tooling folder, not read', warn: false });
        } else if (listed) {
          other.push({ name, bytes: 0, why: 'a hidden file (its name starts with a dot), not read', warn: false });
        }
        continue;
      }
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let open = path;
      let inside = true;
      if (entry.isSymbolicLink()) {
        const target = await realpath(path).catch(() => null);
        const targetStats = target ? await stat(target).catch(() => null) : null;
        isDirectory = targetStats?.isDirectory() ?? false;
        isFile = targetStats?.isFile() ?? false;
        if (!target || !(isDirectory || isFile)) continue;
        inside = isInside(target, root);
        if (!inside && (isDirectory || csv)) {
          refused(outsideDataFolder(isDirectory ? `${name}/` : name, isDirectory ? 'folder' : 'file'));
          continue;
        }
        // Opened by its real path: what was checked is what is read.
        if (inside) open = target;
      }
      if (isDirectory) {
        if (notes) await walkNotes(open, `${name}/`);
        else await walk(open, `${name}/`);
      } else if (isFile && csv) files.push({ path: open, name });
      else if (isFile && listed) {
        // A link to a file elsewhere is named, never opened.
        const bytes = inside ? ((await stat(open).catch(() => null))?.size ?? 0) : 0;
        other.push({ name, bytes, ...(await whyNotRead(open, entry.name, inside)) });
      }
    }
  };
  // The notes folder: its CSV files are read as anywhere else; its notes and images are not listed.
  const walkNotes = async (dir: string, prefix: string): Promise<void> => {
    const before = other.length;
    await walk(dir, prefix);
    other.splice(before);
  };
  await walk(dataDir, '');

  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  files.sort(byName);
  other.sort(byName);
  if (files.length === 0) {
    const spreadsheets = other.filter((f) => SPREADSHEET.test(f.name)).map((f) => f.name);
    throw new UserError(
      `no CSV files in the data folder ${dataDir}` +
        (spreadsheets.length > 0
          ? `, only spreadsheets (${spreadsheets.slice(0, 5).join(', ')}${spreadsheets.length > 5 ? ', …' : ''})`
          : ''),
      {},
      spreadsheets.length > 0
        ? 'Save each sheet as CSV (Excel: Save As › CSV UTF-8) into this folder: spreadsheets are not read.'
        : 'Export requisitions, applications and interviews from your ATS as CSV files into this folder (sub-folders are read too).',
    );
  }
  return { csv: files, other };
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
  const retros = join(dataDir, NOTES_FOLDER);
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
