/**
 * Published text is a label (issue 18, item 1), on hand-made canonical tables: what is published as written,
 * what becomes "other (rare text)", and what the data-quality report says about it. Counts worked out beside
 * each assertion.
 */
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../scripts/log.ts';
import { applyLabelRule, RARE_TEXT } from '../../scripts/read/labels.ts';
import { canonicalTables, type Application } from '../../scripts/schema/canonical.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';
import { configSchema } from '../../scripts/schema/config.ts';
import { UserError } from '../../scripts/errors.ts';
import { app, req } from '../metrics/helpers.ts';

type Quality = Aggregates['quality'];
const emptyQuality = (over: Partial<Quality> = {}): Quality =>
  ({ files: [], entities: [], ledger: [], unmapped: [], ...over }) as Quality;

/** n applications A1…An, rejected, with the given reason and stage. */
const apps = (prefix: string, n: number, fields: Partial<Application>): Application[] =>
  Array.from({ length: n }, (_, i) => ({
    ...app({ id: `${prefix}${i + 1}`, applied: '2025-01-06', rejected: '2025-02-03' }),
    ...fields,
  }));

describe('the label rule', () => {
  const config = configSchema.parse({ privacy: { minGroupSize: 3 } });

  it('publishes a text given by at least minGroupSize applications, or a known one, and replaces the rest', () => {
    const tables = canonicalTables({
      requisitions: [req({ id: 'R1', opened: '2025-01-01', department: 'Engineering' })],
      applications: [
        ...apps('A', 3, { rejectionReason: 'Budget freeze in Q1', source: 'Job fair', currentStage: 'Onsite' }), // 3 apps: recurs
        ...apps('B', 2, { rejectionReason: 'Team reshuffle', source: 'Meetup', currentStage: 'Founder lunch' }), // 2 < 3: rare
        ...apps('C', 1, { rejectionReason: 'Spoke to ZQXNAME17 Fakename about the offer' }), // one-off: a person's words
        ...apps('D', 1, { rejectionReason: 'Over-qualified', department: 'Engineering' }), // known reason, known department
        ...apps('E', 1, { department: 'ZQXNAME18 Team' }), // a department no requisition has, on one application
      ],
      interviews: [],
      stageEvents: [],
    });
    const log = memoryLogger();
    const quality = applyLabelRule(tables, emptyQuality(), config, log);
    const by = (id: string) => tables.applications.find((a) => a.applicationId === id)!;
    expect([by('A1').rejectionReason, by('A1').source, by('A1').currentStage]).toEqual([
      'Budget freeze in Q1',
      'Job fair',
      'Onsite',
    ]);
    expect([by('B2').rejectionReason, by('B2').source, by('B2').currentStage]).toEqual([
      RARE_TEXT,
      RARE_TEXT,
      RARE_TEXT,
    ]);
    expect(by('C1').rejectionReason).toBe(RARE_TEXT);
    expect(by('D1').rejectionReason).toBe('Over-qualified');
    expect(by('D1').department).toBe('Engineering');
    expect(by('E1').department).toBeNull(); // the requisition's department is used instead
    // Counted, never quoted: reasons 2 (B) + 1 (C) = 3 rows of 2 distinct values; sources 2 rows, 1 value.
    const rare = quality.unmapped.map((u) => `${u.entity} ${u.column}: ${u.value} ×${u.rows}`);
    expect(rare).toEqual([
      'applications current_stage: (rare text: 1 value, each from fewer than 3 candidates) ×2',
      'applications rejection_reason: (rare text: 2 values, each from fewer than 3 candidates) ×3',
      'applications source: (rare text: 1 value, each from fewer than 3 candidates) ×2',
      'applications department: (rare text: 1 value, each from fewer than 3 candidates) ×1',
    ]);
    const said = JSON.stringify([quality, log.lines]);
    for (const text of ['Team reshuffle', 'Meetup', 'Founder lunch', 'ZQXNAME17', 'ZQXNAME18'])
      expect(said).not.toContain(text);
  });

  it('pools stages over applications, interviews and stage events, counting each application once', () => {
    const tables = canonicalTables({
      requisitions: [req({ id: 'R1', opened: '2025-01-01' })],
      applications: apps('A', 3, {}),
      // "Panel": A1 and A2 in interviews, A3 in events → 3 applications. "Lunch": A1 three times → 1 application.
      interviews: ['A1', 'A2'].map((id, i) => ({
        interviewId: `I${i}`,
        applicationId: id,
        stage: 'Panel',
        interviewer: null,
        interviewAt: Date.parse('2025-01-10T10:00:00Z'),
        interviewEndAt: null,
        feedbackSubmittedAt: null,
        recommendation: null,
      })),
      stageEvents: [
        { applicationId: 'A3', stage: 'Panel', enteredAt: Date.parse('2025-01-10'), exitedAt: null, reason: null },
        ...[1, 2, 3].map((d) => ({
          applicationId: 'A1',
          stage: 'Lunch',
          enteredAt: Date.parse(`2025-01-1${d}`),
          exitedAt: null,
          reason: null,
        })),
      ],
    });
    applyLabelRule(tables, emptyQuality(), config, memoryLogger());
    expect(tables.interviews.stage).toEqual(['Panel', 'Panel']);
    expect(tables.stageEvents.stage).toEqual(['Panel', RARE_TEXT, RARE_TEXT, RARE_TEXT]);
  });

  it('counts candidates, not applications: one candidate’s text on five of their applications is still rare', () => {
    const tables = canonicalTables({
      requisitions: [req({ id: 'R1', opened: '2025-01-01' })],
      // Five applications of one candidate (one candidate key), each giving the candidate's name as the reason.
      applications: apps('A', 5, { rejectionReason: 'ZQXNAME22 Fakename', candidateKey: 42 }),
      interviews: [],
      stageEvents: [],
    });
    applyLabelRule(tables, emptyQuality(), config, memoryLogger());
    expect(tables.applications.map((a) => a.rejectionReason)).toEqual(Array(5).fill(RARE_TEXT));
  });

  it('knows the vendors’ default stages and common sources however rare, in any case or plural', () => {
    const tables = canonicalTables({
      requisitions: [req({ id: 'R1', opened: '2025-01-01' })],
      applications: [
        ...apps('A', 1, { currentStage: 'phone screen', source: 'LinkedIn' }),
        ...apps('B', 1, { currentStage: 'On-site Interview', source: 'Employee Referrals' }),
        ...apps('C', 1, { currentStage: 'Chat with ZQXNAME23', source: 'ZQXNAME23 Fakename' }),
      ],
      interviews: [],
      stageEvents: [],
    });
    applyLabelRule(tables, emptyQuality(), config, memoryLogger());
    expect(tables.applications.map((a) => [a.currentStage, a.source])).toEqual([
      ['phone screen', 'LinkedIn'],
      ['On-site Interview', 'Employee Referrals'],
      [RARE_TEXT, RARE_TEXT],
    ]);
  });

  it('knows the configured stage order however rare a stage is', () => {
    const tables = canonicalTables({
      requisitions: [req({ id: 'R1', opened: '2025-01-01' })],
      applications: apps('A', 1, { currentStage: 'Founder chat' }),
      interviews: [],
      stageEvents: [],
    });
    applyLabelRule(tables, emptyQuality(), configSchema.parse({ stageOrder: ['Founder Chat'] }), memoryLogger());
    expect(tables.applications[0]!.currentStage).toBe('Founder chat');
  });

  it('never lets fewer than two candidates make a label, even with suppression off (minGroupSize 1)', () => {
    const tables = canonicalTables({
      requisitions: [req({ id: 'R1', opened: '2025-01-01' })],
      applications: apps('A', 1, { source: 'Met ZQXNAME19 at a party' }),
      interviews: [],
      stageEvents: [],
    });
    applyLabelRule(tables, emptyQuality(), configSchema.parse({ privacy: { minGroupSize: 1 } }), memoryLogger());
    expect(tables.applications[0]!.source).toBe(RARE_TEXT);
  });

  it('says when nearly a whole column is rare text: a column of names or notes mapped by mistake', () => {
    const tables = canonicalTables({
      requisitions: [req({ id: 'R1', opened: '2025-01-01' })],
      applications: Array.from({ length: 20 }, (_, i) => ({
        ...app({ id: `A${i}`, applied: '2025-01-06', rejected: '2025-02-03' }),
        rejectionReason: `ZQXNAME${i} Fakename`,
      })),
      interviews: [],
      stageEvents: [],
    });
    const log = memoryLogger();
    const quality = applyLabelRule(tables, emptyQuality(), config, log);
    expect(quality.unmapped[0]!.fix).toMatch(/check which column is mapped to rejection_reason/);
    expect(log.lines.join('\n')).toMatch(/applications rejection_reason: 20 values given by fewer than 3 candidates/);
    expect(JSON.stringify([quality, log.lines, tables.applications])).not.toContain('ZQXNAME');
  });

  it('quotes an unknown enum value seen often enough, and folds rarer ones into a count', () => {
    const unmapped = [
      { entity: 'applications', column: 'status', value: 'Disqualified', rows: 7, fix: 'x' },
      { entity: 'applications', column: 'status', value: 'ZQXNAME20 Fakename', rows: 1, fix: '"ZQXNAME20 Fakename"' },
      { entity: 'applications', column: 'status', value: 'ZQXNAME21 Fakename', rows: 2, fix: '"ZQXNAME21 Fakename"' },
    ] as Quality['unmapped'];
    const tables = canonicalTables({ requisitions: [], applications: [], interviews: [], stageEvents: [] });
    const quality = applyLabelRule(tables, emptyQuality({ unmapped }), config, memoryLogger());
    expect(quality.unmapped.map((u) => [u.value, u.rows])).toEqual([
      ['Disqualified', 7],
      ['(rare values: 2 values, each in fewer than 3 rows)', 3],
    ]);
    expect(JSON.stringify(quality)).not.toContain('ZQXNAME');
  });

  it('stops the build when a table is mostly quarantined for one column, naming the column only', () => {
    // 12 applications read, 11 quarantined for "Candidate Name" (read as status): more than half, one column.
    const ledger = Array.from({ length: 11 }, (_, i) => ({
      file: 'applications.csv',
      line: i + 2,
      entity: 'applications',
      column: 'Candidate Name',
      problem: 'unknown status',
      action: 'quarantined',
    }));
    const entities = [
      { entity: 'applications', read: 12, used: 1, duplicatesIdentical: 0, duplicatesConflicting: 0, quarantined: 11 },
    ];
    const tables = canonicalTables({ requisitions: [], applications: [], interviews: [], stageEvents: [] });
    const run = () =>
      applyLabelRule(tables, emptyQuality({ ledger, entities } as Partial<Quality>), config, memoryLogger());
    expect(run).toThrow(UserError);
    try {
      run();
    } catch (error) {
      expect((error as UserError).format()).toMatch(
        /^column "Candidate Name": 11 of 12 applications rows were set aside, 11 of them for this column\n  How to fix: Check that the column read as "Candidate Name"/,
      );
    }
    // Six of twelve is not "mostly"; nor are rows set aside for a date (the dateOrder warning says what to do).
    const half = { ...entities[0]!, used: 6, quarantined: 6 };
    expect(() =>
      applyLabelRule(
        tables,
        emptyQuality({ ledger: ledger.slice(0, 6), entities: [half] } as Partial<Quality>),
        config,
        memoryLogger(),
      ),
    ).not.toThrow();
    const dates = ledger.map((e) => ({ ...e, column: 'Applied', problem: 'ambiguous date: set dateOrder' }));
    expect(() =>
      applyLabelRule(tables, emptyQuality({ ledger: dates, entities } as Partial<Quality>), config, memoryLogger()),
    ).not.toThrow();
  });
});
