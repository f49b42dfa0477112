/**
 * `npm run docs`: writes what the documentation takes from the code, so that it cannot drift from the
 * behaviour: `docs/data-dictionary.md` from the description of the CSV exports the Downloads page shows
 * (scripts/export/dictionary.ts), and the vendor column names in `docs/exports.md` from the dialects the
 * reader interprets (scripts/read/dialects/). The metric definitions live on the site's definitions page only.
 * A test fails when a generated part is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataDictionaryMarkdown } from './export/dictionary.ts';
import { DIALECTS, type Dialect, type TableDialect } from './read/dialects/index.ts';
import { PROJECT_ROOT } from './cli.ts';

export const DATA_DICTIONARY = path.join(PROJECT_ROOT, 'docs', 'data-dictionary.md');
export const EXPORTS_GUIDE = path.join(PROJECT_ROOT, 'docs', 'exports.md');
const START = '<!-- vendor-columns:start (npm run docs writes this section from scripts/read/dialects/) -->';
const END = '<!-- vendor-columns:end -->';

const ENTITY_NAMES: Record<TableDialect['entity'], string> = {
  requisitions: 'Requisitions',
  applications: 'Applications',
  interviews: 'Interviews',
  stage_events: 'Stage events',
};

const code = (name: string): string => `\`${name.replace(/\|/g, '\\|')}\``;

function statusLine(table: TableDialect): string | null {
  const rule = table.status;
  if (!rule) return null;
  if (rule.from === 'archive')
    return (
      `No status column: not archived (${rule.archivedAt.map(code).join(' / ')} empty) is active, archived with ` +
      `the reason ${rule.hiredReasons.map((r) => `"${r}"`).join(' or ')} is hired at that date, archived otherwise ` +
      `is rejected at that date.`
    );
  return `No status column: ${rule.rejected.map(code).join(' / ')} true is rejected, else a hire date is hired, else active.`;
}

function filledLine(table: TableDialect): string | null {
  if (!table.filledWhen?.length) return null;
  const when = table.filledWhen.map(({ columns, values }) =>
    values
      ? `${columns.map(code).join(' / ')} is ${values.map((v) => `"${v}"`).join(' or ')}`
      : `${columns.map(code).join(' / ')} is not empty`,
  );
  return `A seat is filled, at its \`closed_at\`, when ${when.join(', or when ')}.`;
}

function valueLines(table: TableDialect): string[] {
  const lines: string[] = [];
  for (const [kind, synonyms] of Object.entries(table.values ?? {})) {
    const pairs = Object.entries(synonyms as Record<string, string | null>).map(
      ([raw, value]) => `${code(raw)} → ${value === null ? 'not stated' : code(value)}`,
    );
    lines.push(`Values of ${code(kind)}: ${pairs.join(', ')}.`);
  }
  if (table.reasons) {
    const pairs = Object.entries(table.reasons).map(([reason, by]) => `"${reason}" → ${by ?? 'unknown'}`);
    lines.push(
      `Who ended it, when the row does not say, by reason (your \`reasons\` config wins): ${pairs.join(', ')}.`,
    );
  }
  return lines;
}

function tableMarkdown(table: TableDialect): string[] {
  const lines = [
    `**${ENTITY_NAMES[table.entity]}**`,
    '',
    '| template column | header names read (the first one present is used) |',
    '| --- | --- |',
  ];
  for (const [column, names] of Object.entries(table.columns))
    lines.push(`| ${code(column)} | ${names.map(code).join(', ')} |`);
  if (table.durationMinutes)
    lines.push(
      `| \`interview_end_at\` | ${code('interview_at')} + the minutes in ${table.durationMinutes.map(code).join(', ')} |`,
    );
  lines.push('');
  const notes = [statusLine(table), filledLine(table), ...valueLines(table)].filter(
    (line): line is string => line !== null,
  );
  if (notes.length) lines.push(...notes.map((note) => `- ${note}`), '');
  return lines;
}

/** The generated section of docs/exports.md: each vendor's header names per table, as the reader takes them. */
export function vendorColumnsMarkdown(dialects: readonly Dialect[] = DIALECTS): string {
  const lines = [
    START,
    '',
    'Header names are compared ignoring case, spaces, `_` and `-`. Values in the lists below are understood in',
    "every file, whichever vendor's it is; the canonical template's own spellings are in",
    '[The canonical template](#the-canonical-template).',
    '',
  ];
  for (const dialect of dialects) {
    if (dialect.id === 'canonical') continue;
    lines.push(`### ${dialect.name}`, '');
    for (const table of dialect.tables) lines.push(...tableMarkdown(table));
  }
  lines.push(END);
  return lines.join('\n');
}

/** The exports guide with its vendor-columns section rewritten (the markers must be there). */
export function withVendorColumns(guide: string): string {
  const start = guide.indexOf(START);
  const end = guide.indexOf(END);
  if (start === -1 || end === -1) throw new Error(`docs/exports.md has no "${START}" … "${END}" section`);
  return guide.slice(0, start) + vendorColumnsMarkdown() + guide.slice(end + END.length);
}

if (import.meta.main) {
  fs.writeFileSync(EXPORTS_GUIDE, withVendorColumns(fs.readFileSync(EXPORTS_GUIDE, 'utf8')));
  process.stdout.write('docs/exports.md: vendor column names written from scripts/read/dialects/\n');
  fs.writeFileSync(DATA_DICTIONARY, dataDictionaryMarkdown());
  process.stdout.write('docs/data-dictionary.md: written from scripts/export/dictionary.ts\n');
}
