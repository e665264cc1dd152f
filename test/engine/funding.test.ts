import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/index.js';
import { FundingProject, type FundingProjectInput } from '../../src/domain/screening.js';
import { checkFunding } from '../../src/engine/funding.js';
import { designation, policy } from './helpers.js';

/*
 * DE designations: D-DE-1 SUP-B high-risk for ran from 2025-01-01; D-DE-2 SUP-C conditional for key-assets
 * from 2025-06-01; D-DE-3 SUP-D restricted for core, proposed; D-DE-4 SUP-D high-risk for transport from
 * 2027-01-01. FR: D-FR-1 SUP-A high-risk for ran.
 */
const DESIGNATIONS = [
  designation({ designation_id: 'D-DE-1', member_state: 'DE', supplier_id: 'SUP-B' }),
  designation({ designation_id: 'D-DE-2', member_state: 'DE', supplier_id: 'SUP-C', kind: 'conditional', segments: ['key-assets'], effective_date: '2025-06-01' }),
  designation({ designation_id: 'D-DE-3', member_state: 'DE', supplier_id: 'SUP-D', kind: 'restricted', segments: ['core'], status: 'proposed' }),
  designation({ designation_id: 'D-DE-4', member_state: 'DE', supplier_id: 'SUP-D', segments: ['transport'], effective_date: '2027-01-01' }),
  designation({ designation_id: 'D-FR-1', member_state: 'FR', supplier_id: 'SUP-A' }),
];

const project = (assets: FundingProjectInput['assets'], planned_date = '2026-06-01') =>
  FundingProject.parse({ project_id: 'PRJ-1', operator_id: 'OP-DE-1', member_state: 'DE', planned_date, assets });

describe('checkFunding (SA10)', () => {
  it('refuses a project with a designated supplier in the designation scope, with the reason', () => {
    const check = checkFunding(project([{ segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 10 }, { segment: 'ran', function: 'gNB', supplier_id: 'SUP-B', quantity: 5 }]), DESIGNATIONS);
    expect(check.verdict).toBe('not-eligible');
    expect(check.eligible).toBe(false);
    expect(check.reasons.map((r) => [r.assetIndex, r.designationId, r.kind])).toEqual([[1, 'D-DE-1', 'high-risk']]);
    expect(check.reasons[0].text).toBe(
      'asset 2 (ran/gNB, sensitive): SUP-B is designated high-risk by DE (D-DE-1, Fictional Telecom Security Act §1, in force since 2025-01-01) for ran',
    );
    // FR's designation of SUP-A is shown, not applied
    expect(check.notes).toEqual(['SUP-A is designated high-risk by FR (D-FR-1), not by DE']);
  });

  it('judges designations as in force on the planned date', () => {
    // Before D-DE-1 took effect, the same asset is eligible.
    expect(checkFunding(project([{ segment: 'ran', function: 'gNB', supplier_id: 'SUP-B' }], '2024-12-31'), DESIGNATIONS).verdict).toBe('eligible');
  });

  it('leaves a conditional designation eligible with conditions, for key assets only', () => {
    // AMF is critical (a key asset); CSR is "other", outside a key-assets scope.
    const check = checkFunding(project([{ segment: 'core', function: 'AMF', supplier_id: 'SUP-C' }, { segment: 'transport', function: 'CSR', supplier_id: 'SUP-C' }]), DESIGNATIONS);
    expect(check.verdict).toBe('eligible-with-conditions');
    expect(check.eligible).toBe(true);
    expect(check.conditions.map((c) => [c.assetIndex, c.designationId])).toEqual([[0, 'D-DE-2']]);
    expect(check.reasons).toEqual([]);
  });

  it('follows the policy\'s criticality for key-assets scopes', () => {
    const strict = policy('DE', { criticalityOverrides: [{ function: 'CSR', criticality: 'sensitive' }] });
    const check = checkFunding(project([{ segment: 'transport', function: 'CSR', supplier_id: 'SUP-C' }]), DESIGNATIONS, strict);
    expect(check.conditions.map((c) => c.designationId)).toEqual(['D-DE-2']);
  });

  it('notes proposed and future designations without applying them', () => {
    const check = checkFunding(project([{ segment: 'core', function: 'SMF', supplier_id: 'SUP-D' }, { segment: 'transport', function: 'CORE-ROUTER', supplier_id: 'SUP-D' }]), DESIGNATIONS);
    expect(check.verdict).toBe('eligible');
    expect(check.notes).toEqual([
      'D-DE-3 (restricted, SUP-D) is proposed, not in force',
      'D-DE-4 (high-risk, SUP-D) takes effect on 2027-01-01, after the planned date',
    ]);
  });

  it('rejects an unknown function naming the project and field', () => {
    expect(() => checkFunding(project([{ segment: 'ran', function: 'WIDGET', supplier_id: 'SUP-A' }]), DESIGNATIONS)).toThrow(ImportError);
    expect(() => checkFunding(project([{ segment: 'ran', function: 'WIDGET', supplier_id: 'SUP-A' }]), DESIGNATIONS)).toThrow(
      'project PRJ-1, field assets.0.function: "WIDGET" is not a function of the catalogue',
    );
  });

  it('validates the project', () => {
    const r = FundingProject.safeParse({ project_id: 'P', operator_id: 'O', member_state: 'DE', planned_date: '2026-02-30', assets: [] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'planned_date: is not a real calendar date',
      'assets: must list at least one planned asset',
    ]);
  });
});
