import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseBase, parseCli, SAMPLE_DIR } from '../scripts/cli.ts';
import { UserError } from '../scripts/errors.ts';

describe('command-line options', () => {
  it('with no flags the sample is built into dist/ at the root', () => {
    const options = parseCli([], {});
    expect(options.dataDir).toBe(SAMPLE_DIR);
    expect(options.base).toBe('/');
    expect(options.outDir.endsWith(`${path.sep}dist`)).toBe(true);
  });

  it('flags win over their environment twins, and relative paths start where the user ran npm', () => {
    const env = { INIT_CWD: '/home/ana/exports', DATA_DIR: 'ignored', BASE_PATH: '/env/', OUT_DIR: 'site' };
    const options = parseCli(['--data', 'march', '--base', 'recruiting'], env);
    expect(options.dataDir).toBe('/home/ana/exports/march');
    expect(options.base).toBe('/recruiting/');
    expect(options.outDir).toBe('/home/ana/exports/site');
  });

  it('a sub-path is normalised to leading and trailing slashes', () => {
    expect(normaliseBase('/team/hiring-retro')).toBe('/team/hiring-retro/');
    expect(normaliseBase('team/')).toBe('/team/');
    expect(normaliseBase('')).toBe('/');
    expect(normaliseBase('/')).toBe('/');
  });

  it('a base that is not a URL path is a clear error', () => {
    expect(() => normaliseBase('/a/../b')).toThrow(UserError);
    expect(() => normaliseBase('a b')).toThrow(/not a URL path/);
  });

  it('an unknown flag is a clear error that shows the usage', () => {
    expect(() => parseCli(['--dta', 'x'], {})).toThrow(UserError);
    try {
      parseCli(['--dta', 'x'], {});
    } catch (error) {
      expect((error as UserError).format()).toContain('--data DIR');
    }
  });
});
