/**
 * The team's retrospective notes: `retros/YYYY-MM.md` in the data folder (`DASHBOARD_DATA_DIR`, default
 * `data/sample`). No folder = no notes. Rendered safely: see `src/lib/notes.ts`.
 */
import { pathToFileURL } from 'node:url';
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { hasRetrosFolder, retrosFolder, safeMarkdownGlob } from './lib/notes.ts';

const retros = defineCollection({
  loader: hasRetrosFolder()
    ? safeMarkdownGlob({
        pattern: '[0-9][0-9][0-9][0-9]-[0-9][0-9].md',
        base: pathToFileURL(`${retrosFolder()}/`).href,
        generateId: ({ entry }) => entry.replace(/\.md$/, ''),
      })
    : // Astro keeps a collection's entries from build to build: without the clear, a folder with no notes
      // showed the notes of the folder built before it (the sample's, say) on its retrospective pages.
      { name: 'no-retros', load: async ({ store }) => store.clear() },
  schema: z.looseObject({ title: z.string().optional() }),
});

export const collections = { retros };
