/**
 * Rejection reason → category (and, where the reason says it, who ended the process).
 *
 * The defaults cover the vendors' default reasons (from the vendors' public documentation: Greenhouse, Lever's
 * documented examples — Lever publishes no default list, its archive reasons are set up per account —, Ashby's
 * reason types, Workable's defaults) and the synonyms teams commonly type, with the reasons of real exports.
 * A reason is matched by its words (`reasonKey`): case, punctuation, hyphens and spaces between words, plurals
 * and the articles a, an, the do not count, so "Over-qualified" is "Overqualified" and "Salary expectation too
 * high" is "Salary expectations too high"; failing that, a reason a letter or two away from exactly one known
 * reason is taken as that one (a typo). The config's `reasons` map (same matching) overrides a default, field
 * by field.
 *
 * A non-empty reason found in neither table is categorised `other` and reported in the data-quality page
 * with the config snippet that maps it (never guessed silently).
 */
import { distance } from 'fastest-levenshtein';
import type { RejectedBy } from '../schema/canonical.ts';
import type { Config, ReasonCategory } from '../schema/config.ts';
import { RARE_TEXT } from '../read/values.ts';

export interface ReasonRule {
  category: ReasonCategory;
  /** Set only when the reason itself says who ended the process. */
  rejectedBy?: RejectedBy;
}

const company = (category: ReasonCategory): ReasonRule => ({ category, rejectedBy: 'company' });
const candidate = (category: ReasonCategory): ReasonRule => ({ category, rejectedBy: 'candidate' });
const either = (category: ReasonCategory): ReasonRule => ({ category });

