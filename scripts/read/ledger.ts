/**
 * The quarantine ledger: where every data row read ended up when it was not used (docs/exports.md, "Nothing is lost").
 *
 * It holds file, line, entity, column and a problem text — never a cell value, except an unknown enum value
 * (and those only through `quotable`). Problems are stable category-like texts so that they group.
 */
import { ENTITIES, type Entity } from '../schema/canonical.ts';
import type { Aggregates } from '../schema/aggregates.ts';
import { hiddenBecause, quotable, type ContactDetails } from './values.ts';

type Quality = Aggregates['quality'];
type Action = Quality['ledger'][number]['action'];

export type EnumKind = 'application_status' | 'requisition_status' | 'recommendation' | 'rejected_by';

/**
 * Who gave an unknown enum value: a candidate's key; on an interview, its application id (the candidate is
 * known once every table is read); on a requisition, its id; null for an application without a candidate id
 * (all of those count as one person, as in the label rule).
 */
export type Giver = number | string | null;

/** An unknown value as reported, with up to `minGroupSize` different givers (enough to decide). */
interface UnknownValue {
  entity: Entity;
  column: string;
  value: string;
  rows: number;
  fix: string;
  /** Null when `quotable` already hid the value: it is counted without it, whoever gave it. */
  givers: Set<Giver> | null;
}

interface Entry {
  fileIndex: number;
  line: number;
  entity: Entity;
  column: string;
  problem: string;
  action: Action;
}

export interface EntityCounts {
  read: number;
  duplicatesIdentical: number;
  duplicatesConflicting: number;
  quarantined: number;
}

export class Ledger {
  /** Paths (relative to the data folder) by file index. */
  readonly files: string[] = [];
  readonly counts: Record<Entity, EntityCounts>;
  private readonly entries: Entry[] = [];
  private readonly unmapped = new Map<string, UnknownValue>();
  private readonly hidden = new Map<string, Quality['unmapped'][number]>();

  /**
   * `minGroupSize`: how many different candidates (requisitions, for a requisition's status) must give an
   * unknown value before it is quoted; by default none is.
   */
  private readonly minGroupSize: number;

  constructor(minGroupSize = Number.POSITIVE_INFINITY) {
    this.minGroupSize = minGroupSize;
    this.counts = Object.fromEntries(
      ENTITIES.map((entity) => [entity, { read: 0, duplicatesIdentical: 0, duplicatesConflicting: 0, quarantined: 0 }]),
    ) as Record<Entity, EntityCounts>;
  }

  quarantine(entity: Entity, fileIndex: number, line: number, column: string, problem: string): void {
    this.counts[entity].quarantined++;
    this.entries.push({ fileIndex, line, entity, column, problem, action: 'quarantined' });
  }

  /** The row at `fileIndex`/`line` lost to a later row with the same key. */
  duplicate(entity: Entity, fileIndex: number, line: number, column: string, identical: boolean): void {
    const counts = this.counts[entity];
    if (identical) counts.duplicatesIdentical++;
    else counts.duplicatesConflicting++;
    this.entries.push({
      fileIndex,
      line,
      entity,
      column,
      problem: identical ? 'same key and values as a later row' : 'same key as a later row with different values',
      action: identical ? 'merged duplicate' : 'replaced by later file',
    });
  }

  /** A value no synonym maps, given by `giver`; `fix` is the config that would map it. */
  unmappedValue(
    entity: Entity,
    column: string,
    kind: EnumKind,
    value: string,
    allowed: readonly string[],
    giver: Giver,
  ): void {
    const shown = quotable(value);
    const key = `${entity}\u0000${column}\u0000${shown}`;
    let known = this.unmapped.get(key);
    if (!known) {
      const fix =
        shown === value
          ? `{"values": {"${kind}": {${JSON.stringify(shown)}: "<${allowed.join('|')}>"}}}`
          : `Check which column is mapped to ${column} ("columns" in dashboard.config.json): its values do not look like ${allowed.join(', ')}.`;
      known = { entity, column, value: shown, rows: 0, fix, givers: shown === value ? new Set() : null };
      this.unmapped.set(key, known);
    }
    known.rows++;
    // Bounded: once enough different givers are seen, more cannot change the decision.
    if (known.givers && known.givers.size < this.minGroupSize) known.givers.add(giver);
  }

  /**
   * A free-text cell that held contact details and was hidden (`contactDetailsIn`). Reported with the unmapped
   * values, grouped by table, column and kind, never with the value.
   */
  hiddenValue(entity: Entity, column: string, what: ContactDetails, person: boolean): void {
    const key = `${entity}\u0000${column}\u0000${what}`;
    const known = this.hidden.get(key);
    if (known) {
      known.rows++;
      return;
    }
    const instead = person ? 'a numbered stand-in, "(contact details hidden #1)"' : 'an empty value';
    this.hidden.set(key, {
      entity,
      column,
      value: `(value hidden: ${hiddenBecause(what)})`,
      rows: 1,
      fix: `Contact details are never published: these cells were replaced by ${instead}. Check that the column read as ${column} holds what it should ("columns" in dashboard.config.json), or clean the export.`,
    });
  }

