import type { Finding } from '../../domain/index.js';
import { CRITICAL } from '../criticality.js';
import { num } from '../format.js';
import { judgeRequirement, type CertificateRecord } from '../certificates.js';
import { Grouper, type RuleInput } from './rule.js';

interface Outcome {
  missing: string[];
  /** per missing scheme, why the product's records do not meet it (absent: no record, no label) */
  why: Record<string, string>;
  /** required schemes met by a plain label only */
  unverified: string[];
  /** ids of the records that meet the others */
  certified: string[];
  /** the asset version judged, for products with version-limited certificates */
  version: string | undefined;
}

const NO_PRODUCT = 'no-product';

/**
 * TM09 — certification of 5G components. A critical asset is flagged when its product lacks a
 * certification the policy requires for the asset's segment (labels compared upper-cased), or when no
 * product is recorded, since then no certification can be shown. Where certificate records exist for the
 * product and scheme, they decide (valid on the date, covering the asset's version: ../certificates.ts)
 * and the finding says why none serves; a plain label counts only where no record of its scheme exists. One finding per operator × segment ×
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

  // Certificate records by product and scheme; products with a record limited to some versions are judged per version.
  const recordsOf = new Map<number, Map<string, CertificateRecord[]>>();
  const versioned = new Set<number>();
  const prodIndex = new Map(snapshot.products.ids.map((id, i) => [id, i]));
  for (const rec of snapshot.certificates ?? []) {
    const p = prodIndex.get(rec.productId);
    if (p === undefined) continue;
    const bySchema = recordsOf.get(p) ?? new Map<string, CertificateRecord[]>();
    recordsOf.set(p, bySchema);
    bySchema.set(rec.scheme, [...(bySchema.get(rec.scheme) ?? []), rec]);
    if (rec.versions.length > 0) versioned.add(p);
  }

  // Outcome of a requirement list for a product (and version, where it matters), worked out on first use.
  const outcomes: Outcome[] = [];
  const judge = (r: number, p: number, version: string | undefined): number => {
    const labels = p < 0 ? [] : snapshot.products.certifications[p];
    const records = p < 0 ? undefined : recordsOf.get(p);
    const missing: string[] = [];
    const why: Record<string, string> = {};
    const unverified: string[] = [];
    const certified: string[] = [];
    for (const scheme of requirementLists[r]) {
      const v = judgeRequirement(scheme, records?.get(scheme) ?? [], labels, ctx.date, version);
      if (!v.met) {
        missing.push(scheme);
        if (v.why) why[scheme] = v.why;
      } else if (v.verified) certified.push(v.certificateId!);
      else unverified.push(scheme);
    }
    return missing.length === 0 ? -1 : outcomes.push({ missing, why, unverified, certified, version }) - 1;
  };
  // -2 not yet known, -1 nothing missing, else an index into outcomes
  const plainOf = new Int32Array(requirementLists.length * (nProd + 1)).fill(-2);
  const plain = (r: number, p: number): number => {
    const at = r * (nProd + 1) + p + 1;
    if (plainOf[at] === -2) plainOf[at] = judge(r, p, undefined);
    return plainOf[at];
  };
  const byVersion = new Map<string, number>();
  const perVersion = (r: number, p: number, version: string | undefined): number => {
    const k = `${r}|${p}|${version ?? ''}`;
    let o = byVersion.get(k);
    if (o === undefined) byVersion.set(k, (o = judge(r, p, version)));
    return o;
  };

  // Keys: operator × segment × product; a version-judged product's key also carries its outcome (past `dense`).
  const dense = snapshot.operators.ids.length * nSeg * (nProd + 1);
  const grouper = new Grouper(dense, input.scratch);
  const { count, operator, segment, function: fn, product, quantity, ids } = snapshot.assets;
  const opMs = snapshot.operators.memberState;
  const { codes, operatorBase } = criticality;
  const versions = snapshot.assetVersions;
  for (let i = 0; i < count; i++) {
    const o = operator[i];
    if (!ctx.operatorInScope[o]) continue;
    const s = segment[i];
    if (codes[operatorBase[o] + s * nFn + fn[i]] !== CRITICAL) continue;
    const r = requirementOf[opMs[o] * nSeg + s];
    if (r < 0) continue;
    const p = product[i];
    const base = (o * nSeg + s) * (nProd + 1) + p + 1;
    if (p >= 0 && versioned.has(p)) {
      const outcome = perVersion(r, p, versions?.get(ids[i]));
      if (outcome < 0) continue;
      grouper.quantity[grouper.add(dense * (1 + outcome) + base, i)] += quantity[i];
      continue;
    }
    const known = plainOf[r * (nProd + 1) + p + 1];
    if ((known === -2 ? plain(r, p) : known) < 0) continue;
    grouper.quantity[grouper.add(base, i)] += quantity[i];
  }

  return grouper.finish(ids).map((group) => {
    const base = group.key % dense;
    const p = (base % (nProd + 1)) - 1;
    const cell = Math.floor(base / (nProd + 1));
    const o = Math.floor(cell / nSeg);
    const r = requirementOf[opMs[o] * nSeg + (cell % nSeg)];
    const outcome = outcomes[group.key < dense ? plain(r, p) : Math.floor(group.key / dense) - 1];
    const g = { ...group, missing: outcome.missing, required: requirementLists[r] };
    const operatorId = snapshot.operators.ids[o];
    const seg = snapshot.segments[cell % nSeg];
    const hasProduct = p >= 0;
    const productId = hasProduct ? snapshot.products.ids[p] : undefined;
    const supplierId = hasProduct ? snapshot.suppliers.ids[snapshot.products.supplier[p]] : undefined;
    const held = hasProduct ? snapshot.products.certifications[p] : [];
    const lacks = g.missing.map((c) => (outcome.why[c] ? `${c} (${outcome.why[c]})` : c)).join(', ');
    const version = group.key < dense ? '' : `@${outcome.version ?? 'no-version'}`;
    const what = hasProduct
      ? `product ${productId}${version ? ` version ${outcome.version ?? 'not recorded'}` : ''} (certifications: ${held.length ? held.join(', ') : 'none'}) lacks ${lacks}`
      : `no product is recorded, so ${g.missing.join(', ')} cannot be shown`;
    return {
      id: `TM09:${operatorId}:${seg}:${productId ?? NO_PRODUCT}${version}:${g.missing.join('+')}`,
      rule: 'TM09',
      measure: 'TM09',
      severity: 'medium',
      level: 'operator',
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
          ...(Object.keys(outcome.why).length ? { certificateProblems: outcome.why } : {}),
          ...(outcome.certified.length ? { certificates: outcome.certified } : {}),
          ...(outcome.unverified.length ? { unverifiedLabels: outcome.unverified } : {}),
          ...(version ? { softwareVersion: outcome.version ?? null } : {}),
          productId: productId ?? null,
          assets: g.assetIds.length,
          quantity: g.quantity,
        },
      },
    };
  });
}
