/**
 * The team's notes for the retrospective pages: the `retros` collection, or none without a notes folder. Not
 * asked of Astro then: it warns that the collection "does not exist or is empty" at every call, once per page.
 * (Its own module: `notes.ts` is loaded by the content config, which `astro:content` itself depends on.)
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { hasRetrosFolder } from './notes.ts';

export async function teamNotes(): Promise<CollectionEntry<'retros'>[]> {
  return hasRetrosFolder() ? getCollection('retros') : [];
}
