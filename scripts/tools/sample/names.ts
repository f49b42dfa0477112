/**
 * Fake people for the sample. Candidate names, e-mails, phones and notes are the identifying columns real
 * exports carry and the product must drop, so they are present and varied (including accents, apostrophes and
 * commas, which exercise UTF-8 and CSV quoting). E-mails use only example.com / example.org and phones the
 * 555-01xx range reserved for fiction.
 */
import type { Dice } from './random.ts';

// prettier-ignore
export const FIRST_NAMES = [
  'Aaliyah', 'Aarav', 'Abena', 'Adaeze', 'Adrián', 'Ahmed', 'Aiko', 'Aisha', 'Alejandro', 'Alessia', 'Amara',
  'Amelia', 'Anders', 'Andrés', 'Anika', 'Arjun', 'Astrid', 'Avery', 'Ayşe', 'Bea', 'Bilal', 'Bruno', 'Camille',
  'Carmen', 'Chen', 'Chiara', 'Chidi', 'Clara', 'Connor', 'Dalia', 'Daniel', 'Dariusz', 'Deepa', 'Diego',
  'Dmitri', 'Ebony', 'Eero', 'Elif', 'Elena', 'Eliza', 'Emeka', 'Emil', 'Esther', 'Fatima', 'Felix', 'Fiona',
  'Florian', 'Freya', 'Gabriel', 'Greta', 'Hana', 'Hannah', 'Hiro', 'Ibrahim', 'Idris', 'Ines', 'Ingrid',
  'Isaac', 'Isla', 'Ivan', 'Jae-won', 'Jamal', 'Javier', 'Jonas', 'José', 'Julia', 'Kai', 'Kalani', 'Kamila',
  'Karim', 'Keanu', 'Kenji', 'Kofi', 'Laila', 'Lars', 'Layla', 'Leila', 'Léa', 'Liam', 'Lin', 'Lucía', 'Luca',
  'Magnus', 'Maia', 'Malik', 'Marek', 'María', 'Mateo', 'Maya', 'Mehmet', 'Mei', 'Mila', 'Mohammed', 'Nadia',
  'Naledi', 'Nia', 'Niamh', 'Nikhil', 'Noah', 'Nora', 'Olu', 'Omar', 'Oscar', 'Paulo', 'Pia', 'Priya', 'Quinn',
  'Rafael', 'Rahul', 'Rania', 'Reza', 'Riya', 'Rosa', 'Rowan', 'Ruth', 'Saanvi', 'Sakura', 'Salma', 'Samir',
  'Sanne', 'Sebastián', 'Selin', 'Shira', 'Sienna', 'Sofía', 'Stefan', 'Sunita', 'Tariq', 'Tatiana', 'Teo',
  'Thandiwe', 'Tobias', 'Tomás', 'Uma', 'Valentina', 'Vikram', 'Wei', 'Wiktoria', 'Xavier', 'Yara', 'Yusuf',
  'Zainab', 'Zara', 'Zoë',
] as const;

