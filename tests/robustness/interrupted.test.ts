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
import { cleanUpInterruptedBuilds } from '../../scripts/build.ts';
import { stoppedBy } from '../../scripts/data-process.ts';
import { memoryLogger, silentLogger } from '../../scripts/log.ts';
import { inputKey, runDataStep } from '../../scripts/pipeline.ts';
import { RUNTIME, childEnv, childNodeOptions } from '../../scripts/runtime.ts';
import { OUT_MARKER } from '../../scripts/out-folder.ts';
import { isAlive } from '../../scripts/processes.ts';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import { NODE, ROOT } from '../helpers/run.ts';
import { runScriptAsync, startScript } from './site.ts';

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

/** The pid of `parent`'s child process running `script`, or 0. */
function childRunning(parent: number, script: string): number {
  const found = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' });
  const line = found.stdout.split('\n').find((l) => l.includes(script));
  return line ? Number(line.trim().split(/\s+/)[0]) : 0;
}

/**
 * The environment that stops the data step for good at `at` (tests/helpers/pause-data-step.mjs): once there, it
 * writes its pid to `marker`, so that a test kills it, or its parent, at a moment it knows whatever the load.
 */
const pausedAt = (at: 'reading' | 'artifact', marker: string): Record<string, string> => ({
  NODE_OPTIONS: `--import=${path.join(ROOT, 'tests/helpers/pause-data-step.mjs')}`,
  PAUSE_AT: at,
  PAUSE_IN: RUNTIME['data step'].script,
  PAUSE_MARKER: marker,
});

