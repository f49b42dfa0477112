/**
 * Team notes attacked as a careless user would (issue 18, items 4 and 8). Both were open defects, fixed in
 * src/lib/notes.ts:
 *
 * - an image inside retros/ that is not a readable image (a truncated download, a file renamed to .png) stops
 *   the build in Astro's image step with "This looks like a bug in the dashboard" (exit 2), where a note's
 *   image that cannot be shown should be left out with a warning, as a missing one is;
 * - an image written with an absolute path (`![x](/home/jane/Pictures/candidate.png)`) is kept as
 *   `<img src="/home/…">`: nothing is copied, but the page publishes the path of a file on the author's
 *   machine (a user name, a file named after a candidate) and each reader's browser asks the site for it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScriptAsync } from './site.ts';
import { writeScaleExports } from './scale.ts';

let work: string;
let built: { status: number | null; log: string; site: string };
// One build for both: each note carries one of the images (February's a broken file, March's an absolute path),
// and each image is refused on its own, so neither hides the other.
beforeAll(async () => {
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'attack-notes-')));
  const data = path.join(work, 'data');
  writeScaleExports(data, {});
  fs.mkdirSync(path.join(data, 'retros'));
  // Not an image: Astro never imports it, so this build can run beside others (vitest.config.ts).
  const broken = 'broken.png';
  fs.writeFileSync(path.join(data, 'retros', '2025-02.md'), `# Notes\n\n![chart](${broken})\n`);
  fs.writeFileSync(path.join(data, 'retros', broken), 'not an image');
  fs.writeFileSync(
    path.join(data, 'retros', '2025-03.md'),
    '# Notes\n\n![photo](/home/zqxuser/Pictures/ZQXCANDIDATE.png)\n',
  );
  const site = path.join(work, 'site');
  const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', site], {
    CACHE_DIR: path.join(work, 'cache'),
  });
  built = { status: result.status, log: result.stderr + result.stdout, site };
}, 600_000);
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a team note’s images', () => {
  it('a file that is not an image stops nothing: the build ends with a warning', () => {
    const { status, log } = built;
    expect(log).not.toMatch(/looks like a bug/);
    expect(status, log.slice(-1500)).toBe(0);
    expect(log).toMatch(/2025-02\.md.*broken\.png.*not a PNG, JPEG, GIF, WebP, AVIF or SVG/);
  });

  it('an absolute path is not published', () => {
    const { status, log, site } = built;
    expect(status, log.slice(-1500)).toBe(0);
    const page = fs.readFileSync(path.join(site, 'retro', '2025-03', 'index.html'), 'utf8');
    expect(page).not.toContain('ZQXCANDIDATE');
  });
});
