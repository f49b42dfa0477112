/**
 * The team's retrospective notes (`retros/YYYY-MM.md` in the data folder) are their own Markdown, rendered at
 * build time. Markdown allows raw HTML, and Astro's renderer passes it through: a `<script>`, an `onerror=` or
 * a `javascript:` link in a note would reach the shared page. So notes are rendered with one extra Markdown
 * pass (`safeNotes`) that
 *
 * - turns every piece of raw HTML into visible text (`<script>alert(1)</script>` is shown, not run);
 * - keeps only http(s), mailto and relative URLs in links and images (others become plain text);
 * - keeps an image only when it is a file inside `retros/` (after following symbolic links): an image from
 *   another site would be fetched by every reader's browser (a tracking pixel), and `../../photo.png` would
 *   copy a file from outside the data folder into the site. Others become their alt text, with a warning;
 * - moves headings two levels down (a note's `#` becomes an h3 under the page's "Team notes" h2).
 *
 * It is applied by `safeMarkdownGlob`, the `glob` loader with its Markdown render function swapped for one
 * whose processor runs `safeNotes` first, so `render(entry)` gives safe HTML with no `set:html` of our own.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { satteri } from '@astrojs/markdown-satteri';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import { noteTasks } from './noteTasks.ts';
import { isInside, realPathInsideSync, teamNoteFiles } from '../../scripts/read/files.ts';

export { NOTE_FILE, teamNoteFiles, type TeamNoteFiles } from '../../scripts/read/files.ts';

type PluginList = NonNullable<NonNullable<Parameters<typeof satteri>[0]>['mdastPlugins']>;
type Plugin = Extract<PluginList[number], { name: string }>;

/** The data folder (`DASHBOARD_DATA_DIR`, default `data/sample`). */
export const dataFolder = (): string => path.resolve(process.env.DASHBOARD_DATA_DIR || 'data/sample');

/** Where the notes are: `retros/` in the data folder. */
export function retrosFolder(): string {
  return path.join(dataFolder(), 'retros');
}

/** Whether there is a notes folder to read (without one the collection is empty: see `teamNotes`). */
export const hasRetrosFolder = (): boolean => teamNoteFiles(dataFolder()).folder !== null;

