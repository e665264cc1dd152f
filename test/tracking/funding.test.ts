import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FundingCheck } from '../../src/engine/funding.js';
import { smallDb, type SmallDb } from './helpers.js';

/*
 * network-small: OP-DE-1 (DE), OP-FR-1 (FR); D-DE-1: DE designates SUP-B high-risk for ran from
 * 2025-01-01. SUP-A and SUP-C are not designated.
 */
const project = (assets: object[], extra: object = {}) =>
  JSON.stringify({ project_id: 'PRJ-DE-1', operator_id: 'OP-DE-1', member_state: 'DE', planned_date: '2026-06-01', assets, ...extra });

type Out = FundingCheck & { dateUsed: string; policyVersion?: string; checkId?: string };

describe('secure5g funding', () => {
  let d: SmallDb;
  beforeEach(async () => (d = await smallDb()));
  afterEach(() => d.cleanup());

  it('refuses a project with a designated supplier in its key assets, giving the reason', async () => {
    const f = d.file('p.json', project([{ segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 10 }, { segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 5 }]));
    const out = await d.json<Out>('funding', 'check', f);
    expect(out).toMatchObject({ projectId: 'PRJ-DE-1', verdict: 'not-eligible', eligible: false, dateUsed: '2026-06-01', plannedDate: '2026-06-01' });
    expect(out.reasons.map((r) => r.text)).toEqual([
      'asset 2 (ran/gNB, sensitive): SUP-B is designated high-risk by DE (D-DE-1, Fictional Telecom Security Act §1, in force since 2025-01-01) for ran',
    ]);
    const text = (await d.ok('funding', 'check', f)).stdout;
    expect(text).toContain('verdict: not-eligible');
    expect(text).toContain('  - asset 2 (ran/gNB, sensitive): SUP-B is designated high-risk by DE');
  });

  it('finds the same project eligible without the designated supplier, or before the designation', async () => {
    const clean = d.file('clean.json', project([{ segment: 'ran', function: 'gNB', supplier_id: 'SUP-A' }, { segment: 'core', function: 'AMF', supplier_id: 'SUP-C' }]));
    expect(await d.json<Out>('funding', 'check', clean)).toMatchObject({ verdict: 'eligible', eligible: true, reasons: [], notes: [] });
    // SUP-B in another member state's project: DE's designation is a note, not a reason
    const fr = d.file('fr.json', project([{ segment: 'ran', function: 'gNB', supplier_id: 'SUP-B' }], { operator_id: 'OP-FR-1', member_state: 'FR' }));
    expect(await d.json<Out>('funding', 'check', fr)).toMatchObject({ verdict: 'eligible', notes: ['SUP-B is designated high-risk by DE (D-DE-1), not by FR'] });
    // --date before 2025-01-01: D-DE-1 not yet in force
    const withB = d.file('b.json', project([{ segment: 'ran', function: 'gNB', supplier_id: 'SUP-B' }]));
    const early = await d.json<Out>('funding', 'check', withB, '--date', '2024-12-31');
    expect(early).toMatchObject({ verdict: 'eligible', dateUsed: '2024-12-31', plannedDate: '2026-06-01' });
    expect(early.notes).toContain('designations judged as in force on 2024-12-31, not on the planned date 2026-06-01');
  });

  it('uses the member state\'s policy for key-asset scopes', async () => {
    // D-DE-2: SUP-C conditional for key-assets. A cell-site router is "other" under the baseline …
    await d.ok('import', 'designations', d.file('d2.csv', 'designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,transition_months,status\nD-DE-2,DE,SUP-C,conditional,key-assets,Fictional Act §2,2025-06-01,12,in-force\n'));
    const f = d.file('csr.json', project([{ segment: 'transport', function: 'CSR', supplier_id: 'SUP-C', quantity: 30 }]));
    expect(await d.json<Out>('funding', 'check', f)).toMatchObject({ verdict: 'eligible', conditions: [] });
    // … and sensitive under a DE policy that says so: the designation's conditions then apply
    await d.ok('import', 'policies', d.file('pol.json', JSON.stringify({ member_state: 'DE', version: 'de-2026-1', criticality_overrides: [{ function: 'CSR', criticality: 'sensitive' }] })));
    const out = await d.json<Out>('funding', 'check', f);
    expect(out).toMatchObject({ verdict: 'eligible-with-conditions', eligible: true, policyVersion: 'de-2026-1' });
    expect(out.conditions.map((c) => c.designationId)).toEqual(['D-DE-2']);
  });

  it('keeps saved checks as evidence and lists them', async () => {
    const f = d.file('p.json', project([{ segment: 'ran', function: 'gNB', supplier_id: 'SUP-B' }]));
    const saved = await d.json<Out>('funding', 'check', f, '--save');
    expect(saved.checkId).toMatch(/^[0-9a-f-]{36}$/);
    await d.ok('funding', 'check', f); // not saved
    const list = await d.json<{ checkId: string; dateUsed: string; result: FundingCheck; designations: { designationId: string }[] }[]>('funding', 'list');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ checkId: saved.checkId, dateUsed: '2026-06-01', result: { verdict: 'not-eligible' } });
    expect(list[0]!.designations.map((x) => x.designationId)).toEqual(['D-DE-1']);
    expect((await d.ok('funding', 'list')).stdout).toMatch(/PRJ-DE-1\s+OP-DE-1\s+DE\s+2026-06-01\s+not-eligible\s+1/);
  });

  it('refuses a bad project naming file and field', async () => {
    const wrongSegment = await d.run('funding', 'check', d.file('bad.json', project([{ segment: 'core', function: 'gNB', supplier_id: 'SUP-A' }])));
    expect(wrongSegment.code).toBe(2);
    expect(wrongSegment.stderr).toContain('bad.json, field assets.0.function: "gNB" belongs to segment ran, not core');
    const empty = await d.run('funding', 'check', d.file('empty.json', project([], { planned_date: '2026-02-30' })));
    expect(empty.stderr).toContain('empty.json, field planned_date: is not a real calendar date');
    expect(empty.stderr).toContain('empty.json, field assets: must list at least one planned asset');
    const wrongState = await d.run('funding', 'check', d.file('ms.json', project([{ segment: 'ran', function: 'gNB', supplier_id: 'SUP-A' }], { operator_id: 'OP-FR-1' })));
    expect(wrongState.code).toBe(2);
    expect(wrongState.stderr).toContain('ms.json, field member_state: operator OP-FR-1 is an operator of FR, not of DE');
    expect(d.count('funding_checks')).toBe(0);
  });
});
