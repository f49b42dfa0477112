/** Every built page is valid HTML, by the Nu Html Checker (the W3C validator) that ships in vnu-jar. */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, inject, it } from 'vitest';

const builds = inject('builds');
const vnu = createRequire(import.meta.url)('vnu-jar') as string;

describe('HTML validity', () => {
  it('the Nu Html Checker finds no errors in any page of the sample site', () => {
    const result = spawnSync(
      'java',
      ['-Xss4m', '-jar', vnu, '--errors-only', '--format', 'json', '--skip-non-html', builds.sample],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(result.error).toBeUndefined();
    const messages = (
      JSON.parse(result.stderr || '{"messages":[]}') as {
        messages: { url: string; message: string; lastLine?: number }[];
      }
    ).messages;
    const errors = messages.map((m) => `${m.url.replace(/^.*?\/sample\//, '')}:${m.lastLine ?? '?'} ${m.message}`);
    expect(errors).toEqual([]);
  });
});
