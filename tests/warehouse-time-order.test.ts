/**
 * Warehouse joins order records by time in several places (a Greenhouse application's history, a Lever
 * opportunity's stage history, the hires of a requisition, the latest application naming a posting's hiring
 * manager, the latest completed feedback form). A timestamp the date reader cannot read goes after every
 * readable one in each of them, so what a join makes does not depend on the order of the rows in the file.
 */
import { describe, expect, it } from 'vitest';
import type { Entity } from '../scripts/schema/canonical.ts';
import { parseConfig } from '../scripts/read/config.ts';
import { greenhouseWarehouse } from '../scripts/read/warehouse/greenhouse.ts';
import { leverWarehouse } from '../scripts/read/warehouse/lever.ts';
import { DumpTable, Skipped, type Joined, type Vendor } from '../scripts/read/warehouse/tables.ts';

const config = parseConfig('{}');
/** Not a date in any format the reader knows. */
const UNREADABLE = 'n/a';

type Tables = Record<string, { header: string[]; rows: string[][] }>;

/**
 * The rotations of 0…n-1 and of its reverse: every relative order of any three rows (the unreadable one and
 * any two that share its key), in 2n joins rather than n!.
 */
function orders(n: number): number[][] {
  const identity = Array.from({ length: n }, (_, i) => i);
  const rotations = (list: number[]) => list.map((_, k) => [...list.slice(k), ...list.slice(0, k)]);
  return [...rotations(identity), ...rotations(identity.toReversed())];
}

/** The join of `tables`, the rows of `reordered` given in `order` (each row keeps its line in the file). */
function join(vendor: Vendor, tables: Tables, reordered?: string, order?: readonly number[]): Joined {
  const skipped = new Skipped();
  const dump = new Map<string, DumpTable>();
  for (const [name, { header, rows }] of Object.entries(tables)) {
    const records = rows.map((fields, i) => ({ fields, line: i + 2 }));
    const table = vendor.tables.find((t) => t.name === name)!;
    const given = name === reordered && order ? order.map((i) => records[i]!) : records;
    dump.set(name, new DumpTable(table, `${name}.csv`, header, given, skipped));
  }
  return vendor.join(dump, skipped, config);
}

/** The template rows a join made, each as its cells, in a stable order (the row order follows the file's). */
function made(joined: Joined): Record<Entity, string[]> {
  const sorted = (entity: Entity) => joined.rows[entity].map((row) => JSON.stringify(row.cells)).sort();
  return {
    requisitions: sorted('requisitions'),
    applications: sorted('applications'),
    interviews: sorted('interviews'),
    stage_events: sorted('stage_events'),
  };
}

/** Every order of every table's rows, one table at a time, gives what the file order gives. */
function expectOrderFree(vendor: Vendor, tables: Tables): void {
  const expected = made(join(vendor, tables));
  for (const [name, { rows }] of Object.entries(tables)) {
    for (const order of orders(rows.length)) {
      expect(made(join(vendor, tables, name, order)), `${name} in the order ${order.join(',')}`).toEqual(expected);
    }
  }
}

const cellsOf = (joined: Joined, entity: Entity) => joined.rows[entity].map((row) => row.cells);

describe('Greenhouse: an application history with an unreadable timestamp', () => {
  const tables: Tables = {
    job: { header: ['id', 'name', 'status', 'opened_at'], rows: [['J1', 'Analyst', 'open', '2025-01-01 00:00:00']] },
    application: {
      header: ['id', 'candidate_id', 'applied_at', 'status', 'prospect'],
      rows: [['A1', 'C1', '2025-01-05 00:00:00', 'hired', 'false']],
    },
    job_application: { header: ['application_id', 'job_id'], rows: [['A1', 'J1']] },
    job_stage: {
      header: ['id', 'name'],
      rows: [
        ['11', 'Screen'],
        ['12', 'Onsite'],
        ['13', 'Offer'],
      ],
    },
    application_history: {
      header: ['application_id', 'new_stage_id', 'new_status', 'updated_at'],
      rows: [
        ['A1', '11', 'active', '2025-01-06 09:00:00'],
        ['A1', '13', 'hired', UNREADABLE],
        ['A1', '12', 'active', '2025-01-08 09:00:00'],
        ['A1', '', 'hired', '2025-01-10 09:00:00'],
      ],
    },
  };

  it('sorts it after the readable entries: the dated hire is the hire, each dated stage ends at the next', () => {
    const joined = join(greenhouseWarehouse, tables);
    // In time order: Screen 01-06, Onsite 01-08, hired 01-10 (no stage), then Offer (unreadable, last).
    expect(cellsOf(joined, 'applications')[0]!.hired_at).toBe('2025-01-10T09:00:00Z');
    expect(cellsOf(joined, 'stage_events')).toEqual([
      { application_id: 'A1', stage: 'Screen', entered_at: '2025-01-06T09:00:00Z', exited_at: '2025-01-08T09:00:00Z' },
      { application_id: 'A1', stage: 'Onsite', entered_at: '2025-01-08T09:00:00Z', exited_at: '2025-01-10T09:00:00Z' },
      { application_id: 'A1', stage: 'Offer', entered_at: UNREADABLE, exited_at: '' },
    ]);
  });

  it('gives the same rows whatever the order of the rows in each file', () => {
    expectOrderFree(greenhouseWarehouse, tables);
  });
});

