import { setImmediate as turnEventLoop } from 'node:timers/promises';
import { ImportError, spellingClash } from '../../domain/index.js';
import { beginBulkLoad, bulkWriter, type BulkTransaction, type BulkWriter, type DuplicateKey, type Store } from '../../store/index.js';
import { ImportErrors, MAX_ERRORS } from './errors.js';
import type { KindSpec } from './kinds.js';
import { BatchDecoder, type EncodedBatch } from './batch-codec.js';
import type { ErrorData } from './row-stage.js';

/** A batch is written in slices of SLICE_ROWS rows, the event loop turning once a run of slices has taken SLICE_MS. */
const SLICE_ROWS = 256;
const SLICE_MS = 10;

export interface LoadCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Looks at each checked batch before it is written (row-major values in the spec's column order, and
 * each row's 1-based number), may change values in place, and returns the rows it refuses. A
 * replacement import (replace.ts) is one.
 */
export type BatchInspector = (values: unknown[], n: number, rows: ArrayLike<number>) => ErrorData[];

export interface TableLoadOptions {
  inspect?: BatchInspector;
  /** check and write everything, run beforeCommit, then roll back: nothing stays written */
  dryRun?: boolean;
}

/**
 * The writing side of one table import, as one transaction: checked rows are written as they arrive
 * (a repeated id is caught by the store), errors are gathered up to MAX_ERRORS, and at the end either
 * every row is committed or none is.
 */
export class TableLoad {
  private readonly tx: BulkTransaction;
  private readonly writer: BulkWriter;
  private readonly errors: ErrorData[] = [];
  private written = 0;
  /** each written batch's row numbers, in order: the rows written, by position (for spellingClashes) */
  private readonly batchRows: { start: number; rows: Int32Array; n: number }[] = [];
  private readonly decoder = new BatchDecoder();
  /** one batch's values, row-major, reused from batch to batch */
  private readonly flat: unknown[] = [];
  /** when the event loop last turned: the time since counts what the caller did between batches too */
  private sliceStart = performance.now();

  constructor(
    store: Store,
    private readonly spec: KindSpec,
    private readonly file: string,
    private readonly options: TableLoadOptions = {},
  ) {
    this.tx = beginBulkLoad(store);
    try {
      this.writer = bulkWriter(store, spec.table, spec.columns.map((c) => c.name), spec.key);
    } catch (err) {
      this.tx.rollback();
      throw err;
    }
  }

  get stopped(): boolean {
    return this.errors.length >= MAX_ERRORS;
  }

  /**
   * Writes a batch of checked rows; batches must come in the order their builder made them, each once
   * the one before has been written. The rows go in slices of about SLICE_MS, the event loop turning
   * between slices: a server answers its other requests while a batch of tens of thousands of rows is
   * written (an upsert costs ~8 µs a row, so a 4 MB stretch of a file held the loop for 0.4 s).
   */
  async apply(batch: EncodedBatch): Promise<void> {
    for (const e of batch.errors) this.errors.push(e);
    if (batch.n === 0) return;
    this.decoder.decodeInto(batch, this.flat);
    if (this.options.inspect) for (const e of this.options.inspect(this.flat, batch.n, batch.rows)) this.errors.push(e);
    const dups: DuplicateKey[] = [];
    for (let from = 0; from < batch.n; from += SLICE_ROWS) {
      if (performance.now() - this.sliceStart >= SLICE_MS) {
        await turnEventLoop();
        this.sliceStart = performance.now();
      }
      for (const d of this.writer.write(this.flat, from, Math.min(batch.n, from + SLICE_ROWS))) dups.push(d);
    }
    // with a duplicate the load fails anyway, so positions need only hold for loads without one
    this.batchRows.push({ start: this.written, rows: batch.rows, n: batch.n });
    this.written += batch.n - dups.length;
    for (const d of dups) {
      this.errors.push({ row: batch.rows[d.index]!, field: this.spec.key, reason: `duplicate id "${String(d.key)}": it appears earlier in this file` });
    }
  }

  /** Commits (running `beforeCommit` inside the transaction), or rolls back and throws every error; a dry run rolls back either way. */
  finish(beforeCommit: (counts: LoadCounts) => void): LoadCounts {
    try {
      if (this.errors.length > 0) {
        // errors arrive in row order per source; duplicates are found later than field errors of later rows
        const sorted = [...this.errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
        throw new ImportErrors(
          this.file,
          sorted.slice(0, MAX_ERRORS).map((e) => new ImportError(this.file, e.row, e.field, e.reason)),
          sorted.length >= MAX_ERRORS,
        );
      }
      this.writer.finish();
      this.refuseSecondSpellings();
      const { inserted, updated } = this.writer.counts();
      const counts = { rows: this.written, inserted, updated, unchanged: this.written - inserted - updated };
      beforeCommit(counts);
      if (this.options.dryRun) this.tx.rollback();
      else this.tx.commit();
      return counts;
    } catch (err) {
      this.tx.rollback();
      throw err;
    }
  }

  /** The file row of the load's `ordinal`-th written row (errors being none, every row was written). */
  private rowAt(ordinal: number): number {
    let lo = 0;
    let hi = this.batchRows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.batchRows[mid]!.start <= ordinal) lo = mid;
      else hi = mid - 1;
    }
    const b = this.batchRows[lo]!;
    return b.rows[ordinal - b.start]!;
  }

  /** An id spelled differently from one recorded, or given earlier in the file, refuses the load (src/domain/id-spelling.ts). */
  private refuseSecondSpellings(): void {
    const clashes = this.writer.spellingClashes();
    if (clashes.length === 0) return;
    const errors = clashes
      .map((c) => ({
        row: this.rowAt(c.ordinal),
        reason: spellingClash(c.key, c.first, c.firstOrdinal === undefined ? 'already recorded' : `row ${this.rowAt(c.firstOrdinal)} of this file`),
      }))
      .sort((a, b) => a.row - b.row);
    throw new ImportErrors(
      this.file,
      errors.slice(0, MAX_ERRORS).map((e) => new ImportError(this.file, e.row, this.spec.key, e.reason)),
      errors.length > MAX_ERRORS,
    );
  }

  abort(): void {
    this.tx.rollback();
  }
}
