/**
 * The CSV re-exports (`dist/exports/<name>.csv`), as the data step defines them in `scripts/export/csv.ts`:
 * names, titles and columns are a public contract (the README's data dictionary). The site only lists them,
 * links charts to them and serves them (`src/pages/exports/[name].csv.ts`).
 */
import { EXPORTS, toCsv, type CsvExport } from '../../scripts/export/csv.ts';
import { href } from './href.ts';

export { EXPORTS, toCsv, type CsvExport };

/** `time-to-fill.csv` → `time-to-fill` (the route parameter). */
export const exportBaseName = (e: CsvExport): string => e.name.replace(/\.csv$/, '');

const byName = new Map(EXPORTS.map((e) => [exportBaseName(e), e]));

export const exportFile = (name: string) => `${name.replace(/\.csv$/, '')}.csv`;
export const exportHref = (name: string) => href(`/exports/${exportFile(name)}`);
/** The export of that name (with or without `.csv`), or undefined when the data step does not write it. */
export const findExport = (name: string | undefined) =>
  name === undefined ? undefined : byName.get(name.replace(/\.csv$/, ''));
