/** `dashboard.config.json`: defaults, and mistakes that name the key, the value found and what is allowed. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../scripts/errors.ts';
import { loadConfig, parseConfig } from '../scripts/read/config.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/ingest');

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ingest-config-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The UserError that parsing this config text raises. */
function errorOf(text: string): UserError {
  try {
    parseConfig(text);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('loading', () => {
  it('a folder without dashboard.config.json gets the defaults', async () => {
    const config = await loadConfig(tmp);
    expect(config).toMatchObject({ timezone: 'UTC', feedbackSlaHours: 24, columns: {}, values: {}, reasons: {} });
    expect(config.dateOrder).toBeUndefined();
    expect(config.privacy).toEqual({ minGroupSize: 5, showInterviewers: false });
  });

  it('the custom ATS config is valid and keeps what it says', async () => {
    const config = await loadConfig(join(FIXTURES, 'custom-ats'));
    expect(config.dateOrder).toBe('DMY');
    expect(config.timezone).toBe('Europe/London');
    expect(config.columns.applications?.applied_at).toBe('Date Applied');
    expect(config.values.application_status?.['Offer Accepted']).toBe('hired');
  });

  it('a byte-order mark at the start of the file is allowed (Windows editors write one)', () => {
    expect(parseConfig('\uFEFF{"dateOrder": "MDY"}').dateOrder).toBe('MDY');
  });
});

describe('mistakes', () => {
  it('invalid JSON names the file and says what to check', () => {
    const error = errorOf('{\n  "dateOrder": "DMY",\n}');
    expect(error.where).toEqual({ file: 'dashboard.config.json', line: 3 });
    expect(error.message).toBe('is not valid JSON: Expected double-quoted property name');
    expect(error.fix).toContain('trailing commas');
    // Without a position from the engine: no line, and the file's text is not repeated.
    const other = errorOf('{"dateOrder": tru}');
    expect(other.where).toEqual({ file: 'dashboard.config.json' });
    expect(other.message).toBe("is not valid JSON: Unexpected token '}'");
  });

  it('an unknown top-level key is named, with the keys allowed there', () => {
    const error = errorOf('{"colums": {}}');
    expect(error.message).toBe('unknown key "colums"');
    expect(error.fix).toContain('columns');
    expect(error.fix).toContain('dateOrder');
  });

  it('an unknown template column under columns names the table and lists its columns', () => {
    const error = errorOf('{"columns": {"applications": {"applyed_at": "Date Applied"}}}');
    expect(error.message).toBe('unknown key "columns.applications.applyed_at"');
    expect(error.fix).toContain('applied_at');
    expect(error.fix).toContain('rejection_reason');
  });

  it('an unknown table under columns is named, with the tables allowed', () => {
    const error = errorOf('{"columns": {"candidates": {}}}');
    expect(error.message).toBe('unknown key "columns.candidates"');
    expect(error.fix).toBe('Allowed here: requisitions, applications, interviews, stage_events.');
  });

  it('a value mapped to something that is not a canonical value names the path, the value and the allowed values', () => {
    const error = errorOf('{"values": {"application_status": {"Disqualified": "rejectd"}}}');
    expect(error.message).toBe('"values.application_status.Disqualified" is "rejectd", which is not allowed');
    expect(error.fix).toBe('Use one of: "active", "rejected", "withdrawn", "hired".');
  });

  it('a wrong dateOrder, timezone, number or type is explained', () => {
    expect(errorOf('{"dateOrder": "YMD"}').message).toBe('"dateOrder" is "YMD", which is not allowed');
    expect(errorOf('{"dateOrder": "YMD"}').fix).toBe('Use one of: "DMY", "MDY".');
    expect(errorOf('{"timezone": "Mars/Base"}').message).toBe(
      '"timezone" is "Mars/Base": not an IANA timezone such as "UTC" or "Europe/Berlin"',
    );
    expect(errorOf('{"privacy": {"minGroupSize": 0}}').message).toContain('"privacy.minGroupSize" is 0');
    expect(errorOf('{"feedbackSlaHours": "24"}').message).toBe('"feedbackSlaHours" is "24", but it must be a number');
    expect(errorOf('{"reasons": {"Too expensive": "compensation"}}').message).toBe(
      '"reasons.Too expensive" is "compensation", but it must be an object {…}',
    );
  });

  it('an asOf date that is not on the calendar is refused', () => {
    expect(errorOf('{"asOf": "2025-02-30"}').message).toBe('"asOf" is "2025-02-30": not a date on the calendar');
  });

  it('loadConfig reports the same errors for a file in the data folder', async () => {
    await writeFile(join(tmp, 'dashboard.config.json'), '{"dateOrder": "dmy"}');
    const error = await loadConfig(tmp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).format()).toBe(
      'dashboard.config.json: "dateOrder" is "dmy", which is not allowed\n  How to fix: Use one of: "DMY", "MDY".',
    );
  });
});
