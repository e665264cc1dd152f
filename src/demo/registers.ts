import { CRITERIA } from '../catalog/criteria.js';
import { MEASURE_IDS } from '../catalog/measures.js';
import type { ImplementationInput } from '../domain/implementation.js';
import type { ProfileAssessmentInput } from '../domain/profile.js';
import type { ScreeningCaseInput } from '../domain/screening.js';
import type { DemoData } from './generate.js';
import { mixSeed, Rng } from './random.js';

/**
 * The registers an authority keeps beside the inventory, for the demo: implementation status of the
 * measures, supplier risk profiles and investment-screening cases. All fictional, deterministic per
 * seed, and dated so that the reference date 2026-11-28 shows a mix (an open screening case, an overdue
 * one, measures in every status).
 */
export interface DemoRegisters {
  implementations: ImplementationInput[];
  profiles: ProfileAssessmentInput[];
  screeningCases: ScreeningCaseInput[];
}

const STREAM = { implementation: 11, profiles: 12, screening: 13 } as const;
const STATUSES = ['in-place', 'in-progress', 'planned', 'not-planned', 'not-applicable'] as const;
const STATUS_WEIGHTS = [45, 25, 15, 10, 5];
const RECORDED_ON = '2026-06-30';

export function generateDemoRegisters(data: DemoData): DemoRegisters {
  return { implementations: implementations(data), profiles: profiles(data), screeningCases: screeningCases(data) };
}

function implementations(data: DemoData): ImplementationInput[] {
  const rng = new Rng(mixSeed(data.seed, STREAM.implementation));
  const status = () => rng.weighted(STATUSES, STATUS_WEIGHTS);
  const rows: ImplementationInput[] = [];
  // the Union's own supporting actions
  for (const m of MEASURE_IDS.filter((id) => id.startsWith('SA')))
    rows.push({ measure: m, scope_level: 'union', status: status(), evidence: 'Demo: Union-level progress report (fictional)', recorded_on: RECORDED_ON });
  const states = [...new Set(data.operators.map((o) => o.member_state))].sort();
  for (const ms of states)
    for (const m of MEASURE_IDS)
      rows.push({ measure: m, scope_level: 'member-state', member_state: ms, status: status(), owner: `Demo national authority ${ms}`, recorded_on: RECORDED_ON });
  // operators report on the technical measures, which they carry out
  for (const op of data.operators)
    for (const m of MEASURE_IDS.filter((id) => id.startsWith('TM')))
      rows.push({ measure: m, scope_level: 'operator', member_state: op.member_state, operator_id: op.operator_id, status: status(), owner: `${op.name} security team`, recorded_on: RECORDED_ON });
  return rows;
}

/**
 * One profile per member state and supplier it has designated (scores leaning high, the evidence
 * behind its decision) and one per member state for a supplier it has not (scores leaning low), so
 * the risk scores have both high and low profiles to work with.
 */
function profiles(data: DemoData): ProfileAssessmentInput[] {
  const rng = new Rng(mixSeed(data.seed, STREAM.profiles));
  const out: ProfileAssessmentInput[] = [];
  const seen = new Set<string>();
  const add = (ms: string, supplierId: string, lean: 'high' | 'low') => {
    const key = `${ms}:${supplierId}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({
      profile_id: `PRF-${ms}-${supplierId}`,
      supplier_id: supplierId,
      member_state: ms,
      version: 1,
      assessor: `Demo national authority ${ms}`,
      assessed_on: '2026-03-31',
      scores: CRITERIA.map((c) => ({
        criterion: c.id,
        score: lean === 'high' ? rng.int(c.group === 'C1' ? 3 : 1, 4) : rng.int(0, 2),
        evidence: [{ text: `Demo evidence for ${c.id} (fictional)` }],
      })),
      note: 'Demo profile: fictional supplier, fictional evidence.',
    });
  };
  for (const d of data.designations) add(d.member_state, d.supplier_id, 'high');
  const states = [...new Set(data.operators.map((o) => o.member_state))].sort();
  const designated = new Set(data.designations.map((d) => d.supplier_id));
  const others = data.suppliers.filter((s) => !designated.has(s.supplier_id));
  if (others.length > 0) for (const ms of states) add(ms, rng.pick(others).supplier_id, 'low');
  return out;
}

function screeningCases(data: DemoData): ScreeningCaseInput[] {
  const rng = new Rng(mixSeed(data.seed, STREAM.screening));
  const states = [...new Set(data.operators.map((o) => o.member_state))].sort();
  // received 2026-11-10: open on 2026-11-28 (deadline 2026-12-15); received 2026-09-01: overdue unless decided
  const dates = ['2026-11-10', '2026-09-01'];
  return states.slice(0, 2).map((ms, i) => ({
    case_id: `FDI-${ms}-2026-${i + 1}`,
    investor: `Demo Holdings ${i + 1} (fictional)`,
    // EEA codes, or a user-assigned one for a fictional third country
    investor_country: rng.pick(['XD', 'NO', 'IS', 'LI']),
    target_kind: 'supplier' as const,
    target_id: rng.pick(data.suppliers).supplier_id,
    member_state: ms,
    factors: 'critical-infrastructure;critical-technologies',
    third_country_government_control: i === 1 ? 'true' : 'false',
    received_on: dates[i]!,
    status: i === 0 ? ('received' as const) : ('under-review' as const),
  }));
}
