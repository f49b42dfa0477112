/**
 * Header row → which table this file is (entity), which ATS wrote it (dialect), and which column of the file
 * carries each template column. Never from the file name.
 *
 * Every dialect table is tried; the user's `columns` mapping from the config applies first, then the
 * dialect's aliases. A table matches when all its required columns are present; it is used only when the
 * match is specific (see `recognise`), and the best such match has the most template columns present (ties go
 * to the earlier dialect, the canonical template first). A file that matches nothing well enough is skipped
 * with the reason and the config that would read it, never read on a guess.
 */
import { TEMPLATE, type Entity } from '../schema/canonical.ts';
import type { Config } from '../schema/config.ts';
import { DIALECTS, type Dialect, type TableDialect } from './dialects/index.ts';
import { contactDetailsIn, matchKey } from './values.ts';

/** A column of the file: its position, and its name as written in the header (for messages). */
export interface ColumnRef {
  index: number;
  name: string;
  /** Positions of the dialect's later aliases that are present too: read, in order, where this cell is empty. */
  fallbacks: number[];
}

export interface Match {
  entity: Entity;
  dialect: Dialect;
  table: TableDialect;
  /** Template column → the file's column. */
  columns: Partial<Record<string, ColumnRef>>;
  /** Columns read by the table's rules (status, filled, duration) rather than mapped to one template column. */
  archivedAt: ColumnRef | undefined;
  rejectedFlag: ColumnRef | undefined;
  durationMinutes: ColumnRef | undefined;
  filledWhen: Array<{ column: ColumnRef; values: Set<string> | undefined }>;
  /** `greenhouse`, or `greenhouse+config` when the config's `columns` mapping was used. */
  label: string;
  /** Header names no rule reads: dropped at read time. */
  dropped: string[];
  /** Number of fields every row must have. */
  width: number;
}

interface Attempt {
  match: Match;
  score: number;
  /** Required columns that are missing, as the dialect spells them. */
  missing: string[];
  /** How far from the table the file is: `missing`, and a status column it can do without. */
  lacking: number;
  /** Template column → configured name that is not in this file. */
  configuredButAbsent: Array<[string, string]>;
  /** Header names this table's aliases found (the config's own columns not included). */
  byAlias: string[];
  /** Template column → the file's column, for the columns the config's mapping found. */
  byConfig: Array<[string, string]>;
}

/** Header keys → first position; names as written. */
function indexHeader(header: readonly string[]): { positions: Map<string, number>; names: string[] } {
  const positions = new Map<string, number>();
  const names = header.map((name, i) => {
    const trimmed = name.trim();
    return trimmed === '' ? `(unnamed column ${i + 1})` : trimmed;
  });
  header.forEach((name, i) => {
    const key = matchKey(name);
    if (key !== '' && !positions.has(key)) positions.set(key, i);
  });
  return { positions, names };
}

