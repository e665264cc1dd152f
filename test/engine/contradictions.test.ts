import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/index.js';
import { Implementation, type ImplementationInput } from '../../src/domain/implementation.js';
import { findContradictions } from '../../src/engine/contradictions.js';
import { IMPLEMENTATIONS, network } from './risk/network.js';

const row = (r: ImplementationInput) => Implementation.parse(r);

describe('findContradictions', () => {
  /*
   * network() at 2026-06-01 (test/engine/risk/network.ts): OP-DE-1 holds SM03 (SUP-B in ran, designated by DE),
   * SM05 (one core supplier), TM07 and TM09 (the AMF) findings; OP-DE-2 an SM05 finding (one ran supplier); DE
   * an SM06 finding. IMPLEMENTATIONS declares in place: SM05 at OP-DE-1 (1 SM05 finding there → contradicted),
   * SM03 at DE (1 SM03 finding in DE → contradicted), TM01 (Union), TM03 and TM11 at OP-DE-1 (no rule
   * finds against them). SM06 at DE is in progress, TM09 at OP-DE-1 in progress: nothing declared to contradict.
   */
  it('reports each in-place declaration with findings of its measure inside its scope, operators first', () => {
    const ctx = network();
    const got = findContradictions(IMPLEMENTATIONS, ctx.result.findings);
    expect(got.map((c) => [c.measure, c.scope, c.operatorId ?? c.memberState, c.findings, c.findingIds])).toEqual([
      ['SM05', 'operator', 'OP-DE-1', 1, ['SM05:OP-DE-1:core:SUP-C']],
      ['SM03', 'member-state', 'DE', 1, ['SM03:OP-DE-1:ran:SUP-B:D-DE-1']],
    ]);
    // the SM03 finding is about SUP-B's 40 gNB
    expect(got[1]).toMatchObject({ affectedQuantity: 40, declared: { status: 'in-place', recordedOn: '2025-02-01' } });
    expect(got[1]!.explanation.text).toBe(
      'DE declares SM03 in place (recorded 2025-02-01), but the assessment holds 1 open SM03 finding(s) there, quantity 40: ' +
        'SM03:OP-DE-1:ran:SUP-B:D-DE-1. Residual risk credits SM03 as in progress where its findings lie.',
    );
  });

  it('reads the latest row, and a Union declaration against every finding of its measure', () => {
    const ctx = network();
    const later = [
      ...IMPLEMENTATIONS,
      // OP-DE-1 withdraws its SM05 claim; the Union claims SM05 for everyone: OP-DE-1 and OP-DE-2 hold one SM05 finding each
      row({ measure: 'SM05', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-progress', recorded_on: '2026-04-01' }),
      row({ measure: 'SM05', scope_level: 'union', status: 'in-place', recorded_on: '2026-04-01' }),
    ];
    const got = findContradictions(later, ctx.result.findings);
    expect(got.map((c) => `${c.measure} ${c.scope} ${c.findings}`)).toEqual(['SM03 member-state 1', 'SM05 union 2']);
  });

  it('does not count a finding at level info (a cap before its start date) as open', () => {
    const info: Finding = {
      id: 'SM03-CAP:DE:ran', rule: 'SM03-CAP', measure: 'SM03', severity: 'info', level: 'member-state', memberState: 'DE',
      affectedQuantity: 10, assetIds: [], explanation: { text: '', inputs: {} },
    };
    const declared = [row({ measure: 'SM03', scope_level: 'member-state', member_state: 'DE', status: 'in-place', recorded_on: '2025-02-01' })];
    expect(findContradictions(declared, [info])).toEqual([]);
    expect(findContradictions(declared, [{ ...info, severity: 'high' }])).toHaveLength(1);
  });
});
