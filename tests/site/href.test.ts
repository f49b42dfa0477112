import { describe, expect, it } from 'vitest';
import { href, joinBase } from '../../src/lib/href.ts';

describe('joinBase', () => {
  it('joins the root base and a page path, with the trailing slash pages are built with', () => {
    expect(joinBase('/', '/feedback/')).toBe('/feedback/');
    expect(joinBase('/', '/feedback')).toBe('/feedback/');
    expect(joinBase('/', 'feedback')).toBe('/feedback/');
    expect(joinBase('/', '/')).toBe('/');
    expect(joinBase('/', '')).toBe('/');
  });

  it('prefixes a sub-path base, whether or not the base ends with a slash', () => {
    expect(joinBase('/recruiting/', '/feedback/')).toBe('/recruiting/feedback/');
    expect(joinBase('/recruiting', '/feedback/')).toBe('/recruiting/feedback/');
    expect(joinBase('/sub/path/', '/retro/2025-06/')).toBe('/sub/path/retro/2025-06/');
    expect(joinBase('sub/path', 'retro/2025-06')).toBe('/sub/path/retro/2025-06/');
    expect(joinBase('/recruiting/', '/')).toBe('/recruiting/');
  });

  it('leaves file paths without a trailing slash', () => {
    expect(joinBase('/recruiting/', '/exports/time-to-fill.csv')).toBe('/recruiting/exports/time-to-fill.csv');
    expect(joinBase('/', '/robots.txt')).toBe('/robots.txt');
  });

  it('keeps a fragment or query after the slash of a page path', () => {
    expect(joinBase('/recruiting/', '/definitions/#medianDaysToFill')).toBe(
      '/recruiting/definitions/#medianDaysToFill',
    );
    expect(joinBase('/recruiting/', '/definitions#medianDaysToFill')).toBe('/recruiting/definitions/#medianDaysToFill');
    expect(joinBase('/', '/downloads?x=1')).toBe('/downloads/?x=1');
  });

  it('collapses repeated slashes at the joint', () => {
    expect(joinBase('/recruiting//', '/feedback/')).toBe('/recruiting/feedback/');
    expect(joinBase('//recruiting/', 'feedback/')).toBe('/recruiting/feedback/');
  });

  it('returns absolute URLs and bare fragments unchanged', () => {
    expect(joinBase('/recruiting/', 'https://example.com/a')).toBe('https://example.com/a');
    expect(joinBase('/recruiting/', 'mailto:talent@example.com')).toBe('mailto:talent@example.com');
    expect(joinBase('/recruiting/', '#main')).toBe('#main');
    expect(joinBase('/recruiting/', '//cdn.example.com/x.css')).toBe('//cdn.example.com/x.css');
  });
});

describe('href', () => {
  it('uses the base Astro was configured with (here the default, /)', () => {
    expect(import.meta.env.BASE_URL).toBe('/');
    expect(href('/time-to-fill/')).toBe('/time-to-fill/');
  });
});
