import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../src/server/register-body.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * Registers uploaded as files (routes/register-uploads.ts) over the fixture inventory
 * (test/server/helpers.ts: DE with OP-DE-1 and OP-DE-2, FR with OP-FR-1). Expected counts are the rows
 * of each upload, by hand.
 */

let f: Fixture;
const s: Record<string, Session> = {};
const IMPL = 'measure,scope_level,member_state,operator_id,status,evidence,recorded_on';
const CASES = 'case_id,investor,investor_country,target_kind,target_id,member_state,factors,third_country_government_control,received_on,status';

const upload = (who: string, url: string, payload: string | Buffer, type = 'text/csv') =>
  f.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...s[who]!.write, 'content-type': type }, payload });
const count = (sql: string) => Number(f.store.sqlite.prepare(sql).pluck().get());
const audits = (action: string) =>
  f.store.sqlite.prepare('SELECT actor, member_state AS memberState, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as {
    actor: string;
    memberState: string | null;
    detail: string;
  }[];

beforeAll(async () => {
  f = await fixtureApp();
  for (const p of ['authority-de', 'authority-fr', 'operator-de1']) s[p] = await login(f.app, p);
});
afterAll(async () => f.close());

describe('POST /implementation/upload', () => {
  const csv = `${IMPL}\nSM03,member-state,DE,,in-place,national act,2026-05-01\nTM07,operator,DE,OP-DE-1,planned,,2026-05-01\n`;

  it('records the rows of a CSV register in one go, audited; the same file again changes nothing', async () => {
    const r = await upload('authority-de', '/implementation/upload?filename=de-status.csv', csv);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ rows: 2, inserted: 2, unchanged: 0, file: 'de-status.csv' });
    expect(count('SELECT COUNT(*) FROM implementations')).toBe(2);
    expect(audits('implementation.record').map((a) => [a.actor, a.memberState])).toEqual([['authority-de', 'DE']]);
    const again = await upload('authority-de', '/implementation/upload', csv);
    expect([again.statusCode, again.json().inserted, again.json().unchanged]).toEqual([200, 0, 2]);
    expect(audits('implementation.record')).toHaveLength(1);
  });

  it('takes the XLSX template it hands out, filled in', async () => {
    const t = await f.app.inject({ method: 'GET', url: '/api/v1/implementation/template', headers: s['authority-de']!.read });
    expect(t.statusCode).toBe(200);
    expect(t.headers['content-type']).toBe(XLSX_TYPE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(['measure', 'scope_level', 'member_state', 'operator_id', 'status', 'evidence', 'owner', 'due_date', 'recorded_on']);
    sheet.getRow(2).values = ['TM07', 'operator', 'DE', 'OP-DE-2', 'in-progress', '', 'Spreenetz security', '2026-12-31', '2026-05-03'];
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload('authority-de', '/implementation/upload?filename=filled.xlsx', filled, XLSX_TYPE);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ rows: 1, inserted: 1 });
    const hist = await f.app.inject({ method: 'GET', url: '/api/v1/implementation/history?measure=TM07&scope=op:OP-DE-2', headers: s['authority-de']!.read });
    expect(hist.json().items.map((i: { status: string; dueDate: string }) => [i.status, i.dueDate])).toEqual([['in-progress', '2026-12-31']]);
  });

  it('refuses a bad row by row and field, and rows outside the scope, writing nothing', async () => {
    const before = count('SELECT COUNT(*) FROM implementations');
    const bad = await upload('authority-de', '/implementation/upload', `${IMPL}\nSM03,member-state,DE,,in-place,,2026-05-01\nSM05,member-state,DE,,done,,2026-05-01\n`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'row 2.status', row: 2, field: 'status' })]);
    const fr = await upload('authority-de', '/implementation/upload', `${IMPL}\nSM01,member-state,DE,,planned,,2026-05-01\nSM03,member-state,FR,,in-place,,2026-05-01\n`);
    expect(fr.statusCode).toBe(403);
    expect(fr.json().detail).toContain('row 2 (SM03 for member state FR) is outside your scope');
    const other = await upload('operator-de1', '/implementation/upload', `${IMPL}\nTM07,operator,DE,OP-DE-2,in-place,,2026-05-01\n`);
    expect(other.statusCode).toBe(403);
    expect(count('SELECT COUNT(*) FROM implementations')).toBe(before);
    expect((await upload('authority-de', '/implementation/upload', 'measure\tstatus\n', 'text/plain')).statusCode).toBe(415);
  });
});

describe('POST /screening-cases/upload', () => {
  const rows = (status2: string) =>
    `${CASES}\nFDI-FR-10,Fictional Fund,NO,supplier,SUP-B,FR,critical-technologies;critical-infrastructure,false,2026-05-01,received\n` +
    `FDI-FR-11,Other Fictional Fund,IS,operator,OP-FR-1,FR,critical-infrastructure,true,2026-05-10,${status2}\n`;

  it('adds new cases and revises changed ones, in one transaction with one audit entry', async () => {
    const r = await upload('authority-fr', '/screening-cases/upload?filename=fr-cases.csv', rows('received'));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ rows: 2, inserted: 2, revised: 0, unchanged: 0 });
    const again = await upload('authority-fr', '/screening-cases/upload?filename=fr-cases.csv', rows('under-review'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ inserted: 0, revised: 1, unchanged: 1 });
    const one = await f.app.inject({ method: 'GET', url: '/api/v1/screening-cases/FDI-FR-11?date=2026-06-01', headers: s['authority-fr']!.read });
    expect([one.json().revision, one.json().case.status]).toEqual([2, 'under-review']);
    expect(audits('screening.import').map((a) => [a.actor, a.memberState, JSON.parse(a.detail)])).toEqual([
      ['authority-fr', 'FR', { rows: 2, inserted: 2, revised: 0, unchanged: 0 }],
      ['authority-fr', 'FR', { rows: 2, inserted: 0, revised: 1, unchanged: 1 }],
    ]);
  });

  it("refuses another member state's case, and an id another member state uses, without saying where", async () => {
    const before = count('SELECT COUNT(*) FROM screening_cases');
    const de = await upload('authority-fr', '/screening-cases/upload', `${CASES}\nFDI-DE-10,Fund,NO,supplier,SUP-B,DE,critical-technologies,false,2026-05-01,received\n`);
    expect(de.statusCode).toBe(403);
    expect(de.json().detail).toContain('row 1 (case FDI-DE-10)');
    const taken = await upload('authority-de', '/screening-cases/upload', `${CASES}\nFDI-FR-10,Fund,NO,supplier,SUP-B,DE,critical-technologies,false,2026-05-01,received\n`);
    expect(taken.statusCode).toBe(403);
    expect(taken.json().detail).toBe('row 1: case id FDI-FR-10 cannot be used: choose another; nothing was recorded');
    expect(count('SELECT COUNT(*) FROM screening_cases')).toBe(before);
  });
});
