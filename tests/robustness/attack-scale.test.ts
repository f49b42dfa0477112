/**
 * Data never breaks the build (issue 18, item 8), in the two shapes `scale.test.ts` leaves out: 3,000
 * distinct rejection reasons, and 3,000 departments each with a hiring manager of its own. Data generated here,
 * seeded (`scale.ts`).
 *
 * - 3,000 reasons, each from five candidates (so each is a label and is published): within the page budget, the
 *   reasons capped on the page and all 3,000 in the CSV (checked on the build of the 3,000 stages below, whose
 *   exports hold these reasons too: one build for both);
 * - 3,000 reasons, each from one candidate: every one is rare text, counted and never quoted (data step only);
 * - 3,000 departments: 6,000 pages take minutes on a 2-core machine (7.5 min, largest page 170 KB, when this
 *   was written), so that build runs only with ATTACK_SCALE_FULL=1; the data step runs always;
 * - 3,000 distinct stages (each pipeline stage, interview stage and stage event from five candidates, as an ATS
 *   with a pipeline per job gives): the funnel page reached 1.8 MB and department pages 1.3 MB, and the build
 *   stopped with the page-budget message ("looks like a bug"); per-stage lists and charts now show the stages
 *   with the most volume (`capList`, src/lib/figures/cap.ts), say how many more the CSV holds, and the CSV
 *   holds them all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_BUDGET_BYTES } from '../../scripts/build.ts';
import { memoryLogger } from '../../scripts/log.ts';
import { runDataStep } from '../../scripts/pipeline.ts';
import { runScriptAsync } from './site.ts';
import { writeScaleExports, type ScaleOptions } from './scale.ts';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-scale-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

const BUG = /page-weight budget|looks like a bug|this is a bug/i;

async function build(
  name: string,
  shape: ScaleOptions,
  write: (dir: string, shape: ScaleOptions) => unknown = writeScaleExports,
) {
  const data = path.join(work, name);
  write(data, shape);
  const site = path.join(work, `${name}-site`);
  const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', site], {
    CACHE_DIR: path.join(work, `${name}-cache`),
  });
  const pages = fs.existsSync(site)
    ? fs
        .readdirSync(site, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.html'))
        .map((e) => fs.statSync(path.join(e.parentPath, e.name)).size)
    : [];
  return { status: result.status, log: result.stderr + result.stdout, site, pages };
}

/** The scale exports with `stages` distinct stages, each on five candidates' applications, interviews and events. */
function writeManyStages(dir: string, stages: number) {
  writeScaleExports(dir, { reasons: stages, reasonRepeats: 5 });
  const lines = fs.readFileSync(path.join(dir, 'applications.csv'), 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const [stageAt, appliedAt] = [header.indexOf('current_stage'), header.indexOf('applied_at')];
  const interviews = [
    'interview_id,application_id,stage,interviewer,interview_at,interview_end_at,feedback_submitted_at,recommendation',
  ];
  const events = ['application_id,stage,entered_at,exited_at,reason'];
  const rows = lines.slice(1).map((line, k) => {
    const cells = line.split(',');
    const stage = `Stage ZQXS${String(Math.floor(k / 5) % stages).padStart(5, '0')}`;
    cells[stageAt] = stage;
    const day = cells[appliedAt]!.slice(0, 10);
    interviews.push(
      `I${k},${cells[0]},${stage},Interviewer ${k % 50},${day}T10:00:00Z,${day}T11:00:00Z,${day}T15:00:00Z,yes`,
    );
    events.push(`${cells[0]},${stage},${day}T10:00:00Z,,`);
    return cells.join(',');
  });
  fs.writeFileSync(path.join(dir, 'applications.csv'), [lines[0], ...rows].join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'interviews.csv'), interviews.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'stage_events.csv'), events.join('\n') + '\n');
}

async function dataStep(name: string, shape: ScaleOptions) {
  const data = path.join(work, name);
  writeScaleExports(data, shape);
  const log = memoryLogger();
  const { aggregates } = await runDataStep({
    dataDir: data,
    cacheDir: path.join(work, `${name}-cache`),
    sample: false,
    log,
  });
  return { aggregates, lines: log.lines.join('\n') };
}

