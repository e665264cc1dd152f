import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FundingCheck } from '../../src/engine/funding.js';
import type { ImplementationMatrix } from '../../src/engine/implementation-matrix.js';
import { smallDb, type SmallDb } from './helpers.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

/*
 * The examples are written for the small demo (seed 1). Its operators, the suppliers they name and the
 * two designations that matter (D-PL-1, D-NL-1) are added to the fixture here, as the demo has them.
 */
describe('examples/registers and examples/funding', () => {
  let d: SmallDb;
  beforeAll(async () => {
    d = await smallDb();
    await d.addOperators(['OP-DE-2', 'DE'], ['OP-DE-3', 'DE'], ['OP-FR-2', 'FR'], ['OP-NL-1', 'NL'], ['OP-PL-1', 'PL'], ['OP-PL-2', 'PL']);
    const suppliers = ['AURORA', 'BOREALIS', 'COBALT', 'DUNMORE', 'GNOMON', 'LARKSPUR'];
    await d.ok('import', 'suppliers', d.file('demo-suppliers.csv', ['supplier_id,name,hq_country', ...suppliers.map((s) => `SUP-${s},Fictional ${s},XA`)].join('\n')));
    await d.ok(
      'import',
      'designations',
      d.file(
        'demo-designations.csv',
        [
          'designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,transition_months,status',
          'D-NL-1,NL,SUP-COBALT,high-risk,core;management,Fictional act (NL),2024-03-01,12,in-force',
          'D-PL-1,PL,SUP-BOREALIS,restricted,ran,Fictional act (PL),2025-09-01,24,in-force',
        ].join('\n'),
      ),
    );
  });
  afterAll(() => d.cleanup());

  it('imports the implementation register and shows it in the matrix', async () => {
    expect(await d.json('implementation', 'import', join(EXAMPLES, 'registers', 'implementation.csv'))).toMatchObject({ rows: 19, inserted: 19 });
    const m = await d.json<ImplementationMatrix>('implementation', 'matrix', '--date', '2026-01-01', '--measures', 'SM01,SM03,TM07');
    // SM01: DE, FR, NL in place, PL in progress. SM03: DE in progress (its later row), FR planned, NL and PL in place.
    // TM07 from operators: DE 1 in place + 1 in progress → in progress; FR 2 in place → in place; NL planned;
    // PL's later row (planned, 2025-11-15) replaces not-planned → planned. IT is not in this database.
    expect(m.counts.SM01).toMatchObject({ 'in-place': 3, 'in-progress': 1 });
    expect(m.counts.SM03).toMatchObject({ 'in-place': 2, 'in-progress': 1, planned: 1 });
    expect(m.counts.TM07).toMatchObject({ 'in-place': 1, 'in-progress': 1, planned: 2 });
  });

  it('imports the screening register', async () => {
    expect(await d.json('screening', 'import', join(EXAMPLES, 'registers', 'screening-cases.csv'))).toMatchObject({ rows: 4, inserted: 4 });
    const flags = await d.json<{ suppliers: { supplierId: string }[] }>('screening', 'review-flags', '--date', '2026-03-10');
    expect(flags.suppliers.map((s) => s.supplierId)).toEqual(['SUP-GNOMON', 'SUP-LARKSPUR']);
  });

  it('checks the funding projects: restricted RAN supplier not eligible, the other one eligible', async () => {
    const refused = await d.json<FundingCheck>('funding', 'check', join(EXAMPLES, 'funding', 'project.json'));
    expect(refused.verdict).toBe('not-eligible');
    expect(refused.reasons.map((r) => [r.assetIndex, r.designationId])).toEqual([[0, 'D-PL-1']]);
    expect(refused.notes).toEqual(['SUP-COBALT is designated high-risk by NL (D-NL-1), not by PL']);
    const eligible = await d.json<FundingCheck>('funding', 'check', join(EXAMPLES, 'funding', 'project-eligible.json'));
    expect(eligible.verdict).toBe('eligible');
  });
});
