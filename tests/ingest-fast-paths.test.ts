/**
 * The reader's fast paths give exactly what the general code gives: the common date shapes read from char
 * codes, the first-cells cache in front of the interners and enum readers, bulk key merging and `find`'s
 * look-ahead. Each is checked against a plain reference over many generated inputs (a fixed seed).
 */
import { describe, expect, it } from 'vitest';
import { dateReader } from '../scripts/read/dates.ts';
import { hashText, KeyIndex } from '../scripts/read/key-index.ts';
import { Ledger } from '../scripts/read/ledger.ts';
import { EntityStore, stageEventKey } from '../scripts/read/merge.ts';
import { enumReader, interner, matchKey, UNKNOWN } from '../scripts/read/values.ts';
import { StageEventTable, type StageEvent } from '../scripts/schema/canonical.ts';
import { calendar, type Calendar } from '../scripts/time.ts';

/** A small deterministic generator (LCG). */
function random(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(values: readonly T[]): T => values[int(values.length)]!;
  return { next, int, pick };
}

describe('common date shapes', () => {
  const MIN = Date.UTC(1990, 0, 1) - 14 * 3_600_000;
  const MAX = Date.UTC(2101, 0, 1) + 14 * 3_600_000;
  const SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{3}))?([Zz])?)?$/;

  const calendars = new Map<string, Calendar>();
  const calendarOf = (timezone: string): Calendar => {
    let known = calendars.get(timezone);
    if (known === undefined) calendars.set(timezone, (known = calendar(timezone)));
    return known;
  };

  /** What the general reader gives for a common shape, from its definition: Date.UTC or the local wall clock. */
  function expected(text: string, timezone: string): number {
    const m = SHAPE.exec(text);
    if (!m) throw new Error(`not a common shape: ${text}`);
    const [y, mo, d, h, mi, second, ms] = m.slice(1, 8).map((v) => (v === undefined ? 0 : Number(v))) as number[];
    const s = Math.min(second!, 59); // a leap second is read as :59
    const utc = Date.UTC(y!, mo! - 1, d!, h, mi, s, ms);
    const check = new Date(Date.UTC(y!, mo! - 1, d!));
    const real = check.getUTCFullYear() === y && check.getUTCMonth() === mo! - 1 && check.getUTCDate() === d;
    if (!real || h! > 23 || mi! > 59 || second! > 60) return NaN;
    const t = m[8] !== undefined ? utc : calendarOf(timezone).fromLocal(y!, mo!, d!, h, mi, s, ms);
    return t >= MIN && t < MAX ? t : NaN;
  }

  function sample(r: ReturnType<typeof random>): string {
    const two = (lo: number, hi: number) => String(lo + r.int(hi - lo + 1)).padStart(2, '0');
    const year = r.next() < 0.9 ? String(1985 + r.int(120)) : r.pick(['1989', '2100', '2101', '0000', '2O24']);
    const month = r.next() < 0.95 ? two(1, 12) : r.pick(['00', '13', '1a']);
    const day = r.next() < 0.95 ? two(1, 31) : r.pick(['00', '32', '3 ']);
    const date = `${year}${r.next() < 0.98 ? '-' : '/'}${month}-${day}`;
    if (r.next() < 0.2) return date;
    const time = `${r.next() < 0.97 ? two(0, 23) : '24'}:${two(0, 59)}${r.next() < 0.98 ? ':' : '.'}${r.next() < 0.97 ? two(0, 59) : '60'}`;
    const fraction = r.pick(['', '', '.123', ',987', '.1', '.1234']);
    const zone = r.pick(['Z', 'Z', '', 'z', '+01:00', ' UTC', 'Q']);
    return `${date}${r.pick(['T', 'T', ' ', 't', 'X'])}${time}${fraction}${zone}`;
  }

  it('reads them as the general reader does, or leaves them to it, in any timezone', () => {
    const r = random(20250131);
    for (const timezone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Kiritimati', 'Australia/Lord_Howe']) {
      const reader = dateReader({ timezone });
      for (let i = 0; i < 10_000; i++) {
        const text = sample(r);
        const fast = reader.readCommon(text);
        const read = reader.read(text);
        if (SHAPE.test(text)) expect(read, `${timezone} ${text}`).toBe(expected(text, timezone));
        if (!Number.isNaN(fast)) expect(fast, `${timezone} ${text}`).toBe(read);
      }
    }
  });

  it('covers the shapes exports write, including DST days (local) and leap days', () => {
    const utc = dateReader({ timezone: 'UTC' });
    const newYork = dateReader({ timezone: 'America/New_York' });
    for (const text of ['2025-01-31', '2024-02-29T10:00:00Z', '2024-01-31 06:00:00.000', '2016-02-03T16:38:46.985Z']) {
      expect(utc.readCommon(text), text).toBe(expected(text, 'UTC'));
    }
    for (const text of ['2025-03-09T02:30:00', '2025-11-02T01:30:00', '2025-03-09']) {
      expect(newYork.readCommon(text), text).toBe(expected(text, 'America/New_York'));
    }
    for (const text of [
      '2025-02-29',
      '2025-01-31T10:00:00+01:00',
      '2025-01-31T23:59:60Z',
      ' 2025-01-31',
      '1989-12-31',
    ]) {
      expect(utc.readCommon(text), text).toBeNaN();
    }
  });
});

