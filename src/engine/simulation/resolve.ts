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
  /**
   * suppliers that came from designated_by (and are not named in `suppliers`): their dates, from the
   * designation that takes effect first unless the scenario gives them; the others take the
   * restriction's effectiveDate and deadline
   */
  timings: Map<number, SupplierTiming>;
  maxShare: number;
}

/** The dates one designated supplier is restricted by, and where each came from. */
export interface SupplierTiming {
  designationId: string;
  designatedBy: string;
  effectiveDate: string;
  effectiveDateFrom: 'designation' | 'scenario';
  transitionMonths: number;
  transitionFrom: 'designation' | 'scenario';
  deadline: string;
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
  /** references to operators and member states the snapshot does not hold, counted where the snapshot is a scope's */
  readonly outside = { operators: new Set<string>(), memberStates: new Set<string>() };

  constructor(
    private readonly snapshot: Snapshot,
    private readonly file: string,
    /** the snapshot holds one scope's part of the inventory: references beyond it are left out, not refused */
    readonly scoped = false,
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

  /** The operator's index; -1 for one outside a scoped snapshot (whether it exists elsewhere or not: the answer must not tell). */
  operator(id: string, field: string): number {
    const o = this.operators.get(id);
    if (o !== undefined) return o;
    if (this.scoped) {
      this.outside.operators.add(id);
      return -1;
    }
    throw new ImportError(this.file, undefined, field, `operator "${id}" is not in the inventory`);
  }

  /** 1 per member state listed (all when the list is empty); codes absent from the inventory match nothing. */
  memberStateMask(codes: readonly string[]): Uint8Array {
    const mask = new Uint8Array(this.snapshot.memberStates.length);
    if (codes.length === 0) mask.fill(1);
    for (const c of codes) {
      const m = this.memberStates.get(c);
      if (m !== undefined) mask[m] = 1;
      else if (this.scoped) this.outside.memberStates.add(c);
    }
    return mask;
  }

  /** Of these member-state codes, those the snapshot holds; the others are counted outside when it is a scope's. */
  inScope(codes: readonly string[]): string[] {
    if (!this.scoped) return [...codes];
    const kept = codes.filter((c) => this.memberStates.has(c));
    for (const c of codes) if (!this.memberStates.has(c)) this.outside.memberStates.add(c);
    return kept;
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
    const timings = new Map<number, SupplierTiming>();
    // the designation that takes effect first (then by id) gives a designated supplier its dates
    const designations = snapshot.designations
      .filter((d) => d.status === 'in-force' && r.designated_by.includes(d.member_state) && r.designation_kinds.includes(d.kind))
      .sort((a, b) => (a.effective_date < b.effective_date ? -1 : a.effective_date > b.effective_date ? 1 : a.designation_id < b.designation_id ? -1 : 1));
    for (const d of designations) {
      const s = snapshot.suppliers.ids.indexOf(d.supplier_id);
      if (s < 0 || suppliers.has(s)) continue;
      suppliers.add(s);
      const effectiveDate = r.effective_date ?? d.effective_date;
      const transitionMonths = r.transition_months ?? d.transition_months;
      const timing: SupplierTiming = {
        designationId: d.designation_id,
        designatedBy: d.member_state,
        effectiveDate,
        effectiveDateFrom: r.effective_date !== undefined ? 'scenario' : 'designation',
        transitionMonths,
        transitionFrom: r.transition_months !== undefined ? 'scenario' : 'designation',
        deadline: addMonths(effectiveDate, transitionMonths),
      };
      timings.set(s, timing);
      notes.push(`${id}: ${d.supplier_id} ${timingText(timing)}.`);
    }
    const designatedBy = refs.inScope(r.designated_by);
    if (suppliers.size === 0) {
      if (designatedBy.length > 0)
        notes.push(`${id}: no supplier in the inventory is designated (${r.designation_kinds.join(', ')}, in force) by ${designatedBy.join(', ')}; the restriction has no effect.`);
      else notes.push(`${id}: the member states it takes designations from are outside your scope; the restriction has no effect here.`);
    }
    const memberStates = refs.memberStateMask(r.member_states);
    const absent = r.member_states.filter((c) => !snapshot.memberStates.includes(c));
    if (absent.length > 0 && !refs.scoped) notes.push(`${id}: member state(s) ${absent.join(', ')} have no operator in the inventory.`);
    if (r.member_states.length > 0 && absent.length === r.member_states.length && refs.scoped)
      notes.push(`${id}: it applies only in member states outside your scope; it has no effect here.`);
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
      timings,
      maxShare: r.max_share,
    };
  });
}

/** Which dates a designated supplier is restricted by, and whose they are. */
export function timingText(t: SupplierTiming): string {
  const from = (what: 'designation' | 'scenario') => (what === 'designation' ? `designation ${t.designationId}'s own` : 'the scenario\'s');
  return (
    `is restricted as designated by ${t.designatedBy} (${t.designationId}): effective ${t.effectiveDate} (${from(t.effectiveDateFrom)}), ` +
    `${t.transitionMonths} month(s) transition (${from(t.transitionFrom)}), deadline ${t.deadline}`
  );
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

export function resolveScenario(snapshot: Snapshot, scenario: Scenario, file: string, scoped = false): Resolved {
  const refs = new ScenarioReferences(snapshot, file, scoped);
  const calendar = new Calendar(scenario.start_date);
  const notes: string[] = [];
  const named =
    scenario.replacement.strategy === 'named'
      ? scenario.replacement.suppliers.map((n, k) => ({ supplier: refs.supplier(n.supplier_id, `replacement.suppliers[${k}]`), share: n.share }))
      : null;
  for (const id of Object.keys(scenario.replacement.capacity.operators)) refs.operator(id, `replacement.capacity.operators.${id}`);
  const resolved: Resolved = {
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
  const { operators, memberStates } = refs.outside;
  if (operators.size + memberStates.size > 0) {
    // counted, never named: the names would tell which operators and member states exist beyond the scope
    const parts = [operators.size > 0 ? `${operators.size} operator(s)` : '', memberStates.size > 0 ? `${memberStates.size} member state(s)` : ''].filter(Boolean);
    notes.unshift(`Parts of the scenario fall outside your scope (it names ${parts.join(' and ')} beyond it): they are left out, and the figures cover your scope only.`);
  }
  return resolved;
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
