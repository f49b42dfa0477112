/**
 * What `Chart.astro` shows for one chart: built by the figure modules in `src/lib/figures/`, from the artifact,
 * as plain text and SVG markup. Everything but `svg` is rendered as escaped text.
 */
import type { ChartSvg } from '../charts/render.ts';

export interface Column {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

export interface TableModel {
  caption: string;
  columns: Column[];
  /** Cells as display text; the first cell of a row is its header (`<th scope="row">`). */
  rows: string[][];
  /** Shown under the table, e.g. "Showing the latest 100 of 412 rows; all are in the CSV." */
  note?: string;
}

export interface LegendItem {
  name: string;
  color: string;
  /** Drawn as a dashed line rather than a swatch. */
  dashed?: boolean;
}

export interface ChartModel {
  /** Unique on its page: the figure's anchor and the prefix of every id inside it. */
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows (visible, and the SVG's accessible description). */
  description: string;
  /** What the chart rests on: `Rests on 1,204 feedback slots, January–June 2025.` */
  basis: string;
  /** What was left out and why (suppressed cells, rows excluded upstream). */
  notes: string[];
  /** Null when there is nothing to draw: the chart says so and keeps its table. */
  svg: ChartSvg | null;
  legend?: LegendItem[];
  table: TableModel;
  /**
   * The export holding the chart's figures (`headlines` → `/exports/headlines.csv`): one of
   * `scripts/export/csv.ts` EXPORTS. Every chart has one (SPEC: "Every chart: … a data table, and its CSV");
   * `Chart.astro` fails the build on a name no export defines.
   */
  csv: string;
  /** Definition id, for the "Definition" link. */
  definitionId?: string;
}

/** The ids `Chart.astro` gives the title and the description, which the SVG points at. */
export const chartIds = (id: string) => ({ id, labelledBy: `${id}-title`, describedBy: `${id}-desc` });
