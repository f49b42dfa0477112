/**
 * Published text is a label, never a person's words.
 *
 * A text value from a candidate-level table (a rejection reason, a stage, a source, a department or job title
 * typed on an application…) reaches the site only when it is a known value — a built-in or configured
 * rejection reason, a stage of the configured `stageOrder` or of the vendors' default pipelines, a common
 * source, a department or job title of a requisition — or when it recurs across the applications of at least
 * `privacy.minGroupSize` different candidates (never fewer than two: a candidate's own name typed on each of
 * their five applications is still one person's). Rarer text
 * may be a person's words ("Spoke to <candidate> about the offer", a column of names mapped by mistake): it is
 * replaced by `RARE_TEXT` (a department or job title by nothing, so the requisition's own is used), and counted
 * on the data-quality page, never quoted. Applied once, to the canonical tables before the metrics, so every
 * page, CSV and log line downstream sees only labels.
 *
 * Unknown enum values (a status or recommendation nobody mapped) follow the same rule in the data-quality
 * report: quoted only when seen at least that often, otherwise counted.
 */
import { UserError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { applicationFinder } from '../metrics/context.ts';
import { DEFAULT_REASONS, reasonKey, reasonLookup } from '../metrics/reasons.ts';
import type { Aggregates } from '../schema/aggregates.ts';
import type { CanonicalTables, Entity } from '../schema/canonical.ts';
import type { Config } from '../schema/config.ts';
import { NO_APPLICATION, NO_REQUISITION } from './checks.ts';
import { formatCount, matchKey, RARE_TEXT } from './values.ts';

type Quality = Aggregates['quality'];
type Unmapped = Quality['unmapped'][number];

export { RARE_TEXT };

/**
 * The vendors' default pipeline stages (Greenhouse, Lever, Ashby, Workable) and the outcomes stage events name:
 * labels set up once by an ATS admin, not typed about a candidate. Compared by `labelKey`.
 */
const KNOWN_STAGES = [
  'Lead',
  'New lead',
  'Reached out',
  'Responded',
  'Contacted',
  'Sourced',
  'New',
  'New applicant',
  'Applied',
  'Application',
  'Application Review',
  'Review',
  'Screen',
  'Screening',
  'Phone Screen',
  'Preliminary Phone Screen',
  'Recruiter Screen',
  'Hiring Manager Screen',
  'HM Screen',
  'Technical Screen',
  'Phone Interview',
  'Video Interview',
  'Assessment',
  'Take Home',
  'Take Home Test',
  'Take-home assignment',
  'Coding Challenge',
  'Case Study',
  'Interview',
  'First Interview',
  'Second Interview',
  'Final Interview',
  'Panel',
  'Panel Interview',
  'Onsite',
  'On-site interview',
  'Face to Face',
  'Team Interview',
  'Culture Interview',
  'Reference Check',
  'References',
  'Background Check',
  'Offer',
  'Offer Extended',
  'Offer Accepted',
  'Offer Declined',
  'Hired',
  'Joined',
  'Rejected',
  'Declined',
  'Disqualified',
  'Withdrawn',
  'Withdrew',
  'Archived',
  'Not selected',
  'Unsuccessful',
];
/** Common sources of candidates: job boards, channels and programmes, not people. */
const KNOWN_SOURCES = [
  'LinkedIn',
  'LinkedIn Jobs',
  'Indeed',
  'Glassdoor',
  'Monster',
  'ZipRecruiter',
  'StepStone',
  'Xing',
  'Otta',
  'Welcome to the Jungle',
  'Wellfound',
  'AngelList',
  'Stack Overflow',
  'GitHub',
  'Hacker News',
  'Google Jobs',
  'Job board',
  'Job boards',
  'Job fair',
  'Careers page',
  'Career page',
  'Careers site',
  'Career site',
  'Company website',
  'Website',
  'Jobs page',
  'Referral',
  'Employee referral',
  'Internal',
  'Internal applicant',
  'Internal transfer',
  'Agency',
  'Recruiting agency',
  'Recruitment agency',
  'Headhunter',
  'Sourced',
  'Sourcing',
  'Outbound',
  'Inbound',
  'Applied',
  'Direct',
  'Event',
  'Events',
  'University',
  'Campus',
  'Social media',
  'Twitter',
  'Facebook',
  'Instagram',
  'Other',
  'Unknown',
];

/** How a text is compared with the built-in labels: case, spaces, hyphens and a final plural "s" aside. */
const labelKey = (text: string): string => matchKey(text).replace(/s$/, '');

/**
 * Who typed a reason on an application without a candidate id cannot be told: one person's five applications
 * would look like five people, so such reasons count as one person's (published only when known or mapped).
 */
const NO_CANDIDATE_ID = '\u0000no candidate id';

/** The number of different candidates a text must come from to be published as written. */
export const labelThreshold = (config: Config): number => Math.max(2, config.privacy.minGroupSize);

/**
 * Distinct candidates per value (an application without a candidate id counts as one of its own), counted only
 * up to the threshold (all the rule needs): memory stays bounded by the number of distinct values.
 */
class Recurrence {
  private readonly seen = new Map<string, Set<number | string> | true>();
  private readonly threshold: number;
  constructor(threshold: number) {
    this.threshold = threshold;
  }

  add(value: string | null | undefined, person: number | string): void {
    if (value === null || value === undefined) return;
    let people = this.seen.get(value);
    if (people === true) return;
    if (people === undefined) this.seen.set(value, (people = new Set()));
    people.add(person);
    if (people.size >= this.threshold) this.seen.set(value, true);
  }

  recurs(value: string): boolean {
    return this.seen.get(value) === true;
  }

  /** Whether adding `value` may still change anything: it is given, and not yet known to recur. */
  open(value: string | null | undefined): value is string {
    return value !== null && value !== undefined && this.seen.get(value) !== true;
  }
}

/** How often one column's values were replaced: rows, and distinct values. */
interface Replaced {
  entity: Entity;
  column: string;
  rows: number;
  values: Set<string>;
  /** Non-empty values looked at, to tell a column of prose or names from a few rare labels. */
  looked: number;
}

/**
 * The rule, applied in place to the tables; returns the data-quality report with rare values counted, not
 * quoted. Stops the build when a table is mostly quarantined for one column (a column mapped by mistake).
 */
export function applyLabelRule(tables: CanonicalTables, quality: Quality, config: Config, log: Logger): Quality {
  stopWhenMostlyQuarantined(quality, log);
  const threshold = labelThreshold(config);
  const reasons = reasonLookup(config.reasons);
  const knownStages = new Set([...KNOWN_STAGES, ...(config.stageOrder ?? [])].map(labelKey));
  const knownSources = new Set(KNOWN_SOURCES.map(labelKey));
  const departments = new Set<string>();
  const titles = new Set<string>();
  for (const r of tables.requisitions) {
    if (r.department !== null) departments.add(r.department);
    titles.add(r.jobTitle);
  }

  // Stages are pooled over the three tables that name them, reasons over applications and stage events.
  const stages = new Recurrence(threshold);
  const reasonsGiven = new Recurrence(threshold);
  const sources = new Recurrence(threshold);
  const ownDepartments = new Recurrence(threshold);
  const ownTitles = new Recurrence(threshold);
  const { applications, interviews, stageEvents } = tables;
  for (const a of applications) {
    const person = a.candidateKey ?? a.applicationId;
    stages.add(a.currentStage, person);
    reasonsGiven.add(a.rejectionReason, a.candidateKey ?? NO_CANDIDATE_ID);
    sources.add(a.source, person);
    ownDepartments.add(a.department, person);
    ownTitles.add(a.jobTitle, person);
  }
  // An interview's or event's value counts for its application's candidate. Most rows hold a value already
  // known to recur: their candidate is not looked up (a map of every application id, probed for every row,
  // cost more than the rest of the rule).
  let finder: ReturnType<typeof applicationFinder> | null = null;
  const candidateOf = (application: string): number | null => {
    finder ??= applicationFinder(applications);
    const row = finder.find(application);
    return row < 0 ? null : applications[row]!.candidateKey;
  };
  for (let i = 0; i < interviews.length; i++) {
    const stage = interviews.stage[i];
    if (stages.open(stage)) {
      const application = interviews.applicationId[i]!;
      stages.add(stage, candidateOf(application) ?? application);
    }
  }
  for (let i = 0; i < stageEvents.length; i++) {
    const stage = stageEvents.stage[i];
    const reason = stageEvents.reason[i];
    if (stages.open(stage)) {
      const application = stageEvents.applicationId[i]!;
      stages.add(stage, candidateOf(application) ?? application);
    }
    if (reasonsGiven.open(reason))
      reasonsGiven.add(reason, candidateOf(stageEvents.applicationId[i]!) ?? NO_CANDIDATE_ID);
  }

  const replaced: Replaced[] = [];
  /** A reader of one column: the value if it may be published, else its stand-in (and counted). */
  const column = <T extends string | null>(
    entity: Entity,
    name: string,
    published: (value: string) => boolean,
    standIn: T,
  ) => {
    const report: Replaced = { entity, column: name, rows: 0, values: new Set(), looked: 0 };
    replaced.push(report);
    const verdicts = new Map<string, boolean>();
    return (value: string | null | undefined): string | T | null => {
      if (value === null || value === undefined) return null;
      report.looked++;
      let ok = verdicts.get(value);
      if (ok === undefined) verdicts.set(value, (ok = value === RARE_TEXT || published(value)));
      if (ok) return value;
      report.rows++;
      report.values.add(value);
      return standIn;
    };
  };
  const stageKnown = (value: string) => knownStages.has(labelKey(value)) || stages.recurs(value);
  // A reason a typo or two from a known one is categorised as that one, but published as written only when
  // it is the known reason in other words: the typo's letters may be a name ("Not qualified Al").
  const knownReasonKeys = new Set([...Object.keys(DEFAULT_REASONS), ...Object.keys(config.reasons)].map(reasonKey));
  const reasonKnown = (value: string) =>
    (reasons(value).known && knownReasonKeys.has(reasonKey(value))) || reasonsGiven.recurs(value);
  const appStage = column('applications', 'current_stage', stageKnown, RARE_TEXT);
  const appReason = column('applications', 'rejection_reason', reasonKnown, RARE_TEXT);
  const appSource = column(
    'applications',
    'source',
    (v) => knownSources.has(labelKey(v)) || sources.recurs(v),
    RARE_TEXT,
  );
  // A department or title nobody else gives falls back to its requisition's (null: the requisition's is used).
  const appDepartment = column(
    'applications',
    'department',
    (v) => departments.has(v) || ownDepartments.recurs(v),
    null,
  );
  const appTitle = column('applications', 'job_title', (v) => titles.has(v) || ownTitles.recurs(v), null);
  for (const a of applications) {
    a.currentStage = appStage(a.currentStage);
    a.rejectionReason = appReason(a.rejectionReason);
    a.source = appSource(a.source);
    a.department = appDepartment(a.department);
    a.jobTitle = appTitle(a.jobTitle);
  }
  const interviewStage = column('interviews', 'stage', stageKnown, RARE_TEXT);
  for (let i = 0; i < interviews.length; i++) interviews.stage[i] = interviewStage(interviews.stage[i]);
  const eventStage = column('stage_events', 'stage', stageKnown, RARE_TEXT);
  const eventReason = column('stage_events', 'reason', reasonKnown, RARE_TEXT);
  for (let i = 0; i < stageEvents.length; i++) {
    stageEvents.stage[i] = eventStage(stageEvents.stage[i])!;
    stageEvents.reason[i] = eventReason(stageEvents.reason[i]);
  }

  const rare: Unmapped[] = [];
  for (const r of replaced) {
    if (r.rows === 0) continue;
    const instead = r.column === 'department' || r.column === 'job_title' ? "the requisition's" : `"${RARE_TEXT}"`;
    // Mostly one-offs: more likely names, notes or ids than labels.
    const mostly = r.looked >= 20 && r.rows * 10 >= r.looked * 9;
    const check = mostly
      ? ` Nearly every value of this column is rare: if it holds names, notes or ids, check which column is mapped to ${r.column} ("columns" in dashboard.config.json).`
      : '';
    rare.push({
      entity: r.entity,
      column: r.column,
      value: `(rare text: ${plural(r.values.size, 'value')}, each from fewer than ${threshold} candidates)`,
      rows: r.rows,
      fix: `Shown as ${instead} and never quoted: text given by so few candidates may be a person's words.${check}`,
    });
    log.warn(
      `${r.entity} ${r.column}: ${plural(r.rows, 'value')} given by fewer than ${threshold} candidates each: shown as ${instead}, never quoted (see the data quality page)${mostly ? `; nearly all of the column is like this: check which column is mapped to ${r.column}` : ''}`,
    );
  }
  return { ...quality, unmapped: [...rareEnumValues(quality.unmapped, threshold), ...rare] };
}

/**
 * The unknown enum values of the report, those seen fewer than `threshold` times folded into one entry per
 * column, without their values (a status column mapped to names by mistake lists names otherwise).
 */
function rareEnumValues(unmapped: readonly Unmapped[], threshold: number): Unmapped[] {
  const kept: Unmapped[] = [];
  const folded = new Map<string, Unmapped & { values: number }>();
  for (const u of unmapped) {
    // Hidden contact details are already counted without their values.
    if (u.rows >= threshold || u.value.startsWith('(value hidden')) {
      kept.push(u);
      continue;
    }
    const key = `${u.entity}\u0000${u.column}`;
    const entry = folded.get(key) ?? { ...u, rows: 0, values: 0 };
    entry.rows += u.rows;
    entry.values++;
    folded.set(key, entry);
  }
  for (const { values, ...entry } of folded.values()) {
    kept.push({
      ...entry,
      value: `(rare values: ${plural(values, 'value')}, each in fewer than ${threshold} rows)`,
      fix: `Not quoted: a value seen so rarely may be a person's words. If the column read as ${entry.column} holds what it should, map its values under "values" in dashboard.config.json; otherwise check "columns".`,
    });
  }
  return kept;
}

/** Problems a setting fixes and the build announces with that setting (`dateOrder`): not a mapping mistake. */
const DATE_PROBLEM = /date/i;

/** A row set aside because the row it points to is not there: the table it points to, by that problem. */
const POINTS_TO = new Map<string, Entity>([
  [NO_REQUISITION, 'requisitions'],
  [NO_APPLICATION, 'applications'],
]);

/**
 * A table whose rows were mostly quarantined, most of them for one column, is a column mapped by mistake (a
 * status column that holds candidate names): stop with one message naming the column, never its values,
 * rather than build a dashboard of almost nothing. Date problems are left to their own warning (`dateOrder`).
 *
 * Rows set aside because the row they point to was set aside (an interview of an application quarantined for
 * its date) are not their key column's fault: as many as the table pointed to lost, in share, twice over
 * (applications differ in how many interviews they have), are put down to that table and named with its
 * leading problem; only the rest can blame the key column.
 */
function stopWhenMostlyQuarantined(quality: Quality, log: Logger): void {
  const entities = new Map(quality.entities.map((e) => [e.entity, e]));
  for (const e of quality.entities) {
    if (e.read < 10 || e.quarantined * 2 <= e.read) continue;
    const byColumn = new Map<string, number>();
    const cascades = new Map<Entity, { column: string; rows: number }>();
    for (const entry of quality.ledger) {
      if (entry.entity !== e.entity || entry.action !== 'quarantined' || DATE_PROBLEM.test(entry.problem)) continue;
      const target = POINTS_TO.get(entry.problem);
      if (target === undefined) byColumn.set(entry.column, (byColumn.get(entry.column) ?? 0) + 1);
      else {
        const cascade = cascades.get(target) ?? { column: entry.column, rows: 0 };
        cascade.rows++;
        cascades.set(target, cascade);
      }
    }
    let ownFault = e.quarantined;
    for (const [target, { column, rows }] of cascades) {
      const lost = entities.get(target);
      const share = lost && lost.read > 0 ? Math.min(1, (2 * lost.quarantined) / lost.read) : 0;
      const excused = Math.min(rows, Math.ceil(share * e.read));
      if (excused < rows) byColumn.set(column, (byColumn.get(column) ?? 0) + rows - excused);
      if (excused === 0) continue;
      ownFault -= excused;
      log.warn(
        `${e.entity}: ${plural(excused, 'row')} set aside because the ${target.replace(/s$/, '')} they point to was set aside too, and back once it is read; ${leadingProblem(quality, target)}`,
      );
    }
    if (ownFault * 2 <= e.read) continue;
    const [column, rows] = [...byColumn].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (column === '' || rows * 2 <= ownFault) continue;
    throw new UserError(
      `${formatCount(e.quarantined)} of ${formatCount(e.read)} ${e.entity} rows were set aside, ${formatCount(rows)} of them for this column`,
      { column },
      `Check that the column read as "${column}" is the right one ("columns" in dashboard.config.json): its values do not fit it (they are not quoted here: they may be people's details).`,
    );
  }
}

/** Why most of a table's rows were set aside, by its problem text (a category that holds no cell value). */
function leadingProblem(quality: Quality, entity: Entity): string {
  const byProblem = new Map<string, number>();
  for (const entry of quality.ledger)
    if (entry.entity === entity && entry.action === 'quarantined')
      byProblem.set(entry.problem, (byProblem.get(entry.problem) ?? 0) + 1);
  const [problem, rows] = [...byProblem].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return `${entity} set aside most often for: ${problem} (${plural(rows, 'row')})`;
}

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
