/**
 * The attack SECURITY.md says interval propagation does not cover: exact linear algebra. Every relation of the
 * disclosure model (`total = Σ parts`) is an equation over the hidden cells once the shown cells are put in;
 * the equations are brought to reduced row-echelon form over the integers (exact, no floating point), and a
 * hidden cell is pinned when its row holds no other unknown. The rows are then used as relations of their own
 * for interval propagation together with the bounds (a hidden count is at least 1, one marked small at most
 * m − 1), which finds cells pinned by a combination of relations and bounds that no single relation pins.
 */
import type { Cell, Model } from '../robustness/disclosure.ts';

type Row = { terms: Map<number, number>; rhs: number };

const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};

function normalise(row: Row): Row {
  let g = Math.abs(row.rhs);
  for (const c of row.terms.values()) g = gcd(g, c);
  if (g > 1) {
    for (const [k, c] of row.terms) row.terms.set(k, c / g);
    row.rhs /= g;
  }
  return row;
}

/**
 * a·row − b·pivotRow, eliminating `v` (row's coefficient of v is b·p, the pivot's a·p); `gained` and `lost`
 * hear of the variables that enter or leave the row.
 */
function eliminate(row: Row, pivot: Row, v: number, gained?: (k: number) => void, lost?: (k: number) => void): void {
  const a = pivot.terms.get(v)!;
  const b = row.terms.get(v)!;
  const g = gcd(a, b);
  const ra = a / g;
  const rb = b / g;
  for (const [k, c] of row.terms) row.terms.set(k, c * ra);
  row.rhs *= ra;
  for (const [k, c] of pivot.terms) {
    const before = row.terms.get(k);
    const next = (before ?? 0) - rb * c;
    if (!Number.isSafeInteger(next)) throw new Error('coefficients too large');
    if (next === 0) {
      row.terms.delete(k);
      if (before !== undefined) lost?.(k);
    } else {
      row.terms.set(k, next);
      if (before === undefined) gained?.(k);
    }
  }
  row.rhs -= rb * pivot.rhs;
  normalise(row);
}

/** Reduced row-echelon form of the model's equations over its unknown cells; returns the rows. */
export function echelon(model: Model): { rows: Row[]; unknowns: Cell[] } {
  const unknowns: Cell[] = [];
  const index = new Map<string, number>();
  for (const [id, cell] of model.cells)
    if (cell.lo !== cell.hi) {
      index.set(id, unknowns.length);
      unknowns.push(cell);
    }
  const pivots = new Map<number, Row>();
  // For each variable, the pivot rows that hold it besides its own (found without reading every row).
  const holders = new Map<number, Set<Row>>();
  const hold = (row: Row) => (k: number) => {
    const set = holders.get(k);
    if (set) set.add(row);
    else holders.set(k, new Set([row]));
  };
  const release = (row: Row) => (k: number) => holders.get(k)?.delete(row);
  for (const r of model.relations) {
    const row: Row = { terms: new Map(), rhs: 0 };
    const add = (id: string, sign: number) => {
      const cell = model.cells.get(id)!;
      const v = index.get(id);
      if (v === undefined) row.rhs -= sign * cell.lo;
      else row.terms.set(v, (row.terms.get(v) ?? 0) + sign);
    };
    add(r.total, 1);
    for (const p of r.parts) add(p, -1);
    for (const [k, c] of [...row.terms]) if (c === 0) row.terms.delete(k);
    // Forward reduction against the pivots found so far.
    for (;;) {
      let hit = -1;
      for (const k of row.terms.keys())
        if (pivots.has(k)) {
          hit = k;
          break;
        }
      if (hit < 0) break;
      eliminate(row, pivots.get(hit)!, hit);
    }
    if (row.terms.size === 0) continue;
    // The pivot: the variable of the row with the fewest terms elsewhere is unknown; take the first.
    const v = row.terms.keys().next().value!;
    normalise(row);
    // Keep the echelon reduced: remove v from every earlier pivot row.
    for (const other of holders.get(v) ?? []) eliminate(other, row, v, hold(other), release(other));
    holders.delete(v);
    for (const k of row.terms.keys()) if (k !== v) hold(row)(k);
    pivots.set(v, row);
  }
  return { rows: [...pivots.values()], unknowns };
}

/**
 * Interval propagation over the echelon rows (Σ c·x = rhs) with the cells' bounds; returns the hidden cells
 * pinned, each with the value it was pinned to.
 */
export function propagate(rows: Row[], unknowns: Cell[], rounds = 50): Array<{ cell: Cell; value: number }> {
  const lo = unknowns.map((c) => c.lo);
  const hi = unknowns.map((c) => c.hi);
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (const row of rows) {
      // For each term: c·x = rhs − Σ others, others' range from the bounds.
      let minSum = 0;
      let maxSum = 0;
      for (const [k, c] of row.terms) {
        minSum += c > 0 ? c * lo[k]! : c * hi[k]!;
        maxSum += c > 0 ? c * hi[k]! : c * lo[k]!;
      }
      for (const [k, c] of row.terms) {
        const own = [c * lo[k]!, c * hi[k]!];
        const othersMin = minSum - Math.min(...own);
        const othersMax = maxSum - Math.max(...own);
        if (!Number.isFinite(othersMin) && !Number.isFinite(othersMax)) continue;
        const a = (row.rhs - othersMax) / c;
        const b = (row.rhs - othersMin) / c;
        let newLo = Math.ceil(Math.min(a, b) - 1e-9);
        let newHi = Math.floor(Math.max(a, b) + 1e-9);
        if (Number.isNaN(newLo)) newLo = lo[k]!;
        if (Number.isNaN(newHi)) newHi = hi[k]!;
        if (newLo > lo[k]!) {
          lo[k] = newLo;
          changed = true;
        }
        if (newHi < hi[k]!) {
          hi[k] = newHi;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return unknowns.flatMap((cell, k) => (cell.suppressed && lo[k] === hi[k] ? [{ cell, value: lo[k]! }] : []));
}
