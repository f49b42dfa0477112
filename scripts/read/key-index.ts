/**
 * A hash index from a row's key to its position, for merging millions of rows.
 *
 * A `Map` keyed by strings costs about a microsecond per insert on a small machine and needs a composite key
 * string per row (`application_id + stage + entered_at` for 4M stage events); this table hashes the key fields
 * directly into one typed array (open addressing, linear probing) and compares the rows' own fields only when
 * hashes are equal. Memory: 8 bytes per slot, 1⅓ to 2⅔ slots per key.
 *
 * Rows are added in bulk (`defer`, then `settle`): a table of millions of slots is tens of megabytes, and
 * inserting keys in the order rows arrive touches it at random — a cache and TLB miss per row, which is most of
 * the cost of merging. Deferred keys are hashed at once (the row is at hand) and inserted later, a batch at a
 * time in the order of their slots, so the table is walked from one end to the other. Keys with one hash stay
 * in the order they came, so a batch gives exactly what inserting them one by one gives.
 */

import { free } from '../memory.ts';

/** FNV-1a over a string's UTF-16 code units, continuing from `hash`. */
export function hashText(text: string, hash = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash;
}

/** Mixes a number (an instant) into a hash. */
export function hashNumber(value: number, hash: number): number {
  hash = Math.imul(hash ^ (value | 0), 16777619);
  return Math.imul(hash ^ ((value / 4294967296) | 0), 16777619);
}

