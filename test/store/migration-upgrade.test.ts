import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAssets, getOperator, listDesignations } from '../../src/store/access/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { cli } from '../cli/helpers.js';

/*
 * A database made at the oldest schema (migration 0001 alone), filled with rows of every table that
 * existed then, written as that version wrote them (raw SQL: its columns, JSON text, upper-case codes),
 * then opened by this version: every migration runs, every row keeps its values, the columns added since
 * read as absent, the backfills (designation history, asset counts) hold, and an assessment of the
 * upgraded database equals one of a database built at the newest schema by importing the same rows.
 */

// ---- the rows, as 0001 stored them ----
const OPERATORS = [
  ['OP-DE-1', 'Rheinwelle Mobil', 'DE', 'mno', 1_200_000],
  ['OP-DE-2', 'Spreenetz', 'DE', 'neutral-host', null],
  ['OP-FR-1', 'Azur Télécom', 'FR', 'mno', 800_000],
] as const;
const SUPPLIERS = [
  ['SUP-A', 'Aurora Radio Systems', 'XA'],
  ['SUP-B', 'Borealis Networks, Ltd.', 'XB'],
  ['SUP-C', 'Cobalt Core Software', 'XC'],
] as const;
const PRODUCTS = [
  ['P-A-GNB', 'SUP-A', 'Aurora gNB 5', 'gNB', '["NESAS","EUCC"]', '2030-12-31'],
  ['P-B-GNB', 'SUP-B', 'Borealis RAN 3', 'gNB', '[]', '2031-06-30'],
  ['P-C-AMF', 'SUP-C', 'Cobalt AMF', 'AMF', '["NESAS"]', '2025-01-01'],
] as const;
const DESIGNATIONS = [
  ['D-DE-1', 'DE', 'SUP-B', 'high-risk', '["ran","core"]', 'Fictional Telecom Security Act §1', '2025-01-01', 12, 'in-force'],
  ['D-FR-1', 'FR', 'SUP-C', 'restricted', '["key-assets"]', 'Fictional Decree 7', '2026-07-01', 36, 'proposed'],
  ['D-DE-2', 'DE', 'SUP-C', 'high-risk', '["core"]', 'Fictional Telecom Security Act §2', '2024-01-01', 6, 'revoked'],
] as const;
const POLICIES = [
  {
    member_state: 'DE',
    version: '2025-1',
    thresholds: { operator_top_supplier_share: 0.6 },
    criticality_overrides: [{ function: 'RU', criticality: 'critical' }],
    required_certifications: { ran: ['NESAS', 'EUCC'], transport: ['EUCC'] },
    default_transition_months: 24,
  },
  { member_state: 'FR', version: 'v1', thresholds: { national_hhi: 4000 } },
];
const KINDS = [
  ['ran', 'gNB', 'SUP-A', 'P-A-GNB'],
  ['ran', 'gNB', 'SUP-B', 'P-B-GNB'],
  ['core', 'AMF', 'SUP-C', 'P-C-AMF'],
  ['interconnection', 'SEPP', 'SUP-C', null],
] as const;
/** 120 assets spread over the operators and kinds; some with every optional column, some with none */
const ASSETS = Array.from({ length: 120 }, (_, i) => {
  const [segment, fn, supplier, product] = KINDS[i % KINDS.length]!;
  const full = i % 3 !== 0;
  return [
    `A-${String(i).padStart(3, '0')}`,
    OPERATORS[i % OPERATORS.length]![0],
    segment,
    fn,
    supplier,
    product,
    full ? `${1 + (i % 5)}.${i % 10}` : null,
    1 + (i % 7) * 2.5,
    full ? ['north', 'south', 'east'][i % 3]! : null,
    full ? `202${i % 5}-0${1 + (i % 9)}-15` : null,
    full && i % 2 ? '2029-12-31' : null,
  ] as const;
});

const DATE = '2026-06-30';
let dir: string;
let oldDb: string;
let store: Store;

