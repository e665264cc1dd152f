import { createHash } from 'node:crypto';
import type { AssessmentResult, ConcentrationRow, ExposureRow, Finding } from '../domain/index.js';
import { SEVERITY_RANK } from '../domain/index.js';
import { num, pct } from './format.js';
import type { RiskScore } from './risk/types.js';

/** An assessment as stored: the engine's result, optionally with its risk scores and inputs hash. */
export type StoredAssessment = AssessmentResult & { risks?: readonly RiskScore[]; inputsHash?: string };

export interface DiffOptions {
  /** HHI points (0–10,000) a change must exceed to be reported; default 1 */
  hhiTolerance?: number;
  /** share (0–1) a change must exceed; default 0.0005 (0.05 percentage points) */
  shareTolerance?: number;
}

export interface FindingDiff {
  id: string;
  rule: string;
  change: 'added' | 'removed' | 'changed';
  reasons: string[];
  before?: { severity: string; affectedQuantity: number; deadline?: string };
  after?: { severity: string; affectedQuantity: number; deadline?: string };
}

export interface MetricChange {
  metric: 'hhi' | 'top-supplier' | 'top-supplier-share' | 'suppliers' | 'critical-exposure' | 'sensitive-exposure' | 'row';
  /** the row: `Union/ran`, `DE/ran`, `OP-1/core`, or `DE` for exposure */
  key: string;
  from: number | string | null;
  to: number | string | null;
  reason: string;
}

export interface RiskChange {
  key: string;
  riskArea: string;
  from?: { level: string; residualLevel: string };
  to?: { level: string; residualLevel: string };
  reasons: string[];
}

export interface AssessmentDiff {
  inputs: string[];
  findings: FindingDiff[];
  metrics: MetricChange[];
  risks: RiskChange[];
  /** every reason, in the order above: what `assess --diff A B` prints */
  summary: string[];
}

const label = (r: { scope: string; memberState?: string; operatorId?: string }) =>
  r.scope === 'union' ? 'Union' : r.scope === 'member-state' ? r.memberState! : r.operatorId!;
const moved = (from: number, to: number) => (to > from ? 'rose' : 'fell');

