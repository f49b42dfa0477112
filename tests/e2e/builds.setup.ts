/**
 * Builds the sites the e2e tests look at, once per run, with the real CLI:
 * - `small`: a hand-written fixture (tests/fixtures/build/small) at the root;
 * - `custom`: an unfamiliar ATS's exports mapped only through dashboard.config.json (tests/fixtures/ingest/custom-ats);
 * - `sample`: the shipped synthetic sample at the root;
 * - `sub`: the sample again under a sub-path (the data step is reused from its cache).
 * Each build's output (stderr, then stdout) is kept beside its site, in `<site>.log`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, runScript } from '../helpers/run.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    builds: { small: string; custom: string; sample: string; sub: string; subBase: string; work: string };
  }
}

export default function setup(project: TestProject) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hiring-retro-e2e-'));
  const cache = path.join(work, 'cache');
  const build = (name: string, args: string[]) => {
    const out = path.join(work, name);
    const result = runScript('scripts/build.ts', ['--out', out, ...args], { CACHE_DIR: cache });
    if (result.status !== 0)
      throw new Error(`build "${name}" failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
    // What the build said (its own lines go to stderr, Astro's to stdout), beside the site, for tests of it.
    fs.writeFileSync(`${out}.log`, `${result.stderr}${result.stdout}`);
    return out;
  };
  const subBase = '/team/hiring-retro/';
  const builds = {
    small: build('small', ['--data', path.join(ROOT, 'tests/fixtures/build/small')]),
    custom: build('custom', ['--data', path.join(ROOT, 'tests/fixtures/ingest/custom-ats')]),
    sample: build('sample', []),
    sub: build('sub', ['--base', subBase]),
    subBase,
    work,
  };
  project.provide('builds', builds);
  return () => fs.rmSync(work, { recursive: true, force: true });
}
