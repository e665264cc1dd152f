import { randomUUID } from 'node:crypto';
import type { Score } from '../catalog/criteria.js';
import { UserError } from '../domain/index.js';
import { SupplyFactsRecord } from '../domain/supply-facts.js';
import type { SupplyFacts } from '../engine/profile-suggestions.js';
import { appendAudit, type Actor } from './audit/index.js';
import { inputError } from './input-errors.js';
import type { Store } from './open.js';
import { supplierExists } from './repositories.js';

/*
 * Supply facts (table supply_facts, migration 0005): append-only records per supplier and assessing
 * member state. The facts in force are, fact by fact, the value of the latest record that states it
 * (latest recorded_on, then latest recorded_at), so a record may restate one fact and leave the others.
 */

interface SupplyFactsTable {
  fact_id: string;
  supplier_id: string;
  member_state: string;
  single_source_critical_components: number | null;
  export_control_exposure: number | null;
  financial_stability_note: string | null;
  financial_stability_concern: number | null;
  source: string;
  recorded_on: string;
  recorded_at: string;
}

export interface StoredSupplyFacts extends SupplyFactsRecord {
  factId: string;
  recordedAt: string;
}

/** Where a fact in force comes from. */
export interface FactOrigin {
  factId: string;
  recordedOn: string;
  source: string;
}

export interface CurrentSupplyFacts {
  supplierId: string;
  memberState: string;
  /** the input suggestScores takes */
  facts: SupplyFacts;
  /** per fact stated, the record it comes from */
  origins: Partial<Record<'singleSourceCriticalComponents' | 'exportControlExposure' | 'financialStability', FactOrigin>>;
}

const toStored = (r: SupplyFactsTable): StoredSupplyFacts => ({
  factId: r.fact_id,
  supplier_id: r.supplier_id,
  member_state: r.member_state as SupplyFactsRecord['member_state'],
  ...(r.single_source_critical_components !== null ? { single_source_critical_components: Number(r.single_source_critical_components) } : {}),
  ...(r.export_control_exposure !== null ? { export_control_exposure: Number(r.export_control_exposure) === 1 } : {}),
  ...(r.financial_stability_note !== null ? { financial_stability_note: r.financial_stability_note } : {}),
  ...(r.financial_stability_concern !== null ? { financial_stability_concern: Number(r.financial_stability_concern) } : {}),
  source: r.source,
  recorded_on: r.recorded_on,
  recordedAt: r.recorded_at,
});

/** Appends a record of supply facts; the supplier must be known. Audited, in the same transaction, when given an actor (the API). */
export async function appendSupplyFacts(store: Store, input: unknown, opts: { actor?: Actor } = {}): Promise<StoredSupplyFacts> {
  const parsed = SupplyFactsRecord.safeParse(input);
  if (!parsed.success) throw inputError('supply facts', parsed.error);
  const f = parsed.data;
  const db = store.sqlite;
  if (!supplierExists(store, f.supplier_id)) throw new UserError(`supplier_id ${f.supplier_id} is not a known supplier`);
  const row: SupplyFactsTable = {
    fact_id: randomUUID(),
    supplier_id: f.supplier_id,
    member_state: f.member_state,
    single_source_critical_components: f.single_source_critical_components ?? null,
    export_control_exposure: f.export_control_exposure === undefined ? null : f.export_control_exposure ? 1 : 0,
    financial_stability_note: f.financial_stability_note ?? null,
    financial_stability_concern: f.financial_stability_concern ?? null,
    source: f.source,
    recorded_on: f.recorded_on,
    recorded_at: new Date().toISOString(),
  };
  return db.transaction(() => {
    db.prepare(
      'INSERT INTO supply_facts (fact_id, supplier_id, member_state, single_source_critical_components, export_control_exposure, financial_stability_note, ' +
        'financial_stability_concern, source, recorded_on, recorded_at) VALUES (@fact_id, @supplier_id, @member_state, @single_source_critical_components, ' +
        '@export_control_exposure, @financial_stability_note, @financial_stability_concern, @source, @recorded_on, @recorded_at)',
    ).run(row);
    if (opts.actor)
      appendAudit(store, opts.actor, { action: 'supply-facts.record', targetType: 'supply-facts', targetId: row.fact_id, memberState: f.member_state, after: f });
    return toStored(row);
  })();
}

/** Records oldest first, for one supplier and/or member state. */
export async function listSupplyFacts(store: Store, f: { supplierId?: string; memberState?: string } = {}): Promise<StoredSupplyFacts[]> {
  const rows = store.sqlite
    .prepare(
      'SELECT * FROM supply_facts WHERE (? IS NULL OR supplier_id = ?) AND (? IS NULL OR member_state = ?) ' +
        'ORDER BY supplier_id, member_state, recorded_on, recorded_at',
    )
    .all(f.supplierId ?? null, f.supplierId ?? null, f.memberState ?? null, f.memberState ?? null) as SupplyFactsTable[];
  return rows.map(toStored);
}

/** The facts in force for a supplier as one member state recorded them: per fact, the latest record stating it. */
export async function latestSupplyFacts(store: Store, supplierId: string, memberState: string): Promise<CurrentSupplyFacts> {
  const out: CurrentSupplyFacts = { supplierId, memberState, facts: {}, origins: {} };
  for (const r of await listSupplyFacts(store, { supplierId, memberState })) {
    const origin = { factId: r.factId, recordedOn: r.recorded_on, source: r.source };
    if (r.single_source_critical_components !== undefined) {
      out.facts.singleSourceCriticalComponents = r.single_source_critical_components;
      out.origins.singleSourceCriticalComponents = origin;
    }
    if (r.export_control_exposure !== undefined) {
      out.facts.exportControlExposure = r.export_control_exposure;
      out.origins.exportControlExposure = origin;
    }
    if (r.financial_stability_note !== undefined) {
      out.facts.financialStability = {
        note: r.financial_stability_note,
        ...(r.financial_stability_concern !== undefined ? { concern: r.financial_stability_concern as Score } : {}),
      };
      out.origins.financialStability = origin;
    }
  }
  return out;
}
