/**
 * The partnership view: one card per hiring manager over a fixed window, the three complete months ending at
 * the latest complete month (or ending at the as-of month when no month is complete yet).
 *
 * Requisition figures (seats open and filled, median days to fill) are never suppressed. Candidate figures
 * (their own feedback as an interviewer, the screen rates, the reason share) are suppressed below
 * `minGroupSize` by `suppression.ts`. `enoughData` is false when the hiring manager's own feedback slots or
 * the applications behind the candidate figures are fewer than max(minGroupSize, ENOUGH_DATA_FLOOR): such a
 * card is shown, never ranked.
 */
import { group } from 'd3-array';
import type { Aggregates, Figure } from '../schema/aggregates.ts';
import type { Application } from '../schema/canonical.ts';
import { addMonths, dayNumberOfDate } from '../time.ts';
import { lastDayOfMonth } from './asOf.ts';
import { NONE, type Context } from './context.ts';
import { emptySummary, ownSlotsByHiringManager, type Slots } from './feedback.ts';
import type { Journeys, StageOrder } from './funnel.ts';
import type { RejectionFact } from './rejections.ts';
import { distinctSorted, quantiles, rate, sortBy } from './stats.ts';
import { isOpenAtEndOf, type RequisitionFact } from './timeToFill.ts';

type Partnership = Aggregates['partnerships'][number];

/** Months in the partnership window. */
export const PARTNERSHIP_MONTHS = 3;
/** Below this many slots or applications a card is never ranked, even when suppression is off. */
export const ENOUGH_DATA_FLOOR = 5;

/**
 * Which stages are the recruiter's screen and the hiring manager's screen: matched on the stage name,
 * case-insensitively. Exported so a test (or a future config key) can see and replace them.
 */
export const SCREEN_MATCHERS = {
  recruiterScreen: (stage: string) => /recruiter/i.test(stage) && /screen/i.test(stage),
  hiringManagerScreen: (stage: string) => /(hiring[\s_-]*manager|\bhm\b)/i.test(stage) && /screen/i.test(stage),
};

export interface PartnershipWindow {
  fromMonth: string;
  toMonth: string;
}

export function partnershipWindow(latestCompleteMonth: string | null, asOfMonth: string): PartnershipWindow {
  const toMonth = latestCompleteMonth ?? asOfMonth;
  return { fromMonth: addMonths(toMonth, -(PARTNERSHIP_MONTHS - 1)), toMonth };
}

const figure = (value: number | null, n: number): Figure => ({ value, n, suppressed: false });

