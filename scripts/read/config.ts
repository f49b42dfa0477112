/**
 * `DIR/dashboard.config.json` → `Config`: read once, validated by the one schema (`schema/config.ts`), every
 * default filled in. No file = the defaults. A mistake is a `UserError` that names the key path, the value
 * found and what is allowed — a typo must not be silently ignored.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { UserError } from '../errors.ts';
import { TEMPLATE, type Entity } from '../schema/canonical.ts';
import { configSchema, type Config } from '../schema/config.ts';

export const CONFIG_FILE = 'dashboard.config.json';

export async function loadConfig(dataDir: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(join(dataDir, CONFIG_FILE), 'utf8');
  } catch (error) {
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
  const result = configSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const { message, fix } = describeIssue(issue, json);
  throw new UserError(message, { file: CONFIG_FILE }, fix);
}

const pathOf = (path: readonly PropertyKey[]): string =>
  path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.');

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

function describeIssue(issue: z.core.$ZodIssue, json: unknown): { message: string; fix: string } {
  const key = pathOf(issue.path);
  const found = valueAt(json, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const unknown = issue.keys.map((k) => `"${key ? `${key}.` : ''}${k}"`).join(', ');
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
      const expected =
        issue.expected === 'record' || issue.expected === 'object' ? 'an object {…}' : `a ${issue.expected}`;
      return {
        message: `"${key}" is ${show(found)}, but it must be ${expected}`,
        fix: 'See the configuration section of the README for an example.',
      };
    }
    default:
      return {
        message: `"${key}" is ${show(found)}: ${issue.message}`,
        fix: 'See the configuration section of the README for the allowed values.',
      };
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
