/**
 * `npm run dev -- [--data DIR] [--base /path]`: the data step once, then Astro's dev server for working on
 * pages. Each runs as the build runs it, in a process of its own with its runtime settings (runtime.ts): the
 * data step's memory is returned before the server starts, and the server runs as the site build does.
 */
import { parseCli, runMain } from './cli.ts';
import { runDataStepApart } from './data-process.ts';
import { runChild } from './runtime.ts';
import { AlreadyReported } from './errors.ts';

if (import.meta.main)
  await runMain(async () => {
    const options = parseCli(process.argv.slice(2));
    const artifactPath = await runDataStepApart(options);
    const { code, signal } = await runChild('site build', [
      '--dev',
      '--artifact',
      artifactPath,
      '--data',
      options.dataDir,
      '--base',
      options.base,
    ]);
    // Ctrl-C (or a polite kill) ends the server: this process ends as it would have.
    if (signal === 'SIGINT' || signal === 'SIGTERM' || code === 130 || code === 143)
      process.exit(signal === 'SIGTERM' || code === 143 ? 143 : 130);
    if (code !== 0) throw new AlreadyReported(code ?? 2, `the dev server exited with ${signal ?? `code ${code}`}`);
  });
