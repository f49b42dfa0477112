/**
 * The fictional mid-size company: its departments (with different hiring volumes and speeds), hiring
 * managers, recruiters and interview panels. All names are fake.
 */
import { employeeNames } from './names.ts';
import { itemAt, type Dice } from './random.ts';

export interface Department {
  name: string;
  /** Share of all requisitions. */
  share: number;
  hiringManagers: number;
  /** Size of the panel that onsite interviewers come from. */
  interviewers: number;
  /** Median calendar days from opening to offer accepted. */
  medianDaysToFill: number;
  /** Median applications per seat over a typical six-week opening. */
  applicationsPerSeat: number;
  titles: readonly string[];
  /** Where applicants come from (weights). */
  sources: readonly (readonly [string, number])[];
}

const TECH_SOURCES = [
  ['LinkedIn', 34],
  ['Company website', 26],
  ['Referral', 10],
  ['Sourced', 12],
  ['Indeed', 8],
  ['Agency', 4],
  ['University', 3],
  ['Job board', 3],
] as const;
const COMMERCIAL_SOURCES = [
  ['LinkedIn', 30],
  ['Company website', 22],
  ['Indeed', 18],
  ['Referral', 9],
  ['Job board', 9],
  ['Agency', 8],
  ['Sourced', 4],
] as const;

export const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Engineering',
    share: 0.26,
    hiringManagers: 8,
    interviewers: 16,
    medianDaysToFill: 47,
    applicationsPerSeat: 88,
    titles: [
      'Software Engineer',
      'Senior Software Engineer',
      'Staff Software Engineer',
      'Backend Engineer, Payments',
      'Frontend Engineer',
      'Site Reliability Engineer',
      'Engineering Manager',
      'Mobile Engineer (iOS)',
      'Security Engineer',
      'QA Engineer',
    ],
    sources: TECH_SOURCES,
  },
  {
    name: 'Data',
    share: 0.14,
    hiringManagers: 4,
    interviewers: 9,
    medianDaysToFill: 50,
    applicationsPerSeat: 84,
    titles: [
      'Data Engineer',
      'Senior Data Scientist',
      'Analytics Engineer',
      'Data Analyst',
      'Machine Learning Engineer',
    ],
    sources: TECH_SOURCES,
  },
  {
    name: 'Product',
    share: 0.08,
    hiringManagers: 3,
    interviewers: 7,
    medianDaysToFill: 44,
    applicationsPerSeat: 106,
    titles: ['Product Manager', 'Senior Product Manager', 'Product Operations Manager', 'Technical Product Manager'],
    sources: TECH_SOURCES,
  },
  {
    name: 'Design',
    share: 0.06,
    hiringManagers: 2,
    interviewers: 6,
    medianDaysToFill: 41,
    applicationsPerSeat: 114,
    titles: ['Product Designer', 'Senior Product Designer', 'UX Researcher', 'Content Designer'],
    sources: TECH_SOURCES,
  },
  {
    name: 'Sales',
    share: 0.16,
    hiringManagers: 4,
    interviewers: 8,
    medianDaysToFill: 33,
    applicationsPerSeat: 75,
    titles: [
      'Account Executive',
      'Senior Account Executive',
      'Sales Development Representative',
      'Sales Engineer',
      'Regional Sales Director, DACH',
    ],
    sources: COMMERCIAL_SOURCES,
  },
  {
    name: 'Marketing',
    share: 0.09,
    hiringManagers: 3,
    interviewers: 6,
    medianDaysToFill: 37,
    applicationsPerSeat: 97,
    titles: ['Product Marketing Manager', 'Content Marketing Manager', 'Growth Marketer', 'Events Manager'],
    sources: COMMERCIAL_SOURCES,
  },
  {
    name: 'Customer Success',
    share: 0.13,
    hiringManagers: 3,
    interviewers: 6,
    medianDaysToFill: 29,
    applicationsPerSeat: 79,
    titles: [
      'Customer Success Manager',
      'Support Specialist',
      'Implementation Consultant',
      'Technical Support Engineer',
    ],
    sources: COMMERCIAL_SOURCES,
  },
  {
    name: 'Finance',
    share: 0.08,
    hiringManagers: 2,
    interviewers: 4,
    medianDaysToFill: 39,
    applicationsPerSeat: 57,
    titles: ['Financial Analyst', 'Accountant', 'Payroll Specialist', 'FP&A Manager', 'Procurement Specialist'],
    sources: COMMERCIAL_SOURCES,
  },
];

export const LOCATIONS = [
  ['London, UK', 26],
  ['Berlin, Germany', 20],
  ['New York, US', 16],
  ['Remote (EU)', 18],
  ['Remote (US)', 12],
  ['Lisbon, Portugal', 8],
] as const;

/** Which departments each recruiter covers: every department has two recruiters to share the load. */
const RECRUITER_COVERAGE: readonly (readonly string[])[] = [
  ['Engineering', 'Data'],
  ['Engineering', 'Product', 'Design'],
  ['Sales', 'Customer Success'],
  ['Marketing', 'Sales'],
  ['Data', 'Finance', 'Engineering'],
  ['Customer Success', 'Finance', 'Product', 'Design', 'Marketing'],
];

export interface Team {
  department: Department;
  hiringManagers: string[];
  recruiters: string[];
  /** Employees who sit on onsite panels. */
  panel: string[];
}

export interface Company {
  teams: Team[];
  recruiters: string[];
  /**
   * Two hiring managers who rarely say why they turn candidates down (many empty or "Other" reasons): the
   * partnership view should single them out.
   */
  vagueHiringManagers: ReadonlySet<string>;
}

export function staffCompany(dice: Dice): Company {
  const headcount =
    RECRUITER_COVERAGE.length + DEPARTMENTS.reduce((sum, d) => sum + d.hiringManagers + d.interviewers, 0);
  const people = employeeNames(headcount, dice);
  const hire = (count: number) => people.splice(0, count);

  const recruiters = hire(RECRUITER_COVERAGE.length);
  const teams = DEPARTMENTS.map((department) => ({
    department,
    hiringManagers: hire(department.hiringManagers),
    recruiters: recruiters.filter((_, i) => itemAt(RECRUITER_COVERAGE, i).includes(department.name)),
    panel: hire(department.interviewers),
  }));
  const vagueHiringManagers = new Set([
    itemAt(teamOf(teams, 'Engineering').hiringManagers, 2),
    itemAt(teamOf(teams, 'Sales').hiringManagers, 1),
  ]);
  return { teams, recruiters, vagueHiringManagers };
}

export function teamOf(teams: readonly Team[], name: string): Team {
  const team = teams.find((t) => t.department.name === name);
  if (!team) throw new Error(`no department ${name}`);
  return team;
}
