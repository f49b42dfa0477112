/**
 * A vendor warehouse table's columns the dashboard does not read are listed as every other file's are
 * (scripts/read/dropped-columns.ts): named when the name is the dashboard's vocabulary, counted otherwise. A
 * customer's custom field is a column of its own in a warehouse dump, and its name can be a person's.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTS, toCsv } from '../scripts/export/csv.ts';
import { memoryLogger } from '../scripts/log.ts';
import { runDataStep } from '../scripts/pipeline.ts';
import { generateHistory, writeGreenhouse, writeLever } from './fixtures/warehouse/generate.ts';

let dir: string;
const history = generateHistory(11, 120);
/** Custom fields named after people: their names must never be printed or stored. */
const CUSTOM = ['ZZHMNAME_custom_notes', 'ZZHMSECOND Referrer'];

/** Adds the custom fields at the end of a generated table. */
async function addColumns(path: string, extra: readonly string[]): Promise<void> {
  const { data } = Papa.parse<string[]>(await readFile(path, 'utf8'), { skipEmptyLines: true });
  const [header, ...rows] = data;
  const out = [[...header!, ...extra], ...rows.map((row, i) => [...row, ...extra.map((_, k) => `ZZHMVALUE${i}-${k}`)])];
  await writeFile(path, Papa.unparse(out, { newline: '\n' }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warehouse-dropped-'));
  await writeGreenhouse(join(dir, 'greenhouse'), history);
  await addColumns(join(dir, 'greenhouse', 'application.csv'), CUSTOM);
  await writeLever(join(dir, 'lever'), history);
  await addColumns(join(dir, 'lever', 'posting.csv'), CUSTOM);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each table also has a vendor column that no reader uses, which the dashboard knows: it is named.
describe.each([
  ['greenhouse', 'application.csv', 'last_activity_at'],
  ['lever', 'posting.csv', 'updated_at'],
])('a %s dump whose %s has custom fields', (vendor, file, known) => {
  it('counts the custom fields without naming them and still names a known column', { timeout: 120_000 }, async () => {
    const cacheDir = join(dir, `${vendor}-cache`);
    const log = memoryLogger();
    const { aggregates } = await runDataStep({ dataDir: join(dir, vendor), cacheDir, sample: false, force: true, log });

    const summary = aggregates.quality.files.find((f) => f.path === file)!;
    expect(summary.readAs).toMatch(/warehouse/);
    // The vendor's own columns, unused, are named (Fivetran's too); the two custom fields are one count line.
    expect(summary.droppedColumns).toContain(known);
    expect(summary.droppedColumns).toContain('_fivetran_synced');
    expect(summary.droppedColumns.at(-1)).toBe("2 other columns, not named: a header may be a person's name");
    expect(summary.droppedColumns.filter((c) => c.includes('other column'))).toHaveLength(1);

    const texts: Array<[string, string]> = [['the log', log.lines.join('\n')]];
    for (const name of await readdir(cacheDir, { recursive: true })) {
      texts.push([`.cache/${name}`, await readFile(join(cacheDir, name), 'utf8').catch(() => '')]);
    }
    for (const e of EXPORTS) texts.push([`exports/${e.name}`, toCsv(e.columns, e.rows(aggregates))]);
    for (const [where, text] of texts) expect(/zzhm/i.test(text), `a custom field's name in ${where}`).toBe(false);
    // The search looked at the real artifact: the file's summary is in it.
    expect(texts.some(([where, text]) => where.endsWith('aggregates.json') && text.includes(known))).toBe(true);
  });
});
