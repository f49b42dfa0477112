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

/**
 * Why a text cell was hidden: it held an e-mail address or a phone number, or it was the same as a cell of its
 * row that names the candidate (`personal value`: a name or contact column dropped at read time).
 */
export type ContactDetails = 'e-mail address' | 'phone number' | 'profile link' | 'personal value';

/** The contact detail with its article, for messages: "an e-mail address". */
export function aContactDetail(what: ContactDetails): string {
  return what === 'e-mail address' ? 'an e-mail address' : what === 'personal value' ? 'a personal value' : `a ${what}`;
}

/** How a hidden value is described on the data-quality page and in the log: never with the value. */
export function hiddenBecause(what: ContactDetails): string {
  if (what === 'personal value') return "the same as the candidate's name or contact details in its row";
  return `looked like ${aContactDetail(what)}`;
}

/**
 * Dropped columns whose header says they name or reach a person (`Candidate Name`, `Email`, `Phone`,
 * `LinkedIn`, `Referrer`), as opposed to labels of a job or stage (`Job Name`, `Stage Name`).
 */
const PERSON_HEADER = /name|mail|phone|mobile|cell|telef|linkedin|address|contact|candidate|applicant|prospect|referr/;
const LABEL_HEADER =
  /job|stage|department|dept|source|status|reason|office|location|team|title|role|position|tag|type|score|rating|date|id$/;
export const namesAPerson = (header: string): boolean => {
  const key = matchKey(header);
  // "candidate" itself holds "date": the label words are looked for in what is left.
  return PERSON_HEADER.test(key) && !LABEL_HEADER.test(key.replace(/candidate|applicant/g, ''));
};

/**
 * Text as a reader sees it, for spotting contact details in any spelling: NFKC (full-width `＠` and digits,
 * ligatures), every script's decimal digits as ASCII (Arabic-Indic `٠٦`, Devanagari…), every dash and minus (and
 * the `ー` a Japanese keyboard types for one) as `-`, middle dots (`·`, `・`) as `.`, every space as one space, and invisible characters (zero-width space, soft hyphen) removed, since they
 * only serve to split a number or an address where a reader does not see a split.
 */
export function contactSpelling(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\p{Nd}/gu, asciiDigit)
    .replace(/[\p{Pd}\u2212\u2043\u30fc~]/gu, '-')
    .replace(/[\u3002\uff61\u2024\u00b7\u2027\u2219\u22c5\u30fb]/gu, '.')
    .replace(/\s+/gu, ' ');
}

/**
 * The ASCII digit of a decimal digit of any script. Unicode keeps each script's digits as a run of ten in order,
 * zero first (runs of several tens, such as the mathematical digits, are whole tens), so a digit's value is how
 * many digits precede it in its run, modulo ten.
 */
function asciiDigit(digit: string): string {
  const c = digit.codePointAt(0)!;
  if (c <= 0x39) return digit;
  let n = 0;
  while (n < 10 && /\p{Nd}/u.test(String.fromCodePoint(c - n - 1))) n++;
  return String(n % 10);
}

/**
 * local@domain.tld: at least one dot after the `@`, no spaces or brackets. This and the patterns below start a
 * word only where it starts (the look-behind): tried from inside a long word too, they took quadratic time.
 */
