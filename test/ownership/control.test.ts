import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlResult } from '../../src/engine/control.js';
import type { EntityRecord } from '../../src/store/ownership.js';
import type { Holding } from '../../src/domain/ownership.js';
import { cli, cliJson, fixture, smallNetworkDb, tempDb } from './helpers.js';

const byId = <T extends { entityId: string }>(list: T[]) => Object.fromEntries(list.map((x) => [x.entityId, x]));

describe('ownership commands over the small network', () => {
  let t: Awaited<ReturnType<typeof smallNetworkDb>>;
  const control = (supplier: string, ...extra: string[]) => cliJson<ControlResult>('supplier', 'control', supplier, '--format', 'json', '--db', t.db, ...extra);

  beforeAll(async () => {
    t = await smallNetworkDb();
    const e = await cli('entity', 'import', fixture('entities.csv'), '--db', t.db);
    expect(e).toMatchObject({ code: 0, stderr: '' });
    expect(e.stdout).toBe('entities: 14 rows from entities.csv — 14 inserted, 0 updated, 0 unchanged\n');
    const h = await cli('holding', 'import', fixture('holdings.csv'), '--db', t.db);
    expect(h.stdout).toBe('holdings: 16 rows from holdings.csv — 16 inserted, 0 updated, 0 unchanged, 0 deleted\n');
  });
  afterAll(() => t.cleanup());

  it('SUP-A: two layers of investment vehicles, control by a government through votes added up', async () => {
    /*
     * SUP-A ← V1 45 %, V2 15 %, R 40 %; V1 ← F1 70 %, I1 30 %; V2 ← F1 100 %; F1 ← GOVX 55 %, PF 45 %.
     * F1 receives 0.45 · 0.7 + 0.15 · 1 = 0.315 + 0.15 = 0.465 of SUP-A.
     * GOVX = 0.55 · 0.465 = 0.25575 (paths 0.55·0.7·0.45 = 0.17325 and 0.55·1·0.15 = 0.0825);
     * PF = 0.45 · 0.465 = 0.20925; I1 = 0.3 · 0.45 = 0.135; R = 0.4. Sum 1.
     * Control: no holder of SUP-A has a majority. GOVX controls F1 (55 %), F1 controls V1 (70 %) and V2
     * (100 %), so GOVX commands 45 + 15 = 60 % of SUP-A's votes. GOVX is in XD, outside the EU/EEA.
     */
    const r = await control('SUP-A');
    expect(r.owners.map((o) => o.entityId)).toEqual(['R', 'GOVX', 'PF', 'I1']);
    const o = byId(r.owners);
    expect(o.GOVX.share).toBeCloseTo(0.25575, 12);
    expect(o.PF.share).toBeCloseTo(0.20925, 12);
    expect(o.I1.share).toBeCloseTo(0.135, 12);
    expect(o.R.share).toBeCloseTo(0.4, 12);
    expect(o.GOVX.paths.map((p) => [p.chain.join('>'), +p.product.toFixed(12)])).toEqual([['GOVX>F1>V1>SUP-A', 0.17325], ['GOVX>F1>V2>SUP-A', 0.0825]]);
    expect(r.unknownShare).toBeCloseTo(0, 12);
    expect(r.ultimateControllers).toHaveLength(1);
    const [g] = r.ultimateControllers;
    expect(g).toMatchObject({ entityId: 'GOVX', kind: 'government', country: 'XD', isSubject: false });
    expect(g.paths[0]).toHaveLength(1);
    expect(g.paths[0][0]).toMatchObject({ controllerId: 'GOVX', controlledId: 'SUP-A', basis: 'aggregated', via: ['V1', 'V2'], viaChains: [['GOVX', 'F1', 'V1'], ['GOVX', 'F1', 'V2']] });
    expect(g.paths[0][0].votes).toBeCloseTo(0.6, 12);
    expect(r.stateShares.map((s) => [s.country, +s.share.toFixed(12), s.entities.map((e) => e.entityId)])).toEqual([['XD', 0.25575, ['GOVX']]]);
    expect(r.controlOutsideEu).toBe(true);
    expect(r.cycles).toEqual([]);
    expect(r.missingData).toEqual([]);
  });

  it('SUP-B: a 1 % golden share controls jointly with the 99 % holder, and not before it was granted', async () => {
    /*
     * SUP-B ← BH 99 % (FI, since 2015-01-01), STB 1 % with votes 1 % and a control right (state body of XE,
     * since 2022-03-01); STB ← GOVE 100 %. Owners: BH 0.99, GOVE 0.01 (through STB).
     * Controllers: BH (majority) and GOVE (controls STB, which holds the control right) → outside the EU.
     * States: the state body keeps what reaches it → XE 0.01.
     * As of 2021-12-31 the golden share is left out: BH alone, 1 % unknown, control inside the EU/EEA.
     */
    const r = await control('SUP-B');
    expect(r.owners.map((o) => [o.entityId, +o.share.toFixed(12)])).toEqual([['BH', 0.99], ['GOVE', 0.01]]);
    expect(r.ultimateControllers.map((u) => [u.entityId, u.paths[0].map((s) => `${s.controllerId}>${s.controlledId}:${s.basis}`)])).toEqual([
      ['BH', ['BH>SUP-B:majority']],
      ['GOVE', ['GOVE>STB:majority', 'STB>SUP-B:control-flag']],
    ]);
    expect(r.controlOutsideEu).toBe(true);
    expect(r.stateShares.map((s) => [s.country, +s.share.toFixed(12), s.entities.map((e) => e.entityId)])).toEqual([['XE', 0.01, ['STB']]]);

    const before = await control('SUP-B', '--as-of', '2021-12-31');
    expect(before.ultimateControllers.map((u) => u.entityId)).toEqual(['BH']);
    expect(before.controlOutsideEu).toBe(false);
    expect(before.stateShares).toEqual([]);
    expect(before.unknownShare).toBeCloseTo(0.01, 12);
    expect(before.missingData.map((m) => [m.kind, m.entityId])).toEqual([['incomplete-holdings', 'SUP-B']]);
    expect(before.explanation.inputs.asOf).toBe('2021-12-31');
  });

  it('SUP-C: a cross-holding is summed as a geometric series and reported as a cycle', async () => {
    /*
     * SUP-C ← C1 100 %; C1 ← C2 60 %, Y 40 %; C2 ← C1 30 %, Z 70 %. One round C1 → C2 → C1 keeps 0.6 · 0.3 = 0.18.
     * Y = 0.4 / (1 − 0.18) = 0.4 / 0.82 = 0.487805; Z = 0.6 · 0.7 / 0.82 = 0.42 / 0.82 = 0.512195; sum 0.82 / 0.82 = 1.
     * Control: C1 controls SUP-C (100 %), C2 controls C1 (60 %), Z controls C2 (70 %) → Z (XF).
     */
    const r = await control('SUP-C');
    expect(r.owners.map((o) => o.entityId)).toEqual(['Z', 'Y']);
    expect(byId(r.owners).Y.share).toBeCloseTo(0.4 / 0.82, 10);
    expect(byId(r.owners).Z.share).toBeCloseTo(0.42 / 0.82, 10);
    expect(r.unresolvedShare).toBeLessThan(1e-10);
    // factor 1 / (1 − 0.18) = 1 / 0.82 = 1.219512 (6 places); Y's cycle-free path Y → C1 → SUP-C is 0.4, 0.487805 / 0.4 = 1.219512
    expect(r.cycles).toMatchObject([{ kind: 'ownership', members: ['C1', 'C2'] }]);
    expect(r.cycles[0].factor).toBeCloseTo(1 / 0.82, 12);
    expect(r.cycles[0].text).toBe('C1 → C2 → C1: one round keeps 60 % × 30 % = 18 %, so the rounds multiply what enters the loop by 1 / (1 − 0.18) = 1.219512.');
    expect(byId(r.owners).Y.explanation.text).toContain('= 1.219512.');
    expect(r.ultimateControllers.map((u) => [u.entityId, u.paths[0].map((s) => `${s.controllerId}>${s.controlledId}`)])).toEqual([
      ['Z', ['Z>C2', 'C2>C1', 'C1>SUP-C']],
    ]);
    expect(r.controlOutsideEu).toBe(true);
    expect(r.stateShares).toEqual([]);
    expect(r.owners[0].explanation.text).toContain('cycle');
  });

  it('prints the same figures as a table', async () => {
    const r = await cli('supplier', 'control', 'SUP-A', '--db', t.db);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SUP-A: ownership and control \(all recorded holdings\)\n/);
    expect(r.stdout).toContain('GOVX ultimately controls SUP-A: GOVX commands 60 % of the votes in SUP-A through V1 (controlled GOVX → F1 → V1) + V2 (controlled GOVX → F1 → V2).');
    expect(r.stdout).toMatch(/GOVX\s+Government of XD\s+government\s+XD\s+25\.58 %/);
    expect(r.stdout).toMatch(/XD\s+25\.58 %\s+GOVX 25\.58 %/);
    expect(r.stdout).toContain('Control outside the EU/EEA: yes');
  });

  it('lists and shows entities and holdings as JSON', async () => {
    const list = await cliJson<EntityRecord[]>('entity', 'list', '--format', 'json', '--db', t.db);
    expect(list).toHaveLength(17);
    expect(list.filter((e) => e.source === 'supplier').map((e) => [e.entityId, e.country])).toEqual([['SUP-A', 'XA'], ['SUP-B', 'XB'], ['SUP-C', 'XC']]);
    const show = await cliJson<{ entity: EntityRecord; heldBy: Holding[]; holds: Holding[] }>('entity', 'show', 'F1', '--format', 'json', '--db', t.db);
    expect(show.entity).toEqual({ entityId: 'F1', name: 'Fernway Capital Fund', kind: 'investment-vehicle', country: 'XD', source: 'register' });
    expect(show.heldBy.map((h) => `${h.holderId}:${h.percentage}`)).toEqual(['GOVX:55', 'PF:45']);
    expect(show.holds.map((h) => `${h.heldId}:${h.percentage}`)).toEqual(['V1:70', 'V2:100']);
    const holdings = await cliJson<Holding[]>('holding', 'list', '--entity', 'STB', '--format', 'json', '--db', t.db);
    expect(holdings).toEqual([
      { holderId: 'GOVE', heldId: 'STB', percentage: 100, control: false },
      { holderId: 'STB', heldId: 'SUP-B', percentage: 1, votingRights: 1, control: true, since: '2022-03-01' },
    ]);
    expect((await cliJson<Holding[]>('holding', 'list', '--format', 'json', '--db', t.db))).toHaveLength(16);
    const table = await cli('holding', 'list', '--entity', 'STB', '--db', t.db);
    expect(table.stdout.split('\n')[0]).toMatch(/^holder\s+held\s+capital %\s+votes %\s+control\s+since$/);
  });

  it('re-imports idempotently and reports the counts as JSON', async () => {
    const s = await cliJson<Record<string, unknown>>('holding', 'import', fixture('holdings.csv'), '--format', 'json', '--db', t.db);
    expect(s).toMatchObject({ kind: 'holdings', file: 'holdings.csv', rows: 16, inserted: 0, updated: 0, unchanged: 16, deleted: 0 });
  });

  it('answers bad usage with exit code 2 and a message', async () => {
    const unknown = await cli('supplier', 'control', 'SUP-X', '--db', t.db);
    expect(unknown).toMatchObject({ code: 2, stdout: '', stderr: 'error: no supplier SUP-X is recorded\n' });
    expect((await cli('supplier', 'control', 'SUP-A', '--as-of', '2024-13-01', '--db', t.db)).stderr).toMatch(/^error: option --as-of: /);
    expect((await cli('entity', 'show', 'NOPE', '--db', t.db))).toMatchObject({ code: 2, stderr: 'error: no entity or supplier NOPE is recorded\n' });
    expect((await cli('entity', 'list', '--format', 'xml', '--db', t.db)).code).toBe(2);
  });
});

