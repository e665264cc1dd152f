import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Explanation } from '../domain/assessment.js';
import { ImportError, UserError } from '../domain/errors.js';
import { computeControl, type ControlResult } from '../engine/control.js';
import { bomOrigins, parseBomOffThread, type BomOrigins } from '../interchange/cyclonedx/index.js';
import type { ParsedBom } from '../interchange/cyclonedx/types.js';
import { latestBom, latestBomComponents, saveBom, type StoredBom } from '../store/boms.js';
import type { Store } from '../store/open.js';
import { loadOwnership, supplierEntityId } from '../store/ownership.js';
import { getProduct, getSupplier, listProducts } from '../store/repositories.js';

/*
 * Application services for ownership, control and BOMs: store reads composed with engine computations,
 * shared by the CLI and the server. Unknown ids are UserErrors (the CLI exits 2, the API answers 4xx).
 */

export {
  importEntities,
  importHoldings,
  writeEntityRecords,
  writeHoldingRecords,
  ENTITY_COLUMNS,
  HOLDING_COLUMNS,
  type RegisterImportSummary,
  type RegisterInput,
} from './ownership-import.js';

/**
 * Ownership and control of a supplier (see docs/ownership-and-profiles.md §1): computeControl over the
 * whole recorded graph, the supplier being the entity that names it (supplier_id) or has its id. `asOf` (YYYY-MM-DD) leaves
 * out holdings dated after it.
 */
export async function supplierControl(store: Store, supplierId: string, asOf?: string): Promise<ControlResult> {
  if (!(await getSupplier(store, supplierId))) throw new UserError(`no supplier ${supplierId} is recorded`);
  const { entities, holdings } = await loadOwnership(store);
  return computeControl(entities, holdings, await supplierEntityId(store, supplierId), asOf !== undefined ? { asOf } : {});
}

/** bomOrigins of a product's latest BOM, with the BOM it comes from and how the shares are computed. */
export interface ProductOrigins extends BomOrigins {
  productId: string;
  bom: Pick<StoredBom, 'bomId' | 'file' | 'sha256' | 'specVersion' | 'importedAt'>;
  explanation: Explanation;
}

/** Where a product's components are made, from its latest BOM. UserError when the product or its BOM is missing. */
export async function productOrigins(store: Store, productId: string): Promise<ProductOrigins> {
  if (!(await getProduct(store, productId))) throw new UserError(`no product ${productId} is recorded`);
  const bom = await latestBom(store, productId);
  if (!bom) throw new UserError(`product ${productId} has no BOM (import one with: secure5g bom import --product ${productId} <file>)`);
  return originsOf(productId, bom, bomOrigins(await latestBomComponents(store, productId), productId));
}

function originsOf(productId: string, bom: StoredBom, o: BomOrigins): ProductOrigins {
  const pct = (f: number) => `${+(f * 100).toFixed(2)} %`;
  const rows = o.byCountry.map((r) => `${r.country} ${r.components} (${pct(r.componentShare)}), quantity ${r.quantity} (${pct(r.quantityShare)})`);
  return {
    ...o,
    productId,
    bom: { bomId: bom.bomId, file: bom.file, sha256: bom.sha256, specVersion: bom.specVersion, importedAt: bom.importedAt },
    explanation: {
      text:
        `${productId}: ${o.components} component(s), nested ones included, from ${bom.file} (CycloneDX ${bom.specVersion}, imported ${bom.importedAt}). ` +
        `By country of manufacture: ${rows.join('; ') || 'none'}. ` +
        `${o.singleSourceComponents.length} of ${o.sourceAssessedComponents} source-assessed component(s) have a single source.`,
      formula: 'share(country) = components made there / all components; quantity share = Σ quantity there / Σ quantity',
      inputs: { productId, bomId: bom.bomId, sha256: bom.sha256, components: o.components, quantity: o.quantity },
    },
  };
}

/** Origins of every product of a supplier that has a BOM (for profile suggestions, C1.4 and C2.1). */
export async function supplierProductOrigins(store: Store, supplierId: string): Promise<ProductOrigins[]> {
  if (!(await getSupplier(store, supplierId))) throw new UserError(`no supplier ${supplierId} is recorded`);
  const out: ProductOrigins[] = [];
  for (const p of await listProducts(store, { supplierId })) {
    const bom = await latestBom(store, p.product_id);
    if (bom) out.push(originsOf(p.product_id, bom, bomOrigins(await latestBomComponents(store, p.product_id), p.product_id)));
  }
  return out;
}

export interface BomImport {
  bom: StoredBom;
  /** False when the file is the product's latest BOM already (same SHA-256): nothing was written. */
  created: boolean;
}

/**
 * Reads a CycloneDX JSON BOM, validates and maps it (parseBom: an invalid BOM is an ImportError naming
 * the file and the JSON path) and stores it as the product's latest BOM in one transaction.
 */
export async function importBom(store: Store, productId: string, file: string): Promise<BomImport> {
  if (!(await getProduct(store, productId))) throw new UserError(`no product ${productId} is recorded (import products first)`);
  const name = basename(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new ImportError(name, undefined, undefined, 'cannot read the file');
  }
  const { parsed, sha256 } = await parseBomBytes(name, bytes);
  return saveBom(store, productId, name, parsed, sha256);
}

/**
 * The bytes of a CycloneDX JSON BOM (a file's, or a request body's) parsed and mapped, with the SHA-256
 * that tells the same BOM stored again. An invalid BOM is an ImportError naming `name` and the JSON path.
 */
export async function parseBomBytes(name: string, bytes: Buffer): Promise<{ parsed: ParsedBom; sha256: string }> {
  return { parsed: await parseBomOffThread(name, bytes), sha256: createHash('sha256').update(bytes).digest('hex') };
}
