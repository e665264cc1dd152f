import type { Finding } from '../../domain/index.js';
import { cellStats, type CellStats } from '../concentration.js';
import { num, pct } from '../format.js';
import { thresholdName, topSupplierAssets, type RuleInput } from './rule.js';

/** Above this HHI a national segment is close to a monopoly: the finding is high rather than medium. */
export const SM06_HIGH_HHI = 8000;

/**
 * SM06 — resilience at national level. A member state's segment is flagged when its HHI over all
 * operators exceeds the policy's nationalHhi: medium, or high above 8,000. The affected assets are the
 * top supplier's in that national segment.
 */
export function sm06(input: RuleInput): Finding[] {
  const { ctx, concentration } = input;
  const { snapshot, policies, memberStateInScope } = ctx;
  const nSeg = snapshot.segments.length;
  const nMs = snapshot.memberStates.length;
  const flagged: { cell: number; stats: CellStats; threshold: number }[] = [];
  const topOfCell = new Int32Array(nMs * nSeg).fill(-1);
  for (let m = 0; m < nMs; m++) {
    if (!memberStateInScope[m]) continue;
    const threshold = policies[m].nationalHhi;
    for (let s = 0; s < nSeg; s++) {
      const stats = cellStats(concentration.memberState, m, s, snapshot.suppliers.ids);
      if (!stats || !(stats.hhi > threshold)) continue;
      flagged.push({ cell: m * nSeg + s, stats, threshold });
      topOfCell[m * nSeg + s] = stats.top;
    }
  }
  if (flagged.length === 0) return [];
  const assets = topSupplierAssets(input, snapshot.operators.memberState, topOfCell);

  return flagged.map(({ cell, stats, threshold }) => {
    const memberState = snapshot.memberStates[Math.floor(cell / nSeg)];
    const policy = policies[Math.floor(cell / nSeg)];
    const segment = snapshot.segments[cell % nSeg];
    const supplierId = snapshot.suppliers.ids[stats.top];
    const group = assets.get(cell) ?? { key: cell, quantity: 0, assetIds: [] };
    return {
      id: `SM06:${memberState}:${segment}`,
      rule: 'SM06',
      measure: 'SM06',
      severity: stats.hhi > SM06_HIGH_HHI ? 'high' : 'medium',
      level: 'member-state',
      memberState,
      segment,
      supplierId,
      affectedQuantity: group.quantity,
      assetIds: group.assetIds,
      explanation: {
        text:
          `${memberState}, ${segment}: HHI ${num(stats.hhi)} over ${stats.suppliers} supplier(s) exceeds ${thresholdName(policy, 'nationalHhi', memberState)} of ` +
          `${num(threshold)}; ${supplierId} holds ${pct(stats.topShare)} of a quantity of ${num(stats.total)}.`,
        formula: `flag when HHI > nationalHhi; severity = high if HHI > ${num(SM06_HIGH_HHI)}, else medium`,
        inputs: {
          hhi: stats.hhi,
          nationalHhi: threshold,
          suppliers: stats.suppliers,
          total: stats.total,
          topSupplierId: supplierId,
          topSupplierQuantity: stats.topQuantity,
          topShare: stats.topShare,
        },
      },
    };
  });
}
