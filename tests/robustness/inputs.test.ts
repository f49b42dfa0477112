/**
 * Nothing is read from outside the data folder (issue 18, item 4): a CSV, a folder of CSVs, the config, a note,
 * the notes folder or a note image that is a symbolic link to somewhere else is refused with a warning naming
 * it (never its content), and nothing of it reaches the site, the artifact or the log; an image from another
 * site is dropped (a link stays a link). Links that stay inside the data folder still work.
 *
 * Every planted file outside holds a distinctive token (ZQX…), grepped for in everything the build wrote.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../scripts/errors.ts';
import { loadConfig } from '../../scripts/read/config.ts';
import { listCsvFiles, teamNoteFiles } from '../../scripts/read/files.ts';
import { renderNote } from '../../src/lib/notes.ts';
import { ROOT } from '../helpers/run.ts';
import { filesBelow, runScriptAsync } from './site.ts';

const SMALL = path.join(ROOT, 'tests/fixtures/build/small');
/** The tokens planted outside the data folder: none may be read, let alone published. */
const OUTSIDE_TOKENS = ['ZQXPASSWD', 'ZQXFOLDERCSV', 'ZQXNOTEFILE', 'ZQXNOTEFOLDER', 'ZQXPHOTO', 'ZQXCONFIG'];

/** A 1×1 PNG: Astro reads a note image's size, so it must be a real one. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

let work: string;
let outside: string;

/** An applications export (the small fixture's) with one more application whose source is `token`. */
const applicationsWith = (token: string): string =>
  `${fs.readFileSync(path.join(SMALL, 'applications.csv'), 'utf8').trimEnd()}\n` +
  `A-99,C-99,${token} Name,${token.toLowerCase()}@example.com,,JOB-1,2025-01-20T09:00:00Z,${token},Review,active,,,,,\n`;

/** The small fixture, copied to `dir`. */
function exportsIn(dir: string): string {
  fs.cpSync(SMALL, dir, { recursive: true });
  return dir;
}

beforeAll(() => {
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-inputs-')));
  outside = path.join(work, 'elsewhere');
  fs.mkdirSync(path.join(outside, 'folder'), { recursive: true });
  fs.mkdirSync(path.join(outside, 'notes'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'passwd.csv'), 'root:x:0:0:ZQXPASSWD:/root:/bin/bash\n');
  fs.writeFileSync(path.join(outside, 'folder', 'applications-2.csv'), applicationsWith('ZQXFOLDERCSV'));
  fs.writeFileSync(path.join(outside, 'note.md'), '---\ntitle: ZQXNOTEFILE\n---\nZQXNOTEFILE salary talk\n');
  fs.writeFileSync(path.join(outside, 'notes', '2025-02.md'), '# ZQXNOTEFOLDER\n');
  fs.writeFileSync(path.join(outside, 'photo.png'), 'ZQXPHOTO');
  fs.writeFileSync(path.join(outside, 'dashboard.config.json'), '{ "title": "ZQXCONFIG" }\n');
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('listCsvFiles', () => {
  it('refuses a linked CSV and a linked folder outside the data folder, naming them; links inside still work', async () => {
    const data = exportsIn(path.join(work, 'list'));
    fs.symlinkSync(path.join(outside, 'passwd.csv'), path.join(data, 'users.csv'));
    fs.symlinkSync(path.join(outside, 'folder'), path.join(data, 'more'));
    fs.mkdirSync(path.join(data, 'archive'));
    fs.writeFileSync(path.join(data, 'archive', 'old.csv'), 'a\n1\n');
    fs.symlinkSync(path.join(data, 'archive', 'old.csv'), path.join(data, 'latest.csv'));
    fs.symlinkSync(path.join(data, 'archive'), path.join(data, 'archive-link'));
    const warnings: string[] = [];
    const files = await listCsvFiles(data, (message) => warnings.push(message));
    expect(files.map((f) => f.name)).toEqual([
      'applications.csv',
      'archive/old.csv', // the linked folder is the same folder: walked once
      'interviews.csv',
      'latest.csv',
      'requisitions.csv',
      'stage_events.csv',
    ]);
    expect(files.find((f) => f.name === 'latest.csv')!.path).toBe(path.join(data, 'archive', 'old.csv'));
    expect(warnings).toEqual([
      'more/ is a symbolic link to a folder outside the data folder: not read (only files inside the data folder are; copy it in to use it)',
      'users.csv is a symbolic link to a file outside the data folder: not read (only files inside the data folder are; copy it in to use it)',
    ]);
  });
});

describe('loadConfig', () => {
  it('refuses a config linked from outside the data folder, without quoting it', async () => {
    const data = exportsIn(path.join(work, 'config'));
    fs.symlinkSync(path.join(outside, 'dashboard.config.json'), path.join(data, 'dashboard.config.json'));
    const error = await loadConfig(data).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).format()).toMatch(
      /^dashboard\.config\.json: is a symbolic link to a file outside the data folder/,
    );
    expect((error as UserError).format()).not.toContain('ZQX');
  });

  it('reads a config linked from inside the data folder', async () => {
    const data = exportsIn(path.join(work, 'config-inside'));
    fs.mkdirSync(path.join(data, 'settings'));
    fs.writeFileSync(path.join(data, 'settings', 'march.json'), '{ "title": "March retro" }\n');
    fs.symlinkSync(path.join(data, 'settings', 'march.json'), path.join(data, 'dashboard.config.json'));
    expect((await loadConfig(data)).title).toBe('March retro');
  });
});

