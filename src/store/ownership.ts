import type { Entity, EntityKind, Holding } from '../domain/ownership.js';
import { recordImport } from './import-writes.js';
import type { Store } from './open.js';

/*
 * Entities and holdings (migration 0008). A supplier takes part in the ownership graph as the entity whose
 * entity_id is its supplier_id. When no entities row exists for a supplier it stands in as a `company`
 * with its headquarters country; this happens here, in the reads (listEntities, getEntity,
 * loadOwnership), so every consumer — CLI, server, profile suggestions — sees the same graph and the
 * engine needs to know nothing about suppliers. An entities row with a supplier's id overrides the
 * stand-in (e.g. to give the supplier another kind or a different country of control).
 *
 * An entities row may instead name the supplier it is (`supplier_id`), keeping the register's own id.
 * The supplier is then that entity: it has no stand-in, control of the supplier is control of the
 * entity, and a holding that names the supplier's id is read as naming the entity's.
 */

interface EntityTable {
  entity_id: string;
  name: string;
  kind: string;
  country: string | null;
  /** migration 0012: the supplier this entity is, when its id is not the supplier's */
  supplier_id: string | null;
}

interface HoldingTable {
  holder_id: string;
  held_id: string;
  /** '' when the holding has no date: part of the key, and a key column is never NULL */
  since: string;
  percentage: number;
  voting_rights: number | null;
  control: number;
}

const tables = (store: Store) => store.db.withTables<{ entities: EntityTable; holdings: HoldingTable }>();

/** Where an entity of the graph comes from: the entities register, or a supplier standing in for itself. */
export type EntitySource = 'register' | 'supplier';
export type EntityRecord = Entity & { source: EntitySource };

export interface OwnershipIds {
  entities: ReadonlySet<string>;
  suppliers: ReadonlySet<string>;
  /** supplier id → the entity that names it in supplier_id */
  supplierEntity: ReadonlyMap<string, string>;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Holdings removed by a replacing import; always 0 for entities. */
  deleted: number;
}

export interface RegisterWrite<T> {
  /** File name as reported and logged. */
  file: string;
  sha256: string | null;
  rows: readonly T[];
  startedAt: string;
  /**
   * Called inside the transaction, before anything is written, with the ids then recorded; throws to
   * refuse the whole import. The rules (and their messages) belong to the caller.
   */
  check?: (ids: OwnershipIds) => void;
}

const toEntity = (r: EntityTable): Entity => ({
  entity_id: r.entity_id,
  name: r.name,
  kind: r.kind as EntityKind,
  ...(r.country !== null ? { country: r.country } : {}),
  ...(r.supplier_id !== null && r.supplier_id !== undefined ? { supplier_id: r.supplier_id } : {}),
});

const toHolding = (r: HoldingTable): Holding => ({
  holder_id: r.holder_id,
  held_id: r.held_id,
  percentage: Number(r.percentage),
  ...(r.voting_rights !== null ? { voting_rights: Number(r.voting_rights) } : {}),
  control: Number(r.control) === 1,
  ...(r.since !== '' ? { since: r.since } : {}),
});

export function ownershipIds(store: Store): OwnershipIds {
  const db = store.sqlite;
  return {
    entities: new Set(db.prepare('SELECT entity_id FROM entities').pluck().all() as string[]),
    suppliers: new Set(db.prepare('SELECT supplier_id FROM suppliers').pluck().all() as string[]),
    supplierEntity: new Map(
      (db.prepare('SELECT supplier_id, entity_id FROM entities WHERE supplier_id IS NOT NULL').all() as { supplier_id: string; entity_id: string }[]).map((r) => [
        r.supplier_id,
        r.entity_id,
      ]),
    ),
  };
}

