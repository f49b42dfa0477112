/**
 * Canonical tables → the aggregates artifact.
 *
 *   facts (one typed record per fill, hire, feedback slot, rejection, journey)
 *   → sections (one module per metric family) → suppression (once, over the whole draft) → changes
 *
 * Pure and deterministic: the clock is never read (the as-of date comes from the config or the data), every
 * array is sorted, and the same tables in any row order give a byte-identical JSON.stringify.
 */
import { ALL, ARTIFACT_VERSION, type Aggregates, type Coverage } from '../schema/aggregates.ts';
import type { CanonicalTables } from '../schema/canonical.ts';
import { REASON_CATEGORIES, type Config } from '../schema/config.ts';
import { DAY, dateOfDayNumber, monthRange } from '../time.ts';
import { latestCompleteMonth } from './asOf.ts';
import { buildContext, NONE, type Context } from './context.ts';
import { definitions } from './definitions.ts';
import { feedbackSection, slotFacts } from './feedback.ts';
import {
  earliestEntered,
  funnelSection,
  journeysFromInterviews,
  journeysFromStageEvents,
  stageOrder,
  type Journeys,
} from './funnel.ts';
import { absentFigures, withoutAbsent } from './absent.ts';
import { buildHeadlines, withChanges } from './headlines.ts';
import { partnershipSection, partnershipWindow, screensOf } from './partnership.ts';
import { movementsSection, targetsOf } from './movements.ts';
import { ownersSection } from './owners.ts';
import { sourcesSection } from './sources.ts';
import { rejectionFacts, rejectionsSection } from './rejections.ts';
import { distinctSorted } from './stats.ts';
import { protectAggregates } from './suppression.ts';
import { hireFacts, requisitionFacts, timeToFillSection, type Excluded } from './timeToFill.ts';

export interface ComputeInput {
  tables: CanonicalTables;
  quality: Aggregates['quality'];
  config: Config;
  sample: boolean;
}

/** The canonical tables → the artifact: `metricFacts`, then `aggregatesOfFacts`. */
export function computeAggregates(input: ComputeInput): Aggregates {
  return aggregatesOfFacts(metricFacts(input.tables, input.config), input);
}

/**
 * What the sections read: one record (or column entry) per fill, hire, feedback slot, rejection and journey,
 * and the context (the applications and requisitions, joined). Nothing here refers to the interviews or stage
 * events tables (see `metricFacts`' `handOver`).
 */
export interface Facts {
  readonly ctx: Context;
  readonly requisitions: ReturnType<typeof requisitionFacts>;
  readonly hires: ReturnType<typeof hireFacts>;
  readonly slots: ReturnType<typeof slotFacts>;
  readonly rejections: ReturnType<typeof rejectionFacts>;
  readonly fromEvents: ReturnType<typeof journeysFromStageEvents>;
  readonly hasStageEvents: boolean;
  /** From stage events when there are any, else inferred from interviews (the partnership view only). */
  readonly journeys: Journeys;
}

/**
 * `handOver`: the caller hands the tables over (the data step does) and the interviews and stage events are
 * each emptied once their facts are computed, so that the facts computed after them are not held beside them
 * (at a million applications they are several hundred megabytes).
 */
export function metricFacts(tables: CanonicalTables, config: Config, handOver = false): Facts {
  const { interviews, stageEvents } = tables;
  const ctx = buildContext(tables, config);
  const requisitions = requisitionFacts(ctx, tables.requisitions);
  const hires = hireFacts(ctx);
  const fromEvents = journeysFromStageEvents(ctx, stageEvents);
  const hasStageEvents = stageEvents.length > 0;
  if (handOver) stageEvents.release();
  const journeys = fromEvents.journeys.size > 0 ? fromEvents.journeys : journeysFromInterviews(ctx, interviews);
  const slots = slotFacts(ctx, interviews);
  if (handOver) interviews.release();
  const rejections = rejectionFacts(ctx);
  return { ctx, requisitions, hires, slots, rejections, fromEvents, hasStageEvents, journeys };
}

