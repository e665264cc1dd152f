import { describe, expect, it } from 'vitest';
import type { SupplierCap } from '../../src/domain/index.js';
import { assess } from '../../src/engine/assess.js';
import { asset, designation, operator, policy, snapshot } from '../engine/helpers.js';

/*
 * A small network, every figure by hand.
 *   DE designations: D1 SUP-B high-risk for core only (in force), D2 SUP-C restricted for ran (in force),
 *                    D3 SUP-D high-risk, proposed (never counts).   FR: D4 SUP-A high-risk (in force).
 *   OP1 (DE) ran: SUP-A 50, SUP-B 30, SUP-C 20 = 100      core: SUP-B 5, SUP-C 5 = 10
 *   OP2 (DE) ran: SUP-A 80, SUP-B 10, SUP-D 10 = 100
 *   OP3 (FR) ran: SUP-A 60, SUP-B 40 = 100
 * DE caps:
 *   CAP1 ran, each operator, high-risk or restricted ≤ 0.35 from 2026-01-01
 *     OP1: (B 30 + C 20) / 100 = 0.50 > 0.35 → breach, excess 50 − 0.35·100 = 15
 *     OP2: B 10 / 100 = 0.10 (D is only proposed) → nothing
 *   CAP2 ran, DE as a whole, high-risk ≤ 0.15 from 2027-01-01
 *     DE: B (30 + 10) / 200 = 0.20 > 0.15 → breach, excess 40 − 0.15·200 = 10 (B counts although D1 names core only)
 *   CAP3 core, each operator, high-risk ≤ 0.5: OP1 B 5 / 10 = 0.50, not above → nothing
 * FR cap FR1 ran, each operator, high-risk ≤ 0.5: OP3 A 60 / 100 = 0.60 > 0.5 → breach; DE's designation of B does not count in FR
 */
