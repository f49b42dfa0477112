/**
 * Large exports are read on worker threads and replayed on the main thread (scripts/read/export-thread.ts).
 * That must be invisible: the same folder read with every file on a worker and with every file in process
 * gives the same canonical tables, the same ledger, the same data-quality report and the same log.
 *
 * The folder is the benchmark generator's (in batches of 1,000 rows: many per file) plus what makes the
 * replay hard: a re-export overlapping the first (identical and conflicting duplicates), rows quarantined
 * for several reasons, a value nobody mapped, contact details typed into a department and into people's
 * columns (numbered stand-ins, counted in order of first sight across files), a quoted line break
 * (line numbers), an unclosed quote at the end of a file, and a file whose header matches no table.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLarge, sizeFor } from '../scripts/tools/bench/generate-large.ts';
import { UserError } from '../scripts/errors.ts';
import { memoryLogger } from '../scripts/log.ts';
import { ingest, type IngestResult } from '../scripts/read/ingest.ts';
import { configSchema } from '../scripts/schema/config.ts';

/** Small batches, so that each file takes many (and the worker waits for the main thread at times). */
const BATCH_ROWS = 1_000;
let root: string;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'ingest-workers-test-'));
  await generateLarge(root, { ...sizeFor(3_000), seed: 3 });
  const applications = (await fs.readFile(path.join(root, 'applications.csv'), 'utf8')).split('\n');
  const header = applications[0]!;
  // A later re-export: 300 rows again (the active ones among the first 100 now rejected), and some damage.
  const again = applications.slice(1, 301).map((line, i) => (i < 100 ? line.replace(/,active,/, ',rejected,') : line));
  again.push(
    'APP-X1,CAND-1,Ann Example,ann@example.com,JOB-000001,2024-01-10T10:00:00Z,Referral,Onsite,on hold,,,,',
    'APP-X2,CAND-2,Bo Example,bo@example.com,JOB-000001,not a date,Referral,Onsite,active,,,,',
    'APP-X3,CAND-3,"Cy ""Quoted"" Example",cy@example.com,JOB-000001,2024-01-10T10:00:00Z,"Agency\nline two",Onsite,active,,,,',
    'APP-X4,CAND-4,Di Example,di@example.com,JOB-000001,2024-01-10T10:00:00Z,Agency,Onsite,active,,,',
  );
  await fs.writeFile(path.join(root, 'applications_2.csv'), `${header}\n${again.join('\n')}\n`);

  const requisitions = (await fs.readFile(path.join(root, 'requisitions.csv'), 'utf8')).trimEnd().split('\n');
  const [r1, r2, r3] = unquoted(requisitions, 3, 3) as [number, number, number];
  requisitions[r1] = requisitions[r1]!.replace(/^([^,]*,[^,]*,[^,]*,)[^,]*/, '$1hr.team@example.com');
  requisitions[r2] = requisitions[r2]!.replace(/^((?:[^,]*,){5})[^,]*/, '$1manager.one@example.com');
  requisitions[r3] = requisitions[r3]!.replace(
    /^((?:[^,]*,){5})[^,]*,[^,]*/,
    '$1+44 20 7946 0000,manager.one@example.com',
  );
  await fs.writeFile(path.join(root, 'requisitions.csv'), `${requisitions.join('\n')}\n`);

  const interviews = (await fs.readFile(path.join(root, 'interviews.csv'), 'utf8')).trimEnd().split('\n');
  const [i1, i2, i3, i4, i5] = [10, 2_000, 3_000, 3_100, interviews.length - 5].map(
    (from) => unquoted(interviews, from, 1)[0]!,
  ) as [number, number, number, number, number];
  interviews[i1] = interviews[i1]!.replace(/^((?:[^,]*,){3})[^,]*/, '$1someone@example.com');
  interviews[i2] = interviews[i2]!.replace(/^((?:[^,]*,){3})[^,]*/, '$1+1 415 555 0100');
  // An unknown recommendation from five applications' interviews: quoted only when that many candidates gave it.
  for (const i of [i3, ...[3_300, 3_600, 3_900, 4_200].map((from) => unquoted(interviews, from, 1)[0]!)]) {
    interviews[i] = interviews[i]!.replace(/,(yes|no|strong_yes|strong_no|no_decision)?$/, ',maybe');
  }
  interviews[i4] = `${interviews[i4]},extra`;
  interviews[i5] = `"oops" ${interviews[i5]}`;
  await fs.writeFile(path.join(root, 'interviews.csv'), `${interviews.join('\n')}\n`);

  await fs.writeFile(path.join(root, 'zz-unknown.csv'), 'what,is,this\n');
});
/** The indexes of the first `n` lines from `from` on that have no quotes (a cell is easy to replace there). */
function unquoted(lines: string[], from: number, n: number): number[] {
  const found: number[] = [];
  for (let i = from; found.length < n; i++) if (!lines[i]!.includes('"')) found.push(i);
  return found;
}

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Candidate keys are pseudonyms seeded per run: numbered by first sight, they compare across runs. */
function comparable(result: IngestResult): unknown {
  const keys = new Map<number, number>();
  const applications = result.tables.applications.map((a) => {
    if (a.candidateKey === null) return a;
    if (!keys.has(a.candidateKey)) keys.set(a.candidateKey, keys.size);
    return { ...a, candidateKey: keys.get(a.candidateKey) };
  });
  return { ...result, tables: { ...result.tables, applications } };
}

