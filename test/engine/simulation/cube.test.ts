import { describe, expect, it } from 'vitest';
import { buildCriticalityTable } from '../../../src/engine/criticality.js';
import { buildCube, CLASSES, COST, FIELDS } from '../../../src/engine/simulation/cube.js';
import { asset, snapshot } from '../helpers.js';
import { op } from './network.js';
import { smallDemo } from './demo-snapshot.js';

describe('simulation cube', () => {
  it('sums quantity and quantity-weighted unit cost per operator × segment × supplier × class', () => {
    // OP-1 core SUP-A: AMF 2 (critical, 100) + UDM 3 (critical, 300) + BSF 4 (sensitive, 50)
    const s = snapshot({
      operators: [op('OP-1', 'DE')],
      assets: [
        asset({ operator_id: 'OP-1', segment: 'core', function: 'AMF', supplier_id: 'SUP-A', quantity: 2 }),
        asset({ operator_id: 'OP-1', segment: 'core', function: 'UDM', supplier_id: 'SUP-A', quantity: 3 }),
        asset({ operator_id: 'OP-1', segment: 'core', function: 'BSF', supplier_id: 'SUP-A', quantity: 4 }),
      ],
    });
    const cost = Float64Array.from(s.functions, (f) => ({ AMF: 100, UDM: 300, BSF: 50 })[f] ?? 0);
    const units = { costEur: cost, eWasteKg: new Float64Array(cost.length), annualKwh: new Float64Array(cost.length) };
    for (const path of ['fine', 'direct'] as const) {
      const cube = buildCube(s, buildCriticalityTable(s), units, path);
      const at = (cls: number, field: number) => cube.data[(((0 * cube.segments + s.segments.indexOf('core')) * cube.suppliers + 0) * CLASSES + cls) * FIELDS + field];
      expect([at(0, 0), at(0, COST), at(1, 0), at(1, COST), at(2, 0)]).toEqual([5, 2 * 100 + 3 * 300, 4, 200, 0]);
    }
  });

  it('gives the same cube by either pass on the small demo', () => {
    const { snapshot: s } = smallDemo();
    const n = s.functions.length;
    const units = { costEur: Float64Array.from({ length: n }, (_, f) => 1000 + f), eWasteKg: Float64Array.from({ length: n }, (_, f) => f % 7), annualKwh: new Float64Array(n).fill(3) };
    const table = buildCriticalityTable(s);
    const a = buildCube(s, table, units, 'fine').data;
    const b = buildCube(s, table, units, 'direct').data;
    let quantity = 0;
    for (let k = 0; k < a.length; k++) {
      expect(a[k]).toBeCloseTo(b[k], 6);
      if (k % FIELDS === 0) quantity += a[k];
    }
    expect(quantity).toBe(s.assets.quantity.reduce((x, y) => x + y, 0));
  });
});
