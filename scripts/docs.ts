/**
 * `npm run docs`: writes the README's "Metric definitions" section from the same definitions the site shows
 * (scripts/metrics/definitions.ts, with the default settings), and `docs/data-dictionary.md` from the same
 * description of the CSV exports the Downloads page shows (scripts/export/dictionary.ts), so the
 * documentation cannot drift from the behaviour. A test fails when either is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataDictionaryMarkdown } from './export/dictionary.ts';
import { definitions } from './metrics/definitions.ts';
import { defaultConfig } from './schema/config.ts';
import { PROJECT_ROOT } from './cli.ts';

export const README = path.join(PROJECT_ROOT, 'README.md');
export const DATA_DICTIONARY = path.join(PROJECT_ROOT, 'docs', 'data-dictionary.md');
const START = '<!-- definitions:start (npm run docs writes this section) -->';
const END = '<!-- definitions:end -->';

export function definitionsMarkdown(): string {
  const lines = [
    START,
    '',
    'With the default settings (24-hour feedback SLA, minimum group size 5, UTC); the site shows them with',
    "your build's settings filled in.",
    '',
  ];
  for (const d of definitions(defaultConfig())) lines.push(`- **${d.title}** — ${d.text}`);
  lines.push('', END);
  return lines.join('\n');
}

/** The README with its definitions section replaced (or inserted before the data dictionary). */
export function withDefinitions(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start !== -1 && end !== -1)
    return readme.slice(0, start) + definitionsMarkdown() + readme.slice(end + END.length);
  const at = readme.indexOf('## Data dictionary');
  if (at === -1) throw new Error('README.md has no "## Data dictionary" heading to insert the definitions before');
  return `${readme.slice(0, at)}## Metric definitions\n\n${definitionsMarkdown()}\n\n${readme.slice(at)}`;
}

if (import.meta.main) {
  fs.writeFileSync(README, withDefinitions(fs.readFileSync(README, 'utf8')));
  process.stdout.write('README.md: metric definitions updated\n');
  fs.writeFileSync(DATA_DICTIONARY, dataDictionaryMarkdown());
  process.stdout.write('docs/data-dictionary.md: written from scripts/export/dictionary.ts\n');
}