describe('a supplier with no ownership data', () => {
  it('stands in for itself: 100 % unknown, its own controller, the gap reported', async () => {
    const t = await smallNetworkDb();
    try {
      // Nothing recorded: SUP-A (hq XA) is the only entity reached; it is its own ultimate controller, so
      // its country decides controlOutsideEu (XA is not an EU/EEA code).
      const r = await cliJson<ControlResult>('supplier', 'control', 'SUP-A', '--format', 'json', '--db', t.db);
      expect(r.owners).toEqual([]);
      expect(r.unknownShare).toBe(1);
      expect(r.ultimateControllers).toMatchObject([{ entityId: 'SUP-A', kind: 'company', country: 'XA', isSubject: true }]);
      expect(r.controlOutsideEu).toBe(true);
      expect(r.missingData.map((m) => m.kind)).toEqual(['no-holdings']);
    } finally {
      t.cleanup();
    }
  });
});

describe('the example registers (examples/registers)', () => {
  it('give the figures docs/ownership-and-profiles.md shows', async () => {
    const t = tempDb();
    try {
      await cli('init', '--db', t.db);
      const suppliers = join(t.dir, 'suppliers.csv');
      writeFileSync(suppliers, 'supplier_id,name,hq_country\nSUP-AURORA,Aurora Radio Systems,IE\n');
      expect((await cli('import', 'suppliers', suppliers, '--db', t.db)).code).toBe(0);
      const examples = join(import.meta.dirname, '..', '..', 'examples', 'registers');
      expect((await cli('entity', 'import', join(examples, 'entities.csv'), '--db', t.db)).code).toBe(0);
      expect((await cli('holding', 'import', join(examples, 'holdings.csv'), '--db', t.db)).code).toBe(0);
      /*
       * SUP-AURORA ← AUR-HOLD 70 %, XQ-AGENCY 1 % (golden share, 2024-07-01); 29 % unrecorded.
       * AUR-HOLD ← TIDE-FUND 60 %, AUR-FOUNDERS 40 %; TIDE-FUND ← NW-PENSION 50 %, TIDE-GP 40 %, AUR-HOLD 10 % (2021-02-15).
       * Round AUR-HOLD → TIDE-FUND → AUR-HOLD keeps 0.6 · 0.1 = 0.06, so AUR-HOLD passes on 0.7 / 0.94.
       * AUR-FOUNDERS = 0.4 · 0.7 / 0.94 = 0.28 / 0.94; NW-PENSION = 0.5 · 0.42 / 0.94 = 0.21 / 0.94;
       * TIDE-GP = 0.4 · 0.42 / 0.94 = 0.168 / 0.94; XQ-GOV 0.01; unknown 0.29.
       * Control: TIDE-FUND (60 % of AUR-HOLD, itself without a majority holder) and XQ-GOV (golden share).
       */
      const args = ['supplier', 'control', 'SUP-AURORA', '--format', 'json', '--db', t.db];
      const r = await cliJson<ControlResult>(...args);
      const o = byId(r.owners);
      expect(o['AUR-FOUNDERS'].share).toBeCloseTo(0.28 / 0.94, 10);
      expect(o['NW-PENSION'].share).toBeCloseTo(0.21 / 0.94, 10);
      expect(o['TIDE-GP'].share).toBeCloseTo(0.168 / 0.94, 10);
      expect(o['XQ-GOV'].share).toBeCloseTo(0.01, 12);
      expect(r.unknownShare).toBeCloseTo(0.29, 10);
      expect(r.ultimateControllers.map((u) => u.entityId)).toEqual(['TIDE-FUND', 'XQ-GOV']);
      // one round keeps 0.6 · 0.1 = 0.06 → factor 1 / 0.94 = 1.06383 (6 significant places)
      expect(r.cycles).toMatchObject([{ kind: 'ownership', members: ['AUR-HOLD', 'TIDE-FUND'] }]);
      expect(r.cycles[0].factor).toBeCloseTo(1 / 0.94, 12);
      expect(r.cycles[0].text).toContain('one round keeps 60 % × 10 % = 6 %, so the rounds multiply what enters the loop by 1 / (1 − 0.06) = 1.06383.');
      // control sits outside through XQ-GOV, with the 29 % unrecorded named
      expect(r.controlStatus).toBe('yes');
      expect(r.controlStatusReason).toBe('XQ-GOV (XQ) outside the EU/EEA; 29 % of the ownership has unknown owners');
      expect(r.stateShares.map((s) => [s.country, s.share])).toEqual([['XQ', 0.01]]);
      expect(r.controlOutsideEu).toBe(true);
      /*
       * As of 2020-01-01 neither the cross-holding nor the golden share exists: AUR-FOUNDERS 0.28,
       * NW-PENSION 0.5 · 0.42 = 0.21, TIDE-GP 0.168, unknown 1 − 0.658 = 0.342; TIDE-FUND (LU) alone controls.
       */
      const early = await cliJson<ControlResult>(...args, '--as-of', '2020-01-01');
      expect(early.owners.map((x) => [x.entityId, +x.share.toFixed(12)])).toEqual([['AUR-FOUNDERS', 0.28], ['NW-PENSION', 0.21], ['TIDE-GP', 0.168]]);
      expect(early.unknownShare).toBeCloseTo(0.342, 12);
      expect(early.cycles).toEqual([]);
      expect(early.ultimateControllers.map((u) => u.entityId)).toEqual(['TIDE-FUND']);
      expect(early.controlOutsideEu).toBe(false);
      // control stops at TIDE-FUND, 90 % of whose votes are recorded (10 % ≤ 50 %) → no, not unknown
      expect(early.controlStatus).toBe('no');
      expect(early.controlStatusReason).toContain('34.2 % of the ownership has unknown owners');
      const text = await cli('supplier', 'control', 'SUP-AURORA', '--as-of', '2020-01-01', '--db', t.db);
      expect(text.stdout).toContain('Control outside the EU/EEA: no (every ultimate controller is in the EU/EEA');
    } finally {
      t.cleanup();
    }
  });
});
