/**
 * File names are printed in the log and shown on the data-quality page (issue 18, item 3). A name holding a
 * terminal's escape sequence recoloured or cleared the terminal of whoever ran the build, and one holding a
 * line break forged a log line of its own ("fake.csv: read as interviews"); a right-to-left override shows a
 * different name on the page. They are shown as escapes (`\x1b`, `\n`, `\u202e`), and the file is still read.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../scripts/log.ts';
import { listCsvFiles, printableName } from '../../scripts/read/files.ts';
import { ingest } from '../../scripts/read/ingest.ts';
import { configSchema } from '../../scripts/schema/config.ts';

const HOSTILE = 'x\u001b[2J\u001b[31mred\nforged.csv: read as interviews\u202egpj.csv';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attack-file-names-'));
  await writeFile(
    join(dir, 'requisitions.csv'),
    'requisition_id,job_title,department,opened_at\r\nR1,Engineer,Eng,2025-01-01\r\n',
  );
  await writeFile(
    join(dir, HOSTILE),
    'application_id,candidate_id,job_id,applied_at,status\r\nA1,C1,R1,2025-01-02,active\r\nA2,C2,R1,2025-01-03,active\r\n',
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a file name with control characters', () => {
  it('is named with escapes, and still read', async () => {
    const files = await listCsvFiles(dir);
    const hostile = files.find((f) => f.name !== 'requisitions.csv')!;
    expect(hostile.name).toBe('x\\x1b[2J\\x1b[31mred\\x0aforged.csv: read as interviews\\u202egpj.csv');
    expect(hostile.path).toBe(join(dir, HOSTILE));
  });

  it('never reaches the log or the report as it is', async () => {
    const log = memoryLogger();
    const { tables, quality } = await ingest(dir, configSchema.parse({}), log);
    expect(tables.applications).toHaveLength(2);
    // The report's strings as they are, not as JSON writes them.
    const said = [
      ...log.lines,
      ...JSON.stringify(quality)
        .match(/"(?:[^"\\]|\\.)*"/g)!
        .map((s) => JSON.parse(s) as string),
    ];
    expect(said.filter((text) => /[\u001b\u202e]|red\nforged/.test(text))).toEqual([]);
    expect(log.lines.some((line) => line.startsWith('forged.csv'))).toBe(false);
  });

  it.each([
    ['plain.csv', 'plain.csv'],
    ['Exports – März 2025 (ü).csv', 'Exports – März 2025 (ü).csv'],
    ['tab\there.csv', 'tab\\x09here.csv'],
    ['bidi\u2066x\u2069.csv', 'bidi\\u2066x\\u2069.csv'],
  ])('%j is shown as %j', (name, shown) => {
    expect(printableName(name)).toBe(shown);
  });
});
