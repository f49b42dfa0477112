/**
 * Set-up file of the test files that run Astro other than through `runScript` / `runScriptAsync` (vitest.config.ts
 * finds them): such a file holds the site-build turn (site-build-turn.ts) from its start to its end.
 */
import { afterAll } from 'vitest';
import { holdTurnForFile } from './site-build-turn.ts';

afterAll(await holdTurnForFile());
