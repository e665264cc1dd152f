import type { Scenario } from '../../domain/scenario.js';
import { ImportError, KEY_ASSETS } from '../../domain/index.js';
import { findFunction } from '../../catalog/segments.js';
import { CAPACITY_SHARE_PER_MONTH, REPLACEMENT_ENERGY_FACTOR, functionDefaults } from '../../catalog/simulation-defaults.js';
import { policyFor } from '../criticality.js';
import { addMonths, type Snapshot } from '../snapshot.js';
import { Calendar } from './calendar.js';
import type { UnitFigures } from './cube.js';

/** A restriction with its ids resolved to snapshot indices. */
export interface ResolvedRestriction {
  id: string;
  suppliers: number[];
  /** 1 per member-state index where it applies */
  memberStates: Uint8Array;
  /** 1 per segment index whose every unit is in scope */
  segments: Uint8Array;
  /** critical and sensitive units of every segment are in scope too */
  keyAssets: boolean;
  scopeLabels: string[];
  effectiveDate: string;
  /** per member-state index: effective date + transition (given, else the member state's policy default) */
  deadline: string[];
  transitionMonths: number[];
  maxShare: number;
}

export interface ResolvedDisruption {
  id: string;
  suppliers: number[];
  supplierIds: string[];
  segments: Uint8Array;
  segmentIds: string[];
  memberStates: Uint8Array;
  memberStateCodes: string[];
  from: string;
  until: string | null;
  /** months [firstMonth, endMonth) overlap the disruption; endMonth is Infinity without an end */
  firstMonth: number;
  endMonth: number;
  delivery: boolean;
  support: boolean;
  affects: Scenario['disruptions'][number]['affects'];
}

export interface Resolved {
  scenario: Scenario;
  calendar: Calendar;
  horizon: number;
  units: UnitFigures;
  energyFactor: number;
  restrictions: ResolvedRestriction[];
  disruptions: ResolvedDisruption[];
  /** strategy named: suppliers and their relative shares; null for proportional */
  named: { supplier: number; share: number }[] | null;
  begin: 'effective-date' | 'start';
  notes: string[];
}

export class ScenarioReferences {
  private readonly suppliers: Map<string, number>;
  private readonly memberStates: Map<string, number>;
  private readonly operators: Map<string, number>;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly file: string,
  ) {
    this.suppliers = new Map(snapshot.suppliers.ids.map((id, i) => [id, i]));
    this.memberStates = new Map(snapshot.memberStates.map((c, i) => [c, i]));
    this.operators = new Map(snapshot.operators.ids.map((id, i) => [id, i]));
  }

  supplier(id: string, field: string): number {
    const s = this.suppliers.get(id);
    if (s === undefined) throw new ImportError(this.file, undefined, field, `supplier "${id}" is not in the inventory`);
    return s;
  }

  operator(id: string, field: string): number {
    const o = this.operators.get(id);
    if (o === undefined) throw new ImportError(this.file, undefined, field, `operator "${id}" is not in the inventory`);
    return o;
  }

  /** 1 per member state listed (all when the list is empty); codes absent from the inventory match nothing. */
  memberStateMask(codes: readonly string[]): Uint8Array {
    const mask = new Uint8Array(this.snapshot.memberStates.length);
    if (codes.length === 0) mask.fill(1);
    for (const c of codes) {
      const m = this.memberStates.get(c);
      if (m !== undefined) mask[m] = 1;
    }
    return mask;
  }

  checkFunction(fn: string, field: string) {
    if (!findFunction(fn)) throw new ImportError(this.file, undefined, field, `"${fn}" is not a function of the catalogue`);
  }
}

function unitFigures(snapshot: Snapshot, scenario: Scenario, refs: ScenarioReferences): UnitFigures {
  const { unit_cost_eur, ewaste_kg, annual_kwh } = scenario.overrides;
  for (const [name, table] of Object.entries({ unit_cost_eur, ewaste_kg, annual_kwh })) {
    for (const fn of Object.keys(table)) refs.checkFunction(fn, `overrides.${name}.${fn}`);
  }
  const n = snapshot.functions.length;
  const units: UnitFigures = { costEur: new Float64Array(n), eWasteKg: new Float64Array(n), annualKwh: new Float64Array(n) };
  snapshot.functions.forEach((fn, f) => {
    const d = functionDefaults(fn);
    units.costEur[f] = unit_cost_eur[fn] ?? d.unitCostEur;
    units.eWasteKg[f] = ewaste_kg[fn] ?? d.eWasteKg;
    units.annualKwh[f] = annual_kwh[fn] ?? d.annualKwh;
  });
  return units;
}