  /** Hidden contact details, as unmapped-value entries (see `hiddenValue`). */
  hiddenValues(): Quality['unmapped'] {
    return [...this.hidden.values()].sort(
      (a, b) => a.entity.localeCompare(b.entity) || a.column.localeCompare(b.column) || a.value.localeCompare(b.value),
    );
  }

  /** How many ledger entries have this problem (for warnings). */
  countProblem(prefix: string): number {
    let n = 0;
    for (const entry of this.entries) if (entry.problem.startsWith(prefix)) n++;
    return n;
  }

  /** The artifact's ledger, in file order then line order. */
  entriesInOrder(): Quality['ledger'] {
    const sorted = this.entries.slice().sort((a, b) => a.fileIndex - b.fileIndex || a.line - b.line);
    return sorted.map((e) => ({
      file: this.files[e.fileIndex]!,
      line: e.line,
      entity: e.entity,
      column: e.column,
      problem: e.problem,
      action: e.action,
    }));
  }

  /**
   * The entries counted by file, table, column, problem and action, most rows first: the data-quality page's
   * view, as small as the kinds of problem are few (problem texts hold no cell value, see the module comment).
   */
  problemGroups(): NonNullable<Quality['problems']> {
    const groups = new Map<string, NonNullable<Quality['problems']>[number] & { fileIndex: number }>();
    for (const e of this.entries) {
      const key = `${e.fileIndex}\u0000${e.entity}\u0000${e.column}\u0000${e.problem}\u0000${e.action}`;
      const group = groups.get(key);
      if (group) {
        group.rows++;
        if (e.line < group.firstLine) group.firstLine = e.line;
      } else {
        const { fileIndex, entity, column, problem, action, line } = e;
        groups.set(key, {
          fileIndex,
          file: this.files[fileIndex]!,
          entity,
          column,
          problem,
          action,
          rows: 1,
          firstLine: line,
        });
      }
    }
    return [...groups.values()]
      .sort((a, b) => b.rows - a.rows || a.fileIndex - b.fileIndex || a.column.localeCompare(b.column))
      .map(({ fileIndex: _, ...group }) => group);
  }

  /**
   * The unknown enum values for the report. A value is quoted only when at least `minGroupSize` different
   * candidates gave it (requisitions, for a requisition's status): one candidate's name typed as the status
   * of their five applications is a person's words, not a status. Rarer values are counted, one entry per
   * column, without their values. `candidateOf` gives the candidate key of an application id (interviews);
   * an application it does not know counts as an application without a candidate id.
   */
  unmappedValues(candidateOf: (applicationId: string) => number | null = () => null): Quality['unmapped'] {
    const quoted: Quality['unmapped'] = [];
    const folded = new Map<string, Quality['unmapped'][number] & { values: number }>();
    for (const u of this.unmapped.values()) {
      const { givers, ...entry } = u;
      if (givers === null || this.gaveEnough(u.entity, givers, candidateOf)) {
        quoted.push(entry);
        continue;
      }
      const key = `${u.entity}\u0000${u.column}`;
      const rare = folded.get(key) ?? { ...entry, rows: 0, values: 0 };
      rare.rows += u.rows;
      rare.values++;
      folded.set(key, rare);
    }
    for (const { values, ...entry } of folded.values()) {
      const givers = entry.entity === 'requisitions' ? 'requisitions' : 'candidates';
      quoted.push({
        ...entry,
        value: `(value hidden: ${values} value${values === 1 ? '' : 's'}, each from fewer than ${this.minGroupSize} ${givers})`,
        fix: `Not quoted: a value given by so few ${givers} may be a person's words (a name). If the column read as ${entry.column} holds what it should, map its values under "values" in dashboard.config.json; otherwise check which column is mapped to ${entry.column} ("columns").`,
      });
    }
    return quoted.sort(
      (a, b) => a.entity.localeCompare(b.entity) || a.column.localeCompare(b.column) || b.rows - a.rows,
    );
  }

  /** Unknown values by table and column: how many different ones, in how many rows (for the warnings). */
  unmappedCounts(): Array<{ entity: Entity; column: string; values: number; rows: number }> {
    const counts = new Map<string, { entity: Entity; column: string; values: number; rows: number }>();
    for (const u of this.unmapped.values()) {
      const key = `${u.entity}\u0000${u.column}`;
      const count = counts.get(key) ?? { entity: u.entity, column: u.column, values: 0, rows: 0 };
      count.values++;
      count.rows += u.rows;
      counts.set(key, count);
    }
    return [...counts.values()].sort((a, b) => a.entity.localeCompare(b.entity) || a.column.localeCompare(b.column));
  }

  private gaveEnough(
    entity: Entity,
    givers: ReadonlySet<Giver>,
    candidateOf: (applicationId: string) => number | null,
  ): boolean {
    if (givers.size < this.minGroupSize) return false;
    if (entity !== 'interviews') return true;
    const candidates = new Set<number | null>();
    for (const giver of givers) candidates.add(typeof giver === 'string' ? candidateOf(giver) : giver);
    return candidates.size >= this.minGroupSize;
  }
}
