import type { ScopeLevel } from '../../domain/index.js';
import { byCode } from '../concentration.js';
import { num } from '../format.js';
import type { Snapshot } from '../snapshot.js';
import type { SwapJob } from './requirements.js';
import type { CapacitySource, Resolved } from './resolve.js';
import { MAX_EXTRA_MONTHS, type SwapOutcome } from './swap.js';
import type { FeasibilityRow, MonthlyFigures, OperatorFeasibility, ReplacementRouting, SimulationTotals, Timeline, TwinTransitionFigures } from './types.js';

const eur = (n: number) => `EUR ${num(Math.round(n))}`;

function emptyFigures(H: number): MonthlyFigures {
  return { toSwap: new Array(H).fill(0), nonCompliant: new Array(H).fill(0), swapped: new Array(H).fill(0), spendEur: new Array(H).fill(0), cumulativeSpendEur: new Array(H).fill(0) };
}

function addInto(into: MonthlyFigures, from: MonthlyFigures) {
  for (let m = 0; m < into.toSwap.length; m++) {
    into.toSwap[m] += from.toSwap[m];
    into.nonCompliant[m] += from.nonCompliant[m];
    into.swapped[m] += from.swapped[m];
    into.spendEur[m] += from.spendEur[m];
  }
}

function accumulate(f: MonthlyFigures) {
  let sum = 0;
  f.spendEur.forEach((x, m) => (f.cumulativeSpendEur[m] = sum += x));
}

/** Series for every operator with work to do, their member states and the Union. */
export function timeline(snapshot: Snapshot, resolved: Resolved, out: SwapOutcome, touchedOps: Uint8Array): Timeline {
  const H = resolved.horizon;
  const union = emptyFigures(H);
  const memberStates: Record<string, MonthlyFigures> = {};
  const operators: Record<string, MonthlyFigures> = {};
  for (const o of byCode(snapshot.operators.ids)) {
    if (!touchedOps[o]) continue;
    const f = emptyFigures(H);
    for (let m = 0; m < H; m++) {
      f.toSwap[m] = out.toSwap[o * H + m];
      f.nonCompliant[m] = out.nonCompliant[o * H + m];
      f.swapped[m] = out.swapped[o * H + m];
      f.spendEur[m] = out.spend[o * H + m];
    }
    accumulate(f);
    operators[snapshot.operators.ids[o]] = f;
    const ms = snapshot.memberStates[snapshot.operators.memberState[o]];
    addInto((memberStates[ms] ??= emptyFigures(H)), f);
    addInto(union, f);
  }
  Object.values(memberStates).forEach(accumulate);
  accumulate(union);
  const months = Array.from({ length: H }, (_, m) => resolved.calendar.label(m));
  return {
    months,
    series: { union, memberStates, operators },
    explanation: {
      text:
        `${H} month(s) from ${resolved.scenario.start_date}; month m runs from start + m months to start + m + 1 months. ` +
        'Each operator segment swaps up to its capacity per month, earliest deadline first; spend is units swapped times the unit cost of their functions.',
      formula:
        'swapped(m) = min(capacity, units waiting); toSwap(m) = required − Σ swapped up to m; ' +
        'nonCompliant(m) = toSwap(m) of jobs with m ≥ dl (dl = whole months from the start date to the deadline), i.e. whose deadline falls before the end of month m, when its swaps are done; ' +
        'spend(m) = Σ swapped(m) × unit cost (quantity-weighted over the functions of the cell)',
      inputs: { startDate: resolved.scenario.start_date, horizonMonths: H },
    },
  };
}

const SOURCE_TEXT: Record<CapacitySource, string> = {
  operator: 'the operator\'s own figure in the scenario',
  default: 'the scenario\'s default',
  share: 'a share of the installed base',
};

