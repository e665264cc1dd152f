import { recordProblem, type CertificateRecord } from '../../engine/certificates.js';
import { fromJsonColumn } from '../json.js';
import type { Store } from '../open.js';
import type { Scope } from './scope.js';
import { pageList, type Page, type PageRequest } from './sql.js';

/*
 * Certificates about products, as records (table certificates, migration 0017) and as the plain labels
 * of the products file that no record of their scheme backs. Reference data like the products they are
 * about: every role reads them, whatever its scope.
 */

export type CertificateStanding = 'valid' | 'expired' | 'not-yet-valid' | 'unverified';

export interface CertificateView {
  /** `record`: an imported certificate; `label`: a product's plain label without a record of its scheme */
  kind: 'record' | 'label';
  scheme: string;
  productId: string;
  supplierId: string;
  certificateId?: string;
  issuer?: string;
  /** software versions covered; empty: every version */
  versions?: string[];
  validFrom?: string;
  validUntil?: string;
  /** on the date asked for; a label is always unverified */
  standing: CertificateStanding;
}

export interface CertificateFilter extends PageRequest {
  productId?: string;
  scheme?: string;
  /** the day the standing is judged on */
  date: string;
}

/** Records first (by product, scheme, id), then the unbacked labels (by product, scheme). */
export function listCertificates(store: Store, _scope: Scope, f: CertificateFilter): Page<CertificateView> {
  const db = store.sqlite;
  const scheme = f.scheme?.toUpperCase();
  const products = db.prepare('SELECT product_id, supplier_id, certifications FROM products ORDER BY product_id').raw(true).all() as [string, string, string][];
  const supplierOf = new Map(products.map(([p, s]) => [p, s]));
  const rows = db
    .prepare('SELECT certificate_id, scheme, issuer, product_id, versions, valid_from, valid_until FROM certificates ORDER BY product_id, scheme, certificate_id')
    .raw(true)
    .all() as [string, string, string, string, string, string, string | null][];
  const records: CertificateView[] = [];
  const backed = new Set<string>();
  for (const [certificateId, s, issuer, productId, versions, validFrom, validUntil] of rows) {
    backed.add(`${productId}|${s.toUpperCase()}`);
    const rec: CertificateRecord = { certificateId, scheme: s.toUpperCase(), issuer, productId, versions: fromJsonColumn<string[]>(versions, []), validFrom, ...(validUntil !== null ? { validUntil } : {}) };
    // the version is not asked here: a record valid on the date stands valid for the versions it lists
    const problem = recordProblem({ ...rec, versions: [] }, f.date, undefined);
    records.push({
      kind: 'record',
      scheme: rec.scheme,
      productId,
      supplierId: supplierOf.get(productId) ?? '',
      certificateId,
      issuer,
      versions: [...rec.versions],
      validFrom,
      ...(rec.validUntil !== undefined ? { validUntil: rec.validUntil } : {}),
      standing: problem === undefined ? 'valid' : f.date < validFrom ? 'not-yet-valid' : 'expired',
    });
  }
  const labels: CertificateView[] = [];
  for (const [productId, supplierId, certifications] of products) {
    for (const label of [...new Set(fromJsonColumn<string[]>(certifications, []).map((c) => c.toUpperCase()))].sort()) {
      if (!backed.has(`${productId}|${label}`)) labels.push({ kind: 'label', scheme: label, productId, supplierId, standing: 'unverified' });
    }
  }
  const keep = (v: CertificateView) => (f.productId === undefined || v.productId === f.productId) && (scheme === undefined || v.scheme === scheme);
  return pageList([...records, ...labels].filter(keep), f);
}