function attempt(
  dialect: Dialect,
  table: TableDialect,
  positions: Map<string, number>,
  names: string[],
  config: Config,
): Attempt {
  const entity = table.entity;
  const configured = (config.columns[entity] ?? {}) as Partial<Record<string, string>>;
  const find = (aliases: readonly string[] | undefined): ColumnRef | undefined => {
    let ref: ColumnRef | undefined;
    for (const alias of aliases ?? []) {
      const index = positions.get(matchKey(alias));
      if (index === undefined || index === ref?.index || ref?.fallbacks.includes(index)) continue;
      if (ref) ref.fallbacks.push(index);
      else ref = { index, name: names[index]!, fallbacks: [] };
    }
    return ref;
  };

  const columns: Partial<Record<string, ColumnRef>> = {};
  const configuredButAbsent: Array<[string, string]> = [];
  const byConfig: Array<[string, string]> = [];
  const byAlias: string[] = [];
  let score = 0;
  for (const field of TEMPLATE[entity]) {
    const mine = configured[field.column];
    let ref: ColumnRef | undefined;
    if (mine !== undefined) {
      ref = find([mine]); // the user's column alone: no fallbacks
      if (ref) byConfig.push([field.column, ref.name]);
      else configuredButAbsent.push([field.column, mine]);
    }
    if (!ref) {
      ref = find(table.columns[field.column]);
      if (ref) byAlias.push(ref.name);
    }
    if (ref) {
      columns[field.column] = ref;
      score++;
    }
  }
  const usedConfig = byConfig.length > 0;

  const rule = table.status;
  const archivedAt = rule?.from === 'archive' ? find(rule.archivedAt) : undefined;
  const rejectedFlag = rule?.from === 'flag' ? find(rule.rejected) : undefined;
  const durationMinutes = columns.interview_end_at ? undefined : find(table.durationMinutes);
  const filledWhen: Match['filledWhen'] = [];
  for (const when of table.filledWhen ?? []) {
    const column = find(when.columns);
    if (column) filledWhen.push({ column, values: when.values && new Set(when.values.map(matchKey)) });
  }
  score += (archivedAt ? 1 : 0) + (rejectedFlag ? 1 : 0) + (durationMinutes ? 1 : 0) + filledWhen.length;

  const missing: string[] = [];
  let statusAbsent = false;
  for (const field of TEMPLATE[entity]) {
    if (!field.required || columns[field.column]) continue;
    // A hand-made applications export without a status column (the outcome is in its stage events, or its
    // rejected_at and hired_at): read, its outcomes derived (derive.ts). Vendors' exports always have one.
    if (field.column === 'status' && entity === 'applications' && dialect.id === 'canonical') {
      statusAbsent = true;
      continue;
    }
    if (field.column === 'status' && rule) {
      if (!archivedAt && !rejectedFlag) missing.push((rule.from === 'archive' ? rule.archivedAt : rule.rejected)[0]!);
      continue;
    }
    missing.push(configured[field.column] ?? table.columns[field.column]?.[0] ?? field.column);
  }

  const used = new Set<number>();
  for (const ref of [
    ...Object.values(columns),
    archivedAt,
    rejectedFlag,
    durationMinutes,
    ...filledWhen.map((w) => w.column),
  ]) {
    if (!ref) continue;
    used.add(ref.index);
    for (const index of ref.fallbacks) used.add(index);
  }
  const dropped = names.filter((_, i) => !used.has(i));
  for (const ref of [archivedAt, rejectedFlag, durationMinutes, ...filledWhen.map((w) => w.column)]) {
    if (ref) byAlias.push(ref.name);
  }

  return {
    match: {
      entity,
      dialect,
      table,
      columns,
      archivedAt,
      rejectedFlag,
      durationMinutes,
      filledWhen,
      label: usedConfig ? `${dialect.id}+config` : dialect.id,
      dropped,
      width: names.length,
    },
    score,
    missing,
    lacking: missing.length + (statusAbsent ? 1 : 0),
    configuredButAbsent,
    byAlias,
    byConfig,
  };
}

/** Why a file is not read: for its row on the data-quality page and its line in the build output. */
export interface Skip {
  /**
   * `unrecognised`: no table fits well enough (`--strict` stops on these); `people`: a table about people
   * (candidates, employees, contact details, EEO answers), recognised as such and never read; `unreadable`:
   * not a text file (a workbook renamed `.csv`) or not readable.
   */
  kind: 'unrecognised' | 'people' | 'unreadable';
  /** Why, in a sentence: never a cell value, and column names only when the first row reads as names. */
  why: string;
  /** What to do to have it read (a config snippet), when something can be done. */
  fix: string | null;
}

export type Recognition = { match: Match } | { skip: Skip };

/**
 * Header names that half the tables in the world have: a file whose only columns in common with a table are
 * these (`id`, `name`, `created_at`…) is not taken for that table. Lever's requisitions are `id`, `name`,
 * `createdAt`: so are its candidates (`opportunity`), its employees (`user`), Greenhouse's candidates
 * (`title` = their current job) and job posts, which were read as requisitions and published their names.
 */
const GENERIC = new Set(
  [
    'id',
    'name',
    'title',
    'text',
    'label',
    'description',
    'created_at',
    'created',
    'updated_at',
    'updated',
    'date',
    'status',
    'state',
    'type',
    'kind',
    'category',
    'stage',
    'source',
    'origin',
    'location',
    'department',
    'team',
    'owner',
    'user',
    'user_id',
    'contact',
    'duration',
    'score',
    'value',
  ].map(matchKey),
);

/** Words of a header name that say it is about a person (contact details, identity, EEO answers, résumés). */
const PEOPLE_WORDS = new Set([
  'email',
  'emails',
  'mail',
  'phone',
  'phones',
  'mobile',
  'telephone',
  'address',
  'addresses',
  'linkedin',
  'headline',
  'username',
  'surname',
  'birthday',
  'pronoun',
  'pronouns',
  'gender',
  'race',
  'ethnicity',
  'veteran',
  'disability',
  'resume',
  'resumes',
  'cv',
]);
/** The same, for names written as several words (`first_name`, `Date of birth`). */
const PEOPLE_KEYS = [
  'firstname',
  'lastname',
  'fullname',
  'preferredname',
  'middlename',
  'givenname',
  'familyname',
  'candidatename',
  'contactname',
  'dateofbirth',
  'birthdate',
];

