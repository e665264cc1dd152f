import { UserError } from '../../domain/index.js';
import { assetOwnerLookup, decommissionAssets, decommissionDate, inventoryRows, operatorExists } from '../../store/asset-history.js';
import type { Store } from '../../store/index.js';
import type { KindSpec } from './kinds.js';
import type { ErrorData } from './row-stage.js';
import type { BatchInspector } from './table-load.js';

/** A replacement import of one operator's inventory: what the file does not hold left service on `asOf`. */
export interface ReplaceOptions {
  operatorId: string;
  /** the day the assets missing from the file left service (YYYY-MM-DD, not after today) */
  asOf: string;
  /** check and count everything, write nothing */
  dryRun?: boolean;
}

/** What a replacement changed (or, in a dry run, would change), with the ids. */
export interface Replacement {
  operatorId: string;
  asOf: string;
  dryRun: boolean;
  added: string[];
  updated: string[];
  unchanged: number;
  decommissioned: string[];
}

/**
 * The inspecting half of a replacement import, over the operator's inventory as it was before the
 * file: every row must be one of this operator's assets (a row of another operator, or an id in
 * service with another operator, is refused, naming the row); rows are sorted into added, updated and
 * unchanged against the stored ones; an added asset without an in_service date is taken as in service
 * from `asOf`, so an assessment dated earlier does not count it beside the assets it replaced (a kept
 * asset without one keeps the stored date, so the same replacement run again changes nothing). At the
 * end (inside the import's transaction) `decommission` moves what the file did not hold out of service.
 */
export class ReplaceTracker {
  readonly asOf: string;
  private readonly before = new Map<string, unknown[]>();
  private readonly seen = new Set<string>();
  private readonly added: string[] = [];
  private readonly updated: string[] = [];
  private unchanged = 0;
  private readonly ownerOf: (id: string) => string | undefined;

  constructor(
    store: Store,
    private readonly spec: KindSpec,
    private readonly options: ReplaceOptions,
  ) {
    if (spec.kind !== 'assets') throw new UserError('only an asset import can replace an inventory');
    this.asOf = decommissionDate(options.asOf, 'the --as-of date');
    if (!operatorExists(store, options.operatorId))
      throw new UserError(`unknown operator "${options.operatorId}": a replacement names an operator already imported`);
    const key = this.col('asset_id');
    for (const r of inventoryRows(store, options.operatorId, spec.columns.map((c) => c.name))) this.before.set(r[key] as string, r);
    this.ownerOf = assetOwnerLookup(store);
  }

  private col(name: string): number {
    return this.spec.columns.findIndex((c) => c.name === name);
  }

  readonly inspect: BatchInspector = (values, n, rows) => {
    const width = this.spec.columns.length;
    const [key, op, from] = [this.col('asset_id'), this.col('operator_id'), this.col('in_service')];
    const errors: ErrorData[] = [];
    for (let r = 0; r < n; r++) {
      const o = r * width;
      const id = values[o + key] as string;
      if (values[o + op] !== this.options.operatorId) {
        errors.push({ row: rows[r], field: 'operator_id', reason: `a replacement of ${this.options.operatorId}'s inventory holds only its assets` });
        continue;
      }
      if (this.seen.has(id)) continue; // the writer names the repeated id
      this.seen.add(id);
      const old = this.before.get(id);
      if (old) {
        // an in_service date given once (by an earlier replacement too) stays when the file gives none
        if (values[o + from] == null) values[o + from] = old[from];
        let same = true;
        for (let c = 0; c < width && same; c++) same = old[c] === values[o + c] || (old[c] == null && values[o + c] == null);
        if (same) this.unchanged++;
        else this.updated.push(id);
      } else if (this.ownerOf(id) !== undefined) {
        // the same words whether the id is another operator's or not: a scoped caller learns nothing
        errors.push({ row: rows[r], field: 'asset_id', reason: `is in service in another inventory` });
      } else {
        if (values[o + from] == null) values[o + from] = this.asOf;
        this.added.push(id);
      }
    }
    return errors;
  };

  /** Moves the operator's assets the file did not hold out of service; runs inside the import's transaction. */
  decommission(store: Store, file: string): Replacement {
    const gone = [...this.before.keys()].filter((id) => !this.seen.has(id)).sort();
    decommissionAssets(store, gone, this.asOf, `replace ${file}`);
    return {
      operatorId: this.options.operatorId,
      asOf: this.asOf,
      dryRun: this.options.dryRun === true,
      added: [...this.added].sort(),
      updated: [...this.updated].sort(),
      unchanged: this.unchanged,
      decommissioned: gone,
    };
  }
}
