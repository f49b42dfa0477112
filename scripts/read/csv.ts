/**
 * One CSV file → its header and its records, streamed, with the physical line each record starts on.
 *
 * Parsing is papaparse's own parser core (`Papa.Parser`, the engine under `Papa.parse`'s streaming mode) fed
 * with our decoded chunks: each call parses the complete records of a chunk (`ignoreLastRow`) and the rest is
 * carried into the next, exactly as papaparse's ChunkStreamer does. Driving it directly keeps the chunk's text
 * at hand, which is how line numbers are counted: a record spans `1 + (line breaks inside its quoted fields)`
 * physical lines; when a chunk's line breaks equal its record count (the usual case) no field is looked at.
 *
 * - delimiter (comma, semicolon, tab) and line ending (CRLF, LF, CR) come from the header line, outside quotes;
 *   an Excel `sep=;` first line is honoured;
 * - blank lines (also `;;;;` rows of empty cells, as Excel pads) are skipped and not counted, wherever they are;
 * - records with malformed quotes are reported as such; the field count is checked by the caller.
 */
import { stat } from 'node:fs/promises';
import Papa from 'papaparse';
import { UserError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { decodeFile, type Encoding } from './encoding.ts';
import { formatCount } from './values.ts';

export interface CsvHandlers {
  /** The first non-blank record. */
  header(fields: string[], line: number): void;
  /** Every later non-blank record; `problem` when papaparse found malformed quotes in it. */
  record(fields: string[], line: number, problem: string | undefined): void;
}

export interface CsvStats {
  encoding: Encoding | 'empty';
  /** `,`, `;` or `\t` (`,` for an empty file). */
  delimiter: string;
  bytes: number;
  /** Data records (not the header, not blank lines). */
  records: number;
}

/**
 * A record longer than this is an unclosed quote swallowing the file, or a value no ATS export holds: stop rather
 * than hold it all (`recordTooLong` says which).
 */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;
const PROGRESS_FROM_BYTES = 5 * 1024 * 1024;
/** A pending record this long is parsed again only once as much new text has come (see readCsv). */
const LONG_RECORD_CHARS = 1024 * 1024;

const DELIMITERS = [',', ';', '\t'] as const;
const UNCLOSED = 'unclosed quote';

/**
 * Delimiter and line ending from the first non-blank line of `text` (outside quotes), or null when that line
 * is not complete yet (and `final` is false).
 */
export function sniffLayout(
  text: string,
  final: boolean,
): { delimiter: string; newline: '\r\n' | '\n' | '\r'; excelSep: boolean } | null {
  let start = 0;
  // Skip leading blank lines.
  while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
  const counts = new Map<string, number>();
  let quoted = false;
  let newline: '\r\n' | '\n' | '\r' | null = null;
  let end = text.length;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && i + 1 >= text.length && !final) return null; // a CRLF may be split across chunks
      newline = ch === '\n' ? '\n' : text[i + 1] === '\n' ? '\r\n' : '\r';
      end = i;
      break;
    } else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  if (newline === null && !final) return null;
  const line = text.slice(start, end);
  const sep = /^sep=(.)$/i.exec(line);
  if (sep && (DELIMITERS as readonly string[]).includes(sep[1]!)) {
    return { delimiter: sep[1]!, newline: newline ?? '\n', excelSep: true };
  }
  let delimiter: string = ',';
  let most = 0;
  for (const candidate of DELIMITERS) {
    const n = counts.get(candidate) ?? 0;
    if (n > most) {
      most = n;
      delimiter = candidate;
    }
  }
  return { delimiter, newline: newline ?? '\n', excelSep: false };
}

/** Occurrences of `ch` in `text[from, to)`. */
function countChar(text: string, ch: string, from: number, to: number): number {
  let n = 0;
  let i = text.indexOf(ch, from);
  while (i !== -1 && i < to) {
    n++;
    i = text.indexOf(ch, i + 1);
  }
  return n;
}

const isBlank = (fields: string[]): boolean => {
  for (const field of fields) if (field !== '' && field.trim() !== '') return false;
  return true;
};

