/**
 * A header row that is not one, from hand-made exports the team had not seen (issue 18, item 3: "for a header
 * that isn't one, they say so without printing it"). The build recognises a headerless file by a date, a number
 * or an e-mail address in its first row; a file without any (a shortlist of names, teams and outcomes), or with
 * a report title above its header, is skipped as "not recognised", and its first row is listed as "Its
 * columns:" only when one of them is a column the dashboard knows (scripts/read/recognise.ts, `columnsHere`):
 * it printed the first candidate's row, or the title, in the log, the data-quality page and the artifact.
 *
 * A recognised export's extra column whose header is a person's name or a candidate id was listed by that name
 * under "Columns dropped"; a dropped column is now named only when its name is one the dashboard knows, or shaped
 * like one (scripts/read/dropped-columns.ts, `namedDroppedColumn`), and the others are counted.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../scripts/log.ts';
import { ingest } from '../../scripts/read/ingest.ts';
import { configSchema } from '../../scripts/schema/config.ts';

const TOKEN = 'ZQXHDRNAME';
let dir: string;

const REQUISITIONS = 'requisition_id,job_title,department,opened_at\r\nR1,Engineer,Eng,2025-01-01\r\n';
const APPLICATIONS = [
  'application_id,job_id,applied_at,status',
  ...Array.from({ length: 8 }, (_, k) => `A${k},R1,2025-01-0${k + 1},active`),
].join('\r\n');

/** Everything the data step keeps about the folder's files: the log and the data-quality report. */
async function outputs(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(dir, 'case-'));
  await writeFile(join(folder, 'requisitions.csv'), REQUISITIONS);
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  const log = memoryLogger();
  const { quality } = await ingest(folder, configSchema.parse({}), log);
  return JSON.stringify([log.lines, quality]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attack-header-rows-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a first row that is not a header', () => {
  // Once printed as "Its columns:" (scripts/read/recognise.ts).
  it('a headerless shortlist of text is skipped without printing its first candidate', async () => {
    const out = await outputs({
      'applications.csv': APPLICATIONS,
      'shortlist.csv': `${TOKEN} Fakename,Platform,Referral,Rejected,Not a fit\r\nOther Person,Growth,LinkedIn,Hired,\r\n`,
    });
    expect(out).toContain('shortlist.csv');
    expect(out).not.toContain(TOKEN);
  });

  // Once printed as "Its columns:" (scripts/read/recognise.ts).
  it('a report title above the header is not printed', async () => {
    const out = await outputs({
      'applications.csv': `Applications export for ${TOKEN}'s team\r\n${APPLICATIONS}`,
    });
    expect(out).toContain('applications.csv');
    expect(out).not.toContain(TOKEN);
  });

  // Held when attacked: a headerless row with a date in it is said to be one, and not shown.
  it('a headerless export with dates is skipped without printing its first row', async () => {
    const out = await outputs({
      'applications.csv': APPLICATIONS,
      'again.csv': `A9,R1,2025-01-09,${TOKEN} Fakename,rejected\r\nA10,R1,2025-01-10,Other Person,active\r\n`,
    });
    expect(out).toContain('first row looks like data');
    expect(out).not.toContain(TOKEN);
  });
});

describe('an extra column of a recognised export', () => {
  // Once listed by its name under "Columns dropped" (scripts/read/ingest.ts, droppedColumns).
  it('named after a candidate, or by a candidate id, is not listed by that name', async () => {
    const lines = APPLICATIONS.split('\r\n');
    const out = await outputs({
      'applications.csv': [`${lines[0]},${TOKEN} Fakename,CAND-ZQX-0001`, ...lines.slice(1).map((l) => `${l},x,`)].join(
        '\r\n',
      ),
    });
    expect(out).toContain('applications.csv');
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('CAND-ZQX-0001');
    expect(out).toContain("2 other columns, not named: a header may be a person's name");
  });

  it('named as a column, is listed by its name; the others are counted', async () => {
    const header = 'candidate_email,Candidate Name,lastActivityAt,Hana Moreau,jane.doe,notes_2024,ZQX';
    const lines = APPLICATIONS.split('\r\n');
    const out = await outputs({
      'applications.csv': [`${lines[0]},${header}`, ...lines.slice(1).map((l) => `${l},,,,,,,`)].join('\r\n'),
    });
    const files = (JSON.parse(out) as [string[], { files: Array<{ path: string; droppedColumns: string[] }> }])[1]
      .files;
    expect(files.find((f) => f.path === 'applications.csv')!.droppedColumns).toEqual([
      'candidate_email',
      'Candidate Name',
      'lastActivityAt',
      "4 other columns, not named: a header may be a person's name",
    ]);
  });
});
