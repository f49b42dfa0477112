/**
 * What the data step's cached artifact depends on besides its inputs: the data step's own code, the installed
 * packages' versions and Node's (`pipeline.ts` adds the inputs). The code is the data step's import graph, not
 * the folder it lives in, so that editing a site-only command (`build.ts`, `retro.ts`, `docs.ts`) or a tool
 * keeps users' caches, while a new data-step module is covered as soon as something imports it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The data step's entry point, relative to the project: the modules it reaches are the data step's code. */
export const DATA_STEP_ENTRY = path.join('scripts', 'pipeline.ts');

/**
 * Relative module specifiers in a module's source: static imports and re-exports (`… from './x.ts'`, `import
 * './x.ts'`), dynamic imports of a literal (`import('./x.ts')`) and worker threads' entry points (`new
 * URL('./x.ts', import.meta.url)`). A match inside a comment or a string only adds a module to the key.
 */
const SPECIFIERS = [
  /\bfrom\s*(['"])(\.{1,2}\/[^'"\n]+)\1/g,
  /\bimport\s*(['"])(\.{1,2}\/[^'"\n]+)\1/g,
  /\bimport\s*\(\s*(['"])(\.{1,2}\/[^'"\n]+)\1\s*\)/g,
  /\bnew\s+URL\s*\(\s*(['"])(\.{1,2}\/[^'"\n]+)\1\s*,\s*import\.meta\.url\s*\)/g,
];

/** The relative modules `source` (the text of `file`) loads, as absolute paths. */
export function importsOf(file: string, source: string): string[] {
  const found = new Set<string>();
  for (const pattern of SPECIFIERS)
    for (const match of source.matchAll(pattern)) found.add(path.resolve(path.dirname(file), match[2]!));
  return [...found];
}

/**
 * Every module the data step loads from the project, as paths relative to `root`, sorted: the entry point and
 * what it reaches through relative imports. A name that is no file (an example in a comment) is passed over:
 * were it a real import, the module importing it would not load.
 */
export async function dataStepModules(root: string): Promise<string[]> {
  const seen = new Set<string>();
  const modules: string[] = [];
  const pending = [path.resolve(root, DATA_STEP_ENTRY)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EISDIR') return null;
      throw error;
    });
    if (source === null) continue;
    modules.push(path.relative(root, file));
    pending.push(...importsOf(file, source));
  }
  return modules.sort();
}

/**
 * The versions of the installed packages the data step runs with (not those only the tests and tools use):
 * from npm's record of what it installed (node_modules/.package-lock.json), else from the project's lock file.
 */
export async function installedVersions(root: string): Promise<string> {
  for (const file of [path.join(root, 'node_modules', '.package-lock.json'), path.join(root, 'package-lock.json')]) {
    const text = await fs.readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    const { packages = {} } = JSON.parse(text) as { packages?: Record<string, { version?: string; dev?: boolean }> };
    return Object.entries(packages)
      .filter(([where, found]) => where !== '' && !found.dev)
      .map(([where, found]) => `${where}@${found.version ?? '?'}`)
      .sort()
      .join('\n');
  }
  return 'no lock file';
}

const codeKeys = new Map<string, Promise<string>>();

/**
 * The data step's code (`dataStepModules`), the installed packages' versions and Node's, hashed. Worked out once
 * per process: the code that runs is the code loaded at start, whatever is edited meanwhile.
 */
export function codeKey(root: string): Promise<string> {
  let key = codeKeys.get(root);
  if (!key) {
    key = (async () => {
      const hash = createHash('sha256');
      hash.update(`node=${process.version}\n`);
      for (const module of await dataStepModules(root)) {
        const code = await fs.readFile(path.join(root, module));
        hash.update(`code:${module} ${code.length}\n`);
        hash.update(code);
      }
      hash.update(`packages:\n${await installedVersions(root)}\n`);
      return hash.digest('hex');
    })();
    codeKeys.set(root, key);
  }
  return key;
}