describe('teamNoteFiles', () => {
  it('refuses a notes folder that is a link to elsewhere', () => {
    const data = path.join(work, 'notes-folder');
    fs.mkdirSync(data);
    fs.symlinkSync(path.join(outside, 'notes'), path.join(data, 'retros'));
    expect(teamNoteFiles(data)).toEqual({
      folder: null,
      notes: [],
      refused: [
        'retros/ is a symbolic link to a folder outside the data folder: not read (only files inside the data folder are; copy it in to use it)',
      ],
    });
  });

  it('refuses a note linked from elsewhere, and keeps one linked from inside the data folder', () => {
    const data = path.join(work, 'notes-files');
    fs.mkdirSync(path.join(data, 'retros'), { recursive: true });
    fs.mkdirSync(path.join(data, 'drafts'));
    fs.writeFileSync(path.join(data, 'drafts', 'jan.md'), '# January\n');
    fs.symlinkSync(path.join(data, 'drafts', 'jan.md'), path.join(data, 'retros', '2025-01.md'));
    fs.symlinkSync(path.join(outside, 'note.md'), path.join(data, 'retros', '2025-03.md'));
    fs.writeFileSync(path.join(data, 'retros', 'README.md'), 'not a month');
    const found = teamNoteFiles(data);
    expect(found.notes).toEqual([{ name: '2025-01.md', path: path.join(data, 'drafts', 'jan.md') }]);
    expect(found.refused).toEqual([expect.stringMatching(/^retros\/2025-03\.md is a symbolic link to a file outside/)]);
  });
});

describe('images in notes', () => {
  let data: string;
  let note: URL;
  beforeAll(() => {
    data = path.join(work, 'images');
    fs.mkdirSync(path.join(data, 'retros', 'img'), { recursive: true });
    fs.writeFileSync(path.join(data, 'retros', 'img', 'board.png'), PNG);
    fs.writeFileSync(path.join(data, 'logo.png'), 'png'); // in the data folder, but not in retros/
    fs.symlinkSync(path.join(outside, 'photo.png'), path.join(data, 'retros', 'linked.png'));
    fs.writeFileSync(path.join(data, 'retros', '2025-02.md'), '');
    note = new URL(`file://${path.join(data, 'retros', '2025-02.md')}`);
    vi.stubEnv('DASHBOARD_DATA_DIR', data);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  async function render(markdown: string): Promise<{ html: string; warnings: string[] }> {
    const warnings: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      warnings.push(String(chunk).trim());
      return true;
    });
    try {
      return { html: renderNote(markdown, note).html, warnings };
    } finally {
      write.mockRestore();
    }
  }

  it('keeps an image inside retros/', async () => {
    const { html, warnings } = await render('![The board](img/board.png)');
    expect(html).toMatch(/<img/);
    expect(warnings).toEqual([]);
  });

  it('drops images from outside retros/ — by path, by a link, or elsewhere in the data folder — with a warning', async () => {
    const { html, warnings } = await render(
      '![a](../../elsewhere/photo.png) ![b](linked.png) ![c](../logo.png) ![d](%2E%2E/%2E%2E/elsewhere/photo.png)',
    );
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('a b c d'); // the alt texts
    expect(warnings).toHaveLength(4);
    for (const warning of warnings)
      expect(warning).toBe(
        'warning: retros/2025-02.md: an image from outside the retros/ folder is not shown (only image files inside retros/ are published)',
      );
  });

  it('drops images from other sites (a tracking pixel), and image references; links stay links', async () => {
    const { html, warnings } = await render(
      '![pixel](https://tracker.example/p.png?u=1) ![proto](//cdn.example/q.png) ![ref][r] [our wiki](https://wiki.example/retro)\n\n[r]: https://tracker.example/r.png',
    );
    expect(html).not.toMatch(/<img|tracker\.example\/p|cdn\.example/);
    expect(html).toContain('<a href="https://wiki.example/retro">our wiki</a>');
    expect(warnings).toEqual([
      "warning: retros/2025-02.md: an image from tracker.example is not shown (each reader's browser would fetch it from there): link to it instead",
      "warning: retros/2025-02.md: an image from cdn.example is not shown (each reader's browser would fetch it from there): link to it instead",
      'warning: retros/2025-02.md: an image written as a reference (![…][…]) is not shown: write ![…](file)',
    ]);
  });
});

