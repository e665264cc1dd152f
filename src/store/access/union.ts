import type { RiskLevel } from '../../catalog/risk-model.js';
import type { AssessmentResult, Severity } from '../../domain/index.js';
import type { Store } from '../open.js';
import { tenancyOf, type Scope } from './scope.js';
import { Where } from './sql.js';

/*
 * The Union view's rows: one per member state, whatever made them. Today the national instance cuts
 * them from its own whole-instance assessment and stored runs; a later Union instance will write the
 * same per-member-state rows from the national bundles it imports. Either way the scope narrows them
 * here: the whole instance and the union analyst see every member state (these are aggregates: counts,
 * indices and levels, never an operator's row), an authority its own member state, an operator none
 * (the route refuses it first: policy 'union.read').
 */

/** Concentration and exposure of one member state, as the member-state rows of an assessment give them. */
export interface MemberStateFigures {
  memberState: string;
  /** per segment: HHI on 0–10,000 over quantity shares, the top supplier and its share */
  concentration: { segment: string; hhi: number; suppliers: number; topSupplierId: string; topSupplierShare: number; quantity: number }[];
  /** share of critical (sensitive) quantity with designated suppliers, and the quantities behind it; absent when the assessment gave none */
  exposure?: {
    criticalExposure: number;
    sensitiveExposure: number;
    criticalQuantity: number;
    sensitiveQuantity: number;
    designatedCriticalQuantity: number;
    designatedSensitiveQuantity: number;
  };
}

/** The member-state rows of a whole-instance result, by member state code. */
export function memberStateFigures(result: Pick<AssessmentResult, 'metrics'>): MemberStateFigures[] {
  const by = new Map<string, MemberStateFigures>();
  const of = (ms: string) => {
    let f = by.get(ms);
    if (!f) by.set(ms, (f = { memberState: ms, concentration: [] }));
    return f;
  };
  for (const c of result.metrics.concentration) {
    if (c.scope !== 'member-state' || !c.memberState) continue;
    of(c.memberState).concentration.push({
      segment: c.segment,
      hhi: c.hhi,
      suppliers: c.suppliers,
      topSupplierId: c.topSupplierId,
      topSupplierShare: c.topSupplierShare,
      quantity: c.quantity,
    });
  }
  for (const e of result.metrics.exposure) {
    if (e.scope !== 'member-state' || !e.memberState) continue;
    const { criticalExposure, sensitiveExposure, criticalQuantity, sensitiveQuantity, designatedCriticalQuantity, designatedSensitiveQuantity } = e;
    of(e.memberState).exposure = { criticalExposure, sensitiveExposure, criticalQuantity, sensitiveQuantity, designatedCriticalQuantity, designatedSensitiveQuantity };
  }
  return [...by.values()].sort((a, b) => (a.memberState < b.memberState ? -1 : 1));
}

/** Which member states' Union rows the scope sees: every one, one, or none. */
export function unionReach(scope: Scope): 'all' | { memberState: string } | 'none' {
  const t = tenancyOf(scope);
  if (t.kind === 'all' || t.kind === 'aggregates') return 'all';
  if (t.kind === 'member-state') return { memberState: t.memberState };
  return 'none';
}

/** The rows of member states the scope reaches. */
export function unionRowsInScope<R extends { memberState: string }>(scope: Scope, rows: readonly R[]): R[] {
  const r = unionReach(scope);
  return r === 'all' ? [...rows] : r === 'none' ? [] : rows.filter((x) => x.memberState === r.memberState);
}

/** A stored run the Union view can compare: run over the whole instance, or (for its authority) over one member state. */
export interface UnionRun {
  assessmentId: string;
  runAt: string;
  date: string;
  /** the member state the run was narrowed to; absent: the whole instance */
  memberState?: string;
}

function runWhere(scope: Scope): Where {
  const r = unionReach(scope);
  const w = new Where().add('a.operator_id IS NULL');
  if (r === 'none') return w.add('1 = 0');
  // a run narrowed to one member state holds only that member state's rows: its authority's, and the whole instance's
  if (r === 'all') return tenancyOf(scope).kind === 'all' ? w : w.add('a.member_state IS NULL');
  return w.add('(a.member_state IS NULL OR a.member_state = ?)', r.memberState);
}

/** The runs the scope may compare, newest first (at most `limit`). */
export function listUnionRuns(store: Store, scope: Scope, limit = 100): UnionRun[] {
  const w = runWhere(scope);
  const rows = store.sqlite
    .prepare(`SELECT a.assessment_id, a.run_at, a.date, a.member_state FROM assessments a${w} ORDER BY a.run_at DESC, coalesce(a.run_seq, 0) DESC, a.assessment_id LIMIT ?`)
    .all(...w.params, limit) as { assessment_id: string; run_at: string; date: string; member_state: string | null }[];
  return rows.map((r) => ({ assessmentId: r.assessment_id, runAt: r.run_at, date: r.date, ...(r.member_state ? { memberState: r.member_state } : {}) }));
}

function unionRun(store: Store, scope: Scope, id: string): UnionRun | undefined {
  const w = runWhere(scope).add('a.assessment_id = ?', id);
  const r = store.sqlite.prepare(`SELECT a.assessment_id, a.run_at, a.date, a.member_state FROM assessments a${w}`).get(...w.params) as
    | { assessment_id: string; run_at: string; date: string; member_state: string | null }
    | undefined;
  return r && { assessmentId: r.assessment_id, runAt: r.run_at, date: r.date, ...(r.member_state ? { memberState: r.member_state } : {}) };
}

