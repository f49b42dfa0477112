/**
 * The partnership view: one card per hiring manager over a fixed window, the three complete months ending at
 * the latest complete month (or ending at the as-of month when no month is complete yet).
 *
 * Requisition figures (seats open and filled, median days to fill) are never suppressed. Candidate figures
 * (their own feedback as an interviewer, the screen rates, the reason share) are suppressed below
 * `minGroupSize` by `suppression.ts`. `enoughData` is false when the hiring manager's own feedback slots or
 * the applications behind the candidate figures are fewer than max(minGroupSize, ENOUGH_DATA_FLOOR): such a
 * card is shown, never ranked.
 *
 * A hiring manager with too little data in the three months gets the twelve months ending at the same month
 * instead (`widened`, said on their page) when those are enough or hold more, so that a page is empty only for
 * someone with no data in a year.
 * The company's figures over each window (`partnershipCompany`) stand beside theirs on the cards.
 *
 * Specificity (`unspecifiedReasonShare`) counts only the rejections at the stages the hiring manager owns (their
 * screen and every later stage): a recruiter's résumé-screen clicks are not theirs. Without a stage recognised as
 * the hiring manager's screen, every rejection on their seats counts, and so does one whose stage is unknown. "Other" counts as unspecific, as the
 * definition says, except a duplicate application: rejecting a duplicate needs no reason.
 */
import { group } from 'd3-array';
import type { Aggregates, Figure, PartnershipCompany } from '../schema/aggregates.ts';
import type { Application } from '../schema/canonical.ts';
import { addMonths, dayNumberOfDate } from '../time.ts';
import { lastDayOfMonth } from './asOf.ts';
import { NONE, type Context } from './context.ts';
import { emptySummary, ownSlotsByHiringManager, type Slots } from './feedback.ts';
import type { Journeys, StageOrder } from './funnel.ts';
import type { RejectionFact } from './rejections.ts';
import { column } from './columns.ts';
import { distinctSorted, quantiles, rate, sortBy } from './stats.ts';
import { suppressFigure } from './suppression.ts';
import { isOpenAtEndOf, type RequisitionFact } from './timeToFill.ts';

type Partnership = Aggregates['partnerships'][number];

/** Months in the partnership window, and in the wider one used when it has too little data. */
export const PARTNERSHIP_MONTHS = 3;
export const WIDENED_MONTHS = 12;
/** Below this many slots or applications a card is never ranked, even when suppression is off. */
export const ENOUGH_DATA_FLOOR = 5;

/** What a card's figures rest on, all told: its fills, own slots, screened candidates and rejections. */
const evidence = (c: Partnership): number =>
  (c.requisitionsFilled ?? 0) +
  (c.feedbackOnTimeRate.n ?? 0) +
  (c.hiringManagerScreenPassThrough.n ?? 0) +
  (c.recruiterScreenToHiringManagerScreen.n ?? 0) +
  (c.unspecifiedReasonShare.n ?? 0);

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

type CompanyFigures = PartnershipCompany;

/**
 * The cards: over the three-month window, or over twelve months for a hiring manager with too little data in
 * three; and the company's figures over both windows.
 */
export function partnershipSection(
  ctx: Context,
  window: PartnershipWindow,
  hiringManagers: readonly string[],
  requisitions: readonly RequisitionFact[],
  slots: Slots,
  rejections: readonly RejectionFact[],
  screened: Screened,
  order: StageOrder,
): { cards: Partnership[]; company: CompanyFigures[] } {
  const wide = { fromMonth: addMonths(window.toMonth, -(WIDENED_MONTHS - 1)), toMonth: window.toMonth };
  const args = [ctx, hiringManagers, requisitions, slots, rejections, screened, order] as const;
  const narrow = cardsOver(window, ...args);
  const widened = cardsOver(wide, ...args);
  const wideOf = new Map(widened.cards.map((c) => [c.hiringManager, c]));
  const cards = narrow.cards.map((c) => {
    const w = wideOf.get(c.hiringManager);
    if (c.enoughData || !w) return c;
    // The twelve months when they are enough, or when they hold more than the three: the year's figures, still
    // said to be too little, rather than three empty months.
    return w.enoughData || evidence(w) > evidence(c) ? { ...w, widened: true } : c;
  });
  return { cards, company: [narrow.company, widened.company] };
}