/** Written in the vendors' spelling; keys are normalised when the lookup is built. */
const DEFAULTS: Record<string, ReasonRule> = {
  // ---- Greenhouse defaults. "We rejected them":
  Duplicate: company('other'),
  'Lacking skill(s)/qualification(s)': company('skills'),
  'Not a cultural fit': company('values'),
  'Other (add notes below)': company('other'),
  'Preferred another candidate': company('position filled'),
  Spam: company('other'),
  // "They rejected us" ("Other" appears in both groups, so it says nothing about who):
  "Didn't like offer": candidate('compensation'),
  Other: either('other'),
  "Wasn't available": candidate('logistics'),
  "Wasn't interested": candidate('candidate withdrew'),
  // "None specified":
  'None specified': either('unspecified'),

  // ---- Lever's documented archive-reason examples.
  Underqualified: company('skills'),
  'Culture fit': company('values'),
  Timing: either('logistics'),
  Withdrew: candidate('candidate withdrew'),
  'Offer declined': candidate('candidate withdrew'),
  'Position filled': company('position filled'),

  // ---- Ashby reason types (when an export carries the type instead of the text).
  RejectedByCandidate: candidate('candidate withdrew'),
  RejectedByOrg: company('other'),

  // ---- Workable defaults ("Candidate rejected" / "Candidate withdrew").
  "Doesn't have required qualifications": company('skills'),
  "Doesn't have required experience": company('experience'),
  "Area of speciality doesn't match job": company('skills'),
  "Area of specialty doesn't match job": company('skills'),
  "Doesn't match job location": either('logistics'),
  'Job no longer receiving applications': company('position filled'),
  'Not interested': candidate('candidate withdrew'),
  'Other candidates are more suitable': company('position filled'),
  'Salary expectations too high': either('compensation'),
  'Unsuccessful interview': company('skills'),
  'Unsuccessful assessment': company('skills'),
  "Doesn't meet timeframe for job": either('logistics'),
  'Could not be contacted': candidate('candidate withdrew'),
  'Withdrew/declined interview': candidate('candidate withdrew'),
  'Did not attend interview': candidate('candidate withdrew'),
  'Rejected offer': candidate('candidate withdrew'),

  // ---- Common synonyms.
  'Lacking skills': company('skills'),
  'Lacking skill': company('skills'),
  'Lacking qualifications': company('skills'),
  'Lacking qualification': company('skills'),
  'Lacking skills/qualifications': company('skills'),
  'Not qualified': company('skills'),
  'Missing skills': company('skills'),
  'Skills gap': company('skills'),
  'Skill gap': company('skills'),
  Skills: company('skills'),
  'Technical skills': company('skills'),
  'Failed technical assessment': company('skills'),
  'Skills mismatch': company('skills'),
  'Skill set mismatch': company('skills'),
  'Skills not aligned': company('skills'),
  'Insufficient skills': company('skills'),
  'Lack of skills': company('skills'),
  Unqualified: company('skills'),
  'Failed assessment': company('skills'),
  'Failed interview': company('skills'),
  'Did not pass interview': company('skills'),
  'Communication skills': company('skills'),
  'Not enough experience': company('experience'),
  'Insufficient experience': company('experience'),
  'Lacks experience': company('experience'),
  'Lack of experience': company('experience'),
  'Too junior': company('experience'),
  'Too senior': company('experience'),
  Overqualified: company('experience'),
  Experience: company('experience'),
  'Career goals not aligned': either('career goals'),
  'Career goals': either('career goals'),
  'Career goals misaligned': either('career goals'),
  'Misaligned career goals': either('career goals'),
  'Not aligned with career goals': either('career goals'),
  'Career aspirations not aligned': either('career goals'),
  'Not a culture fit': company('values'),
  'Culture fit mismatch': company('values'),
  'Culture mismatch': company('values'),
  'Cultural mismatch': company('values'),
  'Values mismatch': company('values'),
  'Not a values fit': company('values'),
  'Values misalignment': company('values'),
  'Values not aligned': company('values'),
  Values: company('values'),
  Culture: company('values'),
  'Cultural fit': company('values'),
  'Culture add': company('values'),
  'Salary expectations': either('compensation'),
  'Compensation expectations': either('compensation'),
  'Compensation expectations too high': either('compensation'),
  'Compensation mismatch': either('compensation'),
  Compensation: either('compensation'),
  Salary: either('compensation'),
  'Comp too high': either('compensation'),
  'Compensation misaligned': either('compensation'),
  'Compensation misalignment': either('compensation'),
  'Compensation not aligned': either('compensation'),
  'Salary misaligned': either('compensation'),
  'Salary mismatch': either('compensation'),
  'Salary expectations not aligned': either('compensation'),
  'Salary too high': either('compensation'),
  // Too low is the candidate's verdict on the offer.
  'Salary too low': candidate('compensation'),
  'Offer too low': candidate('compensation'),
  "Didn't like the offer": candidate('compensation'),
  'Relocation not possible': either('logistics'),
  Relocation: either('logistics'),
  'Not willing to relocate': either('logistics'),
  'Unwilling to relocate': either('logistics'),
  Commute: either('logistics'),
  'Commute too long': either('logistics'),
  'Remote only': either('logistics'),
  'Wants remote': either('logistics'),
  'Unable to relocate': either('logistics'),
  Location: either('logistics'),
  'Location mismatch': either('logistics'),
  'Visa sponsorship': either('logistics'),
  'Needs visa sponsorship': either('logistics'),
  'Work authorization': either('logistics'),
  'Work authorisation': either('logistics'),
  'Notice period': either('logistics'),
  'Start date': either('logistics'),
  Availability: either('logistics'),
  'Not available': candidate('logistics'),
  'Position closed': company('position filled'),
  'Role filled': company('position filled'),
  'Job closed': company('position filled'),
  'Hired someone else': company('position filled'),
  'Hired another candidate': company('position filled'),
  'Another candidate hired': company('position filled'),
  'Stronger candidates': company('position filled'),
  'Position cancelled': company('position filled'),
  'Position on hold': company('position filled'),
  'Role cancelled': company('position filled'),
  'Job cancelled': company('position filled'),
  'Hiring freeze': company('position filled'),
  'Accepted another offer': candidate('candidate withdrew'),
  'Took another offer': candidate('candidate withdrew'),
  'Hired elsewhere': candidate('candidate withdrew'),
  'Accepted another job': candidate('candidate withdrew'),
  'Took another job': candidate('candidate withdrew'),
  'Took another position': candidate('candidate withdrew'),
  'Accepted another position': candidate('candidate withdrew'),
  'Accepted a better offer': candidate('candidate withdrew'),
  'Counter offer': candidate('candidate withdrew'),
  'Accepted counter offer': candidate('candidate withdrew'),
  'Stayed with current employer': candidate('candidate withdrew'),
  'Personal reasons': candidate('candidate withdrew'),
  'Candidate withdrew': candidate('candidate withdrew'),
  Withdrawn: candidate('candidate withdrew'),
  'Withdrew application': candidate('candidate withdrew'),
  'Declined offer': candidate('candidate withdrew'),
  'Offer rejected': candidate('candidate withdrew'),
  'No longer interested': candidate('candidate withdrew'),
  'Not interested anymore': candidate('candidate withdrew'),
  Unresponsive: candidate('candidate withdrew'),
  'No response': candidate('candidate withdrew'),
  'No show': candidate('candidate withdrew'),
  'No-show': candidate('candidate withdrew'),
  Ghosted: candidate('candidate withdrew'),
  'Duplicate application': company('other'),
  'Duplicate candidate': company('other'),
  'Failed background check': company('other'),
  'Failed reference check': company('other'),
  'Other reason': either('other'),
  // Text too rare to publish (scripts/read/labels.ts): other, and not a reason to map.
  [RARE_TEXT]: either('other'),
  // ---- No reason given.
  '': either('unspecified'),
  None: either('unspecified'),
  'No reason': either('unspecified'),
  'No reason given': either('unspecified'),
  'Not specified': either('unspecified'),
  Unspecified: either('unspecified'),
  'N/A': either('unspecified'),
  NA: either('unspecified'),
  '-': either('unspecified'),
};

