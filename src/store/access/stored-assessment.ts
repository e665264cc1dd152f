import type { ConcentrationRow, ExposureRow, Finding } from '../../domain/index.js';
import { UserError } from '../../domain/index.js';
import type { StoredAssessment } from '../../engine/assessment-diff.js';
import type { Contradiction } from '../../engine/contradictions.js';
import type { Recommendation, RiskScore } from '../../engine/risk/types.js';
import { fromJsonColumn } from '../json.js';
import type { Store } from '../open.js';
import { allContradictions, allRecommendations, allRisks } from './assessment-risks.js';
import { getAssessment, iterateFindings, listAssessments } from './assessments.js';
import type { Scope } from './scope.js';
import { scopeRows, Where } from './sql.js';

/** A stored run read back whole (as far as the scope reaches), ready for diffAssessments. */
export interface LoadedAssessment extends StoredAssessment {
  /** empty for a run stored without scores */
  risks: RiskScore[];
  assessmentId: string;
  runAt: string;
  /** what went into the inputs hash; absent for runs stored without one */
  inputs?: unknown;
  recommendations: Recommendation[];
  /** measures declared in place that the run's findings contradict (empty for runs stored before migration 0014) */
  contradictions: Contradiction[];
}

function metrics(store: Store, scope: Scope, id: string): { concentration: ConcentrationRow[]; exposure: ExposureRow[] } {
  const w = scopeRows(new Where().add('m.assessment_id = ?', id), scope, { memberState: 'm.member_state', operator: 'm.operator_id' });
  const rows = store.sqlite.prepare(`SELECT m.kind, m.document FROM assessment_metrics m${w} ORDER BY m.kind, m.position`).all(...w.params) as {
    kind: string;
    document: string;
  }[];
  const out = { concentration: [] as ConcentrationRow[], exposure: [] as ExposureRow[] };
  for (const r of rows) {
    if (r.kind === 'concentration') out.concentration.push(fromJsonColumn<ConcentrationRow>(r.document, undefined as never));
    else if (r.kind === 'exposure') out.exposure.push(fromJsonColumn<ExposureRow>(r.document, undefined as never));
  }
  return out;
}

/**
 * One stored run with its findings (asset ids cut to the stored hundred), metrics, risk scores and
 * recommendations in the scope, or undefined when the scope may not see it. Union-level metric rows
 * are kept for scopes that may see them, exactly as the SQL filter decides for listMetrics.
 */
export function loadStoredAssessment(store: Store, scope: Scope, id: string): LoadedAssessment | undefined {
  const h = getAssessment(store, scope, id);
  if (!h) return undefined;
  const inputs = store.sqlite.prepare('SELECT inputs FROM assessments WHERE assessment_id = ?').pluck().get(id) as string | null;
  const findings: Finding[] = [...iterateFindings(store, scope, id)];
  return {
    assessmentId: h.assessmentId,
    runAt: h.runAt,
    catalogVersion: h.catalogVersion,
    date: h.date,
    filter: h.filter,
    metrics: metrics(store, scope, id),
    findings,
    risks: allRisks(store, scope, id),
    recommendations: allRecommendations(store, scope, id),
    contradictions: allContradictions(store, scope, id),
    ...(h.inputsHash ? { inputsHash: h.inputsHash } : {}),
    // the header shows the hash only when the run lies wholly in the scope (runWithinScope): so do the inputs
    ...(inputs && h.inputsHash ? { inputs: fromJsonColumn<unknown>(inputs, undefined) } : {}),
  };
}

/**
 * The id a reference names: `latest` (the newest run the scope sees), `previous` (the one before it),
 * a whole id, or the unique start of one (at least 4 characters, as `assessment list` shows 8).
 */
export function resolveAssessmentRef(store: Store, scope: Scope, ref: string): string {
  if (ref === 'latest' || ref === 'previous') {
    const recent = listAssessments(store, scope, { limit: 2 }).items;
    const h = recent[ref === 'latest' ? 0 : 1];
    if (!h) throw new UserError(`no ${ref} assessment: ${recent.length} stored run${recent.length === 1 ? '' : 's'} (run secure5g assess first)`);
    return h.assessmentId;
  }
  if (getAssessment(store, scope, ref)) return ref;
  if (ref.length < 4 || !/^[0-9a-f-]+$/i.test(ref)) throw new UserError(`no stored assessment ${ref} (see: secure5g assessment list)`);
  const ids = store.sqlite
    .prepare('SELECT assessment_id FROM assessments WHERE assessment_id LIKE ? ORDER BY assessment_id')
    .pluck()
    .all(`${ref.toLowerCase()}%`) as string[];
  const visible = ids.filter((x) => getAssessment(store, scope, x));
  if (visible.length === 1) return visible[0]!;
  throw new UserError(visible.length ? `${ref} starts more than one stored assessment id: give more of it` : `no stored assessment ${ref} (see: secure5g assessment list)`);
}
