import type { Batch } from './row-stage.js';

/*
 * Batches cross from the parsing worker to the writing thread in a compact form. Columns with few
 * distinct values (operator, segment, function, supplier, dates…) travel as integer codes into a
 * dictionary that both sides grow in step, so the writing thread reuses one string object per
 * distinct value instead of receiving millions of copies; numbers travel in a Float64Array; the rest
 * (ids, free text) as plain strings. The typed arrays are transferred, not copied.
 */

const NULL = -1;
const NUMBER = -2;
const RAW = -3;
/** A column whose dictionary passes this size stops being dictionary-coded. */
const MAX_DICTIONARY = 4096;

export interface EncodedBatch {
  n: number;
  width: number;
  codes: Int32Array;
  numbers: Float64Array;
  raw: string[];
  newEntries: string[];
  rows: Int32Array;
  errors: Batch['errors'];
}

export class BatchEncoder {
  private readonly dictionaries: (Map<string, number> | undefined)[];
  private nextCode = 0;

  constructor(
    private readonly width: number,
    rawColumns: number[],
  ) {
    this.dictionaries = Array.from({ length: width }, (_, c) => (rawColumns.includes(c) ? undefined : new Map()));
  }

  encode(batch: Batch): EncodedBatch {
    const { values } = batch;
    const n = values.length;
    const w = this.width;
    const codes = new Int32Array(n * w);
    const numbers = new Float64Array(n * w);
    const raw: string[] = [];
    const newEntries: string[] = [];
    for (let i = 0; i < n; i++) {
      const row = values[i]!;
      for (let c = 0; c < w; c++) {
        const v = row[c];
        const k = i * w + c;
        if (v === null || v === undefined) codes[k] = NULL;
        else if (typeof v === 'number') {
          codes[k] = NUMBER;
          numbers[k] = v;
        } else {
          const s = v as string;
          const dict = this.dictionaries[c];
          if (!dict) {
            codes[k] = RAW;
            raw.push(s);
            continue;
          }
          let code = dict.get(s);
          if (code === undefined) {
            if (dict.size >= MAX_DICTIONARY) {
              this.dictionaries[c] = undefined;
              codes[k] = RAW;
              raw.push(s);
              continue;
            }
            code = this.nextCode++;
            dict.set(s, code);
            newEntries.push(s);
          }
          codes[k] = code;
        }
      }
    }
    return { n, width: w, codes, numbers, raw, newEntries, rows: Int32Array.from(batch.rows), errors: batch.errors };
  }
}

export class BatchDecoder {
  private readonly dictionary: string[] = [];

  decode(e: EncodedBatch): Batch {
    for (const s of e.newEntries) this.dictionary.push(s);
    const { n, width: w, codes, numbers, raw } = e;
    const dict = this.dictionary;
    const values = new Array<unknown[]>(n);
    let r = 0;
    for (let i = 0; i < n; i++) {
      const row = new Array<unknown>(w);
      for (let c = 0; c < w; c++) {
        const k = i * w + c;
        const code = codes[k]!;
        row[c] = code >= 0 ? dict[code] : code === NULL ? null : code === NUMBER ? numbers[k] : raw[r++];
      }
      values[i] = row;
    }
    return { values, rows: Array.from(e.rows), errors: e.errors };
  }
}
