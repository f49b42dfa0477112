/**
 * Which columns a file had that the dashboard does not read, as the log, the data-quality page and the artifact
 * list them: a column is named only when its name is the dashboard's vocabulary, the others are counted. Shared
 * by the per-file reader (ingest.ts) and the vendor warehouse reader (warehouse/index.ts), whose raw headers can
 * be a custom field named after a person just the same.
 */
import { TEMPLATE } from '../schema/canonical.ts';
import { DIALECTS } from './dialects/index.ts';
import { contactDetailsIn, formatCount } from './values.ts';
import { VENDORS } from './warehouse/vendors.ts';

/** A header's words: `candidate.first_name`, `firstName` and `First Name` all give `first`, `name`. */
const headerWords = (name: string): string[] =>
  name
    .replace(/\be-mail/gi, 'email')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * Words of people columns that no vendor table names (`linkedin`, `date_of_birth` has its words already): a
 * dropped column so named is listed, so the user learns it was left out as personal.
 */
const PEOPLE_WORDS = ['linkedin', 'mobile', 'telephone', 'surname', 'birthday', 'birth', 'pronouns', 'pronoun'];

/** The columns a Fivetran sync adds to every warehouse table, which no vendor table lists among its own. */
const SYNC_COLUMNS = ['_fivetran_synced', '_fivetran_deleted', '_fivetran_id', '_fivetran_active'];

let knownWords: Set<string> | undefined;
/** Every word of every column name the dashboard knows: the template's, each dialect's, each vendor table's. */
function columnWords(): Set<string> {
  if (knownWords) return knownWords;
  const names: string[] = [...PEOPLE_WORDS, ...SYNC_COLUMNS];
  for (const fields of Object.values(TEMPLATE)) for (const field of fields) names.push(field.column);
  for (const dialect of DIALECTS) {
    for (const t of dialect.tables) {
      for (const aliases of Object.values(t.columns)) names.push(...aliases);
      for (const f of t.filledWhen ?? []) names.push(...f.columns);
      names.push(...(t.durationMinutes ?? []));
      if (t.status) names.push(...(t.status.from === 'archive' ? t.status.archivedAt : t.status.rejected));
    }
  }
  for (const vendor of VENDORS) for (const t of vendor.tables) names.push(t.name, ...(t.aliases ?? []), ...t.columns);
  // A word with a digit is never a known word: a candidate id (`CAND-0001`) is made of them.
  knownWords = new Set(names.flatMap(headerWords).filter((w) => !/\d/.test(w)));
  return knownWords;
}

/** A column name as a program writes one: lower-case words joined by `_` or `.`, or camelCase; no digit, no space. */
const IDENTIFIER = /^[a-z]+(?:[._][a-z]+)*$|^[a-z]+(?:[A-Z][a-z]+)+$/;

/**
 * Whether a dropped column may be named in the log, the data-quality page and the artifact. A header can be
 * anything a user typed, a person's name or a candidate id included: it is named only when every word of it is
 * a word of a column name the dashboard knows (`Candidate Email`, `gender`), or it is written as an identifier
 * with at least one such word (`last_activity_at`). A person's name is neither (capitals and a space, words
 * no export's schema uses); an id has digits. Never when it looks like contact details.
 */
export function namedDroppedColumn(name: string): boolean {
  const words = headerWords(name);
  if (words.length === 0 || contactDetailsIn(name) !== null) return false;
  const vocabulary = columnWords();
  // A plural or past form of a known word is known (`emails`, `phones`, `sourced`).
  const known = words.filter((w) =>
    [w, w.replace(/s$/, ''), w.replace(/es$/, ''), w.replace(/d$/, '')].some((x) => vocabulary.has(x)),
  ).length;
  return known === words.length || (known > 0 && IDENTIFIER.test(name.trim()));
}

/** The dropped columns as listed: those that may be named, then how many others there are, without names. */
export function droppedColumnsShown(names: readonly string[]): string[] {
  const shown = names.filter(namedDroppedColumn);
  const others = names.length - shown.length;
  if (others === 0) return shown;
  return [
    ...shown,
    `${formatCount(others)} other column${others === 1 ? '' : 's'}, not named: a header may be a person's name`,
  ];
}
