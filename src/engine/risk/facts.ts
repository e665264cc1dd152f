import type { ConcentrationRow, ExposureRow, Finding } from '../../domain/index.js';
import type { RiskDriverId, RiskModel } from '../../catalog/risk-model.js';
import { criticalityOf, policyFor } from '../criticality.js';
import { num, pct } from '../format.js';
import type { RiskContext, RiskScope } from './types.js';

/** A driver's value on 0–1 with the figures behind it. */
export interface DriverValue {
  value: number;
  known: boolean;
  detail: string;
}

/** Everything the drivers of one scope read, worked out once per scope. */
export interface ScopeFacts {
  scope: RiskScope;
  memberState: string;
  operatorId?: string;
  /** every driver but `baseline`, which is the area's own value */
  drivers: Record<Exclude<RiskDriverId, 'baseline'>, DriverValue>;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
/** "12 of 40 key-asset quantity from designated suppliers (30.0 %)", or "no key-asset quantity, so 0". */
const ratio = (part: number, whole: number, wholeName: string, partName: string) =>
  whole > 0 ? `${num(part)} of ${num(whole)} ${wholeName} ${partName} (${pct(part / whole)})` : `no ${wholeName}, so 0`;

/** Sum of a fact over operators; unknown when no operator records it. */
function sumKnown(values: number[]): { sum: number; known: number } {
  let sum = 0;
  let known = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      sum += v;
      known++;
    }
  }
  return { sum, known };
}

function subscriberScale(model: RiskModel, values: number[]): DriverValue {
  const { sum, known } = sumKnown(values);
  if (known === 0) {
    return { value: model.scale.unknownFactValue, known: false, detail: `subscribers not recorded: ${model.scale.unknownFactValue} assumed` };
  }
  const bands = model.scale.subscriberBands;
  const reached = bands.filter((b) => sum >= b).length;
  const partial = known < values.length ? ` (${values.length - known} of ${values.length} operators record none)` : '';
  return {
    value: reached / bands.length,
    known: true,
    detail: `${num(sum)} subscribers${partial} reach ${reached} of ${bands.length} bands (${bands.map(num).join(', ')})`,
  };
}

function criticalServices(model: RiskModel, values: number[]): DriverValue {
  const { sum, known } = sumKnown(values);
  const saturation = model.scale.criticalServicesSaturation;
  if (known === 0) {
    return { value: model.scale.unknownFactValue, known: false, detail: `critical services not recorded: ${model.scale.unknownFactValue} assumed` };
  }
  const partial = known < values.length ? ` (${values.length - known} of ${values.length} operators record none)` : '';
  return { value: Math.min(1, sum / saturation), known: true, detail: `${num(sum)} critical services${partial} / saturation ${num(saturation)}, at most 1` };
}

function concentration(rows: ConcentrationRow[]): Pick<ScopeFacts['drivers'], 'max-hhi' | 'single-supplier-segments'> {
  if (rows.length === 0) {
    const none = { value: 0, known: true, detail: 'no segment holds any quantity, so 0' };
    return { 'max-hhi': none, 'single-supplier-segments': none };
  }
  const top = rows.reduce((a, b) => (b.hhi > a.hhi ? b : a));
  const single = rows.filter((r) => r.suppliers === 1).map((r) => r.segment);
  return {
    'max-hhi': { value: top.hhi / 10_000, known: true, detail: `highest HHI ${num(top.hhi)} (${top.segment}) / 10,000` },
    'single-supplier-segments': {
      value: single.length / rows.length,
      known: true,
      detail: `${single.length} of ${rows.length} segments have one supplier${single.length ? ` (${single.join(', ')})` : ''}`,
    },
  };
}

/**
 * Key-asset quantity per operator from suppliers that the operator's member state profiles as high.
 * Read from the snapshot, since no metric of the assessment holds it; 0 for all when no profile is high.
 */
