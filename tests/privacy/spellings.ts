/**
 * Contact details in the spellings people use, and texts that only look a little like them (issue 18, item 2):
 * one table for the unit test of the detector and for the exports that plant each spelling in each column.
 */

/** [spelling, what it is]. The tokens are fake. */
export const CONTACT_SPELLINGS: ReadonlyArray<readonly [string, 'e-mail address' | 'phone number']> = [
  ['zqx.jane@example.com', 'e-mail address'],
  ['zqx.jane(at)example.com', 'e-mail address'],
  ['zqx.jane (at) example.com', 'e-mail address'],
  ['zqx.jane[at]example.com', 'e-mail address'],
  ['zqx.jane [at] example [dot] com', 'e-mail address'],
  ['zqx.jane{at}example{dot}com', 'e-mail address'],
  ['zqx.jane at example dot com', 'e-mail address'],
  ['Mail zqx.jane AT example DOT co DOT uk', 'e-mail address'],
  ['zqx.jane @example.com', 'e-mail address'],
  ['zqx.jane @ example.com', 'e-mail address'],
  ['zqx.jane@ example . com', 'e-mail address'],
  ['zqx.jane＠example.com', 'e-mail address'], // full-width at sign
  ['ｚｑｘ．ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'e-mail address'], // all full-width
  ['zqx.jane\u200b@example.com', 'e-mail address'], // a zero-width space
  ['zqx@gmail', 'e-mail address'], // no top-level domain
  ['zqx.jane(at)gmail', 'e-mail address'],
  ['zqx.jane [at] hotmail', 'e-mail address'],
  ['zqx.jane at gmx', 'e-mail address'],
  ['zqx.jane.doe@acme', 'e-mail address'], // first.last at a company, no top-level domain
  ['06 12 34 56 78', 'phone number'],
  ['06.12.34.56.78', 'phone number'], // French
  ['06-12-34-56-78', 'phone number'],
  ['06–12–34–56–78', 'phone number'], // en-dashes
  ['06—12—34—56—78', 'phone number'], // em-dashes
  ['0470.12.34.56', 'phone number'], // Belgian mobile
  ['0470/12.34.56', 'phone number'],
  ['612.345.678', 'phone number'], // Spanish
  ['612 345 678', 'phone number'],
  ['+33 6 12 34 56 78', 'phone number'],
  ['+49 (0)30 1234567', 'phone number'],
  ['030/1234567', 'phone number'],
  ['+44 20 7946 0958', 'phone number'],
  ['(555) 010-2345', 'phone number'], // American
  ['555-010-2345', 'phone number'],
  ['555.010.2345', 'phone number'],
  ['555\u2011010\u20112345', 'phone number'], // non-breaking hyphens
  ['555 − 010 − 2345', 'phone number'], // minus signs
  ['０６１２３４５６７８', 'phone number'], // full-width digits
  ['٠٦١٢٣٤٥٦٧٨', 'phone number'], // Arabic-Indic digits
  ['۰۶۱۲۳۴۵۶۷۸', 'phone number'], // Extended Arabic-Indic (Persian) digits
  ['०६१२३४५६७८', 'phone number'], // Devanagari digits
  ['06\u00a012\u00a034\u00a056\u00a078', 'phone number'], // non-breaking spaces
  ['Call her back on 06.12.34.56.78 after 5', 'phone number'],
  ['Tel: 0470 12 34 56', 'phone number'],
  ['06,12,34,56,78', 'phone number'], // commas
  ['555,010,2345', 'phone number'],
  ['612_345_678', 'phone number'], // underscores
  ['06_12_34_56_78', 'phone number'],
  ['555|0100|9999', 'phone number'], // bars
  ['Mobile 06 | 12 | 34 | 56 | 78', 'phone number'],
  ['tel=0612345678', 'phone number'], // a query string or a key=value note: the key says it is a number to call
  ['phone=+33612345678', 'phone number'],
  ['Tel=06.12.34.56.78', 'phone number'],
  // Other names of the at sign: "(a)" (Finland, Sweden), "(ät)", the sign's name in the writer's language.
  ['zqx.jane(a)example.fi', 'e-mail address'],
  ['zqx.jane (a) example.fi', 'e-mail address'],
  ['zqx.jane[a]example.com', 'e-mail address'],
  ['zqx.jane（a）example.com', 'e-mail address'], // full-width brackets
  ['zqx.jane(a)example(dot)fi', 'e-mail address'],
  ['zqx.jane(a)gmail', 'e-mail address'],
  ['zqx.jane(ät)example.de', 'e-mail address'],
  ['zqx.jane [ät] example [punkt] de', 'e-mail address'],
  ['zqx.jane(arroba)example.es', 'e-mail address'],
  ['zqx.jane(chiocciola)example(punto)it', 'e-mail address'],
  ['zqx.jane (snabel-a) example.se', 'e-mail address'],
  // "at" between two of the same separator.
  ['zqx.jane-at-example.com', 'e-mail address'],
  ['zqx.jane_at_example.com', 'e-mail address'],
  ['zqx.jane#at#example.com', 'e-mail address'],
  ['zqx.jane*at*example*dot*com', 'e-mail address'],
  ['zqx.jane-at-example-dot-co-dot-uk', 'e-mail address'],
  // The letter O typed for a zero, l or I for a one, inside a grouped number.
  ['077OO 9OO123', 'phone number'],
  ['O77OO 9OO123', 'phone number'],
  ['06 l2 34 56 78', 'phone number'],
  ['555-0I0-2345', 'phone number'],
  ['+44 (O)77OO 9OO 123', 'phone number'],
  ['o6.12.34.56.78', 'phone number'],
  ['zero six, one two, three four, five six, seven eight', 'phone number'], // read out in words
];

/** Texts with digits, at signs or "at" that are labels, not contact details. */
export const NOT_CONTACTS: readonly string[] = [
  '2025-01-31',
  '2025-01-31T10:00:00Z',
  '2025-01-31 10:00:00',
  '31/01/2025',
  '31.01.2025',
  '1.2.25',
  'Start 2025-03-01, notice 2025-01-31',
  'REQ-2025-0042',
  'JOB_20250131_0042',
  'Requisition REQ-2025-0042',
  '2019-2025',
  'FY 2024/25',
  'Q3 2025',
  '2025',
  '1,250,000',
  'Salary €1.250.000',
  'Asked for 85.000 EUR, budget 1.200.000 €',
  '$120,000 - $140,000',
  'Interview 09:30-10:45',
  'Data & AI',
  'Meet at the office',
  'Looked at the offer',
  'Team @ scale',
  'Referral',
  'Senior Engineer (L5)',
  'Level 3 of 5, 4 years',
  '2019-2023',
  'REQ-1234',
  'REQ_1234_5678',
  '120,000',
  'Salary 120,000',
  '120,000-150,000',
  '120,000 | 150,000',
  'FY2024|FY2025',
  'Rounds 1, 2, 3',
  'Data@Scale',
  'Infra @ web',
  'Moved to a job at Google',
  'Stage 2|3',
  'Under 1 day, 1–3, 3–7, 7–30 and 30 or more days', // a list of ranges
  '0–30, 31–60, 61–90, 91–180',
  'id=12345678', // an identifier after a key and `=`, as in a link's query string
  'ats?job=20250131&ref=7654321',
  // "(a)" numbers a list; "at" joins words; only before a domain are they an at sign.
  'Team (a) Sales',
  'plan (a) or (b)',
  'Option [a] or [b]',
  '(a) Salary (b) Location',
  'Section (a) 2.1',
  'Chose option (a) yes. No regrets',
  'Stay-at-home parent',
  'Work_at_home',
  'Q&A #at# onsite',
  // Letters beside digits that are no digit group: O and l only count inside a number of 7 digits or more.
  'Top 1OO',
  'Win1O laptop',
  'COVID-19 lockdown 2O2O',
  'Looked at 1OO CVs',
  'Level II, l3',
  'O12345678', // an identifier: a letter, then digits
  'l2345678',
  'Boeing 7O7 and 737',
  '2O25-O1-31',
  'one two three four five six', // six number words: not a phone number
  'Rounds one, two and three',
];
