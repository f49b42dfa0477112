/**
 * Reading one CSV file: encodings, delimiters, line endings, quotes, blank lines, line numbers, chunk
 * boundaries and files that are not text. Variants of the hand-written fixtures (CRLF, CR, UTF-16 BE, binary)
 * are derived in a temporary folder so that the fixtures stay readable.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../scripts/errors.ts';
import { memoryLogger, silentLogger } from '../scripts/log.ts';
import { readCsv, sniffLayout, type CsvStats } from '../scripts/read/csv.ts';
import { decodeFile } from '../scripts/read/encoding.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/ingest');

interface Read {
  header: string[];
  headerLine: number;
  records: Array<{ line: number; fields: string[]; problem?: string }>;
  stats: CsvStats;
}

async function read(path: string, chunkBytes?: number): Promise<Read> {
  const out: Read = { header: [], headerLine: 0, records: [], stats: undefined as unknown as CsvStats };
  out.stats = await readCsv(
    path,
    'test.csv',
    {
      header(fields, line) {
        out.header = fields;
        out.headerLine = line;
      },
      record(fields, line, problem) {
        out.records.push(
          problem === undefined ? { line, fields: [...fields] } : { line, fields: [...fields], problem },
        );
      },
    },
    silentLogger,
    chunkBytes,
  );
  return out;
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ingest-csv-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function variant(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(tmp, name);
  await writeFile(path, content);
  return path;
}

describe('encodings, delimiters and line endings', () => {
  it('a UTF-8 file with a byte-order mark, semicolons and CRLF reads like a plain one', async () => {
    const r = await read(join(FIXTURES, 'bom-semicolon-crlf/applications.csv'));
    expect(r.stats).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';' });
    // The mark is not part of the first column's name.
    expect(r.header[0]).toBe('application_id');
    // 3 records on lines 2–4; the trailing blank line (5) is not a record.
    expect(r.records.map((x) => x.line)).toEqual([2, 3, 4]);
    // A comma is an ordinary character in a semicolon file; CR is not left on the last field.
    expect(r.records[1]!.fields).toEqual([
      'A-2',
      'J-1',
      '2025-01-11',
      'rejected',
      '2025-01-20',
      'Salary, benefits',
      'company',
    ]);
    expect(r.records[0]!.fields.at(-1)).toBe('');
  });

  it('UTF-16 LE with a byte-order mark and tabs (Excel "Unicode text") is decoded', async () => {
    const r = await read(join(FIXTURES, 'utf16-tab/requisitions.csv'));
    expect(r.stats).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(r.header).toEqual(['requisition_id', 'job_title', 'department', 'opened_at', 'filled_at']);
    expect(r.records.map((x) => x.fields[1])).toEqual(['Développeur', 'Köchin']);
  });

  it('UTF-16 BE with a byte-order mark, and UTF-16 LE without one, are decoded too', async () => {
    const text = 'requisition_id\tjob_title\r\nR-1\tDéveloppeur\r\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    const withMark = await read(await variant('be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be])));
    const withoutMark = await read(await variant('le-nobom.csv', le));
    for (const r of [withMark, withoutMark]) expect(r.records).toEqual([{ line: 2, fields: ['R-1', 'Développeur'] }]);
    expect(withMark.stats.encoding).toBe('utf-16be');
    expect(withoutMark.stats.encoding).toBe('utf-16le');
  });

  it('a file that is not valid UTF-8 is read as Windows-1252 (Excel "CSV" on Windows)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('requisition_id,job_title\nR-1,D'),
      Buffer.from([0xe9]),
      Buffer.from('veloppeur\n'),
    ]);
    const r = await read(await variant('cp1252.csv', bytes));
    expect(r.stats.encoding).toBe('windows-1252');
    expect(r.records[0]!.fields[1]).toBe('Développeur');
  });

  it('the delimiter is the one that occurs most in the header line, outside quotes', () => {
    expect(sniffLayout('a,b,c\n1,2,3\n', false)).toMatchObject({ delimiter: ',', newline: '\n' });
    expect(sniffLayout('a;b;"c,d,e"\r\n', false)).toMatchObject({ delimiter: ';', newline: '\r\n' });
    expect(sniffLayout('a\tb,c\td\r', true)).toMatchObject({ delimiter: '\t', newline: '\r' });
    // A header line that is not complete yet: wait for more text (a CRLF may be split across chunks).
    expect(sniffLayout('a,b', false)).toBeNull();
    expect(sniffLayout('a,b\r', false)).toBeNull();
    // A single-column file: comma.
    expect(sniffLayout('only\n', false)).toMatchObject({ delimiter: ',' });
  });

  it('an Excel "sep=;" first line sets the delimiter and is not the header', async () => {
    const r = await read(await variant('sep.csv', 'sep=;\r\nrequisition_id;job_title\r\nR-1;Engineer, Senior\r\n'));
    expect(r.stats.delimiter).toBe(';');
    expect(r.header).toEqual(['requisition_id', 'job_title']);
    expect(r.headerLine).toBe(2);
    expect(r.records).toEqual([{ line: 3, fields: ['R-1', 'Engineer, Senior'] }]);
  });
});

describe('quotes, blank lines and line numbers', () => {
  it('quoted fields keep their separators, doubled quotes and newlines, and a record is numbered by its first line', async () => {
    const r = await read(join(FIXTURES, 'quotes/applications.csv'));
    expect(r.records.map((x) => x.line)).toEqual([2, 5, 6, 7, 8]);
    expect(r.records[0]!.fields[4]).toBe('Lacking skills, and "culture"');
    expect(r.records[0]!.fields[5]).toBe('line one\nline two, with comma\nline three');
    expect(r.records[3]!.fields[0]).toBe('A-5');
    // The last record opens a quote that never closes: it is reported, with the line it starts on.
    expect(r.records[4]).toMatchObject({ line: 8, problem: 'unclosed quote' });
  });

  it('line numbers are the same with CRLF, LF and CR line endings', async () => {
    const lf = await readFile(join(FIXTURES, 'quotes/applications.csv'), 'utf8');
    const expected = (await read(join(FIXTURES, 'quotes/applications.csv'))).records.map((x) => x.line);
    const crlf = await read(await variant('crlf.csv', lf.replaceAll('\n', '\r\n')));
    const cr = await read(await variant('cr.csv', lf.replaceAll('\n', '\r')));
    expect(crlf.records.map((x) => x.line)).toEqual(expected);
    expect(cr.records.map((x) => x.line)).toEqual(expected);
    // Inside a quoted field the file's own line ending is kept.
    expect(crlf.records[0]!.fields[5]).toBe('line one\r\nline two, with comma\r\nline three');
  });

  it('blank lines and rows of empty cells are skipped and not counted, wherever they are', async () => {
    const r = await read(join(FIXTURES, 'ragged/stage_events.csv'));
    // Lines 3 (empty) and 6 (",,,") and the two trailing empty lines are not records.
    expect(r.records.map((x) => x.line)).toEqual([2, 4, 5, 7, 8]);
    expect(r.stats.records).toBe(5);
    // Field counts are left to the caller (ragged rows are quarantined there).
    expect(r.records.map((x) => x.fields.length)).toEqual([4, 4, 3, 5, 4]);
  });

  it('chunk boundaries anywhere (inside a quote, a CRLF or a multi-byte character) change nothing', async () => {
    // Past the first 4 KB (read whole, to tell the encoding), so that the chunk sizes below cut the rows.
    const filler = Array.from({ length: 250 }, (_, i) => `F-${i};J-0;filler\r\n`).join('');
    const text =
      'application_id;job_id;notes\r\n' +
      filler +
      'A-1;J-1;"Zoë said ""no"";\r\nthen left"\r\n' +
      '\r\n' +
      'A-2;J-2;€ and 😀\r\n' +
      'A-3;J-3;"x"\r\n';
    const utf8 = await variant('chunks.csv', text);
    const utf16 = await variant(
      'chunks16.csv',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const whole = await read(utf8);
    expect(whole.records.slice(250)).toEqual([
      { line: 252, fields: ['A-1', 'J-1', 'Zoë said "no";\r\nthen left'] },
      { line: 255, fields: ['A-2', 'J-2', '€ and 😀'] },
      { line: 256, fields: ['A-3', 'J-3', 'x'] },
    ]);
    for (const size of [1, 2, 3, 5, 7, 11]) {
      expect((await read(utf8, size)).records, `utf-8, ${size}-byte chunks`).toEqual(whole.records);
      expect((await read(utf16, size)).records, `utf-16, ${size}-byte chunks`).toEqual(whole.records);
    }
  });

  it('a file without a final line break still yields its last record', async () => {
    const r = await read(await variant('no-eol.csv', 'a,b\n1,2\n3,4'));
    expect(r.records).toEqual([
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });
});

describe('chunks of text', () => {
  const chunksOf = async (path: string, chunkBytes: number): Promise<string[]> => {
    const chunks: string[] = [];
    for await (const chunk of decodeFile(path, 'test.csv', chunkBytes).chunks) chunks.push(chunk);
    return chunks;
  };

  it('in UTF-8 end with a whole line (the rest comes with the next chunk), and add up to the file', async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `A-${i},Zoë ${'x'.repeat(i % 37)},€\n`).join('');
    const path = await variant('aligned.csv', text);
    const chunks = await chunksOf(path, 1000);
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBeGreaterThan(30);
    for (const chunk of chunks) expect(chunk.endsWith('\n')).toBe(true);
  });

  it('carry a line longer than a chunk whole, multi-byte characters included', async () => {
    const long = `${'é'.repeat(3000)}😀\n`;
    const text = `${'h,'.repeat(2100)}\n${long}a,b\n${long}`;
    const path = await variant('long-line.csv', text);
    for (const size of [7, 100, 1000]) expect((await chunksOf(path, size)).join(''), `${size}`).toBe(text);
  });

  it('in UTF-16 and Windows-1252 add up to the file too', async () => {
    const text = Array.from({ length: 500 }, (_, i) => `B-${i};café;${i}\r\n`).join('');
    const utf16 = await variant(
      'chunks-be.csv',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
    );
    const latin = await variant('chunks-1252.csv', Buffer.from(text, 'latin1'));
    for (const size of [3, 999]) {
      expect((await chunksOf(utf16, size)).join(''), `utf-16 be, ${size}`).toBe(text);
      expect((await chunksOf(latin, size)).join(''), `windows-1252, ${size}`).toBe(text);
    }
  });
});

describe('files that are empty or not text', () => {
  it('an empty file has no header and no records', async () => {
    const r = await read(join(FIXTURES, 'empty-files/empty.csv'));
    expect(r.stats).toEqual({ encoding: 'empty', delimiter: ',', bytes: 0, records: 0 });
    expect(r.header).toEqual([]);
  });

  it('a file with NUL bytes is not text: a UserError naming the file', async () => {
    const path = await variant(
      'binary.csv',
      Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01, 0x02, 0x00, 0xff, 0x00, 0x10, 0x61]),
    );
    const error = await readCsv(path, 'binary.csv', { header() {}, record() {} }, silentLogger).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).format()).toMatch(
      /^binary\.csv: is not a text file \(it contains NUL bytes\)\n {2}How to fix: /,
    );
  });

  it('an Excel workbook renamed to .csv is recognised as such', async () => {
    const path = await variant('book.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    const error = await readCsv(path, 'book.csv', { header() {}, record() {} }, silentLogger).catch((e: unknown) => e);
    expect((error as UserError).message).toContain('Excel workbook');
  });

  it('a file that cannot be read is a UserError, not a crash', async () => {
    const error = await readCsv(
      join(tmp, 'missing.csv'),
      'missing.csv',
      { header() {}, record() {} },
      silentLogger,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('cannot be read (ENOENT)');
  });
});

describe('progress', () => {
  it('a file over 5 MB reports progress and a done line', async () => {
    const rows = Array.from(
      { length: 120_000 },
      (_, i) => `A-${i},J-${i % 50},2025-01-01T00:00:00Z,active,some padding text`,
    );
    const path = await variant('big.csv', `application_id,job_id,applied_at,status,notes\n${rows.join('\n')}\n`);
    const log = memoryLogger();
    await readCsv(path, 'big.csv', { header() {}, record() {} }, log);
    // memoryLogger keeps only the final (done) progress line.
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(/^big\.csv: 120,000 rows, \d+ MB in \d+\.\d s$/);
  });
});