const words = (name: string): string[] =>
  name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

function isPeopleColumn(name: string): boolean {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return PEOPLE_KEYS.some((k) => key.endsWith(k)) || words(name).some((w) => PEOPLE_WORDS.has(w));
}

/**
 * The header's columns that make it a table about people: contact details, names, EEO answers; or the shape
 * of a contact table (a candidate or contact id with a `value` or `link`: Greenhouse's
 * `candidate_email_address`, Lever's `contact_phone`).
 */
function peopleColumns(names: readonly string[]): string[] {
  const found = names.filter(isPeopleColumn);
  if (found.length > 0) return found;
  const keys = new Set(names.map((n) => n.toLowerCase().replace(/[^a-z0-9]/g, '')));
  const owner = ['candidateid', 'contactid', 'contact'].find((k) => keys.has(k));
  const detail = ['value', 'link', 'url'].find((k) => keys.has(k));
  return owner && detail ? names.filter((n) => /^(value|link|url)$/i.test(n.trim())) : [];
}

const DATE_LIKE = /^\d{4}-\d{1,2}-\d{1,2}(\b|T)|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/;
const NUMBER_LIKE = /^[-+]?\d[\d\s.,]*$/;

/**
 * The first row holds data, not column names (an export saved without its header row): a date, a number of
 * three digits or more, an e-mail address or a phone number is never a column name.
 */
export function looksLikeData(header: readonly string[]): boolean {
  for (const raw of header) {
    const cell = raw.trim();
    if (cell === '') continue;
    if (DATE_LIKE.test(cell)) return true;
    if (NUMBER_LIKE.test(cell) && cell.replace(/\D/g, '').length >= 3) return true;
    if (contactDetailsIn(cell) !== null) return true;
  }
  return false;
}

/**
 * The header's names may be shown in a message: each is short and reads as a name (no `@`, `:`, slashes,
 * long digit runs or control characters). A file that is not a CSV export (`/etc/passwd` renamed) is not quoted.
 */
function printable(names: readonly string[]): boolean {
  return names.every(
    (name) =>
      name.length <= 64 &&
      !/[@:\\/<>{}|\u0000-\u001f]/.test(name) &&
      !/\d{5,}/.test(name) &&
      contactDetailsIn(name) === null,
  );
}

const quoteList = (names: readonly string[], max = 30): string =>
  (names.length > max ? [...names.slice(0, max), `… ${names.length - max} more`] : names).join(', ');

const templateList = (entity: Entity): string =>
  TEMPLATE[entity].map((field) => field.column + (field.required ? '' : '?')).join(', ');

const LEAVE_IT =
  'If it is not an export of requisitions, applications, interviews or stage events, leave it: it is skipped.';

/**
 * Which table a header is, or why the file is skipped.
 *
 * 1. The best complete match that is specific: it found a column by a name that says what the table is
 *    (`applied_at`, `requisitionCode`), or the user's `columns` mapping named one of its columns.
 * 2. Otherwise a first row that holds data (an export without its header row) is said to be so, never printed.
 * 3. Otherwise a table about people (names, contact details, EEO answers) is skipped as such; hand-made
 *    applications exports that carry the candidate's name and e-mail beside the application columns were
 *    matched in 1, and those columns are dropped at read time.
 * 4. Otherwise the file is not recognised: a match on common names only (`id`, `name`, `created_at`) is
 *    named with the snippet that would read it; else the closest table and what it lacks.
 */
