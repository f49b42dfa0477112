/**
 * Who owns a month: the partnerships (hiring manager × recruiter) of each month, for the retrospective page,
 * and the feedback each hiring manager owes now.
 *
 * A partnership is in a month when one of its seats was open at some point of the month or filled in it. Its
 * figures:
 * - seats open at the month's end (at the as-of date for the as-of month) and filled in the month;
 * - the hiring manager's own feedback in the month (the slots they interviewed themselves), on time;
 * - of the candidates the recruiter screened in the month on the partnership's seats, how many the hiring
 *   manager took forward (reached the hiring manager's screen or later, or were hired);
 * - the reasons given at the stages the hiring manager owns (their screen and every later stage), pooled over
 *   the month and the ones before it until they rest on at least `minGroupSize` rejections and one category has
 *   as many on its own (at most 12 months), with the months they cover, so the page can say so.
 *
 * Privacy: the screened figure goes through `suppressFigure` (the partnership view's rule), the hiring manager's
 * own feedback through the artifact's suppression and audit (it is their card's window, month by month); a reason category
 * resting on fewer than `minGroupSize` rejections is pooled into "smaller categories", and that pool grows until it
 * is not itself a small group. Seats are never suppressed. The feedback a hiring manager owes is about their
 * own work, but it counts candidates' slots: a count under the threshold is shown as such, its age with it. The
 * same per interviewer only when `privacy.showInterviewers` is on (interviewer names identify employees).
 */
import type { Aggregates, Figure } from '../schema/aggregates.ts';
import { addMonths, dayNumberOfDate } from '../time.ts';
import { lastDayOfMonth } from './asOf.ts';
import { Codes } from './columns.ts';
import { label, NONE, type Context } from './context.ts';
import { SLOT, type Slots } from './feedback.ts';
import type { StageOrder } from './funnel.ts';
import { SCREEN_MATCHERS, type Screened } from './partnership.ts';
import type { RejectionFact } from './rejections.ts';
import { distinctSorted, rate, roundTo } from './stats.ts';
import { isSmallGroup } from './suppression.ts';
import { isOpenAtEndOf, type RequisitionFact } from './timeToFill.ts';

type Owners = Aggregates['owners'];
/** Months the reasons may pool over, the month itself included. */
export const REASON_POOL_MONTHS = 12;
export const OTHER_REASONS = 'smaller categories';
const DAY = 86_400_000;

const pairKey = (hiringManager: string, recruiter: string) => `${hiringManager}\u0000${recruiter}`;

/**
 * One partnership's screens and reasons, by month index (of `months`): screened and taken forward at
 * `2 × month` and `2 × month + 1`; rejections of category code `c` at `month × categories + c`.
 */
interface Pair {
  screened: Int32Array;
  reasons: Int32Array | null;
}

