/**
 * `DIR/dashboard.config.json` → `Config`: read once, validated by the one schema (`schema/config.ts`), every
 * default filled in. No file = the defaults. A mistake is a `UserError` that names the key path, the value
 * found and what is allowed — a typo must not be silently ignored.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { UserError } from '../errors.ts';
import { formatCount } from '../format.ts';
import { TEMPLATE, type Entity } from '../schema/canonical.ts';
import { configSchema, type Config } from '../schema/config.ts';
import { realPathInside } from './files.ts';

export const CONFIG_FILE = 'dashboard.config.json';

/** A config is a few kilobytes; a file far larger than any real one is refused before it is parsed. */
export const MAX_CONFIG_BYTES = 10 * 1024 * 1024;
/** The deepest real config is three objects deep (`values.application_status.<value>`). */
const MAX_DEPTH = 8;
/** Keys that mean something to JavaScript objects themselves: refused wherever they appear. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export async function loadConfig(dataDir: string): Promise<Config> {
  let text: string;
  try {
    const file = join(dataDir, CONFIG_FILE);
    const { size, isFile } = await stat(file).then((s) => ({ size: s.size, isFile: s.isFile() }));
    // A config behind a symbolic link to elsewhere is refused, not ignored: building without it would publish a
    // dashboard set up differently from the one the team configured.
    const real = await realPathInside(dataDir, file);
    if (real === null) {
      throw new UserError(
        'is a symbolic link to a file outside the data folder: not read (only files inside the data folder are)',
        { file: CONFIG_FILE },
        'Copy the configuration into the data folder instead of linking to it.',
      );
    }
    if (!isFile) {
      throw new UserError('is not a file', { file: CONFIG_FILE }, 'dashboard.config.json must be a JSON file.');
    }
    if (size > MAX_CONFIG_BYTES) {
      throw new UserError(
        `is ${(size / 1048576).toFixed(0)} MB; a configuration is a few kilobytes`,
        { file: CONFIG_FILE },
        'Check that this is the right file: see docs/configuration.md for what it holds.',
      );
    }
    text = await readFile(real, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return configSchema.parse({});
    throw new UserError(
      `cannot be read (${code ?? String(error)})`,
      { file: CONFIG_FILE },
      'Check that you may read the file.',
    );
  }
  return parseConfig(text);
}

/** The config from the file's text (exported for tests). */
export function parseConfig(text: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // V8: "Expected ',' or '}' after property value in JSON at position 11 (line 3 column 2)", or
    // "Unexpected token '}', "<the text>" is not valid JSON".
    const raw = (error as Error).message;
    const line = /\(line (\d+) column \d+\)/.exec(raw);
    const what = raw.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    throw new UserError(
      `is not valid JSON: ${what}`,
      { file: CONFIG_FILE, ...(line ? { line: Number(line[1]) } : {}) },
      'Check commas, quotes and brackets (JSON allows no comments and no trailing commas).',
    );
  }
  checkKeys(text.replace(/^\uFEFF/, ''));
  const result = configSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const { message, fix } = describeIssue(issue, json);
  throw new UserError(message, { file: CONFIG_FILE }, fix);
}

/** Text from the file as a message may quote it: long keys and values are cut. */
const clip = (text: string, max = 80): string =>
  text.length <= max ? text : `${text.slice(0, max)}… (${formatCount(text.length)} characters)`;

const pathOf = (path: readonly PropertyKey[]): string =>
  clip(
    path
      .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
      .join('.')
      .replace(/\.\[/g, '['),
    120,
  );

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to use';
  if (typeof value === 'string') return JSON.stringify(clip(value));
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `a list of ${value.length}`;
  if (value !== null && typeof value === 'object') return Object.keys(value).length === 0 ? '{}' : 'an object {…}';
  return JSON.stringify(value);
}

