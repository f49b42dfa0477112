/**
 * Every random draw of the sample goes through a `Dice`, built on d3-random's seeded LCG, so that one seed
 * gives the same files on every machine. Nothing here reads the clock or Math.random.
 */
import { randomInt, randomLcg, randomLogNormal, randomNormal, randomUniform } from 'd3-random';

export interface Dice {
  /** A number in [0, 1). */
  unit(): number;
  /** A number in [min, max). */
  between(min: number, max: number): number;
  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of the choices, with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
  /** `count` distinct items, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[];
  normal(mean: number, sd: number): number;
  /** A right-skewed positive number: `median` × e^(sigma·z). */
  logNormal(median: number, sigma: number): number;
  /** An independent stream for one part of the sample, so that changing one part leaves the others as they were. */
  fork(salt: number): Dice;
}

export function rollDice(seed: number): Dice {
  const source = randomLcg(seed);
  const unit = randomUniform.source(source)(0, 1);
  const standardNormal = randomNormal.source(source)(0, 1);
  const standardLogNormal = randomLogNormal.source(source)(0, 1);
  const integers = randomInt.source(source);

  const dice: Dice = {
    unit,
    between: (min, max) => min + unit() * (max - min),
    int: (min, max) => integers(min, max + 1)(),
    chance: (p) => unit() < p,
    pick(items) {
      return itemAt(items, integers(0, items.length)());
    },
    weighted(choices) {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      let threshold = unit() * total;
      for (const [choice, weight] of choices) {
        threshold -= weight;
        if (threshold < 0) return choice;
      }
      return itemAt(choices, choices.length - 1)[0];
    },
    sample(items, count) {
      const pool = [...items];
      const drawn = [];
      while (drawn.length < count && pool.length > 0) {
        drawn.push(...pool.splice(integers(0, pool.length)(), 1));
      }
      return drawn;
    },
    normal: (mean, sd) => mean + sd * standardNormal(),
    logNormal: (median, sigma) => median * standardLogNormal() ** sigma,
    fork: (salt) => rollDice((seed * 7919 + salt * 104_729) % 2_147_483_647),
  };
  return dice;
}

export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at index ${index} of ${items.length}`);
  return item;
}
