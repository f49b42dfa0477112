/**
 * `npm run data -- --data DIR`: only the data step (parse → aggregates), with its summary.
 * For fast iteration on the data and for benchmarks; `npm run build` runs it too.
 */
import path from 'node:path';
import { SAMPLE_DIR, parseCli, runMain } from './cli.ts';
import { consoleLogger } from './log.ts';
import { runDataStep } from './pipeline.ts';
import { summaryLines } from './summary.ts';

if (import.meta.main)
  await runMain(async () => {
    const options = parseCli(process.argv.slice(2));
    const log = consoleLogger();
    const started = performance.now();
    log.info(`Reading exports in ${options.dataDir}`);
    const result = await runDataStep({
      dataDir: options.dataDir,
      cacheDir: options.cacheDir,
      sample: path.resolve(options.dataDir) === SAMPLE_DIR,
      force: options.force,
      strict: options.strict,
      log,
    });
    for (const line of summaryLines(result.aggregates, result.reused)) log.info(line);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const shown = path.relative(process.cwd(), result.artifactPath);
    log.info(
      `Aggregates ${result.reused ? 'reused' : 'written'}: ${shown.startsWith('..') ? result.artifactPath : shown} (${seconds} s)`,
    );
  });
