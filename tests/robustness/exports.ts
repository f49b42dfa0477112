/**
 * Generated ATS exports for the robustness suite: small slices of the shipped sample (the canonical template's
 * shape, with its extra PII columns) that fast-check then damages in the ways real exports are damaged —
 * truncated, stray quotes, other encodings, shuffled / duplicated / missing columns, odd dates and enums,
 * enormous fields, empty and header-only files.
 *
 * Everything here is deterministic given fast-check's seed: no Math.random, no clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import fc from 'fast-check';
import { ROOT } from '../helpers/run.ts';

export type EntityName = 'requisitions' | 'applications' | 'interviews' | 'stage_events';
export const ENTITY_NAMES: readonly EntityName[] = ['requisitions', 'applications', 'interviews', 'stage_events'];

export interface Table {
  header: string[];
  rows: string[][];
}

function readSample(entity: EntityName): Table {
  const text = fs.readFileSync(path.join(ROOT, 'data/sample', `${entity}.csv`), 'utf8');
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  return { header: header!, rows };
}

/**
 * A consistent slice of the sample: the first requisitions, the applications of their jobs, the interviews and
 * stage events of those applications. Small on purpose (each fuzz case writes and reads it).
 */
export function sampleSlice(
  limits = { requisitions: 12, applications: 40, interviews: 30, stage_events: 50 },
): Record<EntityName, Table> {
  const requisitions = readSample('requisitions');
  const applications = readSample('applications');
  const interviews = readSample('interviews');
  const stageEvents = readSample('stage_events');
  const reqs = requisitions.rows.slice(0, limits.requisitions);
  const jobIndex = requisitions.header.indexOf('job_id');
  const jobs = new Set(reqs.map((r) => r[jobIndex]!));
  const appJob = applications.header.indexOf('job_id');
  const apps = applications.rows.filter((r) => jobs.has(r[appJob]!)).slice(0, limits.applications);
  const appIds = new Set(apps.map((r) => r[0]!));
  const intApp = interviews.header.indexOf('application_id');
  const ints = interviews.rows.filter((r) => appIds.has(r[intApp]!)).slice(0, limits.interviews);
  const events = stageEvents.rows.filter((r) => appIds.has(r[0]!)).slice(0, limits.stage_events);
  return {
    requisitions: { header: requisitions.header, rows: reqs },
    applications: { header: applications.header, rows: apps },
    interviews: { header: interviews.header, rows: ints },
    stage_events: { header: stageEvents.header, rows: events },
  };
}

// ---- cell values ----------------------------------------------------------------------------------------

const HUGE = 'x'.repeat(100_000);

