import { CATALOG, type Catalog } from '../catalog/index.js';
import { DEFAULT_RISK_MODEL, type RiskModel } from '../catalog/risk-model.js';
import type { AssessmentResult } from '../domain/index.js';
import type { Implementation } from '../domain/implementation.js';
import { assess } from '../engine/assess.js';
import { findContradictions, type Contradiction } from '../engine/contradictions.js';
import { recommend, scoreRisks } from '../engine/risk/index.js';
import type { OperatorFacts, Recommendation, RiskContext, RiskScore, SupplierProfileLevel } from '../engine/risk/types.js';
import type { Snapshot } from '../engine/snapshot.js';
import { saveAssessment } from '../store/access/assessments.js';
import type { Actor } from '../store/audit/index.js';
import { listImplementations } from '../store/implementations.js';
import { recordedOperatorFacts } from '../store/repositories.js';
import type { Store } from '../store/open.js';
import { currentProfileLevels } from '../store/profiles.js';
import { dataVersion } from '../store/snapshot-cache.js';
import { loadSnapshot } from '../store/snapshot-load.js';
import { assessmentInputs, hashInputs, type RecordedInputs } from './assessment-inputs.js';

export interface AssessmentRunOptions {
  /** judge designations and deadlines at this date (YYYY-MM-DD) */
  date: string;
  memberState?: string;
  operatorId?: string;
}

/**
 * What a run reads besides the inventory. Each is read from the store when not given; a caller that
 * already holds one (the server's scope-narrowed snapshot, a test's rows) passes it in.
 */
export interface AssessmentRunSources {
  snapshot?: Snapshot;
  implementations?: readonly Implementation[];
  profiles?: readonly SupplierProfileLevel[];
  facts?: Readonly<Record<string, OperatorFacts>>;
  model?: RiskModel;
  catalog?: Catalog;
}

export interface AssessmentRun {
  result: AssessmentResult;
  /** R1–R9 inherent and residual, member states first, then operators */
  risks: RiskScore[];
  recommendations: Recommendation[];
  /** measures declared in place at a scope whose findings say otherwise (docs/risk-model.md) */
  contradictions: Contradiction[];
  inputsHash: string;
  inputs: RecordedInputs;
}

/** The rows of an implementation history that can reach the snapshot's operators and their member states. */
function reaching(rows: readonly Implementation[], snapshot: Snapshot): Implementation[] {
  const operators = new Set(snapshot.operators.ids);
  const memberStates = new Set(Array.from(snapshot.operators.memberState, (m) => snapshot.memberStates[m]!));
  return rows.filter(
    (r) =>
      r.scope_level === 'union' ||
      (r.scope_level === 'member-state' && memberStates.has(r.member_state!)) ||
      (r.scope_level === 'operator' && operators.has(r.operator_id!)),
  );
}

/**
 * One assessment with its risk scores and recommendations, and the hash of everything it read: the
 * application service the CLI's `assess` and the server share. Pure reads; saveAssessmentRun stores it.
 */
export async function runAssessment(store: Store, options: AssessmentRunOptions, sources: AssessmentRunSources = {}): Promise<AssessmentRun> {
  const filter = {
    ...(options.memberState !== undefined ? { memberState: options.memberState } : {}),
    ...(options.operatorId !== undefined ? { operatorId: options.operatorId } : {}),
  };
  const [allImplementations, allProfiles, facts] = await Promise.all([
    sources.implementations ?? listImplementations(store),
    sources.profiles ?? currentProfileLevels(store),
    sources.facts ?? recordedOperatorFacts(store),
  ]);
  const snapshot = sources.snapshot ?? loadSnapshot(store, filter, { date: options.date });
  const version = dataVersion(store);
  const catalog = sources.catalog ?? CATALOG;
  const model = sources.model ?? DEFAULT_RISK_MODEL;

  // Only rows that can reach the run's scopes go in, so another member state's change leaves this hash alone.
  const implementations = reaching(allImplementations, snapshot);
  const runStates = new Set(Array.from(snapshot.operators.memberState, (m) => snapshot.memberStates[m]!));
  const profiles = allProfiles.filter((p) => runStates.has(p.memberState));
  const operatorFacts = Object.fromEntries(Object.entries(facts).filter(([id]) => snapshot.operators.ids.includes(id)));

  const result = assess(snapshot, { date: options.date, ...filter });
  const ctx: RiskContext = { snapshot, result, implementations, profiles, facts: { operators: operatorFacts }, catalog, model };
  const risks = scoreRisks(ctx);
  const recommendations = recommend(ctx, risks);
  const contradictions = findContradictions(implementations, result.findings);
  const inputs = assessmentInputs({ date: options.date, filter, snapshot, catalog, model, implementations, profiles, facts: operatorFacts, dataVersion: version });
  return { result, risks, recommendations, contradictions, inputsHash: hashInputs(inputs), inputs };
}

/** Stores a run with its risks, recommendations and inputs (saveAssessment, one transaction, audited); returns its id. */
export function saveAssessmentRun(store: Store, actor: Actor, run: AssessmentRun, filterMemberState?: string): string {
  return saveAssessment(store, actor, run.result, filterMemberState, {
    risks: run.risks,
    recommendations: run.recommendations,
    contradictions: run.contradictions,
    inputsHash: run.inputsHash,
    inputs: run.inputs,
  });
}
