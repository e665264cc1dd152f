import { describe, expect, it } from 'vitest';
import { Implementation, latestImplementations, type ImplementationInput } from '../../src/domain/implementation.js';
import { implementationMatrix, statusFromOperators } from '../../src/engine/implementation-matrix.js';

const row = (r: Partial<ImplementationInput>) => Implementation.parse({ measure: 'SM03', scope_level: 'member-state', member_state: 'DE', status: 'planned', recorded_on: '2025-01-01', ...r });

const HISTORY = [
  row({ measure: 'SM03', member_state: 'DE', status: 'in-progress', recorded_on: '2024-05-01' }),
  row({ measure: 'SM03', member_state: 'DE', status: 'in-place', recorded_on: '2025-03-01', evidence: 'Fictional Telecom Security Act §1', owner: 'DE authority' }),
  row({ measure: 'SM03', member_state: 'FR', status: 'planned', recorded_on: '2025-02-01', due_date: '2026-12-31' }),
  row({ measure: 'SM03', member_state: 'IT', status: 'not-planned' }),
  // TM07 is the operators': DE has two in place and one in progress, FR one in place, IT only a not-applicable
  row({ measure: 'TM07', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-place' }),
  row({ measure: 'TM07', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-2', status: 'in-place' }),
  row({ measure: 'TM07', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-3', status: 'in-progress' }),
  row({ measure: 'TM07', scope_level: 'operator', member_state: 'FR', operator_id: 'OP-FR-1', status: 'in-place' }),
  row({ measure: 'TM07', scope_level: 'operator', member_state: 'IT', operator_id: 'OP-IT-1', status: 'not-applicable' }),
  row({ measure: 'SA10', scope_level: 'union', member_state: undefined, status: 'in-place', recorded_on: '2023-06-15' }),
];

describe('implementation rows', () => {
  it('keeps the latest row per measure and scope', () => {
    const latest = latestImplementations(HISTORY);
    expect(latest.get('SM03@ms:DE')?.status).toBe('in-place');
    expect(latest.size).toBe(9);
  });

  it('rejects rows whose scope fields do not fit, naming the field', () => {
    const issues = (r: unknown) => {
      const p = Implementation.safeParse(r);
      return p.success ? [] : p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    const base = { measure: 'TM07', status: 'in-place', recorded_on: '2025-01-01' };
    expect(issues({ ...base, scope_level: 'operator', member_state: 'DE' })).toEqual(['operator_id: is required for scope operator']);
    expect(issues({ ...base, scope_level: 'union', member_state: 'DE' })).toEqual(['member_state: must be empty for scope union']);
    expect(issues({ ...base, scope_level: 'member-state', member_state: '' })).toEqual(['member_state: is required for scope member-state']);
    expect(issues({ ...base, measure: 'TM12', scope_level: 'union' })).toEqual(['measure: is not a measure of the catalogue (SM01–SM08, TM01–TM11, SA01–SA10)']);
    expect(issues({ ...base, status: 'done', scope_level: 'union' })).toEqual(['status: must be in-place, in-progress, planned, not-planned or not-applicable']);
  });
});

describe('implementationMatrix', () => {
  it('lays out member states × measures with per-measure counts', () => {
    const m = implementationMatrix(HISTORY, { measures: ['SM03', 'TM07', 'SA10'], memberStates: ['AT'] });
    expect(m.memberStates).toEqual(['AT', 'DE', 'FR', 'IT']);
    const grid = m.rows.map((r) => `${r.memberState}: ${r.cells.map((c) => `${c.status}/${c.source}`).join(' ')}`);
    expect(grid).toEqual([
      'AT: not-recorded/none not-recorded/none not-recorded/none',
      'DE: in-place/member-state in-progress/operators not-recorded/none',
      'FR: planned/member-state in-place/operators not-recorded/none',
      'IT: not-planned/member-state not-applicable/operators not-recorded/none',
    ]);
    expect(m.rows[1].cells[0]).toMatchObject({ recordedOn: '2025-03-01', evidence: 'Fictional Telecom Security Act §1', owner: 'DE authority' });
    expect(m.rows[1].cells[1].operators).toEqual({ 'in-place': 2, 'in-progress': 1, planned: 0, 'not-planned': 0, 'not-applicable': 0 });
    expect(m.rows[2].cells[0].dueDate).toBe('2026-12-31');
    expect(m.counts.SM03).toEqual({ 'in-place': 1, 'in-progress': 0, planned: 1, 'not-planned': 1, 'not-applicable': 0, 'not-recorded': 1 });
    expect(m.counts.TM07).toEqual({ 'in-place': 1, 'in-progress': 1, planned: 0, 'not-planned': 0, 'not-applicable': 1, 'not-recorded': 1 });
    expect(m.union).toEqual([
      { measure: 'SM03', status: 'not-recorded' },
      { measure: 'TM07', status: 'not-recorded' },
      { measure: 'SA10', status: 'in-place', recordedOn: '2023-06-15' },
    ]);
  });

  it('covers every catalogue measure by default', () => {
    expect(implementationMatrix(HISTORY).measures).toHaveLength(29);
  });

  it('derives a member state\'s status from its operators', () => {
    const c = (p: number, g: number, pl: number, np: number, na: number) =>
      statusFromOperators({ 'in-place': p, 'in-progress': g, planned: pl, 'not-planned': np, 'not-applicable': na });
    expect(c(0, 0, 0, 0, 0)).toBe('not-recorded');
    expect(c(2, 0, 0, 0, 1)).toBe('in-place');
    expect(c(1, 0, 0, 1, 0)).toBe('in-progress');
    expect(c(0, 0, 1, 3, 0)).toBe('planned');
    expect(c(0, 0, 0, 2, 0)).toBe('not-planned');
    expect(c(0, 0, 0, 0, 2)).toBe('not-applicable');
  });
});
