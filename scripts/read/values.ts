/**
 * Cell values → canonical values: text, identifiers, booleans and enums.
 *
 * Everything here runs once per cell, so it is plain functions over strings with small caches; nothing
 * allocates per call unless it must. Empty or whitespace-only cells are `null` (never `''`, never 0).
 */

/**
 * The matching key of a header or enum value: case-, space-, underscore- and hyphen-insensitive, so that
 * `Applied At` = `applied_at` = `appliedAt` and `Strong Yes` = `strong_yes`. Dots and other punctuation stay
 * (`current_stage.name`, `Ref #`).
 */
export function matchKey(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * A copy of `text` that does not keep the parser's input chunk alive. V8 makes substrings of 13 or more
 * characters "sliced strings" that point into their parent; a retained id sliced from a 1 MB chunk would keep
 * the whole chunk in memory, and a million of them the whole file. Short strings are copied by V8 anyway.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** A trimmed identifier, or null when empty. */
export function readId(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  return text === '' ? null : detached(text);
}

const NOT_REMEMBERED: unique symbol = Symbol('not remembered');

/**
 * The first few distinct cells of a column and what they read as, compared directly: a stage or status
 * column has a handful of values, and `===` against a string of another length is one comparison, where a
 * `Map` lookup hashes the cell (a fresh string every row) first. A column with many values (ids, names) turns
 * this off after a trial, and then only costs one test per cell. Only a cache: the caller's `Map` stays the
 * truth, and what is remembered is exactly what the caller would have answered.
 */
class FirstCells<V> {
  private static readonly SIZE = 8;
  /** Cells looked at per trial; more than a quarter of misses turns remembering off. */
  private static readonly TRIAL = 4096;
  /** Detached copies (a remembered cell must not keep its parser chunk alive). */
  private readonly keys: string[] = [];
  private readonly values: V[] = [];
  private on = true;
  private looked = 0;
  private missed = 0;

  lookup(raw: string): V | typeof NOT_REMEMBERED {
    if (!this.on) return NOT_REMEMBERED;
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === raw) return this.values[i]!;
    if (++this.looked === FirstCells.TRIAL) {
      this.on = this.missed * 4 <= FirstCells.TRIAL;
      this.looked = 0;
      this.missed = 0;
    }
    if (keys.length === FirstCells.SIZE) this.missed++;
    return NOT_REMEMBERED;
  }

  /** After a miss: what `raw` reads as. */
  remember(raw: string, value: V): void {
    if (this.on && this.keys.length < FirstCells.SIZE) {
      this.keys.push(detached(raw));
      this.values.push(value);
    }
  }
}

/**
 * Repeated text values (departments, stages, reasons, sources…) become one string instance each. Bounded: past
 * `limit` distinct values (a column that is not categorical after all) values are only detached.
 *
 * With `guard`, a value that holds contact details (`contactDetailsIn`) is not returned: its place is taken by
 * a hidden marker (`hiddenMarker`), numbered per distinct value in order of first sight, that the row reader
 * reports and replaces. The check runs once per distinct value, not once per cell.
 */
export function interner(limit = 50_000, guard = false): (raw: string | undefined) => string | null {
  const seen = new Map<string, string>();
  const hidden = new Map<string, string>();
  const hide = (text: string): string => {
    const what = contactDetailsIn(text);
    if (what === null) return text;
    let marker = hidden.get(text);
    if (marker === undefined) {
      marker = hiddenMarker(what, hidden.size + 1);
      hidden.set(text, marker);
    }
    return marker;
  };
  const first = new FirstCells<string | null>();
  const intern = (raw: string): string | null => {
    let value = seen.get(raw);
    if (value !== undefined) return value;
    const text = raw.trim();
    if (text === '') return null;
    value = seen.get(text);
    if (value === undefined) {
      const own = detached(text);
      value = guard ? hide(own) : own;
      if (seen.size < limit) seen.set(own, value);
    }
    if (raw !== text && seen.size < limit) seen.set(detached(raw), value);
    return value;
  };
  return (raw) => {
    if (raw === undefined) return null;
    const remembered = first.lookup(raw);
    if (remembered !== NOT_REMEMBERED) return remembered;
    const value = intern(raw);
    first.remember(raw, value);
    return value;
  };
}

// ---- contact details typed into a text column ------------------------------------------------------------

export type ContactDetails = 'e-mail address' | 'phone number';

