import type { EntityKind } from '../domain/ownership.js';
import { isEuEea } from '../domain/member-states.js';
import type { SupplyFactsInput } from '../domain/supply-facts.js';
import type { DemoData } from './generate.js';
import { mixSeed, Rng } from './random.js';

/*
 * Who owns and controls each demo supplier, and the supply facts the member states that profile it
 * recorded: the facts the demo's supplier profiles are derived from (services/demo-seed.ts), so that
 * `profile suggest`, `supplier control` and the stored profiles agree. All fictional and seeded.
 *
 *   supplier ← 100 %, control ← <KEY> Group (company, headquarters country)
 *   group    ← 40–60 %, control (shareholder agreement) ← <KEY> founders (individuals, same country)
 *   group    ← 25–35 %, no control ← a state body of a third country, for a supplier some member state
 *              designated high-risk or restricted: of its own headquarters when that lies outside the
 *              EU/EEA, else of XP (a user-assigned code, like every third country in the demo)
 *   the rest of the group's capital is free float, not recorded: unknown owners
 */

export interface DemoEntity {
  entity_id: string;
  name: string;
  kind: EntityKind;
  country: string;
  supplier_id?: string;
}

export interface DemoHolding {
  holder_id: string;
  held_id: string;
  percentage: number;
  control: boolean;
  since: string;
}

export interface DemoOwnership {
  entities: DemoEntity[];
  holdings: DemoHolding[];
}

const STREAM = { ownership: 14, supply: 15 } as const;
/** the third country of a state stake in an EU/EEA-headquartered supplier */
const STATE_COUNTRY_FOR_EU_HQ = 'XP';
const SINCE = '2019-01-01';

const keyOf = (supplierId: string) => supplierId.replace(/^SUP-/, '');

/** Suppliers some member state designated high-risk or restricted (any status): the ones a third-country state holds a stake in. */
function stateHeld(data: DemoData): Set<string> {
  return new Set(data.designations.filter((d) => d.kind === 'high-risk' || d.kind === 'restricted').map((d) => d.supplier_id));
}

export function generateDemoOwnership(data: DemoData): DemoOwnership {
  const rng = new Rng(mixSeed(data.seed, STREAM.ownership));
  const held = stateHeld(data);
  const entities: DemoEntity[] = [];
  const holdings: DemoHolding[] = [];
  const states = new Map<string, DemoEntity>();
  for (const s of [...data.suppliers].sort((a, b) => (a.supplier_id < b.supplier_id ? -1 : 1))) {
    const key = keyOf(s.supplier_id);
    const group = `ENT-${key}-GROUP`;
    const founders = `ENT-${key}-FOUNDERS`;
    entities.push({ entity_id: group, name: `${s.name} Group (fictional)`, kind: 'company', country: s.hq_country });
    entities.push({ entity_id: founders, name: `${s.name} founders (fictional)`, kind: 'individual', country: s.hq_country });
    holdings.push({ holder_id: group, held_id: s.supplier_id, percentage: 100, control: true, since: SINCE });
    holdings.push({ holder_id: founders, held_id: group, percentage: rng.int(40, 60), control: true, since: SINCE });
    if (held.has(s.supplier_id)) {
      const country = isEuEea(s.hq_country) ? STATE_COUNTRY_FOR_EU_HQ : s.hq_country;
      const id = `ENT-STATE-${country}`;
      if (!states.has(id)) {
        const e: DemoEntity = { entity_id: id, name: `State investment agency ${country} (fictional)`, kind: 'state-body', country };
        states.set(id, e);
        entities.push(e);
      }
      holdings.push({ holder_id: id, held_id: group, percentage: rng.int(25, 35), control: false, since: SINCE });
    }
  }
  return { entities, holdings };
}

/**
 * The supply facts `memberState` recorded for a supplier it profiles: export-control exposure where the
 * supplier sits outside the EU/EEA, single-source critical components (two for a state-held supplier,
 * 0–1 otherwise) and a graded financial-stability note.
 */
export function demoSupplyFacts(data: DemoData, targets: readonly { memberState: string; supplierId: string }[], recordedOn: string): SupplyFactsInput[] {
  const rng = new Rng(mixSeed(data.seed, STREAM.supply));
  const held = stateHeld(data);
  const hq = new Map(data.suppliers.map((s) => [s.supplier_id, s.hq_country]));
  return targets.map(({ memberState, supplierId }) => ({
    supplier_id: supplierId,
    member_state: memberState,
    single_source_critical_components: held.has(supplierId) ? 2 : rng.int(0, 1),
    export_control_exposure: !isEuEea(hq.get(supplierId)!),
    financial_stability_note: 'Demo: annual accounts reviewed (fictional)',
    financial_stability_concern: rng.int(0, 2) as 0 | 1 | 2,
    source: `Demo national authority ${memberState}: supplier questionnaire (fictional)`,
    recorded_on: recordedOn,
  }));
}
