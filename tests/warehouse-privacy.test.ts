/**
 * No candidate's name, e-mail address, phone number or id reaches the artifact, the log, the cache or the CSV
 * re-exports when the data folder holds a vendor's whole warehouse dump, every table about people included
 * (candidates, their e-mail addresses and phones, EEO answers, activity notes, resumes, users' e-mails).
 *
 * Every such value in the generated dumps holds `ZQX` (`tests/fixtures/warehouse/generate.ts`); phones are
 * `+1 555 01nn nnnn`.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTS, toCsv } from '../scripts/export/csv.ts';
import { memoryLogger } from '../scripts/log.ts';
import { runDataStep } from '../scripts/pipeline.ts';
import { generateHistory, writeGreenhouse, writeGreenhouseNewer, writeLever } from './fixtures/warehouse/generate.ts';

let dir: string;
const history = generateHistory(5, 300);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warehouse-privacy-'));
  await writeGreenhouse(join(dir, 'greenhouse'), history);
  await writeLever(join(dir, 'lever'), history);
  await writeGreenhouseNewer(join(dir, 'greenhouse-newer'), history);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PERSONAL = [/zqx/i, /\+1 555 01\d\d \d{4}/];

describe.each(['greenhouse', 'greenhouse-newer', 'lever'])('a %s dump with every table', (vendor) => {
  it(
    'publishes no candidate name, e-mail, phone or id in the artifact, the log, the cache or the exports',
    { timeout: 120_000 },
    async () => {
      const cacheDir = join(dir, `${vendor}-cache`);
      const log = memoryLogger();
      const { aggregates } = await runDataStep({
        dataDir: join(dir, vendor),
        cacheDir,
        sample: false,
        force: true,
        log,
      });
      const texts: Array<[string, string]> = [['the log', log.lines.join('\n')]];
      for (const file of await readdir(cacheDir, { recursive: true })) {
        const text = await readFile(join(cacheDir, file), 'utf8').catch(() => '');
        texts.push([`.cache/${file}`, text]);
      }
      for (const e of EXPORTS) texts.push([`exports/${e.name}`, toCsv(e.columns, e.rows(aggregates))]);

      for (const [where, text] of texts) {
        for (const pattern of PERSONAL) expect(pattern.test(text), `${pattern} in ${where}`).toBe(false);
      }
      // The search looked at real output: the hiring managers (employees, shown by design) are in it.
      const artifact = texts.find(([where]) => where.endsWith('aggregates.json'))![1];
      expect(artifact).toContain(`${history.jobs[1]!.manager.first} ${history.jobs[1]!.manager.last}`);
      expect(aggregates.quality.files.some((f) => f.skipped?.startsWith('a table about people'))).toBe(true);
    },
  );
});
