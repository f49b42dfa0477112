/**
 * Follows every internal link and asset of a served site from its base, and reports what did not resolve.
 * Plain HTTP, no browser: fast enough to check every link of every page.
 */
export interface CrawlResult {
  /** HTML pages reached, as absolute URLs. */
  pages: string[];
  /** Every other internal resource reached (CSS, CSV, robots…). */
  assets: string[];
  /** `from → to (status)` for each internal reference that did not answer 200. */
  broken: string[];
  /** Internal references that point outside the base path. */
  escaping: string[];
}

const ATTRIBUTE = /\s(?:href|src)=(?:"([^"]*)"|'([^']*)')/g;

const decodeEntities = (value: string) =>
  value
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');

export async function crawl(origin: string, base: string): Promise<CrawlResult> {
  const start = new URL(base, origin).href;
  const seen = new Set<string>([start]);
  const queue: { url: string; from: string }[] = [{ url: start, from: '(start)' }];
  const result: CrawlResult = { pages: [], assets: [], broken: [], escaping: [] };
  while (queue.length) {
    const { url, from } = queue.shift()!;
    const response = await fetch(url);
    if (response.status !== 200) {
      result.broken.push(`${from} → ${url} (${response.status})`);
      continue;
    }
    const type = response.headers.get('content-type') ?? '';
    if (!type.startsWith('text/html')) {
      result.assets.push(url);
      await response.arrayBuffer();
      continue;
    }
    result.pages.push(url);
    const html = await response.text();
    for (const match of html.matchAll(ATTRIBUTE)) {
      const raw = decodeEntities(match[1] ?? match[2] ?? '');
      if (!raw || raw.startsWith('#') || /^(mailto|tel|data):/i.test(raw)) continue;
      const target = new URL(raw, url);
      if (target.origin !== origin) continue;
      target.hash = '';
      if (!target.pathname.startsWith(base)) {
        result.escaping.push(`${url} → ${target.href}`);
        continue;
      }
      if (!seen.has(target.href)) {
        seen.add(target.href);
        queue.push({ url: target.href, from: url });
      }
    }
  }
  return result;
}
