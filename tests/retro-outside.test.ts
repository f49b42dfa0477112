/**
 * `npm run retro` never reads a note from, or writes one into, a folder outside the data folder: a `retros/`
 * that is a symbolic link to elsewhere is refused before anything is read or written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../scripts/errors.ts';
import { memoryLogger } from '../scripts/log.ts';
import { writeNextNote } from '../scripts/retro.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'retro-outside-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('npm run retro and a retros/ folder outside the data folder', () => {
  it('refuses it, leaving the folder elsewhere as it was', async () => {
    const data = path.join(work, 'data');
    const elsewhere = path.join(work, 'elsewhere');
    fs.mkdirSync(data);
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, '2026-09.md'), '## Actions\n- [ ] ZQXPRIVATE note\n');
    fs.symlinkSync(elsewhere, path.join(data, 'retros'));
    const written = writeNextNote({
      month: '2026-09',
      dataDir: data,
      cacheDir: path.join(work, 'cache'),
      log: memoryLogger(),
    });
    await expect(written).rejects.toThrow(UserError);
    await expect(written).rejects.toThrow(/no note is read from it or written into it/);
    expect(fs.readdirSync(elsewhere)).toEqual(['2026-09.md']);
  });
});
