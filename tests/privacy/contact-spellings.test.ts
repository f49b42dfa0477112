/**
 * Contact details in the spellings people use (issue 18, item 2): each spelling is one case, and so is each
 * text that must NOT be taken for contact details (a false positive hides a harmless label).
 */
import { describe, expect, it } from 'vitest';
import { contactDetailsIn, contactSpelling, quotable } from '../../scripts/read/values.ts';
import { CONTACT_SPELLINGS, NOT_CONTACTS } from './spellings.ts';

describe('contact details in the spellings people use', () => {
  it.each(CONTACT_SPELLINGS)('%s is a %s', (text, what) => {
    expect(contactDetailsIn(text)).toBe(what);
  });

  it.each(NOT_CONTACTS)('%s is not contact details', (text) => {
    expect(contactDetailsIn(text)).toBeNull();
  });

  it('is never quoted in the data-quality report, whatever the spelling', () => {
    for (const [text] of CONTACT_SPELLINGS) expect(quotable(text), text).toBe('(value hidden: not an enum-like value)');
  });
});

describe('a long value', () => {
  // Each spelled-out form of an at sign after a 200,000-letter word: tried from every letter of the word, the
  // patterns took quadratic time (minutes for one such cell); a word is only tried from where it starts.
  it.each([
    [' at x', null],
    [' at gmail', 'e-mail address'],
    ['(a)', null],
    ['-at-', null],
    [' @', null],
    ['@', null],
  ])('…%s is decided in well under a second', (tail, what) => {
    const start = performance.now();
    expect(contactDetailsIn('x'.repeat(200_000) + tail)).toBe(what);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('contactSpelling', () => {
  it('writes any script’s digits, dashes and spaces the ASCII way', () => {
    expect(contactSpelling('٠٦–١٢\u00a0３４')).toBe('06-12 34');
    expect(contactSpelling('𝟎𝟔𝟏𝟐')).toBe('0612'); // mathematical digits, runs of several tens
    expect(contactSpelling('a\u00adb\u200bc')).toBe('abc');
  });
});
