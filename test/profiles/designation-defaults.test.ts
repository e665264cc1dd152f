import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src/interchange/index.js';
import { putDesignation } from '../../src/store/access/writes.js';
import { designationHistory } from '../../src/store/designations.js';
import { openStore } from '../../src/store/index.js';
import { cli, cliJson, importSmallNetwork, jsonFile, sm03, tempDb, textFile } from './helpers.js';

/*
 * A designation without transition_months takes its member state's policy default when written:
 *   FR, no policy: the baseline's 36 months → effective 2026-01-01 + 36 = 2029-01-01;
 *   FR policy with default_transition_months 18: 2026-01-01 + 18 = 2027-07-01.
 * OP-FR-1 holds 100 gNB of SUP-B, so a FR designation of SUP-B for ran gives one SM03 finding; on
 * 2026-06-01 both deadlines lie ahead → high.
 */
const HEADER = 'designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,status';
const FR_ROW = 'D-FR-1,FR,SUP-B,high-risk,ran,Fictional decree 9,2026-01-01,in-force';
const createFr = (db: string) =>
  cliJson<{ designation: { transition_months: number }; deadline: string }>('designation', 'create', '--id', 'D-FR-1', '--member-state', 'FR', '--supplier', 'SUP-B',
    '--kind', 'high-risk', '--segments', 'ran', '--legal-basis', 'Fictional decree 9', '--effective-date', '2026-01-01', '--status', 'in-force', '--db', db);

