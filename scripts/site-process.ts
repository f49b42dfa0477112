/**
 * The site in a Node process of its own, with the site's runtime settings (runtime.ts): started by
 * `npm run build` once the data step has written the artifact (Astro renders the pages into a folder beside
 * `--out` and the new site is swapped in: `buildSite`), and by `npm run dev` with `--dev`, for Astro's dev
 * server over the same artifact.
 */
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, runMain } from './cli.ts';
import { buildSite } from './build.ts';
import { consoleLogger } from './log.ts';
import { followParent } from './runtime.ts';

/**
 * Astro's dev server over the artifact, until Ctrl-C or a polite kill: then the server is stopped (its file
 * watchers and bundler service with it) before the process ends.
 */
async function serveSite(options: { artifactPath: string; dataDir: string; base: string }): Promise<void> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  process.env.DASHBOARD_AGGREGATES = options.artifactPath;
  process.env.DASHBOARD_DATA_DIR = options.dataDir;
  const { dev } = await import('astro');
  const server = await dev({ root: PROJECT_ROOT, base: options.base });
  const stop = (signal: NodeJS.Signals) => {
    void server.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.main)
  await runMain(async () => {
    followParent();
    const { values } = parseArgs({
      options: {
        artifact: { type: 'string' },
        data: { type: 'string' },
        base: { type: 'string' },
        out: { type: 'string' },
        dev: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const { artifact, data, base, out } = values;
    if (values.dev && artifact && data && base) return serveSite({ artifactPath: artifact, dataDir: data, base });
    if (!artifact || !data || !base || !out)
      throw new Error(
        'site-process.ts is started by npm run build, with --artifact, --data, --base and --out, or by npm run dev, with --dev, --artifact, --data and --base',
      );
    await buildSite({ artifactPath: artifact, dataDir: data, base, outDir: out, log: consoleLogger() });
  });
