/**
 * Where the data step's time goes, phase by phase: the steps of `runDataStep` (scripts/pipeline.ts), run here
 * one after another on a data folder, each timed on the main thread (`process.threadCpuUsage`), on all threads
 * (the reading's worker threads and V8's own) and by the clock; then the metrics' sections ranked by a sampled
 * CPU profile of the metrics phase. The artifact is written to a scratch file, not to a cache.
 *
 * Usage: node scripts/tools/bench/phases.ts --data DIR [--out FILE.cpuprofile] [--top 20]
 *
 * The phases are `runDataStep`'s, in its order: keep the two in step when the data step changes.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { aggregatesOfFacts, metricFacts } from '../../metrics/index.ts';
import { artifactJson, inputKey, writeAtomically } from '../../pipeline.ts';
import { loadConfig } from '../../read/config.ts';
import { checkNeededTables, ingest } from '../../read/ingest.ts';
import { applyLabelRule } from '../../read/labels.ts';
import { boundLabels } from '../../read/long-labels.ts';
import { silentLogger as quiet } from '../../log.ts';
import { callees, type CpuProfile } from './profile.ts';

export interface PhaseTime {
  phase: string;
  /** CPU time of the main thread, user + system, in milliseconds. */
  mainMs: number;
  /** CPU time of the whole process (every thread). */
  allMs: number;
  wallMs: number;
}

const ms = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** Runs `work` and records its times under `phase`. */
async function timed<T>(times: PhaseTime[], phase: string, work: () => T | Promise<T>): Promise<T> {
  const main = process.threadCpuUsage();
  const all = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  times.push({
    phase,
    mainMs: ms(process.threadCpuUsage(main)),
    allMs: ms(process.cpuUsage(all)),
    wallMs: performance.now() - started,
  });
  return result;
}

/** The data step on `dataDir`, phase by phase; the metrics phase is profiled (a sample every 5 ms). */
export async function phasesOf(dataDir: string): Promise<{ times: PhaseTime[]; profile: CpuProfile }> {
  const times: PhaseTime[] = [];
  await timed(times, 'cache key', () => inputKey(dataDir, false));
  const config = await loadConfig(dataDir);
  const ingested = await timed(times, 'read and merge', () => ingest(dataDir, config, quiet, { strict: false }));
  checkNeededTables(ingested.quality);
  const { tables } = ingested;
  const quality = await timed(times, 'label rule', () => applyLabelRule(tables, ingested.quality, config, quiet));
  const labelled = await timed(times, 'bound labels', () => boundLabels(tables, config, quiet));
  const facts = await timed(times, 'metric facts', () => metricFacts(tables, labelled, true));
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 5000 });
  await session.post('Profiler.start');
  const aggregates = await timed(times, 'metrics and audit', () =>
    aggregatesOfFacts(facts, { quality, config: labelled, sample: false }),
  );
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'phases-'));
  try {
    await timed(times, 'write artifact', () =>
      writeAtomically(path.join(scratch, 'aggregates.json'), artifactJson(aggregates)),
    );
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
  return { times, profile: profile as unknown as CpuProfile };
}

export function formatPhases(times: readonly PhaseTime[]): string {
  const total = times.reduce(
    (sum, t) => ({
      phase: 'total',
      mainMs: sum.mainMs + t.mainMs,
      allMs: sum.allMs + t.allMs,
      wallMs: sum.wallMs + t.wallMs,
    }),
    { phase: 'total', mainMs: 0, allMs: 0, wallMs: 0 },
  );
  const s = (x: number) => `${(x / 1000).toFixed(2).padStart(7)} s`;
  return [
    `  ${'phase'.padEnd(18)}  ${'main thread'.padStart(11)}  ${'all threads'.padStart(11)}  ${'wall'.padStart(9)}`,
    ...[...times, total].map(
      (t) => `  ${t.phase.padEnd(18)}  ${s(t.mainMs).padStart(11)}  ${s(t.allMs).padStart(11)}  ${s(t.wallMs)}`,
    ),
  ].join('\n');
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, out: { type: 'string' }, top: { type: 'string', default: '20' } },
  });
  if (!values.data) {
    process.stderr.write('Usage: node scripts/tools/bench/phases.ts --data DIR [--out FILE.cpuprofile] [--top 20]\n');
    process.exit(1);
  }
  const { times, profile } = await phasesOf(values.data);
  process.stdout.write(`${formatPhases(times)}\n`);
  const top = Number(values.top);
  // The sections (what `aggregatesOfFacts` calls), then inside the protection: suppression and the audit.
  for (const name of ['aggregatesOfFacts', 'protectAggregates']) {
    process.stdout.write(`  ${name}, sampled (a share of its wall time; the CPU time is the phase's × the share):\n`);
    for (const h of callees(profile, name, { top }))
      process.stdout.write(
        `    ${h.ms.toFixed(0).padStart(7)} ms ${h.percent.toFixed(1).padStart(5)}%  ${h.name}${h.location ? `  ${h.location}` : ''}\n`,
      );
  }
  if (values.out) await fs.writeFile(values.out, JSON.stringify(profile));
}
