import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/engine/assessment-diff.js';
import { inventoryDigest } from '../../src/services/assessment-inputs.js';
import { loadSnapshotReport } from '../../src/store/index.js';
import { appendProfile } from '../../src/store/profiles.js';
import {
  FIXTURE,
  addFrenchDesignation,
  addImplementation,
  assessJson,
  cli,
  highProfile,
  importSmallNetwork,
  tempDb,
  withDb,
  writeRiskInputs,
  type AssessJson,
} from './helpers.js';

/** The parts of two runs' inputs that differ, the data version left out. */
function changedParts(a: AssessJson, b: AssessJson): string[] {
  const keys = new Set([...Object.keys(a.inputs), ...Object.keys(b.inputs)]);
  keys.delete('dataVersion');
  const rec = (x: AssessJson) => x.inputs as unknown as Record<string, unknown>;
  return [...keys].filter((k) => canonicalJson(rec(a)[k]) !== canonicalJson(rec(b)[k])).sort();
}

/*
 * One database, runs one after another, each after one change (or a change that changes nothing). The
 * hash must move exactly when a part of the inputs moved, and that part must be the one changed.
 */
describe('the inputs hash changes when, and only when, an input changes', () => {
  let t: ReturnType<typeof tempDb>;
  let base: AssessJson;
  beforeAll(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
    await writeRiskInputs(t.db);
    base = await assessJson(t.db);
  });
  afterAll(() => t.cleanup());

  it('is the SHA-256 of the canonical JSON of the inputs, the data version left out', () => {
    const { dataVersion, ...hashed } = base.inputs;
    expect(dataVersion).toMatch(/^f\d+(LE|BE):/);
    expect(base.inputsHash).toBe(createHash('sha256').update(canonicalJson(hashed)).digest('hex'));
    expect(base.inputs).toMatchObject({
      date: '2026-06-01',
      filter: {},
      policies: { DE: 'baseline', FR: 'baseline' },
      inventory: { operators: 2, suppliers: 3, products: 3, assets: 4 },
      designations: { count: 1 },
      implementations: { count: 10 },
      profiles: { count: 2 },
      operatorFacts: { count: 0 },
      riskModel: { version: 'secure5g-risk-2026.11' },
    });
  });

  it('stays for a second run (from the snapshot cache) and for a re-import that changes nothing', async () => {
    const again = await assessJson(t.db);
    expect(again.inputsHash).toBe(base.inputsHash);
    const r = await cli('import', 'designations', join(FIXTURE, 'designations.csv'), '--db', t.db);
    expect(r.code).toBe(0);
    const reimported = await assessJson(t.db);
    expect(reimported.inputs.dataVersion).not.toBe(base.inputs.dataVersion); // the import log moved
    expect(reimported.inputsHash).toBe(base.inputsHash);
    // the very same implementation row again is no new history row
    await addImplementation(t.db, { measure: 'TM01', scope_level: 'union', status: 'in-place', recorded_on: '2024-01-01' });
    expect((await assessJson(t.db)).inputsHash).toBe(base.inputsHash);
  });

  it('digests the inventory alike whether the snapshot came from SQL or from the cache', async () => {
    await withDb(t.db, async (store) => {
      const sql = loadSnapshotReport(store, {}, { cache: false });
      const cached = loadSnapshotReport(store);
      expect([sql.source, cached.source]).toEqual(['sql', 'cache']);
      expect(inventoryDigest(cached.snapshot)).toBe(inventoryDigest(sql.snapshot));
      expect(inventoryDigest(sql.snapshot)).toBe(base.inputs.inventory.digest);
    });
  });

  it('moves with the date and the filter', async () => {
    const later = await assessJson(t.db, '--date', '2026-06-02');
    expect(later.inputsHash).not.toBe(base.inputsHash);
    expect(changedParts(base, later)).toEqual(['date']);
    const de = await assessJson(t.db, '--member-state', 'DE');
    expect(de.inputsHash).not.toBe(base.inputsHash);
    // DE's run sees DE's operator, DE's and the Union's implementation rows (TM05 FR and TM02 OP-FR-1 not), DE's profile
    expect(de.inputs).toMatchObject({ filter: { memberState: 'DE' }, inventory: { operators: 1, assets: 3 }, implementations: { count: 8 }, profiles: { count: 1 } });
  });

  it('moves with an implementation row, but not for a row of a scope outside the run', async () => {
    const deBefore = await assessJson(t.db, '--member-state', 'DE');
    await addImplementation(t.db, { measure: 'SM06', scope_level: 'member-state', member_state: 'FR', status: 'in-place', recorded_on: '2026-05-01' });
    const all = await assessJson(t.db);
    expect(all.inputsHash).not.toBe(base.inputsHash);
    expect(changedParts(base, all)).toEqual(['implementations']);
    expect(all.inputs.implementations.count).toBe(11);
    const deAfter = await assessJson(t.db, '--member-state', 'DE');
    expect(deAfter.inputsHash).toBe(deBefore.inputsHash);
    base = all;
  });

  it('moves with a supplier profile level and with a designation', async () => {
    // FR now profiles SUP-A high as well
    await withDb(t.db, (store) => appendProfile(store, highProfile('PR-FR-SUP-A', 'SUP-A', 'FR')).then(() => undefined));
    const profiled = await assessJson(t.db);
    expect(changedParts(base, profiled)).toEqual(['profiles']);
    await addFrenchDesignation(t.dir, t.db);
    const designated = await assessJson(t.db);
    // designations are part of the snapshot's content too, but not of the inventory digest
    expect(changedParts(profiled, designated)).toEqual(['designations']);
    expect(new Set([base.inputsHash, profiled.inputsHash, designated.inputsHash]).size).toBe(3);
    base = designated;
  });

  it('moves with the inventory: one quantity changed', async () => {
    const file = join(t.dir, 'assets-2.csv');
    writeFileSync(file, readFileSync(join(FIXTURE, 'assets.csv'), 'utf8').replace('FR1-RAN-B,OP-FR-1,ran,gNB,SUP-B,P-B-GNB,3.1,100,', 'FR1-RAN-B,OP-FR-1,ran,gNB,SUP-B,P-B-GNB,3.1,90,'));
    expect((await cli('import', 'assets', file, '--db', t.db)).code).toBe(0);
    const changed = await assessJson(t.db);
    expect(changedParts(base, changed)).toEqual(['inventory']);
    expect(changed.inputs.inventory.assets).toBe(4);
    expect(changed.inputsHash).not.toBe(base.inputsHash);
  });
});