/** Upserts entities by entity_id in one transaction and logs the import (kind `entities`). */
export function writeEntities(store: Store, w: RegisterWrite<Entity>): WriteCounts & { importId: string } {
  const db = store.sqlite;
  return db.transaction(() => {
    w.check?.(ownershipIds(store));
    const get = db.prepare('SELECT entity_id, name, kind, country, supplier_id FROM entities WHERE entity_id = ?');
    const upsert = db.prepare(
      'INSERT INTO entities (entity_id, name, kind, country, supplier_id) VALUES (?,?,?,?,?) ' +
        'ON CONFLICT(entity_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, country = excluded.country, supplier_id = excluded.supplier_id',
    );
    const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
    const olds = w.rows.map((e) => get.get(e.entity_id) as EntityTable | undefined);
    // a supplier passed from one entity of the file to another: released first, so the unique index
    // never sees it twice half-way
    const release = db.prepare('UPDATE entities SET supplier_id = NULL WHERE entity_id = ?');
    w.rows.forEach((e, i) => {
      const old = olds[i];
      if (old?.supplier_id != null && old.supplier_id !== e.supplier_id) release.run(e.entity_id);
    });
    w.rows.forEach((e, i) => {
      const old = olds[i];
      const country = e.country ?? null;
      const supplier = e.supplier_id ?? null;
      if (old && old.name === e.name && old.kind === e.kind && old.country === country && old.supplier_id === supplier) {
        counts.unchanged++;
        return;
      }
      upsert.run(e.entity_id, e.name, e.kind, country, supplier);
      counts[old ? 'updated' : 'inserted']++;
    });
    const importId = logImport(store, 'entities', w, counts);
    return { ...counts, importId };
  }).immediate();
}

/**
 * Upserts holdings by (holder_id, held_id, since) in one transaction and logs the import (kind
 * `holdings`). With `replace`, the file is taken as the complete record of the holdings in every entity
 * it names as held: stored holdings in those entities that the file does not list are deleted.
 */
export function writeHoldings(store: Store, w: RegisterWrite<Holding> & { replace?: boolean }): WriteCounts & { importId: string } {
  const db = store.sqlite;
  return db.transaction(() => {
    w.check?.(ownershipIds(store));
    const get = db.prepare('SELECT * FROM holdings WHERE holder_id = ? AND held_id = ? AND since = ?');
    const upsert = db.prepare(
      'INSERT INTO holdings (holder_id, held_id, since, percentage, voting_rights, control) VALUES (?,?,?,?,?,?) ' +
        'ON CONFLICT(holder_id, held_id, since) DO UPDATE SET percentage = excluded.percentage, ' +
        'voting_rights = excluded.voting_rights, control = excluded.control',
    );
    const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
    const keys = new Set<string>();
    for (const h of w.rows) {
      const since = h.since ?? '';
      keys.add(holdingKey(h.holder_id, h.held_id, since));
      const old = get.get(h.holder_id, h.held_id, since) as HoldingTable | undefined;
      const votes = h.voting_rights ?? null;
      const control = h.control ? 1 : 0;
      if (old && Number(old.percentage) === h.percentage && (old.voting_rights === null ? null : Number(old.voting_rights)) === votes && Number(old.control) === control) {
        counts.unchanged++;
        continue;
      }
      upsert.run(h.holder_id, h.held_id, since, h.percentage, votes, control);
      counts[old ? 'updated' : 'inserted']++;
    }
    if (w.replace) {
      const inEntity = db.prepare('SELECT holder_id, held_id, since FROM holdings WHERE held_id = ?');
      const del = db.prepare('DELETE FROM holdings WHERE holder_id = ? AND held_id = ? AND since = ?');
      for (const held of new Set(w.rows.map((h) => h.held_id))) {
        for (const r of inEntity.all(held) as Pick<HoldingTable, 'holder_id' | 'held_id' | 'since'>[]) {
          if (keys.has(holdingKey(r.holder_id, r.held_id, r.since))) continue;
          del.run(r.holder_id, r.held_id, r.since);
          counts.deleted++;
        }
      }
    }
    const importId = logImport(store, 'holdings', w, counts);
    return { ...counts, importId };
  }).immediate();
}

const holdingKey = (holder: string, held: string, since: string) => `${holder}\u0000${held}\u0000${since}`;

