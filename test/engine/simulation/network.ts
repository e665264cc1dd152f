import type { Operator } from '../../../src/domain/index.js';
import type { ScenarioInput } from '../../../src/domain/scenario.js';
import { asset, designation, snapshot } from '../helpers.js';

/** An operator with a subscriber count (the shared helper leaves it out). */
export const op = (operator_id: string, member_state: Operator['member_state'], subscribers?: number): Operator => ({
  operator_id,
  name: `Operator ${operator_id}`,
  member_state,
  kind: 'mno',
  subscribers,
});

/**
 * The hand-worked network. OP-1 (DE):
 *   ran  gNB: SUP-A 30, SUP-B 60, SUP-C 30        core: SUP-A AMF 2 + UDM 2, SUP-B AMF 4
 * OP-2 (FR):   ran  gNB: SUP-A 50, SUP-B 50
 * DE has designated SUP-A (in force since 2025-01-01).
 */
export function handNetwork() {
  return snapshot({
    operators: [op('OP-1', 'DE', 2_000_000), op('OP-2', 'FR', 1_000_000)],
    assets: [
      asset({ operator_id: 'OP-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 30 }),
      asset({ operator_id: 'OP-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 60 }),
      asset({ operator_id: 'OP-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-C', quantity: 30 }),
      asset({ operator_id: 'OP-1', segment: 'core', function: 'AMF', supplier_id: 'SUP-A', quantity: 2 }),
      asset({ operator_id: 'OP-1', segment: 'core', function: 'UDM', supplier_id: 'SUP-A', quantity: 2 }),
      asset({ operator_id: 'OP-1', segment: 'core', function: 'AMF', supplier_id: 'SUP-B', quantity: 4 }),
      asset({ operator_id: 'OP-2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 50 }),
      asset({ operator_id: 'OP-2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 50 }),
    ],
    designations: [designation({ designation_id: 'D-DE-1', member_state: 'DE', supplier_id: 'SUP-A', segments: ['ran', 'core'] })],
  });
}

/** Unit figures chosen so that hand arithmetic stays easy. */
export const EASY_OVERRIDES = {
  unit_cost_eur: { gNB: 1000, AMF: 100, UDM: 300 },
  ewaste_kg: { gNB: 100, AMF: 10, UDM: 20 },
  annual_kwh: { gNB: 1000, AMF: 500, UDM: 500 },
  replacement_energy_factor: 0.5,
};

export const base = (fields: Partial<ScenarioInput>): ScenarioInput => ({
  name: 'test',
  version: '1',
  start_date: '2027-01-01',
  horizon_months: 12,
  overrides: EASY_OVERRIDES,
  ...fields,
});
