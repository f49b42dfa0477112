/**
 * Suppressed figures cannot simply be worked out from the figures that are shown (issue #7, part 3): an
 * attack over the sample's artifact, as a reader of the shared link could run it on the CSV downloads.
 *
 * `disclosure.ts` models every published partition (total = Σ parts) and propagates bounds through them; each
 * relation is checked against the same data computed without suppression, so the attack is sound. What the
 * attack still recovers today is reported in issue #7 and SECURITY.md ("Small groups"); this file holds what
 * is guaranteed: no suppressed figure is one subtraction away, and the attack itself is right.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR } from '../../scripts/cli.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';
import { auditDisclosure } from '../../scripts/metrics/audit.ts';
import { attack, buildModel, recovered, type Cell, type Model } from './disclosure.ts';
import { shownAndTruth } from './shown-and-truth.ts';
import { hiddenHereShownThere } from './published.ts';

let cacheDir: string;
let shown: Aggregates;
let truth: Aggregates;
let m: number;

beforeAll(async () => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-suppression-'));
  ({ shown, truth } = await shownAndTruth(SAMPLE_DIR, cacheDir, { sample: true }));
  m = shown.settings.minGroupSize;
}, 120_000);

afterAll(() => {
  if (cacheDir) fs.rmSync(cacheDir, { recursive: true, force: true });
});

/** Cells of the relations in which exactly one published cell is hidden and every other one is shown. */
function oneSubtractionAway(model: Model): string[] {
  const found: string[] = [];
  for (const relation of model.relations) {
    const members = [relation.total, ...relation.parts].map((id) => model.cells.get(id)!);
    if (members.some((c) => c.section === 'derived')) continue;
    const hidden = members.filter((c) => c.shown === null);
    if (hidden.length === 1 && hidden[0]!.suppressed)
      found.push(`${hidden[0]!.section} ${hidden[0]!.row} (${relation.label})`);
  }
  return found;
}

describe('suppression in the sample artifact', () => {
  it('hides small groups at all (the sample has them)', () => {
    expect(m).toBe(5);
    const model = buildModel(shown, truth, m);
    expect([...model.cells.values()].filter((c) => c.suppressed).length).toBeGreaterThan(500);
  });

  it('every partition the attack uses holds in the unsuppressed figures', () => {
    const model = buildModel(shown, truth, m);
    expect(model.broken).toEqual([]);
    expect(model.relations.length).toBeGreaterThan(1000);
  });

  it('no suppressed figure is a shown total minus its other shown parts', () => {
    expect(oneSubtractionAway(buildModel(shown, truth, m))).toEqual([]);
  });

  it('the attack is sound: every hidden figure it pins down is the true figure', () => {
    const model = buildModel(shown, truth, m);
    attack(model);
    const pinned = recovered(model);
    expect(pinned.filter((c) => c.lo !== c.truth).map((c) => `${c.section} ${c.row}: ${c.lo} ≠ ${c.truth}`)).toEqual(
      [],
    );
  });

  it('no hidden outstanding-feedback figure can be recovered', () => {
    const model = buildModel(shown, truth, m);
    attack(model);
    expect(recovered(model).filter((c) => c.section === 'feedback.outstanding.slots')).toEqual([]);
  });
});

describe('disclosure control over everything the sample publishes (issue #19)', () => {
  it('the audit, attacking every published cell at once, pins no hidden count', () => {
    const audit = auditDisclosure(shown, truth, m);
    expect(audit.broken).toEqual([]);
    expect(audit.unprotected).toEqual([]);
    expect(audit.cells).toBeGreaterThan(20_000);
    // The build ran the same audit and says so in the artifact.
    expect(shown.disclosure).toMatchObject({ unprotected: 0, cellsChecked: audit.cells });
  });

  it('nothing is hidden in one output and shown in another (artifact cells, and every CSV joined on its keys)', () => {
    expect(auditDisclosure(shown, truth, m).inconsistent).toEqual([]);
    expect(hiddenHereShownThere(shown)).toEqual([]);
  });

  it('the tables attacker of issue #7 recovers nothing either, but the counts inside hidden feedback rows', () => {
    // A feedback row is protected by its slots; its other counts are not judged one by one (SECURITY.md).
    const model = buildModel(shown, truth, m);
    attack(model);
    const rowCounts = /^feedback\.byMonth\.(?!slots$)/;
    expect(
      recovered(model)
        .filter((c) => !rowCounts.test(c.section))
        .map((c) => `${c.section} ${c.row} = ${c.lo}`),
    ).toEqual([]);
  });

  it('the audit does pin a planted weakness: complements of the rejected-by table shown again', () => {
    // Put back every complement of one table (as the suppression of issue #7 did when a headline repeated
    // a row): a hidden "candidate" row is then its month's shown total minus the shown rows beside it.
    const planted = structuredClone(shown);
    planted.rejections.byRejectedBy = shown.rejections.byRejectedBy.map((r, i) =>
      r.complementary ? truth.rejections.byRejectedBy[i]! : r,
    );
    const audit = auditDisclosure(planted, truth, m);
    expect(audit.unprotected.length).toBeGreaterThan(0);
    // Sound: what it pins is the true figure.
    expect(audit.unprotected.filter((u) => u.lo !== u.truth)).toEqual([]);
  });
});

describe('the attack itself, on hand-made partitions', () => {
  const cell = (id: string, shownValue: number | null, truthValue: number, hi = 4): [string, Cell] => [
    id,
    {
      section: 's',
      row: id,
      shown: shownValue,
      suppressed: shownValue === null,
      truth: truthValue,
      lo: shownValue ?? 1,
      hi: shownValue ?? hi,
    },
  ];

  it('recovers the one hidden part of a shown total by subtraction', () => {
    const model: Model = {
      cells: new Map([cell('total', 10, 10), cell('a', 7, 7), cell('b', null, 3)]),
      relations: [{ label: 'r', total: 'total', parts: ['a', 'b'] }],
      broken: [],
    };
    attack(model);
    expect(recovered(model).map((c) => [c.row, c.lo])).toEqual([['b', 3]]);
  });

  it('recovers several hidden parts when their bounds leave one choice (12 = 7 + five groups of 1 to 4)', () => {
    const parts = ['a', 'b', 'c', 'd', 'e'].map((id) => cell(id, null, 1));
    const model: Model = {
      cells: new Map([cell('total', 12, 12), cell('shown', 7, 7), ...parts]),
      relations: [{ label: 'r', total: 'total', parts: ['shown', 'a', 'b', 'c', 'd', 'e'] }],
      broken: [],
    };
    attack(model);
    expect(recovered(model).map((c) => c.lo)).toEqual([1, 1, 1, 1, 1]);
  });

  it('leaves hidden parts alone when more than one value is possible', () => {
    const model: Model = {
      cells: new Map([cell('total', 12, 12), cell('shown', 6, 6), cell('a', null, 3), cell('b', null, 3)]),
      relations: [{ label: 'r', total: 'total', parts: ['shown', 'a', 'b'] }],
      broken: [],
    };
    attack(model);
    expect(recovered(model)).toEqual([]);
  });
});
