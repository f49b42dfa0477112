import { describe, expect, it } from 'vitest';
import { aggregate, app, interview, req } from './helpers.ts';

// One seat of Hana's, opened in January, open at the end of March (as of 2025-03-31, UTC). Interviews on
// 10 March, 10:00–11:00, none submitted: Hana's own 5, Ivo's 6, Uma's 2. Each is due at 11:00 on the 10th; at
// the end of the as-of date (1 April 00:00) it is 21 days 13 hours overdue: 21.5 days.
const HANA = 'Hana ZQXHM9';
const slots = [
  ...Array.from({ length: 5 }, () => HANA),
  ...Array.from({ length: 6 }, () => 'Ivo ZQXIV1'),
  ...Array.from({ length: 2 }, () => 'Uma ZQXIV2'),
];
const input = {
  requisitions: [req({ id: 'R1', hiringManager: HANA, opened: '2025-01-06T09:00:00Z' })],
  applications: slots.map((_, k) => app({ id: `A${k}`, job: 'R1', applied: '2025-02-01T00:00:00Z' })),
  interviews: slots.map((interviewer, k) =>
    interview({ id: `I${k}`, app: `A${k}`, interviewer, at: '2025-03-10T10:00:00Z', end: '2025-03-10T11:00:00Z' }),
  ),
};

describe('owners of a month', () => {
  it("names the feedback a hiring manager owes on their own interviews, with the oldest one's age", () => {
    const a = aggregate(input, { asOf: '2025-03-31' });
    expect(a.owners.owedFeedback).toEqual([{ hiringManager: HANA, slots: 5, oldestDays: 21.5, suppressed: false }]);
    // Interviewers' names identify employees: not listed unless the team opts in.
    expect(a.owners.owedByInterviewer).toBeUndefined();
  });

  it('lists what each interviewer owes when privacy.showInterviewers is on, a small count as such', () => {
    const a = aggregate(input, { asOf: '2025-03-31', privacy: { showInterviewers: true } });
    // Every outstanding scorecard names its interviewer, so the list adds up to the outstanding feedback the
    // feedback page publishes: with Ivo's 6 and Hana's 5 shown, Uma's would be the total minus 11. Hana's, the
    // smaller shown, is hidden beside it, and both read "hidden" (the audit's mark for a small count it found
    // pinned, and for one hidden beside it); the hidden follow by name.
    const outstanding = a.feedback.outstanding.filter((r) => r.department === 'All');
    expect(outstanding.every((r) => !r.suppressed)).toBe(true);
    expect(a.owners.owedByInterviewer).toEqual([
      { interviewer: 'Ivo ZQXIV1', slots: 6, oldestDays: 21.5, suppressed: false },
      { interviewer: HANA, slots: null, oldestDays: null, suppressed: true, complementary: true },
      { interviewer: 'Uma ZQXIV2', slots: null, oldestDays: null, suppressed: true, complementary: true },
    ]);
  });

  it("gives the month's partnership its seats and the manager's own feedback on time", () => {
    const a = aggregate(input, { asOf: '2025-03-31' });
    const march = a.owners.partnerships.filter((p) => p.month === '2025-03');
    expect(march).toHaveLength(1);
    expect(march[0]).toMatchObject({
      hiringManager: HANA,
      recruiter: 'Rui Costa',
      seatsOpen: 1,
      seatsFilled: 0,
      // Her 5 slots are past the 24 h deadline, none submitted: 0 of 5 on time.
      feedbackOnTime: { value: 0, n: 5, suppressed: false },
    });
  });
});
