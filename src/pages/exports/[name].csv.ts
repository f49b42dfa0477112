/**
 * `dist/exports/<name>.csv`: every export the data step defines (`scripts/export/csv.ts`), built from the same
 * artifact as the pages. UTF-8 with BOM, CRLF, formula-escaped: `toCsv` owns the format.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { aggregates } from '../../lib/data.ts';
import { EXPORTS, exportBaseName, toCsv } from '../../lib/exports.ts';

export const getStaticPaths = (() =>
  EXPORTS.map((e) => ({ params: { name: exportBaseName(e) } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const csv = EXPORTS.find((e) => exportBaseName(e) === params.name);
  if (!csv) return new Response('Not found', { status: 404 });
  return new Response(toCsv(csv.columns, csv.rows(aggregates)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
};
