/**
 * `--out` never destroys (issue 18, item 6): a build replaces its output folder as a whole, so it refuses any
 * folder that is not its own, before reading anything; through a symbolic link it writes the link's target;
 * where the folder cannot be renamed (a mount point) its contents are replaced instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../scripts/errors.ts';
import { memoryLogger } from '../../scripts/log.ts';
import { OUT_MARKER, checkOutFolder, swapInto } from '../../scripts/out-folder.ts';
import { ROOT } from '../helpers/run.ts';
import { runScriptAsync } from './site.ts';

const SMALL = path.join(ROOT, 'tests/fixtures/build/small');
let work: string;
let data: string;

beforeAll(() => {
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-out-')));
  data = path.join(work, 'exports', 'march');
  fs.cpSync(SMALL, data, { recursive: true });
  fs.writeFileSync(path.join(data, 'dashboard.config.json'), '{}\n');
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** Every file below `dir` with its content, to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, file)] = fs.readFileSync(file, 'utf8');
    }
  }
  return files;
}

/** The UserError `checkOutFolder` throws for `outDir`, formatted (or "accepted"). */
async function verdict(outDir: string, extra: Partial<Parameters<typeof checkOutFolder>[0]> = {}): Promise<string> {
  try {
    await checkOutFolder({ outDir, dataDir: data, forceOut: false, ...extra });
    return 'accepted';
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.format();
  }
}

