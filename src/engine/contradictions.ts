import type { Explanation, Finding } from '../domain/index.js';
import { implementationScopeKey, latestImplementations, type Implementation } from '../domain/implementation.js';
import { num } from './format.js';

/**
 * Declared against observed. An implementation row is what a scope says about itself; findings are what
 * the inventory shows. A measure declared `in-place` at a scope while the assessment holds findings of
 * the same measure inside that scope is a contradiction: the declaration cannot be taken at its word.
 * The engine does not decide which side is right (the inventory may be stale, the declaration may be
 * early); it reports both and gives the measure less credit in residual risk (docs/risk-model.md).
 */

/** How many ids a contradiction lists; the count says how many there are. */
export const CONTRADICTION_FINDING_IDS = 20;

export interface Contradiction {
  measure: string;
  /** the scope of the declaring row */
  scope: 'union' | 'member-state' | 'operator';
  memberState?: string;
  operatorId?: string;
  /** the row in force: always in-place */
  declared: { status: 'in-place'; recordedOn: string; evidence?: string; owner?: string };
  /** open findings of the measure inside the scope */
  findings: number;
  affectedQuantity: number;
  /** the first CONTRADICTION_FINDING_IDS finding ids, in the assessment's order */
  findingIds: string[];
  explanation: Explanation;
}

/** Where a finding lies, as the keys of the scopes that contain it: union, its member state, its operator. */
function scopesOf(f: Finding): string[] {
  const keys = ['union', `ms:${f.memberState}`];
  if (f.operatorId !== undefined) keys.push(`op:${f.operatorId}`);
  return keys;
}

/**
 * Open findings of each measure by scope key (`TM07@op:OP-1`), in the assessment's order. A finding at
 * level info (a cap before its start date) is notice of what will apply, not an open finding.
 */
export function findingsByMeasureScope(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    for (const key of scopesOf(f)) {
      const k = `${f.measure}@${key}`;
      const list = out.get(k);
      if (list) list.push(f);
      else out.set(k, [f]);
    }
  }
  return out;
}

const scopeName = (r: Implementation) =>
  r.scope_level === 'union' ? 'the Union level' : r.scope_level === 'member-state' ? r.member_state! : `${r.operator_id} (${r.member_state})`;

/**
 * Every in-force `in-place` row (latest per measure × scope) that findings of its measure contradict:
 * operator rows first, then member states, then the Union, each by scope and measure.
 */
export function findContradictions(history: readonly Implementation[], findings: readonly Finding[]): Contradiction[] {
  const byScope = findingsByMeasureScope(findings);
  const out: Contradiction[] = [];
  for (const r of latestImplementations(history).values()) {
    if (r.status !== 'in-place') continue;
    const seen = byScope.get(`${r.measure}@${implementationScopeKey(r)}`);
    if (!seen?.length) continue;
    const quantity = seen.reduce((s, f) => s + f.affectedQuantity, 0);
    const ids = seen.slice(0, CONTRADICTION_FINDING_IDS).map((f) => f.id);
    out.push({
      measure: r.measure,
      scope: r.scope_level,
      ...(r.member_state !== undefined ? { memberState: r.member_state } : {}),
      ...(r.operator_id !== undefined ? { operatorId: r.operator_id } : {}),
      declared: {
        status: 'in-place',
        recordedOn: r.recorded_on,
        ...(r.evidence !== undefined ? { evidence: r.evidence } : {}),
        ...(r.owner !== undefined ? { owner: r.owner } : {}),
      },
      findings: seen.length,
      affectedQuantity: quantity,
      findingIds: ids,
      explanation: {
        text:
          `${scopeName(r)} declares ${r.measure} in place (recorded ${r.recorded_on}), but the assessment holds ` +
          `${seen.length} open ${r.measure} finding(s) there, quantity ${num(quantity)}` +
          `${ids.length ? `: ${ids.slice(0, 3).join(', ')}${seen.length > 3 ? ', …' : ''}` : ''}. ` +
          `Residual risk credits ${r.measure} as in progress where its findings lie.`,
        formula: 'contradiction = latest row at the scope is in-place ∧ findings of the same measure lie inside the scope',
        inputs: { measure: r.measure, scope: implementationScopeKey(r), recordedOn: r.recorded_on, findings: seen.length, affectedQuantity: quantity },
      },
    });
  }
  const rank = { operator: 0, 'member-state': 1, union: 2 } as const;
  const key = (c: Contradiction) => `${c.memberState ?? ''}|${c.operatorId ?? ''}|${c.measure}`;
  return out.sort((a, b) => rank[a.scope] - rank[b.scope] || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
