/**
 * Sizes and colours shared by every chart kind. Colours are CSS variables (defined in `src/styles/theme.css`
 * for light, dark and print), so one SVG serves every theme: no white boxes in dark mode, no re-render.
 * Axes and text use `currentColor`.
 */

/** The two widths each chart is drawn at: the wide one for screens and print, the narrow one for phones. */
export const WIDE = 720;
export const NARROW = 360;

/** Font size in SVG units. The wide SVG is shown at 100–130% (≥ 12 px), the narrow one at ~90% on a 360 px phone. */
export const FONT_SIZE = { wide: 13, narrow: 14 } as const;

/** Categorical series colours, colour-blind-safe in both themes (Okabe–Ito based). */
export const SERIES_COUNT = 10;
export const seriesColor = (index: number): string => `var(--series-${(index % SERIES_COUNT) + 1})`;

/** The colour of a single-series chart, of reference lines and of de-emphasised marks. */
export const ACCENT = 'var(--series-1)';
export const MUTED = 'var(--chart-muted)';
export const GRID = 'var(--chart-grid)';

export type Variant = 'wide' | 'narrow';
export const widthOf = (variant: Variant): number => (variant === 'wide' ? WIDE : NARROW);

/** Rough width of a label in SVG units at the chart font size (Plot cannot measure text without a browser). */
export function textWidth(text: string, variant: Variant): number {
  return Math.ceil(text.length * FONT_SIZE[variant] * 0.62);
}

/**
 * The left margin for a band axis of labels, and how to clip labels that do not fit. Plot estimates text width
 * from Helvetica-like metrics, and the fonts pages really use (DejaVu Sans, Segoe UI) run wider: the margin
 * is sized generously, and labels are clipped (with an ellipsis; the full text is in the table and the hover
 * text) only when the longest would take more than `maxShare` of the width.
 */
export function labelAxis(
  labels: readonly string[],
  variant: Variant,
  maxShare = 0.38,
): { marginLeft: number; lineWidth?: number } {
  const cap = Math.round(widthOf(variant) * maxShare);
  const longest = Math.max(0, ...labels.map((l) => textWidth(l, variant)));
  if (longest + 20 <= cap) return { marginLeft: Math.max(40, longest + 20) };
  return { marginLeft: cap, lineWidth: ((cap - 14) / FONT_SIZE[variant]) * 0.9 };
}

/** The y axis of a chart of labelled rows. */
export function labelAxisOptions(lineWidth: number | undefined): {
  label: null;
  tickSize: 0;
  lineWidth?: number;
  textOverflow?: 'ellipsis-end';
} {
  return lineWidth === undefined
    ? { label: null, tickSize: 0 }
    : { label: null, tickSize: 0, lineWidth, textOverflow: 'ellipsis-end' };
}
