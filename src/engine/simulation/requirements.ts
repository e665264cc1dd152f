import type { Snapshot } from '../snapshot.js';
import { CLASSES, COST, ENERGY, FIELDS, WASTE, type SimulationCube } from './cube.js';
import type { Resolved } from './resolve.js';

/** Units of one cube cell (operator × segment × supplier × class) that a restriction requires to be swapped. */
export interface SwapJob {
  /** cube cell index (operator, segment, supplier, class) */
  cell: number;
  operator: number;
  segment: number;
  supplier: number;
  restriction: number;
  required: number;
  remaining: number;
  /** first month swapping may happen */
  start: number;
  deadline: string;
  /** the dates the deadline comes from (a designated supplier's own, or the restriction's) */
  effectiveDate: string;
  transitionMonths: number;
  /** number of months whose end is on or before the deadline: swaps must be done in months < dl */
  dl: number;
  costPerUnit: number;
  eWastePerUnit: number;
  kwhPerUnit: number;
  /** month in which the last unit was swapped, -1 until then */
  finish: number;
  stalled: boolean;
}

export interface Requirements {
  jobs: SwapJob[];
  /** 1 at [(memberState * segments + segment) * suppliers + supplier] where a restriction names the supplier */
  restricted: Uint8Array;
}

const ALL = [0, 1, 2];
const KEY = [0, 1];

/**
 * Turns restrictions into swap jobs. Per operator × segment in a restriction's scope, with Q the in-scope
 * quantity and Qr the restricted suppliers' share of it, the restricted suppliers must shed
 * need = max(0, Qr − max_share · Q), taken from each of their cells in proportion to its quantity
 * (max_share 0: every unit). Where restrictions overlap on a cell, the larger requirement holds with the
 * earliest deadline and start of the two.
 */
export function requirements(snapshot: Snapshot, cube: SimulationCube, resolved: Resolved): Requirements {
  const { calendar, restrictions, begin } = resolved;
  const nSeg = cube.segments;
  const nSup = cube.suppliers;
  const nMs = snapshot.memberStates.length;
  const opMs = snapshot.operators.memberState;
  const data = cube.data;
  const restricted = new Uint8Array(nMs * nSeg * nSup);
  const byCell = new Map<number, SwapJob>();
  let overlaps = 0;

  restrictions.forEach((r, ri) => {
    for (let m = 0; m < nMs; m++) {
      if (!r.memberStates[m]) continue;
      for (let s = 0; s < nSeg; s++) {
        if (r.segments[s] || r.keyAssets) for (const sup of r.suppliers) restricted[(m * nSeg + s) * nSup + sup] = 1;
      }
    }
    const startOf = (date: string) => (begin === 'start' ? 0 : Math.max(0, calendar.ceil(date)));
    const start = startOf(r.effectiveDate);
    const dlOf = r.deadline.map((d) => calendar.floor(d));
    // a designated supplier's own dates (resolve.ts, timings)
    const own = new Map([...r.timings].map(([sup, t]) => [sup, { start: startOf(t.effectiveDate), dl: calendar.floor(t.deadline), t }]));
    for (let o = 0; o < cube.operators; o++) {
      const m = opMs[o];
      if (!r.memberStates[m]) continue;
      for (let s = 0; s < nSeg; s++) {
        const classes = r.segments[s] ? ALL : r.keyAssets ? KEY : null;
        if (!classes) continue;
        const base = (o * nSeg + s) * nSup;
        let total = 0;
        for (let sup = 0; sup < nSup; sup++) for (const c of classes) total += data[((base + sup) * CLASSES + c) * FIELDS];
        let held = 0;
        for (const sup of r.suppliers) for (const c of classes) held += data[((base + sup) * CLASSES + c) * FIELDS];
        const need = held - r.maxShare * total;
        if (!(need > 0)) continue;
        const factor = need / held;
        for (const sup of r.suppliers) {
          for (const c of classes) {
            const cell = (base + sup) * CLASSES + c;
            const k = cell * FIELDS;
            const q = data[k];
            if (!(q > 0)) continue;
            const required = q * factor;
            const existing = byCell.get(cell);
            const o2 = own.get(sup);
            const job: SwapJob = {
              cell,
              operator: o,
              segment: s,
              supplier: sup,
              restriction: ri,
              required,
              remaining: required,
              start: o2 ? o2.start : start,
              deadline: o2 ? o2.t.deadline : r.deadline[m],
              effectiveDate: o2 ? o2.t.effectiveDate : r.effectiveDate,
              transitionMonths: o2 ? o2.t.transitionMonths : r.transitionMonths[m],
              dl: o2 ? o2.dl : dlOf[m],
              costPerUnit: data[k + COST] / q,
              eWastePerUnit: data[k + WASTE] / q,
              kwhPerUnit: data[k + ENERGY] / q,
              finish: -1,
              stalled: false,
            };
            if (!existing) {
              byCell.set(cell, job);
              continue;
            }
            overlaps++;
            const stricter = required > existing.required ? job : existing;
            const earlier = job.deadline < existing.deadline ? job : existing;
            byCell.set(cell, {
              ...stricter,
              remaining: stricter.required,
              deadline: earlier.deadline,
              effectiveDate: earlier.effectiveDate,
              transitionMonths: earlier.transitionMonths,
              dl: earlier.dl,
              start: Math.min(job.start, existing.start),
            });
          }
        }
      }
    }
  });
  if (overlaps > 0) {
    resolved.notes.push(`${overlaps} cell(s) fall under more than one restriction: each takes the larger requirement and the earlier deadline and start.`);
  }
  return { jobs: [...byCell.values()].sort((a, b) => a.cell - b.cell), restricted };
}
