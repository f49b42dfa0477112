/**
 * Contact details in spellings found by attacking a build of an Ashby-shaped export the team had not seen
 * (issue 18, item 2). Each was typed as the `source` of six candidates (so the label rule lets it through, as it
 * does a referrer's or an agency's details copied onto each application) and reached `sources-by-month.csv`, the
 * retrospective pages' source tables and their SVG titles. `contactDetailsIn` (scripts/read/values.ts) now
 * knows each, one case each:
 *
 * - a Japanese number typed with the IME's prolonged sound mark or katakana middle dot for the dash;
 * - a number separated by middle dots (the `·` that some keyboards type for a dot);
 * - a number inside a messaging link (`https://wa.me/<number>`, as recruiters paste from WhatsApp);
 * - an address on a company's internal domain, which has no dot (`jane.doe@acme`).
 */
import { describe, expect, it } from 'vitest';
import { contactDetailsIn } from '../../scripts/read/values.ts';

const SPELLINGS: ReadonlyArray<readonly [string, 'e-mail address' | 'phone number']> = [
  ['090ー1234ー5678', 'phone number'], // U+30FC, what a Japanese IME types for "-"
  ['03・1234・5678', 'phone number'], // U+30FB katakana middle dot
  ['+1·555·0100·9999', 'phone number'], // U+00B7 middle dot
  ['https://wa.me/15550100999', 'phone number'],
  ['Referred by zqx.jane@acme', 'e-mail address'],
];

describe('contact details in spellings of an export nobody on the team had seen', () => {
  it.each(SPELLINGS)('%s is a %s', (text, what) => {
    expect(contactDetailsIn(text)).toBe(what);
  });

  // Held when attacked: these were hidden in the same build.
  it.each([
    ['zq\u200bx@example.test', 'e-mail address'], // a zero-width space inside
    ['zqx\u00ad@example.test', 'e-mail address'], // a soft hyphen before the at sign
    ['zqx @ example . test', 'e-mail address'],
    ['+1\u00a0555\u00a00100\u00a09999', 'phone number'], // no-break spaces
    ['+1 555\u200b0100\u200b9999', 'phone number'],
    ['＋１ ５５５ ０１００ ９９９９', 'phone number'],
  ])('%s is a %s', (text, what) => {
    expect(contactDetailsIn(text)).toBe(what);
  });
});
