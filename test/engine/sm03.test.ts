import { describe, expect, it } from 'vitest';
import type { Designation } from '../../src/domain/index.js';
import { assess } from '../../src/engine/assess.js';
import { asset, designation, operator, snapshot } from './helpers.js';

/*
 * OP1 (DE): ran gNB SUP-B 40 (R1) and 10 (R2); ran gNB SUP-A 60; core AMF SUP-B 2 (critical);
 *           transport CSR SUP-B 5 (criticality other); management MONITORING SUP-B 3 (sensitive)
 * OP2 (FR): ran gNB SUP-B 100 — DE's designations never reach it.
 */
const operators = [operator('OP1', 'DE'), operator('OP2', 'FR')];
const assets = [
  asset({ asset_id: 'R1', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 40 }),
  asset({ asset_id: 'R2', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 10 }),
  asset({ asset_id: 'RA', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 60 }),
  asset({ asset_id: 'C1', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-B', quantity: 2 }),
  asset({ asset_id: 'T1', operator_id: 'OP1', segment: 'transport', function: 'CSR', supplier_id: 'SUP-B', quantity: 5 }),
  asset({ asset_id: 'M1', operator_id: 'OP1', segment: 'management', function: 'MONITORING', supplier_id: 'SUP-B', quantity: 3 }),
  asset({ asset_id: 'F1', operator_id: 'OP2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 100 }),
];
const d = (fields: Partial<Designation> = {}) => designation({ designation_id: 'D1', member_state: 'DE', supplier_id: 'SUP-B', ...fields });
const sm03 = (designations: Designation[], date: string) =>
  assess(snapshot({ operators, assets, designations }), { date }).findings.filter((f) => f.rule === 'SM03');

describe('SM03 designated suppliers', () => {
  // D1: ran, effective 2025-01-01, 12 months → deadline 2026-01-01
  it('is high inside the transition, with the deadline and the grouped assets', () => {
    const [f, ...rest] = sm03([d()], '2025-06-01');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      id: 'SM03:OP1:ran:SUP-B:D1',
      measure: 'SM03',
      severity: 'high',
      level: 'operator',
      memberState: 'DE',
      operatorId: 'OP1',
      segment: 'ran',
      supplierId: 'SUP-B',
      affectedQuantity: 50, // 40 + 10
      assetIds: ['R1', 'R2'],
      deadline: '2026-01-01',
    });
    expect(f.explanation.inputs).toMatchObject({ designationId: 'D1', effectiveDate: '2025-01-01', transitionMonths: 12, deadline: '2026-01-01', quantity: 50 });
  });

  it('is still high on the deadline day and critical the day after', () => {
    expect(sm03([d()], '2026-01-01')[0].severity).toBe('high');
    expect(sm03([d()], '2026-01-02')[0].severity).toBe('critical');
  });

  it('produces nothing for revoked, proposed or not yet effective designations', () => {
    expect(sm03([d({ status: 'revoked' })], '2026-06-01')).toEqual([]);
    expect(sm03([d({ status: 'proposed' })], '2026-06-01')).toEqual([]);
    expect(sm03([d({ effective_date: '2026-06-02' })], '2026-06-01')).toEqual([]);
    // effective on the assessment date: it applies
    expect(sm03([d({ effective_date: '2026-06-01' })], '2026-06-01')).toHaveLength(1);
  });

  it('counts a revoked designation up to the day before it was revoked', () => {
    const revoked = d({ status: 'revoked', revoked_on: '2026-03-01' });
    // 2026-02-28: past the deadline 2026-01-01 and before the revocation
    expect(sm03([revoked], '2026-02-28').map((f) => f.severity)).toEqual(['critical']);
    expect(sm03([revoked], '2026-03-01')).toEqual([]);
    expect(sm03([revoked], '2024-12-31')).toEqual([]);
  });

  it('is medium for a conditional designation, still with its deadline', () => {
    const [f] = sm03([d({ kind: 'conditional' })], '2027-01-01');
    expect(f).toMatchObject({ severity: 'medium', deadline: '2026-01-01' });
    expect(f.explanation.text).toContain('conditions apply');
  });

  it('clamps the deadline to the month end: 2026-01-31 + 1 month = 2026-02-28', () => {
    const [f] = sm03([d({ effective_date: '2026-01-31', transition_months: 1 })], '2026-03-01');
    expect(f).toMatchObject({ deadline: '2026-02-28', severity: 'critical' });
    expect(sm03([d({ effective_date: '2026-01-31', transition_months: 1 })], '2026-02-28')[0].severity).toBe('high');
  });

  it('covers every critical or sensitive asset with the key-assets scope, and nothing else', () => {
    const found = sm03([d({ segments: ['key-assets'] })], '2025-06-01');
    // ran R1+R2 (sensitive), core C1 (critical), management M1 (sensitive); transport CSR is "other"
    expect(found.map((f) => [f.segment, f.affectedQuantity, f.assetIds])).toEqual([
      ['core', 2, ['C1']],
      ['management', 3, ['M1']],
      ['ran', 50, ['R1', 'R2']],
    ]);
  });

  it('catches a listed segment whatever the criticality', () => {
    const found = sm03([d({ segments: ['transport'] })], '2025-06-01');
    expect(found.map((f) => f.assetIds)).toEqual([['T1']]);
  });

  it('makes one finding per designation and never crosses member states', () => {
    const found = sm03([d(), d({ designation_id: 'D2', segments: ['ran', 'core'], transition_months: 0 })], '2025-06-01');
    // D1: ran (high, deadline 2026-01-01); D2: ran and core, deadline 2025-01-01 passed → critical
    expect(found.map((f) => `${f.id} ${f.severity}`)).toEqual([
      'SM03:OP1:core:SUP-B:D2 critical',
      'SM03:OP1:ran:SUP-B:D2 critical',
      'SM03:OP1:ran:SUP-B:D1 high',
    ]);
    expect(found.some((f) => f.operatorId === 'OP2')).toBe(false);
  });
});
