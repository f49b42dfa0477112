/**
 * Helpers for the robustness tests that run the real command: an asynchronous runner (a build takes ~20 s;
 * a synchronous one would block the test worker), the files of a built site, and a walk over every element
 * of every page with a real HTML parser (linkedom).
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { NODE, ROOT, SITE_BUILD } from '../helpers/run.ts';
import { siteBuildTurn } from '../helpers/site-build-turn.ts';

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts one of the project's commands as a user does (the pinned Node); a site build waits for its turn
 * (site-build-turn.ts), which it holds until it exits. For a test that stops it on the way; else `runScriptAsync`.
 */
export async function startScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  stdio: StdioOptions = 'ignore',
): Promise<{ child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  const release = script === SITE_BUILD ? await siteBuildTurn() : () => {};
  try {
    const child = spawn(NODE, [path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
      stdio,
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal }));
    }).finally(release);
    return { child, exited };
  } catch (error) {
    release();
    throw error;
  }
}

/** Runs one of the project's commands as a user does (the pinned Node), without blocking. */
export async function runScriptAsync(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<RunResult> {
  const { child, exited } = await startScript(script, args, env, ['ignore', 'pipe', 'pipe']);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const { code, signal } = await exited;
  return { status: code, signal, stdout, stderr };
}

/** Every file below `dir`, absolute. */
export function filesBelow(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export interface Page {
  file: string;
  /** Relative to the site folder, `/`-separated. */
  name: string;
  html: string;
  document: Document;
}

export function pagesOf(dir: string): Page[] {
  return filesBelow(dir)
    .filter((file) => file.endsWith('.html'))
    .map((file) => {
      const html = fs.readFileSync(file, 'utf8');
      return {
        file,
        name: path.relative(dir, file).split(path.sep).join('/'),
        html,
        document: parseHTML(html).document,
      };
    });
}

/** Every element of a document (HTML and inline SVG alike), depth first. */
export function allElements(document: Document): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [document.documentElement];
  while (stack.length) {
    const element = stack.pop()!;
    out.push(element);
    for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i]!);
  }
  return out;
}

/** Attributes whose value a browser may treat as a URL to navigate to or load. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcset',
  'data',
  'poster',
  'background',
  'ping',
  'cite',
]);

/**
 * What a browser could run in these elements: script elements, event-handler attributes (`on…`), script URLs
 * in URL attributes (ignoring the whitespace and control characters browsers ignore), and `<iframe>`,
 * `<object>`, `<embed>`, `<foreignObject>`, `<base>` and `<meta http-equiv=refresh>` elements that only
 * injected markup would bring.
 */
export function activeContent(elements: readonly Element[]): string[] {
  const found: string[] = [];
  for (const element of elements) {
    const tag = element.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'foreignobject', 'base', 'frame', 'frameset', 'applet'].includes(tag))
      found.push(`<${tag}>`);
    if (tag === 'meta' && /refresh/i.test(element.getAttribute('http-equiv') ?? ''))
      found.push('<meta http-equiv=refresh>');
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`<${tag} ${name}=…>`);
      if ((URL_ATTRIBUTES.has(name) || name === 'style') && /(java|vb)script:|data:text\/html/.test(value)) {
        found.push(`<${tag} ${name}="${attribute.value.slice(0, 40)}">`);
      }
    }
  }
  return found;
}
