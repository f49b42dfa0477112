/**
 * The team's retrospective notes (`retros/YYYY-MM.md` in the data folder) are their own Markdown, rendered at
 * build time by markdown-it with raw HTML turned off, so a `<script>`, an `onerror=` or an `<iframe>` in a note
 * is shown as text, never run. On top of that, `safeNotes` below
 *
 * - keeps only http(s), mailto and relative URLs in links (others become their text; a reference definition's
 *   becomes `#`) and in images;
 * - keeps an image only when it is a file inside `retros/` (after following symbolic links): an image from
 *   another site would be fetched by every reader's browser (a tracking pixel), and `../../photo.png` would
 *   copy a file from outside the data folder into the site. Others become their alt text, with a warning;
 * - moves headings two levels down (a note's `#` becomes an h3 under the page's "Team notes" h2).
 *
 * `teamNotesLoader` stores each note's HTML through Astro's content loader API, so `render(entry)` gives it
 * with no `set:html` of our own. A kept image goes through Astro's image pipeline as in Astro's own Markdown: the
 * `<img>` carries the placeholder Astro replaces with the processed image (a content-hashed file in `_astro/`),
 * and the entry lists the image among its `imagePaths` (tests/robustness/inputs.test.ts checks the built page).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader } from 'astro/loaders';
import MarkdownIt from 'markdown-it';
import { JSON_SCHEMA, load as loadYaml } from 'js-yaml';
import type { MarkdownItOptions, StateCore, Token } from 'markdown-it';
import { noteTasks } from './noteTasks.ts';
import { isInside, realPathInsideSync, teamNoteFiles } from '../../scripts/read/files.ts';

export { NOTE_FILE, teamNoteFiles, type TeamNoteFiles } from '../../scripts/read/files.ts';

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

/** What the rules below share while one note is rendered. */
type NoteEnv = {
  /** The note's file, for its images' paths and for messages. */
  fileURL: URL | undefined;
  /** The images kept, as written (decoded): Astro imports each from beside the note. */
  imagePaths: string[];
  /** Reference definitions' real URLs, by the marker their `href` was swapped for (see `markReferences`). */
  referenceUrls: Map<string, string>;
  /** How many times each image was written so far. */
  imageIndex: Map<string, number>;
  /** markdown-it's own: the note's reference definitions, by label. */
  references?: Record<string, { href: string; title: string }>;
};

/** A token's attribute as text ('' without it). */
const attribute = (token: Token, name: string): string => String(token.attrGet(name) ?? '');

/**
 * A reference (`[text][r]`, `![alt][r]`) is resolved by markdown-it while it reads the text, and the link or
 * image it gives looks like an inline one. Swapping each definition's URL for an unguessable marker first lets
 * `safeNotes` tell them apart: a link keeps a safe definition's URL (an unsafe one becomes `#`), an image is refused.
 */
function markReferences(state: StateCore): void {
  const env = state.env as NoteEnv;
  const nonce = crypto.randomUUID();
  let n = 0;
  for (const reference of Object.values(env.references ?? {})) {
    const marker = `dashboard-reference-${nonce}-${n++}`;
    env.referenceUrls.set(marker, reference.href);
    reference.href = marker;
  }
}

/** The Markdown pass described at the top: links, images and headings of the note, once it is read. */
function safeNotes(state: StateCore): void {
  const env = state.env as NoteEnv;
  const refuseImage = (image: Token, why: string | null): Token => {
    if (why) warnAboutNote(`${noteName(env.fileURL)}: ${why}`);
    const text = new state.Token('text', '', 0);
    text.content = state.md.renderer.renderInlineAsText(image.children ?? [], state.md.options, env);
    return text;
  };
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close')
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    if (token.type !== 'inline' || !token.children) continue;
    const kept: Token[] = [];
    const links: boolean[] = []; // for each open link, whether it is kept
    for (const child of token.children) {
      if (child.type === 'link_open') {
        const href = attribute(child, 'href');
        const referenced = env.referenceUrls.get(href);
        if (referenced !== undefined) child.attrSet('href', isSafeUrl(referenced) ? referenced : '#');
        // A bare address is a link only after a space, a bracket or the start of a line, as in GitHub's
        // Markdown: `<iframe src=https://…>` shown as text stays text.
        const before = kept.at(-1);
        const glued = child.markup === 'linkify' && before?.type === 'text' && /[^\s*_~(]$/.test(before.content);
        const keep = !glued && (referenced !== undefined || isSafeUrl(href));
        links.push(keep);
        if (keep) kept.push(child);
      } else if (child.type === 'link_close') {
        if (links.pop() !== false) kept.push(child);
      } else if (child.type === 'image') {
        const src = attribute(child, 'src');
        if (env.referenceUrls.has(src)) {
          kept.push(refuseImage(child, 'an image written as a reference (![…][…]) is not shown: write ![…](file)'));
        } else if (!isSafeUrl(src)) {
          kept.push(refuseImage(child, null));
        } else {
          const refusal = imageRefusal(src, env.fileURL);
          if (refusal) kept.push(refuseImage(child, refusal));
          else {
            env.imagePaths.push(decodeURI(src));
            kept.push(child);
          }
        }
      } else kept.push(child);
    }
    token.children = kept;
  }
}

