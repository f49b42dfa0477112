/**
 * `--out` never destroys (issue 18, item 6), attacked where the marker made it trusting: a folder an earlier
 * build wrote, in which someone has since put files of their own — an `.htaccess` that puts the site behind a
 * password (SECURITY.md's advice), another site beside it. A build replaced the whole folder and deleted them,
 * and with the `.htaccess` gone the next site is open to everyone. The marker now lists what the build wrote;
 * anything else in the folder stops the build, unless --force-out says it may go.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../scripts/errors.ts';
import { OUT_MARKER, checkOutFolder, markAsBuilt } from '../../scripts/out-folder.ts';

let work: string;
let data: string;
beforeAll(() => {
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'attack-out-')));
  data = path.join(work, 'exports');
  fs.mkdirSync(data);
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

async function verdict(outDir: string, forceOut = false): Promise<string> {
  try {
    await checkOutFolder({ outDir, dataDir: data, forceOut });
    return 'accepted';
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.format();
  }
}

/** A site as a build leaves it: pages, exports, and the marker listing them. */
async function builtSite(name: string): Promise<string> {
  const dir = path.join(work, name);
  fs.mkdirSync(path.join(dir, 'exports'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), 'a site');
  await markAsBuilt(dir);
  return dir;
}

describe('a site folder someone has added files to since the last build', () => {
  it('is accepted as the build left it', async () => {
    expect(await verdict(await builtSite('as-built'))).toBe('accepted');
  });

  it('is refused when it holds an .htaccess, saying which file and how to go on', async () => {
    const site = await builtSite('protected');
    fs.writeFileSync(path.join(site, '.htaccess'), 'AuthType Basic\nRequire valid-user\n');
    const message = await verdict(site);
    expect(message).toMatch(/1 file or folder that the last build did not write \(\.htaccess\)/);
    expect(message).toMatch(/--force-out/);
    expect(fs.existsSync(path.join(site, '.htaccess'))).toBe(true);
    expect(await verdict(site, true)).toBe('accepted');
  });

  it('is refused when another site was put beside it, naming a few of many', async () => {
    const site = await builtSite('shared');
    for (const name of ['blog', 'wiki', 'status', 'team']) fs.mkdirSync(path.join(site, name));
    expect(await verdict(site)).toMatch(
      /4 files or folders that the last build did not write \(blog, status, team and 1 more\)/,
    );
  });

  it('an older build’s marker, without a list, still marks the whole folder as the build’s', async () => {
    const site = path.join(work, 'older');
    fs.mkdirSync(site);
    fs.writeFileSync(path.join(site, 'index.html'), 'a site');
    fs.writeFileSync(path.join(site, OUT_MARKER), '');
    fs.writeFileSync(path.join(site, 'extra.html'), 'x');
    expect(await verdict(site)).toBe('accepted');
  });
});
