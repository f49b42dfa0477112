/**
 * `dashboard.config.json` as hostile input (issue #7, part 5): every mistake is one UserError that names the
 * file and the key, never a crash, a silently ignored setting, or a megabyte-long message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../scripts/errors.ts';
import { CONFIG_FILE, loadConfig, MAX_CONFIG_BYTES, parseConfig } from '../../scripts/read/config.ts';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-config-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The UserError that this config text raises (fails the test for anything else, or for no error). */
function refusal(text: string): UserError {
  let thrown: unknown;
  try {
    parseConfig(text);
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof UserError))
    throw new Error(`expected a UserError, got ${thrown === undefined ? 'success' : String(thrown)}`);
  expect(thrown.where.file).toBe(CONFIG_FILE);
  // One readable message: the value is quoted at most in part.
  expect(thrown.format().length).toBeLessThan(1200);
  return thrown;
}

describe('keys the schema does not know', () => {
  it('an unknown key is named at every level, with what is allowed there', () => {
    expect(refusal('{"privacy": {"minGroupSize": 5, "showInterviewer": true}}').message).toBe(
      'unknown key "privacy.showInterviewer"',
    );
    expect(refusal('{"values": {"stage": {}}}').message).toBe('unknown key "values.stage"');
    expect(refusal('{"reasons": {"Too senior": {"category": "experience", "by": "company"}}}').message).toBe(
      'unknown key "reasons.Too senior.by"',
    );
  });

  it('__proto__, constructor and prototype are refused wherever they appear, even where any key is allowed', () => {
    for (const [text, key] of [
      ['{"__proto__": {"title": "x"}}', '__proto__'],
      ['{"constructor": {}}', 'constructor'],
      ['{"reasons": {"__proto__": {"category": "skills"}}}', 'reasons.__proto__'],
      ['{"reasons": {"constructor": {"category": "skills"}}}', 'reasons.constructor'],
      ['{"values": {"application_status": {"__proto__": "hired"}}}', 'values.application_status.__proto__'],
      ['{"columns": {"applications": {"prototype": "x"}}}', 'columns.applications.prototype'],
      ['{"stageOrder": [{"__proto__": 1}]}', 'stageOrder[0].__proto__'],
    ] as const) {
      const error = refusal(text);
      expect(error.message, text).toBe(`key "${key}" is not allowed`);
      expect(error.where.line).toBe(1);
    }
    // Nothing leaked onto the prototype of plain objects while reading.
    expect(({} as Record<string, unknown>).title).toBeUndefined();
  });

  it('a key written twice is an error naming it and its line, not a silent "last one wins"', () => {
    const error = refusal('{\n  "title": "A",\n  "privacy": {"minGroupSize": 5},\n  "title": "B"\n}');
    expect(error.message).toBe('key "title" is written twice (JSON would silently keep only the last one)');
    expect(error.where.line).toBe(4);
    expect(refusal('{"privacy": {"minGroupSize": 3, "minGroupSize": 7}}').message).toContain(
      '"privacy.minGroupSize" is written twice',
    );
    expect(refusal('{"reasons": {"Too senior": {}, "Too senior": {"category": "experience"}}}').message).toContain(
      '"reasons.Too senior" is written twice',
    );
    // The same key in two different objects is fine.
    expect(
      parseConfig('{"columns": {"applications": {"source": "Src"}, "requisitions": {"location": "Src"}}}').columns
        .applications?.source,
    ).toBe('Src');
  });
});

