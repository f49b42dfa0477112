/**
 * The data step's cache key covers its own code and nothing else of the project's (issue 21, Deliver 3): a
 * site-only command edited keeps users' caches, a data-step module edited (however it is reached) does not,
 * and every module the data step really loads is one the key hashes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataStepModules, importsOf } from '../scripts/cache-key.ts';
import { inputKey } from '../scripts/pipeline.ts';
import { WORKER_FROM_BYTES } from '../scripts/read/export-thread.ts';
import { NODE, ROOT } from './helpers/run.ts';

const SMALL = path.join(ROOT, 'tests/fixtures/build/small');
let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-key-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/**
 * A copy of the project's scripts (the tools aside) and lock file, with one file edited. Each is copied from
 * one snapshot, taken once, so that the copies differ only by their edit.
 */
function project(name: string, edit?: { file: string; append: string }): string {
  const snapshot = path.join(work, 'snapshot');
  if (!fs.existsSync(snapshot)) {
    fs.cpSync(path.join(ROOT, 'scripts'), path.join(snapshot, 'scripts'), {
      recursive: true,
      filter: (source) => path.relative(ROOT, source) !== path.join('scripts', 'tools'),
    });
    fs.copyFileSync(path.join(ROOT, 'package-lock.json'), path.join(snapshot, 'package-lock.json'));
  }
  const root = path.join(work, 'projects', name);
  fs.cpSync(snapshot, root, { recursive: true });
  if (edit) fs.appendFileSync(path.join(root, edit.file), edit.append);
  return root;
}

describe('the data step’s cache key', () => {
  it('is kept when a site-only command is edited, and changes when a data-step module is', async () => {
    const key = (root: string) => inputKey(SMALL, false, root);
    const base = await key(project('base'));
    expect(await key(project('same'))).toBe(base);
    const edited = (file: string) => key(project(file.replaceAll('/', '-'), { file, append: '\n// edited\n' }));
    for (const file of ['build.ts', 'retro.ts', 'docs.ts', 'export/csv.ts'].map((name) => `scripts/${name}`))
      expect(await edited(file), file).toBe(base);
    // Reached by a static import, and only as a worker thread's entry point (new URL).
    for (const file of ['read/rows.ts', 'read/export-worker.ts'].map((name) => `scripts/${name}`))
      expect(await edited(file), file).not.toBe(base);
  });

  it('follows every way a module is loaded, and passes over a name that is no file', async () => {
    const file = path.join(work, 'graph', 'scripts', 'entry.ts');
    const source = [
      "import { a } from './a.ts';",
      "import type {\n  B,\n} from '../b.ts';",
      "export * from './c.ts';",
      "import './d.ts';",
      "const { e } = await import('./e.ts');",
      "new Worker(new URL('./f.ts', import.meta.url));",
      "import { g } from 'papaparse';",
      "import fs from 'node:fs';",
    ].join('\n');
    const dir = path.dirname(file);
    expect(importsOf(file, source).sort()).toEqual(
      ['a.ts', '../b.ts', 'c.ts', 'd.ts', 'e.ts', 'f.ts'].map((name) => path.resolve(dir, name)).sort(),
    );
    const root = path.join(work, 'graph');
    fs.mkdirSync(path.join(root, 'scripts'), { recursive: true });
    fs.writeFileSync(path.join(root, 'scripts/pipeline.ts'), "import './a.ts';\n// as in import('./gone.ts')\n");
    fs.writeFileSync(path.join(root, 'scripts/a.ts'), "export * from './pipeline.ts';\n");
    expect(await dataStepModules(root)).toEqual(['scripts/a.ts', 'scripts/pipeline.ts']);
  });

  it('hashes every module the data step loads, on the main thread and on its worker threads', async () => {
    // A file large enough to be read on a worker thread: the small fixture with one long note.
    const data = path.join(work, 'large');
    fs.cpSync(SMALL, data, { recursive: true });
    const applications = path.join(data, 'applications.csv');
    const [header, first, ...rest] = fs.readFileSync(applications, 'utf8').split('\n');
    const note = 'x'.repeat(WORKER_FROM_BYTES);
    fs.writeFileSync(applications, [header, first!.replace(/,[^,]*$/, `,"${note}"`), ...rest].join('\n'));

    const loaded = path.join(work, 'loaded.txt');
    const hook = [
      "import { registerHooks } from 'node:module';",
      "import { appendFileSync } from 'node:fs';",
      'registerHooks({ load(url, context, next) {',
      "  if (url.startsWith('file:')) appendFileSync(process.env.LOADED_LOG, url + '\\n');",
      '  return next(url, context);',
      '} });',
    ].join('\n');
    const run = [
      `const { runDataStep } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'scripts/pipeline.ts')).href)});`,
      `const { silentLogger } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'scripts/log.ts')).href)});`,
      `await runDataStep({ dataDir: ${JSON.stringify(data)}, cacheDir: ${JSON.stringify(path.join(work, 'cache'))},`,
      '  sample: false, force: true, log: silentLogger });',
    ].join('\n');
    // A file, not --eval: worker threads inherit the Node options, and --input-type is refused there.
    const driver = path.join(work, 'driver.mjs');
    fs.writeFileSync(driver, run);
    const child = spawnSync(NODE, ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, driver], {
      cwd: ROOT,
      env: { ...process.env, LOADED_LOG: loaded },
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);

    const scripts = path.join(ROOT, 'scripts') + path.sep;
    const modules = [
      ...new Set(
        fs
          .readFileSync(loaded, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((url) => decodeURIComponent(new URL(url).pathname))
          .filter((file) => file.startsWith(scripts))
          .map((file) => path.relative(ROOT, file)),
      ),
    ];
    // The worker thread ran, so its modules were seen.
    expect(modules).toContain(path.join('scripts', 'read', 'export-worker.ts'));
    const hashed = new Set(await dataStepModules(ROOT));
    expect(modules.filter((module) => !hashed.has(module))).toEqual([]);
  });
});
