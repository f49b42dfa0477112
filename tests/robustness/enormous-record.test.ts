/**
 * A record past the reader's limit (MAX_RECORD_CHARS, 32 Mi characters) stops the read with a message that
 * says what it is: one enormous row or value, or a quote that is never closed. It used to be reported as an
 * unclosed quote whatever it was (issue 18, item 8).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../scripts/errors.ts';
import { silentLogger } from '../../scripts/log.ts';
import { MAX_RECORD_CHARS, readCsv } from '../../scripts/read/csv.ts';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-enormous-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

const HEADER = 'application_id,notes\n';
const BIG = MAX_RECORD_CHARS + 1024 * 1024;

/** The message reading `content` stops with (formatted), or "read" when it does not stop. */
async function stopsWith(name: string, content: string): Promise<string> {
  const file = path.join(work, name);
  fs.writeFileSync(file, content);
  try {
    await readCsv(file, name, { header() {}, record() {} }, silentLogger);
    return 'read';
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.format();
  }
}

describe('a record longer than the reader holds', () => {
  it('one line of 33 million characters is said to be a row too long, not an unclosed quote', async () => {
    const message = await stopsWith('long-line.csv', `${HEADER}A-1,${'x'.repeat(BIG)}\nA-2,ok\n`);
    expect(message).toMatch(
      /^long-line\.csv, line 2: this row runs for more than 33,554,432 characters without a line break/,
    );
    expect(message).not.toMatch(/quote/);
  }, 60_000);

  it('a quoted value of 33 million characters on one line is said to be a value too long', async () => {
    const message = await stopsWith('long-value.csv', `${HEADER}A-1,"${'y'.repeat(BIG)}"\n`);
    expect(message).toMatch(
      /^long-value\.csv, line 2: a quoted value in this row is longer than 33,554,432 characters/,
    );
  }, 60_000);

  it('a quote left open over many lines is said to be possibly unclosed, with where it starts', async () => {
    const rows = Array.from({ length: 400_000 }, (_, i) => `A-${i + 3},${'z'.repeat(80)}`).join('\n');
    const message = await stopsWith('unclosed.csv', `${HEADER}A-1,fine\nA-2,"opened here\n${rows}\n`);
    expect(message).toMatch(
      /^unclosed\.csv, line 3: a quoted value that starts in this row runs on for [\d,]+ lines and more than 33,554,432 characters without closing: either its closing quote is missing/,
    );
  }, 60_000);

  it('a file just under the limit is read', async () => {
    expect(await stopsWith('under.csv', `${HEADER}A-1,${'w'.repeat(MAX_RECORD_CHARS - 1024 * 1024)}\n`)).toBe('read');
  }, 60_000);
});