export function partnershipSection(
  ctx: Context,
  window: PartnershipWindow,
  hiringManagers: readonly string[],
  requisitions: readonly RequisitionFact[],
  slots: Slots,
  rejections: readonly RejectionFact[],
  journeys: Journeys,
  order: StageOrder,
): Partnership[] {
  const { fromMonth, toMonth } = window;
  const fromDay = dayNumberOfDate(`${fromMonth}-01`);
  const toDay = Math.min(lastDayOfMonth(toMonth), ctx.asOf.day);
  const inWindow = (month: string) => month >= fromMonth && month <= toMonth;
  const inWindowInstant = (t: number) => inWindow(ctx.monthOf(t));

  // Stage positions of the two screens; a later stage is any stage after the hiring manager's screen.
  const recruiterScreens = order.stages.filter(SCREEN_MATCHERS.recruiterScreen).map(order.indexOf);
  const managerScreens = order.stages.filter(SCREEN_MATCHERS.hiringManagerScreen).map(order.indexOf);
  const firstManagerScreen = managerScreens.length ? Math.min(...managerScreens) : Infinity;
  const lastManagerScreen = managerScreens.length ? Math.max(...managerScreens) : Infinity;

  interface Screens {
    /**
     * Applications (`ctx.rowOfId` of their rows) that entered a recruiter screen in the window / of them,
     * reached the HM screen or later.
     */
    recruiterScreened: Set<number>;
    reachedManager: number;
    /** Applications that entered the HM screen in the window / of them, moved past it. */
    managerScreened: Set<number>;
    passedManager: number;
  }
  const screens = new Map<string, Screens>();
  const indexOfSpelling = journeys.spellings.map((spelling) => order.indexOf(spelling));
  const isRecruiterScreen = order.stages.map((_, index) => recruiterScreens.includes(index));
  const isManagerScreen = order.stages.map((_, index) => managerScreens.includes(index));
  const hired = (a: Application) => a.status === 'hired' && (a.hiredAt === null || ctx.happened(a.hiredAt));
  for (let j = 0; j < journeys.size; j++) {
    const row = journeys.row[j]!;
    const hm = ctx.hiringManagerAt(row);
    if (hm === NONE) continue;
    let s = screens.get(hm);
    if (!s)
      screens.set(
        hm,
        (s = { recruiterScreened: new Set(), reachedManager: 0, managerScreened: new Set(), passedManager: 0 }),
      );
    let recruiterEntered = Infinity;
    let managerEntered = Infinity;
    let furthest = -1;
    for (let i = journeys.start[j]!; i < journeys.start[j + 1]!; i++) {
      const index = indexOfSpelling[journeys.spelling[i]!]!;
      const entered = journeys.entered[i]!;
      if (isRecruiterScreen[index]) recruiterEntered = Math.min(recruiterEntered, entered);
      if (isManagerScreen[index]) managerEntered = Math.min(managerEntered, entered);
      furthest = Math.max(furthest, index);
    }
    // The application itself is read only for the journeys counted: reading every one cost more than the rest.
    if (recruiterEntered !== Infinity && inWindowInstant(recruiterEntered)) {
      s.recruiterScreened.add(ctx.rowOfId(row));
      if (hired(journeys.applications[j]!) || furthest >= firstManagerScreen) s.reachedManager++;
    }
    if (managerEntered !== Infinity && inWindowInstant(managerEntered)) {
      s.managerScreened.add(ctx.rowOfId(row));
      if (hired(journeys.applications[j]!) || furthest > lastManagerScreen) s.passedManager++;
    }
  }

  const requisitionsOf = group(requisitions, (r) => r.hiringManager);
  const ownSlotsOf = ownSlotsByHiringManager(slots, inWindow);
  const rejectionsOf = group(
    rejections.filter((r) => inWindow(r.month)),
    (r) => r.hiringManager,
  );

  const floor = Math.max(ctx.minGroupSize, ENOUGH_DATA_FLOOR);
  const cards: Partnership[] = [];
  for (const hiringManager of hiringManagers) {
    const theirs = requisitionsOf.get(hiringManager) ?? [];
    const active = theirs.filter((r) => r.openedDay <= toDay && r.endDay >= fromDay);
    const described = active.length ? active : theirs;
    const fills = theirs.filter((r) => r.filledDay !== null && r.filledDay >= fromDay && r.filledDay <= toDay);
    const fillDays = quantiles(fills.map((r) => r.daysToFill!));

    const own = ownSlotsOf.get(hiringManager) ?? emptySummary();
    const theirRejections = rejectionsOf.get(hiringManager) ?? [];
    const vague = theirRejections.filter((r) => r.category === 'unspecified' || r.category === 'other').length;
    const s = screens.get(hiringManager);
    const applications = new Set([
      ...(s?.recruiterScreened ?? []),
      ...(s?.managerScreened ?? []),
      ...theirRejections.map((r) => r.application),
    ]);

    cards.push({
      hiringManager,
      departments: distinctSorted(described.map((r) => r.department)),
      recruiters: distinctSorted(described.map((r) => r.recruiter).filter((r) => r !== NONE)),
      fromMonth,
      toMonth,
      requisitionsOpen: theirs.filter((r) => isOpenAtEndOf(r, toDay)).length,
      requisitionsFilled: fills.length,
      medianDaysToFill: figure(fillDays.median, fillDays.n),
      feedbackOnTimeRate: figure(rate(own.onTime, own.slaSettled), own.slaSettled),
      medianHoursToFeedback: figure(quantiles(own.hours).median, own.hours.length),
      hiringManagerScreenPassThrough: figure(
        rate(s?.passedManager ?? 0, s?.managerScreened.size ?? 0),
        s?.managerScreened.size ?? 0,
      ),
      recruiterScreenToHiringManagerScreen: figure(
        rate(s?.reachedManager ?? 0, s?.recruiterScreened.size ?? 0),
        s?.recruiterScreened.size ?? 0,
      ),
      unspecifiedReasonShare: figure(rate(vague, theirRejections.length), theirRejections.length),
      enoughData: own.slots >= floor && applications.size >= floor,
    });
  }
  return sortBy(cards, (c) => c.hiringManager);
}
