import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASELINE_POLICY } from '../../src/catalog/index.js';
import { resolvePolicy } from '../../src/catalog/resolve-policy.js';
import { Policy } from '../../src/domain/index.js';
import { importFile } from '../../src/interchange/index.js';
import { countRows, getAsset, getOperator, latestPolicies, listDesignations, listProducts, loadSnapshot, openStore } from '../../src/store/index.js';
import { toEpochDay } from '../../src/engine/snapshot.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { fixture, importFixtures, tempStore } from '../interchange/helpers.js';

type T = Awaited<ReturnType<typeof tempStore>>;

describe('openStore', () => {
  let t: T;
  beforeEach(async () => (t = await tempStore()));
  afterEach(async () => t.cleanup());

  it('creates every table, seeds member states, and runs each migration once', async () => {
    const tables = t.store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely%' AND name NOT LIKE 'sqlite%' ORDER BY name").pluck().all();
    // the core inventory tables; later migrations add their own
    expect(tables).toEqual(expect.arrayContaining(['assets', 'designations', 'imports', 'member_states', 'operators', 'policies', 'products', 'suppliers']));
    // 27 EU member states and 3 EEA countries
    expect(t.store.sqlite.prepare('SELECT COUNT(*) FROM member_states').pluck().get()).toBe(30);
    expect(t.store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const again = await openStore(t.store.file);
    const migrations = Object.keys(await migrationProvider.getMigrations()).length;
    expect(migrations).toBeGreaterThanOrEqual(2);
    expect(again.sqlite.prepare('SELECT COUNT(*) FROM kysely_migration').pluck().get()).toBe(migrations);
    await again.close();
  });

  it('keeps foreign keys on outside imports and restores pragmas after one', async () => {
    await importFixtures(t.store, ['operators', 'suppliers', 'products', 'assets']);
    expect(t.store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(t.store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(() =>
      t.store.sqlite.prepare("INSERT INTO products (product_id, supplier_id, name, function) VALUES ('P', 'NO-SUCH', 'x', 'gNB')").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('repositories', () => {
  let t: T;
  beforeEach(async () => {
    t = await tempStore();
    await importFixtures(t.store, ['operators', 'suppliers', 'products', 'assets', 'designations', 'policies']);
  });
  afterEach(async () => t.cleanup());

  it('read entities back in their domain shapes and count rows', async () => {
    expect(await getOperator(t.store, 'OP-DE-2')).toEqual({ operator_id: 'OP-DE-2', name: 'Spreenetz', member_state: 'DE', kind: 'neutral-host' });
    expect((await listProducts(t.store, { supplierId: 'SUP-A' }))[0]!.certifications).toEqual(['NESAS', 'EUCC']);
    expect((await listDesignations(t.store, { memberState: 'FR' })).map((d) => d.segments)).toEqual([['key-assets']]);
    expect(await getAsset(t.store, 'DE2-SEPP')).toEqual({ asset_id: 'DE2-SEPP', operator_id: 'OP-DE-2', segment: 'interconnection', function: 'SEPP', supplier_id: 'SUP-C', quantity: 1.5 });
    expect(await countRows(t.store)).toEqual({ operators: 3, suppliers: 3, products: 3, assets: 5, designations: 2, policies: 2, imports: 6 });
  });

  it('latest policy per member state is the one imported last', async () => {
    const newer = t.file('de2.json', JSON.stringify({ member_state: 'DE', version: '2026-1', thresholds: { national_hhi: 3000 } }));
    await importFile(t.store, 'policies', newer);
    const latest = await latestPolicies(t.store);
    expect(latest.get('DE')!.policy.version).toBe('2026-1');
    expect(latest.get('FR')!.policy.version).toBe('v1');
  });
});

describe('loadSnapshot', () => {
  let t: T;
  beforeEach(async () => {
    t = await tempStore();
    await importFixtures(t.store, ['operators', 'suppliers', 'products', 'assets', 'designations', 'policies']);
  });
  afterEach(async () => t.cleanup());

  it('builds the columns (checked by hand against test/fixtures/import)', () => {
    const s = loadSnapshot(t.store);
    expect(s.memberStates).toEqual(['DE', 'FR']);
    expect(s.operators.ids).toEqual(['OP-DE-1', 'OP-DE-2', 'OP-FR-1']);
    expect([...s.operators.memberState]).toEqual([0, 0, 1]);
    expect(Number.isNaN(s.operators.subscribers[1])).toBe(true);
    expect(s.suppliers.hqCountry).toEqual(['XA', 'XB', 'XC']);
    expect(s.products.ids).toEqual(['P-A-GNB', 'P-B-GNB', 'P-C-AMF']);
    expect([...s.products.supplier]).toEqual([0, 1, 2]);
    expect(s.products.certifications).toEqual([['NESAS', 'EUCC'], [], ['NESAS']]);
    // functions as found: products' gNB, AMF, then the assets' SEPP
    expect(s.functions).toEqual(['gNB', 'AMF', 'SEPP']);
    expect(s.assets.count).toBe(5);
    const i = s.assets.ids.indexOf('DE1-RAN-B');
    expect([s.assets.operator[i], s.assets.segment[i], s.assets.function[i], s.assets.supplier[i], s.assets.product[i], s.assets.quantity[i]]).toEqual([
      0, // OP-DE-1
      s.segments.indexOf('ran'),
      0, // gNB
      1, // SUP-B
      1, // P-B-GNB
      40,
    ]);
    // its own end of support (2027-01-31) wins over the product's (2031-06-30): 2027-01-31 is day 20849
    expect(s.assets.endOfSupport[i]).toBe(20849);
    expect(toEpochDay('2027-01-31')).toBe(20849);
    const a = s.assets.ids.indexOf('DE1-RAN-A'); // none of its own: the product's 2030-12-31
    expect(s.assets.endOfSupport[a]).toBe(toEpochDay('2030-12-31'));
    const sepp = s.assets.ids.indexOf('DE2-SEPP'); // neither: NaN, and no product
    expect(s.assets.product[sepp]).toBe(-1);
    expect(Number.isNaN(s.assets.endOfSupport[sepp])).toBe(true);
    expect(s.assets.segment[sepp]).toBe(s.segments.indexOf('interconnection'));
    expect(s.designations.map((d) => [d.designation_id, d.segments])).toEqual([
      ['D-DE-1', ['ran', 'core']],
      ['D-FR-1', ['key-assets']],
    ]);
    expect(s.policies.get('DE')!.operatorTopSupplierShare).toBe(0.6);
    expect(s.policies.get('FR')!.nationalHhi).toBe(4000);
  });

  it('filters assets and operators by member state or operator, keeping suppliers, products and designations', () => {
    const fr = loadSnapshot(t.store, { memberState: 'FR' });
    expect(fr.operators.ids).toEqual(['OP-FR-1']);
    expect(fr.assets.ids).toEqual(['FR1-RAN-B']);
    expect(fr.assets.operator[0]).toBe(0);
    expect(fr.suppliers.ids).toHaveLength(3);
    expect(fr.products.ids).toHaveLength(3);
    expect(fr.designations).toHaveLength(2);
    const op = loadSnapshot(t.store, { operatorId: 'OP-DE-1' });
    expect([...op.assets.ids].sort()).toEqual(['DE1-AMF', 'DE1-RAN-A', 'DE1-RAN-B']);
    expect(op.assets.quantity.reduce((x, y) => x + y, 0)).toBe(102); // 60 + 40 + 2
    expect(loadSnapshot(t.store, { memberState: 'FR', operatorId: 'OP-DE-1' }).assets.count).toBe(0);
  });

  it('gives the baseline to a member state without a national policy', async () => {
    const other = await tempStore();
    try {
      await importFixtures(other.store, ['operators', 'suppliers', 'designations']);
      const s = loadSnapshot(other.store);
      expect(s.policies.get('FR')).toEqual({ ...BASELINE_POLICY, memberState: 'FR' });
      expect(s.assets.count).toBe(0);
    } finally {
      await other.cleanup();
    }
  });
});

describe('resolvePolicy', () => {
  it('is the baseline without a national policy', () => {
    expect(resolvePolicy('AT')).toEqual({ ...BASELINE_POLICY, memberState: 'AT' });
  });

  it('overrides field by field and certifications segment by segment', () => {
    const national = Policy.parse({
      member_state: 'DE',
      version: '2025-1',
      thresholds: { operator_top_supplier_share: 0.6 },
      criticality_overrides: [{ function: 'RU', criticality: 'critical' }],
      required_certifications: { ran: ['nesas', 'EUCC'], transport: ['EUCC'], core: [] },
      default_transition_months: 24,
    });
    expect(resolvePolicy('DE', national)).toEqual({
      memberState: 'DE',
      version: '2025-1',
      operatorTopSupplierShare: 0.6,
      nationalHhi: 5000, // not stated: the baseline's
      // only the share threshold is the member state's own: a finding may call it "national threshold"
      nationalThresholds: ['operatorTopSupplierShare'],
      criticalityOverrides: [{ function: 'RU', criticality: 'critical' }],
      // ran replaced, transport added, core lifted (empty list), interconnection as the baseline has it
      requiredCertifications: { core: [], ran: ['NESAS', 'EUCC'], interconnection: ['NESAS'], transport: ['EUCC'] },
      defaultTransitionMonths: 24,
      // not stated: the baseline's scopes, no caps, the baseline's profile rule
      restrictionScopes: { 'high-risk': ['key-assets'], restricted: ['key-assets'], conditional: ['key-assets'] },
      caps: [],
      profileRule: BASELINE_POLICY.profileRule,
    });
    // the baseline itself is untouched
    expect(BASELINE_POLICY.requiredCertifications.ran).toEqual(['NESAS']);
  });

  it('reads the stored policy back through the snapshot', async () => {
    const t = await tempStore();
    try {
      await importFile(t.store, 'operators', fixture('operators.csv'));
      await importFile(t.store, 'policies', fixture('policies.json'));
      const de = loadSnapshot(t.store).policies.get('DE')!;
      expect(de.requiredCertifications).toEqual({ core: ['NESAS'], ran: ['NESAS', 'EUCC'], interconnection: ['NESAS'], transport: ['EUCC'] });
      expect(de.defaultTransitionMonths).toBe(24);
    } finally {
      await t.cleanup();
    }
  });
});
