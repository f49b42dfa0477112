import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README, withDefinitions } from '../scripts/docs.ts';

describe('the README', () => {
  it("states the metric definitions exactly as the site does (run 'npm run docs' after changing one)", () => {
    const readme = fs.readFileSync(README, 'utf8');
    expect(withDefinitions(readme)).toBe(readme);
  });
});
