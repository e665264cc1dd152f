import type { PolicyInput } from '../domain/index.js';
import type { Rng } from './random.js';

type PolicyBody = Omit<PolicyInput, 'member_state'>;

/** The first is always used: stricter concentration, stricter core certification and an override. */
const STRICT: PolicyBody = {
  version: '2026.1',
  thresholds: { operator_top_supplier_share: 0.6, national_hhi: 4000 },
  criticality_overrides: [{ function: 'CSR', criticality: 'sensitive' }],
  required_certifications: { core: ['NESAS', 'EUCC'], ran: ['NESAS'], interconnection: ['NESAS'] },
  default_transition_months: 24,
};

const OTHERS: PolicyBody[] = [
  {
    version: '2025.2',
    thresholds: { operator_top_supplier_share: 0.65 },
    // Power outages took sites down nationally: support is critical, cooling stays minor.
    criticality_overrides: [
      { segment: 'support', criticality: 'critical' },
      { function: 'HVAC', criticality: 'other' },
    ],
  },
  {
    version: '2026.1',
    required_certifications: { core: ['NESAS'], management: ['EUCC'], 'it-cloud': ['EUCC'] },
    criticality_overrides: [{ function: 'DU', criticality: 'critical' }],
  },
  { version: '2024.3', thresholds: { national_hhi: 3500 }, default_transition_months: 18 },
  {
    version: '2026.2',
    criticality_overrides: [
      { segment: 'transport', criticality: 'sensitive' },
      { function: 'MICROWAVE', criticality: 'other' },
    ],
    required_certifications: { 'lawful-interception': ['EUCC'] },
  },
  { version: '2025.1', thresholds: { operator_top_supplier_share: 0.5 }, default_transition_months: 36 },
];

/** National policies for `count` member states drawn per seed; the rest use the secure5g default. */
export function buildPolicies(count: number, states: readonly string[], rng: Rng): PolicyInput[] {
  const bodies = [STRICT, ...rng.shuffle(OTHERS)].slice(0, count);
  const chosen = rng.sample(states, bodies.length).sort();
  // structuredClone: callers may mutate what they get without touching the templates.
  return chosen.map((member_state, i) => ({ member_state, ...structuredClone(bodies[i]) }));
}
