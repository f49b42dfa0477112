/**
 * The aggregates artifact, read once when the site is built. It is the only data the site sees: every figure
 * in it is final (rounded, suppressed), so nothing in `src/` re-derives a metric.
 *
 * Where: `DASHBOARD_AGGREGATES` (set by `scripts/build.ts`), else `.cache/aggregates.json` under the current
 * directory.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';

export const DEFAULT_AGGREGATES_PATH = '.cache/aggregates.json';

/** Reads and validates one artifact file; throws one clear message when it is missing or does not fit. */
export function readAggregates(file: string): Aggregates {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `The aggregates artifact ${file} could not be read (${code ?? String(error)}). ` +
        'Run `npm run build` (it runs the data step, then the site), or set DASHBOARD_AGGREGATES to an existing file.',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `The aggregates artifact ${file} is not valid JSON (${(error as Error).message}). Run \`npm run build\` again.`,
    );
  }
  const parsed = aggregatesSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new Error(
      `The aggregates artifact ${file} does not match the schema the site was built for (${issues}). ` +
        'It was probably written by another version of the data step: run `npm run build` again.',
    );
  }
  return parsed.data;
}

/** Where the build's artifact is: `DASHBOARD_AGGREGATES`, set by scripts/build.ts, else the default cache. */
export const aggregatesPath = (): string => path.resolve(process.env.DASHBOARD_AGGREGATES || DEFAULT_AGGREGATES_PATH);
