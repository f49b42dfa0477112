/** `npm run preview -- [--out DIR] [--base /path]`: serve the built site locally, as a static host would. */
import { PROJECT_ROOT, parseCli, runMain } from './cli.ts';

if (import.meta.main)
  await runMain(async () => {
    const options = parseCli(process.argv.slice(2));
    process.env.ASTRO_TELEMETRY_DISABLED = '1';
    const { preview } = await import('astro');
    await preview({ root: PROJECT_ROOT, outDir: options.outDir, base: options.base });
  });