describe('a build pointed at a folder it does not own', () => {
  // Each run stops before the data step: a second or two.
  const build = (out: string, env: Record<string, string> = {}) =>
    runScriptAsync('scripts/build.ts', ['--data', data, '--out', out], { CACHE_DIR: path.join(work, 'cache'), ...env });

  it('refuses the data folder, a parent of it and a foreign folder, leaving every file as it was, and says why', async () => {
    const foreign = path.join(work, 'photos');
    fs.mkdirSync(path.join(foreign, '2024'), { recursive: true });
    fs.writeFileSync(path.join(foreign, '2024', 'ZQXPHOTO1.txt'), 'holiday');
    fs.writeFileSync(path.join(foreign, 'index.html'), 'my own page');
    const before = { data: snapshot(data), foreign: snapshot(foreign), exports: snapshot(path.join(work, 'exports')) };
    const cases: Array<[string, RegExp]> = [
      [data, /is the data folder: a build would delete your exports/],
      [path.join(work, 'exports'), /holds the data folder/],
      [work, /holds the data folder/],
      [foreign, /already holds 2 files or folders that no build of this dashboard wrote[\s\S]*--force-out/],
    ];
    for (const [out, why] of cases) {
      const result = await build(out);
      expect(result.status, `${out}\n${result.stderr}`).toBe(1);
      expect(result.stderr).toMatch(why);
      expect(result.stderr).not.toMatch(/looks like a bug/);
    }
    expect(snapshot(data)).toEqual(before.data);
    expect(snapshot(foreign)).toEqual(before.foreign);
    expect(snapshot(path.join(work, 'exports'))).toEqual(before.exports);
    expect(fs.readdirSync(work).filter((name) => /\.(building|previous)-/.test(name))).toEqual([]);
  }, 60_000);

  it('refuses a folder inside the data folder even with --force-out', async () => {
    const result = await build(path.join(data, 'site'), { FORCE_OUT: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/lies inside the data folder/);
    expect(fs.existsSync(path.join(data, 'site'))).toBe(false);
  }, 30_000);
});

describe('checkOutFolder', () => {
  it('refuses the root, the home folder and the project, but not the project’s own dist/', async () => {
    expect(await verdict('/')).toMatch(/root of the file system/);
    const home = path.join(work, 'home');
    fs.mkdirSync(home, { recursive: true });
    expect(await verdict(home, { home })).toMatch(/is your home folder/);
    expect(await verdict(ROOT)).toMatch(/own folder/);
    expect(await verdict(path.join(ROOT, 'src'))).toMatch(/lies inside the dashboard's own folder/);
    // The project's parent: where the project was cloned into the temporary folder (as CI may), it holds this
    // test's data folder too, and that refusal comes first.
    const parent = path.dirname(ROOT);
    const holdsData = !path.relative(fs.realpathSync(parent), fs.realpathSync(data)).startsWith('..');
    expect(await verdict(parent)).toMatch(holdsData ? /holds the data folder/ : /holds the dashboard's own folder/);
    expect(await verdict(path.join(ROOT, 'dist'))).toBe('accepted');
  });

  it('accepts a new folder, an empty one, one an earlier build marked, and a foreign one with --force-out', async () => {
    expect(await verdict(path.join(work, 'new', 'deeper', 'site'))).toBe('accepted');
    const empty = path.join(work, 'empty');
    fs.mkdirSync(empty);
    expect(await verdict(empty)).toBe('accepted');
    const built = path.join(work, 'built');
    fs.mkdirSync(built);
    fs.writeFileSync(path.join(built, 'index.html'), 'a site');
    expect(await verdict(built)).toMatch(/--force-out/);
    fs.writeFileSync(path.join(built, OUT_MARKER), '');
    expect(await verdict(built)).toBe('accepted');
    const foreign = path.join(work, 'foreign-forced');
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'notes.txt'), 'mine');
    expect(await verdict(foreign, { forceOut: true })).toBe('accepted');
  });

  it('refuses a file and a link to nowhere; a link to a folder gives the folder it points to', async () => {
    const file = path.join(work, 'a-file');
    fs.writeFileSync(file, 'x');
    expect(await verdict(file)).toMatch(/is a file, not a folder/);
    const dangling = path.join(work, 'dangling');
    fs.symlinkSync(path.join(work, 'nowhere'), dangling);
    expect(await verdict(dangling)).toMatch(/symbolic link to a folder that does not exist/);
    const target = path.join(work, 'served', 'v1');
    fs.mkdirSync(target, { recursive: true });
    const link = path.join(work, 'current');
    fs.symlinkSync(target, link);
    expect(await checkOutFolder({ outDir: link, dataDir: data, forceOut: false })).toBe(target);
    // A link into the data folder is the data folder.
    const sneaky = path.join(work, 'sneaky');
    fs.symlinkSync(data, sneaky);
    expect(await verdict(sneaky)).toMatch(/is the data folder/);
  });
});

describe('swapping the new site in', () => {
  const site = (dir: string, page: string) => {
    fs.mkdirSync(path.join(dir, 'exports'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), page);
    fs.writeFileSync(path.join(dir, OUT_MARKER), '');
  };

  it('replaces the contents of a folder that cannot be renamed (a mount point: EBUSY)', async () => {
    const out = path.join(work, 'mount', 'site');
    site(out, 'old');
    fs.writeFileSync(path.join(out, 'exports', 'stale.csv'), 'old');
    const built = `${out}.building-1`;
    site(built, 'new');
    const busy = Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    const log = memoryLogger();
    await swapInto(built, out, log, {
      rename: async (from) => {
        if (from === out) throw busy;
        throw new Error('not expected');
      },
    });
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('new');
    expect(fs.existsSync(path.join(out, 'exports', 'stale.csv'))).toBe(false);
    expect(fs.existsSync(built)).toBe(false);
    expect(log.lines.join('\n')).toMatch(/cannot be renamed .*contents are replaced/);
  });

  it('puts the previous site back when the new one cannot be moved in (EXDEV), then copies it', async () => {
    const out = path.join(work, 'exdev', 'site');
    site(out, 'old');
    const built = `${out}.building-1`;
    site(built, 'new');
    const renames: string[] = [];
    await swapInto(built, out, memoryLogger(), {
      rename: async (from, to) => {
        renames.push(`${path.basename(from)} -> ${path.basename(to)}`);
        if (from === built) throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
        fs.renameSync(from, to);
      },
    });
    expect(renames).toEqual([
      `site -> site.previous-${process.pid}`,
      'site.building-1 -> site',
      `site.previous-${process.pid} -> site`,
    ]);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('new');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['site']);
  });
});

describe('a build through a symbolic link', () => {
  it('writes the site to the folder the link points to, and the link stays a link', async () => {
    const served = path.join(work, 'www', 'retro-v1');
    fs.mkdirSync(served, { recursive: true });
    const link = path.join(work, 'www', 'retro');
    fs.symlinkSync(served, link);
    const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', link], {
      CACHE_DIR: path.join(work, 'cache-link'),
    });
    expect(result.status, result.stderr).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.realpathSync(link)).toBe(served);
    expect(fs.readFileSync(path.join(link, 'index.html'), 'utf8')).toMatch(/<!DOCTYPE html>/i);
    expect(fs.existsSync(path.join(served, OUT_MARKER))).toBe(true);
    expect(fs.readdirSync(path.join(work, 'www')).sort()).toEqual(['retro', 'retro-v1']);
    expect(result.stderr).toContain(`Preview with: npm run preview -- --out ${link}`);
  }, 180_000);
});
