import { describe, expect, it } from 'vitest';
import { FAIL } from '../../src/interchange/import/fields.js';
import { KINDS, type TableKind } from '../../src/interchange/import/kinds.js';

/*
 * The importer's fast per-column validators must agree with the zod schemas of src/domain/entities.ts,
 * the reference: on every value zod accepts they give zod's output, and on every row zod rejects at
 * least one of them fails (so the row goes to zod, which words the error). Each good row below is
 * varied one column at a time over awkward values.
 */

const GOOD: Record<TableKind, Record<string, unknown>> = {
  operators: { operator_id: 'OP-1', name: 'Rheinwelle', member_state: 'DE', kind: 'mno', subscribers: '100' },
  suppliers: { supplier_id: 'SUP-A', name: 'Aurora Radio Systems', hq_country: 'XA' },
  products: { product_id: 'P-1', supplier_id: 'SUP-A', name: 'Aurora gNB', function: 'gNB', certifications: 'NESAS', end_of_support: '2030-01-31' },
  assets: {
    asset_id: 'A-1', operator_id: 'OP-1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', product_id: 'P-1',
    software_version: '5.2', quantity: '3', region: 'north', in_service: '2022-03-01', end_of_support: '',
  },
  designations: {
    designation_id: 'D-1', member_state: 'FR', supplier_id: 'SUP-A', kind: 'high-risk', segments: 'ran;core',
    legal_basis: 'Act', effective_date: '2025-01-01', transition_months: '12', status: 'in-force',
  },
  certificates: {
    certificate_id: 'NESAS-2026-017', scheme: 'nesas', issuer: 'Fictional Test Lab', product_id: 'P-1', versions: '5.2;5.3',
    valid_from: '2026-01-01', valid_until: '2027-12-31',
  },
};

const AWKWARD: unknown[] = [
  '', ' ', '  padded  ', 'a b', 'x'.repeat(129), 'x'.repeat(128), '-1', '0', '1.5', '1e3', '-0', 'Infinity', 'NaN', '0x10', ' 7 ',
  '2024-02-29', '2026-02-30', '2025-13-01', '2025-1-01', ' 2025-01-01 ', 'de', 'DE', 'us', 'USA', 'XA', 'ran', 'RAN', 'key-assets',
  'ran;core', ';', 'ran;;core;', 'nesas; eucc', 'mno', 'in-force', 'high-risk', 'gNB', '.dot', 'ok_id:1-2.3', 'ß', 'é',
  'MNO', ' Neutral-Host ', 'In-Force', 'HIGH-RISK', 'Ran;KEY-ASSETS', 'el', 'EL', ' El ',
  null, undefined, 0, -3, 2.5, 240, 241, Number.MAX_SAFE_INTEGER + 2, [], ['ran'], ['nesas', ' scas '], ['ran', 7], {}, true,
];

function fastParse(kind: TableKind, row: Record<string, unknown>): unknown[] | typeof FAIL {
  const out: unknown[] = [];
  for (const col of KINDS[kind].columns) {
    const v = col.fast(row[col.name]);
    if (v === FAIL) return FAIL;
    out.push(v);
  }
  return out;
}

describe('fast validators agree with the zod schemas', () => {
  for (const kind of Object.keys(GOOD) as TableKind[]) {
    it(kind, () => {
      const spec = KINDS[kind];
      let accepted = 0;
      let rejected = 0;
      for (const col of spec.columns) {
        for (const value of AWKWARD) {
          const row = { ...GOOD[kind], [col.name]: value };
          if (value === undefined) delete row[col.name];
          const ref = spec.schema.safeParse(row);
          const fast = fastParse(kind, row);
          const label = `${kind}.${col.name} = ${JSON.stringify(value)}`;
          if (ref.success) {
            accepted++;
            expect(fast, label).not.toBe(FAIL);
            expect(fast, label).toEqual(spec.columns.map((c) => ref.data[c.name]));
          } else {
            rejected++;
            expect(fast, label).toBe(FAIL);
          }
        }
      }
      // both outcomes were exercised for every kind
      expect(accepted).toBeGreaterThan(spec.columns.length);
      expect(rejected).toBeGreaterThan(spec.columns.length);
    });
  }
});