const csv = (header: string, rows: readonly (readonly unknown[])[]) =>
  `${header}\n${rows.map((r) => r.map((v) => (v === null ? '' : /[",]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\n')}\n`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'secure5g-upgrade-'));
  oldDb = join(dir, 'old.db');
  const sqlite = new BetterSqlite3(oldDb);
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0001_core');
  expect(error).toBeUndefined();
  const put = (sql: string, rows: readonly (readonly unknown[])[]) => {
    const st = sqlite.prepare(sql);
    for (const r of rows) st.run(...r);
  };
  sqlite.transaction(() => {
    put('INSERT INTO operators (operator_id, name, member_state, kind, subscribers) VALUES (?,?,?,?,?)', OPERATORS);
    put('INSERT INTO suppliers (supplier_id, name, hq_country) VALUES (?,?,?)', SUPPLIERS);
    put('INSERT INTO products (product_id, supplier_id, name, function, certifications, end_of_support) VALUES (?,?,?,?,?,?)', PRODUCTS);
    put(
      'INSERT INTO assets (asset_id, operator_id, segment, function, supplier_id, product_id, software_version, quantity, region, in_service, end_of_support) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
      ASSETS,
    );
    put('INSERT INTO designations (designation_id, member_state, supplier_id, kind, segments, legal_basis, effective_date, transition_months, status) VALUES (?,?,?,?,?,?,?,?,?)', DESIGNATIONS);
    put('INSERT INTO policies (member_state, version, document, imported_at) VALUES (?,?,?,?)', POLICIES.map((p) => [p.member_state, p.version, JSON.stringify(p), '2025-02-01T10:00:00.000Z']));
    put('INSERT INTO imports (import_id, kind, file, rows, inserted, updated, unchanged, sha256, started_at, finished_at) VALUES (?,?,?,?,?,?,?,?,?,?)', [
      ['0b7f3c1e-1111-4c1a-9a51-000000000001', 'assets', 'assets.csv', 120, 120, 0, 0, 'ab'.repeat(32), '2025-02-01T09:59:58.000Z', '2025-02-01T10:00:00.000Z'],
    ]);
  })();
  await db.destroy();
  store = await openStore(oldDb);
}, 60_000);
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upgrade from the oldest schema', () => {
  it('runs every migration once', async () => {
    const names = Object.keys(await migrationProvider.getMigrations()).sort();
    expect(store.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all()).toEqual(names);
    expect(store.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(store.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('keeps every row of 0001 with its values; the columns added since read as absent', () => {
    const rows = (sql: string) => store.sqlite.prepare(sql).raw().all() as unknown[][];
    expect(rows('SELECT operator_id, name, member_state, kind, subscribers FROM operators ORDER BY operator_id')).toEqual(OPERATORS);
    expect(rows('SELECT critical_services FROM operators').flat()).toEqual([null, null, null]);
    expect(rows('SELECT supplier_id, name, hq_country FROM suppliers ORDER BY supplier_id')).toEqual(SUPPLIERS);
    expect(rows('SELECT product_id, supplier_id, name, function, certifications, end_of_support FROM products ORDER BY product_id')).toEqual(PRODUCTS);
    expect(
      rows('SELECT asset_id, operator_id, segment, function, supplier_id, product_id, software_version, quantity, region, in_service, end_of_support FROM assets ORDER BY asset_id'),
    ).toEqual(ASSETS);
    expect(
      rows('SELECT designation_id, member_state, supplier_id, kind, segments, legal_basis, effective_date, transition_months, status FROM designations ORDER BY designation_id'),
    ).toEqual([...DESIGNATIONS].sort((a, b) => a[0].localeCompare(b[0])));
    expect(rows('SELECT decision_date, profile_id, profile_version, revoked_on FROM designations').flat().every((v) => v === null)).toBe(true);
    expect(rows('SELECT member_state, version, document FROM policies ORDER BY member_state').map(([m, v, d]) => [m, v, JSON.parse(String(d))])).toEqual(
      POLICIES.map((p) => [p.member_state, p.version, p]),
    );
    expect(rows('SELECT file, rows FROM imports')).toEqual([['assets.csv', 120]]);
  });

  it('reads the upgraded rows through the store: operators, designations with their backfilled history, asset totals', () => {
    expect(getOperator(store, { role: 'admin' }, 'OP-DE-2')).toEqual({ operator_id: 'OP-DE-2', name: 'Spreenetz', member_state: 'DE', kind: 'neutral-host' });
    const de = listDesignations(store, { role: 'authority', memberState: 'DE' }).items;
    expect(de.map((d) => [d.designation_id, d.status, d.segments])).toEqual([
      ['D-DE-1', 'in-force', ['ran', 'core']],
      ['D-DE-2', 'revoked', ['core']],
    ]);
    // migration 0005 gave each designation a first revision: created, or revoked for the revoked one
    expect(store.sqlite.prepare('SELECT designation_id, revision, change FROM designation_history ORDER BY designation_id').raw().all()).toEqual([
      ['D-DE-1', 1, 'created'],
      ['D-DE-2', 1, 'revoked'],
      ['D-FR-1', 1, 'created'],
    ]);
    // migration 0012 counted the assets: 120 over 3 operators in turn, 2 of them in DE → 80 (40 each)
    expect(countAssets(store, { role: 'admin' })).toBe(120);
    expect(countAssets(store, { role: 'authority', memberState: 'DE' })).toBe(80);
    // every 4th asset is a SEPP of SUP-C without product; a third of those (i ≡ 1 mod 3 with i ≡ 3 mod 4) are OP-DE-2's: i = 7, 19, …, 115 → 10
    expect(countAssets(store, { role: 'admin' }, { operatorId: 'OP-DE-2', segment: 'interconnection' })).toBe(10);
  });

  it('assesses as a database built at the newest schema from the same rows by the importer', async () => {
    const fresh = join(dir, 'fresh.db');
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const files: [string, string][] = [
      ['operators', file('operators.csv', csv('operator_id,name,member_state,kind,subscribers', OPERATORS))],
      ['suppliers', file('suppliers.csv', csv('supplier_id,name,hq_country', SUPPLIERS))],
      ['products', file('products.csv', csv('product_id,supplier_id,name,function,certifications,end_of_support', PRODUCTS.map((p) => [...p.slice(0, 4), (JSON.parse(p[4]) as string[]).join(';'), p[5]])))],
      ['assets', file('assets.csv', csv('asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support', ASSETS))],
      [
        'designations',
        file('designations.csv', csv('designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,transition_months,status', DESIGNATIONS.map((d) => [...d.slice(0, 4), (JSON.parse(d[4]) as string[]).join(';'), ...d.slice(5)]))),
      ],
      ['policies', file('policies.json', JSON.stringify(POLICIES))],
    ];
    for (const [kind, f] of files) expect((await cli('import', kind, f, '--db', fresh)).code).toBe(0);
    const assess = async (db: string) => {
      const r = await cli('assess', '--db', db, '--date', DATE, '--format', 'json', '--no-save');
      expect(r.code, r.stderr).not.toBe(2);
      const out = JSON.parse(r.stdout) as Record<string, unknown>;
      return { findings: out.findings, concentration: out.concentration, risks: out.risks };
    };
    const upgraded = await assess(oldDb);
    expect((upgraded.findings as unknown[]).length).toBeGreaterThan(0);
    expect(upgraded).toEqual(await assess(fresh));
  });
});
