import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { ImportError } from '../../domain/index.js';

export interface CsvSink {
  /** the header row, as written */
  header(names: string[]): void;
  /** data rows in file order; `firstRow` is the 1-based number of rows[0] */
  rows(rows: string[][], firstRow: number): void;
  progress(bytesDone: number): void;
}

const CHUNK = 4 << 20;

/**
 * Streams a CSV file into `sink`, returning the SHA-256 of its bytes. Stretches without a double quote
 * (nearly all of a machine-written inventory) are split directly on newlines and commas; any stretch
 * that holds a quote goes to papaparse, so quoted fields, escaped quotes and newlines inside quotes
 * work as RFC 4180 says. Each stretch ends at a newline outside quotes, so no record is cut in two.
 * Blank lines are skipped and do not count as rows.
 */
export async function readCsv(file: string, name: string, sink: CsvSink): Promise<string> {
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let bytes = 0;
  let nextRow = 1;
  let headerSeen = false;

  const emit = (whole: string) => {
    // a stretch ends where a newline was cut off: a CR left before it is part of a CRLF terminator
    const part = whole.endsWith('\r') ? whole.slice(0, -1) : whole;
    let rows: string[][];
    if (part.indexOf('"') === -1) {
      const lines = part.split('\n');
      rows = [];
      for (let line of lines) {
        if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
        if (line.length > 0) rows.push(line.split(','));
      }
    } else {
      const r = Papa.parse<string[]>(part, { skipEmptyLines: true });
      const bad = r.errors.find((e) => e.type === 'Quotes');
      if (bad) throw new ImportError(name, nextRow - 1 + (bad.row ?? 0) + (headerSeen ? 1 : 0), undefined, `malformed CSV: ${bad.message}`);
      rows = r.data;
    }
    if (!headerSeen && rows.length > 0) {
      headerSeen = true;
      sink.header(rows.shift()!.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim()));
    }
    if (rows.length > 0) {
      sink.rows(rows, nextRow);
      nextRow += rows.length;
    }
  };

  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    const text = carry + decoder.write(chunk);
    const cut = lastRecordEnd(text);
    if (cut < 0) {
      carry = text;
    } else {
      carry = text.slice(cut + 1);
      emit(text.slice(0, cut));
    }
    sink.progress(bytes);
  }
  const rest = carry + decoder.end();
  if (rest.length > 0) emit(rest);
  if (!headerSeen) throw new ImportError(name, undefined, undefined, 'the file is empty (no header row)');
  return hash.digest('hex');
}

/** Index of the last newline outside double quotes, -1 if none. `text` starts at a record boundary. */
function lastRecordEnd(text: string): number {
  if (text.indexOf('"') === -1) return text.lastIndexOf('\n');
  let inQuotes = false;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) last = i;
  }
  return last;
}
