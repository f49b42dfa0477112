/**
 * Every link and asset URL on the site goes through `href()`, so the site works under a sub-path
 * (`npm run build -- --base /recruiting`). Astro prefixes its own routes with `base`, but not the URLs we write.
 */

/**
 * Joins the site's base and a site-absolute path (`/feedback/`, `/exports/time-to-fill.csv`, `/definitions/#id`).
 * Page paths (last segment without a dot) get a trailing slash, as the site is built with `trailingSlash: 'always'`.
 * Absolute URLs (`https:`, `mailto:`) and pure fragments (`#top`) are returned unchanged.
 */
export function joinBase(base: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('#') || path.startsWith('//')) return path;
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const cut = path.search(/[?#]/);
  const pathname = cut === -1 ? path : path.slice(0, cut);
  const suffix = cut === -1 ? '' : path.slice(cut);
  let rest = pathname.replace(/^\/+/, '');
  const last = rest.split('/').at(-1) ?? '';
  if (rest !== '' && !rest.endsWith('/') && !last.includes('.')) rest += '/';
  return `${prefix}/${rest}${suffix}`;
}

/** A link to a page or file of this site, under the configured base. */
export function href(path: string): string {
  return joinBase(import.meta.env.BASE_URL ?? '/', path);
}
