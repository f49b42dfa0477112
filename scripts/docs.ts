/**
 * `npm run docs`: writes what the documentation takes from the code, so that it cannot drift from the
 * behaviour: `docs/data-dictionary.md` from the description of the CSV exports the Downloads page shows
 * (scripts/export/dictionary.ts), and in `docs/exports.md` the template's columns (from the field tables,
 * scripts/schema/canonical.ts) and each vendor's column names (from the dialects the reader interprets,
 * scripts/read/dialects/). The metric definitions live on the site's definitions page only.
 * A test fails when a generated part is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataDictionaryMarkdown } from './export/dictionary.ts';
import { DIALECTS, type Dialect, type TableDialect } from './read/dialects/index.ts';
import { ENTITIES, FIELDS, type Field } from './schema/canonical.ts';
import { PROJECT_ROOT } from './cli.ts';

export const DATA_DICTIONARY = path.join(PROJECT_ROOT, 'docs', 'data-dictionary.md');
export const EXPORTS_GUIDE = path.join(PROJECT_ROOT, 'docs', 'exports.md');
/** A generated part of a page: the text between its two markers. */
interface Section {
  start: string;
  end: string;
}
const VENDOR_COLUMNS: Section = {
  start: '<!-- vendor-columns:start (npm run docs writes this section from scripts/read/dialects/) -->',
  end: '<!-- vendor-columns:end -->',
};
const TEMPLATE_COLUMNS: Section = {
  start:
    '<!-- template-columns:start (npm run docs writes this section from scripts/schema/canonical.ts and the template dialect) -->',
  end: '<!-- template-columns:end -->',
};

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
    VENDOR_COLUMNS.start,
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
  lines.push(VENDOR_COLUMNS.end);
  return lines.join('\n');
}

const KIND_TEXT: Record<Field['kind'], string> = {
  id: 'an id',
  ref: 'an application id',
  pseudonym: "the candidate's id (only to join)",
  text: 'text',
  enum: 'one of',
  instant: 'a date or date-time',
};

/**
 * The generated part of docs/exports.md's template section: each table's columns from its field table (required
 * or not, what it holds, what to know about it) and the other spellings the template dialect reads.
 */
export function templateColumnsMarkdown(dialect: Dialect = DIALECTS.find((d) => d.id === 'canonical')!): string {
  const lines = [TEMPLATE_COLUMNS.start, ''];
  for (const entity of ENTITIES) {
    const table = dialect.tables.find((t) => t.entity === entity)!;
    lines.push(`**${entity}**`, '', '| column | required | holds | also read from |', '| --- | --- | --- | --- |');
    for (const field of FIELDS[entity] as readonly Field[]) {
      const kind = field.values ? `one of ${field.values.map(code).join(', ')}` : KIND_TEXT[field.kind];
      const holds = field.note ? `${kind}. ${field.note.replace(/\|/g, '\\|')}` : kind;
      const required = field.required ? 'yes' : field.defaultsTo ? `no: ${code(field.defaultsTo)} if absent` : 'no';
      const also = (table.columns[field.column] ?? []).filter((name) => name !== field.column).map(code);
      lines.push(`| ${code(field.column)} | ${required} | ${holds} | ${also.join(', ')} |`);
    }
    lines.push('');
    const notes = valueLines(table);
    if (notes.length) lines.push(...notes.map((note) => `- ${note}`), '');
  }
  lines.push(TEMPLATE_COLUMNS.end);
  return lines.join('\n');
}

function replaceSection(page: string, section: Section, text: string): string {
  const start = page.indexOf(section.start);
  const end = page.indexOf(section.end);
  if (start === -1 || end === -1)
    throw new Error(`docs/exports.md has no "${section.start}" … "${section.end}" section`);
  return page.slice(0, start) + text + page.slice(end + section.end.length);
}

/** The exports guide with its generated sections (template columns, vendor columns) rewritten. */
export function withGeneratedSections(guide: string): string {
  return replaceSection(
    replaceSection(guide, TEMPLATE_COLUMNS, templateColumnsMarkdown()),
    VENDOR_COLUMNS,
    vendorColumnsMarkdown(),
  );
}

if (import.meta.main) {
  fs.writeFileSync(EXPORTS_GUIDE, withGeneratedSections(fs.readFileSync(EXPORTS_GUIDE, 'utf8')));
  process.stdout.write(
    'docs/exports.md: template and vendor column names written from the field tables and dialects\n',
  );
  fs.writeFileSync(DATA_DICTIONARY, dataDictionaryMarkdown());
  process.stdout.write('docs/data-dictionary.md: written from scripts/export/dictionary.ts\n');
}