/** The pid of the paused data step, once it has stopped where `pausedAt` said (0 if it never gets there). */
async function pausedPid(marker: string): Promise<number> {
  await until(() => fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') !== '', 300_000);
  return fs.existsSync(marker) ? Number(fs.readFileSync(marker, 'utf8')) : 0;
}

/** Ends a paused process a failed test left behind (nothing else would: it waits for good). */
function ensureKilled(pid: number): void {
  if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** What `promise` gives within `ms`, or 'still running' (a paused step that nothing stopped never ends). */
const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'still running'> =>
  Promise.race([promise, new Promise<'still running'>((resolve) => setTimeout(resolve, ms, 'still running'))]);

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

describe('a build whose site process is killed with SIGKILL while it writes the site', () => {
  it('leaves the previous site intact; the next build succeeds and removes the half-built folder', async () => {
    const out = path.join(work, 'killed', 'site');
    previousSite(out);
    const cache = path.join(work, 'cache-killed');
    const { child, exited: ended } = await startScript('scripts/build.ts', ['--data', SMALL, '--out', out], {
      CACHE_DIR: cache,
    });
    const exited = ended.then(({ code }) => code);
    // Kill it once Astro has started writing the new site (or, on a very slow machine, after 90 s anyway).
    let site = 0;
    await until(() => {
      site ||= childRunning(child.pid!, RUNTIME['site build'].script);
      const building = `${out}.building-${site}`;
      return site > 0 && fs.existsSync(building) && fs.readdirSync(building).length > 0;
    }, 90_000);
    const building = `${out}.building-${site}`;
    const sawBuilding = fs.existsSync(building);
    process.kill(site, 'SIGKILL');
    expect(await exited).toBe(1);

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
    const marker = path.join(work, 'terminated-step-pid');
    const { child, exited } = await startScript('scripts/build.ts', ['--out', out], {
      CACHE_DIR: path.join(work, 'cache-terminated'),
      ...pausedAt('reading', marker),
    });
    // The data step stops for good while it reads the sample's exports: the signal lands there, whatever the load.
    const dataStep = await pausedPid(marker);
    try {
      expect(dataStep).toBeGreaterThan(0);
      expect(childRunning(child.pid!, RUNTIME['data step'].script)).toBe(dataStep);
      child.kill('SIGTERM');
      expect(await within(exited, 30_000)).toEqual({ code: 143, signal: null });
      expect(isAlive(dataStep)).toBe(false);
      expect(fs.existsSync(out)).toBe(false);
    } finally {
      ensureKilled(dataStep);
      ensureKilled(child.pid!);
    }
  }, 360_000);

  it('or killed with SIGKILL (no word to its child): the data step stops too', async () => {
    const marker = path.join(work, 'orphan-step-pid');
    const { child, exited } = await startScript('scripts/data.ts', ['--force'], {
      CACHE_DIR: path.join(work, 'cache-orphan'),
      ...pausedAt('reading', marker),
    });
    // Stopped for good while reading: it can only end because its parent is gone.
    const dataStep = await pausedPid(marker);
    try {
      expect(dataStep).toBeGreaterThan(0);
      expect(childRunning(child.pid!, RUNTIME['data step'].script)).toBe(dataStep);
      child.kill('SIGKILL');
      expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(await until(() => !isAlive(dataStep), 20_000)).toBe(true);
    } finally {
      ensureKilled(dataStep);
    }
  }, 360_000);
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
  it('is reused when nothing changed', async () => {
    const cacheDir = path.join(work, 'cache-reuse');
    expect((await step(cacheDir)).reused).toBe(false);
    expect((await step(cacheDir)).reused).toBe(true);
  });

  it('has a key that covers the data step’s code and the packages it runs with, not the tools or the test tools', async () => {
    // A project: a module of the data step, a tool, and npm's record of what it installed.
    const project = (name: string, edit: (root: string) => void = () => {}) => {
      const root = path.join(work, 'projects', name);
      fs.mkdirSync(path.join(root, 'scripts', 'tools', 'bench'), { recursive: true });
      fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true });
      fs.writeFileSync(path.join(root, 'scripts', 'pipeline.ts'), 'export const step = 1;\n');
      fs.writeFileSync(path.join(root, 'scripts', 'tools', 'bench', 'run.ts'), 'export const runs = 3;\n');
      const packages = {
        '': { name: 'project' },
        'node_modules/papaparse': { version: '5.7.1' },
        'node_modules/vitest': { version: '5.1.1', dev: true },
      };
      fs.writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), JSON.stringify({ packages }));
      edit(root);
      return root;
    };
    const replace = (file: string, from: string, to: string) =>
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));
    const lockOf = (root: string) => path.join(root, 'node_modules', '.package-lock.json');
    const key = (root: string) => inputKey(SMALL, false, root);
    const base = await key(project('base'));
    expect(await key(project('same'))).toBe(base);
    const tool = project('tool', (root) => replace(path.join(root, 'scripts/tools/bench/run.ts'), '3', '5'));
    expect(await key(tool)).toBe(base);
    const testTool = project('test-tool', (root) => replace(lockOf(root), '"5.1.1"', '"5.2.0"'));
    expect(await key(testTool)).toBe(base);
    const code = project('code', (root) => replace(path.join(root, 'scripts/pipeline.ts'), '1', '2'));
    expect(await key(code)).not.toBe(base);
    const upgraded = project('upgraded', (root) => replace(lockOf(root), '"5.7.1"', '"5.7.2"'));
    expect(await key(upgraded)).not.toBe(base);
    // Without npm's record, the project's lock file says what is installed.
    const locked = project('locked', (root) => fs.renameSync(lockOf(root), path.join(root, 'package-lock.json')));
    expect(await key(locked)).toBe(base);
    // The code is hashed once per process: the code that runs, whatever is edited while it runs.
    replace(path.join(project('base'), 'scripts/pipeline.ts'), '1', '2');
    expect(await key(path.join(work, 'projects', 'base'))).toBe(base);
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
    expect((await step(cacheDir)).reused).toBe(true);
    expect(fs.existsSync(stale)).toBe(false);
  });

  it('survives a data step killed with SIGKILL half-way through the artifact: no key vouches for it, the previous artifact is whole, the next run completes', async () => {
    const cacheDir = path.join(work, 'cache-killed-step');
    const sample = path.join(ROOT, 'data/sample');
    // A previous artifact and the key that vouches for it (of the small fixture: quicker than the sample's).
    const previous = fs.readFileSync((await step(cacheDir)).artifactPath, 'utf8');
    // The sample's step stops for good once it has written the first piece of its artifact (the preload says so
    // in `marker`): the kill lands there, however slow the machine.
    const marker = path.join(work, 'paused-step-pid');
    const { exited } = await startScript('scripts/data.ts', ['--data', sample], {
      CACHE_DIR: cacheDir,
      ...pausedAt('artifact', marker),
    });
    const paused = await pausedPid(marker);
    expect(paused).toBeGreaterThan(0);
    process.kill(paused, 'SIGKILL');
    await exited;
    expect(isAlive(paused)).toBe(false);
    // Left: the previous artifact, whole, and a piece of the new one beside it; the key was removed first.
    const temporary = `aggregates.json.${paused}.tmp`;
    expect(fs.readdirSync(cacheDir).sort()).toEqual(['aggregates.json', temporary]);
    expect(fs.readFileSync(path.join(cacheDir, 'aggregates.json'), 'utf8')).toBe(previous);
    const piece = fs.statSync(path.join(cacheDir, temporary)).size;
    const next = await runDataStep({ dataDir: sample, cacheDir, sample: true, log: silentLogger });
    expect(piece).toBeGreaterThan(0);
    expect(piece).toBeLessThan(fs.statSync(next.artifactPath).size);
    expect(next.reused).toBe(false);
    expect(aggregatesSchema.safeParse(next.aggregates).success).toBe(true);
    expect(fs.readdirSync(cacheDir).sort()).toEqual(['aggregates.json', 'aggregates.key']);
  }, 600_000);
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