function describeIssue(issue: z.core.$ZodIssue, json: unknown): { message: string; fix: string } {
  const key = pathOf(issue.path);
  const found = valueAt(json, issue.path);
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    return {
      message: `holds ${show(found)}, but it must be an object {…} of settings`,
      fix: 'Start from {} and add settings; see docs/configuration.md for an example.',
    };
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const unknown = issue.keys.map((k) => `"${key ? `${key}.` : ''}${clip(k)}"`).join(', ');
      const allowed = allowedKeys(issue.path);
      return {
        message: `unknown key ${unknown}`,
        fix: allowed ? `Allowed here: ${allowed.join(', ')}.` : 'Remove it, or check its spelling.',
      };
    }
    case 'invalid_value':
      return {
        message: `"${key}" is ${show(found)}, which is not allowed`,
        fix: `Use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`,
      };
    case 'invalid_type': {
      if (typeof found === 'number' && !Number.isFinite(found)) {
        return {
          message: `"${key}" is a number too large to use`,
          fix: 'See docs/configuration.md for the allowed values.',
        };
      }
      const expected =
        issue.expected === 'record' || issue.expected === 'object'
          ? 'an object {…}'
          : issue.expected === 'int'
            ? 'a whole number'
            : issue.expected === 'array'
              ? 'a list […]'
              : `a ${issue.expected}`;
      return {
        message: `"${key}" is ${show(found)}, but it must be ${expected}`,
        fix: 'See docs/configuration.md for an example.',
      };
    }
    case 'invalid_key':
      return {
        message: `key "${key}" is not allowed: ${issue.issues[0]?.message ?? issue.message}`,
        fix: 'See docs/configuration.md for the allowed values.',
      };
    default:
      return {
        message: `"${key}" is ${show(found)}: ${issue.message}`,
        fix: 'See docs/configuration.md for the allowed values.',
      };
  }
}

/**
 * What JSON.parse lets through silently, checked on the text: a key written twice in one object (JSON keeps
 * the last, so the first is ignored without a word), keys that are JavaScript object machinery (`__proto__`,
 * `constructor`, `prototype`), and nesting deeper than any setting. Iterative (a deeply nested file cannot
 * exhaust the stack); runs only on text that JSON.parse accepted.
 */
function checkKeys(text: string): void {
  interface Frame {
    object: boolean;
    keys: Set<string>;
    /** The current key (object) or index (array). */
    at: string | number;
    expectKey: boolean;
  }
  const stack: Frame[] = [];
  const where = (index: number) => ({ file: CONFIG_FILE, line: text.slice(0, index).split('\n').length });
  /** The path to the value being read (`key` given: to that key of the innermost object). */
  const pathHere = (key?: string) => {
    const frames = key === undefined ? stack : stack.slice(0, -1);
    return pathOf([...frames.map((f) => f.at).filter((at) => at !== ''), ...(key === undefined ? [] : [key])]);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const frame = stack.at(-1);
      if (frame?.object && frame.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (RESERVED_KEYS.has(key)) {
          throw new UserError(
            `key "${pathHere(key)}" is not allowed`,
            where(i),
            `Keys named ${[...RESERVED_KEYS].join(', ')} are refused anywhere in the file. Remove or rename it.`,
          );
        }
        if (frame.keys.has(key)) {
          throw new UserError(
            `key "${pathHere(key)}" is written twice (JSON would silently keep only the last one)`,
            where(i),
            'Keep one of them.',
          );
        }
        frame.keys.add(key);
        frame.at = key;
        frame.expectKey = false;
      }
      i = j;
    } else if (ch === '{' || ch === '[') {
      if (stack.length >= MAX_DEPTH) {
        throw new UserError(
          `"${pathHere() || '(top level)'}" is nested ${MAX_DEPTH} levels deep; no setting is deeper than 3`,
          where(i),
          'See docs/configuration.md for the shape of each setting.',
        );
      }
      stack.push({ object: ch === '{', keys: new Set(), at: ch === '{' ? '' : 0, expectKey: ch === '{' });
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const frame = stack.at(-1)!;
      if (frame.object) frame.expectKey = true;
      else frame.at = (frame.at as number) + 1;
    }
  }
}

/** The keys allowed where an unknown key was found. */
function allowedKeys(path: readonly PropertyKey[]): string[] | undefined {
  const [first, second] = path;
  // `columns.<entity>`: the template's columns of that table.
  if (path.length === 2 && first === 'columns' && typeof second === 'string' && second in TEMPLATE) {
    return TEMPLATE[second as Entity].map((field) => field.column);
  }
  let schema: unknown = configSchema;
  for (const part of path) schema = shapeOf(schema)?.[String(part)];
  const shape = shapeOf(schema);
  return shape ? Object.keys(shape) : undefined;
}

/** The shape of a (possibly optional / defaulted) object schema. */
function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  let current = schema as { shape?: Record<string, unknown>; _zod?: { def: { innerType?: unknown } } } | undefined;
  for (let i = 0; i < 5 && current && !current.shape; i++) {
    current = current._zod?.def.innerType as typeof current;
  }
  return current?.shape;
}
