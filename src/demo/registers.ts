import { MEASURE_IDS } from '../catalog/measures.js';
import type { ImplementationInput } from '../domain/implementation.js';
import type { ScreeningCaseInput } from '../domain/screening.js';
import type { DemoData } from './generate.js';
import { mixSeed, Rng } from './random.js';

/**
 * The registers an authority keeps beside the inventory, for the demo: implementation status of the
 * measures, which suppliers each member state profiles, and investment-screening cases. All
 * fictional, deterministic per seed, and dated so that the reference date 2026-11-28 shows a mix (an
 * open screening case, an overdue one, measures in every status). The profiles' scores are not drawn
 * here: they follow from the demo's ownership, supply and product facts (ownership.ts,
 * services/demo-seed.ts).
 */
export interface DemoRegisters {
  implementations: ImplementationInput[];
  /** the (member state, supplier) pairs that get a profile */
  profileTargets: ProfileTarget[];
  screeningCases: ScreeningCaseInput[];
}

export interface ProfileTarget {
  memberState: string;
  supplierId: string;
}

const STREAM = { implementation: 11, profiles: 12, screening: 13 } as const;
const STATUSES = ['in-place', 'in-progress', 'planned', 'not-planned', 'not-applicable'] as const;
const STATUS_WEIGHTS = [45, 25, 15, 10, 5];
const RECORDED_ON = '2026-06-30';

/**
 * Open findings per measure and scope, keyed as engine/contradictions.ts keys them (`TM07@op:OP-NL-2`,
 * `SM05@ms:DE`, `SA01@union`): what the inventory shows, so that the declared statuses can be designed
 * against it. Without it every status is drawn.
 */
export type OpenFindings = ReadonlyMap<string, number>;

export function generateDemoRegisters(data: DemoData, open: OpenFindings = new Map()): DemoRegisters {
  return { implementations: implementations(data, open), profileTargets: profileTargets(data), screeningCases: screeningCases(data) };
}

/**
 * The operators whose report contradicts the data, by design: in each member state, the first operator
 * (by id) with open findings declares `in-place` the technical measure it has most findings of (ties: the
 * lower measure id). Returns `measure@op:operator` keys.
 */
export function designedContradictions(data: DemoData, open: OpenFindings): Set<string> {
  const out = new Set<string>();
  const states = [...new Set(data.operators.map((o) => o.member_state))].sort();
  for (const ms of states) {
    const ops = data.operators.filter((o) => o.member_state === ms).map((o) => o.operator_id).sort();
    for (const op of ops) {
      let best: string | undefined;
      let most = 0;
      for (const m of MEASURE_IDS.filter((id) => id.startsWith('TM'))) {
        const n = open.get(`${m}@op:${op}`) ?? 0;
        if (n > most) [best, most] = [m, n];
      }
      if (best) {
        out.add(`${best}@op:${op}`);
        break;
      }
    }
  }
  return out;
}

/**
 * Statuses designed against the data: a scope with open findings of a measure declares it `in-progress`
 * (agreeing: work under way), except the designed contradictions, which declare `in-place`; a scope with
 * none draws a status (in place 45 %, in progress 25 %, planned 15 %, not planned 10 %, not applicable
 * 5 %), which nothing can contradict.
 */
function implementations(data: DemoData, open: OpenFindings): ImplementationInput[] {
  const rng = new Rng(mixSeed(data.seed, STREAM.implementation));
  const contradict = designedContradictions(data, open);
  const drawn = () => rng.weighted(STATUSES, STATUS_WEIGHTS);
  // the draw is made for every row, so the statuses of scopes without findings do not depend on the others
  const statusAt = (key: string) => {
    const d = drawn();
    return contradict.has(key) ? 'in-place' : (open.get(key) ?? 0) > 0 ? 'in-progress' : d;
  };
  const rows: ImplementationInput[] = [];
  // the Union's own supporting actions
  for (const m of MEASURE_IDS.filter((id) => id.startsWith('SA')))
    rows.push({ measure: m, scope_level: 'union', status: statusAt(`${m}@union`), evidence: 'Demo: Union-level progress report (fictional)', recorded_on: RECORDED_ON });
  const states = [...new Set(data.operators.map((o) => o.member_state))].sort();
  for (const ms of states)
    for (const m of MEASURE_IDS)
      rows.push({ measure: m, scope_level: 'member-state', member_state: ms, status: statusAt(`${m}@ms:${ms}`), owner: `Demo national authority ${ms}`, recorded_on: RECORDED_ON });
  // operators report on the technical measures, which they carry out
  for (const op of data.operators)
    for (const m of MEASURE_IDS.filter((id) => id.startsWith('TM')))
      rows.push({
        measure: m,
        scope_level: 'operator',
        member_state: op.member_state,
        operator_id: op.operator_id,
        status: statusAt(`${m}@op:${op.operator_id}`),
        owner: `${op.name} security team`,
        recorded_on: RECORDED_ON,
      });
  return rows;
}

/**
 * One profile per member state and supplier it has designated, one per member state for a supplier it
 * has not, and one for every supplier still without, so the risk scores have profiles of both kinds to
 * work with and every supplier's profile can be held against its facts.
 */
function profileTargets(data: DemoData): ProfileTarget[] {
  const rng = new Rng(mixSeed(data.seed, STREAM.profiles));
  const out: ProfileTarget[] = [];
  const seen = new Set<string>();
  const add = (memberState: string, supplierId: string) => {
    const key = `${memberState}:${supplierId}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ memberState, supplierId });
  };
  for (const d of data.designations) add(d.member_state, d.supplier_id);
  const states = [...new Set(data.operators.map((o) => o.member_state))].sort();
  const designated = new Set(data.designations.map((d) => d.supplier_id));
  const others = data.suppliers.filter((s) => !designated.has(s.supplier_id));
  if (others.length > 0) for (const ms of states) add(ms, rng.pick(others).supplier_id);
  // and every supplier profiled once at least, by a member state in turn: each has a profile to agree with its facts
  const profiled = new Set(out.map((t) => t.supplierId));
  data.suppliers.filter((s) => !profiled.has(s.supplier_id)).forEach((s, i) => add(states[i % states.length]!, s.supplier_id));
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