function logImport(store: Store, kind: string, w: RegisterWrite<unknown>, c: WriteCounts): string {
  return recordImport(store, {
    kind,
    file: w.file,
    rows: w.rows.length,
    inserted: c.inserted,
    updated: c.updated,
    unchanged: c.unchanged,
    sha256: w.sha256,
    startedAt: w.startedAt,
    finishedAt: new Date().toISOString(),
  });
}

/** Suppliers with no entities row, as the company entities they stand in for. */
async function supplierStandIns(store: Store, id?: string): Promise<EntityRecord[]> {
  let q = tables(store)
    .selectFrom('suppliers')
    .leftJoin('entities', 'entities.entity_id', 'suppliers.supplier_id')
    .leftJoin('entities as named', 'named.supplier_id', 'suppliers.supplier_id')
    .select(['suppliers.supplier_id', 'suppliers.name', 'suppliers.hq_country'])
    .where('entities.entity_id', 'is', null)
    .where('named.entity_id', 'is', null);
  if (id !== undefined) q = q.where('suppliers.supplier_id', '=', id);
  const rows = await q.execute();
  return rows.map((s) => ({ entity_id: s.supplier_id, name: s.name, kind: 'company', country: s.hq_country, source: 'supplier' }));
}

/** Every entity of the ownership graph, registered ones and suppliers standing in, by id. */
export async function listEntities(store: Store): Promise<EntityRecord[]> {
  const registered = (await tables(store).selectFrom('entities').selectAll().execute()).map((r) => ({ ...toEntity(r), source: 'register' as const }));
  return [...registered, ...(await supplierStandIns(store))].sort((a, b) => (a.entity_id < b.entity_id ? -1 : a.entity_id > b.entity_id ? 1 : 0));
}

export async function getEntity(store: Store, id: string): Promise<EntityRecord | undefined> {
  const r = await tables(store).selectFrom('entities').selectAll().where('entity_id', '=', id).executeTakeFirst();
  if (r) return { ...toEntity(r), source: 'register' };
  return (await supplierStandIns(store, id))[0];
}

export interface HoldingFilter {
  /** Holdings of or in this entity (either side). */
  entityId?: string;
  holderId?: string;
  heldId?: string;
}

/** Holdings ordered by held entity, holder and date. */
export async function listHoldings(store: Store, filter: HoldingFilter = {}): Promise<Holding[]> {
  let q = tables(store).selectFrom('holdings').selectAll().orderBy('held_id').orderBy('holder_id').orderBy('since');
  if (filter.entityId !== undefined) {
    const id = filter.entityId;
    q = q.where((eb) => eb.or([eb('holder_id', '=', id), eb('held_id', '=', id)]));
  }
  if (filter.holderId !== undefined) q = q.where('holder_id', '=', filter.holderId);
  if (filter.heldId !== undefined) q = q.where('held_id', '=', filter.heldId);
  return (await q.execute()).map(toHolding);
}

/** The entity a supplier is in the graph: the one naming it in supplier_id, else its own id. */
export async function supplierEntityId(store: Store, supplierId: string): Promise<string> {
  const r = await tables(store).selectFrom('entities').select('entity_id').where('supplier_id', '=', supplierId).executeTakeFirst();
  return r?.entity_id ?? supplierId;
}

/**
 * The whole ownership graph as computeControl takes it (suppliers without an entities row included). A
 * holding naming a supplier that an entity names in supplier_id is read as naming that entity, so the
 * supplier is one node whichever id a register used.
 */
export async function loadOwnership(store: Store): Promise<{ entities: Entity[]; holdings: Holding[] }> {
  const entities = (await listEntities(store)).map(({ source: _source, ...e }) => e);
  const alias = new Map(entities.filter((e) => e.supplier_id !== undefined && e.supplier_id !== e.entity_id).map((e) => [e.supplier_id!, e.entity_id]));
  const holdings = await listHoldings(store);
  if (alias.size === 0) return { entities, holdings };
  const as = (id: string) => alias.get(id) ?? id;
  return { entities, holdings: holdings.map((h) => ({ ...h, holder_id: as(h.holder_id), held_id: as(h.held_id) })) };
}
