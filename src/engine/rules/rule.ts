import type { Finding } from '../../domain/index.js';
import type { ConcentrationCubes } from '../concentration.js';
import type { EngineContext } from '../context.js';
import type { EffectivePolicy } from '../../catalog/index.js';

/** What a rule may read: the run's context and the metrics already computed from it. */
export interface RuleInput {
  ctx: EngineContext;
  concentration: ConcentrationCubes;
  /** quantity by operator × segment × criticality × designated; layout in exposure.ts (SLOTS) */
  criticality: Float64Array;
  /** working memory for Grouper, one asset-sized pair per run, shared by the rules in turn */
  scratch: GrouperScratch;
}

export interface GrouperScratch {
  asset: Int32Array;
  group: Int32Array;
}

/** Scratch for one run: as many match slots as assets, which every rule but SM03 stays within. */
export function grouperScratch(assets: number): GrouperScratch {
  return { asset: new Int32Array(Math.max(1024, assets)), group: new Int32Array(Math.max(1024, assets)) };
}

export type Rule = (input: RuleInput) => Finding[];

/** Affected assets of one finding. */
export interface AssetGroup {
  /** the grouping key the rule chose; rules decode it back into operator, segment … */
  key: number;
  quantity: number;
  assetIds: string[];
}

/** Up to 4 Mi keys (16 MB) the flat index is cheaper than a Map. */
const DENSE_LIMIT = 1 << 22;

const grow = <T extends Int32Array | Float64Array>(a: T, size: number): T => {
  if (size <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  b.set(a);
  return b;
};

/**
 * Groups matching assets by a numeric key in one pass. During the pass only typed arrays are written
 * (asset index and group number per match, quantity per group): no per-asset object, no growing array of
 * strings, no boxed numbers, which at Union scale cost far more than the pass itself. `finish` then
 * builds each group's id array at its exact size. Keys below `denseKeys` are looked up in a flat
 * Int32Array (one read); larger keys go through a Map, with the last key remembered since assets
 * usually arrive clustered by operator.
 */
export class Grouper {
  private readonly index = new Map<number, number>();
  private readonly dense: Int32Array;
  private readonly keys: number[] = [];
  private counts = new Int32Array(64);
  /** quantity per group; read it after `add`, which may reallocate it */
  quantity = new Float64Array(64);
  private matchAsset: Int32Array;
  private matchGroup: Int32Array;
  private matches = 0;
  private lastKey = -1;
  private last = -1;

  /**
   * `denseKeys`: size of the key range served by the flat index (kept to a few million entries).
   * `scratch`: reused match buffers (see grouperScratch); a grouper outgrowing them copies to its own.
   * Only one grouper may use a scratch at a time: finish it before the next starts.
   */
  constructor(denseKeys: number, scratch: GrouperScratch) {
    this.dense = new Int32Array(denseKeys <= DENSE_LIMIT ? denseKeys : 0).fill(-1);
    this.matchAsset = scratch.asset;
    this.matchGroup = scratch.group;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Records asset `i` under `key`; returns the group number (0, 1, … in order of first appearance). */
  add(key: number, i: number): number {
    let g: number;
    if (key < this.dense.length) {
      g = this.dense[key];
      if (g < 0) {
        g = this.newGroup(key);
        this.dense[key] = g;
      }
    } else if (key === this.lastKey) {
      g = this.last;
    } else {
      const found = this.index.get(key);
      if (found === undefined) {
        g = this.newGroup(key);
        this.index.set(key, g);
      } else g = found;
      this.lastKey = key;
      this.last = g;
    }
    if (this.matches === this.matchAsset.length) {
      this.matchAsset = grow(this.matchAsset, this.matches + 1);
      this.matchGroup = grow(this.matchGroup, this.matches + 1);
    }
    this.matchAsset[this.matches] = i;
    this.matchGroup[this.matches++] = g;
    this.counts[g]++;
    return g;
  }

  private newGroup(key: number): number {
    const g = this.keys.push(key) - 1;
    this.counts = grow(this.counts, g + 1);
    this.quantity = grow(this.quantity, g + 1);
    return g;
  }

  /** The groups in order of first appearance, each with its asset ids in asset order. */
  finish(assetIds: readonly string[]): AssetGroup[] {
    const groups: AssetGroup[] = this.keys.map((key, g) => ({ key, quantity: this.quantity[g], assetIds: new Array<string>(this.counts[g]) }));
    const filled = new Int32Array(groups.length);
    for (let k = 0; k < this.matches; k++) {
      const g = this.matchGroup[k];
      groups[g].assetIds[filled[g]++] = assetIds[this.matchAsset[k]];
    }
    return groups;
  }
}

/** The assets (ids and quantity) of the top supplier of each flagged scope × segment cell, by cell. */
export function topSupplierAssets(
  input: RuleInput,
  /** per operator: the scope index its assets fall in */
  scopeOfOperator: Int32Array,
  /** per scope × segment cell: the flagged top supplier, or -1 */
  topOfCell: Int32Array,
): Map<number, AssetGroup> {
  const { snapshot, operatorInScope } = input.ctx;
  const nSeg = snapshot.segments.length;
  const { count, operator, segment, supplier, quantity, ids } = snapshot.assets;
  const grouper = new Grouper(topOfCell.length, input.scratch);
  for (let i = 0; i < count; i++) {
    const o = operator[i];
    if (!operatorInScope[o]) continue;
    const cell = scopeOfOperator[o] * nSeg + segment[i];
    if (topOfCell[cell] === supplier[i]) grouper.quantity[grouper.add(cell, i)] += quantity[i];
  }
  return new Map(grouper.finish(ids).map((g) => [g.key, g]));
}

/**
 * How a finding names the threshold it applied: "the national threshold" only where the member state's
 * own policy states it; else the project's default, which no EU text sets.
 */
export function thresholdName(policy: EffectivePolicy, field: 'operatorTopSupplierShare' | 'nationalHhi', memberState: string): string {
  return policy.nationalThresholds?.includes(field)
    ? `${memberState}'s national threshold (policy ${policy.version})`
    : 'the secure5g default threshold (not an EU rule)';
}