describe('interners and enum readers (first cells before the Map)', () => {
  /** The interner as it was: the Map alone. */
  function plainInterner(limit: number): (raw: string | undefined) => string | null {
    const seen = new Map<string, string>();
    return (raw) => {
      if (raw === undefined) return null;
      let value = seen.get(raw);
      if (value !== undefined) return value;
      const text = raw.trim();
      if (text === '') return null;
      value = seen.get(text) ?? text;
      if (!seen.has(text) && seen.size < limit) seen.set(text, value);
      if (raw !== text && seen.size < limit) seen.set(raw, value);
      return value;
    };
  }

  it('give what the Map alone gives, for columns of few and of many values', () => {
    const r = random(7);
    for (const distinct of [3, 8, 9, 40, 5000]) {
      const fast = interner(1000);
      const plain = plainInterner(1000);
      const values = Array.from({ length: distinct }, (_, i) => `Value ${i} ${'x'.repeat(i % 13)}`);
      for (let i = 0; i < 30_000; i++) {
        const v = r.pick(values);
        const raw = r.next() < 0.05 ? ` ${v} ` : r.next() < 0.01 ? '  ' : v;
        expect(fast(raw)).toBe(plain(raw));
      }
    }
  });

  it('still hide contact details, with the same numbered markers', () => {
    const guarded = interner(50_000, true);
    const cells = ['Onsite', 'jane@example.com', 'Onsite', '+49 170 1234567', 'jane@example.com', 'Offer'];
    const out = cells.map((c) => guarded(c));
    expect(out[0]).toBe('Onsite');
    expect(out[1]).toBe(out[4]);
    expect(out[1]!.charCodeAt(0)).toBe(0);
    expect(out[3]!.charCodeAt(0)).toBe(0);
    expect(out[1]).not.toBe(out[3]);
  });

  it('enum readers give the table lookup for every cell', () => {
    const read = enumReader<'yes' | 'no'>([{ Yes: 'yes', no: 'no', maybe: null }]);
    const r = random(11);
    const cells = ['Yes', 'yes', 'YES', 'no', 'No', 'maybe', 'perhaps', 'n/a', 'Strong Yes', ''];
    for (let i = 0; i < 10_000; i++) {
      const cell = r.pick(cells);
      const key = matchKey(cell);
      const want = key === 'yes' ? 'yes' : key === 'no' ? 'no' : key === 'maybe' ? null : UNKNOWN;
      expect(read(cell)).toBe(want);
    }
  });
});

