import { BatchBuilder, type EncodedBatch } from './batch-codec.js';
import { MAX_ERRORS } from './errors.js';
import type { KindSpec } from './kinds.js';
import { RowValidator, type References, type RowError } from './validate.js';

/**
 * No column of these tables holds more than a paragraph; a field past this is a file gone wrong (a quote
 * left open, a column of pasted documents) and is refused before it is checked or stored.
 */
export const MAX_FIELD = 65_536;

/** A problem found before any row is written; `row` is absent for the file as a whole (e.g. its header). */
export interface ErrorData {
  row?: number;
  field?: string;
  reason: string;
}

/**
 * Validation of records, separate from writing so that it can run on a worker thread while the main
 * thread writes. Records come as CSV fields (after a header) or as objects; checked rows go straight
 * into a flat batch (batch-codec.ts). The stage stops taking records once MAX_ERRORS errors are found.
 */
export class RowStage {
  private readonly validator: RowValidator;
  private readonly names: string[];
  private readonly colIndex: Map<string, number>;
  private readonly raw: unknown[];
  private pos: Int32Array | undefined;
  private width = 0;
  private readonly out: BatchBuilder;
  private readonly rowErrors: RowError[] = [];
  private errorCount = 0;

  constructor(
    private readonly spec: KindSpec,
    refs: References,
  ) {
    this.validator = new RowValidator(spec, refs);
    this.names = spec.columns.map((c) => c.name);
    this.colIndex = new Map(this.names.map((n, i) => [n, i]));
    this.raw = new Array<unknown>(this.names.length);
    this.out = new BatchBuilder(this.names.length, [this.names.indexOf(spec.key)]);
  }

  /** Enough errors, or a header so wrong that its rows cannot be read. */
  get stopped(): boolean {
    return this.errorCount >= MAX_ERRORS || this.headerFailed;
  }
  private headerFailed = false;
  private readonly unknownSeen = new Set<string>();

  private error(e: ErrorData): void {
    this.out.error(e);
    this.errorCount++;
  }

  /** Checks a CSV header: unknown, repeated and missing required columns are errors naming them. */
  header(names: string[]): void {
    const pos = new Int32Array(this.names.length).fill(-1);
    const unknown: string[] = [];
    names.forEach((n, i) => {
      const c = this.colIndex.get(n);
      if (c === undefined) unknown.push(n === '' ? '(empty)' : n);
      else if (pos[c] !== -1) this.error({ field: n, reason: 'column appears twice' });
      else pos[c] = i;
    });
    if (unknown.length > 0) this.error(this.unknownColumns(unknown));
    this.spec.columns.forEach((c, i) => {
      if (c.required && pos[i] === -1) this.error({ field: c.name, reason: 'required column is missing' });
    });
    this.pos = pos;
    this.width = names.length;
    this.headerFailed = this.errorCount > 0;
  }

  private unknownColumns(names: string[], row?: number): ErrorData {
    return {
      ...(row !== undefined ? { row } : {}),
      reason:
        `unknown column${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}; ` +
        `${this.spec.kind} columns are ${this.names.join(', ')}`,
    };
  }

  /** One CSV record after the header: `fields[0..count)`; `row` is its 1-based number. */
  csvRecord(fields: readonly string[], count: number, row: number): void {
    if (this.stopped) return;
    if (count !== this.width) {
      this.error({ row, reason: `has ${count} fields, the header has ${this.width}` });
      return;
    }
    const pos = this.pos!;
    const raw = this.raw;
    for (let c = 0; c < pos.length; c++) {
      const p = pos[c]!;
      raw[c] = p >= 0 ? fields[p] : undefined;
    }
    this.check(row);
  }

  /** One record given as an object keyed by column name. */
  object(obj: unknown, row: number): void {
    if (this.stopped) return;
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      this.error({ row, reason: 'must be an object with the columns as keys' });
      return;
    }
    const o = obj as Record<string, unknown>;
    let unknown: string[] | undefined;
    for (const k in o) if (!this.colIndex.has(k)) (unknown ??= []).push(k);
    if (unknown) {
      // each unknown key is reported once, at the first record that has it (the import fails then
      // anyway); the record is not read
      const fresh = unknown.filter((k) => !this.unknownSeen.has(k));
      for (const k of fresh) this.unknownSeen.add(k);
      if (fresh.length > 0) this.error(this.unknownColumns(fresh, row));
      return;
    }
    for (let c = 0; c < this.names.length; c++) this.raw[c] = o[this.names[c]!];
    this.check(row);
  }

  private check(row: number): void {
    const raw = this.raw;
    for (let c = 0; c < raw.length; c++) {
      const v = raw[c];
      if (typeof v === 'string' && v.length > MAX_FIELD) {
        this.error({ row, field: this.names[c]!, reason: `is ${v.length.toLocaleString('en')} characters long; a field may hold at most ${MAX_FIELD.toLocaleString('en')}` });
        return;
      }
    }
    const errors = this.rowErrors;
    const values = this.validator.validate(this.raw, row, errors);
    if (errors.length > 0) {
      for (const e of errors) this.error(e);
      errors.length = 0;
    }
    if (values) this.out.add(values, row);
  }

  /** The rows and errors gathered since the last call. */
  take(): EncodedBatch {
    return this.out.take();
  }
}