export function ownersSection(
  ctx: Context,
  months: readonly string[],
  requisitions: readonly RequisitionFact[],
  slots: Slots,
  rejections: readonly RejectionFact[],
  screened: Screened,
  order: StageOrder,
): Owners {
  const m = ctx.minGroupSize;
  // A month as its index in `months`; screens and rejections outside the range are never read.
  const monthIndex = new Map(months.map((month, k) => [month, k]));
  // The recruiter of an application: its requisition's, as the seats name them, as a code (once per job).
  const hiringManagerCodes = new Codes();
  const recruiterCodes = new Codes();
  const recruiterOfJob = new Map<string, number>();
  const recruiterOfRow = (row: number): number => {
    const a = ctx.applications[row];
    if (!a) return recruiterCodes.code(NONE);
    let code = recruiterOfJob.get(a.jobId);
    if (code === undefined)
      recruiterOfJob.set(a.jobId, (code = recruiterCodes.code(label(ctx.requisitionOfJob(a.jobId)?.recruiter))));
    return code;
  };
  // Reason categories as codes, all of them known before any partnership's counts are made.
  const categoryCodes = new Codes();
  for (const r of rejections) categoryCodes.code(r.category);
  const categories = categoryCodes.size;

  // The hiring manager's stages: their screen and every stage after it (decided once per stage spelling).
  const managerScreens = order.stages.filter(SCREEN_MATCHERS.hiringManagerScreen).map(order.indexOf);
  const firstManagerScreen = managerScreens.length ? Math.min(...managerScreens) : Infinity;
  const owned = new Map<string, boolean>();
  const ownedByManager = (stage: string): boolean => {
    let mine = owned.get(stage);
    if (mine === undefined) {
      const i = order.indexOf(stage);
      owned.set(stage, (mine = i >= 0 && i >= firstManagerScreen));
    }
    return mine;
  };

  // Per partnership, by hiring manager code then recruiter code (names as the seats give them), by month index:
  // a key string or a map of names per journey, slot or rejection cost more than the counting.
  const pairs: (Pair | undefined)[][] = [];
  const pairOf = (hiringManager: number, recruiter: number): Pair => {
    const byRecruiter = (pairs[hiringManager] ??= []);
    return (byRecruiter[recruiter] ??= { screened: new Int32Array(2 * months.length), reasons: null });
  };

  // Screened by the recruiter in a month → taken forward (reached the hiring manager's screen or later, or
  // hired), per pair and month: the journeys as the partnership cards read them.
  for (let k = 0; k < screened.size; k++) {
    const month = screened.recruiterMonth[k]!;
    if (month === null) continue;
    const at = monthIndex.get(month);
    if (at === undefined) continue;
    const counts = pairOf(
      hiringManagerCodes.code(screened.hiringManager[k]!),
      recruiterOfRow(screened.row[k]!),
    ).screened;
    counts[2 * at]!++;
    if (screened.reachedManager[k]) counts[2 * at + 1]!++;
  }

  // The hiring manager's own slots: per month (by the slots' own codes, month × hiring manager), and what
  // they owe now.
  const managers = slots.hiringManagers.length;
  const own = new Map<number, { settled: number; onTime: number }>();
  const owed = new Map<string, { slots: number; oldest: number }>();
  const owedByInterviewer = new Map<string, { slots: number; oldest: number }>();
  const showInterviewers = ctx.config.privacy.showInterviewers;
  const { end } = ctx.asOf;
  for (let i = 0; i < slots.size; i++) {
    const flags = slots.flags[i]!;
    const interviewer = slots.interviewer[i];
    if (showInterviewers && interviewer && !(flags & SLOT.submitted) && slots.due[i]! < end) {
      let w = owedByInterviewer.get(interviewer);
      if (!w) owedByInterviewer.set(interviewer, (w = { slots: 0, oldest: 0 }));
      w.slots++;
      w.oldest = Math.max(w.oldest, (end - slots.due[i]!) / DAY);
    }
    if (!(flags & SLOT.byHiringManager)) continue;
    const key = slots.month[i]! * managers + slots.hiringManager[i]!;
    let o = own.get(key);
    if (!o) own.set(key, (o = { settled: 0, onTime: 0 }));
    if (flags & SLOT.slaSettled) o.settled++;
    if (flags & SLOT.onTime) o.onTime++;
    if (!(flags & SLOT.submitted) && slots.due[i]! < end) {
      const hm = slots.hiringManagers[slots.hiringManager[i]!]!;
      let w = owed.get(hm);
      if (!w) owed.set(hm, (w = { slots: 0, oldest: 0 }));
      w.slots++;
      w.oldest = Math.max(w.oldest, (end - slots.due[i]!) / DAY);
    }
  }
  const slotMonth = new Map(slots.months.map((month, code) => [month, code]));
  const slotManager = new Map(slots.hiringManagers.map((hm, code) => [hm, code]));
  const ownIn = (month: string, hiringManager: string) => {
    const monthCode = slotMonth.get(month);
    const managerCode = slotManager.get(hiringManager);
    return monthCode === undefined || managerCode === undefined
      ? undefined
      : own.get(monthCode * managers + managerCode);
  };

  // Rejections at the hiring manager's stages, per pair and month, by category.
  for (const r of rejections) {
    if (r.hiringManager === NONE || !ownedByManager(r.stage)) continue;
    const at = monthIndex.get(r.month);
    if (at === undefined) continue;
    const pair = pairOf(hiringManagerCodes.code(r.hiringManager), recruiterOfRow(r.application));
    pair.reasons ??= new Int32Array(months.length * categories);
    pair.reasons[at * categories + categoryCodes.find(r.category)]!++;
  }

  // The months a month's reasons may pool over, itself first: worked out once per month, not per partnership.
  const poolMonths = new Map<string, string[]>();
  const poolOf = (month: string): string[] => {
    let list = poolMonths.get(month);
    if (!list) {
      list = [];
      for (let k = 0; k < REASON_POOL_MONTHS; k++) {
        const at = addMonths(month, -k);
        if (months.length && at < months[0]!) break;
        list.push(at);
      }
      poolMonths.set(month, list);
    }
    return list;
  };

  const partnerships: Owners['partnerships'] = [];
  // The seats with a hiring manager, in the order of their partnership's key (then their own): a month's
  // seats are then grouped by partnership as they come, without a map of keys per month.
  const seatKeys = requisitions.map((r) => pairKey(r.hiringManager, r.recruiter));
  const keyRank = new Map(
    [...new Set(seatKeys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key, rank) => [key, rank]),
  );
  const rankOf = seatKeys.map((key) => keyRank.get(key)!);
  const seated: number[] = [];
  for (let q = 0; q < requisitions.length; q++) if (requisitions[q]!.hiringManager !== NONE) seated.push(q);
  seated.sort((x, y) => rankOf[x]! - rankOf[y]! || x - y);
  for (let at = 0; at < months.length; at++) {
    const month = months[at]!;
    const first = dayNumberOfDate(`${month}-01`);
    const last = month === ctx.asOf.month ? ctx.asOf.day : lastDayOfMonth(month);
    let seats: RequisitionFact[] = [];
    for (let i = 0; i < seated.length; i++) {
      const q = seated[i]!;
      const r = requisitions[q]!;
      const active = r.openedDay <= last && r.endDay > first;
      if (active) seats.push(r);
      // The partnership's last seat: its row, when any of its seats was active in the month.
      if (seats.length === 0 || (i + 1 < seated.length && rankOf[seated[i + 1]!] === rankOf[q])) continue;
      const { hiringManager, recruiter } = seats[0]!;
      const mine = ownIn(month, hiringManager);
      const hm = hiringManagerCodes.find(hiringManager);
      const pair = hm < 0 ? undefined : pairs[hm]?.[recruiterCodes.find(recruiter)];
      const screenedIn = pair?.screened[2 * at] ?? 0;
      const forward = pair?.screened[2 * at + 1] ?? 0;
      partnerships.push({
        month,
        hiringManager,
        recruiter,
        departments: distinctSorted(seats.map((r) => r.department).filter((d) => d !== NONE)),
        seatsOpen: seats.filter((r) => isOpenAtEndOf(r, last)).length,
        seatsFilled: seats.filter((r) => r.filledDay !== null && r.filledDay >= first && r.filledDay <= last).length,
        // Suppressed with the rest of the artifact (`suppressOnce`): the audit weighs it beside the cards.
        feedbackOnTime: figure(rate(mine?.onTime ?? 0, mine?.settled ?? 0), mine?.settled ?? 0),
        // Suppressed with the rest (`suppressOnce`): the audit weighs it beside the cards, like the own feedback.
        screenedTakenForward: figure(rate(forward, screenedIn), screenedIn),
        reasons: pooledReasons(month, pair?.reasons ?? null),
      });
      seats = [];
    }
  }

  // Most owed first; names in order on ties, so the list does not depend on the rows' order.
  const owing = (list: Map<string, { slots: number; oldest: number }>) =>
    [...list]
      .sort(([x, a], [y, b]) => b.slots - a.slots || b.oldest - a.oldest || (x < y ? -1 : x > y ? 1 : 0))
      // True counts: hidden by `suppressOnce`, where the audit weighs them against the outstanding feedback.
      .map(([name, w]) => ({ name, slots: w.slots, oldestDays: roundTo(w.oldest, 1), suppressed: false }));
  const owes: Owners['owedFeedback'] = owing(owed).map(({ name, ...w }) => ({ hiringManager: name, ...w }));
  return {
    partnerships,
    owedFeedback: owes,
    ...(showInterviewers
      ? { owedByInterviewer: owing(owedByInterviewer).map(({ name, ...w }) => ({ interviewer: name, ...w })) }
      : {}),
    reasonPoolMonths: REASON_POOL_MONTHS,
  };

  function pooledReasons(month: string, reasons: Int32Array | null): Owners['partnerships'][number]['reasons'] {
    const counts = new Array<number>(categories).fill(0);
    let total = 0;
    let most = -Infinity;
    let from = month;
    for (const at of poolOf(month)) {
      const k = monthIndex.get(at);
      if (reasons !== null && k !== undefined)
        for (let c = 0; c < categories; c++) {
          const n = reasons[k * categories + c]!;
          if (n === 0) continue;
          counts[c]! += n;
          total += n;
          most = Math.max(most, counts[c]!);
        }
      from = at;
      // Enough when the reasons clear the threshold and at least one category does on its own.
      if (total >= m && most >= m) break;
    }
    if (total === 0) return { fromMonth: from, toMonth: month, rejections: 0, categories: [], suppressed: false };
    if (isSmallGroup(total, m))
      return { fromMonth: from, toMonth: month, rejections: null, categories: [], suppressed: true };
    // Small categories pooled; the pool grows until it is not itself a small group.
    const shown: { category: string; rejections: number }[] = [];
    for (let c = 0; c < categories; c++)
      if (counts[c]! > 0) shown.push({ category: categoryCodes.values[c]!, rejections: counts[c]! });
    shown.sort((a, b) => b.rejections - a.rejections || (a.category < b.category ? -1 : 1));
    let other = 0;
    for (let i = shown.length - 1; i >= 0; i--)
      if (isSmallGroup(shown[i]!.rejections, m)) other += shown.splice(i, 1)[0]!.rejections;
    while (isSmallGroup(other, m) && shown.length > 0) other += shown.pop()!.rejections;
    if (other > 0) shown.push({ category: OTHER_REASONS, rejections: other });
    return { fromMonth: from, toMonth: month, rejections: total, categories: shown, suppressed: false };
  }
}

const figure = (value: number | null, n: number): Figure => ({ value, n, suppressed: false });
