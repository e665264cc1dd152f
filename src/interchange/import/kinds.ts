import type { z } from 'zod';
import {
  Asset,
  DesignationRow,
  DESIGNATION_KINDS,
  DESIGNATION_STATUSES,
  DesignationScopeItem,
  OPERATOR_KINDS,
  Operator,
  Product,
  SEGMENT_IDS,
  Supplier,
} from '../../domain/index.js';
import { CertificateRow } from '../../domain/certificate.js';
import { toJsonColumn } from '../../store/index.js';
import * as F from './fields.js';

import { IMPORT_KINDS } from './kind-names.js';

export { IMPORT_KINDS };
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type TableKind = Exclude<ImportKind, 'policies'>;

export interface ColumnSpec {
  name: string;
  /** must be present as a column and non-empty in every row */
  required: boolean;
  fast: F.Fast;
  /** parsed value → SQL value; absent values become NULL */
  toSql?: (v: unknown) => unknown;
}

export interface KindSpec {
  kind: TableKind;
  /** the table, whose columns are exactly `columns` */
  table: TableKind;
  key: string;
  columns: readonly ColumnSpec[];
  /** the reference schema (src/domain/entities.ts); the fast validators must agree with it */
  schema: z.ZodType<Record<string, unknown>>;
}

const req = (name: string, fast: F.Fast): ColumnSpec => ({ name, required: true, fast });
const opt = (name: string, fast: F.Fast, toSql?: (v: unknown) => unknown): ColumnSpec => ({
  name,
  required: false,
  fast,
  ...(toSql ? { toSql } : {}),
});
const json = (v: unknown) => toJsonColumn(v ?? []);

export const KINDS: Record<TableKind, KindSpec> = {
  operators: {
    kind: 'operators',
    table: 'operators',
    key: 'operator_id',
    schema: Operator,
    columns: [
      req('operator_id', F.id),
      req('name', F.requiredText),
      req('member_state', F.memberStateCode),
      req('kind', F.oneOf(OPERATOR_KINDS)),
      opt('subscribers', F.optional(F.wholeNumber(0, Number.MAX_SAFE_INTEGER))),
      opt('critical_services', F.optional(F.wholeNumber(0, 1_000_000))),
    ],
  },
  suppliers: {
    kind: 'suppliers',
    table: 'suppliers',
    key: 'supplier_id',
    schema: Supplier,
    columns: [req('supplier_id', F.id), req('name', F.requiredText), req('hq_country', F.countryCode)],
  },
  products: {
    kind: 'products',
    table: 'products',
    key: 'product_id',
    schema: Product,
    columns: [
      req('product_id', F.id),
      req('supplier_id', F.id),
      req('name', F.requiredText),
      req('function', F.id),
      opt('certifications', F.list(F.certification), json),
      opt('end_of_support', F.optional(F.isoDate)),
    ],
  },
  assets: {
    kind: 'assets',
    table: 'assets',
    key: 'asset_id',
    schema: Asset,
    columns: [
      req('asset_id', F.id),
      req('operator_id', F.id),
      req('segment', F.oneOf(SEGMENT_IDS)),
      req('function', F.id),
      req('supplier_id', F.id),
      opt('product_id', F.optional(F.id)),
      opt('software_version', F.optional(F.textMax128)),
      req('quantity', F.quantity),
      opt('region', F.optional(F.textMax128)),
      opt('in_service', F.optional(F.isoDate)),
      opt('end_of_support', F.optional(F.isoDate)),
    ],
  },
  designations: {
    kind: 'designations',
    table: 'designations',
    key: 'designation_id',
    // per field; the cross-field rules and the policy default are applied in validate.ts
    schema: DesignationRow,
    columns: [
      req('designation_id', F.id),
      req('member_state', F.memberStateCode),
      req('supplier_id', F.id),
      req('kind', F.oneOf(DESIGNATION_KINDS)),
      { ...req('segments', F.list(F.oneOf(DesignationScopeItem.options), true)), toSql: json },
      req('legal_basis', F.requiredText),
      opt('decision_date', F.optional(F.isoDate)),
      req('effective_date', F.isoDate),
      opt('transition_months', F.optional(F.wholeNumber(0, 240))),
      req('status', F.oneOf(DESIGNATION_STATUSES)),
      opt('profile_id', F.optional(F.id)),
      opt('profile_version', F.optional(F.wholeNumber(1, Number.MAX_SAFE_INTEGER))),
      opt('revoked_on', F.optional(F.isoDate)),
    ],
  },
  certificates: {
    kind: 'certificates',
    table: 'certificates',
    key: 'certificate_id',
    // per field; valid_until against valid_from and the product reference are checked in validate.ts
    schema: CertificateRow,
    columns: [
      req('certificate_id', F.id),
      req('scheme', F.certification),
      req('issuer', F.requiredText),
      req('product_id', F.id),
      opt('versions', F.list(F.textMax128), json),
      req('valid_from', F.isoDate),
      opt('valid_until', F.optional(F.isoDate)),
    ],
  },
};