describe('the runtime settings of the data step and the site build (runtime.ts)', () => {
  it('leave alone what the user set: the environment, Node’s command line, NODE_OPTIONS; no debugger is passed on', () => {
    const named = (options: string[], name: string) => options.filter((option) => option.split('=')[0] === name);
    for (const role of ['data step', 'site build'] as const) {
      const [variable] = Object.keys(RUNTIME[role].env);
      expect(childEnv(role, { [variable!]: 'mine' })[variable!]).toBe('mine');
      // A role without Node options of its own is checked with one it might have.
      const [option = '--max-semi-space-size=32'] = RUNTIME[role].node;
      const name = option.split('=')[0]!;
      const fromCommandLine = childNodeOptions(role, [`${name}=7`, '--inspect=9229'], {});
      expect(named(fromCommandLine, name)).toEqual([`${name}=7`]);
      expect(fromCommandLine.some((o) => o.startsWith('--inspect'))).toBe(false);
      expect(named(childNodeOptions(role, [], { NODE_OPTIONS: `--trace-gc ${name}=7` }), name)).toEqual([]);
      // Otherwise the role's own, every one of them.
      expect(childNodeOptions(role, [], {})).toEqual(RUNTIME[role].node);
    }
  });

  it('reach each child of a real build, and not the build itself', async () => {
    const report = path.join(work, 'env-report.txt');
    const preload = path.join(work, 'report-env.mjs');
    const variables = [...new Set(Object.values(RUNTIME).flatMap((settings) => Object.keys(settings.env)))];
    // Each process says what it got; the site's process stops there (nothing more to learn from a site build).
    fs.writeFileSync(
      preload,
      `import { appendFileSync } from 'node:fs';\n` +
        `const got = ${JSON.stringify(variables)}.filter((v) => process.env[v] !== undefined).map((v) => v + '=' + process.env[v]);\n` +
        `appendFileSync(${JSON.stringify(report)}, JSON.stringify({ script: process.argv[1], env: got, node: process.execArgv }) + '\\n');\n` +
        `if (process.argv[1].endsWith('site-process.ts')) process.exit(3);\n`,
    );
    const result = await runScriptAsync('scripts/build.ts', ['--data', SMALL, '--out', path.join(work, 'env-site')], {
      CACHE_DIR: path.join(work, 'cache-env'),
      NODE_OPTIONS: `--import=${preload}`,
    });
    expect(result.status).toBe(3);
    const seen = fs
      .readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { script: string; env: string[]; node: string[] });
    const of = (script: string) => seen.find((s) => s.script === path.join(ROOT, script));
    expect(of('scripts/build.ts')).toEqual({ script: path.join(ROOT, 'scripts/build.ts'), env: [], node: [] });
    for (const settings of Object.values(RUNTIME)) {
      const child = of(settings.script);
      expect(child, settings.script).toBeDefined();
      expect(child!.env.sort()).toEqual(
        Object.entries(settings.env)
          .map(([name, value]) => `${name}=${value}`)
          .sort(),
      );
      expect(child!.node).toEqual(settings.node);
    }
  }, 120_000);
});
