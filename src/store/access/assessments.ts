import { randomUUID } from 'node:crypto';
import type { AssessmentResult, ConcentrationRow, ExposureRow, Finding, Severity } from '../../domain/index.js';
import { appendAudit, type Actor } from '../audit/index.js';
import { fromJsonColumn, toJsonColumn } from '../json.js';
import type { Store } from '../open.js';
import { insertRiskRows, type AssessmentExtras } from './assessment-risks.js';
import { reaches, tenancyOf, type Scope } from './scope.js';
import { scopeRows, selectPage, Where, type Page, type PageRequest } from './sql.js';

/*
 * Stored assessment runs. Findings and metric rows are kept one per row with their member state and
 * operator, so a caller's scope narrows them in SQL. A finding keeps at most STORED_ASSET_IDS of its
 * asset ids (a Union-scale run references millions) and says how many it had.
 */
export const STORED_ASSET_IDS = 100;

export interface StoredFinding extends Omit<Finding, 'assetIds'> {
  assetIds: string[];
  assetCount: number;
  assetIdsTruncated: boolean;
}

/** A stored finding; runs stored before a finding's scope was called its level carry `scope`. */
function storedFinding(document: string): StoredFinding {
  const f = fromJsonColumn<StoredFinding & { scope?: StoredFinding['level'] }>(document, undefined as never);
  if (f.level !== undefined || f.scope === undefined) return f;
  const { scope, ...rest } = f;
  return { ...rest, level: scope };
}

export interface AssessmentHeader {
  assessmentId: string;
  runAt: string;
  date: string;
  catalogVersion: string;
  filter: { memberState?: string; operatorId?: string };
  /** SHA-256 of the run's inputs; absent for runs stored without it (before migration 0009, or by a caller that gave none) */
  inputsHash?: string;
  /** findings of this run that the caller may see */
  findings: number;
  bySeverity: Record<Severity, number>;
}

interface HeaderRow {
  assessment_id: string;
  run_at: string;
  date: string;
  catalog_version: string;
  member_state: string | null;
  operator_id: string | null;
  inputs_hash: string | null;
}

/**
 * Stores one run in one transaction and returns its id. `extras` (optional, so the server's plain runs
 * keep working) adds the risk scores, recommendations and the inputs hash with the inputs behind it.
 */
export function saveAssessment(store: Store, actor: Actor, result: AssessmentResult, filterMemberState?: string, extras: AssessmentExtras = {}): string {
  const id = randomUUID();
  const db = store.sqlite;
  const insertFinding = db.prepare(
    `INSERT INTO assessment_findings (assessment_id, position, finding_id, rule, severity, member_state, operator_id, segment, supplier_id, document)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMetric = db.prepare(
    'INSERT INTO assessment_metrics (assessment_id, position, kind, scope, member_state, operator_id, document) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const memberState = result.filter.memberState ?? filterMemberState ?? null;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO assessments (assessment_id, run_at, date, catalog_version, member_state, operator_id, run_by, inputs_hash, inputs, run_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(run_seq), 0) + 1 FROM assessments))`,
    ).run(
      id,
      new Date().toISOString(),
      result.date,
      result.catalogVersion,
      memberState,
      result.filter.operatorId ?? null,
      actor.userId ?? actor.name,
      extras.inputsHash ?? null,
      extras.inputs === undefined ? null : toJsonColumn(extras.inputs),
    );
    result.findings.forEach((f, i) => {
      const stored: StoredFinding = {
        ...f,
        assetIds: f.assetIds.slice(0, STORED_ASSET_IDS),
        assetCount: f.assetIds.length,
        assetIdsTruncated: f.assetIds.length > STORED_ASSET_IDS,
      };
      insertFinding.run(id, i, f.id, f.rule, f.severity, f.memberState, f.operatorId ?? null, f.segment ?? null, f.supplierId ?? null, toJsonColumn(stored));
    });
    const metric = (kind: string, r: ConcentrationRow | ExposureRow, i: number) =>
      insertMetric.run(id, i, kind, r.scope, r.memberState ?? null, r.operatorId ?? null, toJsonColumn(r));
    result.metrics.concentration.forEach((r, i) => metric('concentration', r, i));
    result.metrics.exposure.forEach((r, i) => metric('exposure', r, i));
    insertRiskRows(store, id, extras);
    appendAudit(store, actor, {
      action: 'assessment.run',
      targetType: 'assessment',
      targetId: id,
      memberState: memberState ?? undefined,
      operatorId: result.filter.operatorId,
      detail: {
        date: result.date,
        findings: result.findings.length,
        ...(extras.risks ? { risks: extras.risks.length } : {}),
        ...(extras.inputsHash ? { inputsHash: extras.inputsHash } : {}),
      },
    });
  })();
  return id;
}

/** Runs whose filter overlaps the scope: a member state sees Union-wide runs and its own, never another's. */
function headerWhere(scope: Scope): Where {
  const t = tenancyOf(scope);
  const w = new Where();
  if (t.kind === 'aggregates') return w.add('1 = 0');
  if (t.kind === 'member-state') return w.add('(a.member_state IS NULL OR a.member_state = ?)', t.memberState);
  if (t.kind === 'operator')
    return w.add('(a.member_state IS NULL OR a.member_state = ?) AND (a.operator_id IS NULL OR a.operator_id = ?)', t.memberState, t.operatorId);
  return w;
}

const findingScope = (scope: Scope, w = new Where()) => scopeRows(w, scope, { memberState: 'f.member_state', operator: 'f.operator_id' });
const metricScope = (scope: Scope, w = new Where()) => scopeRows(w, scope, { memberState: 'm.member_state', operator: 'm.operator_id' });

