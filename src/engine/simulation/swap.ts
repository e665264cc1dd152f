import { rollUp } from '../concentration.js';
import type { Snapshot } from '../snapshot.js';
import { CLASSES, FIELDS, supplierQuantities, type SimulationCube } from './cube.js';
import type { SwapJob } from './requirements.js';
import type { Resolved } from './resolve.js';
import type { ReplacementRouting } from './types.js';

/** How far past the horizon the run continues, to find when late operators finish. */
export const MAX_EXTRA_MONTHS = 1200;

export type Level = ReplacementRouting['level'];
const LEVEL_RANK: Record<Level, number> = { named: 0, operator: 1, 'member-state': 2, union: 3, none: 4 };

interface Targets {
  level: Level;
  suppliers: number[];
  /** normalised to sum 1 */
  weights: number[];
}

/** The swap work of one operator segment: its capacity is shared by its jobs. */
export interface SwapGroup {
  operator: number;
  segment: number;
  capacity: number;
  /** sorted by deadline (dl), then cell */
  jobs: SwapJob[];
  open: number;
  /** farthest routing level that received units within the horizon */
  level: Level | null;
  monthsStalled: number;
  /** units sent to each supplier within the horizon */
  targets: Map<number, number>;
  cache: { epoch: number; targets: Targets } | null;
}

/** Flat per-operator × month series (index o * horizon + m) and what the horizon's swaps changed. */
export interface SwapOutcome {
  groups: SwapGroup[];
  toSwap: Float64Array;
  nonCompliant: Float64Array;
  swapped: Float64Array;
  spend: Float64Array;
  /** cube quantities per cell at the end of the horizon */
  after: Float64Array;
  /** per operator, within the horizon */
  dismantled: Float64Array;
  eWasteKg: Float64Array;
  annualKwhReplaced: Float64Array;
}

/**
 * Month by month on the cube. In each month an operator segment swaps up to its capacity: jobs with the
 * earliest deadline first, jobs sharing a deadline pro rata to what they have left, and only jobs whose
 * start month has come. Replacement units go to the targets of that month (see targetsFor); with no target
 * the segment stands still that month. The run goes on past the horizon (figures no longer recorded)
 * until every job is done or nothing can change any more, so that a late finish is still dated.
 */