function highProfileQuantity(ctx: RiskContext): Float64Array {
  const { snapshot } = ctx;
  const out = new Float64Array(snapshot.operators.ids.length);
  const high = new Set<string>();
  // A later profile of the same pair replaces an earlier one: drop pairs whose last entry is not high.
  for (const p of ctx.profiles ?? []) {
    const key = `${p.memberState}|${p.supplierId}`;
    if (p.level === 'high') high.add(key);
    else high.delete(key);
  }
  if (high.size === 0) return out;
  const nSup = snapshot.suppliers.ids.length;
  const nSeg = snapshot.segments.length;
  const nFn = snapshot.functions.length;
  const flagged = new Uint8Array(snapshot.memberStates.length * nSup);
  snapshot.memberStates.forEach((ms, m) =>
    snapshot.suppliers.ids.forEach((s, k) => {
      if (high.has(`${ms}|${s}`)) flagged[m * nSup + k] = 1;
    }),
  );
  const key = new Int8Array(snapshot.memberStates.length * nSeg * nFn).fill(-1);
  const { count, operator, segment, function: fn, supplier, quantity } = snapshot.assets;
  const opMs = snapshot.operators.memberState;
  for (let i = 0; i < count; i++) {
    const o = operator[i];
    const m = opMs[o];
    if (!flagged[m * nSup + supplier[i]]) continue;
    const at = (m * nSeg + segment[i]) * nFn + fn[i];
    if (key[at] < 0) {
      const c = criticalityOf(policyFor(snapshot, snapshot.memberStates[m]), snapshot.segments[segment[i]], snapshot.functions[fn[i]]);
      key[at] = c === 'other' ? 0 : 1;
    }
    if (key[at] === 1) out[o] += quantity[i];
  }
  return out;
}

const sumFindings = (findings: Finding[], rule: string, match: (f: Finding) => boolean) =>
  findings.filter((f) => f.rule === rule && f.level === 'operator' && match(f)).reduce((s, f) => s + f.affectedQuantity, 0);

/**
 * Facts for every member state and operator the assessment has an exposure row for (the scopes it
 * covers), member states first, in the assessment's order.
 */
export function scopeFacts(ctx: RiskContext, model: RiskModel): ScopeFacts[] {
  const { snapshot, result } = ctx;
  const highQty = highProfileQuantity(ctx);
  const opIndex = new Map(snapshot.operators.ids.map((id, i) => [id, i]));
  const operatorsOf = (ms: string) =>
    snapshot.operators.ids.map((_, o) => o).filter((o) => snapshot.memberStates[snapshot.operators.memberState[o]] === ms);
  const facts = (o: number) => ctx.facts?.operators?.[snapshot.operators.ids[o]]?.criticalServices ?? Number.NaN;

  const rows = result.metrics.exposure.filter((r): r is ExposureRow & { scope: RiskScope; memberState: string } => r.scope !== 'union' && r.memberState !== undefined);
  const ordered = [...rows.filter((r) => r.scope === 'member-state'), ...rows.filter((r) => r.scope === 'operator')];
  return ordered.map((row) => {
    const isOp = row.scope === 'operator';
    const ops = isOp ? [opIndex.get(row.operatorId!)!] : operatorsOf(row.memberState);
    const inScope = (f: Finding) => (isOp ? f.operatorId === row.operatorId : f.memberState === row.memberState);
    const conc = result.metrics.concentration.filter(
      (c) => c.scope === row.scope && c.memberState === row.memberState && (!isOp || c.operatorId === row.operatorId),
    );
    const key = row.criticalQuantity + row.sensitiveQuantity;
    const designated = row.designatedCriticalQuantity + row.designatedSensitiveQuantity;
    const high = ops.reduce((s, o) => s + highQty[o], 0);
    const uncertified = sumFindings(result.findings, 'TM09', inScope);
    const unsupported = sumFindings(result.findings, 'TM07', inScope);
    return {
      scope: row.scope,
      memberState: row.memberState,
      ...(isOp ? { operatorId: row.operatorId } : {}),
      drivers: {
        'subscriber-scale': subscriberScale(model, ops.map((o) => snapshot.operators.subscribers[o])),
        'critical-services': criticalServices(model, ops.map(facts)),
        ...concentration(conc),
        'designated-key-asset-share': { value: share(designated, key), known: true, detail: ratio(designated, key, 'key-asset quantity', 'from designated suppliers') },
        'high-profile-key-asset-share': { value: share(high, key), known: true, detail: ratio(high, key, 'key-asset quantity', 'from high-profile suppliers') },
        'uncertified-critical-share': {
          value: share(uncertified, row.criticalQuantity),
          known: true,
          detail: ratio(uncertified, row.criticalQuantity, 'critical quantity', 'lacks a required certification (TM09)'),
        },
        'unsupported-key-asset-share': { value: share(unsupported, key), known: true, detail: ratio(unsupported, key, 'key-asset quantity', 'is out of support (TM07)') },
      },
    };
  });
}
