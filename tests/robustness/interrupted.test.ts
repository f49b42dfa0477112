/**
 * Nothing is lost on failure (issue #7, part 4): a failed or killed build leaves the previous site in place,
 * the next build succeeds and cleans up after the killed one, and an interrupted or damaged cache is never
 * trusted.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUpInterruptedBuilds, siteBuildMemorySettings } from '../../scripts/build.ts';
import { DATA_STEP_SEMI_SPACE_MB, dataStepEnv, dataStepNodeOptions, stoppedBy } from '../../scripts/data-process.ts';
import { memoryLogger, silentLogger } from '../../scripts/log.ts';
import { inputKey, runDataStep } from '../../scripts/pipeline.ts';
import { OUT_MARKER } from '../../scripts/out-folder.ts';
import { isAlive } from '../../scripts/processes.ts';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import { NODE, ROOT } from '../helpers/run.ts';
import { runScriptAsync } from './site.ts';

const SMALL = path.join(ROOT, 'tests/fixtures/build/small');
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-interrupted-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** A folder holding a "previous site": one page, and the file every build leaves in its output. */
function previousSite(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), 'previous site');
  fs.writeFileSync(path.join(dir, OUT_MARKER), '');
}

/** What lies beside a site folder: interrupted builds' leftovers. */
const siblings = (out: string) =>
  fs.readdirSync(path.dirname(out)).filter((name) => name.startsWith(`${path.basename(out)}.`));