/** Dates as exports write them, and as they should not. */
export const dateText = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .date({ min: new Date('2024-06-01'), max: new Date('2026-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  {
    weight: 6,
    arbitrary: fc
      .date({ min: new Date('2024-06-01'), max: new Date('2026-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 2023, max: 2026 }))
      .map(([d, m, y]) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`),
  },
  { weight: 2, arbitrary: fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }).map(String) }, // epoch ms
  { weight: 1, arbitrary: fc.double({ min: 45_000, max: 46_500, noNaN: true }).map((n) => n.toFixed(3)) }, // Excel serials
  // Far-off dates are rare on purpose: one date in 2099 stretches the dashboard to 900 months (slow, and
  // reported in issue #7), and they are costly to compute.
  {
    weight: 1,
    arbitrary: fc
      .date({ min: new Date('1985-01-01'), max: new Date('2105-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 4_200_000_000_000 }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'not a date',
      '2025-02-30',
      '2025-13-01',
      '03/04/2025',
      '2025-01-31T25:00:00Z',
      '2025-01-31T10:00:00+14:00',
      '2025-01-31T10:00:00-12:00',
      '31 Jan 2025',
      'Jan 31, 2025 2:05 PM',
      '0000-00-00',
      '9999-12-31',
      '1e21',
      'Infinity',
      '-1',
      'NaN',
      '2205-01-01',
    ),
  },
);

/** Enum-ish values: canonical, vendor synonyms, unknowns, prototype names, contact details typed in the wrong place. */
export const enumText = fc.constantFrom(
  'active',
  'rejected',
  'withdrawn',
  'hired',
  'Rejected',
  'In Process',
  'converted',
  'open',
  'filled',
  'on_hold',
  'cancelled',
  'Canceled',
  'strong_yes',
  'Definitely Not',
  '4 - Strong Hire',
  'no_decision',
  'company',
  'candidate',
  'We rejected them',
  'unknown',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'someone@example.com',
  '+1 555 0100 1234',
  '',
  '???',
);

/** Free text: anything, including delimiters, quotes, line breaks, control and bidi characters. */
export const freeText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '"',
      '""',
      'a,b',
      'a;b',
      'a\tb',
      'line\nbreak',
      'cr\rhere',
      '=1+1',
      '@SUM(A1)',
      '<script>alert(1)</script>',
      '\u202Eevil',
      '\uFEFF',
      '\u0000',
      '__proto__',
      'constructor',
      'All',
      '(none)',
      '👩🏽‍💻',
      'Ünïcödé',
    ),
  },
  { weight: 1, arbitrary: fc.constant(HUGE) },
);

/** freeText without the enormous value (most cells). */
export const shortText = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }));

export const anyCell = fc.oneof(dateText, enumText, freeText);

// ---- tables → files ---------------------------------------------------------------------------------------

export type EncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16le' | 'utf-16be-bom' | 'latin1';

export interface Layout {
  delimiter: ',' | ';' | '\t';
  newline: '\n' | '\r\n' | '\r';
  /** `minimal`: quote only where needed; `all`; `none`: never (a value holding the delimiter then breaks the row). */
  quoting: 'minimal' | 'all' | 'none';
  encoding: EncodingName;
}

export const layoutArb: fc.Arbitrary<Layout> = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t'),
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  quoting: fc.constantFrom('minimal', 'minimal', 'all', 'none'),
  encoding: fc.constantFrom('utf-8', 'utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16le', 'utf-16be-bom', 'latin1'),
});

function quote(cell: string, layout: Layout): string {
  if (layout.quoting === 'none') return cell;
  const needs = layout.quoting === 'all' || /[",;\t\r\n]/.test(cell) || cell.includes(layout.delimiter);
  return needs ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function serialise(table: Table, layout: Layout): string {
  const lines = [table.header, ...table.rows].map((row) =>
    row.map((cell) => quote(cell, layout)).join(layout.delimiter),
  );
  return lines.join(layout.newline) + layout.newline;
}

export function encode(text: string, encoding: EncodingName): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be-bom': {
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.alloc(le.length);
      for (let i = 0; i + 1 < le.length; i += 2) {
        be[i] = le[i + 1]!;
        be[i + 1] = le[i]!;
      }
      return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    }
    case 'latin1':
      return Buffer.from(text, 'latin1');
  }
}

// ---- damage ------------------------------------------------------------------------------------------------

/** A change to a table before it is written. */
export type TableEdit =
  | { kind: 'rows'; start: number; count: number }
  | { kind: 'duplicateRows'; times: number }
  | { kind: 'shuffleColumns'; order: number[] }
  | { kind: 'dropColumn'; index: number }
  | { kind: 'duplicateColumn'; index: number }
  | { kind: 'renameColumn'; index: number; style: 'upper' | 'spaces' | 'camel' | 'padded' }
  | { kind: 'cell'; row: number; column: number; value: string }
  | { kind: 'addColumn'; name: string; value: string }
  | { kind: 'raggedRow'; row: number; extra: number };

export const tableEditArb: fc.Arbitrary<TableEdit> = fc.oneof(
  fc.record({ kind: fc.constant('rows' as const), start: fc.nat(60), count: fc.nat(60) }),
  fc.record({ kind: fc.constant('duplicateRows' as const), times: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant('shuffleColumns' as const),
    order: fc.array(fc.nat(1000), { minLength: 20, maxLength: 20 }),
  }),
  fc.record({ kind: fc.constant('dropColumn' as const), index: fc.nat(30) }),
  fc.record({ kind: fc.constant('duplicateColumn' as const), index: fc.nat(30) }),
  fc.record({
    kind: fc.constant('renameColumn' as const),
    index: fc.nat(30),
    style: fc.constantFrom('upper', 'spaces', 'camel', 'padded'),
  }),
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('cell' as const), row: fc.nat(60), column: fc.nat(30), value: anyCell }),
  },
  fc.record({
    kind: fc.constant('addColumn' as const),
    name: fc.constantFrom('notes', 'candidate_email', 'Phone', 'feedback_text', '', 'applied_at'),
    value: freeText,
  }),
  fc.record({ kind: fc.constant('raggedRow' as const), row: fc.nat(60), extra: fc.integer({ min: -5, max: 3 }) }),
);

export function applyEdit(table: Table, edit: TableEdit): Table {
  const width = table.header.length;
  const rows = table.rows;
  switch (edit.kind) {
    case 'rows':
      return {
        header: table.header,
        rows: rows.slice(edit.start % (rows.length + 1), (edit.start % (rows.length + 1)) + edit.count),
      };
    case 'duplicateRows':
      return { header: table.header, rows: Array.from({ length: edit.times }, () => rows).flat() };
    case 'shuffleColumns': {
      const order = table.header.map((_, i) => i).sort((a, b) => edit.order[a % 20]! - edit.order[b % 20]! || a - b);
      return { header: order.map((i) => table.header[i]!), rows: rows.map((r) => order.map((i) => r[i] ?? '')) };
    }
    case 'dropColumn': {
      if (width === 0) return table;
      const i = edit.index % width;
      return { header: table.header.filter((_, j) => j !== i), rows: rows.map((r) => r.filter((_, j) => j !== i)) };
    }
    case 'duplicateColumn': {
      if (width === 0) return table;
      const i = edit.index % width;
      return { header: [...table.header, table.header[i]!], rows: rows.map((r) => [...r, r[i] ?? '']) };
    }
    case 'renameColumn': {
      if (width === 0) return table;
      const i = edit.index % width;
      const name = table.header[i]!;
      const renamed =
        edit.style === 'upper'
          ? name.toUpperCase()
          : edit.style === 'spaces'
            ? name.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase())
            : edit.style === 'camel'
              ? name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())
              : `  ${name}  `;
      return { header: table.header.map((h, j) => (j === i ? renamed : h)), rows };
    }
    case 'cell': {
      if (rows.length === 0 || width === 0) return table;
      const r = edit.row % rows.length;
      const c = edit.column % width;
      return {
        header: table.header,
        rows: rows.map((row, j) => (j === r ? row.map((v, k) => (k === c ? edit.value : v)) : row)),
      };
    }
    case 'addColumn':
      return { header: [...table.header, edit.name], rows: rows.map((r) => [...r, edit.value]) };
    case 'raggedRow': {
      if (rows.length === 0) return table;
      const r = edit.row % rows.length;
      return {
        header: table.header,
        rows: rows.map((row, j) =>
          j !== r
            ? row
            : edit.extra >= 0
              ? [...row, ...Array<string>(edit.extra).fill('x')]
              : row.slice(0, Math.max(1, row.length + edit.extra)),
        ),
      };
    }
  }
}

/** A change to the bytes of a file after it is written. */
export type ByteEdit =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'strayQuote'; at: number };

export const byteEditArb: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 }),
      fc.constantFrom<number[]>([0xc3], [0xe2, 0x80], [0xff, 0xfe], [0x00], [0x0d], [0x0a, 0x0a], [0x22, 0x22, 0x22]),
    ),
  }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('strayQuote' as const), at: fc.nat() }) },
);

export function applyByteEdit(bytes: Buffer, edit: ByteEdit): Buffer {
  const at = bytes.length === 0 ? 0 : edit.at % (bytes.length + 1);
  switch (edit.kind) {
    case 'truncate':
      return bytes.subarray(0, at);
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.bytes), bytes.subarray(at)]);
    case 'strayQuote':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from('"'), bytes.subarray(at)]);
  }
}

// ---- whole export folders ------------------------------------------------------------------------------------

export interface FileSpec {
  name: string;
  bytes: Buffer;
}

/** An entity's slice, edited, laid out, encoded and possibly damaged. */
function tableFileArb(
  base: Record<EntityName, Table>,
  name: string,
  entity: fc.Arbitrary<EntityName>,
  maxDamage: number,
  mild = false,
): fc.Arbitrary<FileSpec> {
  // Mild: no column dropped (a missing required column is fatal, and one fatal file fails the folder).
  const edit = mild ? tableEditArb.filter((e) => e.kind !== 'dropColumn') : tableEditArb;
  return fc
    .record({
      entity,
      edits: fc.array(edit, { maxLength: 6 }),
      layout: layoutArb,
      damage: fc.array(byteEditArb, { maxLength: maxDamage }),
    })
    .map(({ entity, edits, layout, damage }) => {
      const table = edits.reduce(applyEdit, base[entity]);
      let bytes = encode(serialise(table, layout), layout.encoding);
      for (const edit of damage) bytes = applyByteEdit(bytes, edit);
      return { name, bytes };
    });
}

/** One generated file of any table: mostly a damaged slice, sometimes a degenerate file or an enormous field. */
export function fileArb(base: Record<EntityName, Table>, name: string): fc.Arbitrary<FileSpec> {
  const generated = tableFileArb(base, name, fc.constantFrom(...ENTITY_NAMES), 2);
  const special = fc
    .constantFrom(
      '',
      '\uFEFF',
      '\n\n\n',
      'requisition_id,job_title,opened_at\n',
      'application_id\nA-1\nA-2\n',
      'just one column\n',
      ';;;;\n;;;;\n',
      'sep=;\nrequisition_id;job_title;opened_at\nR-1;T;2025-01-01\n',
      '"unclosed,header\n',
      'requisition_id,job_title,opened_at\nR-1,"T,2025-01-01\nR-2,U,2025-01-02\n',
    )
    .map((text) => ({ name, bytes: Buffer.from(text, 'utf8') }));
  // Enormous fields: a 200,000-character quoted value in a data row, or in the header.
  const huge = fc.constantFrom('requisitions' as const, 'applications' as const, 'header' as const).map((entity) => {
    const table = base[entity === 'header' ? 'applications' : entity];
    const big = `"${'y'.repeat(200_000)}"`;
    const header = entity === 'header' ? [...table.header, big] : table.header;
    const rows = table.rows
      .slice(0, 3)
      .map((r) => (entity === 'header' ? [...r, ''] : r.map((v, i) => (i === 2 ? big : v))));
    return {
      name,
      bytes: Buffer.from(
        [
          header.join(','),
          ...rows.map((r) => r.map((v) => (v.includes(',') && !v.startsWith('"') ? `"${v}"` : v)).join(',')),
        ].join('\n'),
      ),
    };
  });
  return fc.oneof(
    { weight: 12, arbitrary: generated },
    { weight: 2, arbitrary: special },
    { weight: 1, arbitrary: huge },
  );
}

/** A config: mostly none or valid, sometimes wrong. */
export const configArb: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  {
    weight: 3,
    arbitrary: fc
      .record(
        {
          dateOrder: fc.constantFrom('DMY', 'MDY'),
          timezone: fc.constantFrom(
            'UTC',
            'Europe/Berlin',
            'America/Los_Angeles',
            'Pacific/Kiritimati',
            'Pacific/Pago_Pago',
          ),
          privacy: fc.record({ minGroupSize: fc.integer({ min: 1, max: 12 }) }),
          feedbackSlaHours: fc.integer({ min: 1, max: 96 }),
          asOf: fc.constantFrom('2025-06-30', '2024-01-01', '2030-12-31'),
          stageOrder: fc.array(
            fc.constantFrom('Application Review', 'Recruiter Screen', 'Onsite', 'Offer', 'Nowhere'),
            { maxLength: 5 },
          ),
        },
        { requiredKeys: [] },
      )
      .map((c) => JSON.stringify(c)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{',
      '[]',
      '{"dateOrder": "YMD"}',
      '{"columns": {"applications": {"applied_at": 3}}}',
      '\uFEFF{"title": ""}',
    ),
  },
);

export interface ExportCase {
  files: FileSpec[];
  config: string | null;
}

/**
 * A folder of exports. Half are complete (one file per table, lightly damaged, so that every metric runs on
 * real joins), half are any mix of files of any table, degenerate ones included.
 */
export function exportCaseArb(base: Record<EntityName, Table>): fc.Arbitrary<ExportCase> {
  const byName: Record<string, fc.Arbitrary<FileSpec>> = {};
  const anyFiles = fc
    .array(
      fc.constantFrom(
        'requisitions.csv',
        'applications.csv',
        'interviews.csv',
        'stage_events.csv',
        'a/extra.csv',
        'b/re-export.CSV',
        'one.csv',
      ),
      {
        minLength: 1,
        maxLength: 5,
      },
    )
    // Arbitraries are built once per name (building one costs more than drawing from it).
    .chain((names) => fc.tuple(...[...new Set(names)].map((n) => (byName[n] ??= fileArb(base, n)))));
  const complete = fc
    .tuple(
      ...ENTITY_NAMES.map((entity) => tableFileArb(base, `${entity}.csv`, fc.constant(entity), 1, true)),
      fc.option(fileArb(base, '2025-02/re-export.csv'), { freq: 3 }),
    )
    .map((files) => files.filter((f): f is FileSpec => f !== null));
  return fc.record({ files: fc.oneof(complete, anyFiles), config: configArb });
}

/** Writes a case into `dir` (which must exist and be empty). */
export function writeCase(dir: string, c: ExportCase): void {
  for (const file of c.files) {
    const target = path.join(dir, file.name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.bytes);
  }
  if (c.config !== null) fs.writeFileSync(path.join(dir, 'dashboard.config.json'), c.config);
}
