/**
 * The team's notes for the retrospective pages: the `retros` collection, or none when no note may be read (no
 * notes folder, an empty one, or every note refused). Not asked of Astro then: it warns that the collection
 * "does not exist or is empty" at every call, once per page.
 * (Its own module: `notes.ts` is loaded by the content config, which `astro:content` itself depends on.)
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { dataFolder, teamNoteFiles } from './notes.ts';

/** Whether the build has said that every note was refused: once per build, not once per page. */
let saidNoneRead = false;

export async function teamNotes(): Promise<CollectionEntry<'retros'>[]> {
  const { folder, notes, refused } = teamNoteFiles(dataFolder());
  if (notes.length > 0) return getCollection('retros');
  // A refused folder is one line already (scripts/build.ts); refused notes are one line each.
  if (folder !== null && refused.length > 0 && !saidNoneRead) {
    saidNoneRead = true;
    const which = refused.length === 1 ? 'its only note is' : `all ${refused.length} of its notes are`;
    process.stderr.write(
      `warning: retros/: no team notes were read, as ${which} refused (a link to a file outside the data folder): the retrospective pages show none\n`,
    );
  }
  return [];
}
