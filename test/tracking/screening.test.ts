import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCREENING_COLUMNS } from '../../src/services/screening-import.js';
import { smallDb, type SmallDb } from './helpers.js';

type Case = Record<string, string>;
const kase = (fields: Case = {}): Case => ({
  case_id: 'FDI-1',
  investor: 'Northwind Capital Partners',
  investor_country: 'XA',
  target_kind: 'supplier',
  target_id: 'SUP-A',
  member_state: 'DE',
  factors: 'critical-infrastructure;critical-technologies',
  third_country_government_control: 'false',
  received_on: '2026-03-01',
  status: 'under-review',
  ...fields,
});
const csv = (rows: Case[]) => [SCREENING_COLUMNS.join(','), ...rows.map((r) => SCREENING_COLUMNS.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';

interface Listed {
  caseId: string;
  commentDeadline: string;
  daysRemaining: number;
  phase: string;
  status: string;
  flags: { kind: string }[];
}

describe('secure5g screening', () => {
  let d: SmallDb;
  beforeEach(async () => (d = await smallDb()));
  afterEach(() => d.cleanup());

  const list = async (date: string, ...more: string[]) => (await d.json<{ cases: Listed[]; profilesToReview: string[] }>('screening', 'list', '--date', date, ...more));

  it('sets the comment deadline 35 days after receipt and turns overdue on day 36', async () => {
    await d.ok('screening', 'import', d.file('cases.csv', csv([kase()])));
    // 2026-03-01 + 30 days = 03-31, + 5 = 04-05 (day 35)
    expect((await list('2026-03-01')).cases[0]).toMatchObject({ commentDeadline: '2026-04-05', daysRemaining: 35, phase: 'open' });
    expect((await list('2026-04-05')).cases[0]).toMatchObject({ daysRemaining: 0, phase: 'open' });
    const day36 = (await list('2026-04-06')).cases[0]!;
    expect(day36).toMatchObject({ daysRemaining: -1, phase: 'overdue' });
    expect(day36.flags.map((f) => f.kind)).toEqual(['profile-review', 'overdue']);
    const table = (await d.ok('screening', 'list', '--date', '2026-04-06')).stdout;
    expect(table).toMatch(/FDI-1\s+DE\s+Northwind Capital Partners\s+supplier SUP-A\s+under-review\s+2026-03-01\s+2026-04-05\s+-1\s+overdue/);
  });

  it('keeps every revision of a case; the register shows the latest', async () => {
    await d.ok('screening', 'import', d.file('v1.csv', csv([kase(), kase({ case_id: 'FDI-2', target_kind: 'operator', target_id: 'OP-FR-1', member_state: 'FR', received_on: '2026-02-01' })])));
    const again = await d.json('screening', 'import', d.file('v1.csv', csv([kase()])));
    expect(again).toMatchObject({ inserted: 0, revised: 0, unchanged: 1 });
    // comments issued on 2026-04-01: past the deadline, yet no longer overdue
    await d.ok('screening', 'add', d.file('fdi-1.json', JSON.stringify({ ...kase({ status: 'comments-issued' }), factors: ['critical-infrastructure'], third_country_government_control: true })));
    const shown = await d.json<{ revision: number; case: { status: string; thirdCountryGovernmentControl: boolean }; history: { revision: number; case: { status: string } }[] }>('screening', 'show', 'FDI-1', '--date', '2026-04-10');
    expect(shown.revision).toBe(2);
    expect(shown.case).toMatchObject({ status: 'comments-issued', thirdCountryGovernmentControl: true });
    expect(shown.history.map((h) => [h.revision, h.case.status])).toEqual([[1, 'under-review'], [2, 'comments-issued']]);
    expect(d.count('screening_cases')).toBe(3);

    // FDI-2: 2026-02-01 + 35 = 03-08 → overdue on 2026-04-10 and listed first; FDI-1 open (comments issued)
    const reg = await list('2026-04-10');
    expect(reg.cases.map((c) => `${c.caseId} ${c.status} ${c.phase}`)).toEqual(['FDI-2 under-review overdue', 'FDI-1 comments-issued open']);
    expect((await list('2026-04-10', '--member-state', 'FR')).cases.map((c) => c.caseId)).toEqual(['FDI-2']);
  });

  it('flags the profile of a supplier a case targets, not an operator\'s', async () => {
    await d.ok('screening', 'import', d.file('cases.csv', csv([
      kase(),
      kase({ case_id: 'FDI-2', investor: 'Meridian Infrastructure Fund', status: 'withdrawn', received_on: '2026-01-10', decided_on: '2026-02-01' }),
      kase({ case_id: 'FDI-3', target_id: 'SUP-C', status: 'closed-no-action', decided_on: '2026-03-20' }),
      kase({ case_id: 'FDI-4', target_kind: 'operator', target_id: 'OP-DE-1' }),
    ])));
    const flags = await d.json<{ suppliers: { supplierId: string; name: string; cases: { caseId: string; phase: string }[] }[] }>('screening', 'review-flags', '--date', '2026-03-10');
    expect(flags.suppliers.map((s) => [s.supplierId, s.name, s.cases.map((c) => `${c.caseId}:${c.phase}`)])).toEqual([
      ['SUP-A', 'Aurora Radio Systems', ['FDI-2:closed', 'FDI-1:open']],
      ['SUP-C', 'Cobalt Core Software', ['FDI-3:closed']],
    ]);
    expect((await list('2026-03-10')).profilesToReview).toEqual(['SUP-A', 'SUP-C']);
  });

  it('imports XLSX and refuses bad cases naming file, row and field, writing nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('cases');
    ws.addRow([...SCREENING_COLUMNS]);
    ws.addRow(SCREENING_COLUMNS.map((c) => (c === 'received_on' ? new Date('2026-03-01T00:00:00Z') : c === 'third_country_government_control' ? false : (kase()[c] ?? null))));
    const xlsx = join(d.dir, 'cases.xlsx');
    await wb.xlsx.writeFile(xlsx);
    expect(await d.json('screening', 'import', xlsx)).toMatchObject({ rows: 1, inserted: 1 });
    expect((await list('2026-03-10')).cases[0]).toMatchObject({ caseId: 'FDI-1', commentDeadline: '2026-04-05' });

    const bad = await d.run('screening', 'import', d.file('bad.csv', csv([kase({ case_id: 'FDI-9' }), kase({ case_id: 'FDI-10', target_id: 'SUP-Z' }), kase({ case_id: 'FDI-9', target_kind: 'operator', target_id: 'OP-FR-1' })])));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.csv, row 2, field target_id: supplier SUP-Z is not in the database');
    expect(bad.stderr).toContain('bad.csv, row 3, field case_id: case FDI-9 is already given in row 1');
    expect(bad.stderr).toContain('bad.csv, row 3, field member_state: operator OP-FR-1 is an operator of FR, not of DE');
    const schema = await d.run('screening', 'import', d.file('schema.csv', csv([kase({ factors: 'tourism', received_on: '2026-13-01' })])));
    expect(schema.stderr).toContain('schema.csv, row 1, field factors.0:');
    expect(schema.stderr).toContain('schema.csv, row 1, field received_on:');
    expect(d.count('screening_cases')).toBe(1);
    expect((await d.run('screening', 'show', 'FDI-404')).code).toBe(2);
  });
});