/** local@domain.tld: at least one dot after the `@`, no spaces or brackets. */
const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:.]+(?:\.[^\s@<>()[\]"',;:.]+)+/u;
/** Dates, year ranges and amounts have many digits but are not phone numbers: taken out before looking for one. */
const NOT_PHONE = [
  /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?\b/g, // 2025-01-31, 2025/1/31 10:00
  /\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b/g, // 31/01/2025, 1.2.25
  /\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}\b/g, // 2024-2025, 2024/25
  /(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)/g, // amounts with thousands separators: 60.000, 1,250,000
];
/** A run of digits and phone punctuation (spaces, dots, dashes, slashes, parentheses, a leading +). */
const PHONE_RUN = /\+?\(?\d[\d\s()./-]*\d/g;

/**
 * Whether a free-text value holds contact details: an e-mail address, or a phone number (7 or more digits in
 * one run of digits and phone punctuation, once dates, year ranges and amounts such as 60.000 are set aside). Deliberately eager: a
 * false positive only hides one value (and says so in the data-quality report); a false negative publishes a
 * candidate's phone number on the shared link. Names cannot be told from other text and are not looked for.
 */
export function contactDetailsIn(text: string): ContactDetails | null {
  if (text.includes('@') && EMAIL.test(text)) return 'e-mail address';
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits < 7) return null;
  let rest = text;
  for (const pattern of NOT_PHONE) rest = rest.replace(pattern, '|');
  for (const run of rest.match(PHONE_RUN) ?? []) {
    let n = 0;
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      if (c >= 48 && c <= 57) n++;
    }
    if (n >= 7) return 'phone number';
  }
  return null;
}

/**
 * The interner's stand-in for a hidden value: starts with a NUL character (which no trimmed text value of a
 * readable export starts with in practice, and which `hiddenValue` checks exactly).
 */
export function hiddenMarker(what: ContactDetails, n: number): string {
  return `\u0000${what === 'e-mail address' ? 'e' : 'p'}${n}`;
}

/** What a hidden marker stands for, or null for an ordinary value. Cheap for ordinary values. */
export function hiddenValue(value: string): { what: ContactDetails; n: number } | null {
  if (value.charCodeAt(0) !== 0) return null;
  const match = /^\u0000([ep])(\d+)$/.exec(value);
  if (!match) return null;
  return { what: match[1] === 'e' ? 'e-mail address' : 'phone number', n: Number(match[2]) };
}

const TRUE = new Set(['true', 'yes', 'y', '1', 't', 'x', 'wahr', 'oui', 'ja']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f', '', 'falsch', 'non', 'nein']);

/** true / false, or undefined when the text is neither. Empty is false (an unticked box). */
export function readBoolean(raw: string | undefined): boolean | undefined {
  const text = (raw ?? '').trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}

/** An enum lookup result: a canonical value, `null` (a known value meaning "not stated"), or unknown. */
export const UNKNOWN = Symbol('unknown enum value');
export type EnumResult<T> = T | null | typeof UNKNOWN;

/**
 * An enum reader over synonym tables, first table wins (config, then dialect, then every dialect, then the
 * canonical values themselves). Keys are compared by `matchKey`. Results are cached per raw text, because
 * exports repeat a handful of values a million times.
 */
export function enumReader<T extends string>(
  tables: ReadonlyArray<Readonly<Record<string, T | null>> | undefined>,
): (raw: string) => EnumResult<T> {
  const byKey = new Map<string, T | null>();
  for (const table of tables) {
    if (!table) continue;
    for (const [synonym, value] of Object.entries(table)) {
      const k = matchKey(synonym);
      if (!byKey.has(k)) byKey.set(k, value);
    }
  }
  const cache = new Map<string, EnumResult<T>>();
  const first = new FirstCells<EnumResult<T>>();
  return (raw) => {
    const remembered = first.lookup(raw);
    if (remembered !== NOT_REMEMBERED) return remembered;
    let result = cache.get(raw);
    if (result === undefined) {
      const found = byKey.get(matchKey(raw));
      result = found === undefined ? UNKNOWN : found;
      if (cache.size < 10_000) cache.set(raw, result);
    }
    first.remember(raw, result);
    return result;
  };
}

/** Identity table of an enum's own values, for `enumReader`. */
export function ownValues<T extends string>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(values.map((value) => [value, value])) as Record<string, T>;
}

/**
 * A value as it may be quoted in the quality report. An enum cell is not personal data, but a column mapped
 * by mistake could hold e-mails, phones or names: anything shaped like contact details or prose is hidden.
 */
export function quotable(value: string): string {
  const digits = value.replace(/\D/g, '').length;
  if (value.includes('@') || digits >= 7 || value.length > 60) return '(value hidden: not an enum-like value)';
  return value;
}

/**
 * A pseudonymous key for an identifier (a candidate id): a 53-bit hash seeded per run. Equal ids give equal keys
 * within a run; the id itself is not kept, and the key means nothing outside the run. A number, not text: a
 * million of them are a column of doubles rather than a million strings.
 */
export function pseudonym(seed: number): (id: string) => number {
  return (id) => cyrb53(id, seed);
}

/** A 53-bit string hash (cyrb53, public domain): a join key, not a secret. */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** `1234567` → `1,234,567`. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');