function cardsOver(
  window: PartnershipWindow,
  ctx: Context,
  hiringManagers: readonly string[],
  requisitions: readonly RequisitionFact[],
  slots: Slots,
  rejections: readonly RejectionFact[],
  screened: Screened,
  order: StageOrder,
): { cards: Partnership[]; company: CompanyFigures } {
  const { fromMonth, toMonth } = window;
  const fromDay = dayNumberOfDate(`${fromMonth}-01`);
  const toDay = Math.min(lastDayOfMonth(toMonth), ctx.asOf.day);
  const inWindow = (month: string) => month >= fromMonth && month <= toMonth;

  // Stage positions of the hiring manager's screens: the stages they own start at the first.
  const managerScreens = order.stages.filter(SCREEN_MATCHERS.hiringManagerScreen).map(order.indexOf);
  const firstManagerScreen = managerScreens.length ? Math.min(...managerScreens) : Infinity;

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
  for (let k = 0; k < screened.size; k++) {
    const hm = screened.hiringManager[k]!;
    let s = screens.get(hm);
    if (!s)
      screens.set(
        hm,
        (s = { recruiterScreened: new Set(), reachedManager: 0, managerScreened: new Set(), passedManager: 0 }),
      );
    const recruiterMonth = screened.recruiterMonth[k]!;
    if (recruiterMonth !== null && inWindow(recruiterMonth)) {
      s.recruiterScreened.add(screened.application[k]!);
      if (screened.reachedManager[k]) s.reachedManager++;
    }
    const managerMonth = screened.managerMonth[k]!;
    if (managerMonth !== null && inWindow(managerMonth)) {
      s.managerScreened.add(screened.application[k]!);
      if (screened.passedManager[k]) s.passedManager++;
    }
  }

  const requisitionsOf = group(requisitions, (r) => r.hiringManager);
  const ownSlotsOf = ownSlotsByHiringManager(slots, inWindow);
  // The hiring manager's stages: their screen and later; every stage when no screen of theirs is recognised. A
  // rejection whose stage is not known is not taken away from them.
  const ownedStage = new Map<string, boolean>();
  const owned = (stage: string) => {
    let mine = ownedStage.get(stage);
    if (mine === undefined) {
      const i = order.indexOf(stage);
      ownedStage.set(stage, (mine = !managerScreens.length || stage === NONE || i < 0 || i >= firstManagerScreen));
    }
    return mine;
  };
  const rejectionsOf = group(
    rejections.filter((r) => inWindow(r.month) && owned(r.stage)),
    (r) => r.hiringManager,
  );
  const isVague = (r: RejectionFact) =>
    r.category === 'unspecified' || (r.category === 'other' && !/duplicate/i.test(r.reason));

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
    const vague = theirRejections.filter(isVague).length;
    const s = screens.get(hiringManager);
    const applications = enoughApplications(
      [s?.recruiterScreened ?? [], s?.managerScreened ?? [], theirRejections.map((r) => r.application)],
      floor,
    );

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
      enoughData: own.slots >= floor && applications,
      widened: false,
    });
  }

  // The company over the same window: every hiring manager's own slots, every screen, every fill.
  const allOwn = emptySummary();
  for (const summary of ownSlotsOf.values()) {
    allOwn.slaSettled += summary.slaSettled;
    allOwn.onTime += summary.onTime;
    allOwn.hours.push(...summary.hours);
  }
  let recruiterScreened = 0;
  let reachedManager = 0;
  let managerScreened = 0;
  let passedManager = 0;
  for (const s of screens.values()) {
    recruiterScreened += s.recruiterScreened.size;
    reachedManager += s.reachedManager;
    managerScreened += s.managerScreened.size;
    passedManager += s.passedManager;
  }
  const allRejections = [...rejectionsOf.values()].flat();
  const allFills = quantiles(
    requisitions
      .filter((r) => r.filledDay !== null && r.filledDay >= fromDay && r.filledDay <= toDay)
      .map((r) => r.daysToFill!),
  );
  const m = ctx.minGroupSize;
  const company: CompanyFigures = {
    fromMonth,
    toMonth,
    medianDaysToFill: figure(allFills.median, allFills.n),
    feedbackOnTimeRate: suppressFigure(figure(rate(allOwn.onTime, allOwn.slaSettled), allOwn.slaSettled), m),
    medianHoursToFeedback: suppressFigure(figure(quantiles(allOwn.hours).median, allOwn.hours.length), m),
    hiringManagerScreenPassThrough: suppressFigure(figure(rate(passedManager, managerScreened), managerScreened), m),
    recruiterScreenToHiringManagerScreen: suppressFigure(
      figure(rate(reachedManager, recruiterScreened), recruiterScreened),
      m,
    ),
    unspecifiedReasonShare: suppressFigure(
      figure(rate(allRejections.filter(isVague).length, allRejections.length), allRejections.length),
      m,
    ),
  };
  return { cards: sortBy(cards, (c) => c.hiringManager), company };
}

