/**
 * Builds the sites the e2e tests look at, once per run, with the real CLI:
 * - `small`: a hand-written fixture (tests/fixtures/build/small) at the root;
 * - `custom`: an unfamiliar ATS's exports mapped only through dashboard.config.json (tests/fixtures/ingest/custom-ats);
 * - `sample`: the shipped synthetic sample at the root;
 * - `sub`: the sample again under a sub-path (the data step is reused from its cache).
 * Each build's output (stderr, then stdout) is kept beside its site, in `<site>.log`.
 *
 * The builds run in the background, one after the other in their site-build turns, while the other test files
 * run; each e2e file waits for them (wait-for-builds.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT } from '../helpers/run.ts';
import { runScriptAsync } from '../robustness/site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    builds: { small: string; custom: string; sample: string; sub: string; subBase: string; work: string };
  }
}

/** Written in `work` once every build is done (`{}`), or `{ failed: message }` at the first that fails. */
export const DONE = 'builds-done.json';

export default function setup(project: TestProject) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hiring-retro-e2e-'));
  const cache = path.join(work, 'cache');
  const build = async (name: string, args: string[], cacheDir = path.join(work, `cache-${name}`)) => {
    const out = path.join(work, name);
    const result = await runScriptAsync('scripts/build.ts', ['--out', out, ...args], { CACHE_DIR: cacheDir });
    if (result.status !== 0)
      throw new Error(`build "${name}" failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
    // What the build said (its own lines go to stderr, Astro's to stdout), beside the site, for tests of it.
    fs.writeFileSync(`${out}.log`, `${result.stderr}${result.stdout}`);
    return out;
  };
  const subBase = '/team/hiring-retro/';
  // One after the other: the small fixture before the custom exports (a test reads the order), the sub-path build
  // from the sample's cache.
  const done = (async () => {
    await build('small', ['--data', path.join(ROOT, 'tests/fixtures/build/small')]);
    await build('custom', ['--data', path.join(ROOT, 'tests/fixtures/ingest/custom-ats')]);
    await build('sample', [], cache);
    await build('sub', ['--base', subBase], cache);
  })().then(
    () => ({}),
    (error: Error) => ({ failed: error.message }),
  );
  // Written whole, then renamed: a waiting file never reads half of it.
  void done.then((outcome) => {
    fs.writeFileSync(path.join(work, `${DONE}.part`), JSON.stringify(outcome));
    fs.renameSync(path.join(work, `${DONE}.part`), path.join(work, DONE));
  });
  const site = (name: string) => path.join(work, name);
  project.provide('builds', {
    small: site('small'),
    custom: site('custom'),
    sample: site('sample'),
    sub: site('sub'),
    subBase,
    work,
  });
  return async () => {
    await done;
    fs.rmSync(work, { recursive: true, force: true });
  };
}
