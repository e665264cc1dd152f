import { createHash } from 'node:crypto';
import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { ImportError } from '../../domain/index.js';
import { detectDelimiter, notUtf8, sniffEncoding, utf16ToUtf8 } from '../text.js';

export interface CsvSink {
  /** the header row, as written */
  header(names: string[]): void;
  /**
   * One data record in file order: its fields are `fields[0..count)`; `row` is its 1-based number.
   * The array is reused for the next record, so keep values, not the array.
   */
  record(fields: readonly string[], count: number, row: number): void;
  /** the end of a stretch of records (one read of the file): a natural point to hand rows on; reading waits for it */
  flush(): void | Promise<void>;
  /** false once the sink wants no more records (the rest of the file is then only hashed) */
  wants(): boolean;
  progress(bytesDone: number): void;
}

const CHUNK = 4 << 20;
/** A record longer than this is a quote left open (or not a CSV file): refused rather than held in memory. */
const MAX_RECORD = 64 << 20;

/**
 * Streams a CSV file into `sink`, returning the SHA-256 of its bytes. Stretches without a double quote
 * (nearly all of a machine-written inventory) are scanned directly for newlines and commas, with no
 * per-line strings or arrays; any stretch that holds a quote goes to papaparse, so quoted fields,
 * escaped quotes and newlines inside quotes work as RFC 4180 says. Each stretch ends at a newline
 * outside quotes, so no record is cut in two. Blank lines are skipped and do not count as rows.
 *
 * The field separator is `,`, `;` or tab, whichever the header line uses most (text.ts). UTF-16 files
 * (with a byte-order mark) are converted to UTF-8 as they stream, so the rest reads UTF-8 only; bytes
 * that are not UTF-8 stop the import, naming the row they are in.
 */
export async function readCsv(file: string, name: string, sink: CsvSink): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  let nextRow = 1;
  let headerSeen = false;
  const fields: string[] = [];
  let delimiter: string | undefined;

  const take = (f: readonly string[], count: number) => {
    if (headerSeen) sink.record(f, count, nextRow++);
    else {
      headerSeen = true;
      const names = f.slice(0, count).map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
      // a file whose lines end in CR alone reads as one long line: say so rather than list odd columns
      if (names.some((h) => h.includes('\r'))) throw new ImportError(name, undefined, undefined, 'its lines end in CR alone (old Mac style): save it with LF or CRLF line ends');
      sink.header(names);
    }
  };

  /** The text of buf[0..end): pure ASCII (checked in one fast pass) decodes as Latin-1, a plain copy. */
  const decode = (buf: Buffer, end: number): string => {
    const part = buf.subarray(0, end);
    // a NUL is ASCII, and UTF-8, but no text file holds one: it is UTF-16 read without its byte-order mark
    if (part.indexOf(0) !== -1) throw notUtf8(name, part, headerSeen ? nextRow : 0);
    if (isAscii(part)) return part.toString('latin1');
    if (!isUtf8(part)) throw notUtf8(name, part, headerSeen ? nextRow : 0);
    return part.toString('utf8');
  };

  const emit = async (whole: string) => {
    if (!sink.wants()) return;
    // a stretch ends where a newline was cut off: a CR left before it is part of a CRLF terminator
    const part = whole.endsWith('\r') ? whole.slice(0, -1) : whole;
    delimiter ??= detectDelimiter(part);
    if (part.indexOf('"') === -1) scanPlain(part, delimiter, fields, take);
    else {
      const r = Papa.parse<string[]>(part, { skipEmptyLines: true, delimiter });
      const bad = r.errors.find((e) => e.type === 'Quotes');
      if (bad) throw new ImportError(name, nextRow - 1 + (bad.row ?? 0) + (headerSeen ? 1 : 0), undefined, `malformed CSV: ${bad.message}`);
      for (const rec of r.data) take(rec, rec.length);
    }
    await sink.flush();
  };

  // Work in bytes up to the cut: a newline byte never occurs inside a multi-byte UTF-8 sequence, so
  // each stretch decodes on its own, and one memchr finds whether it needs the quote-aware path.
  let carry: Buffer = Buffer.alloc(0);
  let toUtf8: ((chunk: Uint8Array, last: boolean) => Buffer) | undefined;
  let first = true;
  for await (const raw of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    hash.update(raw);
    bytes += raw.length;
    let chunk = raw;
    if (first) {
      first = false;
      const { encoding, bom } = sniffEncoding(raw);
      if (encoding !== 'utf-8') toUtf8 = utf16ToUtf8(name, encoding);
      chunk = raw.subarray(bom);
    }
    if (toUtf8) chunk = toUtf8(chunk, false);
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = lastRecordEnd(buf);
    if (cut < 0) {
      if (buf.length > MAX_RECORD) {
        throw new ImportError(name, headerSeen ? nextRow : undefined, undefined, `a record runs on for more than ${MAX_RECORD >> 20} MB without ending: a quote left open?`);
      }
      carry = Buffer.from(buf);
    } else {
      carry = Buffer.from(buf.subarray(cut + 1));
      await emit(decode(buf, cut));
    }
    sink.progress(bytes);
  }
  if (toUtf8) carry = Buffer.concat([carry, toUtf8(new Uint8Array(0), true)]);
  if (carry.length > 0) await emit(decode(carry, carry.length));
  if (!headerSeen) throw new ImportError(name, undefined, undefined, 'the file is empty (no header row)');
  return hash.digest('hex');
}

/** Records of a quote-free stretch, each handed over in the one reused `fields` array. */
function scanPlain(text: string, delimiter: string, fields: string[], take: (f: readonly string[], count: number) => void): void {
  const len = text.length;
  let start = 0;
  // the next comma at or after the current field; kept across lines, so lines with few or no commas
  // do not rescan the same stretch
  let comma = -1;
  while (start < len) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = len;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (lineEnd > start) {
      let n = 0;
      let p = start;
      for (;;) {
        if (comma < p) {
          comma = text.indexOf(delimiter, p);
          if (comma === -1) comma = len;
        }
        if (comma >= lineEnd) {
          fields[n++] = text.slice(p, lineEnd);
          break;
        }
        fields[n++] = text.slice(p, comma);
        p = comma + 1;
      }
      take(fields, n);
    }
    start = end + 1;
  }
}

/** Index of the last newline byte outside double quotes, -1 if none. `buf` starts at a record boundary. */
function lastRecordEnd(buf: Buffer): number {
  if (buf.indexOf(34) === -1) return buf.lastIndexOf(10);
  let inQuotes = false;
  let last = -1;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) last = i;
  }
  return last;
}
