import type { Finding, Severity } from '../../domain/index.js';
import { KEY_ASSETS } from '../../domain/index.js';
import { OTHER } from '../criticality.js';
import type { ActiveDesignation } from '../context.js';
import { num } from '../format.js';
import { addMonths } from '../snapshot.js';
import { Grouper, type AssetGroup, type RuleInput } from './rule.js';

interface Group extends AssetGroup {
  operator: number;
  segment: number;
  designation: number;
}

/**
 * SM03 — restrictions on designated suppliers for key assets. An asset is caught when its supplier is
 * designated by its operator's member state (in force at the date) and the asset falls in the
 * designation's scope: a listed segment, or `key-assets` with the asset critical or sensitive.
 * One finding per operator × segment × supplier × designation.
 */
export function sm03(input: RuleInput): Finding[] {
  const { ctx } = input;
  const { snapshot, criticality, activeDesignations } = ctx;
  if (activeDesignations.length === 0) return [];
  const nSeg = snapshot.segments.length;
  const nSup = snapshot.suppliers.ids.length;
  const nFn = criticality.functions;
  const nDes = activeDesignations.length;

  // per member state × supplier: the active designations that apply, with their scope resolved
  const bySupplier = new Map<number, number[]>();
  const segmentInScope = new Uint8Array(nDes * nSeg);
  const keyAssets = new Uint8Array(nDes);
  activeDesignations.forEach((d, k) => {
    const cell = d.memberState * nSup + d.supplier;
    bySupplier.set(cell, [...(bySupplier.get(cell) ?? []), k]);
    for (const item of d.designation.segments) {
      if (item === KEY_ASSETS) keyAssets[k] = 1;
      else {
        const s = snapshot.segments.indexOf(item);
        if (s >= 0) segmentInScope[k * nSeg + s] = 1;
      }
    }
  });

  const grouper = new Grouper(snapshot.operators.ids.length * nSeg * nDes, input.scratch);
  const { count, operator, segment, function: fn, supplier, quantity, ids } = snapshot.assets;
  const opMs = snapshot.operators.memberState;
  const { codes, operatorBase } = criticality;
  for (let i = 0; i < count; i++) {
    const o = operator[i];
    if (!ctx.operatorInScope[o] || !ctx.designated[opMs[o] * nSup + supplier[i]]) continue;
    const s = segment[i];
    for (const k of bySupplier.get(opMs[o] * nSup + supplier[i])!) {
      const inScope = segmentInScope[k * nSeg + s] === 1 || (keyAssets[k] === 1 && codes[operatorBase[o] + s * nFn + fn[i]] !== OTHER);
      if (inScope) grouper.quantity[grouper.add((o * nSeg + s) * nDes + k, i)] += quantity[i];
    }
  }

  return grouper.finish(ids).map((g) => {
    const group: Group = { ...g, operator: Math.floor(g.key / (nSeg * nDes)), segment: Math.floor(g.key / nDes) % nSeg, designation: g.key % nDes };
    return finding(input, group, activeDesignations[group.designation]);
  });
}

function finding(input: RuleInput, g: Group, active: ActiveDesignation): Finding {
  const { snapshot, date } = input.ctx;
  const d = active.designation;
  const operatorId = snapshot.operators.ids[g.operator];
  const segment = snapshot.segments[g.segment];
  const deadline = addMonths(d.effective_date, d.transition_months);
  const past = date > deadline;
  const severity: Severity = d.kind === 'conditional' ? 'medium' : past ? 'critical' : 'high';
  const status =
    d.kind === 'conditional'
      ? `conditions apply to its use (deadline ${deadline})`
      : past
        ? `the transition ended on ${deadline}: these assets are past the deadline`
        : `they must be phased out by ${deadline}`;
  return {
    id: `SM03:${operatorId}:${segment}:${d.supplier_id}:${d.designation_id}`,
    rule: 'SM03',
    measure: 'SM03',
    severity,
    level: 'operator',
    memberState: d.member_state,
    operatorId,
    segment,
    supplierId: d.supplier_id,
    affectedQuantity: g.quantity,
    assetIds: g.assetIds,
    deadline,
    explanation: {
      text:
        `${operatorId}, ${segment}: ${g.assetIds.length} asset(s), quantity ${num(g.quantity)}, come from ${d.supplier_id}, ` +
        `designated ${d.kind} by ${d.member_state} (${d.designation_id}, in force since ${d.effective_date}, ` +
        `${d.transition_months}-month transition); ${status}.`,
      formula:
        'deadline = effective_date + transition_months (calendar months, clamped to month end); ' +
        'severity = medium if kind is conditional, else critical if date > deadline, else high',
      inputs: {
        designationId: d.designation_id,
        kind: d.kind,
        restriction: d.segments,
        legalBasis: d.legal_basis,
        effectiveDate: d.effective_date,
        transitionMonths: d.transition_months,
        deadline,
        date,
        assets: g.assetIds.length,
        quantity: g.quantity,
      },
    },
  };
}