const cap = (c: Partial<SupplierCap> & Pick<SupplierCap, 'cap_id' | 'max_share'>): SupplierCap => ({
  segment: 'ran',
  scope: 'operator',
  designation_kinds: ['high-risk'],
  ...c,
});
const DE_CAPS = [
  cap({ cap_id: 'CAP1', max_share: 0.35, designation_kinds: ['high-risk', 'restricted'], from: '2026-01-01' }),
  cap({ cap_id: 'CAP2', max_share: 0.15, scope: 'member-state', from: '2027-01-01' }),
  cap({ cap_id: 'CAP3', max_share: 0.5, segment: 'core' }),
];
const snap = (deCaps = DE_CAPS) =>
  snapshot({
    operators: [operator('OP1', 'DE'), operator('OP2', 'DE'), operator('OP3', 'FR')],
    assets: [
      asset({ asset_id: 'O1-A', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 50 }),
      asset({ asset_id: 'O1-B', operator_id: 'OP1', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 30 }),
      asset({ asset_id: 'O1-C', operator_id: 'OP1', segment: 'ran', function: 'RU', supplier_id: 'SUP-C', quantity: 20 }),
      asset({ asset_id: 'O1-CB', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-B', quantity: 5 }),
      asset({ asset_id: 'O1-CC', operator_id: 'OP1', segment: 'core', function: 'AMF', supplier_id: 'SUP-C', quantity: 5 }),
      asset({ asset_id: 'O2-A', operator_id: 'OP2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 80 }),
      asset({ asset_id: 'O2-B', operator_id: 'OP2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 10 }),
      asset({ asset_id: 'O2-D', operator_id: 'OP2', segment: 'ran', function: 'gNB', supplier_id: 'SUP-D', quantity: 10 }),
      asset({ asset_id: 'O3-A', operator_id: 'OP3', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 60 }),
      asset({ asset_id: 'O3-B', operator_id: 'OP3', segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 40 }),
    ],
    designations: [
      designation({ designation_id: 'D1', member_state: 'DE', supplier_id: 'SUP-B', segments: ['core'] }),
      designation({ designation_id: 'D2', member_state: 'DE', supplier_id: 'SUP-C', kind: 'restricted', segments: ['ran'] }),
      designation({ designation_id: 'D3', member_state: 'DE', supplier_id: 'SUP-D', status: 'proposed' }),
      designation({ designation_id: 'D4', member_state: 'FR', supplier_id: 'SUP-A' }),
    ],
    policies: [policy('DE', { caps: deCaps }), policy('FR', { caps: [cap({ cap_id: 'FR1', max_share: 0.5 })] })],
  });
const caps = (date: string, filter: { memberState?: string; operatorId?: string } = {}, s = snap()) =>
  assess(s, { date, ...filter }).findings.filter((f) => f.rule === 'SM03-CAP');

describe('SM03-CAP: caps on designated suppliers', () => {
  it('flags each breach with the hand-computed share, affected assets and severity', () => {
    expect(caps('2026-06-01').map((f) => [f.id, f.severity, f.level, f.affectedQuantity, f.assetIds, f.deadline])).toEqual([
      ['SM03-CAP:OP1:ran:CAP1', 'high', 'operator', 50, ['O1-B', 'O1-C'], '2026-01-01'],
      ['SM03-CAP:OP3:ran:FR1', 'high', 'operator', 60, ['O3-A'], undefined],
      // CAP2 applies from 2027-01-01: before that day an upcoming breach, info
      ['SM03-CAP:DE:ran:CAP2', 'info', 'member-state', 40, ['O1-B', 'O2-B'], '2027-01-01'],
    ]);
  });

  it('explains inputs, formula and figures', () => {
    const [op1, , de] = caps('2026-06-01');
    expect(op1!.measure).toBe('SM03');
    expect(op1!.supplierId).toBeUndefined(); // two designated suppliers share the breach
    expect(op1!.explanation.text).toBe(
      "OP1, ran: suppliers designated high-risk or restricted by DE (SUP-B 30, SUP-C 20) hold 50 of 100 (50.0 %), above cap CAP1 of at most 35.0 % of each operator's ran; " +
        'the cap applies since 2026-01-01. Reaching the cap means replacing a quantity of 15 (50 − 35.0 % × 100).',
    );
    expect(op1!.explanation.formula).toMatch(/^share = Σ q\(suppliers designated/);
    expect(op1!.explanation.inputs).toEqual({
      capId: 'CAP1',
      capScope: 'operator',
      segment: 'ran',
      designationKinds: ['high-risk', 'restricted'],
      maxShare: 0.35,
      from: '2026-01-01',
      date: '2026-06-01',
      designatedQuantity: 50,
      totalQuantity: 100,
      share: 0.5,
      excessQuantity: 15,
      designatedSuppliers: { 'SUP-B': 30, 'SUP-C': 20 },
      designations: ['D1', 'D2'],
    });
    expect(de!.supplierId).toBe('SUP-B');
    expect(de!.operatorId).toBeUndefined();
    expect(de!.explanation.inputs).toMatchObject({ designatedQuantity: 40, totalQuantity: 200, share: 0.2, excessQuantity: 10, designations: ['D1'] });
    expect(de!.explanation.text).toContain('the cap applies from 2027-01-01: a breach to come unless the share falls');
  });

  it('grades by the start day: info before `from`, high from that day on', () => {
    const sev = (date: string) => Object.fromEntries(caps(date).map((f) => [f.id, f.severity]));
    expect(sev('2025-12-31')['SM03-CAP:OP1:ran:CAP1']).toBe('info');
    expect(sev('2026-01-01')['SM03-CAP:OP1:ran:CAP1']).toBe('high');
    expect(sev('2026-12-31')['SM03-CAP:DE:ran:CAP2']).toBe('info');
    expect(sev('2027-01-01')['SM03-CAP:DE:ran:CAP2']).toBe('high');
    // before the designations are in force (effective 2025-01-01) no supplier is designated: nothing
    expect(caps('2024-12-31')).toEqual([]);
  });

  it('a share at the cap is not a breach; a cap no designated supplier reaches is silent', () => {
    // CAP3 (core 0.5 exactly) gave nothing above; a cap of 0.5 on OP1's RAN (0.5 exactly) gives nothing either
    // (OP1 ran: 50 / 100 = 0.5; OP2 ran: 10 / 100) — FR1 is the only finding left
    expect(caps('2026-06-01', {}, snap([cap({ cap_id: 'EQ', max_share: 0.5, designation_kinds: ['high-risk', 'restricted'] })])).map((f) => f.id)).toEqual(['SM03-CAP:OP3:ran:FR1']);
    // no supplier is designated conditional in DE: even a cap of 0 finds nothing there
    expect(caps('2026-06-01', {}, snap([cap({ cap_id: 'COND', max_share: 0, designation_kinds: ['conditional'] })])).map((f) => f.id)).toEqual(['SM03-CAP:OP3:ran:FR1']);
  });

  it('follows the filters: an operator run has no member-state finding, a member-state run only its own', () => {
    expect(caps('2026-06-01', { operatorId: 'OP1' }).map((f) => f.id)).toEqual(['SM03-CAP:OP1:ran:CAP1']);
    expect(caps('2026-06-01', { memberState: 'FR' }).map((f) => f.id)).toEqual(['SM03-CAP:OP3:ran:FR1']);
    expect(caps('2026-06-01', { memberState: 'DE' }).map((f) => f.id)).toEqual(['SM03-CAP:OP1:ran:CAP1', 'SM03-CAP:DE:ran:CAP2']);
  });
});