describe('designation defaults and history through every writer', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
  });
  afterEach(() => t.cleanup());
  const frPolicy = async (months: number, version: string) =>
    expect((await cli('import', 'policies', jsonFile(t.dir, `fr-${version}.json`, { member_state: 'FR', version, default_transition_months: months }), '--db', t.db)).code).toBe(0);

  it('takes the baseline 36 months where FR has no policy', async () => {
    expect(await createFr(t.db)).toMatchObject({ designation: { transitionMonths: 36 }, deadline: '2029-01-01' });
    const fr = (await sm03(t.db, '2026-06-01')).filter((f) => f.memberState === 'FR');
    expect(fr.map((f) => [f.operatorId, f.severity, f.deadline, f.affectedQuantity])).toEqual([['OP-FR-1', 'high', '2029-01-01', 100]]);
  });

  it('takes the stored national default, and keeps it when the policy changes later', async () => {
    await frPolicy(18, '2025-1');
    expect(await createFr(t.db)).toMatchObject({ designation: { transitionMonths: 18 }, deadline: '2027-07-01' });
    expect((await sm03(t.db, '2026-06-01')).find((f) => f.memberState === 'FR')?.deadline).toBe('2027-07-01');
    await frPolicy(24, '2026-1');
    expect((await cliJson<{ designation: { transitionMonths: number } }>('designation', 'show', 'D-FR-1', '--db', t.db)).designation.transitionMonths).toBe(18);
  });

  it('fills the default on CSV and JSON import, on this thread and on a worker', async () => {
    await frPolicy(18, '2025-1');
    expect((await cli('import', 'designations', textFile(t.dir, 'fr.csv', `${HEADER}\n${FR_ROW}\n`), '--db', t.db)).code).toBe(0);
    const json = [{ designation_id: 'D-FR-2', member_state: 'FR', supplier_id: 'SUP-A', kind: 'restricted', segments: ['core'], legal_basis: 'x', effective_date: '2026-03-31', status: 'proposed' }];
    expect((await cli('import', 'designations', jsonFile(t.dir, 'fr.json', json), '--db', t.db)).code).toBe(0);
    const store = await openStore(t.db);
    try {
      await importFile(store, 'designations', textFile(t.dir, 'de.csv', `${HEADER}\nD-DE-9,DE,SUP-C,conditional,key-assets,y,2026-01-31,in-force\n`), { worker: true });
      const months = store.sqlite.prepare('SELECT designation_id, transition_months FROM designations ORDER BY designation_id').raw().all();
      // DE has no policy here: the baseline's 36
      expect(months).toEqual([['D-DE-1', 12], ['D-DE-9', 36], ['D-FR-1', 18], ['D-FR-2', 18]]);
    } finally {
      await store.close();
    }
  });

  it('records a revision per new or changed row on import, none for an unchanged or failed one', async () => {
    const imp = (name: string, rows: string[]) => cli('import', 'designations', textFile(t.dir, name, `${HEADER},transition_months\n${rows.join('\n')}\n`), '--db', t.db);
    const row = (status: string, months: number) => `D-FR-1,FR,SUP-B,high-risk,ran,Fictional decree 9,2026-01-01,${status},${months}`;
    expect((await imp('a.csv', [row('proposed', 12)])).code).toBe(0);
    expect((await imp('b.csv', [row('proposed', 12)])).code).toBe(0);
    expect((await imp('c.csv', [row('in-force', 12)])).code).toBe(0);
    const bad = await imp('d.csv', [row('in-force', 24), 'D-FR-5,FR,SUP-B,high-risk,ran,x,2026-01-01,in-force,500']);
    expect(bad.code).toBe(2);
    expect((await imp('e.csv', [row('revoked', 12)])).code).toBe(0);
    const history = await cliJson<{ revision: number; change: string; source: string; designation: { status: string } }[]>('designation', 'history', 'D-FR-1', '--db', t.db);
    expect(history.map((r) => [r.revision, r.change, r.designation.status, r.source.replace(/^import .*\//, 'import ')])).toEqual([
      [1, 'created', 'proposed', 'import a.csv'],
      [2, 'amended', 'in-force', 'import c.csv'],
      [3, 'revoked', 'revoked', 'import e.csv'],
    ]);
  });

  it('checks decision dates and profile references row by row on import', async () => {
    const csv = textFile(t.dir, 'bad.csv', [
      'designation_id,member_state,supplier_id,kind,segments,legal_basis,decision_date,effective_date,status,profile_id,profile_version',
      'D-1,FR,SUP-B,high-risk,ran,x,2026-02-01,2026-01-01,in-force,,',
      'D-2,FR,SUP-B,high-risk,ran,x,,2026-01-01,in-force,PRF-B,',
      'D-3,FR,SUP-B,high-risk,ran,x,,2026-01-01,in-force,PRF-B,1',
    ].join('\n'));
    const r = await cli('import', 'designations', csv, '--db', t.db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row 1, field decision_date: 2026-02-01 is after the effective date 2026-01-01');
    expect(r.stderr).toContain('row 2, field profile_version: profile_id and profile_version go together');
    expect(r.stderr).toContain('row 3, field profile_id: profile PRF-B version 1 is not recorded');
  });

  it('imports the day a revoked designation stopped counting, and checks it row by row', async () => {
    const header = 'designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,transition_months,status,revoked_on';
    const bad = textFile(t.dir, 'revoked-bad.csv', [header, 'D-R1,FR,SUP-B,high-risk,ran,x,2025-01-01,12,in-force,2026-03-01', 'D-R2,FR,SUP-B,high-risk,ran,x,2025-01-01,12,revoked,2025-01-01'].join('\n'));
    const r = await cli('import', 'designations', bad, '--db', t.db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row 1, field revoked_on: is only for a revoked designation (status is in-force)');
    expect(r.stderr).toContain('row 2, field revoked_on: 2025-01-01 is not after the effective date 2025-01-01');
    // OP-FR-1's 100 gNB of SUP-B: designated for ran from 2025-01-01 (deadline 2026-01-01) until revoked on 2026-03-01
    const good = textFile(t.dir, 'revoked.csv', [header, 'D-R3,FR,SUP-B,high-risk,ran,x,2025-01-01,12,revoked,2026-03-01'].join('\n'));
    expect((await cli('import', 'designations', good, '--db', t.db)).code).toBe(0);
    const fr = async (date: string) => (await sm03(t.db, date)).filter((f) => f.memberState === 'FR').map((f) => [f.id, f.severity]);
    expect(await fr('2026-02-01')).toEqual([['SM03:OP-FR-1:ran:SUP-B:D-R3', 'critical']]);
    expect(await fr('2026-03-01')).toEqual([]);
  });

  it('the API writer keeps history too, with the caller as actor', async () => {
    await frPolicy(18, '2025-1');
    const store = await openStore(t.db);
    try {
      const body = { designation_id: 'D-FR-7', member_state: 'FR', supplier_id: 'SUP-C', kind: 'restricted', segments: ['core'], legal_basis: 'x', effective_date: '2026-01-01', status: 'in-force' };
      const { designation, created } = putDesignation(store, { role: 'authority', memberState: 'FR' }, { name: 'authority-fr' }, body);
      expect([created, designation.transition_months]).toEqual([true, 18]);
      putDesignation(store, { role: 'authority', memberState: 'FR' }, { name: 'authority-fr' }, body);
      putDesignation(store, { role: 'authority', memberState: 'FR' }, { name: 'authority-fr' }, { ...body, status: 'revoked' });
      expect(designationHistory(store, 'D-FR-7').map((r) => [r.revision, r.change, r.actor, r.source])).toEqual([
        [1, 'created', 'authority-fr', 'api'],
        [2, 'revoked', 'authority-fr', 'api'],
      ]);
    } finally {
      await store.close();
    }
  });
});
