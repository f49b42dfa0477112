/** Every dialect, in the order that breaks a tie between equally good matches. */
import { ashby } from './ashby.ts';
import { canonical } from './canonical.ts';
import { greenhouse } from './greenhouse.ts';
import { lever } from './lever.ts';
import type { Dialect, ValueSynonyms } from './types.ts';
import { workable } from './workable.ts';

export type { Dialect, TableDialect, ValueSynonyms, StatusRule } from './types.ts';

export const DIALECTS: readonly Dialect[] = [canonical, greenhouse, lever, ashby, workable];

/**
 * Every dialect's synonyms of one enum. A value any vendor uses is understood in any file (a team exporting
 * to the template may well keep Greenhouse's `definitely_not`); the file's own dialect is asked first.
 */
export function allSynonyms<K extends keyof ValueSynonyms>(kind: K): Array<NonNullable<ValueSynonyms[K]>> {
  const tables: Array<NonNullable<ValueSynonyms[K]>> = [];
  for (const dialect of DIALECTS) {
    for (const table of dialect.tables) {
      const synonyms = table.values?.[kind];
      if (synonyms) tables.push(synonyms);
    }
  }
  return tables;
}