function findingDiffs(a: StoredAssessment, b: StoredAssessment): FindingDiff[] {
  const before = new Map(a.findings.map((f) => [f.id, f]));
  const after = new Map(b.findings.map((f) => [f.id, f]));
  const brief = (f: Finding) => ({ severity: f.severity, affectedQuantity: f.affectedQuantity, ...(f.deadline ? { deadline: f.deadline } : {}) });
  const out: FindingDiff[] = [];
  for (const [id, f] of after) {
    const was = before.get(id);
    if (!was) {
      out.push({ id, rule: f.rule, change: 'added', reasons: [`new ${f.severity} finding ${id}: ${f.explanation.text}`], after: brief(f) });
      continue;
    }
    const reasons: string[] = [];
    if (was.severity !== f.severity) {
      const dir = SEVERITY_RANK[f.severity] > SEVERITY_RANK[was.severity] ? 'rose' : 'fell';
      const passed = f.deadline && f.deadline === was.deadline && a.date <= f.deadline && b.date > f.deadline ? ` (its deadline ${f.deadline} passed between ${a.date} and ${b.date})` : '';
      reasons.push(`severity of ${id} ${dir} from ${was.severity} to ${f.severity}${passed}`);
    }
    if (was.affectedQuantity !== f.affectedQuantity) {
      reasons.push(`affected quantity of ${id} ${moved(was.affectedQuantity, f.affectedQuantity)} from ${num(was.affectedQuantity)} to ${num(f.affectedQuantity)}`);
    }
    if (was.deadline !== f.deadline) reasons.push(`deadline of ${id} moved from ${was.deadline ?? 'none'} to ${f.deadline ?? 'none'}`);
    if (reasons.length) out.push({ id, rule: f.rule, change: 'changed', reasons, before: brief(was), after: brief(f) });
  }
  for (const [id, f] of before) {
    if (!after.has(id)) out.push({ id, rule: f.rule, change: 'removed', reasons: [`finding ${id} (${f.severity}) no longer raised; it was: ${f.explanation.text}`], before: brief(f) });
  }
  const order = { removed: 0, changed: 1, added: 2 };
  return out.sort((x, y) => order[x.change] - order[y.change] || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

function concentrationChanges(a: readonly ConcentrationRow[], b: readonly ConcentrationRow[], hhiTol: number, shareTol: number): MetricChange[] {
  const key = (r: ConcentrationRow) => `${label(r)}/${r.segment}`;
  const before = new Map(a.map((r) => [key(r), r]));
  const after = new Map(b.map((r) => [key(r), r]));
  const out: MetricChange[] = [];
  for (const [k, r] of after) {
    const was = before.get(k);
    if (!was) {
      out.push({ metric: 'row', key: k, from: null, to: r.hhi, reason: `${k} now holds quantity ${num(r.quantity)} (HHI ${num(r.hhi)})` });
      continue;
    }
    if (Math.abs(r.hhi - was.hhi) > hhiTol) out.push({ metric: 'hhi', key: k, from: was.hhi, to: r.hhi, reason: `HHI of ${k} ${moved(was.hhi, r.hhi)} from ${num(was.hhi)} to ${num(r.hhi)}` });
    if (r.topSupplierId !== was.topSupplierId) {
      out.push({ metric: 'top-supplier', key: k, from: was.topSupplierId, to: r.topSupplierId, reason: `top supplier of ${k} changed from ${was.topSupplierId} to ${r.topSupplierId}` });
    } else if (Math.abs(r.topSupplierShare - was.topSupplierShare) > shareTol) {
      out.push({
        metric: 'top-supplier-share',
        key: k,
        from: was.topSupplierShare,
        to: r.topSupplierShare,
        reason: `share of ${r.topSupplierId} in ${k} ${moved(was.topSupplierShare, r.topSupplierShare)} from ${pct(was.topSupplierShare)} to ${pct(r.topSupplierShare)}`,
      });
    }
    if (r.suppliers !== was.suppliers) out.push({ metric: 'suppliers', key: k, from: was.suppliers, to: r.suppliers, reason: `suppliers in ${k} went from ${was.suppliers} to ${r.suppliers}` });
  }
  for (const [k, was] of before) {
    if (!after.has(k)) out.push({ metric: 'row', key: k, from: was.hhi, to: null, reason: `${k} no longer holds any quantity (HHI was ${num(was.hhi)})` });
  }
  return out;
}

function exposureChanges(a: readonly ExposureRow[], b: readonly ExposureRow[], shareTol: number): MetricChange[] {
  const before = new Map(a.map((r) => [label(r), r]));
  const out: MetricChange[] = [];
  for (const r of b) {
    const k = label(r);
    const was = before.get(k);
    if (!was) continue;
    for (const [metric, field, name] of [
      ['critical-exposure', 'criticalExposure', 'critical'],
      ['sensitive-exposure', 'sensitiveExposure', 'sensitive'],
    ] as const) {
      if (Math.abs(r[field] - was[field]) > shareTol) {
        out.push({ metric, key: k, from: was[field], to: r[field], reason: `${name} exposure of ${k} to designated suppliers ${moved(was[field], r[field])} from ${pct(was[field])} to ${pct(r[field])}` });
      }
    }
  }
  return out;
}

function riskChanges(a: readonly RiskScore[] = [], b: readonly RiskScore[] = []): RiskChange[] {
  const key = (s: RiskScore) => `${s.operatorId ?? s.memberState}|${s.riskArea}`;
  const before = new Map(a.map((s) => [key(s), s]));
  const out: RiskChange[] = [];
  for (const s of b) {
    const was = before.get(key(s));
    const scope = s.operatorId ?? s.memberState;
    const now = { level: s.level, residualLevel: s.residualLevel };
    if (!was) {
      out.push({ key: scope, riskArea: s.riskArea, to: now, reasons: [`${s.riskArea} of ${scope} is scored for the first time: ${s.level}, residual ${s.residualLevel}`] });
      continue;
    }
    const reasons: string[] = [];
    if (was.level !== s.level || was.likelihood !== s.likelihood || was.impact !== s.impact) {
      reasons.push(`${s.riskArea} of ${scope}: inherent ${was.likelihood}×${was.impact} ${was.level} → ${s.likelihood}×${s.impact} ${s.level}`);
    }
    if (was.residualLevel !== s.residualLevel || was.residualLikelihood !== s.residualLikelihood || was.residualImpact !== s.residualImpact) {
      reasons.push(`${s.riskArea} of ${scope}: residual ${was.residualLikelihood}×${was.residualImpact} ${was.residualLevel} → ${s.residualLikelihood}×${s.residualImpact} ${s.residualLevel}`);
    }
    if (reasons.length === 0) continue;
    const drivers = new Map(was.drivers.map((d) => [`${d.dimension}.${d.name}`, d]));
    for (const d of s.drivers) {
      const old = drivers.get(`${d.dimension}.${d.name}`);
      if (old && Math.abs(old.value - d.value) > 1e-9) reasons.push(`  because ${d.name} (${d.dimension}) went from ${num(old.value)} to ${num(d.value)}: ${d.detail}`);
    }
    const statuses = new Map(was.mitigations.map((m) => [m.measure, m]));
    // a status the findings contradict earns less (docs/risk-model.md): a change of contradiction is a change of status
    const statusText = (m: RiskScore['mitigations'][number]) =>
      m.contradictedBy ? `${m.status} (contradicted by ${m.contradictedBy} finding${m.contradictedBy === 1 ? '' : 's'})` : m.status;
    for (const m of s.mitigations) {
      const old = statuses.get(m.measure);
      if (old && statusText(old) !== statusText(m)) reasons.push(`  because ${m.measure} went from ${statusText(old)} to ${statusText(m)}`);
    }
    out.push({ key: scope, riskArea: s.riskArea, from: { level: was.level, residualLevel: was.residualLevel }, to: now, reasons });
  }
  return out;
}

/**
 * What changed from run `a` to run `b`, and why: findings matched by their stable id (added, removed,
 * severity, quantity or deadline changed), concentration and exposure beyond the tolerances, and risk
 * scores with the drivers and statuses that moved them.
 */
export function diffAssessments(a: StoredAssessment, b: StoredAssessment, options: DiffOptions = {}): AssessmentDiff {
  const hhiTol = options.hhiTolerance ?? 1;
  const shareTol = options.shareTolerance ?? 0.0005;
  const inputs: string[] = [];
  if (a.date !== b.date) inputs.push(`assessment date changed from ${a.date} to ${b.date}`);
  if (a.catalogVersion !== b.catalogVersion) inputs.push(`catalogue version changed from ${a.catalogVersion} to ${b.catalogVersion}`);
  if (a.inputsHash !== undefined && b.inputsHash !== undefined && a.inputsHash !== b.inputsHash) {
    inputs.push(`inputs changed (hash ${a.inputsHash.slice(0, 12)} → ${b.inputsHash.slice(0, 12)})`);
  }
  if (JSON.stringify(a.filter) !== JSON.stringify(b.filter)) inputs.push(`filter changed from ${JSON.stringify(a.filter)} to ${JSON.stringify(b.filter)}`);
  const findings = findingDiffs(a, b);
  const metrics = [
    ...concentrationChanges(a.metrics.concentration, b.metrics.concentration, hhiTol, shareTol),
    ...exposureChanges(a.metrics.exposure, b.metrics.exposure, shareTol),
  ];
  const risks = riskChanges(a.risks, b.risks);
  return {
    inputs,
    findings,
    metrics,
    risks,
    summary: [...inputs, ...findings.flatMap((f) => f.reasons), ...metrics.map((m) => m.reason), ...risks.flatMap((r) => r.reasons)],
  };
}

/** JSON with object keys sorted at every depth, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Date) return v.toISOString();
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x) => norm(x));
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : norm(x)));
    if (v instanceof Map) return norm(Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), x])));
    // A set has no order: its canonical form is its members' canonical texts, sorted.
    if (v instanceof Set) return [...v].map((x) => canonicalJson(x)).sort().map((t) => JSON.parse(t) as unknown);
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .filter((k) => o[k] !== undefined && typeof o[k] !== 'function')
          .sort()
          .map((k) => [k, norm(o[k])]),
      );
    }
    return null;
  };
  return JSON.stringify(norm(value));
}

/**
 * SHA-256 (hex) over the canonical JSON of an assessment's inputs — e.g. { data, policy, catalogue,
 * riskModel, implementations } versions or contents — so that two runs over the same inputs share a hash.
 */
export function inputsHash(parts: Readonly<Record<string, unknown>>): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}
