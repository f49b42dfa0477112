/**
 * The site build in a Node process of its own, with the site build's runtime settings (runtime.ts): started by
 * `npm run build` once the data step has written the artifact; Astro renders the pages into a folder beside
 * `--out` and the new site is swapped in (`buildSite`).
 */
import { parseArgs } from 'node:util';
import { runMain } from './cli.ts';
import { buildSite } from './build.ts';
import { consoleLogger } from './log.ts';
import { followParent } from './runtime.ts';

if (import.meta.main)
  await runMain(async () => {
    followParent();
    const { values } = parseArgs({
      options: {
        artifact: { type: 'string' },
        data: { type: 'string' },
        base: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
    });
    const { artifact, data, base, out } = values;
    if (!artifact || !data || !base || !out)
      throw new Error('site-process.ts is started by npm run build, with --artifact, --data, --base and --out');
    await buildSite({ artifactPath: artifact, dataDir: data, base, outDir: out, log: consoleLogger() });
  });