export function recognise(header: readonly string[], _file: string, config: Config): Recognition {
  const { positions, names } = indexHeader(header);
  const people = peopleColumns(names);
  const attempts: Attempt[] = [];
  for (const dialect of DIALECTS) {
    for (const table of dialect.tables) attempts.push(attempt(dialect, table, positions, names, config));
  }

  const specific = (a: Attempt): boolean => a.byAlias.some((name) => !GENERIC.has(matchKey(name)));
  const trusted = (a: Attempt): boolean => {
    if (specific(a)) return true;
    // The user's mapping names the file; but for a table about people only where people are expected to be
    // named (applications, interviews): a mapping of requisition columns does not make employees seats.
    return (
      a.byConfig.length > 0 &&
      (people.length === 0 || a.match.entity === 'applications' || a.match.entity === 'interviews')
    );
  };
  let best: Attempt | undefined;
  let weak: Attempt | undefined;
  for (const a of attempts) {
    if (a.missing.length > 0) continue;
    if (trusted(a)) {
      if (!best || a.score > best.score) best = a;
    } else if (!weak || a.score > weak.score) weak = a;
  }
  if (best) return { match: best.match };

  // A header that matches a table is one, even with a column named after a person (its name is hidden where
  // dropped columns are listed); one that matches nothing and holds a date, a number or an e-mail address is a
  // row of data.
  if (looksLikeData(header)) {
    return {
      skip: {
        kind: 'unrecognised',
        why: 'its first row looks like data, not column names (an export saved without its header row?); the row is not shown',
        fix: 'Export the file again with its header row, or add the column names as its first line.',
      },
    };
  }
  const shownNames = printable(names);
  // An applications or interviews export that lacks a column (it has two or more of their own columns) is
  // said to lack it, even with the candidate's name beside them: that is the fix the user needs.
  const nearMiss = attempts.some(
    (a) =>
      (a.match.entity === 'applications' || a.match.entity === 'interviews') &&
      a.byAlias.filter((name) => !GENERIC.has(matchKey(name))).length >= 2,
  );
  if (people.length > 0 && !nearMiss) {
    const which = shownNames ? ` (${quoteList(people, 4)})` : '';
    return {
      skip: {
        kind: 'people',
        why: `a table about people${which}: never read`,
        fix: null,
      },
    };
  }
  // Listed only when one of them is a column the dashboard knows: that first row is a header then. One that
  // shares no name with any table may be a candidate's row (a file saved without its header) or a report's
  // title above the header, and is not shown.
  const known = attempts.some((a) => a.score > 0);
  const columnsHere = shownNames && known ? ` Its columns: ${quoteList(names)}.` : '';

  if (weak) {
    const { entity, dialect } = weak.match;
    const mapping = Object.entries(weak.match.columns)
      .filter(([, ref]) => ref !== undefined)
      .map(([column, ref]) => `${JSON.stringify(column)}: ${JSON.stringify(ref!.name)}`)
      .join(', ');
    const common = shownNames ? ` (${quoteList(weak.byAlias)})` : '';
    return {
      skip: {
        kind: 'unrecognised',
        why:
          `not recognised: its only columns in common with ${entity} (${dialect.name}) are common names${common}, ` +
          `which many other tables have; it lacks a column that says what it is`,
        fix:
          `If it is an export of ${entity}, name its columns in dashboard.config.json: ` +
          `{"columns": {"${entity}": {${mapping}}}}. ${LEAVE_IT}`,
      },
    };
  }

  // The closest: most columns present less those missing, then fewest missing. (Fewest missing alone named
  // requisitions, for one column in common, for a candidates-per-row export with four application columns.)
  // With no column in common with any table there is no closest one: the snippet is for applications, the
  // table every build needs.
  let closest = attempts.find((a) => a.match.entity === 'applications')!;
  const margin = (a: Attempt) => a.score - a.lacking;
  for (const a of known ? attempts : []) {
    if (
      margin(a) > margin(closest) ||
      (margin(a) === margin(closest) &&
        (a.lacking < closest.lacking || (a.lacking === closest.lacking && a.score > closest.score)))
    ) {
      closest = a;
    }
  }
  const entity = closest.match.entity;
  const absent = closest.configuredButAbsent.map(
    ([column, name]) => `"${column}" is mapped to "${name}", which is not a column here`,
  );
  const needed = TEMPLATE[entity].filter((field) => field.required && !closest.match.columns[field.column]);
  const snippet = (needed.length ? needed : TEMPLATE[entity].filter((field) => field.required))
    .map((field) => `"${field.column}": "<your column>"`)
    .join(', ');
  return {
    skip: {
      kind: 'unrecognised',
      why:
        (known
          ? `not recognised: closest table ${entity} (${closest.match.dialect.name}), which needs ${closest.missing.join(', ')}`
          : 'not recognised: none of its columns is one the dashboard reads') +
        (absent.length ? `; in dashboard.config.json, ${absent.join('; ')}` : ''),
      fix:
        `If it is an export of ${entity}, map its columns in dashboard.config.json, e.g. ` +
        `{"columns": {"${entity}": {${snippet}}}} (template columns of ${entity}: ${templateList(entity)}). ` +
        LEAVE_IT +
        columnsHere,
    },
  };
}