describe('values of the wrong kind or size', () => {
  it('a wrong type names the key and what it must be', () => {
    expect(refusal('{"title": 42}').message).toBe('"title" is 42, but it must be a string');
    expect(refusal('{"privacy": {"showInterviewers": "yes"}}').message).toBe(
      '"privacy.showInterviewers" is "yes", but it must be a boolean',
    );
    expect(refusal('{"privacy": []}').message).toBe('"privacy" is [], but it must be an object {…}');
    expect(refusal('{"stageOrder": "Onsite"}').message).toBe('"stageOrder" is "Onsite", but it must be a list […]');
    expect(refusal('{"privacy": {"minGroupSize": 2.5}}').message).toBe(
      '"privacy.minGroupSize" is 2.5, but it must be a whole number',
    );
    expect(refusal('{"columns": {"applications": {"applied_at": 3}}}').message).toBe(
      '"columns.applications.applied_at" is 3, but it must be a string',
    );
  });

  it('huge and out-of-range numbers are refused by name', () => {
    expect(refusal('{"feedbackSlaHours": 1e400}').message).toBe('"feedbackSlaHours" is a number too large to use');
    expect(refusal('{"feedbackSlaHours": 1e300}').message).toContain('"feedbackSlaHours" is 1e+300');
    expect(refusal('{"feedbackSlaHours": -1}').message).toContain('"feedbackSlaHours" is -1');
    expect(refusal('{"privacy": {"minGroupSize": 99999999999}}').message).toContain(
      '"privacy.minGroupSize" is 99999999999',
    );
    expect(refusal('{"privacy": {"minGroupSize": 0}}').message).toContain('"privacy.minGroupSize" is 0');
  });

  it('absurd strings are refused by name and quoted only in part', () => {
    const megabyte = 'T'.repeat(1024 * 1024);
    const title = refusal(JSON.stringify({ title: megabyte }));
    expect(title.message).toMatch(/^"title" is "T{80}… \(1,048,576 characters\)": /);
    const key = refusal(JSON.stringify({ reasons: { [megabyte]: { category: 'skills' } } }));
    expect(key.message).toMatch(/^key "reasons\.T+… \([\d,]+ characters\)" is not allowed: /);
    const unknown = refusal(JSON.stringify({ [megabyte]: 1 }));
    expect(unknown.message).toMatch(/^unknown key "T{80}… \(1,048,576 characters\)"$/);
    expect(refusal(JSON.stringify({ timezone: megabyte })).message).toMatch(/^"timezone" is "T{80}…/);
    expect(refusal(JSON.stringify({ stageOrder: Array.from({ length: 500 }, (_, i) => `s${i}`) })).message).toContain(
      '"stageOrder" is a list of 500',
    );
  });

  it('a title with line breaks or text-direction overrides is refused', () => {
    expect(refusal('{"title": "Hiring\\nretro"}').message).toContain('control characters');
    expect(refusal('{"title": "\\u202Eorter gniriH"}').message).toContain('control characters');
    expect(parseConfig('{"title": "Équipe recrutement 🚀"}').title).toBe('Équipe recrutement 🚀');
  });
});

describe('files that are not a config object', () => {
  it('a config that is not an object says so instead of naming an empty key', () => {
    for (const text of ['[]', '"settings"', 'null', '42', 'true', '[{"title": "x"}]']) {
      const error = refusal(text);
      expect(error.message, text).toMatch(/^holds .+, but it must be an object \{…\} of settings$/);
    }
  });

  it('deep nesting is refused by path before it can exhaust the stack', () => {
    const deepObject = `{"reasons": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    expect(refusal(deepObject).message).toBe(
      '"reasons.a.a.a.a.a.a.a" is nested 8 levels deep; no setting is deeper than 3',
    );
    const deepArray = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(refusal(deepArray).message).toContain('is nested 8 levels deep');
  });

  it('a file far larger than any config is refused before it is read', async () => {
    const dir = path.join(tmp, 'large');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, CONFIG_FILE), `{"title": "${' '.repeat(MAX_CONFIG_BYTES)}"}`);
    const error = await loadConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).format()).toMatch(
      /^dashboard\.config\.json: is 10 MB; a configuration is a few kilobytes/,
    );
  });

  it('a folder named dashboard.config.json is a clear error', async () => {
    const dir = path.join(tmp, 'folder');
    fs.mkdirSync(path.join(dir, CONFIG_FILE), { recursive: true });
    const error = await loadConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).format()).toContain('dashboard.config.json: is not a file');
  });
});

describe('any JSON at all', () => {
  it('parses to a config or a UserError naming the file, never anything else', () => {
    const json = fc.oneof(
      fc.json({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ reasons: v })),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ values: { application_status: v } })),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ columns: { applications: v } })),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ privacy: v, title: v })),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(json, (text) => {
        try {
          parseConfig(text);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          expect((error as UserError).where.file).toBe(CONFIG_FILE);
          expect((error as UserError).format().length).toBeLessThan(2000);
        }
      }),
      { seed: 7101, numRuns: 2000 },
    );
  });
});
