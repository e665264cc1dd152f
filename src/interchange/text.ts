import { isUtf8 } from 'node:buffer';
import { ImportError } from '../domain/index.js';

/*
 * Text files as people have them. Spreadsheet programs save CSV as UTF-8 (with or without a byte-order
 * mark), as UTF-16 ("Unicode text": little-endian with a BOM, tab-separated) or in the machine's 8-bit
 * code page (Latin-1 / Windows-1252 in much of the EU), and with `;` between fields where the decimal
 * separator is a comma. The first three are read; 8-bit text is refused, naming where the first byte
 * that is not UTF-8 sits, since guessing the code page would store wrong letters in silence.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding a byte-order mark announces (UTF-8 without one), and the mark's length. */
export function sniffEncoding(head: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
}

/** Where a text's rows are counted from: CSV files have a header line (row 0), JSON documents only lines. */
export type RowCounting = 'csv' | 'lines';

/**
 * The text of a whole file: UTF-8 (a BOM dropped), or UTF-16 with a BOM. Anything else is an
 * ImportError naming the file, the row (or line) and the encoding the bytes look like.
 */
export function decodeText(name: string, bytes: Uint8Array, counting: RowCounting = 'csv'): string {
  const { encoding, bom } = sniffEncoding(bytes);
  const body = bytes.subarray(bom);
  if (encoding !== 'utf-8') return utf16(name, body, encoding);
  if (!isUtf8(body) || body.includes(0)) throw notUtf8(name, body, counting === 'csv' ? 0 : undefined);
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

function utf16(name: string, body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new ImportError(name, undefined, undefined, `is not valid ${encoding.toUpperCase()} although it starts with that byte-order mark (a cut-off file?)`);
  }
}

/**
 * A streaming UTF-16 → UTF-8 converter for the fast CSV path: the bytes after the BOM go in, in chunks
 * cut anywhere; UTF-8 bytes come out. A broken sequence is an ImportError.
 */
export function utf16ToUtf8(name: string, encoding: 'utf-16le' | 'utf-16be'): (chunk: Uint8Array, last: boolean) => Buffer {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  return (chunk, last) => {
    try {
      return Buffer.from(decoder.decode(chunk, { stream: !last }), 'utf8');
    } catch {
      throw new ImportError(name, undefined, undefined, `is not valid ${encoding.toUpperCase()} although it starts with that byte-order mark (a cut-off file?)`);
    }
  };
}

/**
 * The refusal of bytes that are not UTF-8: `firstRow` is the row number of the text's first line (0 for
 * a CSV header line; undefined to count lines instead, as for JSON).
 */
export function notUtf8(name: string, bytes: Uint8Array, firstRow: number | undefined): ImportError {
  const at = firstInvalidUtf8(bytes);
  let lines = 0;
  for (let i = 0; i < at; i++) if (bytes[i] === 10) lines++;
  const byte = `byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}`;
  const found = bytes.includes(0)
    ? 'UTF-16 without a byte-order mark'
    : `an 8-bit code page such as Latin-1 / Windows-1252 (where ${byte} is "${String.fromCharCode(bytes[at]!)}")`;
  const what = bytes[at] === 0 ? `${byte} (NUL) is no text` : `${byte} cannot start or continue a UTF-8 character`;
  const reason = `is not UTF-8: ${what}; the text looks like ${found}. Save it as "CSV UTF-8" or as UTF-16 with a byte-order mark`;
  if (firstRow === undefined) return new ImportError(name, undefined, undefined, `line ${lines + 1} ${reason}`);
  const row = firstRow + lines;
  return row === 0 ? new ImportError(name, undefined, 'header', reason) : new ImportError(name, row, undefined, reason);
}

/**
 * Index of the first byte that is not part of a well-formed UTF-8 sequence, or a NUL (which UTF-8 text
 * allows but no text file holds: it is the other half of a UTF-16 character); bytes.length if none.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c === 0) return i;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    // bounds of the second byte exclude overlong forms and surrogates (RFC 3629)
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    const c1 = b[i + 1]!;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

/**
 * The field separator of a CSV file, from its header line: the most frequent of `,`, `;` and tab
 * outside quotes (`,` when none occurs: a one-column file). Excel writes `;` where the decimal separator
 * is a comma, and a tab in "Unicode text".
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  let comma = 0;
  let semi = 0;
  let tab = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 10) break;
    else if (c === 44) comma++;
    else if (c === 59) semi++;
    else if (c === 9) tab++;
  }
  if (tab > comma && tab > semi) return '\t';
  return semi > comma ? ';' : ',';
}
