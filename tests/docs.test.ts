import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_DICTIONARY, README, withDefinitions } from '../scripts/docs.ts';
import { dataDictionaryMarkdown } from '../scripts/export/dictionary.ts';

describe('the README', () => {
  it("states the metric definitions exactly as the site does (run 'npm run docs' after changing one)", () => {
    const readme = fs.readFileSync(README, 'utf8');
    expect(withDefinitions(readme)).toBe(readme);
  });

  it('points to the data dictionary instead of keeping a copy of it', () => {
    const readme = fs.readFileSync(README, 'utf8');
    expect(readme).toContain('](docs/data-dictionary.md)');
    expect(readme).not.toMatch(/^### [a-z0-9-]+\.csv/m);
  });
});

describe('docs/data-dictionary.md', () => {
  it("is the data dictionary the Downloads page shows, regenerated (run 'npm run docs' after changing an export)", () => {
    expect(fs.readFileSync(DATA_DICTIONARY, 'utf8')).toBe(dataDictionaryMarkdown());
  });
});
