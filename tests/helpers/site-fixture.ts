/**
 * The site fixture: the data folder of `tests/fixtures/site/data.ts` (exports, config and team notes) run
 * through the real data step, so the site is tested on an artifact the data step can produce, in its current
 * schema. Written once per test file into a temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runDataStep } from '../../scripts/pipeline.ts';
import { silentLogger } from '../../scripts/log.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';
import { writeSiteData } from '../fixtures/site/data.ts';

export interface SiteFixture {
  /** The data folder: the exports, the config and `retros/`. */
  dataDir: string;
  /** The artifact file, for `DASHBOARD_AGGREGATES`. */
  artifactPath: string;
  aggregates: Aggregates;
  /** Removes the temporary folder. */
  remove(): void;
}

export async function siteFixture(): Promise<SiteFixture> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hiring-retro-site-fixture-'));
  const dataDir = path.join(root, 'data');
  writeSiteData(dataDir);
  const { aggregates, artifactPath } = await runDataStep({
    dataDir,
    cacheDir: path.join(root, 'cache'),
    sample: false,
    force: true,
    log: silentLogger,
  });
  return { dataDir, artifactPath, aggregates, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
