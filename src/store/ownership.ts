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
 */

interface EntityTable {
  entity_id: string;
  name: string;
  kind: string;
  country: string | null;
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
  };
}

/** Upserts entities by entity_id in one transaction and logs the import (kind `entities`). */
export function writeEntities(store: Store, w: RegisterWrite<Entity>): WriteCounts & { importId: string } {
  const db = store.sqlite;
  return db.transaction(() => {
    w.check?.(ownershipIds(store));
    const get = db.prepare('SELECT entity_id, name, kind, country FROM entities WHERE entity_id = ?');
    const upsert = db.prepare(
      'INSERT INTO entities (entity_id, name, kind, country) VALUES (?,?,?,?) ' +
        'ON CONFLICT(entity_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, country = excluded.country',
    );
    const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
    for (const e of w.rows) {
      const old = get.get(e.entity_id) as EntityTable | undefined;
      const country = e.country ?? null;
      if (old && old.name === e.name && old.kind === e.kind && old.country === country) {
        counts.unchanged++;
        continue;
      }
      upsert.run(e.entity_id, e.name, e.kind, country);
      counts[old ? 'updated' : 'inserted']++;
    }
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
    .select(['suppliers.supplier_id', 'suppliers.name', 'suppliers.hq_country'])
    .where('entities.entity_id', 'is', null);
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

/** The whole ownership graph as computeControl takes it (suppliers without an entities row included). */
export async function loadOwnership(store: Store): Promise<{ entities: Entity[]; holdings: Holding[] }> {
  const entities = (await listEntities(store)).map(({ source: _source, ...e }) => e);
  return { entities, holdings: await listHoldings(store) };
}
