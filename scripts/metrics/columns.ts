/**
 * Column-wise facts: the feedback slots and the stage journeys are kept as one array per field instead of an
 * object per row, and their text fields as dictionary codes (strings as small integers), so that the sections
 * count into arrays indexed by code instead of maps keyed by tuples of strings. At millions of rows the
 * objects, the tuple keys, their lookups and the garbage they left dominated the metrics' time.
 */
export class Codes {
  /** The value of each code: code `c` stands for `values[c]`. */
  readonly values: string[] = [];
  private readonly byValue = new Map<string, number>();

  /** `seed` takes the first codes, in order (a rollup such as 'All' as code 0, say). */
  constructor(seed: Iterable<string> = []) {
    for (const value of seed) this.code(value);
  }

  get size(): number {
    return this.values.length;
  }

  /** The code of `value`, a new one the first time it is seen. */
  code(value: string): number {
    let code = this.byValue.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.byValue.set(value, code);
    }
    return code;
  }

  /** The code of `value`, -1 when it has none. */
  find(value: string): number {
    return this.byValue.get(value) ?? -1;
  }
}

/**
 * A column of `length` numbers, each `initial`, to be written by index (and cut with `length = n` when fewer
 * rows are kept): a plain array allocated once at its size. A double `initial`, NaN say, makes it an array of
 * doubles from the start. Grown by `push`, a column of millions was copied again and again, each copy garbage
 * its size; a typed array instead lives outside V8's heap, where allocating it counts as "external memory
 * pressure" and starts a collection of the whole heap (a second or more at a million applications).
 */
export function column(length: number, initial: number): number[] {
  return new Array<number>(length).fill(initial);
}
