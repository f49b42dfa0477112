/**
 * Writing the artifact in pieces (`artifactJson`, `writeAtomically`): the file must be exactly the text of the
 * validated artifact that `JSON.stringify` gives (the site and the cache read it as such), and the hash the
 * cache key names must be the hash of that file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeAggregates } from '../scripts/metrics/index.ts';
import { artifactJson, inPieces, writeAtomically } from '../scripts/pipeline.ts';
import { aggregatesSchema } from '../scripts/schema/aggregates.ts';
import { canonicalTables } from '../scripts/schema/canonical.ts';
import { config } from './metrics/helpers.ts';
import { goldenConfig, goldenQuality, goldenTables } from './metrics/goldenFixture.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'artifact-file-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const golden = () =>
  computeAggregates({
    tables: canonicalTables(goldenTables),
    quality: goldenQuality,
    config: config(goldenConfig),
    sample: false,
  });

describe('artifactJson', () => {
  it('gives JSON.stringify of the validated artifact, byte for byte, one array element at a time', () => {
    const aggregates = golden();
    const pieces = [...artifactJson(aggregates)];
    expect(pieces.join('')).toBe(JSON.stringify(aggregatesSchema.parse(aggregates)));
    // Not one string: the headlines come one series per piece.
    expect(aggregates.headlines.length).toBeGreaterThan(1);
    expect(pieces.length).toBeGreaterThan(aggregates.headlines.length);
  });

  it("writes a section's lists one element at a time too (the owners' partnerships)", () => {
    const aggregates = golden();
    const parsed = aggregatesSchema.parse(aggregates);
    const pieces = [...artifactJson(aggregates)];
    expect(parsed.owners.partnerships.length).toBeGreaterThan(1);
    for (const partnership of parsed.owners.partnerships) expect(pieces).toContain(JSON.stringify(partnership));
    expect(pieces).not.toContain(JSON.stringify(parsed.owners.partnerships));
  });

  it('leaves out what the schema does not name, at any depth, as the whole parse does', () => {
    const aggregates = golden();
    const tampered = {
      ...aggregates,
      candidateIds: ['app-1'],
      headlines: aggregates.headlines.map((s, i) => (i === 1 ? { ...s, applicationId: 'app-2' } : s)),
      timeToFill: { ...aggregates.timeToFill, candidateKey: 7 },
    } as typeof aggregates;
    const text = [...artifactJson(tampered)].join('');
    expect(text).toBe(JSON.stringify(aggregatesSchema.parse(tampered)));
    expect(text).toBe(JSON.stringify(aggregates));
    expect(text).not.toMatch(/candidateIds|applicationId|candidateKey/);
  });

  it('stops at the first piece that does not fit the schema, and names it', () => {
    const aggregates = golden();
    const broken = {
      ...aggregates,
      headlines: aggregates.headlines.map((s, i) => (i === 2 ? { ...s, months: 'none' } : s)),
    } as unknown as typeof aggregates;
    expect(() => [...artifactJson(broken)]).toThrow(/at headlines\[2\]/);
    expect(() => [...artifactJson({ ...aggregates, title: 5 } as unknown as typeof aggregates)]).toThrow(/at title/);
  });
});

describe('inPieces', () => {
  it('gives what JSON.stringify gives, whatever the values', () => {
    class Point {
      x = 1;
    }
    const value = {
      text: 'a "quoted" é',
      number: 0.1 + 0.2,
      notFinite: [NaN, Infinity],
      absent: undefined,
      fn: () => 1,
      symbol: Symbol('s'),
      list: [undefined, () => 1, Symbol('t'), null, { nested: [1, { deeper: [2] }] }],
      date: new Date(0),
      withToJSON: { toJSON: () => 'replaced', hidden: 1 },
      instance: new Point(),
      empty: {},
      none: [],
      2: 'an integer key comes first',
    };
    for (const depth of [0, 1, 2, 3, 5]) expect([...inPieces(value, depth)].join('')).toBe(JSON.stringify(value));
    expect([...inPieces(undefined, 2)].join('')).toBe('null');
  });
});

describe('writeAtomically', () => {
  it('writes pieces past the megabyte at which it flushes, and returns the hash of the bytes written', async () => {
    const file = path.join(work, 'cache', 'big.json');
    // 3 × 400,000 characters plus multi-byte text: two flushes and a last write.
    const pieces = ['["', 'a'.repeat(400_000), 'é'.repeat(400_000), '✓'.repeat(400_000), '"]'];
    const hash = await writeAtomically(file, pieces);
    const written = fs.readFileSync(file);
    expect(written.toString('utf8')).toBe(pieces.join(''));
    expect(written.length).toBe(2 + 400_000 + 2 * 400_000 + 3 * 400_000 + 2);
    expect(hash).toBe(sha256(written));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['big.json']); // no temporary file left
  });

  it('writes a string whole, as before', async () => {
    const file = path.join(work, 'key');
    const hash = await writeAtomically(file, 'abc\ndef');
    expect(fs.readFileSync(file, 'utf8')).toBe('abc\ndef');
    expect(hash).toBe(sha256(Buffer.from('abc\ndef')));
  });
});
