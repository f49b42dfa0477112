/**
 * Contact details in spellings next to the ones fixed after the first attack on an unseen export (issue 18,
 * item 2), tried again on the fix. Each was published until `contactDetailsIn` (scripts/read/values.ts) knew it:
 *
 * - a Japanese number with the full-width tilde for the dash: Windows' Japanese encodings turn the wave dash
 *   `〜` (which is recognised) into `～` (U+FF5E), so an export made there carries this one;
 * - a number inside a Telegram or Signal link, as inside a WhatsApp link (which is recognised);
 * - a LinkedIn profile address, which names the person (`/in/<first>-<last>`): as a dropped column it never
 *   reaches the site, typed into a kept column (a source) it does once it recurs.
 */
import { describe, expect, it } from 'vitest';
import { contactDetailsIn } from '../../scripts/read/values.ts';

const MISSED: readonly string[] = [
  '090～1234～5678',
  't.me/+15550100999',
  'https://signal.me/#p/+15550100999',
  'https://www.linkedin.com/in/zqx-jane-doe',
];

describe('contact details beside the spellings fixed after the first attack', () => {
  // Once not recognised by contactDetailsIn, and published as a label once it recurred.
  it.each(MISSED)('%s is hidden', (text) => {
    expect(contactDetailsIn(text)).not.toBeNull();
  });

  // Held when attacked again: the fixed spellings' neighbours.
  it.each([
    ['090〜1234〜5678', 'phone number'],
    ['０９０ー１２３４ー５６７８', 'phone number'],
    ['https://api.whatsapp.com/send?phone=15550100999', 'phone number'],
    ['wa.me/15550100999?text=hi', 'phone number'],
    ['Zqx Doe <zqx.doe@acme>', 'e-mail address'],
    ['zqx.doe＠acme', 'e-mail address'],
    ['+1 555 \u20600100\u2060 9999', 'phone number'], // word joiners
    ['phone: five five five 0100 9999', 'phone number'],
    ['https://de.linkedin.com/pub/zqx-doe/1/2/3', 'profile link'],
    ['xing.com/profile/Zqx_Doe', 'profile link'],
    ['github.com/zqxdoe', 'profile link'],
  ])('%s is a %s', (text, what) => {
    expect(contactDetailsIn(text)).toBe(what);
  });

  // A job board or a company page is a source, not a person.
  it.each([
    'LinkedIn',
    'LinkedIn Recruiter',
    'linkedin.com/company/acme',
    'GitHub Jobs',
    'github.com/orgs/acme',
    'XING',
  ])('%s is not contact details', (text) => {
    expect(contactDetailsIn(text)).toBeNull();
  });
});
