/**
 * Server-side rendering of one Plot spec to SVG markup, shared by every chart kind.
 *
 * - Plot draws into linkedom's virtual document (no browser at build time).
 * - A Plot warning (bad data for a scale, a mark with no data, …) is a build error: Plot would otherwise draw
 *   a "⚠️" into the chart that nobody reads.
 * - Plot numbers clip and pattern ids with a process-wide counter, so the same chart rendered twice would
 *   differ. Ids are renumbered from the chart's own id: output is byte-stable, and unique on the page.
 * - The root SVG gets `role="img"` and is labelled by the chart title and described by its visible caption
 *   (ids owned by `Chart.astro`); Plot's per-mark aria-labels inside it are dropped (prohibited under an img).
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { FONT_SIZE, type Variant, widthOf } from './theme.ts';

/** The SVG markup of one chart, drawn at both widths (see `theme.ts`). */
export interface ChartSvg {
  wide: string;
  narrow: string;
}

export interface SvgLabel {
  /** The chart's id: prefixes every id inside the SVG. */
  id: string;
  /** Ids of the elements that name and describe the chart (`aria-labelledby`, `aria-describedby`). */
  labelledBy?: string;
  describedBy?: string;
  /** Used when there is no element to point at. */
  ariaLabel?: string;
}

/** Renders a Plot spec to SVG markup; throws on any Plot warning. */
export function renderSvg(spec: Plot.PlotOptions, label: SvgLabel): string {
  const { document } = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>');
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  let node: Element;
  try {
    node = Plot.plot({ ...spec, document: document as unknown as Document }) as unknown as Element;
  } finally {
    console.warn = warn;
  }
  if (warnings.length) throw new Error(`Plot warned while drawing chart "${label.id}": ${warnings.join(' | ')}`);
  if (node.tagName.toLowerCase() !== 'svg') {
    // A title, subtitle, caption or legend in the spec makes Plot wrap the SVG in a <figure>: those belong
    // to Chart.astro, as escaped text.
    throw new Error(
      `chart "${label.id}": the Plot spec must not have a title, caption or legend (got <${node.tagName}>)`,
    );
  }
  // The root is role="img": its children are presentational, and the aria-label Plot puts on each mark's <g>
  // ("bar", "rule", …) is prohibited there (axe: aria-prohibited-attr). The <title>s stay: they are hover text.
  for (const child of node.querySelectorAll('[aria-label], [aria-description]')) {
    child.removeAttribute('aria-label');
    child.removeAttribute('aria-description');
  }
  // Plot writes font-variant="tabular-nums", which is not a valid SVG attribute value (Nu HTML checker):
  // the same as CSS, where it is valid.
  for (const child of node.querySelectorAll('[font-variant]')) {
    const value = child.getAttribute('font-variant');
    child.removeAttribute('font-variant');
    const style = child.getAttribute('style');
    child.setAttribute('style', `${style ? `${style.replace(/;?\s*$/, '')}; ` : ''}font-variant-numeric: ${value}`);
  }
  node.setAttribute('role', 'img');
  if (label.labelledBy) node.setAttribute('aria-labelledby', label.labelledBy);
  if (label.describedBy) node.setAttribute('aria-describedby', label.describedBy);
  if (label.ariaLabel && !label.labelledBy) node.setAttribute('aria-label', label.ariaLabel);
  node.setAttribute('class', `${node.getAttribute('class') ?? ''} chart-svg-root`.trim());
  return renumberIds(node.outerHTML, label.id);
}

/**
 * Replaces every `id` in the markup (and its `url(#…)` / `href="#…"` references) by `<prefix>-<n>`, numbered
 * in document order.
 */
export function renumberIds(markup: string, prefix: string): string {
  const ids = [...markup.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  let out = markup;
  [...new Set(ids)].forEach((old, i) => {
    const next = `${prefix}-${i + 1}`;
    out = out
      .replaceAll(`id="${old}"`, `id="${next}"`)
      .replaceAll(`url(#${old})`, `url(#${next})`)
      .replaceAll(`href="#${old}"`, `href="#${next}"`);
  });
  return out;
}

/** Options every chart shares: sizes, font, and no title/legend from Plot (Chart.astro draws those). */
export function baseSpec(variant: Variant, height: number): Plot.PlotOptions {
  return {
    width: widthOf(variant),
    height,
    style: { fontSize: `${FONT_SIZE[variant]}px` },
  };
}

/** Draws the spec at both widths. */
export function renderBoth(buildSpec: (variant: Variant) => Plot.PlotOptions, label: SvgLabel): ChartSvg {
  return {
    wide: renderSvg(buildSpec('wide'), { ...label, id: `${label.id}-w` }),
    narrow: renderSvg(buildSpec('narrow'), { ...label, id: `${label.id}-n` }),
  };
}
