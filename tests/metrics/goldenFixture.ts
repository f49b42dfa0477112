/**
 * The golden fixture: a small team in Berlin (UTC+1, UTC+2 from 2025-03-30), as of 2025-03-31, minimum
 * group size 2. Every figure of the expected CSVs (tests/fixtures/metrics/golden/expected/) is worked out
 * by hand in golden.test.ts.
 */
import type { Aggregates } from '../../scripts/schema/aggregates.ts';
import type { ConfigInput } from '../../scripts/schema/config.ts';
import { app, interview, req, stageEvent, tables } from './helpers.ts';

export const goldenConfig: ConfigInput = {
  timezone: 'Europe/Berlin',
  asOf: '2025-03-31',
  feedbackSlaHours: 24,
  privacy: { minGroupSize: 2 },
};

const hana = { hiringManager: 'Hana Moreau', recruiter: 'Rui Costa', department: 'Engineering' };
const sam = { hiringManager: 'Sam Okafor', recruiter: 'Lee Park', department: 'Sales' };

export const goldenTables = tables({
  requisitions: [
    req({
      id: 'R1',
      title: 'Backend Engineer',
      ...hana,
      opened: '2025-01-06T09:00:00+01:00',
      filled: '2025-02-14T17:00:00+01:00',
    }),
    req({
      id: 'R2',
      title: 'Frontend Engineer',
      ...hana,
      opened: '2025-01-20T10:00:00+01:00',
      filled: '2025-03-03T09:00:00+01:00',
    }),
    // Filled 00:30 on 1 March in Berlin, which is still 28 February in UTC. The title tries a formula.
    req({
      id: 'R3',
      title: '=Account Executive',
      ...sam,
      opened: '2025-02-03T09:00:00+01:00',
      filled: '2025-03-01T00:30:00+01:00',
    }),
    req({ id: 'R4', title: 'Sales Engineer, EMEA', ...sam, opened: '2024-12-02T09:00:00+01:00' }),
    req({ id: 'R5', title: 'Data Engineer', ...hana, opened: '2025-03-10T09:00:00+01:00', status: 'on_hold' }),
    // Filled on its opening day, with no hiring manager or recruiter.
    req({
      id: 'R6',
      title: 'Platform Engineer',
      department: 'Engineering',
      hiringManager: null,
      recruiter: null,
      opened: '2025-02-10T09:00:00+01:00',
      filled: '2025-02-10T16:00:00+01:00',
    }),
    req({
      id: 'R7',
      title: 'Brand Lead',
      department: 'Marketing',
      hiringManager: 'Mo Reyes',
      opened: '2025-01-15T09:00:00+01:00',
      status: 'cancelled',
    }),
  ],
  applications: [
    app({
      id: 'G1',
      job: 'R1',
      applied: '2025-01-11T10:00:00+01:00',
      stage: 'Recruiter Screen',
      rejected: '2025-02-03T10:00:00+01:00',
      reason: 'Lacking skill(s)/qualification(s)',
    }),
    app({
      id: 'G2',
      job: 'R1',
      applied: '2025-01-12T10:00:00+01:00',
      stage: 'Recruiter Screen',
      rejected: '2025-02-05T10:00:00+01:00',
      reason: 'Lacking skill(s)/qualification(s)',
    }),
    app({
      id: 'G3',
      job: 'R1',
      applied: '2025-01-13T10:00:00+01:00',
      stage: 'Onsite',
      status: 'withdrawn',
      rejected: '2025-02-10T10:00:00+01:00',
      reason: "Wasn't interested",
    }),
    app({
      id: 'G4',
      job: 'R2',
      applied: '2025-01-14T10:00:00+01:00',
      stage: 'Hiring Manager Screen',
      rejected: '2025-03-04T10:00:00+01:00',
      reason: '',
    }),
    app({
      id: 'G5',
      job: 'R2',
      applied: '2025-01-17T10:00:00+01:00',
      stage: 'Onsite',
      rejected: '2025-03-05T10:00:00+01:00',
      reason: '=HYPERLINK("x")',
    }),
    app({
      id: 'G6',
      job: 'R1',
      applied: '2025-01-10T10:00:00+01:00',
      stage: 'Offer',
      hired: '2025-02-14T17:00:00+01:00',
    }),
    app({
      id: 'G7',
      job: 'R2',
      applied: '2025-01-25T10:00:00+01:00',
      stage: 'Offer',
      hired: '2025-03-03T09:00:00+01:00',
    }),
    app({ id: 'G8', job: 'R1', applied: '2025-01-19T10:00:00+01:00', stage: 'Onsite' }),
    app({
      id: 'S1',
      job: 'R3',
      applied: '2025-02-04T10:00:00+01:00',
      stage: 'Recruiter Screen',
      rejected: '2025-02-20T10:00:00+01:00',
      reason: 'Salary expectations too high',
      rejectedBy: 'candidate',
    }),
    app({
      id: 'S2',
      job: 'R3',
      applied: '2025-02-04T11:00:00+01:00',
      stage: 'Recruiter Screen',
      rejected: '2025-02-21T10:00:00+01:00',
      reason: 'Salary expectations too high',
      rejectedBy: 'candidate',
    }),
    app({
      id: 'S3',
      job: 'R3',
      applied: '2025-02-05T10:00:00+01:00',
      stage: 'Offer',
      hired: '2025-03-01T00:30:00+01:00',
    }),
    app({ id: 'S4', job: 'R4', applied: '2025-03-01T10:00:00+01:00', stage: 'Recruiter Screen' }),
    app({ id: 'S5', job: 'R4', applied: '2025-03-02T10:00:00+01:00', stage: 'Recruiter Screen' }),
  ],
  interviews: [
    // February, Engineering, Onsite: 4 h (on time), exactly 24 h (on time), 48 h (late). I1 is one interview
    // with two interviewers: two rows, two feedback slots.
    interview({
      id: 'I1',
      app: 'G3',
      stage: 'Onsite',
      interviewer: 'Ivo Interviewer',
      at: '2025-02-06T10:00:00+01:00',
      end: '2025-02-06T11:00:00+01:00',
      submitted: '2025-02-06T15:00:00+01:00',
      recommendation: 'yes',
    }),
    interview({
      id: 'I1',
      app: 'G3',
      stage: 'Onsite',
      interviewer: 'Hana Moreau',
      at: '2025-02-06T10:00:00+01:00',
      end: '2025-02-06T11:00:00+01:00',
      submitted: '2025-02-07T11:00:00+01:00',
      recommendation: 'strong_yes',
    }),
    interview({
      id: 'I3',
      app: 'G8',
      stage: 'Onsite',
      interviewer: 'Pia Panel',
      at: '2025-02-20T14:00:00+01:00',
      end: '2025-02-20T15:00:00+01:00',
      submitted: '2025-02-22T15:00:00+01:00',
      recommendation: 'no',
    }),
    // February, Engineering, Recruiter Screen: one slot (suppressed at minimum group size 2).
    interview({
      id: 'I4',
      app: 'G1',
      stage: 'Recruiter Screen',
      interviewer: 'Rui Costa',
      at: '2025-02-01T09:00:00+01:00',
      end: '2025-02-01T09:30:00+01:00',
      submitted: '2025-02-01T10:30:00+01:00',
      recommendation: 'no',
    }),
    // March, Engineering, Hiring Manager Screen: one never submitted, one across the DST change (48 real hours).
    interview({
      id: 'I5',
      app: 'G4',
      stage: 'Hiring Manager Screen',
      interviewer: 'Hana Moreau',
      at: '2025-03-03T10:00:00+01:00',
      end: '2025-03-03T10:45:00+01:00',
    }),
    interview({
      id: 'I6',
      app: 'G8',
      stage: 'Hiring Manager Screen',
      interviewer: 'Hana Moreau',
      at: '2025-03-28T16:00:00+01:00',
      end: '2025-03-28T17:00:00+01:00',
      submitted: '2025-03-30T18:00:00+02:00',
      recommendation: 'yes',
    }),
    // March, Sales, Recruiter Screen: 3 h and 24 h, both on time.
    interview({
      id: 'I7',
      app: 'S4',
      stage: 'Recruiter Screen',
      interviewer: 'Lee Park',
      at: '2025-03-10T09:00:00+01:00',
      end: '2025-03-10T09:30:00+01:00',
      submitted: '2025-03-10T12:30:00+01:00',
      recommendation: 'yes',
    }),
    interview({
      id: 'I8',
      app: 'S5',
      stage: 'Recruiter Screen',
      interviewer: 'Lee Park',
      at: '2025-03-11T09:00:00+01:00',
      end: '2025-03-11T09:30:00+01:00',
      submitted: '2025-03-12T09:30:00+01:00',
      recommendation: 'no_decision',
    }),
  ],
  stageEvents: [
    stageEvent('G1', 'Recruiter Screen', '2025-01-12T10:00:00+01:00', '2025-02-03T10:00:00+01:00'),
    stageEvent('G2', 'Recruiter Screen', '2025-01-13T10:00:00+01:00', '2025-02-05T10:00:00+01:00'),
    stageEvent('G3', 'Recruiter Screen', '2025-01-14T10:00:00+01:00', '2025-01-20T10:00:00+01:00'),
    stageEvent('G3', 'Hiring Manager Screen', '2025-01-20T10:00:00+01:00', '2025-02-01T10:00:00+01:00'),
    stageEvent('G3', 'Onsite', '2025-02-01T10:00:00+01:00', '2025-02-10T10:00:00+01:00'),
    stageEvent('G4', 'Recruiter Screen', '2025-01-15T10:00:00+01:00', '2025-01-22T10:00:00+01:00'),
    stageEvent('G4', 'Hiring Manager Screen', '2025-01-22T10:00:00+01:00', '2025-03-04T10:00:00+01:00'),
    stageEvent('G5', 'Recruiter Screen', '2025-01-18T10:00:00+01:00', '2025-01-25T10:00:00+01:00'),
    stageEvent('G5', 'Hiring Manager Screen', '2025-01-25T10:00:00+01:00', '2025-02-01T10:00:00+01:00'),
    stageEvent('G5', 'Onsite', '2025-02-01T10:00:00+01:00', '2025-03-05T10:00:00+01:00'),
    stageEvent('G6', 'Recruiter Screen', '2025-01-12T10:00:00+01:00', '2025-01-16T10:00:00+01:00'),
    stageEvent('G6', 'Hiring Manager Screen', '2025-01-16T10:00:00+01:00', '2025-01-25T10:00:00+01:00'),
    stageEvent('G6', 'Onsite', '2025-01-25T10:00:00+01:00', '2025-02-05T10:00:00+01:00'),
    stageEvent('G6', 'Offer', '2025-02-05T10:00:00+01:00', '2025-02-14T17:00:00+01:00'),
    stageEvent('G7', 'Recruiter Screen', '2025-01-26T10:00:00+01:00', '2025-01-30T10:00:00+01:00'),
    stageEvent('G7', 'Hiring Manager Screen', '2025-01-30T10:00:00+01:00', '2025-02-10T10:00:00+01:00'),
    stageEvent('G7', 'Onsite', '2025-02-10T10:00:00+01:00', '2025-02-20T10:00:00+01:00'),
    stageEvent('G7', 'Offer', '2025-02-20T10:00:00+01:00', '2025-03-03T09:00:00+01:00'),
    stageEvent('G8', 'Recruiter Screen', '2025-01-20T10:00:00+01:00', '2025-01-25T10:00:00+01:00'),
    stageEvent('G8', 'Hiring Manager Screen', '2025-01-25T10:00:00+01:00', '2025-02-10T10:00:00+01:00'),
    stageEvent('G8', 'Onsite', '2025-02-10T10:00:00+01:00'),
  ],
});

export const goldenQuality: Aggregates['quality'] = {
  files: [],
  entities: [],
  ledger: [
    {
      file: 'applications.csv',
      line: 14,
      entity: 'applications',
      column: 'applied_at',
      problem: 'not a date: "13/13/2025"',
      action: 'quarantined',
    },
    {
      file: 'exports/requisitions-2025-03.csv',
      line: 3,
      entity: 'requisitions',
      column: 'requisition_id',
      problem: '+R9 repeats a key of exports/requisitions-2025-02.csv, line 7, with other values',
      action: 'replaced by later file',
    },
  ],
  unmapped: [],
};
