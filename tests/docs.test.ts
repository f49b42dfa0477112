import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, parseCli } from '../scripts/cli.ts';
import {
  DATA_DICTIONARY,
  EXPORTS_GUIDE,
  templateColumnsMarkdown,
  vendorColumnsMarkdown,
  withGeneratedSections,
} from '../scripts/docs.ts';
import { dataDictionaryMarkdown } from '../scripts/export/dictionary.ts';
import { definitions } from '../scripts/metrics/definitions.ts';
import { configSchema, defaultConfig } from '../scripts/schema/config.ts';

const read = (file: string): string => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const README = 'README.md';
const CONFIGURATION_GUIDE = 'docs/configuration.md';

/** Every Markdown page a reader is pointed to: the README, the other top-level pages and docs/. */
const pages = (): string[] => [
  README,
  'ARCHITECTURE.md',
  'SECURITY.md',
  ...fs
    .readdirSync(path.join(PROJECT_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

describe('the README', () => {
  it('is a page a newcomer reads: at most 150 lines, nothing in it generated', () => {
    const readme = read(README);
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(150);
    expect(readme).not.toContain('<!--');
  });

  it('keeps no copy of the metric definitions, which live on the site', () => {
    // The start of each definition's text (its first 60 characters, settings not yet filled in) would be there.
    const readme = read(README);
    for (const page of [README, 'ARCHITECTURE.md', 'docs/exports.md', CONFIGURATION_GUIDE]) {
      const text = read(page).replace(/\s+/g, ' ');
      for (const d of definitions(defaultConfig()))
        expect(text, `${page}: ${d.title}`).not.toContain(d.text.slice(0, 60));
    }
    expect(readme).toContain('Definitions page');
  });

  it('points to the data dictionary instead of keeping a copy of it', () => {
    const readme = read(README);
    expect(readme).toContain('](docs/data-dictionary.md)');
    expect(readme).not.toMatch(/^#+ [a-z0-9-]+\.csv/m);
  });
});

describe('generated documentation', () => {
  it("docs/data-dictionary.md is the data dictionary the Downloads page shows (run 'npm run docs' after changing an export)", () => {
    expect(fs.readFileSync(DATA_DICTIONARY, 'utf8')).toBe(dataDictionaryMarkdown());
  });

  it("docs/exports.md lists the template's and each vendor's column names as the reader takes them (run 'npm run docs' after changing a field table or a dialect)", () => {
    const guide = fs.readFileSync(EXPORTS_GUIDE, 'utf8');
    expect(withGeneratedSections(guide)).toBe(guide);
    // A header name from each dialect, so that a section left empty cannot pass.
    for (const name of [
      '`rejection_reason.type.name`',
      '`archived.reason.text`',
      '`archiveReason.reasonType`',
      '`disqualification_reason`',
    ])
      expect(vendorColumnsMarkdown()).toContain(name);
    const template = templateColumnsMarkdown();
    for (const row of [
      '| `opened_at` | yes |',
      '| `job_id` | no: `requisition_id` if absent |',
      '| `feedback_submitted_at` | no | a date or date-time. Empty: not submitted. |',
    ])
      expect(template).toContain(row);
  });
});

describe('every command and flag the documentation mentions exists', () => {
  const scripts: Record<string, string> = JSON.parse(read('package.json')).scripts;

  it('each `npm run X` is a script in package.json', () => {
    const missing: string[] = [];
    for (const page of pages()) {
      for (const [, name] of read(page).matchAll(/npm run ([a-z][\w:-]*)/g))
        if (!(name! in scripts)) missing.push(`${page}: npm run ${name}`);
    }
    expect(missing).toEqual([]);
  });

  /** The options a script declares to `parseArgs` (`'skip-site': { type: 'boolean' }`), in every command's files. */
  const declaredOptions = (): Set<string> => {
    const declared = new Set<string>();
    // The commands' files, and the processes scripts/runtime.ts starts for them (the data step, the site).
    const files = new Set(
      [...Object.values(scripts), read('scripts/runtime.ts')].flatMap(
        (text) => text.match(/scripts\/[\w/.-]+\.ts/g) ?? [],
      ),
    );
    for (const file of files) {
      if (!fs.existsSync(path.join(PROJECT_ROOT, file))) continue;
      for (const [, name] of read(file).matchAll(/['"]?([a-z][\w-]*)['"]?\s*:\s*\{\s*type:\s*'(?:string|boolean)'/g))
        declared.add(`--${name}`);
    }
    return declared;
  };

  /** Accepted by the build's command line (`npm run build`, `data`, `dev`, `preview`), alone or with a value. */
  const acceptedByCli = (flag: string): boolean =>
    [[flag], [flag, '/somewhere']].some((args) => {
      try {
        parseCli(args, {});
        return true;
      } catch {
        return false;
      }
    });

  /** V8's own options, which scripts/runtime.ts may give a process (`node --v8-options` lists them). */
  const v8Options = new Set(
    execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' })
      .match(/^\s+--[a-z][\w-]*/gm)
      ?.map((o) => o.trim()),
  );

  const known = (flag: string, declared: Set<string>): boolean =>
    acceptedByCli(flag) || declared.has(flag) || process.allowedNodeEnvironmentFlags.has(flag) || v8Options.has(flag);

  it('each `--flag` is accepted by the command line, a script or Node', () => {
    const declared = declaredOptions();
    const unknown: string[] = [];
    for (const page of pages()) {
      for (const [flag] of read(page).matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g))
        if (flag !== '--help' && !known(flag, declared)) unknown.push(`${page}: ${flag}`);
    }
    expect(unknown).toEqual([]);
  });

  it('a flag nothing declares is caught', () => {
    const declared = declaredOptions();
    expect(known('--strict', declared)).toBe(true);
    expect(known('--no-such-flag', declared)).toBe(false);
    expect(known('--forced', declared)).toBe(false);
  });

  it('each relative link leads to a file of the repository', () => {
    const broken: string[] = [];
    for (const page of pages()) {
      // Inline code and code blocks show examples, not links (SECURITY.md's `![x](../../photo.png)`).
      const prose = read(page)
        .replace(/```[\s\S]*?```/g, '')
        .replace(/`[^`\n]*`/g, '');
      for (const [, target] of prose.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        if (!fs.existsSync(path.resolve(PROJECT_ROOT, path.dirname(page), target!))) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/** Every key the config schema accepts, as dotted paths (`privacy.minGroupSize`; `*` for a record's keys). */
function configPaths(schema: unknown, prefix = ''): string[] {
  const def = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
      return configPaths(def.innerType, prefix);
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, value]) => {
        const at = prefix ? `${prefix}.${key}` : key;
        return [at, ...configPaths(value, at)];
      });
    case 'record':
      return configPaths(def.valueType, `${prefix}.*`);
    case 'array':
      return configPaths(def.element, `${prefix}[]`);
    default:
      return [];
  }
}

describe('docs/configuration.md', () => {
  const guide = read(CONFIGURATION_GUIDE);
  const paths = configPaths(configSchema);

  it('names every key the config schema accepts', () => {
    expect(paths).toContain('privacy.minGroupSize');
    expect(paths).toContain('targets.medianDaysToFill.departments');
    expect(paths).toContain('ratings[].recommendation');
    const unnamed = paths.filter((p) => {
      const key = p
        .split(/[.[\]*]+/)
        .filter(Boolean)
        .at(-1)!;
      return !guide.includes(`\`${key}\``) && !guide.includes(`\`${p}\``) && !guide.includes(`.${key}\``);
    });
    expect(unnamed).toEqual([]);
  });

  it("shows the worked example's config exactly as the fixture the tests build it from", () => {
    const example = guide.slice(guide.indexOf('## Worked example'));
    const block = /```json\n([\s\S]*?)\n```/.exec(example)![1]!;
    const fixture = read('tests/fixtures/ingest/custom-ats/dashboard.config.json');
    expect(JSON.parse(block)).toEqual(JSON.parse(fixture));
    expect(configSchema.safeParse(JSON.parse(block)).success).toBe(true);
  });

  it('gives examples the config schema accepts', () => {
    const blocks = [...guide.matchAll(/```json\n([\s\S]*?)\n```/g)].map(([, json]) => JSON.parse(json!));
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    for (const block of blocks) expect(configSchema.safeParse(block).error).toBeUndefined();
  });

  it('lists in its tables only keys the schema accepts', () => {
    const listed = [...guide.matchAll(/^\| `([\w.<> ]+)` \|/gm)].map(([, key]) => key!);
    expect(listed.length).toBeGreaterThanOrEqual(15);
    const accepted = new Set(paths.map((p) => p.replace(/\.\*|\[\]/g, '')));
    expect(listed.filter((key) => !accepted.has(key.replace(/\.<[^>]*>/g, '')))).toEqual([]);
  });
});