function restrictions(snapshot: Snapshot, scenario: Scenario, refs: ScenarioReferences, notes: string[]): ResolvedRestriction[] {
  const nSeg = snapshot.segments.length;
  return scenario.restrictions.map((r, i) => {
    const id = r.id ?? `R${i + 1}`;
    const field = `restrictions[${i}]`;
    const suppliers = new Set(r.suppliers.map((s, k) => refs.supplier(s, `${field}.suppliers[${k}]`)));
    for (const d of snapshot.designations) {
      if (d.status === 'in-force' && r.designated_by.includes(d.member_state) && r.designation_kinds.includes(d.kind)) {
        const s = snapshot.suppliers.ids.indexOf(d.supplier_id);
        if (s >= 0) suppliers.add(s);
      }
    }
    if (suppliers.size === 0) notes.push(`${id}: no supplier in the inventory is designated (${r.designation_kinds.join(', ')}, in force) by ${r.designated_by.join(', ')}; the restriction has no effect.`);
    const memberStates = refs.memberStateMask(r.member_states);
    const absent = r.member_states.filter((c) => !snapshot.memberStates.includes(c));
    if (absent.length > 0) notes.push(`${id}: member state(s) ${absent.join(', ')} have no operator in the inventory.`);
    const segments = new Uint8Array(nSeg);
    for (const item of r.segments) if (item !== KEY_ASSETS) segments[snapshot.segments.indexOf(item)] = 1;
    const effectiveDate = r.effective_date ?? scenario.start_date;
    const transitionMonths = snapshot.memberStates.map((c) => r.transition_months ?? policyFor(snapshot, c).defaultTransitionMonths);
    return {
      id,
      suppliers: [...suppliers].sort((a, b) => a - b),
      memberStates,
      segments,
      keyAssets: r.segments.includes(KEY_ASSETS),
      scopeLabels: [...r.segments],
      effectiveDate,
      transitionMonths,
      deadline: transitionMonths.map((t) => addMonths(effectiveDate, t)),
      maxShare: r.max_share,
    };
  });
}

function disruptions(snapshot: Snapshot, scenario: Scenario, refs: ScenarioReferences, calendar: Calendar): ResolvedDisruption[] {
  const nSeg = snapshot.segments.length;
  return scenario.disruptions.map((d, i) => {
    const field = `disruptions[${i}]`;
    const suppliers = [...new Set(d.suppliers.map((s, k) => refs.supplier(s, `${field}.suppliers[${k}]`)))];
    const segments = new Uint8Array(nSeg);
    if (d.segments.length === 0) segments.fill(1);
    for (const s of d.segments) segments[snapshot.segments.indexOf(s)] = 1;
    const until = d.duration_months === undefined ? null : addMonths(d.from, d.duration_months);
    return {
      id: d.id ?? `D${i + 1}`,
      suppliers,
      supplierIds: suppliers.map((s) => snapshot.suppliers.ids[s]),
      segments,
      segmentIds: d.segments.length === 0 ? [...snapshot.segments] : [...d.segments],
      memberStates: refs.memberStateMask(d.member_states),
      memberStateCodes: [...d.member_states],
      from: d.from,
      until,
      // a month is disrupted when any of its days is: deliveries planned for it cannot all arrive
      firstMonth: Math.max(0, calendar.floor(d.from)),
      endMonth: until === null ? Number.POSITIVE_INFINITY : Math.max(0, calendar.ceil(until)),
      delivery: d.affects !== 'support',
      support: d.affects !== 'delivery',
      affects: d.affects,
    };
  });
}

export function resolveScenario(snapshot: Snapshot, scenario: Scenario, file: string): Resolved {
  const refs = new ScenarioReferences(snapshot, file);
  const calendar = new Calendar(scenario.start_date);
  const notes: string[] = [];
  const named =
    scenario.replacement.strategy === 'named'
      ? scenario.replacement.suppliers.map((n, k) => ({ supplier: refs.supplier(n.supplier_id, `replacement.suppliers[${k}]`), share: n.share }))
      : null;
  for (const id of Object.keys(scenario.replacement.capacity.operators)) refs.operator(id, `replacement.capacity.operators.${id}`);
  return {
    scenario,
    calendar,
    horizon: scenario.horizon_months,
    units: unitFigures(snapshot, scenario, refs),
    energyFactor: scenario.overrides.replacement_energy_factor ?? REPLACEMENT_ENERGY_FACTOR,
    restrictions: restrictions(snapshot, scenario, refs, notes),
    disruptions: disruptions(snapshot, scenario, refs, calendar),
    named,
    begin: scenario.replacement.begin,
    notes,
  };
}

export type CapacitySource = 'operator' | 'default' | 'share';

/**
 * Units per month per operator × segment: the operator's own figure, else the scenario's default, else
 * the share of the operator's installed base in the segment (scenario share, else the catalogue's).
 */
export function capacities(snapshot: Snapshot, scenario: Scenario, installed: Float64Array): { perMonth: Float64Array; source: CapacitySource[] } {
  const nSeg = snapshot.segments.length;
  const nOps = snapshot.operators.ids.length;
  const perMonth = new Float64Array(nOps * nSeg);
  const source: CapacitySource[] = new Array(nOps * nSeg);
  const { default: byDefault, operators, share_per_month } = scenario.replacement.capacity;
  for (let o = 0; o < nOps; o++) {
    const own = operators[snapshot.operators.ids[o]] ?? {};
    for (let s = 0; s < nSeg; s++) {
      const seg = snapshot.segments[s];
      const k = o * nSeg + s;
      const given = own[seg];
      if (given !== undefined) {
        perMonth[k] = given;
        source[k] = 'operator';
      } else if (byDefault[seg] !== undefined) {
        perMonth[k] = byDefault[seg]!;
        source[k] = 'default';
      } else {
        perMonth[k] = installed[k] * (share_per_month[seg] ?? CAPACITY_SHARE_PER_MONTH[seg]);
        source[k] = 'share';
      }
    }
  }
  return { perMonth, source };
}