/** Murmur3's finaliser: spreads the bits so that the low bits index the table well. */
function finish(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

export class KeyIndex {
  /**
   * Deferred keys inserted per batch at most (a batch holds 12 bytes per key). The larger, the denser the walk
   * through the table: a million keys into a table of 8M slots touch every other cache line, in order.
   */
  static readonly BATCH = 1 << 20;
  /**
   * Two int32 per slot, side by side (one cache line per probe, where two arrays would cost two): position + 1
   * of the row (0 = empty), then the key's hash.
   */
  private slots = new Int32Array(2 * 1024);
  private mask = 1023;
  private size = 0;
  /** Hashes of the deferred keys, whose positions are `firstPending`, `firstPending + 1`, … */
  private pending = new Int32Array(0);
  /** The deferred keys sorted by slot, [hash, position] pairs (kept from batch to batch while rows come). */
  private sorted = new Int32Array(0);
  private pendingCount = 0;
  private firstPending = 0;
  private readonly hashAt: (position: number) => number;
  private readonly sameKey: (a: number, b: number) => boolean;
  private readonly replaced: (earlier: number, later: number) => void;

  /**
   * Keys are the rows' own, by position (rows are never removed from their store): `hashAt(position)` hashes
   * the key of the row at a position, `sameKey(a, b)` compares two rows' keys. `replaced(earlier, later)` is
   * told, when deferred keys are settled, of each position a later one took the key of (in the order of the
   * later positions within one key).
   */
  constructor(
    hashAt: (position: number) => number,
    sameKey: (a: number, b: number) => boolean,
    replaced: (earlier: number, later: number) => void = () => {},
  ) {
    this.hashAt = hashAt;
    this.sameKey = sameKey;
    this.replaced = replaced;
  }

  /**
   * The position stored for a key that `hash` hashes to (as `hashAt` would) and `matches` recognises, or -1
   * (deferred keys are settled first).
   */
  find(hash: number, matches: (position: number) => boolean): number {
    if (this.pendingCount > 0) this.settle();
    const finished = finish(hash);
    const { slots, mask } = this;
    for (let slot = finished & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[2 * slot]!;
      if (stored === 0) return -1;
      if (slots[2 * slot + 1] === finished && matches(stored - 1)) return stored - 1;
    }
  }

  /** Stores `position` for its key now; returns the position it replaces, or -1. */
  set(position: number): number {
    if (this.pendingCount > 0) this.settle();
    return this.insert(finish(this.hashAt(position)), position);
  }

  /**
   * Stores `position` for the key at the next `settle` (or `find`, `set`), which tells `replaced` if it takes
   * an earlier position's key. Positions must follow one another from one `settle` to the next.
   */
  defer(position: number): void {
    if (this.pendingCount > 0 && position !== this.firstPending + this.pendingCount) this.insertPending();
    if (this.pendingCount === 0) this.firstPending = position;
    if (this.pendingCount === this.pending.length) {
      const more = new Int32Array(Math.min(KeyIndex.BATCH, Math.max(1024, this.pending.length * 2)));
      more.set(this.pending);
      free(this.pending);
      this.pending = more;
    }
    this.pending[this.pendingCount++] = finish(this.hashAt(position));
    if (this.pendingCount === KeyIndex.BATCH) this.insertPending();
  }

  /** Makes room for `count` more keys at once (growing a table of millions step by step rehashes it each time). */
  reserve(count: number): void {
    while ((this.size + this.pendingCount + count) * 4 > this.mask * 3) this.grow();
  }

  /** Inserts the deferred keys, and lets go of the batch buffers (rows have stopped coming, for now). */
  settle(): void {
    if (this.pendingCount > 0) this.insertPending();
    if (this.pending.length > 0) {
      free(this.pending);
      this.pending = new Int32Array(0);
    }
    if (this.sorted.length > 0) {
      free(this.sorted);
      this.sorted = new Int32Array(0);
    }
  }

  /** Frees the table (see `memory.ts`): the index is empty afterwards, and must not be used again. */
  release(): void {
    this.settle();
    free(this.slots);
    this.size = 0;
  }

  /** Inserts the deferred keys, in the order of their slots. */
  private insertPending(): void {
    const count = this.pendingCount;
    if (count === 0) return;
    const { pending, firstPending } = this;
    this.pendingCount = 0;
    // Room for them all first: keys going in region by region fill each region at once, so the table must not
    // reach 3/4 full on the way. (The same size as adding them one by one, unless some are duplicates: then it
    // may be one doubling larger.)
    while ((this.size + count) * 4 > this.mask * 3) this.grow();
    // A stable counting sort on the top bits of each key's slot: [hash, position] pairs, region by region.
    const mask = this.mask;
    const bits = 31 - Math.clz32(mask + 1);
    const shift = bits > 12 ? bits - 12 : 0;
    const starts = new Int32Array(((mask + 1) >>> shift) + 1);
    for (let i = 0; i < count; i++) starts[((pending[i]! & mask) >>> shift) + 1]!++;
    for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
    if (this.sorted.length < 2 * count) {
      free(this.sorted);
      this.sorted = new Int32Array(2 * pending.length);
    }
    const { sorted } = this;
    for (let i = 0; i < count; i++) {
      const hash = pending[i]!;
      const at = 2 * starts[(hash & mask) >>> shift]!++;
      sorted[at] = hash;
      sorted[at + 1] = firstPending + i;
    }
    // As `insert`, inlined (this loop is the hot one), and without its check for growing (room was made).
    const { slots } = this;
    let added = 0;
    for (let at = 0; at < 2 * count; at += 2) {
      const hash = sorted[at]!;
      const position = sorted[at + 1]!;
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const stored = slots[2 * slot]!;
        if (stored === 0) {
          slots[2 * slot] = position + 1;
          slots[2 * slot + 1] = hash;
          added++;
          break;
        }
        if (slots[2 * slot + 1] === hash && this.sameKey(stored - 1, position)) {
          slots[2 * slot] = position + 1;
          this.replaced(stored - 1, position);
          break;
        }
      }
    }
    this.size += added;
  }

  private insert(hash: number, position: number): number {
    const { slots, mask } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[2 * slot]!;
      if (stored === 0) {
        slots[2 * slot] = position + 1;
        slots[2 * slot + 1] = hash;
        if (++this.size * 4 > mask * 3) this.grow(); // at 3/4 full
        return -1;
      }
      if (slots[2 * slot + 1] === hash && this.sameKey(stored - 1, position)) {
        slots[2 * slot] = position + 1;
        return stored - 1;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    const capacity = old.length; // slots: twice the old number
    const slots = new Int32Array(2 * capacity);
    const mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      const stored = old[i]!;
      if (stored === 0) continue;
      const hash = old[i + 1]!;
      let slot = hash & mask;
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = stored;
      slots[2 * slot + 1] = hash;
    }
    free(old);
    this.slots = slots;
    this.mask = mask;
  }
}
