import type { Finding } from '../../domain/index.js';
import { cellStats, type CellStats } from '../concentration.js';
import { SLOTS, slot } from '../exposure.js';
import { num, pct } from '../format.js';
import { thresholdName, topSupplierAssets, type RuleInput } from './rule.js';

/**
 * SM05 — supplier diversity within an operator. An operator's segment is flagged when one supplier
 * serves all of it, or when its top supplier's quantity share exceeds the policy's
 * operatorTopSupplierShare. Single vendor in a segment holding critical assets (critical quantity > 0)
 * is high; every other case is medium. The affected assets are the top supplier's in that segment.
 */
export function sm05(input: RuleInput): Finding[] {
  const { ctx, concentration, criticality } = input;
  const { snapshot, policies, operatorInScope } = ctx;
  const nSeg = snapshot.segments.length;
  const nOps = snapshot.operators.ids.length;
  const flagged: { cell: number; stats: CellStats; critical: number; threshold: number }[] = [];
  const topOfCell = new Int32Array(nOps * nSeg).fill(-1);
  for (let o = 0; o < nOps; o++) {
    if (!operatorInScope[o]) continue;
    const threshold = policies[snapshot.operators.memberState[o]].operatorTopSupplierShare;
    for (let s = 0; s < nSeg; s++) {
      const stats = cellStats(concentration.operator, o, s, snapshot.suppliers.ids);
      if (!stats || !(stats.suppliers === 1 || stats.topShare > threshold)) continue;
      const cell = o * nSeg + s;
      const critical = criticality[cell * SLOTS + slot(0, 0)] + criticality[cell * SLOTS + slot(0, 1)];
      flagged.push({ cell, stats, critical, threshold });
      topOfCell[cell] = stats.top;
    }
  }
  if (flagged.length === 0) return [];
  const assets = topSupplierAssets(input, Int32Array.from({ length: nOps }, (_, o) => o), topOfCell);

  return flagged.map(({ cell, stats, critical, threshold }) => {
    const o = Math.floor(cell / nSeg);
    const operatorId = snapshot.operators.ids[o];
    const segment = snapshot.segments[cell % nSeg];
    const supplierId = snapshot.suppliers.ids[stats.top];
    const single = stats.suppliers === 1;
    const group = assets.get(cell) ?? { key: cell, quantity: 0, assetIds: [] };
    const why = single
      ? `${supplierId} is the only supplier (quantity ${num(stats.total)})`
      : `${supplierId} holds ${pct(stats.topShare)} of a quantity of ${num(stats.total)}, above ${thresholdName(policies[snapshot.operators.memberState[o]], 'operatorTopSupplierShare', snapshot.memberStates[snapshot.operators.memberState[o]])} of ${pct(threshold)}`;
    return {
      id: `SM05:${operatorId}:${segment}:${supplierId}`,
      rule: 'SM05',
      measure: 'SM05',
      severity: single && critical > 0 ? 'high' : 'medium',
      level: 'operator',
      memberState: snapshot.memberStates[snapshot.operators.memberState[o]],
      operatorId,
      segment,
      supplierId,
      affectedQuantity: group.quantity,
      assetIds: group.assetIds,
      explanation: {
        text:
          `${operatorId}, ${segment}: ${why}; ` +
          (critical > 0 ? `the segment holds critical assets (quantity ${num(critical)}).` : 'the segment holds no critical asset.'),
        formula:
          'flag when suppliers = 1 or topShare > operatorTopSupplierShare; ' +
          'severity = high if suppliers = 1 and critical quantity > 0, else medium',
        inputs: {
          suppliers: stats.suppliers,
          total: stats.total,
          topSupplierId: supplierId,
          topSupplierQuantity: stats.topQuantity,
          topShare: stats.topShare,
          operatorTopSupplierShare: threshold,
          criticalQuantity: critical,
        },
      },
    };
  });
}
