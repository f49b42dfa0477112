/**
 * A `retros/` folder whose every note is refused (each a link to a file outside the data folder): the build
 * names each refused note, then says once that no team notes were read. It printed Astro's "The collection
 * 'retros' does not exist or is empty" once per page that asks for the notes instead (issue 17).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run.ts';
import { filesBelow, runScriptAsync } from './site.ts';

const SMALL = path.join(ROOT, 'tests/fixtures/build/small');
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'notes-refused-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a notes folder whose every note is refused', () => {
  it('is said once, in the build’s words, and no note is published', async () => {
    const outside = path.join(work, 'outside');
    fs.mkdirSync(outside);
    const data = path.join(work, 'data');
    fs.cpSync(SMALL, data, { recursive: true, filter: (src) => !src.includes(`${path.sep}retros`) });
    fs.mkdirSync(path.join(data, 'retros'));
    for (const month of ['01', '02', '03']) {
      fs.writeFileSync(path.join(outside, `${month}.md`), `# ZQXREFUSED${month}\n`);
      fs.symlinkSync(path.join(outside, `${month}.md`), path.join(data, 'retros', `2025-${month}.md`));
    }
    const site = path.join(work, 'site');
    const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', site], {
      CACHE_DIR: path.join(work, 'cache'),
    });
    expect(result.status, result.stderr).toBe(0);
    const log = result.stderr + result.stdout;
    expect(log).not.toMatch(/does not exist or is empty/);
    expect(log.match(/retros\/2025-0\d\.md is a symbolic link to a file outside the data folder/g)).toHaveLength(3);
    expect(log.match(/no team notes were read/g)).toEqual(['no team notes were read']);
    expect(log).toMatch(/warning: retros\/: no team notes were read, as all 3 of its notes are refused/);
    for (const file of filesBelow(site)) expect(fs.readFileSync(file, 'latin1')).not.toContain('ZQXREFUSED');
  }, 240_000);
});