/**
 * A kept image, written as Astro's own Markdown writes one: its attributes in `__ASTRO_IMAGE_`, which Astro
 * replaces with the processed image's (src in `_astro/`, width, height). `index` tells repeats of one file apart.
 */
function astroImage(image: Token, options: Required<MarkdownItOptions>, env: NoteEnv): string {
  const src = decodeURI(attribute(image, 'src'));
  const index = env.imageIndex.get(src) ?? 0;
  env.imageIndex.set(src, index + 1);
  const title = attribute(image, 'title');
  const properties = {
    alt: markdown.renderer.renderInlineAsText(image.children ?? [], options, env),
    ...(title ? { title } : {}),
    src,
    index,
  };
  return `<img __ASTRO_IMAGE_="${markdown.utils.escapeHtml(JSON.stringify(properties))}">`;
}

/**
 * Notes' Markdown: CommonMark with tables, strikethrough and bare links; raw HTML is shown as text. Typographic
 * quotes and dashes, as Astro's Markdown wrote them (`August's` → `August’s`).
 */
const markdown = new MarkdownIt('default', { html: false, linkify: true, typographer: true });
// Every address is checked by `safeNotes`, which keeps a refused link's text (markdown-it's own check would
// leave `[text](javascript:…)` written out, and a refused reference definition as a line of text).
markdown.validateLink = () => true;
markdown.core.ruler.after('block', 'dashboard-references', markReferences);
markdown.core.ruler.push('dashboard-safe-notes', safeNotes);
markdown.core.ruler.push('dashboard-note-tasks', noteTasks);
markdown.renderer.rules.image = (tokens, at, options, env) => astroImage(tokens[at]!, options, env as NoteEnv);

/** A note's front matter (`---` … `---` at the top, as Astro allowed): not shown; checked by the schema. */
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** A note's front matter as data (YAML, as Astro reads it), or `{}` when it has none. */
function frontMatterOf(source: string): Record<string, unknown> {
  const block = FRONT_MATTER.exec(source)?.[0];
  if (!block) return {};
  const yaml = block.replace(/^\uFEFF?---[ \t]*\r?\n?/, '').replace(/---[ \t]*(?:\r?\n)?$/, '');
  const data = loadYaml(yaml, { schema: JSON_SCHEMA });
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** A note as safe HTML, and the images in it that Astro is to publish (paths as written, from the note). */
export function renderNote(source: string, fileURL?: URL): { html: string; imagePaths: string[] } {
  const env: NoteEnv = { fileURL, imagePaths: [], referenceUrls: new Map(), imageIndex: new Map() };
  const html = markdown.render(source.replace(FRONT_MATTER, ''), env);
  return { html, imagePaths: [...new Set(env.imagePaths)] };
}

/**
 * The notes collection: each note `teamNoteFiles` allows, rendered by `renderNote` and stored with its body (the
 * agreed actions are read from it) and its images. A note that is a link to a file outside the data folder is
 * never read.
 */
export function teamNotesLoader(): Loader {
  return {
    name: 'dashboard-team-notes',
    async load({ store, config, parseData, generateDigest }) {
      // Rendered again at every build: an entry kept from an earlier build was not necessarily rendered so.
      store.clear();
      const { folder, notes } = teamNoteFiles(dataFolder());
      if (!folder) return;
      const root = fileURLToPath(config.root);
      for (const note of notes) {
        const body = readFileSync(note.path, 'utf8');
        // Named and resolved where it is listed, in retros/, as its images are checked (`imageRefusal`).
        const file = path.join(folder, note.name);
        const { html, imagePaths } = renderNote(body, pathToFileURL(file));
        const id = note.name.replace(/\.md$/, '');
        const filePath = path.relative(root, file).split(path.sep).join('/');
        store.set({
          id,
          // The front matter is checked against the collection's schema, so a wrong one stops the build naming
          // the note, as Astro's own Markdown loader did.
          data: await parseData({ id, data: frontMatterOf(body), filePath }),
          body,
          filePath,
          digest: generateDigest(body),
          rendered: { html, metadata: { imagePaths } },
          assetImports: imagePaths,
        });
      }
    },
  };
}
