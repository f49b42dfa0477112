/**
 * The two artifacts a disclosure attack compares: what a data folder's build publishes, and what its hidden cells
 * really hold (the same exports computed with suppression off).
 */
import { silentLogger } from '../../scripts/log.ts';
import { computeAggregates } from '../../scripts/metrics/index.ts';
import { runDataStep } from '../../scripts/pipeline.ts';
import { loadConfig } from '../../scripts/read/config.ts';
import { ingest } from '../../scripts/read/ingest.ts';
import { applyLabelRule } from '../../scripts/read/labels.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';

export async function shownAndTruth(
  dataDir: string,
  cacheDir: string,
  options: { sample: boolean; labelRule?: boolean },
): Promise<{ shown: Aggregates; truth: Aggregates }> {
  const { sample } = options;
  const shown = (await runDataStep({ dataDir, cacheDir, sample, log: silentLogger })).aggregates;
  const config = await loadConfig(dataDir);
  const { tables, quality } = await ingest(dataDir, config, silentLogger);
  const truth = computeAggregates({
    tables,
    // With the label rule, the truth carries the labels the build publishes (the rule's threshold as configured).
    quality: options.labelRule ? applyLabelRule(tables, quality, config, silentLogger) : quality,
    config: { ...config, privacy: { ...config.privacy, minGroupSize: 1 } },
    sample,
  });
  return { shown, truth };
}
