/**
 * The team's retrospective notes: `retros/YYYY-MM.md` in the data folder (`DASHBOARD_DATA_DIR`, default
 * `data/sample`). No folder = no notes. Rendered safely: see `src/lib/notes.ts`.
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { hasRetrosFolder, teamNotesLoader } from './lib/notes.ts';

const retros = defineCollection({
  loader: hasRetrosFolder()
    ? teamNotesLoader()
    : // Astro keeps a collection's entries from build to build: without the clear, a folder with no notes
      // showed the notes of the folder built before it (the sample's, say) on its retrospective pages.
      { name: 'no-retros', load: async ({ store }) => store.clear() },
  schema: z.looseObject({ title: z.string().optional() }),
});

export const collections = { retros };
