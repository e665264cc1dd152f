import type { Finding, ScopeLevel, Severity, SupplierCap } from '../../domain/index.js';
import type { SupplierCube } from '../concentration.js';
import { num, pct } from '../format.js';
import { Grouper, type RuleInput } from './rule.js';

/**
 * SM03-CAP — caps on designated suppliers. For each cap of each member state's effective policy: within
 * the cap's segment, per operator of that member state or for the member state as a whole, the share of
 * quantity held by suppliers with a designation in force by that member state of one of the cap's kinds:
 *
 *     share = Σ q(designated suppliers) / Σ q(all suppliers)
 *
 * flagged when share > max_share (strictly, as SM05's threshold). The designation's own scope does not
 * matter here: a cap is the member state's rule for its segment, typically for a supplier excluded from
 * the core and capped in the RAN.
 *
 * Measure SM03, not SM05: SM05 asks for diversity whoever the suppliers are; a cap applies only to
 * designated suppliers and limits how far they may be used — a quantitative form of SM03's "restrictions
 * on suppliers considered high risk", which the Toolbox allows to fall short of exclusion.
 *
 * Severity: high once the cap applies (on or after `from`, or always without one): a binding national
 * limit is exceeded. Not critical, which SM03 keeps for excluded suppliers past their deadline: a cap
 * accepts a measured dependency, and exceeding it enlarges that dependency rather than breaching an
 * exclusion. Before `from`: info — the breach is upcoming, with `from` as the deadline, so operators see
 * it while they can still plan.
 */
export function sm03Cap(input: RuleInput): Finding[] {
  const { ctx, concentration } = input;
  const { snapshot, policies, activeDesignations } = ctx;
  const nSeg = snapshot.segments.length;
  const nSup = snapshot.suppliers.ids.length;
  const opMs = snapshot.operators.memberState;
  const flagged: Breach[] = [];

  policies.forEach((policy, m) => {
    for (const cap of policy.caps) {
      const s = snapshot.segments.indexOf(cap.segment);
      const designated = new Uint8Array(nSup);
      const designations = new Map<number, string[]>();
      for (const a of activeDesignations) {
        if (a.memberState !== m || !cap.designation_kinds.includes(a.designation.kind)) continue;
        designated[a.supplier] = 1;
        designations.set(a.supplier, [...(designations.get(a.supplier) ?? []), a.designation.designation_id]);
      }
      if (s < 0 || designations.size === 0) continue;
      const check = (scope: ScopeLevel, cube: SupplierCube, index: number) => {
        const base = (index * nSeg + s) * nSup;
        let total = 0;
        let held = 0;
        const bySupplier: Record<string, number> = {};
        for (let k = 0; k < nSup; k++) {
          const q = cube.quantity[base + k];
          total += q;
          if (designated[k] && q > 0) {
            held += q;
            bySupplier[snapshot.suppliers.ids[k]] = q;
          }
        }
        if (total > 0 && held / total > cap.max_share) flagged.push({ cap, m, s, scope, index, total, held, bySupplier, designated, designations });
      };
      if (cap.scope === 'operator') {
        for (let o = 0; o < opMs.length; o++) if (opMs[o] === m && ctx.operatorInScope[o]) check('operator', concentration.operator, o);
      } else if (ctx.memberStateInScope[m]) check('member-state', concentration.memberState, m);
    }
  });
  if (flagged.length === 0) return [];
  const assets = breachAssets(input, flagged);
  return flagged.map((b, k) => finding(input, b, assets[k]!));
}

interface Breach {
  cap: SupplierCap;
  m: number;
  s: number;
  scope: ScopeLevel;
  /** operator or member-state index */
  index: number;
  total: number;
  held: number;
  bySupplier: Record<string, number>;
  designated: Uint8Array;
  designations: Map<number, string[]>;
}

