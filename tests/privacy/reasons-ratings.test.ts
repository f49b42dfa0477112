/**
 * Reasons and ratings (issue 17, item 5): rejection reasons as teams really spell them, and numeric interview
 * ratings mapped to recommendations by ranges in the config.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../scripts/log.ts';
import { reasonKey, reasonLookup } from '../../scripts/metrics/reasons.ts';
import { ingest } from '../../scripts/read/ingest.ts';
import { ratingReader } from '../../scripts/read/values.ts';
import { configSchema } from '../../scripts/schema/config.ts';
import { templateColumns } from '../../scripts/schema/canonical.ts';

describe('reason matching', () => {
  const defaults = reasonLookup({});

  it.each([
    // [as typed, the built-in entry it is, its category]
    ['Over-qualified', 'Overqualified', 'experience'],
    ['over qualified', 'Overqualified', 'experience'],
    ['OVERQUALIFIED.', 'Overqualified', 'experience'],
    ['Salary expectation too high', 'Salary expectations too high', 'compensation'],
    ['salary-expectations too high!', 'Salary expectations too high', 'compensation'],
    ['Culture fit mismatch', 'Culture fit mismatch', 'values'],
    ['Not culture fit', 'Not a culture fit', 'values'],
    ['Lacking skill', 'Lacking skill(s)/qualification(s)', 'skills'], // a synonym of its own
    ['Lacking skills / qualifications', 'Lacking skill(s)/qualification(s)', 'skills'],
    ['No show', 'No-show', 'candidate withdrew'],
    ['Accepted other offer', 'Accepted another offer', 'candidate withdrew'], // 2 letters in 19: "other"/"another"
    ['Canidate withdrew', 'Candidate withdrew', 'candidate withdrew'], // one letter missing
    ['Posiiton filled', 'Position filled', 'position filled'], // two letters swapped: 2 edits in 14
    ['Visa sponsorships', 'Visa sponsorship', 'logistics'],
  ])('%j is %j (%s)', (typed, entry, category) => {
    expect(defaults(typed)).toEqual({ ...defaults(entry), known: true });
    expect(defaults(typed).category).toBe(category);
  });

  it.each([
    'Spam!!', // exact after punctuation: "spam" (4 letters, no typo allowed, but it is exact)
  ])('%j matches exactly after folding', (typed) => {
    expect(defaults(typed).known).toBe(true);
  });

  it.each([
    ['Span', 'too short to allow a typo: "Spam" is 1 letter away'],
    ['Too senior for the team', 'prose, no known reason within two letters'],
    ['Spoke to ZQXNAME17 about the offer', 'a person’s words'],
    ['Moon in the wrong phase', 'unknown'],
  ])('%j is not a known reason (%s)', (typed) => {
    expect(defaults(typed)).toEqual({ category: 'other', known: false });
  });

  // Reasons of real exports that fell into "other" (issue 17): each with its category and who it says ended it.
  it.each([
    ['Skills mismatch', 'skills', 'company'],
    ['Skill set mismatch', 'skills', 'company'],
    ['Skills not aligned', 'skills', 'company'],
    ['Insufficient skills', 'skills', 'company'],
    ['Lack of skills', 'skills', 'company'],
    ['Unqualified', 'skills', 'company'],
    ['Failed assessment', 'skills', 'company'],
    ['Failed interview', 'skills', 'company'],
    ['Did not pass interview', 'skills', 'company'],
    ['Communication skills', 'skills', 'company'],
    ['Compensation misaligned', 'compensation', undefined],
    ['Compensation misalignment', 'compensation', undefined],
    ['Compensation not aligned', 'compensation', undefined],
    ['Salary misaligned', 'compensation', undefined],
    ['Salary mismatch', 'compensation', undefined],
    ['Salary expectations not aligned', 'compensation', undefined],
    ['Salary too high', 'compensation', undefined],
    ['Salary too low', 'compensation', 'candidate'],
    ['Offer too low', 'compensation', 'candidate'],
    ['Relocation', 'logistics', undefined],
    ['Not willing to relocate', 'logistics', undefined],
    ['Unwilling to relocate', 'logistics', undefined],
    ['Commute', 'logistics', undefined],
    ['Commute too long', 'logistics', undefined],
    ['Remote only', 'logistics', undefined],
    ['Wants remote', 'logistics', undefined],
    ['Position cancelled', 'position filled', 'company'],
    ['Position canceled', 'position filled', 'company'], // one letter from "cancelled"
    ['Position on hold', 'position filled', 'company'],
    ['Role cancelled', 'position filled', 'company'],
    ['Job cancelled', 'position filled', 'company'],
    ['Hiring freeze', 'position filled', 'company'],
    ['Took another job', 'candidate withdrew', 'candidate'],
    ['Took another position', 'candidate withdrew', 'candidate'],
    ['Accepted another position', 'candidate withdrew', 'candidate'],
    ['Accepted a better offer', 'candidate withdrew', 'candidate'],
    ['Counter offer', 'candidate withdrew', 'candidate'],
    ['Counter-offer', 'candidate withdrew', 'candidate'],
    ['Accepted counter offer', 'candidate withdrew', 'candidate'],
    ['Stayed with current employer', 'candidate withdrew', 'candidate'],
    ['Personal reasons', 'candidate withdrew', 'candidate'],
    ['Failed background check', 'other', 'company'],
    ['Failed reference check', 'other', 'company'],
  ])('%j is known: %s, ended by %s', (reason, category, rejectedBy) => {
    expect(defaults(reason)).toEqual({ category, ...(rejectedBy ? { rejectedBy } : {}), known: true });
  });

  // Greenhouse's default rejection reasons (its help centre's table), each in its reason type: "We rejected
  // them" is the company, "They rejected us" the candidate, except "Other", which is in both.
  it.each([
    ['Duplicate', 'other', 'company'],
    ['Lacking skill(s)/qualification(s)', 'skills', 'company'],
    ['Not a cultural fit', 'values', 'company'],
    ['Other (add notes below)', 'other', 'company'],
    ['Preferred another candidate', 'position filled', 'company'],
    ['Spam', 'other', 'company'],
    ["Didn't like offer", 'compensation', 'candidate'],
    ['Other', 'other', undefined],
    ["Wasn't available", 'logistics', 'candidate'],
    ["Wasn't interested", 'candidate withdrew', 'candidate'],
    ['None specified', 'unspecified', undefined],
  ])('Greenhouse default %j is %s, ended by %s', (reason, category, rejectedBy) => {
    expect(defaults(reason)).toEqual({ category, ...(rejectedBy ? { rejectedBy } : {}), known: true });
  });

  it('does not guess between two known reasons equally close', () => {
    // "Salary" and "Salory" are 1 away from "salary"; with both configured, "Salury" is 1 from each.
    const lookup = reasonLookup({ Salory: { category: 'logistics' } });
    expect(lookup('Salury').known).toBe(false);
    expect(lookup('Salory').category).toBe('logistics');
  });

  it('keys a reason by its words: case, punctuation, hyphens, articles and plurals do not count', () => {
    expect(reasonKey('Over-Qualified')).toBe('overqualified');
    expect(reasonKey("Doesn't have the required qualifications")).toBe('doesnthaverequiredqualification');
    expect(reasonKey('Data & AI skills')).toBe('dataandaiskill');
  });

  it('applies the config to every spelling of a configured reason, and overrides the defaults', () => {
    const lookup = reasonLookup({ 'Comp too high': { category: 'compensation', rejectedBy: 'candidate' } });
    expect(lookup('comp. too-high')).toEqual({ category: 'compensation', rejectedBy: 'candidate', known: true });
    expect(lookup('Comp to high')).toEqual({ category: 'compensation', rejectedBy: 'candidate', known: true });
  });
});

describe('ratings by range', () => {
  const FIVE_POINT = [
    { from: 4.5, to: 5, recommendation: 'strong_yes' },
    { from: 3.5, to: 4.5, recommendation: 'yes' },
    { from: 2, to: 3.5, recommendation: 'no' },
    { from: 1, to: 2, recommendation: 'strong_no' },
  ] as const;

  it.each([
    ['5', 'strong_yes'],
    ['4.5', 'strong_yes'], // where two ranges touch, the upper one
    ['4,5', 'strong_yes'], // a decimal comma
    ['4.49', 'yes'],
    ['3.5', 'yes'],
    ['3', 'no'],
    ['2.0', 'no'],
    ['1', 'strong_no'],
    [' 4 / 5 ', 'yes'], // four out of five
    ['0.5', undefined], // in no range
    ['6', undefined],
    ['Strong yes', undefined], // text is the synonyms' business, not the ranges'
  ])('%j reads as %s', (text, expected) => {
    expect(ratingReader(FIVE_POINT)(text)).toBe(expected);
  });

  it('is validated in the config: from ≤ to, no overlap beyond touching, no two ranges from one rating', () => {
    expect(configSchema.safeParse({ ratings: FIVE_POINT }).success).toBe(true);
    const errors = (ratings: unknown) => {
      const result = configSchema.safeParse({ ratings });
      return result.success ? [] : result.error.issues.map((i) => i.message);
    };
    expect(errors([{ from: 5, to: 4, recommendation: 'yes' }])).toEqual(['"from" must not be greater than "to"']);
    expect(
      errors([
        { from: 3, to: 4.5, recommendation: 'yes' },
        { from: 4, to: 5, recommendation: 'strong_yes' },
      ]),
    ).toEqual(['rating ranges overlap: each rating must fall in one range (ranges may touch)']);
    expect(
      errors([
        { from: 4, to: 4, recommendation: 'yes' },
        { from: 4, to: 5, recommendation: 'strong_yes' },
      ]),
    ).toHaveLength(1);
    expect(errors([{ from: 1, to: 4, recommendation: 'maybe' }])).toHaveLength(1);
    expect(configSchema.parse({}).ratings).toEqual([]);
  });

  describe('in an interviews export scored 1–4', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ratings-'));
      const line = (cells: string[]) => cells.join(',') + '\r\n';
      await writeFile(
        join(dir, 'requisitions.csv'),
        line(templateColumns('requisitions').map(String)) +
          line(['R1', 'J1', 'Engineer', 'Eng', 'Berlin', 'M', 'Rc', '2025-01-01', '', '', 'open']),
      );
      await writeFile(
        join(dir, 'applications.csv'),
        'application_id,candidate_id,job_id,applied_at,status\r\nA1,C1,J1,2025-01-02,active\r\n',
      );
      const scores = ['4', '3', '2', '1', '3.5', '9'];
      await writeFile(
        join(dir, 'interviews.csv'),
        'interview_id,application_id,interview_at,recommendation\r\n' +
          scores.map((score, i) => `I${i},A1,2025-01-0${i + 3}T10:00:00Z,${score}\r\n`).join(''),
      );
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('maps each score by its range, and counts a score in no range as unmapped', async () => {
      const config = configSchema.parse({
        ratings: [
          { from: 4, to: 4, recommendation: 'strong_yes' },
          { from: 3, to: 4, recommendation: 'yes' },
          { from: 2, to: 3, recommendation: 'no' },
          { from: 1, to: 2, recommendation: 'strong_no' },
        ],
      });
      const { tables, quality } = await ingest(dir, config, silentLogger);
      // 4 → strong_yes (the upper of [3,4] and [4,4]); 3 → yes; 2 → no; 1 → strong_no; 3.5 → yes; 9 → none.
      expect(tables.interviews.rows().map((i) => i.recommendation)).toEqual([
        'strong_yes',
        'yes',
        'no',
        'strong_no',
        'yes',
        null,
      ]);
      expect(quality.unmapped.filter((u) => u.column === 'recommendation').map((u) => u.rows)).toEqual([1]);
    });
  });
});
