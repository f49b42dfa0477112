/** `npm run dev -- [--data DIR]`: the data step once, then Astro's dev server for working on pages. */
import { PROJECT_ROOT, parseCli, runMain } from './cli.ts';
import { runDataStepApart } from './data-process.ts';

if (import.meta.main)
  await runMain(async () => {
    const options = parseCli(process.argv.slice(2));
    // In a process of its own (data-process.ts): the dev server lives on, and need not keep what the step grew.
    const artifactPath = await runDataStepApart(options);
    process.env.ASTRO_TELEMETRY_DISABLED = '1';
    process.env.DASHBOARD_AGGREGATES = artifactPath;
    process.env.DASHBOARD_DATA_DIR = options.dataDir;
    const { dev } = await import('astro');
    await dev({ root: PROJECT_ROOT, base: options.base });
  });