export async function readCsv(
  path: string,
  file: string,
  handlers: CsvHandlers,
  log: Logger,
  /**
   * Bytes per read; small values exercise chunk boundaries in tests. 128 KB: a chunk's text, its rows and their
   * cells stay in the core's cache from parsing to reading the values (with 1 MB chunks, reading a date was
   * mostly waiting for memory), which took about a tenth less CPU time and memory at 1M applications.
   */
  chunkBytes = 1 << 17,
  /**
   * Awaited after each chunk's records are delivered, with the bytes read so far and the file's size (a worker
   * waits there while its reader is behind, and estimates the file's rows).
   */
  betweenChunks?: (bytesRead: number, fileSize: number) => Promise<void>,
): Promise<CsvStats> {
  const decoded = decodeFile(path, file, chunkBytes);
  const stats: CsvStats = { encoding: 'empty', delimiter: ',', bytes: 0, records: 0 };
  let parser: Papa.Parser | null = null;
  /** The character that ends a physical line (CRLF counts once, by its LF). */
  let lineEnd = '\n';
  let pending = '';
  let line = 1;
  let seenHeader = false;
  let excelSep = false;

  const started = performance.now();
  let lastProgress = started;
  let fileSize: number;
  try {
    fileSize = (await stat(path)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(`cannot be read (${code})`, { file }, 'Check that the file exists and that you may read it.');
  }

  const deliver = (result: Papa.ParseResult<string[]>, input: string, final: boolean): void => {
    const records = result.data;
    let problems: Map<number, string> | undefined;
    for (const error of result.errors) {
      if (error.row === undefined || error.row >= records.length) continue; // the unfinished record: parsed again
      problems ??= new Map();
      problems.set(error.row, error.code === 'MissingQuotes' ? UNCLOSED : 'malformed quotes');
    }
    // Every record but the last of the file ends with one line break; more breaks = breaks inside fields.
    const sequential = !final && countChar(input, lineEnd, 0, result.meta.cursor) === records.length;
    for (let r = 0; r < records.length; r++) {
      const fields = records[r]!;
      const start = line;
      if (sequential) line++;
      else {
        let breaks = 0;
        for (const field of fields)
          if (field.length > 0 && field.indexOf(lineEnd) !== -1) breaks += countChar(field, lineEnd, 0, field.length);
        line += 1 + breaks;
      }
      if (isBlank(fields)) continue;
      if (!seenHeader) {
        if (excelSep && /^sep=/i.test(fields[0]!)) continue;
        seenHeader = true;
        handlers.header(fields, start);
        continue;
      }
      stats.records++;
      const problem = problems?.get(r);
      if (problem === UNCLOSED && line - start > 1) {
        log.warn(
          `${file}: the quote opened on line ${start} is never closed: the rest of the file is part of that row`,
        );
      }
      handlers.record(fields, start, problem);
    }
  };

  const start = (text: string, final: boolean): boolean => {
    const layout = sniffLayout(text, final);
    if (!layout) return false;
    stats.delimiter = layout.delimiter;
    lineEnd = layout.newline === '\r' ? '\r' : '\n';
    excelSep = layout.excelSep;
    parser = new Papa.Parser({ delimiter: layout.delimiter, newline: layout.newline, quoteChar: '"' });
    return true;
  };

  /** Text read but not parsed yet (see below). */
  let held = '';
  for await (const text of decoded.chunks) {
    // A record far longer than a chunk (an enormous value, or a quote never closed) is parsed again from its start
    // with each chunk: once it is long, parse only when the new text is as long as it, so that the work stays
    // linear in its length (it took minutes to reach MAX_RECORD_CHARS).
    const waiting = held.length + text.length;
    if (
      pending.length >= LONG_RECORD_CHARS &&
      waiting < pending.length &&
      pending.length + waiting <= MAX_RECORD_CHARS
    ) {
      held += text;
      continue;
    }
    const input = pending + held + text;
    held = '';
    if (!parser && !start(input, false)) {
      pending = input;
      if (pending.length > MAX_RECORD_CHARS) throw recordTooLong(file, line, pending, lineEnd);
      continue;
    }
    const result = parser!.parse(input, 0, true) as Papa.ParseResult<string[]>;
    deliver(result, input, false);
    pending = input.slice(result.meta.cursor);
    if (pending.length > MAX_RECORD_CHARS) throw recordTooLong(file, line, pending, lineEnd);
    if (betweenChunks) await betweenChunks(decoded.bytes, fileSize);

    if (fileSize >= PROGRESS_FROM_BYTES) {
      const now = performance.now();
      if (now - lastProgress >= 500) {
        lastProgress = now;
        const rate = stats.records / ((now - started) / 1000);
        log.progress(
          `${file}: ${formatCount(stats.records)} rows, ${Math.round(decoded.bytes / 1048576)} MB, ${formatCount(Math.round(rate / 1000))}k rows/s`,
        );
      }
    }
  }
  pending += held;
  if (pending !== '' && (parser || start(pending, true))) {
    deliver(parser!.parse(pending, 0, false) as Papa.ParseResult<string[]>, pending, true);
  }

  stats.bytes = decoded.bytes;
  if (decoded.encoding) stats.encoding = decoded.encoding;
  if (fileSize >= PROGRESS_FROM_BYTES) {
    const seconds = (performance.now() - started) / 1000;
    log.progress(
      `${file}: ${formatCount(stats.records)} rows, ${Math.round(decoded.bytes / 1048576)} MB in ${seconds.toFixed(1)} s`,
      true,
    );
  }
  return stats;
}

/**
 * The record starting on `line` (`pending`, not yet complete) has grown past MAX_RECORD_CHARS: an unclosed
 * quote only when it is inside a quoted value that runs over several lines; else one enormous line or value.
 */
export function recordTooLong(file: string, line: number, pending: string, lineEnd: string): UserError {
  const insideQuotes = countChar(pending, '"', 0, pending.length) % 2 === 1;
  const lines = countChar(pending, lineEnd, 0, pending.length) + 1;
  const limit = `${formatCount(MAX_RECORD_CHARS)} characters`;
  if (insideQuotes && lines > 1) {
    return new UserError(
      `a quoted value that starts in this row runs on for ${formatCount(lines)} lines and more than ${limit} without closing: either its closing quote is missing, or it is longer than a row may be (${limit})`,
      { file, line },
      'Check the quotes on that line: a value that contains a quote must double it ("") and the whole value must be quoted. If a column holds whole documents (CVs, e-mails), export without it.',
    );
  }
  return new UserError(
    insideQuotes
      ? `a quoted value in this row is longer than ${limit}, the most a row may hold; no ATS export holds values this long`
      : `this row runs for more than ${limit} without a line break, the most a row may hold; no ATS export holds rows this long`,
    { file, line },
    'Check that this is a CSV export of your ATS. If a column holds whole documents (CVs, e-mails, attachments), export without it.',
  );
}
