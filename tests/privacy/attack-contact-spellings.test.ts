/**
 * Contact details in spellings the first table did not hold, found by attacking a build (issue 18, item 2):
 * an address written with " at " before a plain domain, encoded as in a link or a web page, with bracketed or
 * ideographic dots, a doubled at sign; a phone number in superscript or circled digits, or glued to the word that
 * announces it; then an address with "(a)" for its at sign, and a phone number typed with the letter O for zero,
 * each given by six candidates as a hiring manager, a source and a reason; and the number read out in words. Each is one case, and so is each nearby
 * label that must stay a label.
 */
import { describe, expect, it } from 'vitest';
import { contactDetailsIn } from '../../scripts/read/values.ts';

const SPELLINGS: ReadonlyArray<readonly [string, 'e-mail address' | 'phone number']> = [
  ['zqx.jane at example.com', 'e-mail address'],
  ['Write to zqx.jane AT example.co.uk please', 'e-mail address'],
  ['zqx.jane%40example.com', 'e-mail address'], // copied from a mailto: link
  ['mailto:zqx.jane%40example.com', 'e-mail address'],
  ['zqx.jane&#64;example.com', 'e-mail address'], // HTML entities
  ['zqx.jane&#x40;example.com', 'e-mail address'],
  ['zqx.jane&commat;example.com', 'e-mail address'],
  ['zqx.jane[@]example.com', 'e-mail address'],
  ['zqx.jane (@) example.com', 'e-mail address'],
  ['zqx.jane@example[.]com', 'e-mail address'],
  ['zqx.jane@example(.)com', 'e-mail address'],
  ['zqx.jane [at] example [.] com', 'e-mail address'],
  ['zqx.jane at example[dot]com', 'e-mail address'],
  ['zqx.jane@example\u3002com', 'e-mail address'], // ideographic full stop
  ['zqx.jane@example\uff61com', 'e-mail address'], // half-width ideographic full stop
  ['zqx.jane@@example.com', 'e-mail address'],
  ['⁰⁶¹²³⁴⁵⁶⁷⁸', 'phone number'], // superscript digits
  ['⓪⑥①②③④⑤⑥⑦⑧', 'phone number'], // circled digits
  ['Tel0612345678', 'phone number'],
  ['Mob.0612345678', 'phone number'],
  ['call on ph5550100999', 'phone number'],
  ['zzrt(a)example.test', 'e-mail address'],
  ['zzrt (a) example . test', 'e-mail address'],
  ['077OO 9OO123', 'phone number'],
  ['+44 77OO 9OO l23', 'phone number'],
  ['seven seven zero zero nine zero zero one two three', 'phone number'],
  ['Seven-seven-zero-zero, nine-zero-zero, one-two-three', 'phone number'],
];

const LABELS: readonly string[] = [
  'Looked at the offer',
  'Rejected at onsite',
  'Declined at 5.30pm',
  'Met at Acme HQ',
  'A5550100999',
  'REQ-2025-0042',
  'Skills gap (2 of 5)',
  'Rejected at (a) phone screen',
  'Skills: (a) SQL (b) Python',
  'Office 2O1, floor 3',
];

describe('contact details in the spellings an attacker tried', () => {
  it.each(SPELLINGS)('%s is a %s', (text, what) => {
    expect(contactDetailsIn(text)).toBe(what);
  });

  it.each(LABELS)('%s is not contact details', (text) => {
    expect(contactDetailsIn(text)).toBeNull();
  });
});
