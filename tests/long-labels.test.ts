/**
 * Labels longer than `LABEL_LIMIT` are shortened once in the data step (scripts/read/long-labels.ts): the same
 * label everywhere, two alike labels kept apart, the config's names shortened alike, short labels untouched.
 */
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../scripts/log.ts';
import { boundLabels, LABEL_LIMIT, shortLabel } from '../scripts/read/long-labels.ts';
import { canonicalTables } from '../scripts/schema/canonical.ts';
import { configSchema } from '../scripts/schema/config.ts';
import { app, req } from './metrics/helpers.ts';

const words = (prefix: string, n: number) => `${prefix} ${'lorem ipsum '.repeat(n)}`.trim();

describe('shortLabel', () => {
  it('leaves a label of the limit as it is, and cuts a longer one at a word, with "…"', () => {
    expect(LABEL_LIMIT).toBe(100);
    expect(shortLabel('x'.repeat(100))).toBe('x'.repeat(100));
    // 'Head ' + 'lorem ipsum ' × 20: the first 99 characters end in "ipsu" (95–98) after a space at 94, so
    // the label keeps the 94 characters before that space.
    const long = words('Head', 20);
    expect(shortLabel(long)).toBe(`${long.slice(0, 94)}…`);
    expect(shortLabel(long)).toHaveLength(95);
    // No space in the last fifth: cut at 99 characters.
    expect(shortLabel('y'.repeat(300))).toBe(`${'y'.repeat(99)}…`);
  });

  it('counts characters, not UTF-16 units, and never splits one', () => {
    const emoji = '😀'.repeat(150);
    expect(shortLabel('😀'.repeat(100))).toBe('😀'.repeat(100));
    expect(shortLabel(emoji)).toBe(`${'😀'.repeat(99)}…`);
  });
});

describe('boundLabels', () => {
  const alike = (end: string) => `${'Platform engineering and developer experience '.repeat(4)}${end}`;
  const a = alike('Berlin');
  const b = alike('Lisbon');

  it('shortens every long label alike in every table, keeps two alike labels apart, and counts them per column', () => {
    const tables = canonicalTables({
      requisitions: [
        req({ id: 'R1', department: a, opened: '2025-01-01' }),
        req({ id: 'R2', department: b, opened: '2025-01-01' }),
        req({ id: 'R3', opened: '2025-01-01' }),
      ],
      applications: [
        app({ id: 'A1', job: 'R1', department: a, applied: '2025-01-02' }),
        app({ id: 'A2', job: 'R3', applied: '2025-01-02' }),
      ],
      interviews: [],
      stageEvents: [],
    });
    const config = configSchema.parse({
      targets: { medianDaysToFill: { value: 45, departments: { [b]: 60, Engineering: 30 } } },
      stageOrder: ['Screen', words('Stage', 12)],
    });
    const log = memoryLogger();
    const bounded = boundLabels(tables, config, log);
    const short = shortLabel(a);
    expect(shortLabel(b)).toBe(short);
    // In the order of the full texts: "…Berlin" keeps the label, "…Lisbon" takes " (2)".
    expect(tables.requisitions.map((r) => r.department)).toEqual([short, `${short} (2)`, 'Engineering']);
    expect(tables.applications.map((r) => r.department)).toEqual([short, null]);
    expect(bounded.targets.medianDaysToFill?.departments).toEqual({ [`${short} (2)`]: 60, Engineering: 30 });
    expect(bounded.stageOrder).toEqual(['Screen', shortLabel(words('Stage', 12))]);
    expect(log.lines).toEqual([
      'warning: requisitions department: 2 labels longer than 100 characters, shortened with "…" on every page and CSV',
      'warning: applications department: 1 label longer than 100 characters, shortened with "…" on every page and CSV',
    ]);
    expect(log.lines.join('\n')).not.toContain('Platform');
  });

  it('changes nothing when no label is long', () => {
    const tables = canonicalTables({
      requisitions: [req({ id: 'R1', department: 'x'.repeat(100), opened: '2025-01-01' })],
      applications: [app({ id: 'A1', applied: '2025-01-02' })],
      interviews: [],
      stageEvents: [],
    });
    const config = configSchema.parse({});
    const log = memoryLogger();
    expect(boundLabels(tables, config, log)).toBe(config);
    expect(tables.requisitions[0]!.department).toBe('x'.repeat(100));
    expect(log.lines).toEqual([]);
  });
});