/** Words that change nothing in a reason ("Not a culture fit" = "Not culture fit"). */
const FILLERS = new Set(['a', 'an', 'the']);

/** A word in the singular, roughly: enough to tell "expectations" and "expectation" apart from nothing else. */
function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith('s') || /(ss|us|is)$/.test(word)) return word;
  return word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.slice(0, -1);
}

/**
 * How a reason is matched: its words, lower case, in the singular, without articles, apostrophes or the spaces
 * and hyphens between them ("Over-qualified", "over qualified" and "Overqualified" are one key; so are
 * "Lacking skill(s)" and "lacking skills"). `&` reads as "and".
 */
export function reasonKey(reason: string): string {
  return reason
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['‘’`´]/g, '')
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !FILLERS.has(word))
    .map(singular)
    .join('');
}

/**
 * How far a reason may be from a known one and still be taken as it: one letter in a reason of 6–11 letters,
 * two from 12 letters. Shorter reasons must match exactly ("Spam" is not "Span"); longer ones are prose.
 */
function typosAllowed(key: string): number {
  if (key.length < 6 || key.length > 60) return 0;
  return key.length < 12 ? 1 : 2;
}

export interface ReasonLookup {
  /** The rule for a raw reason; `known: false` when neither the config nor the defaults name it. */
  (reason: string): ReasonRule & { known: boolean };
}

export function reasonLookup(configured: Config['reasons']): ReasonLookup {
  const defaults = new Map<string, ReasonRule>();
  for (const [reason, rule] of Object.entries(DEFAULTS)) defaults.set(reasonKey(reason), rule);
  const user = new Map<string, Config['reasons'][string]>();
  for (const [reason, rule] of Object.entries(configured)) user.set(reasonKey(reason), rule);
  const keys = [...new Set([...user.keys(), ...defaults.keys()])];

  /** The known key a reason stands for: its own, or the one known key within a typo or two of it. */
  const knownKey = (key: string): string | null => {
    if (user.has(key) || defaults.has(key)) return key;
    const allowed = typosAllowed(key);
    if (allowed === 0) return null;
    let best: string | null = null;
    let bestDistance = allowed + 1;
    let tied = false;
    for (const known of keys) {
      if (Math.abs(known.length - key.length) > allowed) continue;
      const d = distance(key, known);
      if (d < bestDistance) [best, bestDistance, tied] = [known, d, false];
      else if (d === bestDistance) tied = true;
    }
    // Two known reasons equally close: guessing between them would be silent; the user maps it instead.
    return tied ? null : best;
  };

  // Exports repeat a few dozen reasons over thousands of rows: match each distinct spelling once.
  const cache = new Map<string, ReasonRule & { known: boolean }>();
  return (reason) => {
    const cached = cache.get(reason);
    if (cached) return cached;
    const key = knownKey(reasonKey(reason));
    const fromUser = key === null ? undefined : user.get(key);
    const fromDefaults = key === null ? undefined : defaults.get(key);
    const category = fromUser?.category ?? fromDefaults?.category;
    const rejectedBy = fromUser?.rejectedBy ?? fromDefaults?.rejectedBy;
    const rule = {
      category: category ?? 'other',
      ...(rejectedBy ? { rejectedBy } : {}),
      known: category !== undefined,
    };
    if (cache.size < 100_000) cache.set(reason, rule);
    return rule;
  };
}

/** The default table, for the definitions page and tests. */
export const DEFAULT_REASONS: Readonly<Record<string, ReasonRule>> = DEFAULTS;