/**
 * Per journey with a hiring manager that entered either screen, once for both windows and the owners section:
 * its application's row and that row's `ctx.rowOfId`, its hiring manager, the month it entered the recruiter's
 * screen and the hiring manager's (null: never), and whether it went on from each.
 */
export interface Screened {
  size: number;
  row: number[];
  application: number[];
  hiringManager: string[];
  recruiterMonth: (string | null)[];
  managerMonth: (string | null)[];
  reachedManager: boolean[];
  passedManager: boolean[];
}

export function screensOf(ctx: Context, journeys: Journeys, order: StageOrder): Screened {
  // Stage positions of the two screens; a later stage is any stage after the hiring manager's screen.
  const recruiterScreens = order.stages.filter(SCREEN_MATCHERS.recruiterScreen).map(order.indexOf);
  const managerScreens = order.stages.filter(SCREEN_MATCHERS.hiringManagerScreen).map(order.indexOf);
  const firstManagerScreen = managerScreens.length ? Math.min(...managerScreens) : Infinity;
  const lastManagerScreen = managerScreens.length ? Math.max(...managerScreens) : Infinity;
  const indexOfSpelling = journeys.spellings.map((spelling) => order.indexOf(spelling));
  const isRecruiterScreen = indexOfSpelling.map((index) => recruiterScreens.includes(index));
  const isManagerScreen = indexOfSpelling.map((index) => managerScreens.includes(index));
  const hired = (a: Application) => a.status === 'hired' && (a.hiredAt === null || ctx.happened(a.hiredAt));
  // Columns made at their largest and cut to size at the end: grown by push, they were most of the work here.
  const n = journeys.size;
  const screened: Screened = {
    size: 0,
    row: column(n, 0),
    application: column(n, 0),
    hiringManager: new Array<string>(n).fill(NONE),
    recruiterMonth: new Array<string | null>(n).fill(null),
    managerMonth: new Array<string | null>(n).fill(null),
    reachedManager: new Array<boolean>(n).fill(false),
    passedManager: new Array<boolean>(n).fill(false),
  };
  for (let j = 0; j < journeys.size; j++) {
    const row = journeys.row[j]!;
    const hm = ctx.hiringManagerAt(row);
    if (hm === NONE) continue;
    let recruiterEntered = Infinity;
    let managerEntered = Infinity;
    let furthest = -1;
    for (let i = journeys.start[j]!; i < journeys.start[j + 1]!; i++) {
      const spelling = journeys.spelling[i]!;
      const entered = journeys.entered[i]!;
      if (isRecruiterScreen[spelling]) recruiterEntered = Math.min(recruiterEntered, entered);
      if (isManagerScreen[spelling]) managerEntered = Math.min(managerEntered, entered);
      furthest = Math.max(furthest, indexOfSpelling[spelling]!);
    }
    const recruiter = recruiterEntered !== Infinity;
    const manager = managerEntered !== Infinity;
    if (!recruiter && !manager) continue;
    // The application itself is read only for the journeys counted: reading every one cost more than the rest.
    const wasHired = hired(journeys.applications[j]!);
    const k = screened.size++;
    screened.row[k] = row;
    screened.application[k] = ctx.rowOfId(row);
    screened.hiringManager[k] = hm;
    if (recruiter) screened.recruiterMonth[k] = ctx.monthOf(recruiterEntered);
    if (manager) screened.managerMonth[k] = ctx.monthOf(managerEntered);
    screened.reachedManager[k] = wasHired || furthest >= firstManagerScreen;
    screened.passedManager[k] = wasHired || furthest > lastManagerScreen;
  }
  for (const values of [
    screened.row,
    screened.application,
    screened.hiringManager,
    screened.recruiterMonth,
    screened.managerMonth,
    screened.reachedManager,
    screened.passedManager,
  ])
    values.length = screened.size;
  return screened;
}

/** Whether the lists hold at least `floor` different applications between them. */
function enoughApplications(lists: Iterable<number>[], floor: number): boolean {
  const all = new Set<number>();
  for (const list of lists) {
    for (const application of list) {
      all.add(application);
      if (all.size >= floor) return true;
    }
  }
  return false;
}