/** The designated suppliers' assets of each breach, in one pass over the assets. */
function breachAssets(input: RuleInput, flagged: Breach[]): { quantity: number; assetIds: string[] }[] {
  const { snapshot, designated } = input.ctx;
  const nSeg = snapshot.segments.length;
  const nSup = snapshot.suppliers.ids.length;
  const opMs = snapshot.operators.memberState;
  // per operator × segment and member state × segment cell: the breaches it may feed
  const byOperatorCell = new Map<number, number[]>();
  const byMemberStateCell = new Map<number, number[]>();
  flagged.forEach((b, k) => {
    const map = b.scope === 'operator' ? byOperatorCell : byMemberStateCell;
    const cell = b.index * nSeg + b.s;
    map.set(cell, [...(map.get(cell) ?? []), k]);
  });
  const grouper = new Grouper(flagged.length, input.scratch);
  const { count, operator, segment, supplier, quantity, ids } = snapshot.assets;
  for (let i = 0; i < count; i++) {
    const o = operator[i];
    const m = opMs[o];
    const sup = supplier[i];
    // cheap first test: a supplier its member state has not designated at all feeds no cap
    if (!designated[m * nSup + sup]) continue;
    const ofOperator = byOperatorCell.get(o * nSeg + segment[i]);
    if (ofOperator) for (const k of ofOperator) if (flagged[k]!.designated[sup]) grouper.quantity[grouper.add(k, i)] += quantity[i];
    const ofMemberState = byMemberStateCell.get(m * nSeg + segment[i]);
    if (ofMemberState) for (const k of ofMemberState) if (flagged[k]!.designated[sup]) grouper.quantity[grouper.add(k, i)] += quantity[i];
  }
  const out = flagged.map(() => ({ quantity: 0, assetIds: [] as string[] }));
  for (const g of grouper.finish(ids)) out[g.key] = { quantity: g.quantity, assetIds: g.assetIds };
  return out;
}

const FORMULA =
  'share = Σ q(suppliers designated with one of the kinds, in force) / Σ q(all suppliers), in the cap\'s segment and scope; ' +
  'flag when share > max_share; excess = designated − max_share × total; severity = high on or after `from` (or without one), info before it';

function finding(input: RuleInput, b: Breach, assets: { quantity: number; assetIds: string[] }): Finding {
  const { snapshot, date } = input.ctx;
  const { cap } = b;
  const memberState = snapshot.memberStates[b.m];
  const segment = snapshot.segments[b.s];
  const operatorId = b.scope === 'operator' ? snapshot.operators.ids[b.index] : undefined;
  const applies = cap.from === undefined || cap.from <= date;
  const severity: Severity = applies ? 'high' : 'info';
  const share = b.held / b.total;
  const excess = b.held - cap.max_share * b.total;
  const suppliers = Object.keys(b.bySupplier).sort();
  const designations = [...b.designations.entries()]
    .filter(([k]) => b.bySupplier[snapshot.suppliers.ids[k]] !== undefined)
    .flatMap(([, ids]) => ids)
    .sort();
  const where = b.scope === 'operator' ? `${operatorId}, ${segment}` : `${memberState}, ${segment} (all operators)`;
  const limit = b.scope === 'operator' ? `of each operator's ${segment}` : `of ${memberState}'s ${segment}`;
  const status =
    cap.from === undefined ? 'the cap applies' : applies ? `the cap applies since ${cap.from}` : `the cap applies from ${cap.from}: a breach to come unless the share falls`;
  return {
    id: b.scope === 'operator' ? `SM03-CAP:${operatorId}:${segment}:${cap.cap_id}` : `SM03-CAP:${memberState}:${segment}:${cap.cap_id}`,
    rule: 'SM03-CAP',
    measure: 'SM03',
    severity,
    level: b.scope,
    memberState,
    ...(operatorId !== undefined ? { operatorId } : {}),
    segment,
    ...(suppliers.length === 1 ? { supplierId: suppliers[0] } : {}),
    affectedQuantity: assets.quantity,
    assetIds: assets.assetIds,
    ...(cap.from !== undefined ? { deadline: cap.from } : {}),
    explanation: {
      text:
        `${where}: suppliers designated ${cap.designation_kinds.join(' or ')} by ${memberState} ` +
        `(${suppliers.map((id) => `${id} ${num(b.bySupplier[id]!)}`).join(', ')}) hold ${num(b.held)} of ${num(b.total)} (${pct(share)}), ` +
        `above cap ${cap.cap_id} of at most ${pct(cap.max_share)} ${limit}; ${status}. ` +
        `Reaching the cap means replacing a quantity of ${num(excess)} (${num(b.held)} − ${pct(cap.max_share)} × ${num(b.total)}).`,
      formula: FORMULA,
      inputs: {
        capId: cap.cap_id,
        capScope: b.scope,
        segment,
        designationKinds: cap.designation_kinds,
        maxShare: cap.max_share,
        from: cap.from ?? null,
        date,
        designatedQuantity: b.held,
        totalQuantity: b.total,
        share,
        excessQuantity: excess,
        designatedSuppliers: b.bySupplier,
        designations,
      },
    },
  };
}
