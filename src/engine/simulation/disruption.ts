import { byCode, rollUp } from '../concentration.js';
import { num } from '../format.js';
import type { Snapshot } from '../snapshot.js';
import { supplierQuantities, type SimulationCube } from './cube.js';
import type { Resolved, ResolvedDisruption } from './resolve.js';
import type { DisruptionFigures, NoAlternativeRow } from './types.js';

const overlaps = (a: ResolvedDisruption, b: ResolvedDisruption) => a.firstMonth < b.endMonth && b.firstMonth < a.endMonth;

/**
 * What each disruption touches. Units affected: the installed quantity of its suppliers in its segments
 * and member states. Subscribers affected: per operator, its subscribers times the largest share of any
 * one segment's units that the disruption touches — a network needs every segment, so the worst segment
 * bounds the service impact. A segment has no alternative when every supplier present in it is disrupted
 * at an overlapping time or restricted by the scenario there.
 */
export function disruptionFigures(snapshot: Snapshot, cube: SimulationCube, resolved: Resolved, restricted: Uint8Array): { disruptions: DisruptionFigures[]; noAlternative: NoAlternativeRow[] } {
  const { operators: nOps, segments: nSeg, suppliers: nSup } = cube;
  const opMs = snapshot.operators.memberState;
  const nMs = snapshot.memberStates.length;
  const opQ = supplierQuantities(cube);
  const opCube = { scopes: nOps, segments: nSeg, suppliers: nSup, quantity: opQ };
  const msQ = rollUp(opCube, opMs, nMs).quantity;
  const unionQ = rollUp(opCube, new Int32Array(nOps), 1).quantity;
  const all = resolved.disruptions;
  const masks = all.map((d) => {
    const mask = new Uint8Array(nSup);
    for (const s of d.suppliers) mask[s] = 1;
    return mask;
  });

  const disruptions: DisruptionFigures[] = [];
  const noAlternative: NoAlternativeRow[] = [];
  all.forEach((d, k) => {
    /** disrupted at a time overlapping d, in member state m and segment s */
    const down = (m: number, s: number, sup: number) =>
      all.some((e, j) => overlaps(d, e) && e.memberStates[m] && e.segments[s] && masks[j][sup]);
    const usable = (m: number, s: number, sup: number) => !down(m, s, sup) && !restricted[(m * nSeg + s) * nSup + sup];
    let units = 0;
    let subscribers = 0;
    let operatorsAffected = 0;
    let missingSubscribers = 0;
    for (const o of byCode(snapshot.operators.ids)) {
      const m = opMs[o];
      if (!d.memberStates[m]) continue;
      let worst = 0;
      let opUnits = 0;
      for (let s = 0; s < nSeg; s++) {
        if (!d.segments[s]) continue;
        const base = (o * nSeg + s) * nSup;
        let affected = 0;
        let total = 0;
        let alternatives = 0;
        for (let sup = 0; sup < nSup; sup++) {
          const q = opQ[base + sup];
          total += q;
          if (masks[k][sup]) affected += q;
          else if (q > 0 && usable(m, s, sup)) alternatives++;
        }
        if (affected <= 0) continue;
        opUnits += affected;
        worst = Math.max(worst, affected / total);
        if (alternatives === 0) noAlternative.push(noAlternativeRow(snapshot, d, o, s, affected, msQ, unionQ, usable));
      }
      if (opUnits <= 0) continue;
      operatorsAffected++;
      units += opUnits;
      const subs = snapshot.operators.subscribers[o];
      if (Number.isFinite(subs)) subscribers += subs * worst;
      else missingSubscribers++;
    }
    const monthsUntilSupportEnds = d.support ? Math.max(0, resolved.calendar.floor(d.from)) : null;
    disruptions.push({
      disruptionId: d.id,
      suppliers: d.supplierIds,
      segments: d.segmentIds,
      memberStates: d.memberStateCodes,
      from: d.from,
      until: d.until,
      affects: d.affects,
      unitsAffected: units,
      operatorsAffected,
      subscribersAffected: subscribers,
      monthsUntilSupportEnds,
      explanation: {
        text:
          `${d.id}: ${d.supplierIds.join(', ')} cannot ${d.affects === 'delivery' ? 'deliver' : d.affects === 'support' ? 'support' : 'deliver or support'} ` +
          `from ${d.from}${d.until ? ` until ${d.until}` : ' with no end'}; ${num(units)} unit(s) at ${operatorsAffected} operator(s); ` +
          `about ${num(Math.round(subscribers))} subscribers served by the worst-hit segment` +
          (missingSubscribers > 0 ? ` (${missingSubscribers} operator(s) record no subscriber count and add none)` : '') +
          (monthsUntilSupportEnds !== null ? `; support ends ${monthsUntilSupportEnds} month(s) after the scenario start.` : '.'),
        formula:
          'units = Σ quantity of the suppliers in scope; subscribers = Σ_operators subscribers × max_segment(affected units / segment units); ' +
          'months until support ends = whole months from the start date to the disruption start (0 if already started)',
        inputs: { firstMonth: d.firstMonth, endMonth: Number.isFinite(d.endMonth) ? d.endMonth : null, suppliers: d.supplierIds, segments: d.segmentIds },
      },
    });
  });
  return { disruptions, noAlternative };
}

function noAlternativeRow(
  snapshot: Snapshot,
  d: ResolvedDisruption,
  o: number,
  s: number,
  affected: number,
  msQ: Float64Array,
  unionQ: Float64Array,
  usable: (m: number, s: number, sup: number) => boolean,
): NoAlternativeRow {
  const nSeg = snapshot.segments.length;
  const nSup = snapshot.suppliers.ids.length;
  const ids = snapshot.suppliers.ids;
  const m = snapshot.operators.memberState[o];
  const memberStateAlternatives: string[] = [];
  const unionAlternatives: string[] = [];
  for (let sup = 0; sup < nSup; sup++) {
    if (!usable(m, s, sup)) continue;
    if (msQ[(m * nSeg + s) * nSup + sup] > 0) memberStateAlternatives.push(ids[sup]);
    if (unionQ[s * nSup + sup] > 0) unionAlternatives.push(ids[sup]);
  }
  const operatorId = snapshot.operators.ids[o];
  const segment = snapshot.segments[s];
  const memberState = snapshot.memberStates[m];
  const fallback =
    memberStateAlternatives.length > 0
      ? `${memberStateAlternatives.length} supplier(s) serve the segment elsewhere in ${memberState}`
      : unionAlternatives.length > 0
        ? `none serves it elsewhere in ${memberState}; ${unionAlternatives.length} do in the Union`
        : 'no supplier that is neither disrupted nor restricted serves it anywhere in the inventory';
  return {
    disruptionId: d.id,
    operatorId,
    memberState,
    segment,
    unitsAffected: affected,
    memberStateAlternatives: memberStateAlternatives.sort(),
    unionAlternatives: unionAlternatives.sort(),
    explanation: {
      text: `${operatorId}, ${segment}: every supplier of the segment (${num(affected)} unit(s) from ${d.supplierIds.join(', ')}) is disrupted or restricted; ${fallback}.`,
      formula: 'no alternative ⇔ every supplier with quantity > 0 in the operator segment is disrupted at an overlapping time or restricted there',
      inputs: { disruption: d.id, from: d.from, until: d.until },
    },
  };
}
