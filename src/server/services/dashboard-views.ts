import type { AssessmentResult } from '../../domain/index.js';
import { assess } from '../../engine/index.js';
import { dashboardView, memberStateFigures, scopeKey, tenancyOf, type MemberStateFigures, type OperatorFacts, type Scope } from '../../store/access/index.js';
import { loadSnapshot, type Store } from '../../store/index.js';

/**
 * Every scope's dashboard from one whole-instance assessment, as JSON text: the Union view, the
 * aggregates view, each member state's and each operator's. Plain strings, so the bundle crosses from
 * a worker thread cheaply, and the 5-million-asset result behind it never leaves the thread that made it.
 */
export interface DashboardViews {
  date: string;
  catalogVersion: string;
  generatedAt: string;
  /** by viewKey() */
  views: Record<string, string>;
  /** the member-state rows of the Union view (concentration, exposure), for every member state: the route narrows them to the scope */
  memberStates: MemberStateFigures[];
  assets: number;
  findings: number;
  /** load and assessment, in the thread that ran them */
  ms: number;
}

/** scopeKey, with an operator's member state (the view names it), so a view is only served to the scope it was cut for. */
export function viewKey(scope: Scope): string {
  const t = tenancyOf(scope);
  return t.kind === 'operator' ? `${scopeKey(scope)}@${t.memberState}` : scopeKey(scope);
}

/** Loads the whole inventory, assesses it as of `date` and cuts every scope's dashboard from the result. */
export function computeDashboardViews(store: Store, date: string): DashboardViews {
  const started = Date.now();
  const snapshot = loadSnapshot(store);
  const result = assess(snapshot, { date });
  const qty = new Float64Array(snapshot.operators.ids.length);
  const { operator, quantity, count } = snapshot.assets;
  for (let i = 0; i < count; i++) qty[operator[i]!]! += quantity[i]!;
  const operators: OperatorFacts[] = snapshot.operators.ids.map((operatorId, o) => ({
    operatorId,
    name: snapshot.operators.names[o]!,
    memberState: snapshot.memberStates[snapshot.operators.memberState[o]!]!,
    quantity: qty[o]!,
  }));
  const generatedAt = new Date().toISOString();
  const scopes: Scope[] = [
    { role: 'admin' },
    { role: 'union-analyst' },
    ...snapshot.memberStates.map((memberState): Scope => ({ role: 'authority', memberState })),
    ...operators.map((o): Scope => ({ role: 'operator', memberState: o.memberState, operatorId: o.operatorId })),
  ];
  const views: Record<string, string> = {};
  for (const scope of scopes) views[viewKey(scope)] = JSON.stringify(dashboardView(result, operators, scope, generatedAt));
  return { date: result.date, catalogVersion: result.catalogVersion, generatedAt, views, memberStates: memberStateFigures(result), assets: count, findings: result.findings.length, ms: Date.now() - started };
}

/**
 * The scope's view. A scope with no view of its own (a member state or operator the inventory does not
 * hold) gets the view of an empty result: every row of a result names a member state and operator of
 * the snapshot, so dashboardView would have kept none of them for it either.
 */
export function viewOf(d: DashboardViews, scope: Scope): string {
  const text = d.views[viewKey(scope)];
  if (text !== undefined) return text;
  const empty: AssessmentResult = { catalogVersion: d.catalogVersion, date: d.date, filter: {}, metrics: { concentration: [], exposure: [] }, findings: [] };
  return JSON.stringify(dashboardView(empty, [], scope, d.generatedAt));
}
