/**
 * A label's length is bounded once, in the data step, so every page, chart and CSV shows the same label.
 *
 * A department, job title, person, stage, source or reason longer than `LABEL_LIMIT` characters (a job
 * description pasted into the title column, a note typed as a department) is cut at a word and ends with "…".
 * Two labels that share their first characters stay two labels (" (2)", " (3)"… in the order of their full
 * text), so their figures and their pages (URL slugs are made from labels) stay apart. Without this, one such
 * column made a page weigh megabytes and stopped the build. The config's own names for labels (a department's
 * target, a reason's category, the stage order) are shortened the same way, so they still match.
 */
import type { Logger } from '../log.ts';
import type { CanonicalTables, Entity } from '../schema/canonical.ts';
import type { Config } from '../schema/config.ts';
import { formatCount } from './values.ts';

/**
 * The longest label published, in characters: a two-line table cell at the site's narrowest column, and about
 * what a chart's axis can set beside its bars; long enough to tell real job titles and departments apart.
 */
export const LABEL_LIMIT = 100;

/** `text` cut to at most `LABEL_LIMIT` characters, at a word when one ends in the last fifth, with "…". */
export function shortLabel(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= LABEL_LIMIT) return text;
  let cut = chars.slice(0, LABEL_LIMIT - 1).join('');
  const space = cut.search(/\s\S*$/);
  if (space >= (LABEL_LIMIT * 4) / 5) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

const isLong = (value: string | null | undefined): value is string =>
  value !== null && value !== undefined && value.length > LABEL_LIMIT && Array.from(value).length > LABEL_LIMIT;

/** The label columns of each table: text that pages and CSVs show as written. */
type Column = {
  entity: Entity;
  column: string;
  each: (look: (value: string | null) => void) => void;
  set: (rename: Rename) => void;
};
type Rename = (value: string | null) => string | null;

function labelColumns(tables: CanonicalTables): Column[] {
  const { requisitions, applications, interviews, stageEvents } = tables;
  const rows = <R, K extends keyof R>(entity: Entity, list: R[], key: K, column: string): Column => ({
    entity,
    column,
    each: (look) => {
      for (const r of list) look(r[key] as string | null);
    },
    set: (rename) => {
      for (const r of list) r[key] = rename(r[key] as string | null) as R[K];
    },
  });
  const array = (entity: Entity, list: Array<string | null>, length: number, column: string): Column => ({
    entity,
    column,
    each: (look) => {
      for (let i = 0; i < length; i++) look(list[i]!);
    },
    set: (rename) => {
      for (let i = 0; i < length; i++) list[i] = rename(list[i]!);
    },
  });
  return [
    rows('requisitions', requisitions, 'jobTitle', 'job_title'),
    rows('requisitions', requisitions, 'department', 'department'),
    rows('requisitions', requisitions, 'location', 'location'),
    rows('requisitions', requisitions, 'hiringManager', 'hiring_manager'),
    rows('requisitions', requisitions, 'recruiter', 'recruiter'),
    rows('applications', applications, 'department', 'department'),
    rows('applications', applications, 'jobTitle', 'job_title'),
    rows('applications', applications, 'source', 'source'),
    rows('applications', applications, 'currentStage', 'current_stage'),
    rows('applications', applications, 'rejectionReason', 'rejection_reason'),
    array('interviews', interviews.stage as Array<string | null>, interviews.length, 'stage'),
    array('interviews', interviews.interviewer as Array<string | null>, interviews.length, 'interviewer'),
    array('stage_events', stageEvents.stage as Array<string | null>, stageEvents.length, 'stage'),
    array('stage_events', stageEvents.reason as Array<string | null>, stageEvents.length, 'reason'),
  ];
}

/**
 * Shortens, in place, every label longer than `LABEL_LIMIT`; returns the config with its names for labels
 * shortened alike, and warns once per column with how many labels were shortened (never quoting one).
 * When no label is long (nearly always), it only reads each column once.
 */
export function boundLabels(tables: CanonicalTables, config: Config, log: Logger): Config {
  const columns = labelColumns(tables);
  const long = new Set<string>();
  const longIn = new Map<Column, Set<string>>();
  for (const c of columns) {
    c.each((value) => {
      if (!isLong(value)) return;
      long.add(value);
      let set = longIn.get(c);
      if (!set) longIn.set(c, (set = new Set()));
      set.add(value);
    });
  }
  if (long.size === 0) return config;

  // Every label kept as written, so that a shortened one never takes the name of another.
  const taken = new Set<string>();
  for (const c of columns) c.each((value) => value !== null && !long.has(value) && taken.add(value));
  const renamed = new Map<string, string>();
  for (const full of [...long].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const short = shortLabel(full);
    let name = short;
    for (let n = 2; taken.has(name); n++) name = `${short} (${n})`;
    taken.add(name);
    renamed.set(full, name);
  }
  const rename: Rename = (value) => (value === null ? null : (renamed.get(value) ?? value));
  for (const [c, values] of longIn) {
    c.set(rename);
    log.warn(
      `${c.entity} ${c.column}: ${formatCount(values.size)} ${values.size === 1 ? 'label' : 'labels'} longer than ${LABEL_LIMIT} characters, shortened with "…" on every page and CSV`,
    );
  }
  const name = (key: string): string => renamed.get(key) ?? shortLabel(key);
  const keys = <V>(record: Record<string, V>): Record<string, V> =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [name(k), v]));
  const targets = Object.fromEntries(
    Object.entries(config.targets).map(([metric, t]) => [
      metric,
      t && t.departments ? { ...t, departments: keys(t.departments) } : t,
    ]),
  ) as Config['targets'];
  return {
    ...config,
    targets,
    reasons: keys(config.reasons),
    outcomeStages: keys(config.outcomeStages),
    ...(config.stageOrder ? { stageOrder: config.stageOrder.map(name) } : {}),
  };
}