/** A note's problem, said during the site build beside the build's own warnings. */
function warnAboutNote(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

/** How a note is named in messages: its path in the data folder. */
function noteName(fileURL: URL | undefined): string {
  if (!fileURL) return 'a note';
  const file = fileURLToPath(fileURL);
  const relative = path.relative(dataFolder(), file);
  return relative.startsWith('..') ? path.basename(file) : relative.split(path.sep).join('/');
}

/**
 * Why an image of a note is not kept, or null to keep it: only files inside `retros/` (real paths) are.
 * `url` is as written in the note; `fileURL` is the note's file.
 */
export function imageRefusal(url: string, fileURL: URL | undefined): string | null {
  const compact = url.trim();
  const named = compact.length > 80 ? `${compact.slice(0, 80)}…` : compact;
  if (/^[a-z][a-z0-9+.-]*:/i.test(compact) || compact.startsWith('//')) {
    let host = 'another site';
    try {
      host = new URL(compact, 'https://x.invalid').host || host;
    } catch {
      // not a URL at all: said as "another site"
    }
    return `an image from ${host} is not shown (each reader's browser would fetch it from there): link to it instead`;
  }
  // An absolute path names a file on the author's machine (a user name, a file named after a candidate), not one
  // of the site's: publishing it would show the path and have every reader's browser ask for it.
  if (compact.startsWith('/'))
    return 'an image written with an absolute path is not shown: put it in the retros/ folder and write its path from the note';
  const folder = teamNoteFiles(dataFolder()).folder;
  if (!fileURL || !folder) return 'an image whose file cannot be checked is not shown';
  let file: string;
  try {
    file = fileURLToPath(new URL(decodeURI(compact.replace(/[?#].*$/s, '')), fileURL));
  } catch {
    return 'an image whose path cannot be read is not shown';
  }
  let real: string;
  try {
    real = realPathInsideSync(folder, file) ?? '';
  } catch {
    return `the image ${named} is not there: not shown`;
  }
  if (!real || !isInside(real, folder))
    return 'an image from outside the retros/ folder is not shown (only image files inside retros/ are published)';
  if (!looksLikeImage(real)) return `the image ${named} is not a PNG, JPEG, GIF, WebP, AVIF or SVG file: not shown`;
  return null;
}

/** A damaged or renamed file would stop the site build in Astro's image step: its first bytes must say image. */
function looksLikeImage(file: string): boolean {
  let head: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      head = Buffer.alloc(64);
      head = head.subarray(0, readSync(fd, head, 0, 64, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  const starts = (bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
  const text = head.toString('latin1').trimStart().toLowerCase();
  return (
    starts([0x89, 0x50, 0x4e, 0x47]) || // PNG
    starts([0xff, 0xd8, 0xff]) || // JPEG
    text.startsWith('gif8') ||
    (text.startsWith('riff') && head.toString('latin1', 8, 12) === 'WEBP') ||
    head.toString('latin1', 4, 12).startsWith('ftypavi') ||
    text.startsWith('<svg') ||
    text.startsWith('<?xml')
  );
}

/** True for URLs a note may link to: no scheme (relative, #fragment), http, https or mailto. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme (`java\nscript:`).
  const compact = url.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact);
  return !scheme || ['http', 'https', 'mailto'].includes(scheme[1]!);
}

const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** The Markdown pass described above. */
export const safeNotes = {
  name: 'dashboard-safe-notes',
  html(node, ctx) {
    const parent = ctx.parent(node);
    const text = { type: 'text' as const, value: node.value };
    ctx.replaceNode(node, parent && FLOW_PARENTS.has(parent.type) ? { type: 'paragraph', children: [text] } : text);
  },
  link(node, ctx) {
    if (!isSafeUrl(node.url)) ctx.replaceNode(node, { type: 'text', value: ctx.textContent(node) || node.url });
  },
  image(node, ctx) {
    if (!isSafeUrl(node.url)) {
      ctx.replaceNode(node, { type: 'text', value: node.alt ?? '' });
      return;
    }
    const refusal = imageRefusal(node.url, ctx.fileURL);
    if (refusal) {
      warnAboutNote(`${noteName(ctx.fileURL)}: ${refusal}`);
      ctx.replaceNode(node, { type: 'text', value: node.alt ?? '' });
    }
  },
  // `![alt][ref]` takes its address from a definition elsewhere in the note, unchecked here: its alt text.
  imageReference(node, ctx) {
    warnAboutNote(`${noteName(ctx.fileURL)}: an image written as a reference (![…][…]) is not shown: write ![…](file)`);
    ctx.replaceNode(node, { type: 'text', value: node.alt ?? '' });
  },
  definition(node, ctx) {
    if (!isSafeUrl(node.url)) ctx.setProperty(node, 'url', '#');
  },
  heading(node, ctx) {
    ctx.setProperty(node, 'depth', Math.min(6, node.depth + 2) as 1 | 2 | 3 | 4 | 5 | 6);
  },
} satisfies Plugin;

/** The Markdown processor for notes: Astro's own (Sätteri), with `safeNotes` first. */
export const notesProcessor = satteri({ mdastPlugins: [safeNotes, noteTasks] });

/** What Astro passes a loader besides the documented context: the render machinery per file extension. */
interface EntryType {
  getRenderFunction?: (config: AstroConfigLike) => Promise<RenderFunction | undefined>;
  [key: string]: unknown;
}
type AstroConfigLike = { markdown: Record<string, unknown> } & Record<string, unknown>;
type RenderFunction = (entry: unknown) => Promise<unknown>;
type InternalLoaderContext = LoaderContext & { entryTypes?: Map<string, EntryType> };

const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mdown', '.mkdn', '.mkd', '.mdwn'];

/**
 * `glob()` whose Markdown entries are rendered by `notesProcessor`. Fails closed: if Astro ever stops passing
 * the render machinery this relies on, or an entry reaches the store rendered by anything else, the build
 * stops instead of publishing unsafe HTML.
 */
export function safeMarkdownGlob(options: Parameters<typeof glob>[0]): Loader {
  return {
    name: 'dashboard-safe-markdown-glob',
    async load(context: LoaderContext) {
      const { entryTypes } = context as InternalLoaderContext;
      const markdown = entryTypes?.get('.md');
      if (!entryTypes || !markdown?.getRenderFunction) {
        throw new Error(
          'Retrospective notes: this Astro version renders Markdown in a way the dashboard does not know; refusing to render notes unsafely.',
        );
      }
      const ours = new WeakSet<object>();
      const safeEntryTypes = new Map(entryTypes);
      for (const [ext, entryType] of entryTypes) {
        if (!MARKDOWN_EXTENSIONS.includes(ext) || !entryType.getRenderFunction) continue;
        const original = entryType.getRenderFunction.bind(entryType);
        safeEntryTypes.set(ext, {
          ...entryType,
          async getRenderFunction(config: AstroConfigLike) {
            const render = await original({ ...config, markdown: { ...config.markdown, processor: notesProcessor } });
            if (!render) return undefined;
            return async (entry: unknown) => {
              const result = await render(entry);
              if (result && typeof result === 'object') ours.add(result);
              return result;
            };
          },
        });
      }
      const store = context.store;
      // Re-render every build: an entry cached by an earlier build was not necessarily rendered safely.
      store.clear();
      const guardedStore = new Proxy(store, {
        get(target, property, receiver) {
          if (property === 'set') {
            return (entry: Parameters<typeof store.set>[0]) => {
              if (entry.rendered && !ours.has(entry.rendered)) {
                throw new Error(`Retrospective note ${entry.id} was not rendered by the safe Markdown processor.`);
              }
              return target.set(entry);
            };
          }
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      // Only the notes `teamNoteFiles` allows, by name (they match the collection's pattern): a note that is a
      // link to a file outside the data folder is never read.
      const notes = teamNoteFiles(dataFolder()).notes.map((note) => note.name);
      if (notes.length === 0) return;
      const inner = glob({ ...options, pattern: notes });
      return inner.load({ ...context, store: guardedStore, entryTypes: safeEntryTypes } as InternalLoaderContext);
    },
  };
}
