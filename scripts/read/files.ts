/**
 * The exports to read: every `*.csv` below the data folder (any depth, `.CSV` too), sorted by path so that
 * "the file whose path sorts last wins" is well defined (`2025-01/…` before `2025-02/…`). Dot-files and
 * dot-folders (`.git`, macOS `._x.csv` resource forks) and `node_modules` are skipped.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.ts';

export interface CsvFile {
  /** Absolute (or as given) path, to open. */
  path: string;
  /** Relative to the data folder, `/`-separated: how every message and the report name it. */
  name: string;
}

export async function listCsvFiles(dataDir: string): Promise<CsvFile[]> {
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
  const visited = new Set<string>(); // real paths: a symbolic link loop is walked once
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const real = await realpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      const name = prefix + entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => null);
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDirectory) await walk(path, `${name}/`);
      else if (isFile && /\.csv$/i.test(entry.name)) files.push({ path, name });
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
