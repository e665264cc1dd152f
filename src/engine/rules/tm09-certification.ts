import type { Finding } from '../../domain/index.js';
import { CRITICAL } from '../criticality.js';
import { num } from '../format.js';
import { Grouper, type RuleInput } from './rule.js';

const NO_PRODUCT = 'no-product';

/**
 * TM09 — certification of 5G components. A critical asset is flagged when its product lacks a
 * certification the policy requires for the asset's segment (labels compared upper-cased), or when no
 * product is recorded, since then no certification can be shown. One finding per operator × segment ×
 * product (or "no product") × missing set; the missing set follows from the member state, segment and
 * product, so it never splits a group. Severity medium.
 */
export function tm09(input: RuleInput): Finding[] {
  const { ctx } = input;
  const { snapshot, criticality, policies } = ctx;
  const nSeg = snapshot.segments.length;
  const nMs = snapshot.memberStates.length;
  const nProd = snapshot.products.ids.length;
  const nFn = criticality.functions;

  // Distinct requirement lists per member state × segment; most member states share the baseline's.
  const requirementLists: string[][] = [];
  const listKeys = new Map<string, number>();
  const requirementOf = new Int32Array(nMs * nSeg).fill(-1);
  for (let m = 0; m < nMs; m++) {
    for (let s = 0; s < nSeg; s++) {
      const req = [...new Set((policies[m].requiredCertifications[snapshot.segments[s]] ?? []).map((c) => c.toUpperCase()))].sort();
      if (req.length === 0) continue;
      const key = req.join('\u0000');
      let r = listKeys.get(key);
      if (r === undefined) {
        r = requirementLists.push(req) - 1;
        listKeys.set(key, r);
      }
      requirementOf[m * nSeg + s] = r;
    }
  }
  if (requirementLists.length === 0) return [];

  // Missing set per requirement list × product (+1 for "no product"), worked out on first use:
  // -2 not yet known, -1 nothing missing, else an index into missingSets.
  const missingSets: string[][] = [];
  const missingOf = new Int32Array(requirementLists.length * (nProd + 1)).fill(-2);
  const missingFor = (r: number, p: number): number => {
    const at = r * (nProd + 1) + p + 1;
    if (missingOf[at] === -2) {
      const have = p < 0 ? [] : snapshot.products.certifications[p].map((c) => c.toUpperCase());
      const missing = requirementLists[r].filter((c) => !have.includes(c));
      missingOf[at] = missing.length === 0 ? -1 : missingSets.push(missing) - 1;
    }
    return missingOf[at];
  };

  const grouper = new Grouper(snapshot.operators.ids.length * nSeg * (nProd + 1), input.scratch);
  const { count, operator, segment, function: fn, product, quantity, ids } = snapshot.assets;
  const opMs = snapshot.operators.memberState;
  const { codes, operatorBase } = criticality;
  for (let i = 0; i < count; i++) {
    const o = operator[i];
    if (!ctx.operatorInScope[o]) continue;
    const s = segment[i];
    if (codes[operatorBase[o] + s * nFn + fn[i]] !== CRITICAL) continue;
    const r = requirementOf[opMs[o] * nSeg + s];
    if (r < 0) continue;
    const known = missingOf[r * (nProd + 1) + product[i] + 1];
    if ((known === -2 ? missingFor(r, product[i]) : known) < 0) continue;
    grouper.quantity[grouper.add((o * nSeg + s) * (nProd + 1) + product[i] + 1, i)] += quantity[i];
  }

  return grouper.finish(ids).map((group) => {
    const p = (group.key % (nProd + 1)) - 1;
    const cell = Math.floor(group.key / (nProd + 1));
    const o = Math.floor(cell / nSeg);
    const r = requirementOf[opMs[o] * nSeg + (cell % nSeg)];
    const g = { ...group, missing: missingSets[missingFor(r, p)], required: requirementLists[r] };
    const operatorId = snapshot.operators.ids[o];
    const seg = snapshot.segments[cell % nSeg];
    const hasProduct = p >= 0;
    const productId = hasProduct ? snapshot.products.ids[p] : undefined;
    const supplierId = hasProduct ? snapshot.suppliers.ids[snapshot.products.supplier[p]] : undefined;
    const held = hasProduct ? snapshot.products.certifications[p] : [];
    const what = hasProduct
      ? `product ${productId} (certifications: ${held.length ? held.join(', ') : 'none'}) lacks ${g.missing.join(', ')}`
      : `no product is recorded, so ${g.missing.join(', ')} cannot be shown`;
    return {
      id: `TM09:${operatorId}:${seg}:${productId ?? NO_PRODUCT}:${g.missing.join('+')}`,
      rule: 'TM09',
      measure: 'TM09',
      severity: 'medium',
      scope: 'operator',
      memberState: snapshot.memberStates[opMs[o]],
      operatorId,
      segment: seg,
      ...(supplierId !== undefined ? { supplierId } : {}),
      ...(productId !== undefined ? { productId } : {}),
      affectedQuantity: g.quantity,
      assetIds: g.assetIds,
      explanation: {
        text:
          `${operatorId}, ${seg}: ${g.assetIds.length} critical asset(s), quantity ${num(g.quantity)}: ${what}, ` +
          `which the policy requires for ${seg} (${g.required.join(', ')}).`,
        formula: 'missing = required(segment) − certifications(product), labels upper-cased; flag critical assets where missing ≠ ∅',
        inputs: {
          required: g.required,
          certifications: held,
          missing: g.missing,
          productId: productId ?? null,
          assets: g.assetIds.length,
          quantity: g.quantity,
        },
      },
    };
  });
}
