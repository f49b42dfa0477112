// The field tables are the one description of each canonical table: the duplicate comparison, the column tables
// and the batches posted from worker threads all follow them, so no field can be left out of any of them.
import { describe, expect, it } from 'vitest';
import { ENTITIES, FIELDS, TEMPLATE, type Entity, type Field } from '../scripts/schema/canonical.ts';
import {
  applicationKey,
  interviewKey,
  requisitionKey,
  stageEventKey,
  type Keyed,
  type Rows,
} from '../scripts/read/merge.ts';
import { ROW_FIELDS, RowBatchReader, RowBatchWriter } from '../scripts/read/row-batch.ts';
import type { Row } from '../scripts/read/rows.ts';

const KEYED = {
  requisitions: requisitionKey,
  applications: applicationKey,
  interviews: interviewKey,
  stage_events: stageEventKey,
} as unknown as Record<Entity, Keyed<Row, Rows<Row> & { row?(r: number): Row }>>;

const fields = (entity: Entity): readonly Field[] => FIELDS[entity];

/** A row of `entity` with a value in every field. */
function fullRow(entity: Entity): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  fields(entity).forEach((field, i) => {
    row[field.key] =
      field.kind === 'instant'
        ? Date.UTC(2025, 0, 10 + i)
        : field.kind === 'pseudonym'
          ? 4_503_599_627_370_495
          : field.kind === 'enum'
            ? field.values![0]
            : `${field.key} value`;
  });
  return row;
}

/** `row` with another value in `field`: another non-empty one, or none. */
function changed(row: Record<string, unknown>, field: Field, to: 'other' | 'none'): Record<string, unknown> {
  const value = row[field.key];
  const other =
    to === 'none'
      ? null
      : field.kind === 'enum'
        ? field.values![1]
        : typeof value === 'number'
          ? value + 1
          : `${String(value)} too`;
  return { ...row, [field.key]: other };
}

/** The rows in the entity's own storage (an array of objects or a column table), by position. */
function stored(entity: Entity, rows: Array<Record<string, unknown>>) {
  const keyed = KEYED[entity];
  const storage = keyed.empty();
  for (const row of rows) storage.push(row as unknown as Row);
  return { keyed, storage };
}

describe('field tables', () => {
  it('give the template its columns, required ones marked, in row order', () => {
    expect(TEMPLATE.stage_events).toEqual([
      { column: 'application_id', required: true, kind: 'id' },
      { column: 'stage', required: true, kind: 'text' },
      { column: 'entered_at', required: true, kind: 'instant' },
      { column: 'exited_at', required: false, kind: 'instant' },
      { column: 'reason', required: false, kind: 'text' },
    ]);
    expect(TEMPLATE.applications.map((f) => f.column)).toEqual(FIELDS.applications.map((f) => f.column));
    for (const entity of ENTITIES)
      expect(ROW_FIELDS[entity].map((f) => f.key)).toEqual(fields(entity).map((f) => f.key));
  });

  for (const entity of ENTITIES) {
    describe(entity, () => {
      it('counts two rows equal in every field as an identical duplicate', () => {
        const { keyed, storage } = stored(entity, [fullRow(entity), fullRow(entity)]);
        expect(keyed.same(storage, 0, 1)).toBe(true);
      });

      // A comparison written out by hand could miss a field: conflicting duplicates would then count as identical.
      for (const field of fields(entity)) {
        it(`counts rows that differ only in ${field.key} as conflicting`, () => {
          const row = fullRow(entity);
          const variants = [changed(row, field, 'other')];
          if (!field.required && field.defaultsTo === undefined) variants.push(changed(row, field, 'none'));
          for (const variant of variants) {
            const { keyed, storage } = stored(entity, [row, variant]);
            expect(keyed.same(storage, 0, 1)).toBe(false);
            expect(keyed.same(storage, 1, 0)).toBe(false);
          }
        });
      }

      it('carries every field from a worker thread to the table, values and empties alike', () => {
        const rows = [fullRow(entity), ...fields(entity).map((field) => changed(fullRow(entity), field, 'none'))];
        // Required fields are never empty in a row read: keep those rows whole.
        const readable = rows.map((row) =>
          Object.fromEntries(
            fields(entity).map((f) => [f.key, row[f.key] === null && f.required ? fullRow(entity)[f.key] : row[f.key]]),
          ),
        );
        const writer = new RowBatchWriter(entity, readable.length);
        readable.forEach((row, i) => {
          writer.countRead();
          writer.add(row as unknown as Row, i + 2);
        });
        const { batch } = writer.take();
        const reader = new RowBatchReader({
          text: (_dictionary, value) => value,
          person: (value) => ({ value, hidden: null }),
          applicationId: (id) => id,
        });
        const decoded = reader.decode(batch, () => {
          throw new Error('nothing was hidden');
        });
        const keyed = KEYED[entity];
        const storage = keyed.empty();
        keyed.append(storage, decoded.columns as never, decoded.rows);
        const back = Array.from({ length: storage.length }, (_, r) =>
          Array.isArray(storage) ? (storage[r] as unknown) : storage.row!(r),
        );
        expect(back).toEqual(readable);
        for (const row of back) expect(Object.keys(row as object)).toEqual(fields(entity).map((f) => f.key));
      });
    });
  }
});
