/**
 * `npm run retro -- YYYY-MM [--data DIR]`: prepares the next retrospective's note. Writes
 * `retros/<the month after YYYY-MM>.md` in the data folder, pre-filled with the biggest movements (of that
 * month when the data has it, else of YYYY-MM) and, under `## Actions`, the actions of `retros/YYYY-MM.md`
 * still open, for the team to edit. Never overwrites a note: a note is the team's own writing.
 *
 * The note it reads is a regular file inside the data folder (a symbolic link is refused, as for every file
 * the dashboard reads from the data folder).
 */
import { lstat, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { actionsMarkdown, parseActions, type Action } from './actions.ts';
import { CACHE_DIR, SAMPLE_DIR, runMain } from './cli.ts';
import { UserError } from './errors.ts';
import { consoleLogger, type Logger } from './log.ts';
import { runDataStep } from './pipeline.ts';
import { realPathInside } from './read/files.ts';
import type { Aggregates } from './schema/aggregates.ts';
import { addMonths, monthLabel } from './time.ts';

const USAGE = 'Usage: npm run retro -- YYYY-MM [--data DIR]';

export interface RetroOptions {
  month: string;
  dataDir: string;
  cacheDir: string;
  log: Logger;
}

/** Reads `retros/<month>.md` when it exists: a regular file, never a link out of the data folder. */
async function readNote(dataDir: string, month: string): Promise<string | null> {
  const relative = `retros/${month}.md`;
  const file = path.join(dataDir, 'retros', `${month}.md`);
  let stats;
  try {
    stats = await lstat(file);
  } catch {
    return null;
  }
  if (!stats.isFile())
    throw new UserError(
      'is not a regular file (a symbolic link or a folder)',
      { file: relative },
      'Keep the notes as plain Markdown files inside the data folder.',
    );
  return readFile(file, 'utf8');
}

/** The note's text: movements to discuss, and the actions still open. */
export function noteText(a: Aggregates, month: string, open: readonly Action[]): string {
  const next = addMonths(month, 1);
  const movementsMonth = a.months.includes(next) ? next : month;
  const items = a.movements.items.filter((m) => m.month === movementsMonth).slice(0, 5);
  const lines = [
    `# Retrospective, ${monthLabel(next)}`,
    '',
    `Prepared by \`npm run retro\` from the data as of ${a.asOf}; edit freely.`,
    '',
    `## Movements to discuss (${monthLabel(movementsMonth)})`,
    '',
    ...(items.length
      ? items.flatMap((m) => [`- ${m.sentence}`, ...(m.explanation ? [`  - Why: ${m.explanation.sentence}`] : [])])
      : [`- No figure moved enough in ${monthLabel(movementsMonth)} to call out.`]),
    '',
    actionsMarkdown(open),
    '',
  ];
  return lines.join('\n');
}

/**
 * A `retros/` that is a symbolic link to a folder elsewhere is refused before anything is read or written:
 * the note would be read from, and written into, a folder outside the data folder.
 */
async function refuseRetrosOutside(dataDir: string): Promise<void> {
  let inside: string | null;
  try {
    inside = await realPathInside(dataDir, path.join(dataDir, 'retros'));
  } catch {
    return; // no retros/ yet: it is made inside the data folder
  }
  if (inside === null)
    throw new UserError(
      'is a symbolic link to a folder outside the data folder: no note is read from it or written into it',
      { file: 'retros/' },
      'Make retros/ a plain folder inside the data folder (copy the notes in).',
    );
}

/** Writes the note; returns its path. */
export async function writeNextNote(options: RetroOptions): Promise<string> {
  const { month, dataDir, log } = options;
  const next = addMonths(month, 1);
  const target = path.join(dataDir, 'retros', `${next}.md`);
  try {
    await lstat(target);
    throw new UserError(
      'already exists: the team may have written in it',
      { file: `retros/${next}.md` },
      'Edit that note, or move it away first if you want it written again.',
    );
  } catch (error) {
    if (error instanceof UserError) throw error;
  }
  await refuseRetrosOutside(dataDir);
  const note = await readNote(dataDir, month);
  const open = note === null ? [] : parseActions(note).filter((a) => !a.done);
  const { aggregates } = await runDataStep({
    dataDir,
    cacheDir: options.cacheDir,
    sample: path.resolve(dataDir) === SAMPLE_DIR,
    log,
  });
  await mkdir(path.dirname(target), { recursive: true });
  // 'wx': fails if the file appeared meanwhile, rather than overwriting it.
  await writeFile(target, noteText(aggregates, month, open), { encoding: 'utf8', flag: 'wx' });
  return target;
}

export function parseRetroArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Omit<RetroOptions, 'log'> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { data: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch {
    throw new UserError('unknown option', {}, USAGE);
  }
  const [month, ...rest] = parsed.positionals;
  if (month === undefined || rest.length > 0 || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new UserError('needs one month, written YYYY-MM (the month just reviewed)', {}, USAGE);
  const data = parsed.values.data ?? env.DATA_DIR;
  return {
    month,
    dataDir: data ? path.resolve(data) : SAMPLE_DIR,
    cacheDir: env.CACHE_DIR ? path.resolve(env.CACHE_DIR) : CACHE_DIR,
  };
}

if (import.meta.main)
  await runMain(async () => {
    const log = consoleLogger();
    const options = parseRetroArgs(process.argv.slice(2));
    const written = await writeNextNote({ ...options, log });
    const shown = path.relative(process.cwd(), written);
    log.info(`Wrote ${shown.startsWith('..') ? written : shown}: edit it, then build to see it on the page.`);
  });