async function read(workerFromBytes: number): Promise<{ result: IngestResult; log: string[] }> {
  const log = memoryLogger();
  const result = await ingest(root, configSchema.parse({}), log, { workerFromBytes, batchRows: BATCH_ROWS });
  return { result, log: log.lines };
}

describe('reading on worker threads', () => {
  it('gives exactly what reading in process gives', async () => {
    const inProcess = await read(Infinity);
    const onWorkers = await read(0);

    // The folder really holds the hard cases (else the comparison proves little).
    const q = inProcess.result.quality;
    const entity = (name: string) => q.entities.find((e) => e.entity === name)!;
    const apps = entity('applications');
    expect(apps.duplicatesIdentical + apps.duplicatesConflicting).toBe(300);
    expect(apps.duplicatesConflicting).toBeGreaterThan(0);
    expect(entity('interviews').read).toBeGreaterThan(5 * BATCH_ROWS);
    expect(q.ledger.map((e) => e.problem)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown status'),
        expect.stringContaining('ragged row'),
        'unclosed quote',
        expect.stringContaining('unparseable date'),
      ]),
    );
    expect(q.unmapped.map((u) => u.value)).toEqual(
      expect.arrayContaining(['maybe', '(value hidden: looked like an e-mail address)']),
    );
    const people = new Set(
      [
        ...inProcess.result.tables.requisitions.flatMap((r) => [r.hiringManager, r.recruiter]),
        ...inProcess.result.tables.interviews.rows().map((i) => i.interviewer),
      ].filter((p) => p?.startsWith('(contact details hidden')),
    );
    expect([...people].sort()).toEqual([
      '(contact details hidden #1)',
      '(contact details hidden #2)',
      '(contact details hidden #3)',
      '(contact details hidden #4)',
    ]);
    expect(q.files.find((f) => f.path === 'zz-unknown.csv')?.entity).toBeNull();

    expect(onWorkers.log).toEqual(inProcess.log);
    expect(comparable(onWorkers.result)).toEqual(comparable(inProcess.result));
  });

  it('a file that is skipped is skipped alike, and one that stops a --strict run stops it with the same message', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ingest-workers-broken-'));
    await fs.writeFile(path.join(dir, 'a.csv'), 'what,is,this\nx,y,z\n');
    // A workbook renamed .csv: known to be no text only on the thread that reads it.
    await fs.writeFile(path.join(dir, 'b.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    const files = async (workerFromBytes: number) =>
      (await ingest(dir, configSchema.parse({}), memoryLogger(), { workerFromBytes })).quality.files;
    const skipped = await files(Infinity);
    expect(skipped.map((f) => f.skipped)).toEqual([
      'not recognised: none of its columns is one the dashboard reads',
      'not read: it is an Excel workbook or another zip archive, not a CSV text file',
    ]);
    expect(await files(0)).toEqual(skipped);
    const failure = (workerFromBytes: number) =>
      ingest(dir, configSchema.parse({}), memoryLogger(), { workerFromBytes, strict: true }).then(
        () => null,
        (error: unknown) => error,
      );
    const inProcess = await failure(Infinity);
    const onWorker = await failure(0);
    await fs.rm(dir, { recursive: true, force: true });
    expect(inProcess).toBeInstanceOf(UserError);
    expect(onWorker).toBeInstanceOf(UserError);
    expect((onWorker as UserError).format()).toBe((inProcess as UserError).format());
  });
});