export function runSwaps(snapshot: Snapshot, cube: SimulationCube, resolved: Resolved, jobs: SwapJob[], restricted: Uint8Array, capacity: Float64Array): SwapOutcome {
  const H = resolved.horizon;
  const nOps = cube.operators;
  const nSeg = cube.segments;
  const nSup = cube.suppliers;
  const opMs = snapshot.operators.memberState;

  const opQ = supplierQuantities(cube);
  const opCube = { scopes: nOps, segments: nSeg, suppliers: nSup, quantity: opQ };
  const msQ = rollUp(opCube, opMs, snapshot.memberStates.length).quantity;
  const unionQ = rollUp(opCube, new Int32Array(nOps), 1).quantity;

  const delivery = resolved.disruptions.filter((d) => d.delivery);
  const supplierMask = delivery.map((d) => {
    const mask = new Uint8Array(nSup);
    for (const s of d.suppliers) mask[s] = 1;
    return mask;
  });
  const changes = [...new Set(delivery.flatMap((d) => [d.firstMonth, d.endMonth]).filter(Number.isFinite))].sort((a, b) => a - b);
  const lastChange = changes.length > 0 ? changes[changes.length - 1] : 0;

  const blocked = (m: number, ms: number, s: number, sup: number) => {
    for (let k = 0; k < delivery.length; k++) {
      const d = delivery[k];
      if (m >= d.firstMonth && m < d.endMonth && d.memberStates[ms] && d.segments[s] && supplierMask[k][sup]) return true;
    }
    return false;
  };

  /**
   * Where month m's replacement units of an operator segment go: the named suppliers (strategy named),
   * else the operator's remaining suppliers in the segment in proportion to their current quantities, else
   * the member state's, else the Union's. "Remaining" excludes suppliers restricted in that member state
   * and segment and suppliers whose deliveries are disrupted in that month.
   */
  const targetsFor = (o: number, s: number, m: number): Targets => {
    const ms = opMs[o];
    const eligible = (sup: number) => !restricted[(ms * nSeg + s) * nSup + sup] && !blocked(m, ms, s, sup);
    const pick = (level: Level, weightOf: (sup: number) => number): Targets | null => {
      const suppliers: number[] = [];
      const weights: number[] = [];
      let sum = 0;
      for (let sup = 0; sup < nSup; sup++) {
        const w = weightOf(sup);
        if (w > 0 && eligible(sup)) {
          suppliers.push(sup);
          weights.push(w);
          sum += w;
        }
      }
      return sum > 0 ? { level, suppliers, weights: weights.map((w) => w / sum) } : null;
    };
    let named: Float64Array | null = null;
    if (resolved.named) {
      named = new Float64Array(nSup);
      for (const n of resolved.named) named[n.supplier] += n.share;
    }
    return (
      (named && pick('named', (sup) => named[sup])) ??
      pick('operator', (sup) => opQ[(o * nSeg + s) * nSup + sup]) ??
      pick('member-state', (sup) => msQ[(ms * nSeg + s) * nSup + sup]) ??
      pick('union', (sup) => unionQ[s * nSup + sup]) ?? { level: 'none', suppliers: [], weights: [] }
    );
  };

  const byGroup = new Map<number, SwapGroup>();
  for (const job of jobs) {
    const key = job.operator * nSeg + job.segment;
    let g = byGroup.get(key);
    if (!g) {
      g = { operator: job.operator, segment: job.segment, capacity: capacity[key], jobs: [], open: 0, level: null, monthsStalled: 0, targets: new Map(), cache: null };
      byGroup.set(key, g);
    }
    g.jobs.push(job);
    g.open++;
  }
  const groups = [...byGroup.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
  for (const g of groups) g.jobs.sort((a, b) => a.dl - b.dl || a.cell - b.cell);
  const latestStart = jobs.reduce((x, j) => Math.max(x, j.start), 0);

  const out: SwapOutcome = {
    groups,
    toSwap: new Float64Array(nOps * H),
    nonCompliant: new Float64Array(nOps * H),
    swapped: new Float64Array(nOps * H),
    spend: new Float64Array(nOps * H),
    after: new Float64Array(cube.data.length / FIELDS),
    dismantled: new Float64Array(nOps),
    eWasteKg: new Float64Array(nOps),
    annualKwhReplaced: new Float64Array(nOps),
  };
  for (let c = 0; c < out.after.length; c++) out.after[c] = cube.data[c * FIELDS];

  let open = jobs.length;
  let epoch = 0;
  for (let m = 0; m < H + MAX_EXTRA_MONTHS; m++) {
    if (m >= H && open === 0) break;
    while (epoch < changes.length && changes[epoch] <= m) epoch++;
    const inHorizon = m < H;
    let movedThisMonth = 0;

    for (const g of groups) {
      if (g.open === 0) continue;
      let waiting = 0;
      for (const j of g.jobs) if (j.remaining > 0 && j.start <= m) waiting += j.remaining;
      if (waiting === 0) continue;
      if (!g.cache || g.cache.epoch !== epoch) g.cache = { epoch, targets: targetsFor(g.operator, g.segment, m) };
      const t = g.cache.targets;
      if (t.level === 'none') {
        for (const j of g.jobs) if (j.remaining > 0 && j.start <= m) j.stalled = true;
        if (inHorizon) g.monthsStalled++;
        continue;
      }
      let cap = g.capacity;
      for (let i = 0; i < g.jobs.length && cap > 0; ) {
        let end = i;
        let sum = 0;
        while (end < g.jobs.length && g.jobs[end].dl === g.jobs[i].dl) {
          const j = g.jobs[end++];
          if (j.remaining > 0 && j.start <= m) sum += j.remaining;
        }
        if (sum > 0) {
          const alloc = Math.min(cap, sum);
          const all = alloc >= sum;
          for (let k = i; k < end; k++) {
            const j = g.jobs[k];
            if (!(j.remaining > 0 && j.start <= m)) continue;
            const x = all ? j.remaining : (alloc * j.remaining) / sum;
            j.remaining = all ? 0 : j.remaining - x;
            if (all) {
              j.finish = m;
              g.open--;
              open--;
            }
            movedThisMonth += x;
            if (inHorizon) record(out, g, j, t, x, m, H, nSeg, nSup);
          }
          cap -= alloc;
        }
        i = end;
      }
    }

    if (inHorizon) {
      for (const j of jobs) {
        if (j.remaining <= 0) continue;
        out.toSwap[j.operator * H + m] += j.remaining;
        if (m >= j.dl) out.nonCompliant[j.operator * H + m] += j.remaining;
      }
    } else if (movedThisMonth === 0 && m >= lastChange && m >= latestStart) {
      break; // nothing moved and nothing will change: the rest never finishes
    }
  }
  return out;
}

function record(out: SwapOutcome, g: SwapGroup, j: SwapJob, t: Targets, x: number, m: number, H: number, nSeg: number, nSup: number) {
  const o = j.operator;
  out.swapped[o * H + m] += x;
  out.spend[o * H + m] += x * j.costPerUnit;
  out.dismantled[o] += x;
  out.eWasteKg[o] += x * j.eWastePerUnit;
  out.annualKwhReplaced[o] += x * j.kwhPerUnit;
  const cls = j.cell % CLASSES;
  out.after[j.cell] -= x;
  for (let k = 0; k < t.suppliers.length; k++) {
    const sup = t.suppliers[k];
    const share = x * t.weights[k];
    out.after[((o * nSeg + j.segment) * nSup + sup) * CLASSES + cls] += share;
    g.targets.set(sup, (g.targets.get(sup) ?? 0) + share);
  }
  if (g.level === null || LEVEL_RANK[t.level] > LEVEL_RANK[g.level]) g.level = t.level;
}
