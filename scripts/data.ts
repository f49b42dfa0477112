/**
 * `npm run data -- --data DIR`: only the data step (parse → aggregates), with its summary.
 * For fast iteration on the data and for benchmarks; `npm run build` runs it too. It runs in a process of its
 * own, with the data step's runtime settings (data-process.ts, runtime.ts).
 */
import { parseCli, runMain } from './cli.ts';
import { runDataStepApart } from './data-process.ts';

if (import.meta.main)
  await runMain(async () => {
    await runDataStepApart(parseCli(process.argv.slice(2)));
  });
