import { detached } from './fields.js';
import type { ErrorData } from './row-stage.js';

/*
 * Checked rows travel, from validation to writing, as one flat row-major batch (also across threads:
 * the parsing worker posts them to the writing thread). Columns with few distinct values (operator,
 * segment, function, supplier, dates…) travel as integer codes into a dictionary that both sides grow
 * in step, so the writing thread reuses one string object per distinct value instead of receiving
 * millions of copies; numbers travel in a Float64Array; the rest (ids, free text) as plain strings.
 * No array per row is made on either side: the builder appends into typed arrays (transferred, not
 * copied, to the other thread) and the decoder fills one reused flat array.
 */

const NULL = -1;
const NUMBER = -2;
const RAW = -3;
/** A column whose dictionary passes this size stops being dictionary-coded. */
const MAX_DICTIONARY = 4096;

export interface EncodedBatch {
  /** rows */
  n: number;
  width: number;
  /** n × width cells, row-major: a dictionary code, or NULL / NUMBER / RAW */
  codes: Int32Array;
  /** the NUMBER cells' values, in cell order */
  numbers: Float64Array;
  /** the RAW cells' values, in cell order */
  raw: string[];
  /** dictionary entries first used in this batch, in code order */
  newEntries: string[];
  /** each row's 1-based number in the source */
  rows: Int32Array;
  errors: ErrorData[];
}

export class BatchBuilder {
  private readonly dictionaries: (Map<string, number> | undefined)[];
  private nextCode = 0;
  private cap: number;
  private n = 0;
  private codes: Int32Array;
  private numbers: Float64Array;
  private nNumbers = 0;
  private rows: Int32Array;
  private raw: string[] = [];
  private newEntries: string[] = [];
  private errors: ErrorData[] = [];

  constructor(
    private readonly width: number,
    rawColumns: readonly number[],
    rows = 4096,
  ) {
    this.dictionaries = Array.from({ length: width }, (_, c) => (rawColumns.includes(c) ? undefined : new Map()));
    this.cap = rows;
    this.codes = new Int32Array(rows * width);
    this.numbers = new Float64Array(rows);
    this.rows = new Int32Array(rows);
  }

  error(e: ErrorData): void {
    this.errors.push(e);
  }

  /** Appends one row of SQL values (null, number or string per column). */
  add(values: readonly unknown[], row: number): void {
    const w = this.width;
    if (this.n === this.cap) this.grow();
    const codes = this.codes;
    const base = this.n * w;
    for (let c = 0; c < w; c++) {
      const v = values[c];
      if (v === null || v === undefined) codes[base + c] = NULL;
      else if (typeof v === 'number') {
        codes[base + c] = NUMBER;
        if (this.nNumbers === this.numbers.length) this.numbers = grown(this.numbers, this.numbers.length * 2);
        this.numbers[this.nNumbers++] = v;
      } else {
        const s = v as string;
        const dict = this.dictionaries[c];
        let code = dict?.get(s);
        if (code === undefined) {
          if (!dict || dict.size >= MAX_DICTIONARY) {
            this.dictionaries[c] = undefined;
            codes[base + c] = RAW;
            this.raw.push(s);
            continue;
          }
          const kept = detached(s);
          code = this.nextCode++;
          dict.set(kept, code);
          this.newEntries.push(kept);
        }
        codes[base + c] = code;
      }
    }
    this.rows[this.n++] = row;
  }

  private grow(): void {
    this.cap *= 2;
    this.codes = grown(this.codes, this.cap * this.width);
    this.rows = grown(this.rows, this.cap);
  }

  /** The rows and errors added since the last call; its typed arrays are the batch's own (transferable). */
  take(): EncodedBatch {
    const b: EncodedBatch = {
      n: this.n,
      width: this.width,
      codes: this.codes,
      numbers: this.numbers,
      raw: this.raw,
      newEntries: this.newEntries,
      rows: this.rows,
      errors: this.errors,
    };
    this.n = 0;
    this.nNumbers = 0;
    this.codes = new Int32Array(this.cap * this.width);
    this.numbers = new Float64Array(this.numbers.length);
    this.rows = new Int32Array(this.cap);
    this.raw = [];
    this.newEntries = [];
    this.errors = [];
    return b;
  }
}

function grown<T extends Int32Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

export class BatchDecoder {
  private readonly dictionary: string[] = [];

  /** Writes the batch's n × width values, row-major, into `out` (from index 0). */
  decodeInto(e: EncodedBatch, out: unknown[]): void {
    for (const s of e.newEntries) this.dictionary.push(s);
    const { codes, numbers, raw } = e;
    const dict = this.dictionary;
    const total = e.n * e.width;
    let r = 0;
    let m = 0;
    for (let k = 0; k < total; k++) {
      const code = codes[k]!;
      out[k] = code >= 0 ? dict[code] : code === NULL ? null : code === NUMBER ? numbers[m++] : raw[r++];
    }
  }
}