// prettier-ignore
export const LAST_NAMES = [
  'Abara', 'Achterberg', 'Adeyemi', 'Alvarado', 'Amadi', 'Andersen', 'Arslan', 'Asante', 'Bakker', 'Balogun',
  'Bangura', 'Becker', 'Bergström', 'Bianchi', 'Bose', 'Brennan', 'Castillo', 'Çelik', 'Chaudhry', 'Costa',
  'Dahl', 'Dasgupta', 'de Vries', 'Demir', 'Diallo', 'Dubois', 'Eriksen', 'Esposito', 'Fernández', 'Fischer',
  'Fontaine', 'Fujita', 'Gallagher', 'García', 'Goldberg', 'Grünewald', 'Gupta', 'Haddad', 'Halvorsen',
  'Hashemi', 'Herrera', 'Holm', 'Hosseini', 'Ibarra', 'Iyer', 'Jankowski', 'Jensen', 'Kapoor', 'Kaya', 'Keller',
  'Khalil', 'Kim', 'Kowalczyk', 'Kruger', 'Kumar', 'Larsen', 'Lefebvre', 'Lindqvist', 'Lombardi', 'Lopes',
  'Mahlangu', 'Marchetti', 'Mbeki', 'McAllister', 'Medina', 'Mensah', 'Moreau', 'Mukherjee', 'Nakamura',
  'Navarro', 'Ndiaye', 'Nguyen', 'Novak', 'Nowak', 'Nwosu', "O'Connell", "O'Sullivan", 'Obi', 'Okafor',
  'Okonkwo', 'Oliveira', 'Ortiz', 'Osei', 'Owusu', 'Pacheco', 'Park', 'Patel', 'Pereira', 'Petrov', 'Pham',
  'Quintero', 'Rahman', 'Ramírez', 'Rasmussen', 'Reyes', 'Richter', 'Rossi', 'Sato', 'Schäfer', 'Schmidt',
  'Sedlák', 'Shah', 'Silva', 'Singh', 'Sokolov', 'Suzuki', 'Svensson', 'Takahashi', 'Tanaka', 'Teixeira',
  'Thorsen', 'Toure', 'Tran', 'Udeh', 'Valdez', 'van Dijk', 'Vargas', 'Verma', 'Vogel', 'Volkov', 'Wagner',
  'Walsh', 'Watanabe', 'Weber', 'Wiśniewski', 'Yamamoto', 'Yilmaz', 'Zhang', 'Zhou', 'Zimmermann',
] as const;

/** Distinct full names for the company's employees (hiring managers, recruiters, interviewers). */
export function employeeNames(count: number, dice: Dice): string[] {
  const names = new Set<string>();
  while (names.size < count) names.add(`${dice.pick(FIRST_NAMES)} ${dice.pick(LAST_NAMES)}`);
  return [...names];
}

export interface CandidateIdentity {
  name: string;
  email: string;
  phone: string;
}

export function fakeCandidate(dice: Dice): CandidateIdentity {
  const first = dice.pick(FIRST_NAMES);
  const last = dice.pick(LAST_NAMES);
  const domain = dice.chance(0.8) ? 'example.com' : 'example.org';
  const email = `${emailPart(first)}.${emailPart(last)}.${dice.int(1000, 9999)}@${domain}`;
  // Some candidates leave the phone field blank.
  const phone = dice.chance(0.12) ? '' : `+1 555 01${digits(2, dice)} ${digits(4, dice)}`;
  return { name: `${first} ${last}`, email, phone };
}

/** `Zoë` → `zoe`, `O'Connell` → `oconnell`, `de Vries` → `devries`. */
function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function digits(count: number, dice: Dice): string {
  let result = '';
  for (let i = 0; i < count; i++) result += String(dice.int(0, 9));
  return result;
}

/** Recruiter jottings as they appear in a free-text column; a third of applications have none. */
const NOTE_SNIPPETS = [
  'Strong portfolio; follow up re visa',
  'Referred by a former colleague',
  'Asked about remote work',
  'Notice period 3 months',
  'Notice period: 1 month',
  'Relocating from abroad, needs sponsorship',
  'Great communication, light on system design',
  'Salary expectation above band',
  'Prefers part-time start',
  "Re-applied after last year's process",
  'Met at the spring meetup',
  'Portfolio link broken, asked for PDF',
  'Has competing offer, deadline Friday',
  'Very keen, "happy to do a take-home"',
  'Available from next quarter',
  'Internal referral, fast-track screen',
  'Needs flexible hours (childcare)',
  'Strong SQL, little Python',
  'Background check pending',
  'Check references before onsite',
  'Candidate rescheduled twice',
  'Wants to move into management',
  'Great culture add, per team lunch',
  'Open to other roles, too',
  'Interviewed for a different team in 2024',
  'Spoke at our user conference',
  'Overqualified? discuss with HM',
  'CV gap 2022-2023, explained (travel)',
  'Follow up re start date',
  'Sent case study; waiting on reply',
] as const;

export function recruiterNote(dice: Dice): string {
  if (dice.chance(0.35)) return '';
  const note = dice.pick(NOTE_SNIPPETS);
  return dice.chance(0.15) ? `${note}; ${dice.pick(NOTE_SNIPPETS).toLowerCase()}` : note;
}
