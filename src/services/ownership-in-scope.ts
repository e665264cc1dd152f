import type { ControlResult } from '../engine/control.js';
import type { EntityKind, Holding } from '../domain/ownership.js';
import { parseBomBytes, productOrigins, supplierControl, supplierProductOrigins, type ProductOrigins } from './ownership.js';
import { writeEntityRecords, writeHoldingRecords, type RegisterImportSummary, type RegisterInput } from './ownership-import.js';
import { appendAudit, type Actor } from '../store/audit/index.js';
import { latestBom, listBoms, saveBom, type StoredBom } from '../store/boms.js';
import type { Store } from '../store/open.js';
import { getEntity, listEntities, listHoldings, type EntityRecord, type HoldingFilter } from '../store/ownership.js';
import { Forbidden, tenancyOf, type Scope } from '../store/access/scope.js';
import { productExists, supplierExists } from '../store/repositories.js';

/*
 * Scoped reads and writes of the ownership registers (entities, holdings) and product BOMs, for the
 * API. They live with the services, not in src/store/access, because they reuse the services' import
 * checks and control and origin calculations; there are no rows to narrow (below), only a write rule.
 *
 * The scope rule is the same for every scope: these are shared reference data like the suppliers and
 * products they describe. No row carries a member state or an operator: who owns a supplier and what a
 * product is made of is one fact for the whole Union, not something an authority or operator keeps for
 * itself. So every scope reads them whole, the union analyst included (nothing operator-level is in
 * them), and only a whole-instance scope (the administrator) writes them. Keeping the rule here, though
 * it filters nothing, means a later change (e.g. holdings recorded by one authority) has one place to go.
 *
 * Writes reuse the import services (the same checks, messages and import log as the CLI) inside one
 * transaction with the audit entry. A write that changes nothing leaves no audit entry, as elsewhere.
 */

/** The read rule of this file: every scope reaches every row (see above). Each read calls it, so it is stated once. */
const sharedReference = (_scope: Scope): void => undefined;

function writerOf(scope: Scope, what: string): void {
  if (tenancyOf(scope).kind !== 'all') throw new Forbidden(`${what} are shared reference data: an administrator records them`);
}


/* ---------- reads ---------- */

export interface EntityFilter {
  kind?: EntityKind;
  country?: string;
  source?: EntityRecord['source'];
}

/** Entities of the ownership graph, suppliers standing in for themselves included (source `supplier`). */
export async function listEntitiesInScope(store: Store, scope: Scope, f: EntityFilter = {}): Promise<EntityRecord[]> {
  sharedReference(scope);
  // a few thousand rows at most, and the stand-ins are computed: filtered here rather than in SQL
  return (await listEntities(store)).filter(
    (e) => (f.kind === undefined || e.kind === f.kind) && (f.country === undefined || e.country === f.country) && (f.source === undefined || e.source === f.source),
  );
}

export interface EntityView {
  entity: EntityRecord;
  /** holdings in the entity (its owners) */
  heldBy: Holding[];
  /** holdings the entity has in others */
  holds: Holding[];
}

/** One entity with the holdings on either side, as `secure5g entity show` gives it; undefined when unknown. */
export async function getEntityInScope(store: Store, scope: Scope, entityId: string): Promise<EntityView | undefined> {
  sharedReference(scope);
  const entity = await getEntity(store, entityId);
  if (!entity) return undefined;
  const [heldBy, holds] = await Promise.all([listHoldings(store, { heldId: entityId }), listHoldings(store, { holderId: entityId })]);
  return { entity, heldBy, holds };
}

export async function listHoldingsInScope(store: Store, scope: Scope, f: HoldingFilter = {}): Promise<Holding[]> {
  sharedReference(scope);
  return listHoldings(store, f);
}

/** Ownership and control of a supplier at `asOf`; undefined for an unknown supplier. */
export async function supplierControlInScope(store: Store, scope: Scope, supplierId: string, asOf?: string): Promise<ControlResult | undefined> {
  sharedReference(scope);
  return supplierExists(store, supplierId) ? supplierControl(store, supplierId, asOf) : undefined;
}

/** A product's stored BOMs, newest first; undefined for an unknown product. */
export async function listBomsInScope(store: Store, scope: Scope, productId: string): Promise<StoredBom[] | undefined> {
  sharedReference(scope);
  return productExists(store, productId) ? listBoms(store, { productId }) : undefined;
}

/** Origins from the product's latest BOM; `unknown-product` or `no-bom` when there is nothing to compute from. */
export async function productOriginsInScope(store: Store, scope: Scope, productId: string): Promise<ProductOrigins | 'unknown-product' | 'no-bom'> {
  sharedReference(scope);
  if (!productExists(store, productId)) return 'unknown-product';
  if (!(await latestBom(store, productId))) return 'no-bom';
  return productOrigins(store, productId);
}

/** Origins of each product of the supplier that has a BOM; undefined for an unknown supplier. */
export async function supplierOriginsInScope(store: Store, scope: Scope, supplierId: string): Promise<ProductOrigins[] | undefined> {
  sharedReference(scope);
  return supplierExists(store, supplierId) ? supplierProductOrigins(store, supplierId) : undefined;
}

/* ---------- writes ---------- */

const changed = (s: RegisterImportSummary) => s.inserted + s.updated + s.deleted > 0;

function auditRegister(store: Store, actor: Actor, s: RegisterImportSummary, sha256: string | null, extra: Record<string, unknown> = {}): void {
  appendAudit(store, actor, {
    action: `${s.kind}.import`,
    targetType: s.kind,
    targetId: s.importId,
    // no tenancy: reference data, so the entry is for whole-instance auditors
    detail: { file: s.file, sha256, rows: s.rows, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, deleted: s.deleted, ...extra },
  });
}

/** Upserts entities by entity_id in one transaction with its audit entry; any bad row refuses them all. */
export function recordEntities(store: Store, scope: Scope, actor: Actor, body: RegisterInput): RegisterImportSummary {
  writerOf(scope, 'entities');
  return store.sqlite.transaction(() => {
    const s = writeEntityRecords(store, body);
    if (changed(s)) auditRegister(store, actor, s, body.sha256);
    return s;
  }).immediate();
}

/** Upserts holdings (with `replace`, the complete record of each held entity named) in one transaction with its audit entry. */
export function recordHoldings(store: Store, scope: Scope, actor: Actor, body: RegisterInput, options: { replace?: boolean } = {}): RegisterImportSummary {
  writerOf(scope, 'holdings');
  return store.sqlite.transaction(() => {
    const s = writeHoldingRecords(store, body, options);
    if (changed(s)) auditRegister(store, actor, s, body.sha256, { replace: options.replace === true });
    return s;
  }).immediate();
}

/**
 * Stores a CycloneDX JSON BOM as the product's latest (audited), or nothing when it is the latest
 * already (`created: false`). Undefined for an unknown product.
 */
export async function recordBom(store: Store, scope: Scope, actor: Actor, productId: string, file: string, bytes: Buffer): Promise<{ bom: StoredBom; created: boolean } | undefined> {
  writerOf(scope, 'BOMs');
  if (!productExists(store, productId)) return undefined;
  const { parsed, sha256 } = await parseBomBytes(file, bytes);
  return store.sqlite.transaction(() => {
    const r = saveBom(store, productId, file, parsed, sha256);
    if (r.created)
      appendAudit(store, actor, {
        action: 'bom.import',
        targetType: 'bom',
        targetId: r.bom.bomId,
        detail: { productId, file, sha256, specVersion: r.bom.specVersion, components: r.bom.components },
      });
    return r;
  }).immediate();
}
