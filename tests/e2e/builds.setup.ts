/**
 * Builds the sites the e2e tests look at, once per run, with the real CLI:
 * - `small`: a hand-written fixture (tests/fixtures/build/small) at the root;
 * - `custom`: an unfamiliar ATS's exports mapped only through dashboard.config.json (tests/fixtures/ingest/custom-ats);
 * - `sample`: the shipped synthetic sample at the root;
 * - `sub`: the sample again under a sub-path (the data step is reused from its cache).
 * Each build's output (stderr, then stdout) is kept beside its site, in `<site>.log`.
 *
 * The builds run in the background while the other test files run (the e2e files wait for them in
 * wait-for-builds.ts), two at a time. The custom exports (no notes) are built after the small fixture (a test
 * reads that order) and while the sample's site is being built, so that a test can check two builds at once
 * publish only their own notes; `timings.json` in `work` says when each build started, started its site, ended.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT } from '../helpers/run.ts';
import { buildBesideOthers } from '../helpers/site-build-turn.ts';
import { runScriptAsync } from '../robustness/site.ts';

export type BuildName = 'small' | 'custom' | 'sample' | 'sub';
/** Milliseconds since the epoch: the build started, it said "Building the site…", it ended. */
export interface BuildTiming {
  started: number;
  siteStarted: number;
  ended: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    builds: { small: string; custom: string; sample: string; sub: string; subBase: string; work: string };
  }
}

/** Written in `work` once every build is done (`{}`), or `{ failed: message }` at the first that fails. */
export const DONE = 'builds-done.json';
export const TIMINGS = 'timings.json';

export default function setup(project: TestProject) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hiring-retro-e2e-'));
  const cache = path.join(work, 'cache');
  const timings: Partial<Record<BuildName, BuildTiming>> = {};
  let sampleSiteStarted: () => void;
  const sampleSite = new Promise<void>((resolve) => (sampleSiteStarted = resolve));
  const build = async (name: BuildName, args: string[], cacheDir = path.join(work, `cache-${name}`)) => {
    const out = path.join(work, name);
    const release = await buildBesideOthers();
    const timing: BuildTiming = { started: Date.now(), siteStarted: 0, ended: 0 };
    let said = '';
    const result = await runScriptAsync(
      'scripts/build.ts',
      ['--out', out, ...args],
      { CACHE_DIR: cacheDir },
      (chunk) => {
        said += chunk;
        if (!timing.siteStarted && /^Building the site/m.test(said)) {
          timing.siteStarted = Date.now();
          if (name === 'sample') sampleSiteStarted();
        }
      },
    ).finally(release);
    timing.ended = Date.now();
    timings[name] = timing;
    if (result.status !== 0)
      throw new Error(`build "${name}" failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
    // What the build said (its own lines go to stderr, Astro's to stdout), beside the site, for tests of it.
    fs.writeFileSync(`${out}.log`, `${result.stderr}${result.stdout}`);
    return out;
  };
  const subBase = '/team/hiring-retro/';
  const sites = {
    small: path.join(work, 'small'),
    custom: path.join(work, 'custom'),
    sample: path.join(work, 'sample'),
    sub: path.join(work, 'sub'),
  };
  const small = build('small', ['--data', path.join(ROOT, 'tests/fixtures/build/small')]);
  const custom = Promise.all([small, sampleSite]).then(() =>
    build('custom', ['--data', path.join(ROOT, 'tests/fixtures/ingest/custom-ats')]),
  );
  // The sub-path build from the sample's cache.
  const sample = build('sample', [], cache).finally(() => sampleSiteStarted());
  const sub = sample.then(() => build('sub', ['--base', subBase], cache));
  // Written whole, then renamed: a waiting file never reads half of it.
  const finish = (outcome: object) => {
    fs.writeFileSync(path.join(work, `${DONE}.part`), JSON.stringify(outcome));
    fs.renameSync(path.join(work, `${DONE}.part`), path.join(work, DONE));
  };
  const done = Promise.all([small, custom, sample, sub]).then(
    () => {
      fs.writeFileSync(path.join(work, TIMINGS), JSON.stringify(timings));
      finish({});
    },
    (error: Error) => finish({ failed: error.message }),
  );
  project.provide('builds', { ...sites, subBase, work });
  return async () => {
    await done;
    fs.rmSync(work, { recursive: true, force: true });
  };
}
