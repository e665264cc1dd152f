import { findFunction } from '../../catalog/index.js';
import type { Asset, Criticality, Explanation } from '../../domain/index.js';
import { criticalityOf } from '../../engine/criticality.js';
import { effectivePolicyOf } from '../effective-policy.js';
import type { Store } from '../open.js';
import { latestAssessmentId, type StoredFinding } from './assessments.js';
import { fromJsonColumn } from '../json.js';
import type { AssetTable } from '../schema.js';
import { assetBatchWhere, getOperator, type AssetFilter } from './inventory.js';
import type { Scope } from './scope.js';
import { scopeRows, Where } from './sql.js';

/*
 * What the asset page shows beside the asset's own fields: its criticality as the engine derives it,
 * with the derivation in words, and the findings of the newest run the caller sees that name it. The
 * caller has read the asset through getAsset first (the scope decides whether it exists at all).
 */

export interface AssetCriticality {
  level: Criticality;
  explanation: Explanation;
}

/** The asset's criticality under its member state's policy in force: the catalogue's default, then the policy's overrides (criticalityOf). */
export function assetCriticality(store: Store, scope: Scope, asset: Pick<Asset, 'operator_id' | 'segment' | 'function'>): AssetCriticality | undefined {
  const op = getOperator(store, scope, asset.operator_id);
  if (!op) return undefined;
  const policy = effectivePolicyOf(store, op.member_state);
  const level = criticalityOf(policy, asset.segment, asset.function);
  const catalogue = findFunction(asset.function)?.criticality ?? 'other';
  const overrides = policy.criticalityOverrides.filter((o) => (o.function === undefined ? o.segment === asset.segment : o.function === asset.function && (o.segment === undefined || o.segment === asset.segment)));
  return {
    level,
    explanation: {
      text:
        `${asset.function} in ${asset.segment}: ${catalogue} by the catalogue's default` +
        (overrides.length ? `; ${op.member_state}'s policy ${policy.version} makes it ${level}` : `; no override in ${op.member_state}'s policy ${policy.version}`) +
        '.',
      formula: 'catalogue default of the function, then the policy’s segment overrides, then its function overrides (the later and the more specific win)',
      inputs: { memberState: op.member_state, policyVersion: policy.version, segment: asset.segment, function: asset.function, catalogueDefault: catalogue, overrides },
    },
  };
}

/**
 * The findings of the newest run the scope sees that list the asset among their (first 100 stored)
 * asset ids, most severe first; `assessmentId` undefined when no run is visible.
 */
export function assetFindings(store: Store, scope: Scope, asset: Pick<Asset, 'asset_id' | 'operator_id'>): { assessmentId?: string; findings: StoredFinding[] } {
  const id = latestAssessmentId(store, scope);
  if (!id) return { findings: [] };
  const w = scopeRows(new Where().add('f.assessment_id = ?', id), scope, { memberState: 'f.member_state', operator: 'f.operator_id' })
    // a finding about the asset is about its operator, or about a wider level (member state, Union)
    .add('(f.operator_id = ? OR f.operator_id IS NULL)', asset.operator_id)
    .add("EXISTS (SELECT 1 FROM json_each(f.document, '$.assetIds') j WHERE j.value = ?)", asset.asset_id);
  const docs = store.sqlite.prepare(`SELECT f.document FROM assessment_findings f${w} ORDER BY f.position`).pluck().all(...w.params) as string[];
  return { assessmentId: id, findings: docs.map((d) => fromJsonColumn<StoredFinding>(d, undefined as never)) };
}

/**
 * The scope's assets passing the filter, by asset id, `size` at a time: each batch is one finished read
 * (no statement is left open between batches, so a CSV export streaming them never holds the connection).
 */
export function* assetBatches(store: Store, scope: Scope, f: Omit<AssetFilter, 'limit' | 'offset' | 'after' | 'sort' | 'order'>, size = 5000): Generator<Asset[]> {
  let after: string | undefined;
  for (;;) {
    const { sql, params } = assetBatchWhere(store, scope, f, after);
    const rows = store.sqlite.prepare(`SELECT a.* ${sql} ORDER BY a.asset_id LIMIT ?`).all(...params, size) as AssetTable[];
    if (rows.length === 0) return;
    yield rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as unknown as Asset);
    if (rows.length < size) return;
    after = rows[rows.length - 1]!.asset_id;
  }
}
