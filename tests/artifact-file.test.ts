/**
 * Writing the artifact in pieces (`jsonPieces`, `writeAtomically`): the file must be exactly what
 * `JSON.stringify` gives (the site and the cache read it as such), and the hash the cache key names must be
 * the hash of that file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeAggregates } from '../scripts/metrics/index.ts';
import { jsonPieces, writeAtomically } from '../scripts/pipeline.ts';
import { canonicalTables } from '../scripts/schema/canonical.ts';
import { config } from './metrics/helpers.ts';
import { goldenConfig, goldenQuality, goldenTables } from './metrics/goldenFixture.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'artifact-file-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('jsonPieces', () => {
  it('joins to JSON.stringify, byte for byte, whatever the fields hold', () => {
    const value = {
      title: 'Hiring – retro “2026” ✓',
      none: null,
      skipped: undefined,
      method: () => 1,
      empty: [],
      list: [1, 'two', null, undefined, { a: [3, { b: 'ü' }] }, () => 0, [[]]],
      nested: { x: undefined, y: [undefined], z: { deeper: -0.5 } },
      'quote"key': true,
      emptyObject: {},
    };
    expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value));
    expect([...jsonPieces({})].join('')).toBe('{}');
    expect([...jsonPieces({ only: undefined })].join('')).toBe('{}');
  });

  it('gives the artifact exactly as JSON.stringify does, one array element at a time', () => {
    const aggregates = computeAggregates({
      tables: canonicalTables(goldenTables),
      quality: goldenQuality,
      config: config(goldenConfig),
      sample: false,
    });
    const pieces = [...jsonPieces(aggregates)];
    expect(pieces.join('')).toBe(JSON.stringify(aggregates));
    // Not one string: the headlines come one series per piece.
    expect(aggregates.headlines.length).toBeGreaterThan(1);
    expect(pieces.length).toBeGreaterThan(aggregates.headlines.length);
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