/** One row per operator × restriction, and each operator's worst. */
export function feasibility(snapshot: Snapshot, resolved: Resolved, jobs: SwapJob[], capacity: Float64Array, source: CapacitySource[]): { operators: OperatorFeasibility[]; rows: FeasibilityRow[] } {
  const nSeg = snapshot.segments.length;
  const { calendar } = resolved;
  const byKey = new Map<string, SwapJob[]>();
  for (const j of jobs) {
    const key = `${snapshot.operators.ids[j.operator]}\u0000${String(j.restriction).padStart(6, '0')}`;
    (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(j);
  }
  const rows: FeasibilityRow[] = [];
  for (const key of [...byKey.keys()].sort()) {
    const list = byKey.get(key)!;
    const o = list[0].operator;
    const r = resolved.restrictions[list[0].restriction];
    const operatorId = snapshot.operators.ids[o];
    const memberState = snapshot.memberStates[snapshot.operators.memberState[o]];
    const segments = [...new Set(list.map((j) => j.segment))].sort((a, b) => a - b);
    const capacityPerMonth: Record<string, number> = {};
    for (const s of segments) capacityPerMonth[snapshot.segments[s]] = capacity[o * nSeg + s];
    const unitsRequired = list.reduce((n, j) => n + j.required, 0);
    const done = list.every((j) => j.finish >= 0);
    const finish = done ? Math.max(...list.map((j) => j.finish)) : -1;
    const missed = done ? Math.max(0, ...list.map((j) => j.finish + 1 - j.dl)) : null;
    const first = list.reduce((a, j) => (j.deadline < a.deadline ? j : a), list[0]);
    const deadline = first.deadline;
    const start = Math.min(...list.map((j) => j.start));
    const stalled = list.some((j) => j.stalled);
    const feasible = missed === 0;
    const capText = segments.map((s) => `${num(capacity[o * nSeg + s])}/month in ${snapshot.segments[s]} (${SOURCE_TEXT[source[o * nSeg + s]]})`).join(', ');
    const noCapacity = segments.some((s) => !(capacity[o * nSeg + s] > 0));
    const outcome = !done
      ? stalled
        ? 'the swap never finishes: no supplier can take the units'
        : noCapacity
          ? 'the swap never finishes: the capacity is 0'
          : `the swap does not finish within ${MAX_EXTRA_MONTHS} months after the horizon`
      : feasible
        ? `the last unit is swapped in ${calendar.label(finish)}, within the deadline ${deadline}`
        : `the last unit is swapped in ${calendar.label(finish)}, ${missed} month(s) after the deadline ${deadline}`;
    rows.push({
      operatorId,
      memberState,
      restrictionId: r.id,
      segments: segments.map((s) => snapshot.segments[s]),
      unitsRequired,
      capacityPerMonth,
      startMonth: calendar.label(start),
      deadline,
      finishMonth: done ? calendar.label(finish) : null,
      feasible,
      monthsMissed: missed,
      stalledNoAlternative: stalled,
      explanation: {
        text: `${operatorId}, ${r.id}: ${num(unitsRequired)} unit(s) to swap from ${calendar.label(start)} at ${capText}; ${outcome}.`,
        formula:
          'deadline = effective_date + transition_months; months allowed = whole months from the start date to the deadline (dl); ' +
          'finish = month of the last swap (0-based); monthsMissed = max(0, finish + 1 − dl)',
        inputs: {
          effectiveDate: first.effectiveDate,
          transitionMonths: first.transitionMonths,
          deadline,
          monthsAllowed: Math.min(...list.map((j) => j.dl)),
          startMonthIndex: start,
          finishMonthIndex: done ? finish : null,
          maxShare: r.maxShare,
        },
      },
    });
  }

  const operators: OperatorFeasibility[] = [];
  const perOp = new Map<string, FeasibilityRow[]>();
  for (const row of rows) (perOp.get(row.operatorId) ?? perOp.set(row.operatorId, []).get(row.operatorId)!).push(row);
  for (const [operatorId, list] of perOp) {
    const never = list.some((r) => r.monthsMissed === null);
    const missed = never ? null : Math.max(...list.map((r) => r.monthsMissed as number));
    const feasible = missed === 0;
    operators.push({
      operatorId,
      memberState: list[0].memberState,
      feasible,
      monthsMissed: missed,
      explanation: {
        text: `${operatorId}: ${list.length} restriction(s); ` + (feasible ? 'every deadline is met.' : never ? 'some swap never finishes.' : `misses by up to ${missed} month(s).`),
        formula: 'feasible ⇔ every restriction of the operator finishes by its deadline; monthsMissed = the largest of its rows',
        inputs: { rows: list.map((r) => ({ restriction: r.restrictionId, monthsMissed: r.monthsMissed })) },
      },
    });
  }
  return { operators, rows };
}

export function routing(snapshot: Snapshot, out: SwapOutcome): ReplacementRouting[] {
  const ids = snapshot.suppliers.ids;
  return out.groups.map((g) => {
    const operatorId = snapshot.operators.ids[g.operator];
    const segment = snapshot.segments[g.segment];
    const level = g.level ?? 'none';
    const targets: Record<string, number> = {};
    for (const [sup, q] of [...g.targets].sort((a, b) => (ids[a[0]] < ids[b[0]] ? -1 : 1))) targets[ids[sup]] = q;
    const where: Record<typeof level, string> = {
      named: 'the named suppliers, in their given shares',
      operator: 'the operator\'s remaining suppliers in the segment, in proportion to their current quantities',
      'member-state': 'the member state\'s suppliers of the segment (the operator had none left), in proportion',
      union: 'the Union\'s suppliers of the segment (none left in the member state), in proportion',
      none: 'no supplier: none is left that is neither restricted nor disrupted',
    };
    return {
      operatorId,
      memberState: snapshot.memberStates[snapshot.operators.memberState[g.operator]],
      segment,
      level,
      monthsStalled: g.monthsStalled,
      targets,
      explanation: {
        text:
          `${operatorId}, ${segment}: replacement units went to ${where[level]}` +
          (g.monthsStalled > 0 ? `; the swap stood still for ${g.monthsStalled} month(s) of the horizon for want of a supplier.` : '.'),
        formula: 'target share_t = w_t / Σ w over eligible suppliers; w = named share, else current quantity at the first level (operator, member state, Union) with an eligible supplier',
        inputs: { targets },
      },
    };
  });
}

export function twinTransition(snapshot: Snapshot, resolved: Resolved, out: SwapOutcome, touchedOps: Uint8Array) {
  const factor = resolved.energyFactor;
  const figures = (scope: ScopeLevel, label: string, keys: { memberState?: string; operatorId?: string }, units: number, kg: number, kwh: number): TwinTransitionFigures => ({
    scope,
    ...keys,
    unitsDismantled: units,
    eWasteKg: kg,
    annualKwhReplaced: kwh,
    annualKwhChange: kwh * (factor - 1),
    explanation: {
      text:
        `${label}: ${num(units)} unit(s) dismantled within the horizon, about ${num(Math.round(kg))} kg of electronic waste; ` +
        `they drew ${num(Math.round(kwh))} kWh a year, their replacements about ${num(Math.round(kwh * factor))} kWh (factor ${factor}).`,
      formula: 'eWasteKg = Σ swapped × kg per unit of the function; annualKwhChange = Σ swapped × kWh per year of the function × (factor − 1)',
      inputs: { replacementEnergyFactor: factor },
    },
  });
  const nMs = snapshot.memberStates.length;
  const ms = Array.from({ length: nMs }, () => [0, 0, 0]);
  let u = [0, 0, 0];
  const operators: TwinTransitionFigures[] = [];
  for (const o of byCode(snapshot.operators.ids)) {
    if (!touchedOps[o]) continue;
    const id = snapshot.operators.ids[o];
    const m = snapshot.operators.memberState[o];
    const v = [out.dismantled[o], out.eWasteKg[o], out.annualKwhReplaced[o]];
    operators.push(figures('operator', id, { memberState: snapshot.memberStates[m], operatorId: id }, v[0], v[1], v[2]));
    ms[m] = ms[m].map((x, k) => x + v[k]);
    u = u.map((x, k) => x + v[k]);
  }
  const memberStates = byCode(snapshot.memberStates)
    .filter((m) => ms[m][0] > 0)
    .map((m) => figures('member-state', snapshot.memberStates[m], { memberState: snapshot.memberStates[m] }, ms[m][0], ms[m][1], ms[m][2]));
  return { union: figures('union', 'Union', {}, u[0], u[1], u[2]), memberStates, operators };
}

export function totals(resolved: Resolved, jobs: SwapJob[], out: SwapOutcome, rows: OperatorFeasibility[]): SimulationTotals {
  const unitsRequired = jobs.reduce((n, j) => n + j.required, 0);
  let unitsSwapped = 0;
  let spendEur = 0;
  for (let k = 0; k < out.swapped.length; k++) {
    unitsSwapped += out.swapped[k];
    spendEur += out.spend[k];
  }
  const missing = rows.filter((r) => !r.feasible).length;
  return {
    unitsRequired,
    unitsSwapped,
    unitsLeftAtHorizon: unitsRequired - unitsSwapped,
    spendEur,
    operatorsInScope: rows.length,
    operatorsMissingDeadline: missing,
    explanation: {
      text:
        `${num(unitsRequired)} unit(s) at ${rows.length} operator(s) must be swapped; ${num(unitsSwapped)} are swapped within ` +
        `${resolved.horizon} month(s) for ${eur(spendEur)}; ${missing} operator(s) miss a deadline.`,
      formula: 'unitsRequired = Σ jobs; unitsSwapped and spend = Σ over the horizon; unitsLeftAtHorizon = unitsRequired − unitsSwapped',
      inputs: { horizonMonths: resolved.horizon },
    },
  };
}
