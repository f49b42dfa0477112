/**
 * The CSV re-exports (`dist/exports/<name>.csv`), as the data step defines them in `scripts/export/csv.ts` and
 * describes them in `scripts/export/dictionary.ts`: names and columns are a public contract (the data
 * dictionary, `docs/data-dictionary.md`, is written from the same description). The site only lists them,
 * links charts to their entry on the Downloads page and serves them (`src/pages/exports/[name].csv.ts`).
 */
import { EXPORTS, toCsv, type CsvExport } from '../../scripts/export/csv.ts';
import { exportAnchor } from '../../scripts/export/dictionary.ts';
import { href } from './href.ts';

export { EXPORTS, toCsv, type CsvExport };

/** `time-to-fill.csv` → `time-to-fill` (the route parameter). */
export const exportBaseName = (e: CsvExport): string => e.name.replace(/\.csv$/, '');

const byName = new Map(EXPORTS.map((e) => [exportBaseName(e), e]));

export const exportFile = (name: string) => `${name.replace(/\.csv$/, '')}.csv`;
export const exportHref = (name: string) => href(`/exports/${exportFile(name)}`);
/** The file's entry on the Downloads page: what it holds, its columns and the charts it feeds. */
export const exportEntryHref = (name: string) => href(`/downloads/#${exportAnchor(exportFile(name))}`);
/** The export of that name (with or without `.csv`), or undefined when the data step does not write it. */
export const findExport = (name: string | undefined) =>
  name === undefined ? undefined : byName.get(name.replace(/\.csv$/, ''));
