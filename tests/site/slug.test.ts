import { describe, expect, it } from 'vitest';
import { slugger, slugify, slugs } from '../../src/lib/slug.ts';

describe('slugify', () => {
  it('writes lower-case ASCII words joined by dashes, folding accents', () => {
    expect(slugify('Álvaro Núñez')).toBe('alvaro-nunez');
    expect(slugify("Dana O'Neil")).toBe('dana-o-neil');
    expect(slugify('  Customer   Success  ')).toBe('customer-success');
    expect(slugify('R&D <script>alert(1)</script>')).toBe('r-d-script-alert-1-script');
  });

  it('is empty for a name with no ASCII letter or digit', () => {
    expect(slugify('研究開発')).toBe('');
    expect(slugify('—')).toBe('');
  });

  it('caps the length without a trailing dash', () => {
    const slug = slugify('a'.repeat(59) + ' b c d');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('slugs', () => {
  it('gives two names that slug alike two distinct slugs', () => {
    const map = slugs(['Álvaro Núñez', 'Alvaro Nunez']);
    expect(new Set(map.values()).size).toBe(2);
    // Code-unit order decides who keeps the plain slug: 'A' (0x41) sorts before 'Á' (0xC1).
    expect(map.get('Alvaro Nunez')).toBe('alvaro-nunez');
    expect(map.get('Álvaro Núñez')).toBe('alvaro-nunez-2');
  });

  it('does not depend on the order of the names', () => {
    const names = ['R&D', 'R D', 'r-d', 'Sales', 'Engineering'];
    const forward = slugs(names);
    const backward = slugs([...names].reverse());
    expect([...forward.entries()].sort()).toEqual([...backward.entries()].sort());
  });

  it('never hands a colliding name a slug another name has on its own', () => {
    // 'a-2' is the natural slug of 'A 2'; the second 'a' name must not take it.
    const map = slugs(['a', 'A', 'A 2']);
    expect(map.get('A 2')).toBe('a-2');
    expect(new Set(map.values()).size).toBe(3);
    expect([...map.values()].sort()).toEqual(['a', 'a-2', 'a-3']);
  });

  it('gives names without ASCII letters a stable tagged slug, distinct from each other', () => {
    const first = slugs(['研究開発', '営業']);
    const again = slugs(['営業', '研究開発', 'Sales']);
    expect(first.get('研究開発')).toMatch(/^n-[a-z0-9]+$/);
    expect(first.get('研究開発')).toBe(again.get('研究開発'));
    expect(first.get('研究開発')).not.toBe(first.get('営業'));
  });

  it('slugs every distinct name once, whatever the duplicates', () => {
    expect(slugs(['Sales', 'Sales']).size).toBe(1);
  });
});

describe('slugger', () => {
  it('looks up a slug and fails loudly for an unknown name', () => {
    const slug = slugger(['Engineering']);
    expect(slug('Engineering')).toBe('engineering');
    expect(() => slug('Marketing')).toThrow(/no slug for "Marketing"/);
  });
});
