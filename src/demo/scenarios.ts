import type { ScenarioInput } from '../domain/scenario.js';
import type { DemoData } from './generate.js';

/**
 * What-if scenarios the demo saves (`secure5g simulate --list`, GET /scenarios): a cap on the supplier
 * of the first in-force designation in every RAN, and a phase-out of what the first designating member
 * state designated, in its own networks. Built from the demo's own designations, so they mean something
 * for any seed and scale.
 */
export function demoScenarios(data: DemoData): ScenarioInput[] {
  const first = data.designations.find((d) => d.status === 'in-force');
  if (!first) return [];
  return [
    {
      name: 'demo-ran-cap-35',
      version: '1',
      description: `Cap ${first.supplier_id} at 35 % of every operator's radio access network within 24 months of 1 March 2027 (fictional demo scenario).`,
      start_date: '2027-01-01',
      horizon_months: 36,
      restrictions: [{ id: 'RAN-cap', suppliers: [first.supplier_id], segments: ['ran'], effective_date: '2027-03-01', transition_months: 24, max_share: 0.35 }],
    },
    {
      name: `demo-${first.member_state.toLowerCase()}-designated-phase-out`,
      version: '1',
      description: `Phase out every supplier ${first.member_state} designated high-risk or restricted, in ${first.member_state}'s networks, on each designation's own dates (fictional demo scenario).`,
      start_date: '2027-01-01',
      horizon_months: 48,
      restrictions: [{ id: `${first.member_state}-designated`, designated_by: [first.member_state], segments: ['core', 'management', 'ran'], member_states: [first.member_state] }],
    },
  ];
}
