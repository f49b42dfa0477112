/**
 * Set-up file of the test files that run a site build of their own (vitest.config.ts): each holds a turn from
 * its start to its end, beside the other builds or, when its notes show an image file, alone
 * (site-build-turn.ts says why).
 */
import fs from 'node:fs';
import { afterAll, inject } from 'vitest';
import { buildAlone, buildBesideOthers, leftByThisProcess } from './site-build-turn.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteBuildAlone: boolean;
  }
}

// A worker runs one file at a time: a turn it holds already is left from a file that ended without its afterAll.
for (const mark of leftByThisProcess()) fs.rmSync(mark, { recursive: true, force: true });
const release = inject('siteBuildAlone') ? await buildAlone() : await buildBesideOthers();
afterAll(release);
