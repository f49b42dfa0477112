/** `npm run dev -- [--data DIR]`: the data step once, then Astro's dev server for working on pages. */
import path from 'node:path';
import { SAMPLE_DIR, PROJECT_ROOT, parseCli, runMain } from './cli.ts';
import { consoleLogger } from './log.ts';
import { runDataStep } from './pipeline.ts';

if (import.meta.main)
  await runMain(async () => {
    const options = parseCli(process.argv.slice(2));
    const log = consoleLogger();
    const { artifactPath } = await runDataStep({
      dataDir: options.dataDir,
      cacheDir: options.cacheDir,
      sample: path.resolve(options.dataDir) === SAMPLE_DIR,
      force: options.force,
      log,
    });
    process.env.ASTRO_TELEMETRY_DISABLED = '1';
    process.env.DASHBOARD_AGGREGATES = artifactPath;
    process.env.DASHBOARD_DATA_DIR = options.dataDir;
    const { dev } = await import('astro');
    await dev({ root: PROJECT_ROOT, base: options.base });
  });