export function aggregatesOfFacts(facts: Facts, input: Omit<ComputeInput, 'tables'>): Aggregates {
  const { config } = input;
  const { ctx, requisitions, hires, slots, rejections, fromEvents, hasStageEvents, journeys } = facts;
  const { asOf } = ctx;
  const order = stageOrder(config.stageOrder, journeys);

  // ---- the month range: first month with activity (else with an opening) → the as-of month
  const earliest = { month: null as string | null };
  const see = (month: string) => {
    if (earliest.month === null || month < earliest.month) earliest.month = month;
  };
  for (const r of requisitions.facts) if (r.filledMonth !== null) see(r.filledMonth);
  // Applications: a local offset is less than a day, so no application two days after the earliest falls in
  // an earlier month; only those before are looked up (a month per application cost more).
  let firstApplied = Infinity;
  for (let row = 0; row < ctx.applications.length; row++) {
    const appliedAt = ctx.appliedAt(row);
    if (ctx.happened(appliedAt) && appliedAt < firstApplied) firstApplied = appliedAt;
  }
  for (let row = 0; row < ctx.applications.length; row++) {
    const appliedAt = ctx.appliedAt(row);
    if (ctx.happened(appliedAt) && appliedAt < firstApplied + 2 * DAY) see(ctx.monthOf(appliedAt));
  }
  for (const h of hires.facts) see(h.month);
  for (const month of slots.facts.months) see(month);
  for (const j of rejections.facts) see(j.month);
  // The earliest stay entered has the earliest month (a local date never runs backwards).
  const firstEntered = earliestEntered(fromEvents.journeys);
  if (firstEntered !== null) see(ctx.monthOf(firstEntered));
  if (earliest.month === null) for (const r of requisitions.facts) see(dateOfDayNumber(r.openedDay).slice(0, 7));

  // The range always reaches back to the latest complete month, so the overview has its month.
  const complete = latestCompleteMonth(asOf);
  const first = earliest.month;
  const months =
    first === null || first > asOf.month ? [] : monthRange(first < complete ? first : complete, asOf.month);
  const latestComplete = months.length > 0 ? complete : null;

  // ---- who and where
  const seenDepartments = new Set(requisitions.facts.map((r) => r.department));
  for (let row = 0; row < ctx.applications.length; row++)
    if (ctx.happened(ctx.appliedAt(row))) seenDepartments.add(ctx.departmentAt(row));
  const departments = distinctSorted([...seenDepartments].filter((d) => d !== NONE && d !== ALL));
  const hiringManagers = distinctSorted(requisitions.facts.map((r) => r.hiringManager).filter((h) => h !== NONE));

  // ---- sections
  const timeToFill = timeToFillSection(ctx, months, requisitions.facts, hires.facts);
  const window = partnershipWindow(latestComplete, asOf.month);
  const coverage: Coverage[] = [
    coverageOf('timeToFill', timeToFill.fills.length, requisitions.excludedFills),
    coverageOf('openRequisitions', timeToFill.open.length, requisitions.excludedOpen),
    coverageOf('timeToHire', hires.facts.length, hires.excluded),
    coverageOf('feedback', slots.facts.size, slots.excluded),
    coverageOf('rejections', rejections.facts.length, rejections.excluded),
    ...(hasStageEvents ? [coverageOf('funnel', fromEvents.journeys.size, fromEvents.excluded)] : []),
  ];

  // Who entered the two screens, and when: read from the journeys once, for the cards and the owners.
  const screened = screensOf(ctx, journeys, order);
  const partnership = partnershipSection(
    ctx,
    window,
    hiringManagers,
    requisitions.facts,
    slots.facts,
    rejections.facts,
    screened,
    order,
  );
  const draft: Aggregates = {
    version: ARTIFACT_VERSION,
    title: config.title,
    sample: input.sample,
    timezone: config.timezone,
    asOf: asOf.date,
    asOfSource: asOf.source,
    months,
    latestCompleteMonth: latestComplete,
    settings: {
      feedbackSlaHours: config.feedbackSlaHours,
      minGroupSize: config.privacy.minGroupSize,
      showInterviewers: config.privacy.showInterviewers,
    },
    departments,
    hiringManagers,
    stages: order.stages,
    definitions: definitions(config),
    headlines: buildHeadlines(ctx, {
      months,
      departments,
      hiringManagers,
      requisitions: requisitions.facts,
      hires: hires.facts,
      slots: slots.facts,
      rejections: rejections.facts,
    }),
    timeToFill,
    feedback: feedbackSection(ctx, months, slots.facts),
    rejections: rejectionsSection(rejections.facts),
    funnel: hasStageEvents ? funnelSection(ctx, fromEvents.journeys, order) : null,
    partnerships: partnership.cards,
    partnershipCompany: partnership.company,
    targets: targetsOf(config),
    movements: { minimumRateN: 0, minimumMedianN: 0, items: [] },
    ...sourcesSection(ctx, months, journeys, order, slots.facts, rejections.facts),
    owners: ownersSection(ctx, months, requisitions.facts, slots.facts, rejections.facts, screened, order),
    coverage,
    absent: [],
    quality: {
      ...input.quality,
      unmapped: [
        ...input.quality.unmapped,
        ...rejections.unmappedReasons.map((u) => ({
          entity: 'applications' as const,
          column: 'rejection_reason',
          value: u.reason,
          rows: u.rows,
          fix: `"reasons": {${JSON.stringify(u.reason)}: {"category": "one of ${REASON_CATEGORIES.join(' | ')}"}}`,
        })),
      ],
    },
  };

  // Absent is not zero: figures whose input column is in no file are blanked before anything reads them.
  const { aggregates: protectedFigures, report } = protectAggregates(
    withoutAbsent(draft, absentFigures(ctx)),
    config.privacy.minGroupSize,
  );
  const suppressed = config.privacy.minGroupSize > 1 ? { ...protectedFigures, disclosure: report } : protectedFigures;
  const final = { ...suppressed, headlines: withChanges(suppressed.headlines, config.privacy.minGroupSize) };
  // Movements read the final (suppressed) figures, so they never show one the artifact hides.
  const movements = movementsSection({
    a: final,
    slots: slots.facts,
    rejections: rejections.facts,
    targets: final.targets,
    minGroupSize: config.privacy.minGroupSize,
  });
  return { ...final, movements };
}

function coverageOf(section: Coverage['section'], included: number, excluded: readonly Excluded[]): Coverage {
  return { section, included, excluded: excluded.filter((e) => e.rows > 0).map((e) => ({ ...e })) };
}
