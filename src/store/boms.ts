import { randomUUID } from 'node:crypto';
import { UserError } from '../domain/errors.js';
// Types only: the mapped shapes are defined next to the CycloneDX mapper; nothing of it runs here.
import type { BomComponent, ParsedBom } from '../interchange/cyclonedx/types.js';
import { importTimestamp } from './import-writes.js';
import { fromJsonColumn, toJsonColumn } from './json.js';
import type { Store } from './open.js';

/*
 * Product BOMs (migration 0008). Every imported BOM is kept; the latest by imported_at is the one that
 * counts for a product. Components are stored whole (JSON) with the columns queried on beside them.
 */

interface BomTable {
  bom_id: string;
  product_id: string;
  spec_version: string;
  serial_number: string | null;
  bom_version: number | null;
  sha256: string;
  file: string;
  component_count: number;
  product: string | null;
  warnings: string;
  imported_at: string;
}

interface BomComponentTable {
  bom_id: string;
  position: number;
  path: string;
  bom_ref: string | null;
  name: string;
  type: string;
  manufacturer: string | null;
  origin_country: string;
  quantity: number;
  component: string;
}

const tables = (store: Store) => store.db.withTables<{ boms: BomTable; bom_components: BomComponentTable }>();

export interface StoredBom {
  bomId: string;
  productId: string;
  specVersion: string;
  serialNumber?: string;
  /** The BOM's own `version` field (its revision), when given. */
  bomVersion?: number;
  sha256: string;
  file: string;
  components: number;
  /** What the BOM says it describes (metadata.component and its maker). */
  product?: ParsedBom['product'];
  warnings: string[];
  importedAt: string;
  /** True for the product's latest BOM, the one that counts. */
  latest: boolean;
}

const toStored = (r: BomTable, latest: boolean): StoredBom => ({
  bomId: r.bom_id,
  productId: r.product_id,
  specVersion: r.spec_version,
  ...(r.serial_number !== null ? { serialNumber: r.serial_number } : {}),
  ...(r.bom_version !== null ? { bomVersion: Number(r.bom_version) } : {}),
  sha256: r.sha256,
  file: r.file,
  components: Number(r.component_count),
  ...(r.product !== null ? { product: fromJsonColumn<ParsedBom['product']>(r.product, undefined) } : {}),
  warnings: fromJsonColumn<string[]>(r.warnings, []),
  importedAt: r.imported_at,
  latest,
});

function latestRow(store: Store, productId: string): BomTable | undefined {
  return store.sqlite
    .prepare('SELECT * FROM boms WHERE product_id = ? ORDER BY imported_at DESC, bom_id DESC LIMIT 1')
    .get(productId) as BomTable | undefined;
}

/**
 * Stores a parsed BOM for a product in one transaction and makes it the product's latest. The same
 * file (same SHA-256) as the product's latest BOM changes nothing (`created: false`); any other BOM,
 * even one imported before, becomes the latest and the earlier ones are kept.
 */
export function saveBom(store: Store, productId: string, file: string, parsed: ParsedBom, sha256: string): { bom: StoredBom; created: boolean } {
  const db = store.sqlite;
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM products WHERE product_id = ?').get(productId) === undefined)
      throw new UserError(`no product ${productId} is recorded (import products first)`);
    const latest = latestRow(store, productId);
    if (latest && latest.sha256 === sha256) return { bom: toStored(latest, true), created: false };
    const row: BomTable = {
      bom_id: randomUUID(),
      product_id: productId,
      spec_version: parsed.specVersion,
      serial_number: parsed.serialNumber ?? null,
      bom_version: parsed.version ?? null,
      sha256,
      file,
      component_count: parsed.components.length,
      product: parsed.product ? toJsonColumn(parsed.product) : null,
      warnings: toJsonColumn(parsed.warnings),
      imported_at: importTimestamp(),
    };
    db.prepare(
      'INSERT INTO boms (bom_id, product_id, spec_version, serial_number, bom_version, sha256, file, component_count, product, warnings, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
    ).run(row.bom_id, row.product_id, row.spec_version, row.serial_number, row.bom_version, row.sha256, row.file, row.component_count, row.product, row.warnings, row.imported_at);
    const put = db.prepare(
      'INSERT INTO bom_components (bom_id, position, path, bom_ref, name, type, manufacturer, origin_country, quantity, component) VALUES (?,?,?,?,?,?,?,?,?,?)',
    );
    parsed.components.forEach((c, i) =>
      put.run(row.bom_id, i, c.path, c.bomRef ?? null, c.name, c.type, c.manufacturer?.name ?? c.supplier?.name ?? null, c.origin.country, c.quantity, toJsonColumn(c)),
    );
    return { bom: toStored(row, true), created: true };
  }).immediate();
}

/** The product's latest BOM, or undefined when it has none. */
export async function latestBom(store: Store, productId: string): Promise<StoredBom | undefined> {
  const r = latestRow(store, productId);
  return r && toStored(r, true);
}

/** The components of the product's latest BOM in document order; empty when it has no BOM. */
export async function latestBomComponents(store: Store, productId: string): Promise<BomComponent[]> {
  const latest = latestRow(store, productId);
  if (!latest) return [];
  const rows = await tables(store).selectFrom('bom_components').select('component').where('bom_id', '=', latest.bom_id).orderBy('position').execute();
  return rows.map((r) => fromJsonColumn<BomComponent>(r.component, undefined as never));
}

/** Stored BOMs, by product and then newest first; `latest` marks the one that counts per product. */
export async function listBoms(store: Store, filter: { productId?: string } = {}): Promise<StoredBom[]> {
  let q = tables(store).selectFrom('boms').selectAll().orderBy('product_id').orderBy('imported_at', 'desc').orderBy('bom_id', 'desc');
  if (filter.productId !== undefined) q = q.where('product_id', '=', filter.productId);
  const rows = await q.execute();
  return rows.map((r, i) => toStored(r, i === 0 || rows[i - 1]!.product_id !== r.product_id));
}