/**
 * True when everything a run read lies inside the scope: a whole-instance scope, or a run filtered to
 * the caller's own member state (operator). Only then are its inputs hash and recorded inputs shown: a
 * Union-wide run's inputs count and digest other member states' rows, and even a hash tells whether
 * something changed there.
 */
export function runWithinScope(scope: Scope, run: { member_state: string | null; operator_id: string | null }): boolean {
  // the scope reaches the run's own filter: exactly the rows the run read
  return reaches(scope, run.member_state, run.operator_id);
}

function header(store: Store, scope: Scope, r: HeaderRow): AssessmentHeader {
  const w = findingScope(scope, new Where().add('f.assessment_id = ?', r.assessment_id));
  const counts = store.sqlite.prepare(`SELECT f.severity AS s, COUNT(*) AS n FROM assessment_findings f${w} GROUP BY f.severity`).all(...w.params) as {
    s: Severity;
    n: number;
  }[];
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const c of counts) bySeverity[c.s] = Number(c.n);
  return {
    assessmentId: r.assessment_id,
    runAt: r.run_at,
    date: r.date,
    catalogVersion: r.catalog_version,
    filter: { ...(r.member_state ? { memberState: r.member_state } : {}), ...(r.operator_id ? { operatorId: r.operator_id } : {}) },
    ...(r.inputs_hash && runWithinScope(scope, r) ? { inputsHash: r.inputs_hash } : {}),
    findings: counts.reduce((a, c) => a + Number(c.n), 0),
    bySeverity,
  };
}

/** Newest first; run_seq orders runs stored in the same millisecond (older rows have none: coalesce). */
const RUN_ORDER = 'a.run_at DESC, coalesce(a.run_seq, 0) DESC, a.assessment_id';

export function listAssessments(store: Store, scope: Scope, req: PageRequest = {}): Page<AssessmentHeader> {
  const page = selectPage<HeaderRow>(store, 'a.*', 'FROM assessments a', headerWhere(scope), RUN_ORDER, req);
  return { ...page, items: page.items.map((r) => header(store, scope, r)) };
}

export function getAssessment(store: Store, scope: Scope, id: string): AssessmentHeader | undefined {
  const w = headerWhere(scope).add('a.assessment_id = ?', id);
  const r = store.sqlite.prepare(`SELECT a.* FROM assessments a${w}`).get(...w.params) as HeaderRow | undefined;
  return r && header(store, scope, r);
}

/** The newest run the scope may see, for "the current findings". */
export function latestAssessmentId(store: Store, scope: Scope): string | undefined {
  const w = headerWhere(scope);
  return store.sqlite.prepare(`SELECT a.assessment_id FROM assessments a${w} ORDER BY ${RUN_ORDER} LIMIT 1`).pluck().get(...w.params) as string | undefined;
}

export interface FindingFilter extends PageRequest {
  severity?: string;
  rule?: string;
  memberState?: string;
  operatorId?: string;
  segment?: string;
  supplierId?: string;
}

export function listFindings(store: Store, scope: Scope, assessmentId: string, f: FindingFilter = {}): Page<StoredFinding> {
  const w = findingScope(scope, new Where().add('f.assessment_id = ?', assessmentId))
    .eq('f.severity', f.severity)
    .eq('f.rule', f.rule)
    .eq('f.member_state', f.memberState)
    .eq('f.operator_id', f.operatorId)
    .eq('f.segment', f.segment)
    .eq('f.supplier_id', f.supplierId);
  const page = selectPage<{ document: string }>(store, 'f.document', 'FROM assessment_findings f', w, 'f.position', f);
  return { ...page, items: page.items.map((r) => storedFinding(r.document)) };
}

export function getFinding(store: Store, scope: Scope, assessmentId: string, findingId: string): StoredFinding | undefined {
  const w = findingScope(scope, new Where().add('f.assessment_id = ?', assessmentId).add('f.finding_id = ?', findingId));
  const doc = store.sqlite.prepare(`SELECT f.document FROM assessment_findings f${w}`).pluck().get(...w.params) as string | undefined;
  return doc === undefined ? undefined : storedFinding(doc);
}

/** Every finding of a run in the scope, in order, for exports. */
export function* iterateFindings(store: Store, scope: Scope, assessmentId: string): Generator<StoredFinding> {
  const w = findingScope(scope, new Where().add('f.assessment_id = ?', assessmentId));
  const it = store.sqlite.prepare(`SELECT f.document FROM assessment_findings f${w} ORDER BY f.position`).pluck().iterate(...w.params);
  for (const doc of it as Iterable<string>) yield storedFinding(doc);
}

export function listMetrics(
  store: Store,
  scope: Scope,
  assessmentId: string,
  f: { kind?: 'concentration' | 'exposure'; scopeLevel?: string } & PageRequest = {},
): Page<ConcentrationRow | ExposureRow> {
  const w = metricScope(scope, new Where().add('m.assessment_id = ?', assessmentId)).eq('m.kind', f.kind).eq('m.scope', f.scopeLevel);
  const page = selectPage<{ document: string }>(store, 'm.document', 'FROM assessment_metrics m', w, 'm.kind, m.position', f);
  return { ...page, items: page.items.map((r) => fromJsonColumn<ConcentrationRow | ExposureRow>(r.document, undefined as never)) };
}

/** Every metric row of a run in the scope, for exports. */
export function allMetrics(store: Store, scope: Scope, assessmentId: string): (ConcentrationRow | ExposureRow)[] {
  const w = metricScope(scope, new Where().add('m.assessment_id = ?', assessmentId));
  const docs = store.sqlite.prepare(`SELECT m.document FROM assessment_metrics m${w} ORDER BY m.kind, m.position`).pluck().all(...w.params) as string[];
  return docs.map((d) => fromJsonColumn<ConcentrationRow | ExposureRow>(d, undefined as never));
}