/** The pid of a process that has exited (so that no live process owns it). */
function deadPid(): number {
  const child = spawnSync(NODE, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const until = async (condition: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
};

describe('a build that fails', () => {
  it('because the data step runs out of memory says so, with how to raise the limit, and keeps the previous site', async () => {
    const out = path.join(work, 'out-of-memory', 'site');
    previousSite(out);
    // The sample needs far more than 16 MB of old generation; the data step (a child) inherits the limit.
    const result = await runScriptAsync('scripts/build.ts', ['--data', path.join(ROOT, 'data/sample'), '--out', out], {
      CACHE_DIR: path.join(work, 'cache-oom'),
      NODE_OPTIONS: '--max-old-space-size=16',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/error: the data step was stopped by SIGABRT: most likely it ran out of memory/);
    expect(result.stderr).toMatch(/NODE_OPTIONS=--max-old-space-size=\d+ npm run build/);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    expect(siblings(out)).toEqual([]);
  }, 60_000);

  it('in the data step leaves the previous site untouched and nothing beside it', async () => {
    const data = path.join(work, 'bad-data');
    fs.mkdirSync(data);
    fs.writeFileSync(path.join(data, 'people.csv'), 'name,email\nAnn,ann@example.com\n');
    const out = path.join(work, 'failed-data', 'site');
    previousSite(out);
    const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', out], {
      CACHE_DIR: path.join(work, 'cache-a'),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('people.csv');
    // Said once, by the data step (its own process), not again by the build.
    expect(result.stderr.match(/error:/g)).toHaveLength(1);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    expect(siblings(out)).toEqual([]);
  });

  it('in the site build (a note whose front matter is wrong) names the note and leaves the previous site untouched', async () => {
    const data = path.join(work, 'bad-note');
    fs.cpSync(SMALL, data, { recursive: true });
    fs.writeFileSync(path.join(data, 'retros', '2025-01.md'), '---\ntitle: 5\n---\nA note.\n');
    const out = path.join(work, 'failed-site', 'site');
    previousSite(out);
    const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', out], {
      CACHE_DIR: path.join(work, 'cache-b'),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/error: retros\/2025-01\.md: .*title/);
    expect(result.stderr).toContain('How to fix');
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    expect(siblings(out)).toEqual([]);
  }, 120_000);
});

describe('a build killed with SIGKILL while it writes the site', () => {
  it('leaves the previous site intact; the next build succeeds and removes the half-built folder', async () => {
    const out = path.join(work, 'killed', 'site');
    previousSite(out);
    const cache = path.join(work, 'cache-killed');
    const child = spawn(NODE, [path.join(ROOT, 'scripts/build.ts'), '--data', SMALL, '--out', out], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CACHE_DIR: cache },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const building = `${out}.building-${child.pid}`;
    // Kill it once Astro has started writing the new site (or, on a very slow machine, after 60 s anyway).
    await until(() => fs.existsSync(building) && fs.readdirSync(building).length > 0, 60_000);
    const sawBuilding = fs.existsSync(building);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(sawBuilding).toBe(true);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    expect(siblings(out)).toEqual([path.basename(building)]); // the leftover, until the next build

    const next = await runScriptAsync('scripts/build.ts', ['--data', SMALL, '--out', out], { CACHE_DIR: cache });
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toContain(`Removed ${path.basename(building)}, left by an interrupted build.`);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toMatch(/<!DOCTYPE html>/i);
    expect(siblings(out)).toEqual([]);
  }, 240_000);
});

describe('a build stopped with SIGTERM during its data step', () => {
  it('stops the data step too (it runs in a process of its own) and exits with 143', async () => {
    const out = path.join(work, 'terminated', 'site');
    const child = spawn(NODE, [path.join(ROOT, 'scripts/build.ts'), '--out', out], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CACHE_DIR: path.join(work, 'cache-terminated') },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The sample's data step takes a second or two: time enough to see it start.
    let dataStep = 0;
    await until(() => {
      const found = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(child.pid)], { encoding: 'utf8' });
      const line = found.stdout.split('\n').find((l) => l.includes('scripts/data.ts'));
      dataStep = line ? Number(line.trim().split(/\s+/)[0]) : 0;
      return dataStep > 0;
    }, 30_000);
    expect(dataStep).toBeGreaterThan(0);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(isAlive(dataStep)).toBe(false);
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);
});

describe('cleaning up before a build', () => {
  it('puts back a previous site left aside by a build killed between its two renames', async () => {
    const out = path.join(work, 'swap', 'site');
    const aside = `${out}.previous-${deadPid()}`;
    previousSite(aside);
    const log = memoryLogger();
    await cleanUpInterruptedBuilds(out, log);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    expect(siblings(out)).toEqual([]);
    expect(log.lines.join('\n')).toContain('restored the previous site');
  });

  it('removes an old copy set aside when the site itself is in place', async () => {
    const out = path.join(work, 'swap-done', 'site');
    previousSite(out);
    previousSite(`${out}.previous-${deadPid()}`);
    await cleanUpInterruptedBuilds(out, silentLogger);
    expect(siblings(out)).toEqual([]);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
  });

  it('leaves alone the folders of a build that is still running, and folders that only look similar', async () => {
    const out = path.join(work, 'running', 'site');
    previousSite(out);
    const live = spawn(NODE, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      fs.mkdirSync(`${out}.building-${live.pid}`);
      fs.mkdirSync(`${out}.building-notapid`);
      const otherSite = `${out}-other.building-${deadPid()}`;
      fs.mkdirSync(otherSite);
      await cleanUpInterruptedBuilds(out, silentLogger);
      expect(siblings(out).sort()).toEqual([`site.building-${live.pid}`, 'site.building-notapid']);
      expect(fs.existsSync(otherSite)).toBe(true);
    } finally {
      live.kill('SIGKILL');
    }
  });

  it('does the clean-up at the start of a build, even one whose data step then fails', async () => {
    const out = path.join(work, 'restore-then-fail', 'site');
    previousSite(`${out}.previous-${deadPid()}`);
    const data = path.join(work, 'empty-data');
    fs.mkdirSync(data);
    const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', out], {
      CACHE_DIR: path.join(work, 'cache-c'),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no CSV files');
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    expect(siblings(out)).toEqual([]);
  });
});

describe('the data step cache', () => {
  const step = (cacheDir: string, dataDir = SMALL) =>
    runDataStep({ dataDir, cacheDir, sample: false, log: silentLogger });
  /**
   * Whether the cache key stayed put while `run` ran: it hashes scripts/ too, which a developer may be editing
   * while the suite runs (then nothing may be reused, rightly).
   */
  const keyStable = async (run: () => Promise<void>) => {
    const before = await inputKey(SMALL, false);
    await run();
    return (await inputKey(SMALL, false)) === before;
  };

  it('is reused when nothing changed', async () => {
    const cacheDir = path.join(work, 'cache-reuse');
    let reused = false;
    const stable = await keyStable(async () => {
      expect((await step(cacheDir)).reused).toBe(false);
      reused = (await step(cacheDir)).reused;
    });
    if (stable) expect(reused).toBe(true);
  });

  it('is not reused when the artifact was truncated, and a valid one is written again', async () => {
    const cacheDir = path.join(work, 'cache-truncated');
    const first = await step(cacheDir);
    const text = fs.readFileSync(first.artifactPath, 'utf8');
    fs.writeFileSync(first.artifactPath, text.slice(0, Math.floor(text.length / 2)));
    const second = await step(cacheDir);
    expect(second.reused).toBe(false);
    expect(fs.readFileSync(second.artifactPath, 'utf8')).toBe(text);
  });

  it('is not reused when the artifact is empty, not JSON, or valid JSON that fails the schema', async () => {
    for (const [name, content] of [
      ['empty', ''],
      ['garbage', '\u0000\u0001 not json'],
      ['wrong shape', '{"version": 1}'],
    ] as const) {
      const cacheDir = path.join(work, `cache-${name.replace(' ', '-')}`);
      const first = await step(cacheDir);
      fs.writeFileSync(first.artifactPath, content);
      const second = await step(cacheDir);
      expect(second.reused, name).toBe(false);
      expect(aggregatesSchema.safeParse(JSON.parse(fs.readFileSync(second.artifactPath, 'utf8'))).success, name).toBe(
        true,
      );
    }
  });

  it('is not reused when the artifact was swapped for another valid one (two runs sharing a cache folder)', async () => {
    const cacheDir = path.join(work, 'cache-swapped');
    const other = path.join(work, 'cache-other');
    const otherData = path.join(work, 'other-data');
    fs.cpSync(SMALL, otherData, { recursive: true });
    fs.writeFileSync(path.join(otherData, 'dashboard.config.json'), '{"title": "Another team"}');
    const mine = await step(cacheDir);
    const theirs = await step(other, otherData);
    fs.copyFileSync(theirs.artifactPath, mine.artifactPath); // valid JSON, valid schema, wrong data
    const again = await step(cacheDir);
    expect(again.reused).toBe(false);
    expect(again.aggregates.title).toBe('Hiring retrospective');
  });

  it('is not reused when an export behind a symbolic link changed (the key hashes what the reader reads)', async () => {
    const cacheDir = path.join(work, 'cache-symlink');
    const data = path.join(work, 'linked-data');
    // The link's target lies inside the data folder (a link to elsewhere is not read at all), under a name the
    // reader does not list itself.
    const outside = path.join(data, 'archive');
    fs.mkdirSync(outside, { recursive: true });
    fs.copyFileSync(path.join(SMALL, 'requisitions.csv'), path.join(outside, 'requisitions.txt'));
    for (const name of ['applications.csv', 'interviews.csv', 'stage_events.csv'])
      fs.copyFileSync(path.join(SMALL, name), path.join(data, name));
    fs.symlinkSync(path.join(outside, 'requisitions.txt'), path.join(data, 'requisitions.csv'));
    const first = await step(cacheDir, data);
    const text = fs.readFileSync(path.join(outside, 'requisitions.txt'), 'utf8');
    fs.writeFileSync(path.join(outside, 'requisitions.txt'), text.replace('Backend Engineer', 'Platform Engineer'));
    const second = await step(cacheDir, data);
    expect(second.reused).toBe(false);
    expect(JSON.stringify(second.aggregates)).not.toBe(JSON.stringify(first.aggregates));
    expect(JSON.stringify(second.aggregates)).toContain('Platform Engineer');
  });

  it('removes temporary files left by a killed run, and never reads them', async () => {
    const cacheDir = path.join(work, 'cache-temporaries');
    await step(cacheDir);
    const stale = path.join(cacheDir, `aggregates.json.${deadPid()}.tmp`);
    fs.writeFileSync(stale, '{"half": ');
    let reused = false;
    const stable = await keyStable(async () => {
      reused = (await step(cacheDir)).reused;
    });
    if (stable) expect(reused).toBe(true);
    expect(fs.existsSync(stale)).toBe(false);
  });

  it('survives a data step killed with SIGKILL: no key vouches for a partial artifact, and the next run completes', async () => {
    const cacheDir = path.join(work, 'cache-killed-step');
    const child = spawn(NODE, [path.join(ROOT, 'scripts/data.ts'), '--data', path.join(ROOT, 'data/sample')], {
      cwd: ROOT,
      env: { ...process.env, CACHE_DIR: cacheDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await until(() => stderr.includes('Reading exports'), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    child.kill('SIGKILL');
    await exited;
    // Whatever is left: no key, or a key whose artifact is complete and valid.
    const key = path.join(cacheDir, 'aggregates.key');
    if (fs.existsSync(key)) {
      expect(
        aggregatesSchema.safeParse(JSON.parse(fs.readFileSync(path.join(cacheDir, 'aggregates.json'), 'utf8'))).success,
      ).toBe(true);
    }
    const next = await runDataStep({
      dataDir: path.join(ROOT, 'data/sample'),
      cacheDir,
      sample: true,
      log: silentLogger,
    });
    expect(aggregatesSchema.safeParse(next.aggregates).success).toBe(true);
    expect(fs.readdirSync(cacheDir).sort()).toEqual(['aggregates.json', 'aggregates.key']);
  }, 120_000);
});

describe('what a signal that stopped the data step means', () => {
  it('SIGABRT: the heap limit, in MB, and a limit twice as high, in whole GiB', () => {
    const error = stoppedBy('SIGABRT', 1100 * 2 ** 20);
    expect(error.message).toContain("at Node's heap limit (1100 MB here)");
    // 2 × 1100 MB = 2.15 GiB → 3 GiB
    expect(error.fix).toContain('NODE_OPTIONS=--max-old-space-size=3072 npm run build');
  });

  it('SIGKILL: the system ran out of memory; any other signal is only named', () => {
    expect(stoppedBy('SIGKILL').fix).toContain('ran out of memory');
    expect(stoppedBy('SIGSEGV').message).toBe('the data step was stopped by SIGSEGV');
    expect(stoppedBy('SIGSEGV').fix).not.toContain('memory');
  });
});

describe('the data step child’s environment', () => {
  it('has the allocator settings unless the user set their own, and the cache folder', () => {
    expect(dataStepEnv({ PATH: '/bin' }, '/c')).toEqual({
      MALLOC_ARENA_MAX: '2',
      MALLOC_TRIM_THRESHOLD_: '4194304',
      PATH: '/bin',
      CACHE_DIR: '/c',
    });
    expect(dataStepEnv({ MALLOC_ARENA_MAX: '8' }, '/c').MALLOC_ARENA_MAX).toBe('8');
  });

  it('has the data step’s own young generation, the rest of the build’s Node options, no debugger', () => {
    expect(
      dataStepNodeOptions(['--max-semi-space-size=8', '--expose-gc', '--inspect=9229', '--import=./x.ts']),
    ).toEqual(['--expose-gc', '--import=./x.ts', '--max-semi-space-size=32']);
    // npm run data runs the step with the same young generation as the build's child.
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts.data).toContain(`--max-semi-space-size=${DATA_STEP_SEMI_SPACE_MB} `);
  });

  it('reaches the child of a real build (and not the build itself)', async () => {
    const report = path.join(work, 'env-report.txt');
    const preload = path.join(work, 'report-env.mjs');
    fs.writeFileSync(
      preload,
      `import { appendFileSync } from 'node:fs';\n` +
        `appendFileSync(${JSON.stringify(report)}, \`\${process.argv[1]} \${process.env.MALLOC_ARENA_MAX} \${process.execArgv.join(' ')}\\n\`);\n`,
    );
    const data = path.join(work, 'env-data');
    fs.mkdirSync(data);
    fs.writeFileSync(path.join(data, 'people.csv'), 'name,email\nAnn,ann@example.com\n'); // fails in the data step
    const result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', path.join(work, 'env-site')], {
      CACHE_DIR: path.join(work, 'cache-env'),
      NODE_OPTIONS: `--import=${preload}`,
    });
    expect(result.status).toBe(1);
    const lines = fs.readFileSync(report, 'utf8').trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/scripts\/build\.ts undefined $/));
    expect(lines).toContainEqual(expect.stringMatching(/scripts\/data\.ts 2 --max-semi-space-size=32$/));
  });
});

describe('the site build’s memory settings', () => {
  it('are mimalloc’s on-demand commit and prompt purge, and a heap that grows by half at most', () => {
    expect(siteBuildMemorySettings({ PATH: '/bin' }, ['--expose-gc'])).toEqual({
      env: { MIMALLOC_ARENA_EAGER_COMMIT: '0', MIMALLOC_PURGE_DELAY: '0' },
      v8Flags: ['--heap-growing-percent=50'],
    });
  });

  it('leave alone what the user set, in the environment or on Node’s command line', () => {
    expect(siteBuildMemorySettings({ MIMALLOC_PURGE_DELAY: '10' }, []).env).toEqual({
      MIMALLOC_ARENA_EAGER_COMMIT: '0',
    });
    expect(siteBuildMemorySettings({}, ['--heap-growing-percent=100']).v8Flags).toEqual([]);
  });
});
