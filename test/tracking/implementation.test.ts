import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImplementationMatrix } from '../../src/engine/implementation-matrix.js';
import { IMPLEMENTATION_COLUMNS } from '../../src/services/implementation-import.js';
import { cli, smallDb, type SmallDb } from './helpers.js';
import { camelKeys } from '../cli/helpers.js';

type Row = Record<string, string>;
const HEADER = IMPLEMENTATION_COLUMNS.join(',');
const csv = (rows: Row[]) => [HEADER, ...rows.map((r) => IMPLEMENTATION_COLUMNS.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';
const ms = (measure: string, member_state: string, status: string, recorded_on: string, extra: Row = {}): Row => ({ measure, scope_level: 'member-state', member_state, status, recorded_on, ...extra });
const op = (measure: string, member_state: string, operator_id: string, status: string, recorded_on: string): Row => ({ measure, scope_level: 'operator', member_state, operator_id, status, recorded_on });

/*
 * The hand-checked set. Operators: OP-DE-1, OP-DE-2 (DE), OP-FR-1 (FR), OP-IT-1 (IT).
 *   SM03: DE planned (2024-01-10) then in-place (2025-02-01); FR in-progress; IT in-place only from 2026-05-01.
 *   TM07: DE from its operators: one in-place, one planned → in-progress (not all applicable ones in place,
 *         one in place); FR's only operator not-applicable → not-applicable; IT has its own row
 *         not-planned, which wins over its operator's in-place.
 *   SA10: the Union in place; no member-state rows.
 */
const SET: Row[] = [
  ms('SM03', 'DE', 'planned', '2024-01-10', { owner: 'DE authority', due_date: '2025-06-30' }),
  ms('SM03', 'DE', 'in-place', '2025-02-01', { owner: 'DE authority', evidence: 'Fictional act §3' }),
  ms('SM03', 'FR', 'in-progress', '2025-01-01'),
  op('TM07', 'DE', 'OP-DE-1', 'in-place', '2025-01-01'),
  op('TM07', 'DE', 'OP-DE-2', 'planned', '2025-01-01'),
  op('TM07', 'FR', 'OP-FR-1', 'not-applicable', '2025-01-01'),
  ms('TM07', 'IT', 'not-planned', '2025-01-01'),
  op('TM07', 'IT', 'OP-IT-1', 'in-place', '2025-01-01'),
  { measure: 'SA10', scope_level: 'union', status: 'in-place', recorded_on: '2023-06-15' },
  ms('SM03', 'IT', 'in-place', '2026-05-01'),
];

const strip = (rows: Record<string, unknown>[]) => rows.map(({ rowId: _r, recordedAt: _a, importId: _i, source: _s, ...rest }) => rest);

describe('secure5g implementation', () => {
  let d: SmallDb;
  beforeEach(async () => {
    d = await smallDb();
    await d.addOperators(['OP-DE-2', 'DE'], ['OP-IT-1', 'IT']);
  });
  afterEach(() => d.cleanup());

  it('imports the same register from CSV, JSON and XLSX alike', async () => {
    const expected = [...SET].sort((a, b) => (a.recorded_on! < b.recorded_on! ? -1 : a.recorded_on! > b.recorded_on! ? 1 : 0));
    await d.ok('implementation', 'import', d.file('set.csv', csv(SET)));
    const fromCsv = strip(await d.json<Record<string, unknown>[]>('implementation', 'list', '--all-history'));
    // history order: by recorded_on, equal days in the order given (a stable sort of SET)
    expect(fromCsv).toEqual(camelKeys(expected));

    const other = await smallDb();
    try {
      await other.addOperators(['OP-DE-2', 'DE'], ['OP-IT-1', 'IT']);
      await other.ok('implementation', 'import', other.file('set.json', JSON.stringify({ items: SET })));
      expect(strip(await other.json<Record<string, unknown>[]>('implementation', 'list', '--all-history'))).toEqual(camelKeys(expected));

      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('implementation');
      ws.addRow([...IMPLEMENTATION_COLUMNS]);
      // dates as spreadsheet dates: read back as YYYY-MM-DD
      for (const r of SET) ws.addRow(IMPLEMENTATION_COLUMNS.map((c) => (c === 'recorded_on' ? new Date(`${r[c]}T00:00:00Z`) : (r[c] ?? null))));
      const xlsx = join(d.dir, 'set.xlsx');
      await wb.xlsx.writeFile(xlsx);
      const s = await d.json<{ inserted: number; unchanged: number }>('implementation', 'import', xlsx);
      // the same ten rows as the CSV already gave this database: nothing new
      expect(s).toMatchObject({ inserted: 0, unchanged: 10 });
      expect(d.count('implementations')).toBe(10);
    } finally {
      other.cleanup();
    }
  });

  it('refuses a bad register naming file, row and field, and writes nothing', async () => {
    const bad = d.file('bad.csv', csv([ms('SM03', 'DE', 'in-place', '2025-01-01'), ms('SM03', 'DE', 'done', '2025-01-01'), ms('TM13', 'FR', 'planned', '2025-02-30')]));
    const r = await d.run('implementation', 'import', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.csv, row 2, field status: must be in-place, in-progress, planned, not-planned or not-applicable');
    expect(r.stderr).toContain('bad.csv, row 3, field measure:');
    expect(r.stderr).toContain('bad.csv, row 3, field recorded_on: is not a real calendar date');
    expect(d.count('implementations')).toBe(0);

    // rows valid on their own, but naming an unknown operator or one of another member state
    const refs = d.file('refs.csv', csv([ms('SM01', 'DE', 'in-place', '2025-01-01'), op('TM07', 'DE', 'OP-XX-9', 'planned', '2025-01-01'), op('TM07', 'FR', 'OP-DE-1', 'planned', '2025-01-01')]));
    const r2 = await d.run('implementation', 'import', refs);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('refs.csv, row 2, field operator_id: operator OP-XX-9 is not in the database');
    expect(r2.stderr).toContain('refs.csv, row 3, field member_state: operator OP-DE-1 is an operator of DE, not of FR');
    expect(d.count('implementations')).toBe(0);

    const col = await d.run('implementation', 'import', d.file('col.csv', 'measure,scope,status,recorded_on\nSM01,union,planned,2025-01-01\n'));
    expect(col.code).toBe(2);
    expect(col.stderr).toContain('col.csv, field scope: is not a column of this format');
  });

  it('keeps history append-only: a change adds a row, the latest wins, a repeat adds nothing', async () => {
    await d.ok('implementation', 'import', d.file('a.csv', csv([ms('SM03', 'DE', 'planned', '2024-01-10')])));
    const before = await d.json<{ rowId: string; status: string }[]>('implementation', 'history', 'SM03', 'DE');
    await d.ok('implementation', 'record', '--measure', 'SM03', '--scope', 'member-state', '--member-state', 'DE', '--status', 'in-place', '--evidence', 'Fictional act §3', '--date', '2025-02-01');
    const after = await d.json<{ rowId: string; status: string; source: string }[]>('implementation', 'history', 'SM03', 'ms:DE');
    expect(after.map((r) => [r.status, r.source])).toEqual([['planned', 'a.csv'], ['in-place', 'cli']]);
    expect(after[0]).toEqual(before[0]); // the earlier row is untouched
    const current = await d.json<{ status: string }[]>('implementation', 'list', '--member-state', 'DE');
    expect(current.map((r) => r.status)).toEqual(['in-place']);

    // the very same rows again: no new history
    const again = await d.json<{ inserted: number; unchanged: number }>('implementation', 'import', d.file('a.csv', csv([ms('SM03', 'DE', 'planned', '2024-01-10')])));
    expect(again).toMatchObject({ inserted: 0, unchanged: 1 });
    expect((await d.ok('implementation', 'record', '--measure', 'SM03', '--scope', 'member-state', '--member-state', 'DE', '--status', 'in-place', '--evidence', 'Fictional act §3', '--date', '2025-02-01')).stdout).toBe('already recorded, unchanged\n');
    expect(d.count('implementations')).toBe(2);

    // two statuses on one day: the one recorded later wins
    await d.ok('implementation', 'record', '--measure', 'TM07', '--scope', 'operator', '--operator', 'OP-DE-1', '--status', 'planned', '--date', '2025-03-01');
    await d.ok('implementation', 'record', '--measure', 'TM07', '--scope', 'operator', '--operator', 'OP-DE-1', '--status', 'in-progress', '--date', '2025-03-01');
    const tm07 = await d.json<{ status: string; memberState: string }[]>('implementation', 'list', '--operator', 'OP-DE-1');
    // the operator's member state was filled from the inventory
    expect(tm07).toMatchObject([{ status: 'in-progress', memberState: 'DE' }]);
    expect((await d.json<unknown[]>('implementation', 'list', '--all-history'))).toHaveLength(4);
  });

  it('explains a bad record option by its name', async () => {
    const r = await d.run('implementation', 'record', '--measure', 'SM03', '--scope', 'operator', '--status', 'planned', '--date', '2025-01-01');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('option --member-state: is required for scope operator');
  });

  it('lays out the matrix with per-measure counts worked out by hand', async () => {
    await d.ok('implementation', 'import', d.file('set.csv', csv(SET)));
    const m = await d.json<ImplementationMatrix & { date: string }>('implementation', 'matrix', '--date', '2026-01-01', '--measures', 'SM03,TM07,SA10');
    expect(m.memberStates).toEqual(['DE', 'FR', 'IT']);
    expect(m.rows.map((r) => `${r.memberState}: ${r.cells.map((c) => `${c.status}/${c.source}`).join(' ')}`)).toEqual([
      'DE: in-place/member-state in-progress/operators not-recorded/none',
      'FR: in-progress/member-state not-applicable/operators not-recorded/none',
      'IT: not-recorded/none not-planned/member-state not-recorded/none',
    ]);
    // SM03: DE in place, FR in progress, IT not yet recorded on 2026-01-01
    expect(m.counts.SM03).toEqual({ 'in-place': 1, 'in-progress': 1, planned: 0, 'not-planned': 0, 'not-applicable': 0, 'not-recorded': 1 });
    // TM07: DE in progress (1 of 2 operators in place), FR not applicable, IT not planned
    expect(m.counts.TM07).toEqual({ 'in-place': 0, 'in-progress': 1, planned: 0, 'not-planned': 1, 'not-applicable': 1, 'not-recorded': 0 });
    expect(m.counts.SA10).toEqual({ 'in-place': 0, 'in-progress': 0, planned: 0, 'not-planned': 0, 'not-applicable': 0, 'not-recorded': 3 });
    expect(m.union.find((u) => u.measure === 'SA10')).toEqual({ measure: 'SA10', status: 'in-place', recordedOn: '2023-06-15' });
    expect(m.rows[0]!.cells[0]).toMatchObject({ recordedOn: '2025-02-01', evidence: 'Fictional act §3', owner: 'DE authority' });
    expect(m.rows[0]!.cells[1]!.operators).toEqual({ 'in-place': 1, 'in-progress': 0, planned: 1, 'not-planned': 0, 'not-applicable': 0 });
    // Declared against observed, on 2026-01-01 in network-small: OP-DE-1 runs SUP-B in ran, designated by DE
    // since 2025-01-01 (one SM03 finding), and its AMF left support on 2025-01-01 (one TM07 finding). So DE's
    // own SM03 in place and OP-DE-1's TM07 in place are contradicted; FR (SM03 in progress), IT (no
    // findings) and the Union's SA10 (no SA10 rule) are not. Counts do not change: the status stands as declared.
    expect(m.rows[0]!.cells.map((c) => c.contradicted ?? null)).toEqual([{ own: true, operators: 0, findings: 1 }, { own: false, operators: 1, findings: 1 }, null]);
    expect(m.rows.slice(1).flatMap((r) => r.cells.filter((c) => c.contradicted))).toEqual([]);
    expect(m.union.find((u) => u.measure === 'SA10')).not.toHaveProperty('contradicted');

    // on 2026-06-01 IT's SM03 row (2026-05-01) counts: in place 1 → 2, not recorded 1 → 0
    const later = await d.json<ImplementationMatrix>('implementation', 'matrix', '--date', '2026-06-01', '--measures', 'SM03');
    expect(later.counts.SM03).toMatchObject({ 'in-place': 2, 'in-progress': 1, 'not-recorded': 0 });
    // before DE's in-place row, DE stood at planned
    const early = await d.json<ImplementationMatrix>('implementation', 'matrix', '--date', '2024-12-31', '--measures', 'SM03');
    expect(early.counts.SM03).toMatchObject({ 'in-place': 0, planned: 1, 'not-recorded': 2 });

    const table = (await d.ok('implementation', 'matrix', '--date', '2026-01-01', '--measures', 'SM03,TM07,SA10')).stdout;
    expect(table).toMatch(/^TM07\s+\.\s+~\*!\s+-\*\s+N\s+0\s+1\s+0\s+1\s+1\s+0$/m);
    expect(table).toMatch(/^SM03\s+\.\s+Y!\s+~\s+\.\s/m);
    expect(table).toContain('! declared in place (by the member state or some of its operators) where findings of the measure lie');
    // all 29 measures by default
    expect((await d.json<ImplementationMatrix>('implementation', 'matrix')).measures).toHaveLength(29);
  });

  it('writes a template that imports once filled in (XLSX and CSV)', async () => {
    const xlsx = join(d.dir, 'template.xlsx');
    expect((await cli('implementation', 'template', xlsx)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...IMPLEMENTATION_COLUMNS]);
    expect(ws.getCell('E2').dataValidation).toMatchObject({ type: 'list' });
    ws.getRow(2).values = ['TM07', 'operator', 'DE', 'OP-DE-1', 'in-progress', 'Audit 2025 (fictional)', 'OP-DE-1 security', '2026-06-30', '2025-09-01'];
    ws.getRow(3).values = ['SM01', 'member-state', 'FR', null, 'in-place', null, null, null, '2025-09-02'];
    await wb.xlsx.writeFile(xlsx);
    expect(await d.json('implementation', 'import', xlsx)).toMatchObject({ rows: 2, inserted: 2 });
    expect(strip(await d.json<Record<string, unknown>[]>('implementation', 'list', '--all-history'))).toEqual([
      { measure: 'TM07', scopeLevel: 'operator', memberState: 'DE', operatorId: 'OP-DE-1', status: 'in-progress', evidence: 'Audit 2025 (fictional)', owner: 'OP-DE-1 security', dueDate: '2026-06-30', recordedOn: '2025-09-01' },
      { measure: 'SM01', scopeLevel: 'member-state', memberState: 'FR', status: 'in-place', recordedOn: '2025-09-02' },
    ]);

    const csvFile = join(d.dir, 'template.csv');
    expect((await cli('implementation', 'template', csvFile)).code).toBe(0);
    const { readFileSync, appendFileSync } = await import('node:fs');
    expect(readFileSync(csvFile, 'utf8')).toBe(`${HEADER}\n`);
    appendFileSync(csvFile, 'SA10,union,,,planned,,,2027-01-01,2025-10-01\n');
    expect(await d.json('implementation', 'import', csvFile)).toMatchObject({ rows: 1, inserted: 1 });
  });
});
