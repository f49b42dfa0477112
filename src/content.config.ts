/**
 * The team's retrospective notes: `retros/YYYY-MM.md` in the data folder (`DASHBOARD_DATA_DIR`, default
 * `data/sample`). No folder = no notes. Rendered safely: see `src/lib/notes.ts`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { safeMarkdownGlob } from './lib/notes.ts';

const retrosDir = path.resolve(process.env.DASHBOARD_DATA_DIR || 'data/sample', 'retros');

const retros = defineCollection({
  loader: existsSync(retrosDir)
    ? safeMarkdownGlob({
        pattern: '[0-9][0-9][0-9][0-9]-[0-9][0-9].md',
        base: pathToFileURL(`${retrosDir}/`).href,
        generateId: ({ entry }) => entry.replace(/\.md$/, ''),
      })
    : { name: 'no-retros', load: async () => {} },
  schema: z.looseObject({ title: z.string().optional() }),
});

export const collections = { retros };
