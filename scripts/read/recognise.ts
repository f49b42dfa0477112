/**
 * Header row → which table this file is (entity), which ATS wrote it (dialect), and which column of the file
 * carries each template column. Never from the file name.
 *
 * Every dialect table is tried; the user's `columns` mapping from the config applies first, then the
 * dialect's aliases. A table matches when all its required columns are present; the best match has the most
 * template columns present (ties go to the earlier dialect, the canonical template first).
 */
import { UserError } from '../errors.ts';
import { TEMPLATE, type Entity } from '../schema/canonical.ts';
import type { Config } from '../schema/config.ts';
import { DIALECTS, type Dialect, type TableDialect } from './dialects/index.ts';
import { matchKey } from './values.ts';

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
  /** Template column → configured name that is not in this file. */
  configuredButAbsent: Array<[string, string]>;
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
  let usedConfig = false;
  let score = 0;
  for (const field of TEMPLATE[entity]) {
    const mine = configured[field.column];
    let ref: ColumnRef | undefined;
    if (mine !== undefined) {
      ref = find([mine]); // the user's column alone: no fallbacks
      if (ref) usedConfig = true;
      else configuredButAbsent.push([field.column, mine]);
    }
    ref ??= find(table.columns[field.column]);
    if (ref) {
      columns[field.column] = ref;
      score++;
    }
  }

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
  for (const field of TEMPLATE[entity]) {
    if (!field.required || columns[field.column]) continue;
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
    configuredButAbsent,
  };
}

export type Recognition = { match: Match } | { error: UserError };

/**
 * The best match for a header, or the error to raise if the file turns out to have rows (a header-only file
 * that matches nothing is only noted).
 */
export function recognise(header: readonly string[], file: string, config: Config): Recognition {
  const { positions, names } = indexHeader(header);
  const attempts: Attempt[] = [];
  for (const dialect of DIALECTS) {
    for (const table of dialect.tables) attempts.push(attempt(dialect, table, positions, names, config));
  }

  let best: Attempt | undefined;
  for (const a of attempts) {
    if (a.missing.length === 0 && (!best || a.score > best.score)) best = a;
  }
  if (best) return { match: best.match };

  // The closest: fewest required columns missing, then most columns present.
  let closest = attempts[0]!;
  for (const a of attempts) {
    if (
      a.missing.length < closest.missing.length ||
      (a.missing.length === closest.missing.length && a.score > closest.score)
    ) {
      closest = a;
    }
  }
  const entity = closest.match.entity;
  const shown = names.length > 30 ? [...names.slice(0, 30), `… ${names.length - 30} more`] : names;
  const absent = closest.configuredButAbsent.map(
    ([column, name]) => `"${column}" is mapped to "${name}", which is not a column here`,
  );
  const example =
    TEMPLATE[entity].find((field) => field.required && !closest.match.columns[field.column])?.column ?? 'applied_at';
  const message =
    `not recognised as any table; closest: ${entity} (${closest.match.dialect.name}) — missing: ${closest.missing.join(', ')}. ` +
    `Columns found: ${shown.join(', ')}.` +
    (absent.length ? ` In dashboard.config.json, ${absent.join('; ')}.` : '');
  const fix =
    `Map your columns in dashboard.config.json, e.g. {"columns": {"${entity}": {"${example}": "<your column>"}}}` +
    ` (template columns of ${entity}: ${TEMPLATE[entity].map((field) => field.column + (field.required ? '' : '?')).join(', ')}).` +
    ' If this file is not an export of requisitions, applications, interviews or stage events, move it out of the data folder.';
  return { error: new UserError(message, { file }, fix) };
}
