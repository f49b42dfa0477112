/**
 * URL slugs for names from the exports (departments, hiring managers). Two names that slug alike
 * (`Álvaro Núñez` and `Alvaro Nunez`, `R&D` and `R D`) must still get two pages, so slugs are assigned for a
 * whole list of names at once; the result does not depend on the order of the list.
 */
import { hashText } from '../../scripts/read/key-index.ts';

/** Lower-case ASCII words joined by `-`; accents are folded (`Núñez` → `nunez`). May be empty. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

/** A short, stable tag for names that have no ASCII letters at all: the data step's FNV-1a, base 36. */
const tag = (text: string): string => (hashText(text) >>> 0).toString(36);

/** The slug of each name: unique within `names`, stable whatever the order of `names`. */
export function slugs(names: readonly string[]): Map<string, string> {
  const unique = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const base = new Map(unique.map((name) => [name, slugify(name) || `n-${tag(name)}`]));
  const taken = new Set<string>();
  const result = new Map<string, string>();
  // A name whose slug nobody else wants keeps it, even if a colliding name could have claimed `x-2`.
  const counts = new Map<string, number>();
  for (const slug of base.values()) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  for (const name of unique) {
    const slug = base.get(name)!;
    if (counts.get(slug) === 1) {
      result.set(name, slug);
      taken.add(slug);
    }
  }
  for (const name of unique) {
    if (result.has(name)) continue;
    const slug = base.get(name)!;
    let candidate = slug;
    for (let i = 2; taken.has(candidate); i++) candidate = `${slug}-${i}`;
    result.set(name, candidate);
    taken.add(candidate);
  }
  return result;
}

/** A slug lookup that fails loudly for a name it was not built with (a bug, not a user error). */
export function slugger(names: readonly string[]): (name: string) => string {
  const map = slugs(names);
  return (name) => {
    const slug = map.get(name);
    if (slug === undefined) throw new Error(`no slug for ${JSON.stringify(name)}`);
    return slug;
  };
}
