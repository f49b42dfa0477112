import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewCommand } from '../scripts/build.ts';
import { normaliseBase, parseCli, SAMPLE_DIR } from '../scripts/cli.ts';
import { UserError } from '../scripts/errors.ts';
import { ROOT } from './helpers/run.ts';

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
    expect(() => normaliseBase('/a//b')).toThrow(/not a URL path/);
  });

  it('a base with a character that needs escaping in a URL is a clear error naming it, not a stack trace', () => {
    // `%` passed the old check and ended in a stack trace in the site build.
    expect(() => normaliseBase('/hiring%20retro')).toThrow(/holds "%", which a sub-path of this site cannot hold/);
    expect(() => normaliseBase('a b')).toThrow(/holds a space/);
    for (const base of ["/it's", '/a"b', '/a?b', '/a#b', '/a<b', '/a\\b', '/a\u0000b', '/équipe']) {
      expect(() => normaliseBase(base), base).toThrow(UserError);
    }
    expect(normaliseBase('/team_1/hiring-retro.v2~')).toBe('/team_1/hiring-retro.v2~/');
  });

  it('--force-out and its twin FORCE_OUT=1 allow replacing a folder no build marked; off by default', () => {
    expect(parseCli([], {}).forceOut).toBe(false);
    expect(parseCli(['--force-out'], {}).forceOut).toBe(true);
    expect(parseCli([], { FORCE_OUT: '1' }).forceOut).toBe(true);
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

describe('the "Preview with" hint after a build', () => {
  it('names --out and --base when they are not the defaults, so that the command serves the site just built', () => {
    const dist = path.join(ROOT, 'dist');
    expect(previewCommand({ outDir: dist, base: '/' }, ROOT)).toBe('npm run preview');
    expect(previewCommand({ outDir: '/srv/www/retro', base: '/' }, ROOT)).toBe(
      'npm run preview -- --out /srv/www/retro',
    );
    expect(previewCommand({ outDir: '/home/ana/site', base: '/team/' }, '/home/ana')).toBe(
      'npm run preview -- --out site --base /team/',
    );
    expect(previewCommand({ outDir: "/tmp/Ana's site", base: '/' }, ROOT)).toBe(
      "npm run preview -- --out '/tmp/Ana'\\''s site'",
    );
  });
});
