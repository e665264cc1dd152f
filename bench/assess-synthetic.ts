import type { Designation } from '../src/domain/index.js';
import { BASELINE_POLICY, FUNCTIONS, SEGMENTS, type EffectivePolicy } from '../src/catalog/index.js';
import { EU_MEMBER_STATES } from '../src/domain/index.js';
import { allocateAssetColumns, toEpochDay, type Snapshot } from '../src/engine/snapshot.js';
import { mulberry32 } from '../src/demo/random.js';

/** Deterministic, so every run and both engines see the same data. */
const random = mulberry32;

export interface SyntheticOptions {
  assets: number;
  operators: number;
  suppliers: number;
  seed?: number;
}

/**
 * A Union-scale inventory built straight into columns: operators spread over the 27 EU member states,
 * assets clustered by operator (as files per operator arrive), each operator × segment dominated by a
 * primary supplier to a varying degree (some single-vendor) with three secondary suppliers, products per supplier × function with and
 * without NESAS and some past end of support, and a handful of designations of every status.
 * Suppliers are fictional ("SUP-07").
 */
export function syntheticSnapshot({ assets: n, operators: nOps, suppliers: nSup, seed = 42 }: SyntheticOptions): Snapshot {
  const rnd = random(seed);
  const memberStates = Object.keys(EU_MEMBER_STATES).sort();
  const segments = SEGMENTS.map((s) => s.id);
  const functions = FUNCTIONS.map((f) => f.id);
  const fnsOfSegment = segments.map((s) => FUNCTIONS.flatMap((f, i) => (f.segment === s ? [i] : [])));

  const supplierIds = Array.from({ length: nSup }, (_, k) => `SUP-${String(k).padStart(2, '0')}`);
  // one product per supplier × function
  const nProd = nSup * functions.length;
  const products = {
    ids: new Array<string>(nProd),
    names: new Array<string>(nProd),
    supplier: new Int32Array(nProd),
    function: new Array<string>(nProd),
    certifications: new Array<string[]>(nProd),
    endOfSupport: new Float64Array(nProd),
  };
  const past = toEpochDay('2025-03-31');
  const future = toEpochDay('2031-12-31');
  for (let s = 0; s < nSup; s++) {
    for (let f = 0; f < functions.length; f++) {
      const p = s * functions.length + f;
      products.ids[p] = `P-${s}-${functions[f]}`;
      products.names[p] = `Product ${p}`;
      products.supplier[p] = s;
      products.function[p] = functions[f];
      products.certifications[p] = rnd() < 0.6 ? ['NESAS'] : rnd() < 0.5 ? ['EUCC'] : [];
      products.endOfSupport[p] = rnd() < 0.15 ? past : future;
    }
  }

  const operatorMs = Int32Array.from({ length: nOps }, (_, o) => o % memberStates.length);
  // per operator × segment: a primary supplier and three secondary ones (an operator runs a few vendors
  // per segment, not all forty); across operators every supplier appears
  const SECONDARY = 3;
  const primary = new Int32Array(nOps * segments.length);
  const secondary = new Int32Array(nOps * segments.length * SECONDARY);
  const weight = new Float64Array(nOps * segments.length);
  for (let c = 0; c < primary.length; c++) {
    primary[c] = Math.floor(rnd() * nSup);
    for (let k = 0; k < SECONDARY; k++) secondary[c * SECONDARY + k] = Math.floor(rnd() * nSup);
    weight[c] = rnd() < 0.1 ? 1 : 0.4 + 0.55 * rnd();
  }

  const assets = allocateAssetColumns(n);
  const perOp = Math.ceil(n / nOps);
  for (let i = 0; i < n; i++) {
    const o = Math.floor(i / perOp);
    const s = Math.floor(rnd() * segments.length);
    const fns = fnsOfSegment[s];
    const f = fns[Math.floor(rnd() * fns.length)];
    const cell = o * segments.length + s;
    const sup = rnd() < weight[cell] ? primary[cell] : secondary[cell * SECONDARY + Math.floor(rnd() * SECONDARY)];
    const p = rnd() < 0.02 ? -1 : sup * functions.length + f;
    assets.ids[i] = `A${i}`;
    assets.operator[i] = o;
    assets.segment[i] = s;
    assets.function[i] = f;
    assets.supplier[i] = sup;
    assets.product[i] = p;
    assets.quantity[i] = 1 + Math.floor(rnd() * 20);
    assets.endOfSupport[i] = p >= 0 ? products.endOfSupport[p] : Number.NaN;
  }

  const d = (id: string, ms: Designation['member_state'], sup: number, fields: Partial<Designation>): Designation => ({
    designation_id: id,
    member_state: ms,
    supplier_id: supplierIds[sup],
    kind: 'high-risk',
    segments: ['ran'],
    legal_basis: 'Synthetic act',
    effective_date: '2024-01-01',
    transition_months: 36,
    status: 'in-force',
    ...fields,
  });
  const designations: Designation[] = [
    d('D-DE', 'DE', 3, { segments: ['key-assets'] }),
    d('D-FR', 'FR', 3, { segments: ['core', 'management'], transition_months: 12 }),
    d('D-IT', 'IT', 3, {}),
    d('D-NL', 'NL', 5, { segments: ['key-assets'], effective_date: '2025-06-30' }),
    d('D-ES', 'ES', 7, { kind: 'conditional', segments: ['ran', 'transport'] }),
    d('D-AT', 'AT', 11, { status: 'revoked' }),
    d('D-SE', 'SE', 15, { status: 'proposed' }),
    d('D-PL', 'PL', 3, { effective_date: '2027-01-01' }),
  ];

  const policies = new Map<string, EffectivePolicy>(memberStates.map((ms) => [ms, { ...BASELINE_POLICY, memberState: ms }]));
  // one national policy that differs, so overrides are exercised at scale
  policies.set('DE', { ...BASELINE_POLICY, memberState: 'DE', version: 'de-1', criticalityOverrides: [{ function: 'gNB', criticality: 'critical' }] });

  return {
    memberStates,
    operators: {
      ids: Array.from({ length: nOps }, (_, o) => `OP-${String(o).padStart(3, '0')}`),
      names: Array.from({ length: nOps }, (_, o) => `Operator ${o}`),
      memberState: operatorMs,
      subscribers: new Float64Array(nOps),
    },
    suppliers: { ids: supplierIds, names: supplierIds.map((s) => `Supplier ${s}`), hqCountry: supplierIds.map(() => 'XX') },
    products,
    segments,
    functions,
    assets,
    designations,
    policies,
  };
}
