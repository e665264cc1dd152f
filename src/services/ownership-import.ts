import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportError } from '../domain/errors.js';
import { IdSpellings } from '../domain/id-spelling.js';
import { Entity, Holding } from '../domain/ownership.js';
import { ImportErrors, MAX_ERRORS } from '../interchange/import/errors.js';
import { parseRecords, readRecords, sourceLabel, type RegisterInput } from '../interchange/records.js';

export type { RegisterInput } from '../interchange/records.js';
import type { Store } from '../store/open.js';
import { writeEntities, writeHoldings, type OwnershipIds, type WriteCounts } from '../store/ownership.js';

/*
 * The entities and holdings registers: CSV, JSON or XLSX through the one register reader, every row
 * checked, then written in one transaction. Any bad row refuses the whole file, naming file, row and
 * field; nothing is written. Re-importing the same file changes nothing (all rows `unchanged`).
 */

export const ENTITY_COLUMNS = ['entity_id', 'name', 'kind', 'country', 'supplier_id'] as const;
export const HOLDING_COLUMNS = ['holder_id', 'held_id', 'percentage', 'voting_rights', 'control', 'since'] as const;

export interface RegisterImportSummary extends WriteCounts {
  kind: 'entities' | 'holdings';
  file: string;
  rows: number;
  importId: string;
}

async function fileDigest(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

function refuse(file: string, errors: ImportError[]): void {
  if (errors.length > 0) throw new ImportErrors(file, errors.slice(0, MAX_ERRORS), errors.length > MAX_ERRORS);
}

/** A key given twice in one file is ambiguous (which row is meant?): refused, naming both rows. */
function duplicates<T>(file: string, rows: readonly { row: number; value: T }[], key: (v: T) => string, field: string, what: (v: T) => string): ImportError[] {
  const first = new Map<string, number>();
  const errors: ImportError[] = [];
  for (const r of rows) {
    const k = key(r.value);
    const at = first.get(k);
    if (at !== undefined) errors.push(new ImportError(file, r.row, field, `${what(r.value)} is already given in row ${at}`));
    else first.set(k, r.row);
  }
  return errors;
}

/** Imports an entities register (columns: entity_id, name, kind, country, supplier_id), upserting by entity_id. */
export async function importEntities(store: Store, file: string): Promise<RegisterImportSummary> {
  const startedAt = new Date().toISOString();
  const set = await readRecords(file);
  return writeEntityRecords(store, { file: basename(file), ...set, sha256: await fileDigest(file), startedAt });
}


/**
 * importEntities for rows already read: checked and written in one transaction (synchronous, so a caller
 * may hold it in its own transaction with an audit entry).
 */
export function writeEntityRecords(store: Store, input: RegisterInput): RegisterImportSummary {
  const { file, sha256 } = input;
  const name = sourceLabel(file, input.sheet);
  const startedAt = input.startedAt ?? new Date().toISOString();
  const rows = parseRecords(file, input, Entity, { known: ENTITY_COLUMNS });
  refuse(name, [
    ...duplicates(name, rows, (e) => e.entity_id, 'entity_id', (e) => `entity ${e.entity_id}`),
    ...duplicates(name, rows.filter((r) => r.value.supplier_id !== undefined), (e) => e.supplier_id!, 'supplier_id', (e) => `supplier ${e.supplier_id}`),
  ]);
  const check = (ids: OwnershipIds) => {
    const errors: ImportError[] = [];
    const spellings = new IdSpellings(ids.entities);
    for (const { row, value: e } of rows) {
      const clash = spellings.see(e.entity_id, row);
      if (clash !== undefined) errors.push(new ImportError(name, row, 'entity_id', clash));
    }
    const inFile = new Set(rows.map((r) => r.value.entity_id));
    for (const { row, value: e } of rows) {
      const s = e.supplier_id;
      if (s === undefined) continue;
      if (!ids.suppliers.has(s)) errors.push(new ImportError(name, row, 'supplier_id', `no supplier ${s} is recorded (import suppliers first)`));
      const other = ids.supplierEntity.get(s);
      if (other !== undefined && other !== e.entity_id && !inFile.has(other))
        errors.push(new ImportError(name, row, 'supplier_id', `supplier ${s} is already the entity ${other}: one entity per supplier`));
      if (s !== e.entity_id && (ids.entities.has(s) || inFile.has(s)))
        errors.push(new ImportError(name, row, 'supplier_id', `an entity ${s} is recorded under the supplier's own id: remove it, or name the supplier there`));
    }
    refuse(name, errors);
  };
  const counts = writeEntities(store, { file, sha256, rows: rows.map((r) => r.value), startedAt, check });
  return { kind: 'entities', file, rows: rows.length, ...counts };
}

/**
 * Imports a holdings register (columns: holder_id, held_id, percentage, voting_rights, control, since),
 * upserting by (holder_id, held_id, since). Holder and held must each be a recorded entity or a
 * supplier. With `replace`, the file is the complete record of the holdings in each entity it names as
 * held, and stored holdings in those entities that it does not list are deleted.
 */
export async function importHoldings(store: Store, file: string, options: { replace?: boolean } = {}): Promise<RegisterImportSummary> {
  const startedAt = new Date().toISOString();
  const set = await readRecords(file);
  return writeHoldingRecords(store, { file: basename(file), ...set, sha256: await fileDigest(file), startedAt }, options);
}

/** importHoldings for rows already read; synchronous like writeEntityRecords. */
export function writeHoldingRecords(store: Store, input: RegisterInput, options: { replace?: boolean } = {}): RegisterImportSummary {
  const { file, sha256 } = input;
  const name = sourceLabel(file, input.sheet);
  const startedAt = input.startedAt ?? new Date().toISOString();
  // Holding is a refined object (holder ≠ held), so unknown columns are caught by `known`, not .strict().
  const rows = parseRecords(file, input, Holding, { known: HOLDING_COLUMNS });
  refuse(
    name,
    duplicates(name, rows, (h) => `${h.holder_id}\u0000${h.held_id}\u0000${h.since ?? ''}`, 'held_id', (h) =>
      `a holding of ${h.holder_id} in ${h.held_id}${h.since ? ` since ${h.since}` : ' without a date'}`),
  );
  const check = (ids: OwnershipIds) => {
    const known = (id: string) => ids.entities.has(id) || ids.suppliers.has(id);
    const errors: ImportError[] = [];
    for (const r of rows)
      for (const field of ['holder_id', 'held_id'] as const)
        if (!known(r.value[field]))
          errors.push(new ImportError(name, r.row, field, `${r.value[field]} is neither a recorded entity nor a supplier (import it with: secure5g entity import)`));
    refuse(name, errors);
  };
  const counts = writeHoldings(store, { file, sha256, rows: rows.map((r) => r.value), startedAt, check, replace: options.replace ?? false });
  return { kind: 'holdings', file, rows: rows.length, ...counts };
}
