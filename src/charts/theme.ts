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

/**
 * The colours every chart kind shares (what each colour means, and the others: src/lib/figures/colors.ts).
 * `FIGURE` is the figure a chart is about, `SPREAD` its spread (p90), `SECOND` a second figure of the same
 * measure, `COMPANY_WIDE` the company-wide figure beside a scope's.
 */
export const FIGURE = 'var(--figure)';
export const SPREAD = 'var(--figure-spread)';
export const SECOND = 'var(--figure-second)';
export const COMPANY_WIDE = 'var(--chart-muted)';
export const GRID = 'var(--chart-grid)';

export type Variant = 'wide' | 'narrow';
export const widthOf = (variant: Variant): number => (variant === 'wide' ? WIDE : NARROW);

/**
 * Rough width of a label in SVG units at the chart font size (Plot cannot measure text without a browser). It
 * errs wide: the fonts pages really use (DejaVu Sans, Segoe UI) run wider than Plot's Helvetica-like metrics,
 * and CJK characters and emoji are a full em.
 */
export function textWidth(text: string, variant: Variant): number {
  let ems = 0;
  for (const char of text) ems += WIDE_CHAR.test(char) ? 1 : 0.62;
  return Math.ceil(ems * FONT_SIZE[variant]);
}
const WIDE_CHAR =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u;
