import type { RiskLevel } from '../../catalog/risk-model.js';
import type { Contradiction } from '../../engine/contradictions.js';
import type { Recommendation, RiskScore } from '../../engine/risk/types.js';
import { fromJsonColumn, toJsonColumn } from '../json.js';
import type { Store } from '../open.js';
import type { Scope } from './scope.js';
import { scopeRows, selectPage, Where, type Page, type PageRequest } from './sql.js';

/*
 * The risk scores and recommendations of a stored run (tables of migration 0009), one per row with the
 * member state and operator they are about, so that a caller's scope narrows them in SQL: an authority
 * reads its member state's scores and its operators', an operator only its own.
 */

/** What saveAssessment stores besides the engine's result. */
export interface AssessmentExtras {
  risks?: readonly RiskScore[];
  recommendations?: readonly Recommendation[];
  /** measures declared in place that the run's findings contradict (migration 0014) */
  contradictions?: readonly Contradiction[];
  /** SHA-256 (hex) of `inputs`' hashed part */
  inputsHash?: string;
  /** what went into the hash, kept as JSON so a diff can say which input moved */
  inputs?: unknown;
}

/** Writes the rows; called by saveAssessment inside its transaction. */
export function insertRiskRows(store: Store, assessmentId: string, extras: AssessmentExtras): void {
  const db = store.sqlite;
  if (extras.risks?.length) {
    const insert = db.prepare(
      `INSERT INTO assessment_risks (assessment_id, position, scope, member_state, operator_id, risk_area, level, residual_level, document)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    extras.risks.forEach((r, i) =>
      insert.run(assessmentId, i, r.scope, r.memberState, r.operatorId ?? null, r.riskArea, r.level, r.residualLevel, toJsonColumn(r)),
    );
  }
  if (extras.recommendations?.length) {
    const insert = db.prepare(
      `INSERT INTO assessment_recommendations (assessment_id, position, scope, member_state, operator_id, target_kind, target, document)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    extras.recommendations.forEach((r, i) =>
      insert.run(
        assessmentId,
        i,
        r.scope,
        r.memberState,
        r.operatorId ?? null,
        r.target.kind,
        r.target.kind === 'finding' ? r.target.findingId : r.target.riskArea,
        toJsonColumn(r),
      ),
    );
  }
  if (extras.contradictions?.length) {
    const insert = db.prepare(
      `INSERT INTO assessment_contradictions (assessment_id, position, scope, member_state, operator_id, measure, document)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    extras.contradictions.forEach((c, i) =>
      insert.run(assessmentId, i, c.scope, c.memberState ?? null, c.operatorId ?? null, c.measure, toJsonColumn(c)),
    );
  }
}

export interface RiskFilter extends PageRequest {
  memberState?: string;
  operatorId?: string;
  riskArea?: string;
  residualLevel?: RiskLevel;
}

const riskScope = (scope: Scope, id: string) =>
  scopeRows(new Where().add('r.assessment_id = ?', id), scope, { memberState: 'r.member_state', operator: 'r.operator_id' });

/** A page of the run's risk scores in the scope, in the order they were scored. */
export function listRisks(store: Store, scope: Scope, assessmentId: string, f: RiskFilter = {}): Page<RiskScore> {
  const w = riskScope(scope, assessmentId).eq('r.member_state', f.memberState).eq('r.operator_id', f.operatorId).eq('r.risk_area', f.riskArea).eq('r.residual_level', f.residualLevel);
  const page = selectPage<{ document: string }>(store, 'r.document', 'FROM assessment_risks r', w, 'r.position', f);
  return { ...page, items: page.items.map((r) => fromJsonColumn<RiskScore>(r.document, undefined as never)) };
}

/** Every risk score of the run in the scope, in order. */
export function allRisks(store: Store, scope: Scope, assessmentId: string): RiskScore[] {
  const w = riskScope(scope, assessmentId);
  const docs = store.sqlite.prepare(`SELECT r.document FROM assessment_risks r${w} ORDER BY r.position`).pluck().all(...w.params) as string[];
  return docs.map((d) => fromJsonColumn<RiskScore>(d, undefined as never));
}

export interface RecommendationFilter extends PageRequest {
  memberState?: string;
  operatorId?: string;
  targetKind?: 'finding' | 'risk';
}

const recommendationScope = (scope: Scope, id: string) =>
  scopeRows(new Where().add('r.assessment_id = ?', id), scope, { memberState: 'r.member_state', operator: 'r.operator_id' });

/** A page of the run's recommendations in the scope: findings' first, then high residual risks'. */
export function listRecommendations(store: Store, scope: Scope, assessmentId: string, f: RecommendationFilter = {}): Page<Recommendation> {
  const w = recommendationScope(scope, assessmentId).eq('r.member_state', f.memberState).eq('r.operator_id', f.operatorId).eq('r.target_kind', f.targetKind);
  const page = selectPage<{ document: string }>(store, 'r.document', 'FROM assessment_recommendations r', w, 'r.position', f);
  return { ...page, items: page.items.map((r) => fromJsonColumn<Recommendation>(r.document, undefined as never)) };
}

/** Every recommendation of the run in the scope, in order. */
export function allRecommendations(store: Store, scope: Scope, assessmentId: string): Recommendation[] {
  const w = recommendationScope(scope, assessmentId);
  const docs = store.sqlite.prepare(`SELECT r.document FROM assessment_recommendations r${w} ORDER BY r.position`).pluck().all(...w.params) as string[];
  return docs.map((d) => fromJsonColumn<Recommendation>(d, undefined as never));
}

export interface ContradictionFilter extends PageRequest {
  memberState?: string;
  operatorId?: string;
  measure?: string;
}

const contradictionScope = (scope: Scope, id: string) =>
  scopeRows(new Where().add('c.assessment_id = ?', id), scope, { memberState: 'c.member_state', operator: 'c.operator_id' });

/** A page of the run's contradictions in the scope: operators' declarations first, then member states', then the Union's. */
export function listContradictions(store: Store, scope: Scope, assessmentId: string, f: ContradictionFilter = {}): Page<Contradiction> {
  const w = contradictionScope(scope, assessmentId).eq('c.member_state', f.memberState).eq('c.operator_id', f.operatorId).eq('c.measure', f.measure);
  const page = selectPage<{ document: string }>(store, 'c.document', 'FROM assessment_contradictions c', w, 'c.position', f);
  return { ...page, items: page.items.map((r) => fromJsonColumn<Contradiction>(r.document, undefined as never)) };
}

/** Every contradiction of the run in the scope, in order. */
export function allContradictions(store: Store, scope: Scope, assessmentId: string): Contradiction[] {
  const w = contradictionScope(scope, assessmentId);
  const docs = store.sqlite.prepare(`SELECT c.document FROM assessment_contradictions c${w} ORDER BY c.position`).pluck().all(...w.params) as string[];
  return docs.map((d) => fromJsonColumn<Contradiction>(d, undefined as never));
}