describe('a build from a data folder with links out of it', () => {
  it('reads and publishes nothing from outside, says what it refused, and still builds what is inside', async () => {
    const data = exportsIn(path.join(work, 'build-data'));
    fs.symlinkSync(path.join(outside, 'passwd.csv'), path.join(data, 'users.csv'));
    fs.symlinkSync(path.join(outside, 'folder'), path.join(data, 'more'));
    fs.symlinkSync(path.join(outside, 'note.md'), path.join(data, 'retros', '2025-03.md'));
    fs.writeFileSync(path.join(data, 'retros', 'board.png'), PNG);
    fs.appendFileSync(
      path.join(data, 'retros', '2025-02.md'),
      '\n![photo](../../elsewhere/photo.png)\n\n![pixel](https://tracker.example/p.png)\n\n![board](board.png)\n',
    );
    const site = path.join(work, 'build-site');
    const cache = path.join(work, 'build-cache');
    const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', site], { CACHE_DIR: cache });
    expect(result.status, result.stderr).toBe(0);
    const log = result.stderr + result.stdout;
    expect(log).toMatch(/warning: users\.csv is a symbolic link to a file outside the data folder: not read/);
    expect(log).toMatch(/warning: more\/ is a symbolic link to a folder outside the data folder: not read/);
    expect(log).toMatch(/warning: retros\/2025-03\.md is a symbolic link to a file outside the data folder/);
    expect(log).toMatch(/warning: retros\/2025-02\.md: an image from outside the retros\/ folder is not shown/);
    expect(log).toMatch(/warning: retros\/2025-02\.md: an image from tracker\.example is not shown/);
    const written = [...filesBelow(site), ...filesBelow(cache)];
    for (const file of written) {
      const text = fs.readFileSync(file, 'latin1');
      for (const token of [...OUTSIDE_TOKENS, 'tracker.example'])
        expect(text, `${token} in ${file}`).not.toContain(token);
    }
    for (const token of OUTSIDE_TOKENS) expect(log).not.toContain(token);
    // What is inside is published: February's note, with its own image; no page for the linked March note.
    const february = fs.readFileSync(path.join(site, 'retro', '2025-02', 'index.html'), 'utf8');
    expect(february).toContain('Engineering feedback was late twice');
    expect(february).toMatch(/<img[^>]+src="\/_astro\/board[^"]*"/);
    expect(fs.readFileSync(path.join(site, 'retro', '2025-03', 'index.html'), 'utf8')).not.toContain('salary talk');
  }, 180_000);

  it('refuses a notes folder linked from elsewhere: no note is published', async () => {
    const data = path.join(work, 'build-retros-link');
    fs.cpSync(SMALL, data, { recursive: true, filter: (src) => !src.includes(`${path.sep}retros`) });
    fs.symlinkSync(path.join(outside, 'notes'), path.join(data, 'retros'));
    const site = path.join(work, 'build-retros-site');
    const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', site], {
      CACHE_DIR: path.join(work, 'build-retros-cache'),
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: retros\/ is a symbolic link to a folder outside the data folder/);
    for (const file of filesBelow(site)) expect(fs.readFileSync(file, 'latin1')).not.toContain('ZQXNOTEFOLDER');
  }, 180_000);

  it('stops on a config linked from elsewhere, before anything is built', async () => {
    const data = exportsIn(path.join(work, 'build-config'));
    fs.symlinkSync(path.join(outside, 'dashboard.config.json'), path.join(data, 'dashboard.config.json'));
    const result = await runScriptAsync('scripts/data.ts', ['--data', data], {
      CACHE_DIR: path.join(work, 'build-config-cache'),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/dashboard\.config\.json: is a symbolic link to a file outside the data folder/);
    expect(result.stderr).not.toContain('ZQXCONFIG');
  }, 60_000);
});