describe('merging in bulk', () => {
  const STAGES = ['Application Review', 'Recruiter Screen', 'Onsite'];
  function rows(seed: number, n: number, applications: number): StageEvent[] {
    const r = random(seed);
    return Array.from({ length: n }, () => ({
      applicationId: `APP-${String(r.int(applications)).padStart(8, '0')}`,
      stage: r.pick(STAGES),
      enteredAt: 1.7e12 + r.int(3) * 60_000,
      exitedAt: r.next() < 0.5 ? null : 1.8e12,
      reason: null,
    }));
  }

  it('KeyIndex: deferred keys replace earlier positions exactly as keys set one by one', () => {
    for (const [n, applications] of [
      [5000, 300],
      [60_000, 20_000],
    ] as const) {
      const all = rows(n, n, applications);
      const hash = (e: StageEvent) => hashText(e.stage, hashText(e.applicationId)) ^ e.enteredAt;
      const key = (e: StageEvent) => `${e.applicationId}|${e.stage}|${e.enteredAt}`;
      const hashAt = (p: number) => hash(all[p]!);
      const sameKey = (a: number, b: number) => key(all[a]!) === key(all[b]!);
      const find = (index: KeyIndex, probe: StageEvent) => index.find(hash(probe), (p) => key(all[p]!) === key(probe));
      const oneByOne = new KeyIndex(hashAt, sameKey);
      const expected = new Map<number, number>();
      all.forEach((_, position) => {
        const earlier = oneByOne.set(position);
        if (earlier !== -1) expected.set(earlier, position);
      });
      const replaced = new Map<number, number>();
      const bulk = new KeyIndex(hashAt, sameKey, (earlier, later) => replaced.set(earlier, later));
      const latest = new Map<string, number>();
      all.forEach((row, position) => {
        bulk.defer(position);
        latest.set(key(row), position);
        // A lookup now and then settles what was deferred so far: merging goes on in several batches.
        if (position % 7919 === 0) {
          const probe = all[position >> 1]!;
          expect(find(bulk, probe)).toBe(latest.get(key(probe)));
        }
      });
      for (const row of all.slice(0, 50)) expect(find(bulk, row)).toBe(find(oneByOne, row));
      expect(replaced).toEqual(expected);
    }
  });

  it('EntityStore: duplicates, quarantines, find and used() agree with a plain reference', () => {
    const all = rows(3, 20_000, 2000);
    const store = new EntityStore('stage_events', stageEventKey, new Ledger());
    const key = (e: Pick<StageEvent, 'applicationId' | 'stage' | 'enteredAt'>) =>
      `${e.applicationId}|${e.stage}|${e.enteredAt}`;
    const latest = new Map<string, number>();
    const dropped = new Set<number>();
    all.forEach((row, position) => {
      store.add(row, 0, position + 2);
      const earlier = latest.get(key(row));
      if (earlier !== undefined) dropped.add(earlier);
      latest.set(key(row), position);
    });
    // Quarantine some used rows, as the cross-table checks do.
    for (let position = 0; position < all.length; position += 97) {
      if (dropped.has(position)) continue;
      store.quarantine(position, 'application_id', 'test');
      dropped.add(position);
    }
    const r = random(5);
    for (let i = 0; i < 5000; i++) {
      // In order (as lookups come) and at random.
      const probe = i % 2 === 0 ? all[(i * 7) % all.length]! : all[r.int(all.length)]!;
      const position = latest.get(key(probe))!;
      const hash = stageEventKey.hashKey(StageEventTable.of([probe]), 0);
      const found = store.find(hash, (p) => key(store.rows.row(p)) === key(probe));
      expect(found).toBe(dropped.has(position) ? -1 : position);
    }
    expect(store.used().rows()).toEqual(all.filter((_, position) => !dropped.has(position)));
    expect(Array.from(store.dropped, Boolean)).toEqual(all.map((_, position) => dropped.has(position)));
  });
  it('EntityStore: rows added as column batches, with room made from a wrong estimate, merge as rows one by one', () => {
    // Re-exports: many keys twice, some identical (a null exit on both sides included), some changed.
    const all = rows(11, 12_000, 1500).map((row, i) => (i % 5 === 0 ? { ...row, exitedAt: null } : row));
    const ledgerOf = (store: (ledger: Ledger) => EntityStore<StageEvent, StageEventTable>) => {
      const ledger = new Ledger();
      const built = store(ledger);
      built.settle(); // duplicates reach the ledger when the store settles
      return { ledger: ledger.entriesInOrder(), counts: ledger.counts.stage_events, built };
    };
    const oneByOne = ledgerOf((ledger) => {
      const store = new EntityStore('stage_events', stageEventKey, ledger);
      all.forEach((row, position) => store.add(row, 0, position + 2));
      return store;
    });
    expect(oneByOne.counts.duplicatesIdentical).toBeGreaterThan(0);
    expect(oneByOne.counts.duplicatesConflicting).toBeGreaterThan(0);
    for (const estimate of [0, all.length / 3, all.length * 2]) {
      const batched = ledgerOf((ledger) => {
        const store = new EntityStore('stage_events', stageEventKey, ledger);
        if (estimate > 0) store.reserve(estimate);
        for (let from = 0, size = 1; from < all.length; from += size, size = (size * 7) % 4093) {
          const part = all.slice(from, from + size);
          const columns = {
            applicationId: part.map((e) => e.applicationId),
            stage: part.map((e) => e.stage),
            enteredAt: Float64Array.from(part, (e) => e.enteredAt),
            exitedAt: Float64Array.from(part, (e) => e.exitedAt ?? NaN),
            reason: part.map((e) => e.reason ?? null),
          };
          store.addColumns(
            columns,
            Int32Array.from(part, (_, i) => from + i + 2),
            part.length,
            0,
          );
        }
        return store;
      });
      expect(batched.ledger).toEqual(oneByOne.ledger);
      expect(batched.counts).toEqual(oneByOne.counts);
      expect(Array.from(batched.built.dropped)).toEqual(Array.from(oneByOne.built.dropped));
      const used = batched.built.used();
      expect(used.rows()).toEqual(oneByOne.built.used().rows());
      // Sealed: no room made ahead is left at the end of a column.
      for (const column of [used.applicationId, used.stage, used.enteredAt, used.exitedAt]) {
        expect(column.length).toBe(used.length);
      }
    }
  });
});