type Levels = { level: RiskLevel; residualLevel: RiskLevel };
const zero = (): Record<Severity, number> => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });

/** What changed in one member state between two runs. */
export interface MemberStateChange {
  memberState: string;
  findings: { before: number; after: number; added: number; closed: number; addedBySeverity: Record<Severity, number>; closedBySeverity: Record<Severity, number> };
  /** risk areas whose member-state level, inherent or residual, moved (or that one run lacks) */
  risks: { riskArea: string; from?: Levels; to?: Levels }[];
}

export interface UnionChanges {
  from: UnionRun;
  to: UnionRun;
  /** member states in reach with a finding or risk level in either run, by code */
  memberStates: MemberStateChange[];
  /** the findings added and closed, for scopes that may see findings (not the union analyst: aggregates only); at most FINDING_LIST */
  findings?: { findingId: string; change: 'added' | 'closed'; memberState: string; rule: string; severity: Severity }[];
  /** more findings changed than listed */
  truncated?: boolean;
}

export const FINDING_LIST = 500;

/**
 * Per member state: findings added (in `to`, not in `from`, by finding id) and closed (the reverse),
 * and risk areas whose member-state levels differ. Undefined when either run is not one the scope may
 * compare (absent and out of reach look alike).
 */
export function unionChanges(store: Store, scope: Scope, fromId: string, toId: string): UnionChanges | undefined {
  const from = unionRun(store, scope, fromId);
  const to = unionRun(store, scope, toId);
  if (!from || !to) return undefined;
  const reach = unionReach(scope);
  const msClause = (col: string, w: Where) => (typeof reach === 'object' ? w.add(`${col} = ?`, reach.memberState) : w);
  const findingsOf = (id: string) => {
    const w = msClause('f.member_state', new Where().add('f.assessment_id = ?', id));
    const rows = store.sqlite.prepare(`SELECT f.finding_id AS id, f.member_state AS ms, f.rule, f.severity FROM assessment_findings f${w}`).all(...w.params) as {
      id: string;
      ms: string;
      rule: string;
      severity: Severity;
    }[];
    return new Map(rows.map((r) => [r.id, r]));
  };
  const risksOf = (id: string) => {
    const w = msClause('r.member_state', new Where().add('r.assessment_id = ?', id).add("r.scope = 'member-state'"));
    const rows = store.sqlite
      .prepare(`SELECT r.member_state AS ms, r.risk_area AS area, r.level, r.residual_level AS residual FROM assessment_risks r${w}`)
      .all(...w.params) as { ms: string; area: string; level: RiskLevel; residual: RiskLevel }[];
    return new Map(rows.map((r) => [`${r.ms}|${r.area}`, r]));
  };
  const [fa, fb, ra, rb] = [findingsOf(from.assessmentId), findingsOf(to.assessmentId), risksOf(from.assessmentId), risksOf(to.assessmentId)];

  const states = new Map<string, MemberStateChange>();
  const state = (ms: string) => {
    let s = states.get(ms);
    if (!s)
      states.set(ms, (s = { memberState: ms, findings: { before: 0, after: 0, added: 0, closed: 0, addedBySeverity: zero(), closedBySeverity: zero() }, risks: [] }));
    return s;
  };
  const listed: NonNullable<UnionChanges['findings']> = [];
  const list = (f: { id: string; ms: string; rule: string; severity: Severity }, change: 'added' | 'closed') =>
    listed.push({ findingId: f.id, change, memberState: f.ms, rule: f.rule, severity: f.severity });
  for (const f of fa.values()) {
    const s = state(f.ms);
    s.findings.before++;
    if (!fb.has(f.id)) (s.findings.closed++, s.findings.closedBySeverity[f.severity]++, list(f, 'closed'));
  }
  for (const f of fb.values()) {
    const s = state(f.ms);
    s.findings.after++;
    if (!fa.has(f.id)) (s.findings.added++, s.findings.addedBySeverity[f.severity]++, list(f, 'added'));
  }
  for (const key of new Set([...ra.keys(), ...rb.keys()])) {
    const x = ra.get(key);
    const y = rb.get(key);
    const ms = (x ?? y)!.ms;
    const s = state(ms);
    if (x && y && x.level === y.level && x.residual === y.residual) continue;
    s.risks.push({
      riskArea: (x ?? y)!.area,
      ...(x ? { from: { level: x.level, residualLevel: x.residual } } : {}),
      ...(y ? { to: { level: y.level, residualLevel: y.residual } } : {}),
    });
  }
  for (const s of states.values()) s.risks.sort((a, b) => (a.riskArea < b.riskArea ? -1 : 1));
  const answer: UnionChanges = { from, to, memberStates: [...states.values()].sort((a, b) => (a.memberState < b.memberState ? -1 : 1)) };
  // the union analyst reads aggregates only: counts, never the findings themselves
  if (tenancyOf(scope).kind !== 'aggregates') {
    listed.sort((a, b) => (a.memberState === b.memberState ? (a.findingId < b.findingId ? -1 : 1) : a.memberState < b.memberState ? -1 : 1));
    answer.findings = listed.slice(0, FINDING_LIST);
    if (listed.length > FINDING_LIST) answer.truncated = true;
  }
  return answer;
}
