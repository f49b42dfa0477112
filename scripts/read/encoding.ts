/**
 * Bytes → text, chunk by chunk, never the whole file in memory.
 *
 * The encoding is decided from the first chunk: a byte-order mark (UTF-8, UTF-16 LE/BE — Excel's "Unicode
 * text"), else UTF-16 without a mark when every other byte is zero, else UTF-8 when the first chunk is valid
 * UTF-8, else Windows-1252 (Excel's "CSV" on a Western Windows). A file with other zero bytes, or the
 * signature of an Excel workbook, is not text: a fatal error that says what to export instead.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../errors.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes looked at to tell the encoding. */
const SNIFF_BYTES = 4096;

const SAVE_AS_CSV =
  'Export or save it as CSV (in Excel: File › Save As › "CSV UTF-8"), or move it out of the data folder.';

function sniff(first: Uint8Array, file: string): Encoding {
  const [b0, b1, b2, b3] = first;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8-bom';
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (b0 === 0x50 && b1 === 0x4b && b2 === 0x03 && b3 === 0x04) {
    throw new UserError('is an Excel workbook or another zip archive, not a CSV text file', { file }, SAVE_AS_CSV);
  }
  if (b0 === 0xd0 && b1 === 0xcf && b2 === 0x11 && b3 === 0xe0) {
    throw new UserError('is a legacy Excel workbook (.xls), not a CSV text file', { file }, SAVE_AS_CSV);
  }
  const sample = first.subarray(0, 4096 - (Math.min(first.length, 4096) % 2));
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) zerosEven++;
      else zerosOdd++;
    }
  }
  const half = sample.length / 2;
  if (zerosOdd > half * 0.3 && zerosEven === 0) return 'utf-16le';
  if (zerosEven > half * 0.3 && zerosOdd === 0) return 'utf-16be';
  if (zerosEven + zerosOdd > 0) {
    throw new UserError('is not a text file (it contains NUL bytes)', { file }, SAVE_AS_CSV);
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(first, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

const DECODER_LABEL: Record<Encoding, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'windows-1252': 'windows-1252',
};

export interface DecodedFile {
  /** Known once the first chunk has been read. */
  encoding: Encoding | null;
  /** Bytes read so far. */
  bytes: number;
  chunks: AsyncGenerator<string>;
}

/**
 * Encodings whose line feed is the byte 0x0A and no byte of any other character is: a chunk cut after that byte
 * ends with a whole line.
 */
const LINE_FEED_BYTE: ReadonlySet<Encoding> = new Set(['utf-8', 'utf-8-bom', 'windows-1252']);

/**
 * Read buffers of files already read, used again: an export folder may hold thousands of small files, and a
 * fresh buffer of a few hundred KB for each cost more in garbage collection than the reading (10,000 files).
 */
const spare: Buffer[] = [];
function takeBuffer(size: number): Buffer {
  const i = spare.findIndex((b) => b.length === size);
  if (i === -1) return Buffer.allocUnsafe(size);
  return spare.splice(i, 1)[0]!;
}

/**
 * The file's text in chunks of about `chunkBytes`; the byte-order mark is not part of the text.
 *
 * In UTF-8 and Windows-1252 a chunk ends after the last line feed of the bytes read (the rest is carried into
 * the next read), so that the CSV reader is not left with a broken line to glue to the next chunk: gluing made
 * a new string of the whole chunk, which the parser then copied once more to flatten it — at 676 MB of exports,
 * a fifth of the data step's page faults. The bytes are read into one buffer, used again and again.
 */
export function decodeFile(path: string, file: string, chunkBytes = 1 << 17): DecodedFile {
  const state: DecodedFile = { encoding: null, bytes: 0, chunks: undefined as unknown as AsyncGenerator<string> };
  async function* chunks(): AsyncGenerator<string> {
    let decoder: TextDecoder | null = null;
    let alignLines = false;
    const begin = (first: Uint8Array): void => {
      state.encoding = sniff(first, file);
      alignLines = LINE_FEED_BYTE.has(state.encoding);
      // The default (ignoreBOM: false) drops the byte-order mark.
      decoder = new TextDecoder(DECODER_LABEL[state.encoding]);
    };
    let first = true;
    const decode = (bytes: Uint8Array): string => {
      const text = decoder!.decode(bytes, { stream: true });
      if (first && state.encoding!.startsWith('utf-16') && text.includes('\u0000')) {
        throw new UserError('is not a text file (it contains NUL characters)', { file }, SAVE_AS_CSV);
      }
      first = false;
      return text;
    };
    // Room for a read of `chunkBytes` after what is held (the start of a line, or the bytes to sniff).
    const size = Math.max(chunkBytes, SNIFF_BYTES) + chunkBytes;
    const buffer = takeBuffer(size);
    /** Bytes at the start of `buffer` read but not yet decoded. */
    let held = 0;
    let handle: FileHandle | null = null;
    try {
      handle = await open(path, 'r');
      for (;;) {
        const { bytesRead } = await handle.read(buffer, held, Math.min(chunkBytes, size - held), null);
        state.bytes += bytesRead;
        const filled = held + bytesRead;
        if (bytesRead === 0) break;
        // Enough bytes to tell the encoding (a small file: all of it, at the end).
        if (!decoder) {
          if (filled < SNIFF_BYTES) {
            held = filled;
            continue;
          }
          begin(buffer.subarray(0, filled));
        }
        // Up to the last line feed; all of it when there is none (a long quoted value, or lines ended by CR).
        const lastFeed = alignLines ? buffer.lastIndexOf(0x0a, filled - 1) : -1;
        const cut = lastFeed === -1 ? filled : lastFeed + 1;
        const text = decode(buffer.subarray(0, cut));
        buffer.copyWithin(0, cut, filled);
        held = filled - cut;
        if (text !== '') yield text;
      }
      if (!decoder && held > 0) begin(buffer.subarray(0, held));
      if (decoder) {
        const rest = decode(buffer.subarray(0, held)) + (decoder as TextDecoder).decode();
        if (rest) yield rest;
      }
    } catch (error) {
      if (error instanceof UserError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new UserError(`cannot be read (${code})`, { file }, 'Check that the file exists and that you may read it.');
    } finally {
      spare.push(buffer);
      await handle?.close();
    }
  }
  state.chunks = chunks();
  return state;
}