const EMAIL = /(?<![^\s@<>()[\]{}"',;:])[^\s@<>()[\]{}"',;:]+@[^\s@<>()[\]{}"',;:.]+(?:\.[^\s@<>()[\]{}"',;:.]+)+/u;
/** Mail providers whose name is enough without the top-level domain (`jane@gmail`, `jane (at) gmx`). */
const PROVIDER =
  '(?:gmail|googlemail|hotmail|outlook|yahoo|ymail|icloud|aol|gmx|protonmail|proton|yandex|laposte|wanadoo|libero)';
/**
 * An address without its top-level domain: at a provider's name, or with a `first.last` local part
 * (`jane.doe@acme`). Not any `word@word`: `Data@Scale` is a team's name.
 */
const EMAIL_NO_TLD = new RegExp(
  `(?:(?<![^\\s@<>()[\\]{}"',;:])[^\\s@<>()[\\]{}"',;:]+@${PROVIDER}|(?<![\\p{L}\\p{N}._-])[\\p{L}\\p{N}]+(?:[._][\\p{L}\\p{N}]+)+@[\\p{L}\\p{N}-]+)(?![\\p{L}\\p{N}])`,
  'iu',
);
/**
 * `(at)`, `[at]`, `{at}`, `<at>`, `[@]` and the same for `dot` and `.` (and the dot's name in other languages:
 * `(punkt)`, `(punto)`, `(piste)`…), with or without spaces; spaces around an `@` or a dot.
 */
const BRACKETED_AT = /\s*[([{<]\s*(?:at|@)\s*[)\]}>]\s*/giu;
const BRACKETED_DOT = /\s*[([{<]\s*(?:dot|\.|punkt|punto|ponto|piste|pont|prick|kropka|tečka|tecka)\s*[)\]}>]\s*/giu;
const SPACED_AT = /\s*@[\s@]*/gu;
/** `jane at example dot com`: "at" between words, then at least one " dot " before a word. */
const WORDED = /(?<![^\s@])([^\s@]+) at ([^\s@]+(?: dot [^\s@]+)+)/giu;
/** `jane at gmail`: "at" before a mail provider's name. */
const WORDED_PROVIDER = new RegExp(
  `(?<![\\p{L}\\p{N}._%+-])([\\p{L}\\p{N}._%+-]+) at (${PROVIDER})(?![\\p{L}\\p{N}])`,
  'giu',
);
/** `jane at example.com`: "at" after an address-like word, then a domain ending in a top-level domain. */
const WORDED_DOMAIN =
  /(?<![\p{L}\p{N}._%+-])([\p{L}\p{N}._%+-]+) at ((?:[\p{L}\p{N}-]+\.)+\p{L}{2,})(?![\p{L}\p{N}])/giu;
/** The at sign of a link or a web page: `%40` (`mailto:jane%40x.com`), `&#64;`, `&#x40;`, `&commat;`. */
const ENCODED_AT = /%40|&#0*64;|&#x0*40;|&commat;/giu;
/**
 * Other names of the at sign, in brackets: `(a)` (Finland, Sweden), `(ät)` (German and Nordic), and the sign's
 * name in its writer's language (`(arroba)`, `(chiocciola)`, `(snabel-a)`, `(kukac)`, `(małpa)`…). "(a)" also
 * numbers a list, so these count only before a domain (`x.fi`, a provider): "plan (a) or (b)" is no address.
 */
const AT_NAMES =
  'a|ät|aet|arroba|arobase|arobas|chiocciola|klammeraffe|affe|snabel-?a|kukac|małpa|malpa|zavináč|zavinac|apenstaartje|miukumauku';
/**
 * A domain as typed after a spelled-out at sign: labels, dots (" dot ", or " . " spaced on both sides: "yes. No"
 * is a sentence), a top-level domain of letters.
 */
const TYPED_DOMAIN = `(?:(?:[\\p{L}\\p{N}-]+(?:\\.| \\. | dot ))+\\p{L}{2,}|${PROVIDER})(?![\\p{L}\\p{N}])`;
const NAMED_AT = new RegExp(
  `(?<![\\p{L}\\p{N}._%+-])([\\p{L}\\p{N}._%+-]+) ?[([{<] ?(?:${AT_NAMES}) ?[)\\]}>] ?(${TYPED_DOMAIN})`,
  'giu',
);
/**
 * `jane-at-x.com`, `jane_at_x.com`, `jane#at#x.com`, `jane*at*x*dot*com`: "at" between two of the same
 * separator, glued to both words, before a domain (so "pay-at-door" stays a phrase).
 */
const DELIMITED_AT = new RegExp(
  `(?<![\\p{L}\\p{N}._%+])([\\p{L}\\p{N}._%+]+)([-_#*])at\\2((?:[\\p{L}\\p{N}-]+(?:\\.|\\2dot\\2))+\\p{L}{2,}|${PROVIDER})(?![\\p{L}\\p{N}])`,
  'giu',
);

/** The text with the spelled-out forms of an e-mail address written as one (`jane(at)x.com` → `jane@x.com`). */
function emailSpelling(text: string): string {
  return text
    .replace(ENCODED_AT, '@')
    .replace(BRACKETED_AT, '@')
    .replace(BRACKETED_DOT, '.')
    .replace(NAMED_AT, (_all, local: string, domain: string) => `${local}@${domain.replace(/ (?:dot|\.) /giu, '.')}`)
    .replace(
      DELIMITED_AT,
      (_all, local: string, sep: string, domain: string) => `${local}@${domain.split(`${sep}dot${sep}`).join('.')}`,
    )
    .replace(WORDED, (_all, local: string, domain: string) => `${local}@${domain.replace(/ dot /giu, '.')}`)
    .replace(WORDED_DOMAIN, '$1@$2')
    .replace(WORDED_PROVIDER, '$1@$2')
    .replace(SPACED_AT, '@')
    .replace(/@([^\s@]+(?: ?\. ?[^\s@.]+)+)/gu, (_all, domain: string) => `@${domain.replace(/ /g, '')}`);
}

/**
 * Digit runs that are dates, times, year ranges or amounts, not phone numbers: taken out before looking for
 * one. Each is bounded so that it cannot eat the start of a longer grouping: `06.12.34.56.78` is a French
 * phone number, not the date 06.12.34 followed by 56.78; `0470.12.34.56` is not the date 0470-12-34.
 */
const NOT_PHONE = [
  // 2025-01-31, 2025/1/31, 2025-01-31 10:00, 2025-01-31T10:00:00
  /(?<![\d.\/-])(?:19|20)\d{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?(?![\d.\/-]?\d)/g,
  // 31/01/2025, 1.2.25, 31-01-2025
  /(?<![\d.\/-])(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|[12]\d|3[01])\1(?:\d{2}|(?:19|20)\d{2})(?![\d.\/-]?\d)/g,
  // 2024-2025, 2024/25, 2024 - 2025
  /(?<![\d.\/-])(?:19|20)\d{2} ?[-/] ?(?:19|20)?\d{2}(?![\d.\/-]?\d)/g,
  // 09:30-10:45, 9.30 - 11.00 (a time slot)
  /(?<![\d.\/-])(?:[01]?\d|2[0-3])[:.][0-5]\d ?- ?(?:[01]?\d|2[0-3])[:.][0-5]\d(?![\d.\/-]?\d)/g,
  // Amounts: 1,250,000 and 85,000.50 (comma thousands), or dot or space thousands beside a currency.
  /(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![.,]?\d)/g,
  /(?:[$€£¥]|\b(?:EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|CZK)) ?\d{1,3}(?:[. ]\d{3})+(?:,\d+)?(?![.,]?\d)/gi,
  /(?<![\d.,])\d{1,3}(?:[. ]\d{3})+(?:,\d+)? ?(?:[$€£¥]|(?:EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|CZK|k)\b)/gi,
];
/**
 * A run of digits and phone punctuation (spaces, dots, dashes, slashes, parentheses, a leading +; and the
 * underscores, bars and commas people also group digits with: `612_345_678`, `555|0100|9999`,
 * `06,12,34,56,78`). A comma only when a digit follows it: `1–3, 3–7, 7–30` is a list, not a number.
 */
const PHONE_RUN = /\+?\(?\d(?:[\d ()./_|-]|,(?=\d))*\d/g;

/**
 * Whether a free-text value holds contact details: an e-mail address in any of its usual spellings
 * (`jane@x.com`, `jane (at) x.com`, `jane [at] x dot com`, `jane @ x.com`, a full-width `＠`, `jane(a)x.fi`,
 * `jane-at-x.com`), or a phone number (7 or more digits in one run of digits and phone punctuation, in any script
 * and any grouping, O typed for 0 and l for 1: `06.12.34.56.78`, `0470/12 34 56`, `612.345.678`,
 * `(555) 010–2345`, `077OO 9OO123`) or read out in words, once dates, times, year ranges, amounts and identifiers
 * glued to letters (`REQ-2025-0042`) are set aside. Deliberately eager: a false positive only hides one value
 * (and says so in the data-quality report); a false negative publishes a candidate's phone number on the shared
 * link. Names cannot be told from other text and are not looked for.
 */
export function contactDetailsIn(raw: string): ContactDetails | null {
  // Most values are ASCII with no @, no "at", no profile link and few digits: those are decided without
  // normalising. Other text is looked at as a reader sees it (`（a）`, `𝐚𝐭` are `(a)` and `at`).
  const ascii = !/[^\x00-\x7f]/.test(raw);
  const seen = ascii ? raw : contactSpelling(raw);
  const maybePhone = countDigits(seen) >= 7 || LETTER_IN_DIGITS.test(seen);
  if (!maybePhone && !MAYBE_EMAIL.test(seen) && !MAYBE_PROFILE.test(seen)) {
    return DIGIT_WORDS.test(seen) ? 'phone number' : null;
  }
  const text = ascii ? contactSpelling(raw) : seen;
  const spelled = emailSpelling(text);
  if (EMAIL.test(spelled) || EMAIL_NO_TLD.test(spelled)) return 'e-mail address';
  if (PROFILE_LINK.test(text)) return 'profile link';
  if (maybePhone && hasPhoneNumber(text)) return 'phone number';
  return DIGIT_WORDS.test(text) ? 'phone number' : null;
}

/** Whether normalised text holds a run of 7 or more digits that is not a date, an amount or an identifier. */
function hasPhoneNumber(text: string): boolean {
  let rest = text.replace(DIGIT_GROUP, digitsForLetters);
  if (countDigits(rest) < 7) return false;
  // Set aside with a mark that no phone run crosses (`|` may separate a phone number's groups).
  for (const pattern of NOT_PHONE) rest = rest.replace(pattern, '#');
  for (const run of rest.matchAll(PHONE_RUN)) {
    // Glued to a letter (`REQ-2025-0042`, `A12345678`, `id=12345678`), the digits are an identifier, not a
    // number to call — unless the word says it is one (`Tel0612345678`, `Mob.0612…`, `phone=0612…`).
    const before = rest.slice(Math.max(0, run.index - 2), run.index);
    if (/\p{L}[-_/=]?$/u.test(before) && !PHONE_WORD.test(rest.slice(0, run.index))) continue;
    if (countDigits(run[0]) >= 7) return true;
  }
  return false;
}

/**
 * A group of digits with letters typed for some of them (`077OO 9OO123`: O or o for 0, I or l for 1): a word of
 * only digits and those letters, starting with a digit, or with one of the letters before a digit beside another
 * group (`O77OO 9OO123`, `06 l2 34 56 78`). Alone, a word starting with a letter (`l2345678`, `O1234567`) is an
 * identifier, as it is with any other letter.
 */
const DIGIT_GROUP =
  /(?<![\p{L}\p{N}])(?:\d[\dOoIl]*|[OoIl]\d[\dOoIl]*(?=[ ./-]+[OoIl]*\d)|(?<=\d[ ./-]+)[OoIl]\d[\dOoIl]*)(?![\p{L}\p{N}])/gu;
/** Quick test for such a group: a digit followed by one of those letters, or one of them before a digit. */
const LETTER_IN_DIGITS = /\p{Nd}[OoIl]|(?<![\p{L}\p{N}])[OoIl]\p{Nd}/u;
const digitsForLetters = (group: string): string => group.replace(/[Oo]/g, '0').replace(/[Il]/g, '1');
/**
 * A phone number read out in words (`seven seven zero zero nine zero zero one two three`): seven or more digit
 * names in a row. No label counts "one, two, three…" that far.
 */
const DIGIT_WORDS =
  /\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)(?:[ ,-]+(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)){6,}\b/iu;
/**
 * Any sign of an e-mail address: an at sign of any width or encoded, the word "at" (spelled-out forms, `_at_`
 * too), or another name of the sign in brackets (`(a)`, `(ät)`).
 */
const MAYBE_EMAIL = new RegExp(`[@\uff20\ufe6b]|\\bat\\b|_at_|%40|&#|&commat;|[([{<] ?(?:${AT_NAMES}) ?[)\\]}>]`, 'iu');
/** A word or link that says the digits after it are a phone number, even glued to them (`wa.me/1555…`). */
const PHONE_WORD =
  /(?:^|[^\p{L}])(?:tel|tél|phone|ph|mob|mobile|cell|handy|fon|telefon|telefono|teléfono|gsm|fax|wa\.me|t\.me|signal\.me\/#p)[-_/.:=]?$/iu;
/**
 * A link to one person's profile, which names them (`linkedin.com/in/jane-doe`, `xing.com/profile/Jane_Doe`):
 * a company page (`linkedin.com/company/…`) or a job board's name is not one.
 */
const PROFILE_LINK =
  /linkedin\.[a-z.]+\/(?:in|pub)\/|xing\.com\/profile\/|github\.com\/(?!orgs\/)[\w-]+\/?(?:$|[\s?#])/iu;
const MAYBE_PROFILE = /linkedin|xing|github/iu;

/**
 * Digits of any script, and the digit-like numbers NFKC turns into digits (superscript `⁰⁶`, circled `⑥`):
 * counted before normalising, so that none of them skips the check.
 */
function countDigits(text: string): number {
  let n = 0;
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
    else if (c > 127) ascii = false;
  }
  return ascii ? n : (text.match(/\p{Nd}|\p{No}/gu)?.length ?? 0);
}

/**
 * The interner's stand-in for a hidden value: starts with a NUL character (which no trimmed text value of a
 * readable export starts with in practice, and which `hiddenValue` checks exactly).
 */
export function hiddenMarker(what: ContactDetails, n: number): string {
  return `\u0000${what === 'e-mail address' ? 'e' : what === 'profile link' ? 'l' : 'p'}${n}`;
}

/** What a hidden marker stands for, or null for an ordinary value. Cheap for ordinary values. */
export function hiddenValue(value: string): { what: ContactDetails; n: number } | null {
  if (value.charCodeAt(0) !== 0) return null;
  const match = /^\u0000([epl])(\d+)$/.exec(value);
  if (!match) return null;
  const what = match[1] === 'e' ? 'e-mail address' : match[1] === 'l' ? 'profile link' : 'phone number';
  return { what, n: Number(match[2]) };
}

/**
 * What a candidate-level text too rare to be a label is published as (`scripts/read/labels.ts`): it may be a
 * person's words. Here, with no imports, so that the reason table can know it too.
 */
export const RARE_TEXT = 'other (rare text)';

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

/** A range of numeric ratings and the value it reads as (`ratings` in the config). */
export interface RatingRange<T extends string> {
  from: number;
  to: number;
  recommendation: T;
}

/** `4`, `4.5`, `4,5` (decimal comma), `4/5` (out of five). */
const RATING = /^(\d{1,4}(?:[.,]\d+)?)(?:\s*\/\s*\d{1,4})?$/;

/**
 * A numeric rating → the value of the range it falls in; undefined for text that is not a rating or a rating in
 * no range. Both ends of a range are included; a rating where two ranges touch belongs to the upper one (the
 * config refuses ranges that overlap more than that).
 */
export function ratingReader<T extends string>(ranges: ReadonlyArray<RatingRange<T>>): (text: string) => T | undefined {
  const upperFirst = [...ranges].sort((a, b) => b.from - a.from);
  const cache = new Map<string, T | undefined>();
  return (text) => {
    if (upperFirst.length === 0) return undefined;
    if (cache.has(text)) return cache.get(text);
    const match = RATING.exec(text.trim());
    const rating = match ? Number(match[1]!.replace(',', '.')) : NaN;
    const range = upperFirst.find((r) => r.from <= rating && rating <= r.to);
    if (cache.size < 1000) cache.set(text, range?.recommendation);
    return range?.recommendation;
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
  if (value.length > 60 || countDigits(value) >= 7 || contactDetailsIn(value) !== null) {
    return '(value hidden: not an enum-like value)';
  }
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

/** `1234567` → `1,234,567`: the one count formatter, here for the readers that import it with the rest. */
export { formatCount } from '../format.ts';