/**
 * One build for the reasons and the stages: the scale exports with 3,000 distinct reasons, each from five
 * candidates, and 3,000 distinct stages (`writeManyStages`).
 */
let built: Awaited<ReturnType<typeof build>>;
beforeAll(async () => {
  built = await build('stages', {}, (dir) => writeManyStages(dir, 3000));
}, 900_000);

describe('3,000 distinct rejection reasons', () => {
  it('each from five candidates: every page within the budget, the page capped, the CSV complete', () => {
    const { status, log, site, pages } = built;
    expect(status, log.slice(-2000)).toBe(0);
    expect(log).not.toMatch(BUG);
    expect(Math.max(...pages)).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    const page = fs.readFileSync(path.join(site, 'rejections', 'index.html'), 'utf8');
    expect(page).toMatch(/Showing the 50 most frequent reasons; [\d,]+ more are in/);
    expect((page.match(/ZQXR\d+/g) ?? []).length).toBeLessThanOrEqual(50);
    const csv = fs.readFileSync(path.join(site, 'exports', 'rejections-by-month.csv'), 'utf8');
    expect(new Set(csv.match(/ZQXR\d+/g)).size).toBe(3000);
  });

  it('each from one candidate: all counted as rare text, none quoted', async () => {
    const { aggregates, lines } = await dataStep('rare-reasons', { reasons: 3000, reasonRepeats: 1 });
    const text = JSON.stringify(aggregates) + lines;
    expect(text).not.toContain('ZQXR');
    const rare = aggregates.quality.unmapped.find((u) => u.column === 'rejection_reason' && /rare text/.test(u.value));
    expect(rare?.value).toMatch(/^\(rare text: 3,000 values,/);
    expect(rare?.rows).toBe(3000);
  }, 300_000);
});

describe('3,000 departments, each with its own hiring manager', () => {
  it('the data step ends with no message about a bug', async () => {
    const { aggregates, lines } = await dataStep('departments-data', { departments: 3000 });
    expect(lines).not.toMatch(BUG);
    expect(new Set(aggregates.timeToFill.byPerson.map((r) => r.person)).size).toBeGreaterThanOrEqual(3000);
  }, 600_000);

  it.runIf(process.env.ATTACK_SCALE_FULL === '1')(
    'the site builds within the page budget',
    async () => {
      const { status, log, pages } = await build('departments', { departments: 3000 });
      expect(status, log.slice(-2000)).toBe(0);
      expect(log).not.toMatch(BUG);
      expect(pages.length).toBeGreaterThan(6000);
      expect(Math.max(...pages)).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    },
    1_800_000,
  );
});

describe('3,000 distinct stages', () => {
  it('every page within the budget, the stages capped on the pages, the CSVs complete', () => {
    const { status, log, site, pages } = built;
    expect(log).not.toMatch(BUG);
    expect(status, log.slice(-2000)).toBe(0);
    expect(Math.max(...pages)).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    const read = (...at: string[]) => fs.readFileSync(path.join(site, ...at), 'utf8');
    const stagesIn = (text: string) => new Set(text.match(/ZQXS\d+/g)).size;
    // The funnel's bars and table (50 stages) and its pass-through lines (10): at most 60 stages named.
    const funnel = read('funnel', 'index.html');
    expect(funnel).toContain('Showing the 50 stages reached by the most applications; 2,950 more are in funnel.csv');
    expect(funnel).toMatch(/Showing the 10 stages reached by the most applications; [\d,]+ more are in funnel\.csv/);
    expect(funnel).toContain('Other stages (2,950)');
    expect(stagesIn(funnel)).toBeLessThanOrEqual(60);
    const department = read('departments', 'department-00000', 'index.html');
    expect(department).toMatch(
      /Showing the 50 stages reached by the most applications; [\d,]+ more are in funnel\.csv/,
    );
    expect(stagesIn(read('rejections', 'index.html'))).toBeLessThanOrEqual(50);
    expect(stagesIn(read('feedback', 'index.html'))).toBeLessThanOrEqual(50);
    expect(stagesIn(read('exports', 'funnel.csv'))).toBe(3000);
  });
});
