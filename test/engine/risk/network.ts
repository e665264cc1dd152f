import type { ImplementationInput } from '../../../src/domain/implementation.js';
import { Implementation } from '../../../src/domain/implementation.js';
import { assess } from '../../../src/engine/assess.js';
import type { RiskContext } from '../../../src/engine/risk/index.js';
import { asset, designation, operator, product, snapshot } from '../helpers.js';

/*
 * The small network the risk tests work out by hand, assessed at 2026-06-01:
 *   OP-DE-1 (DE, 2,000,000 subscribers, 3 critical services):
 *     ran  gNB SUP-A 56 (P-A-GNB: NESAS) + gNB SUP-B 40 (P-B-GNB)   gNB is sensitive
 *     core AMF SUP-C 4 (P-C-AMF: EUCC only, support ended 2025-01-01) AMF is critical
 *   OP-DE-2 (DE, 600,000 subscribers, critical services not recorded): ran gNB SUP-A 100
 *   DE designates SUP-B high-risk for ran (in force); DE's profile of SUP-C is high.
 *
 * Facts of OP-DE-1: key quantity 4 + 96 = 100, of which designated 40 → 0.4, high-profile 4 → 0.04;
 * TM09 flags the AMF, 4 of 4 critical → 1; TM07 flags it too, 4 of 100 key → 0.04;
 * HHI ran 10,000·(56² + 40²)/96² = 5,138.9, core 10,000 → max 1; 1 of 2 segments single-supplier → 0.5;
 * 2,000,000 subscribers reach 2 of 4 bands → 0.5; 3 critical services / 5 → 0.6.
 */
export function network() {
  const snap = snapshot({
    operators: [
      { ...operator('OP-DE-1', 'DE'), subscribers: 2_000_000 },
      { ...operator('OP-DE-2', 'DE'), subscribers: 600_000 },
    ],
    products: [
      product('P-A-GNB', 'SUP-A', 'gNB', ['NESAS'], '2030-12-31'),
      product('P-B-GNB', 'SUP-B', 'gNB', [], '2031-06-30'),
      product('P-C-AMF', 'SUP-C', 'AMF', ['EUCC'], '2025-01-01'),
    ],
    assets: [
      asset({ asset_id: 'DE1-RAN-A', operator_id: 'OP-DE-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', product_id: 'P-A-GNB', quantity: 56 }),
      asset({ asset_id: 'DE1-RAN-B', operator_id: 'OP-DE-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', product_id: 'P-B-GNB', quantity: 40 }),
      asset({ asset_id: 'DE1-AMF', operator_id: 'OP-DE-1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', product_id: 'P-C-AMF', quantity: 4 }),
      asset({ asset_id: 'DE2-RAN-A', operator_id: 'OP-DE-2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', product_id: 'P-A-GNB', quantity: 100 }),
    ],
    designations: [designation({ designation_id: 'D-DE-1', member_state: 'DE', supplier_id: 'SUP-B' })],
  });
  const result = assess(snap, { date: '2026-06-01' });
  const ctx: RiskContext = {
    snapshot: snap,
    result,
    profiles: [
      { supplierId: 'SUP-C', memberState: 'DE', level: 'medium' },
      { supplierId: 'SUP-C', memberState: 'DE', level: 'high' },
      { supplierId: 'SUP-A', memberState: 'FR', level: 'high' },
    ],
    facts: { operators: { 'OP-DE-1': { criticalServices: 3 } } },
  };
  return ctx;
}

const row = (r: ImplementationInput) => Implementation.parse(r);

/** Implementation history used by the residual tests; each line says what it is there to show. */
export const IMPLEMENTATIONS = [
  // history: the later row replaces the earlier one
  row({ measure: 'SM05', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'planned', recorded_on: '2025-06-01' }),
  row({ measure: 'SM05', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-place', recorded_on: '2026-01-10' }),
  row({ measure: 'SM06', scope_level: 'member-state', member_state: 'DE', status: 'in-progress', recorded_on: '2026-01-10' }),
  row({ measure: 'SM03', scope_level: 'member-state', member_state: 'DE', status: 'in-place', recorded_on: '2025-02-01' }),
  row({ measure: 'TM09', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-progress', recorded_on: '2026-03-01' }),
  // a Union row reaches every scope that records nothing more specific
  row({ measure: 'TM01', scope_level: 'union', status: 'in-place', recorded_on: '2024-01-01' }),
  // the operator's own row beats its member state's
  row({ measure: 'TM03', scope_level: 'member-state', member_state: 'DE', status: 'not-planned', recorded_on: '2026-01-01' }),
  row({ measure: 'TM03', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-place', recorded_on: '2025-01-01' }),
  row({ measure: 'TM11', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-place', recorded_on: '2026-01-10' }),
  row({ measure: 'TM02', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'not-applicable', recorded_on: '2026-01-10' }),
];