describe('Lever: hires, the latest application, stage history and feedback with an unreadable timestamp', () => {
  const tables: Tables = {
    user: {
      header: ['id', 'name'],
      rows: [
        ['u1', 'Manager One'],
        ['u2', 'Manager Two'],
        ['u3', 'Manager Three'],
        ['u9', 'Interviewer Nine'],
      ],
    },
    posting: {
      header: ['id', 'text', 'state', 'categories_team', 'created_at'],
      rows: [
        ['P1', 'Analyst', 'published', 'Data', '2025-01-01 00:00:00'],
        ['P2', 'Engineer', 'published', 'Engineering', '2025-01-01 00:00:00'],
      ],
    },
    requisition: {
      header: ['id', 'requisition_code', 'headcount_total', 'status', 'created_at'],
      rows: [['R1', 'REQ-1', '3', 'open', '2025-03-01 00:00:00']],
    },
    requisition_posting: { header: ['requisition_id', 'posting_id'], rows: [['R1', 'P2']] },
    opportunity: {
      header: ['id', 'contact', 'created_at', 'archived_at', 'stage_id'],
      rows: [
        ['o1', 'c1', '2025-01-10 09:00:00', '', 's1'],
        ['o2', 'c2', '2025-01-11 09:00:00', '', 's1'],
        ['o3', 'c3', '2025-01-12 09:00:00', '', 's1'],
        ['o4', 'c4', '2025-03-02 09:00:00', '2025-05-02 10:00:00', 's3'],
        ['o5', 'c5', '2025-03-03 09:00:00', UNREADABLE, 's3'],
        ['o6', 'c6', '2025-03-04 09:00:00', '2025-04-01 09:00:00', 's3'],
      ],
    },
    application: {
      header: [
        'id',
        'opportunity_id',
        'posting_id',
        'created_at',
        'posting_hiring_manager_id',
        'requisition_for_hire_id',
      ],
      rows: [
        ['a1', 'o1', 'P1', '2025-01-10 09:00:00', 'u1', ''],
        ['a2', 'o2', 'P1', UNREADABLE, 'u2', ''],
        ['a3', 'o3', 'P1', '2025-01-20 09:00:00', 'u3', ''],
        ['a4', 'o4', 'P2', '2025-03-02 09:00:00', '', 'R1'],
        ['a5', 'o5', 'P2', '2025-03-03 09:00:00', '', 'R1'],
        ['a6', 'o6', 'P2', '2025-03-04 09:00:00', '', 'R1'],
      ],
    },
    stage: {
      header: ['id', 'text'],
      rows: [
        ['s1', 'Screen'],
        ['s2', 'Onsite'],
        ['s3', 'Offer'],
      ],
    },
    opportunity_stage_history: {
      header: ['opportunity_id', 'stage_id', 'updated_at'],
      rows: [
        ['o1', 's1', '2025-02-01 09:00:00'],
        ['o1', 's3', UNREADABLE],
        ['o1', 's2', '2025-02-03 09:00:00'],
      ],
    },
    interview: {
      header: ['id', 'opportunity_id', 'stage_id', 'date', 'duration', 'canceled_at'],
      rows: [['i1', 'o1', 's1', '2025-02-02 10:00:00', '45', '']],
    },
    interviewer_user: { header: ['interview_id', 'user_id'], rows: [['i1', 'u9']] },
    feedback_form: {
      header: ['id', 'interview_id', 'creator_id', 'completed_at', 'score_system_value', 'deleted_at'],
      rows: [
        ['f1', 'i1', 'u9', '2025-02-02 12:00:00', 'yes', ''],
        ['f2', 'i1', 'u9', UNREADABLE, 'strong no', ''],
        ['f3', 'i1', 'u9', '2025-02-02 11:00:00', 'no', ''],
      ],
    },
  };

  it('sorts it after the readable ones everywhere', () => {
    const joined = join(leverWarehouse, tables);
    const requisitions = cellsOf(joined, 'requisitions');
    // The dated hires fill the first seats in time order (04-01, then 05-02); the undated one the last seat.
    expect(requisitions.filter((r) => r.job_id === 'P2').map((r) => [r.requisition_id, r.filled_at])).toEqual([
      ['REQ-1-1', '2025-04-01T09:00:00Z'],
      ['REQ-1-2', '2025-05-02T10:00:00Z'],
      ['REQ-1-3', UNREADABLE],
    ]);
    // The latest application to P1 is the one whose date cannot be read (last in the order), so its manager.
    expect(requisitions.find((r) => r.job_id === 'P1')!.hiring_manager).toBe('Manager Two');
    expect(cellsOf(joined, 'stage_events')).toEqual([
      { application_id: 'o1', stage: 'Screen', entered_at: '2025-02-01T09:00:00Z', exited_at: '2025-02-03T09:00:00Z' },
      { application_id: 'o1', stage: 'Onsite', entered_at: '2025-02-03T09:00:00Z', exited_at: UNREADABLE },
      { application_id: 'o1', stage: 'Offer', entered_at: UNREADABLE, exited_at: '' },
    ]);
    // Of the three completed forms, the last in the order: the undated one.
    const [slot] = cellsOf(joined, 'interviews');
    expect([slot!.feedback_submitted_at, slot!.recommendation]).toEqual([UNREADABLE, 'strong no']);
    expect(slot!.interview_end_at).toBe('2025-02-02T10:45:00.000Z');
  });

  it('gives the same rows whatever the order of the rows in each file', () => {
    expectOrderFree(leverWarehouse, tables);
  });
});
