/**
 * The large benchmark generator (`scripts/tools/bench/generate-large.ts`) at a tiny size: deterministic for a seed,
 * canonical headers, valid values, referential integrity, and reuse of a complete dataset.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BENCH_ENTITIES,
  FILES,
  HEADERS,
  MARKER_FILE,
  PII_COLUMNS,
  STAGES,
  WINDOW_END,
  WINDOW_START,
  ensureDataset,
  generateLarge,
  isoAt,
  sizeFor,
  type BenchEntity,
  type DatasetInfo,
} from '../scripts/tools/bench/generate-large.ts';
import { median, parseGnuTime, parsePreloadUsage } from '../scripts/tools/bench/measure.ts';
import { readTimesOf, shapeAt } from '../scripts/tools/bench.ts';
import {
  APPLICATION_STATUSES,
  RECOMMENDATIONS,
  REJECTED_BY,
  REQUISITION_STATUSES,
  TEMPLATE,
} from '../scripts/schema/canonical.ts';

const TEMPLATE_ENTITY: Record<BenchEntity, keyof typeof TEMPLATE> = {
  requisitions: 'requisitions',
  applications: 'applications',
  interviews: 'interviews',
  stage_events: 'stage_events',
};

let root: string;
let info: DatasetInfo;
const tables = {} as Record<BenchEntity, { header: string[]; rows: Record<string, string>[] }>;
const params = { ...sizeFor(400), seed: 7 };

async function readCsv(file: string): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const parsed = Papa.parse<Record<string, string>>(await fs.readFile(file, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-generator-test-'));
  info = await generateLarge(path.join(root, 'a'), params);
  for (const entity of BENCH_ENTITIES) tables[entity] = await readCsv(path.join(root, 'a', FILES[entity]));
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('large benchmark generator', () => {
  it('is deterministic for a seed, and a different seed gives different data', async () => {
    await generateLarge(path.join(root, 'b'), params);
    await generateLarge(path.join(root, 'c'), { ...params, seed: 8 });
    for (const entity of BENCH_ENTITIES) {
      const a = await fs.readFile(path.join(root, 'a', FILES[entity]));
      const b = await fs.readFile(path.join(root, 'b', FILES[entity]));
      expect(a.equals(b), entity).toBe(true);
    }
    const a = await fs.readFile(path.join(root, 'a', FILES.applications));
    const c = await fs.readFile(path.join(root, 'c', FILES.applications));
    expect(a.equals(c)).toBe(false);
  });

  it('writes the canonical template headers (applications also with PII columns, as real exports have)', () => {
    for (const entity of ['requisitions', 'interviews', 'stage_events'] as const) {
      expect(tables[entity].header).toEqual(TEMPLATE[TEMPLATE_ENTITY[entity]].map((f) => f.column));
    }
    const header = tables.applications.header;
    expect(header).toEqual([...HEADERS.applications]);
    for (const pii of PII_COLUMNS) expect(header).toContain(pii);
    const template = TEMPLATE.applications.map((f) => f.column);
    for (const column of header.filter((c) => !(PII_COLUMNS as readonly string[]).includes(c)))
      expect(template).toContain(column);
    for (const required of TEMPLATE.applications.filter((f) => f.required)) expect(header).toContain(required.column);
  });

  it('records in its marker exactly what the files hold, close to the requested counts', async () => {
    const marker = JSON.parse(await fs.readFile(path.join(root, 'a', MARKER_FILE), 'utf8'));
    expect(marker.params).toEqual(params);
    for (const entity of BENCH_ENTITIES) {
      expect(info.files[entity].rows, entity).toBe(tables[entity].rows.length);
      expect(marker.files[entity].rows).toBe(tables[entity].rows.length);
      expect(marker.files[entity].bytes).toBe((await fs.stat(path.join(root, 'a', FILES[entity]))).size);
    }
    expect(info.files.applications.rows).toBe(params.applications);
    expect(info.files.requisitions.rows).toBe(params.requisitions);
    expect(Math.abs(info.files.interviews.rows / params.interviews - 1)).toBeLessThan(0.15);
    expect(Math.abs(info.files.stage_events.rows / params.stageEvents - 1)).toBeLessThan(0.1);
  });

  it('keeps referential integrity and unique keys', () => {
    const requisitionIds = tables.requisitions.rows.map((r) => r.requisition_id);
    expect(new Set(requisitionIds).size).toBe(requisitionIds.length);
    const jobIds = new Set(tables.requisitions.rows.map((r) => r.job_id));
    const applicationIds = tables.applications.rows.map((r) => r.application_id);
    expect(new Set(applicationIds).size).toBe(applicationIds.length);
    const known = new Set(applicationIds);
    for (const a of tables.applications.rows) expect(jobIds.has(a.job_id!), a.job_id).toBe(true);
    const interviewIds = tables.interviews.rows.map((r) => r.interview_id);
    expect(new Set(interviewIds).size).toBe(interviewIds.length);
    for (const i of tables.interviews.rows) expect(known.has(i.application_id!), i.application_id).toBe(true);
    for (const e of tables.stage_events.rows) expect(known.has(e.application_id!), e.application_id).toBe(true);
  });

  it('uses the canonical values, ISO date-times inside the 36-month window, and consistent outcomes', () => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/;
    const first = `${WINDOW_START}T00:00:00Z`;
    const last = `${WINDOW_END}T23:59:00Z`;
    const checkDate = (value: string | undefined, optional: boolean) => {
      if (optional && value === '') return;
      expect(value).toMatch(iso);
      expect(value! >= first && value! <= last, value).toBe(true);
    };
    const stages = new Set<string>(STAGES);
    for (const r of tables.requisitions.rows) {
      expect(REQUISITION_STATUSES).toContain(r.status);
      checkDate(r.opened_at, false);
      checkDate(r.filled_at, true);
      checkDate(r.closed_at, true);
      if (r.status === 'filled') expect(r.filled_at! >= r.opened_at!).toBe(true);
      else expect(r.filled_at).toBe('');
    }
    const departments = new Set(tables.requisitions.rows.map((r) => r.department));
    expect(departments.size).toBeGreaterThanOrEqual(5);
    for (const a of tables.applications.rows) {
      expect(APPLICATION_STATUSES).toContain(a.status);
      expect(stages.has(a.current_stage!)).toBe(true);
      checkDate(a.applied_at, false);
      checkDate(a.rejected_at, true);
      checkDate(a.hired_at, true);
      expect(['', ...REJECTED_BY]).toContain(a.rejected_by);
      if (a.status === 'rejected' || a.status === 'withdrawn') expect(a.rejected_at).not.toBe('');
      if (a.status === 'withdrawn') expect(a.rejected_by).not.toBe('company');
      if (a.status === 'hired') expect(a.hired_at).not.toBe('');
      if (a.status === 'active') expect(a.rejected_at! + a.hired_at! + a.rejection_reason!).toBe('');
      expect(a.candidate_email).toMatch(/^[a-z]+\.[a-z]+\d+@example\.com$/);
    }
    const statuses = new Set(tables.applications.rows.map((a) => a.status));
    for (const s of APPLICATION_STATUSES) expect(statuses.has(s), s).toBe(true);
    for (const i of tables.interviews.rows) {
      expect(stages.has(i.stage!)).toBe(true);
      checkDate(i.interview_at, false);
      checkDate(i.interview_end_at, true);
      checkDate(i.feedback_submitted_at, true);
      expect(['', ...RECOMMENDATIONS]).toContain(i.recommendation);
      if (i.feedback_submitted_at) expect(i.feedback_submitted_at >= i.interview_at!).toBe(true);
    }
    for (const e of tables.stage_events.rows) {
      expect(stages.has(e.stage!)).toBe(true);
      checkDate(e.entered_at, false);
      checkDate(e.exited_at, true);
      if (e.exited_at) expect(e.exited_at >= e.entered_at!).toBe(true);
    }
  });

  it('formats minute offsets as ISO date-times without Date objects per row', () => {
    expect(isoAt(0)).toBe(`${WINDOW_START}T00:00:00Z`);
    expect(isoAt(24 * 60 + 14 * 60 + 30)).toBe('2023-11-02T14:30:00Z');
  });

  it('reuses a complete dataset with the same parameters, and regenerates when they change', async () => {
    const dir = path.join(root, 'reuse');
    const small = { ...sizeFor(50), seed: 3 };
    expect((await ensureDataset(dir, small)).reused).toBe(false);
    expect((await ensureDataset(dir, small)).reused).toBe(true);
    // a damaged file is not reused
    await fs.appendFile(path.join(dir, FILES.interviews), 'x');
    expect((await ensureDataset(dir, small)).reused).toBe(false);
    expect((await ensureDataset(dir, { ...small, seed: 4 })).reused).toBe(false);
  });
});

describe('benchmark helpers', () => {
  it('scales explicit counts given for the largest size down to smaller sizes', () => {
    expect(shapeAt(1_000_000, 1_000_000, {})).toEqual({
      applications: 1_000_000,
      requisitions: 20_000,
      interviews: 2_000_000,
      stageEvents: 4_000_000,
    });
    expect(shapeAt(100_000, 1_000_000, { interviews: 500_000 })).toEqual({
      applications: 100_000,
      requisitions: 2_000,
      interviews: 50_000,
      stageEvents: 400_000,
    });
  });

  it('reads peak RSS and CPU time from GNU time or the preload file, and takes medians', () => {
    const gnu =
      '\tUser time (seconds): 1.50\n\tSystem time (seconds): 0.25\n\tMaximum resident set size (kbytes): 81234\n\tExit status: 0\n';
    expect(parseGnuTime(gnu)).toEqual({ maxRssKb: 81234, cpuMs: 1750, exitStatus: 0 });
    // one line per Node process: the largest RSS wins, CPU times add up
    expect(parsePreloadUsage('100 5000 1000000 500000\n101 7000 250000 0\n')).toEqual({ maxRssKb: 7000, cpuMs: 1750 });
    expect(parsePreloadUsage('')).toEqual({ maxRssKb: null, cpuMs: null });
    expect(median([3, 1, 2])).toBe(2);
    const log =
      'Reading exports in /x\napplications.csv: 6,369 rows, 1 MB, 11k rows/s\napplications.csv: 1,000,000 rows, 157 MB in 21.6 s\n';
    expect([...readTimesOf(log)]).toEqual([['applications.csv', 21.6]]);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
