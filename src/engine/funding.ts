import type { Designation } from '../domain/index.js';
import { ImportError, KEY_ASSETS } from '../domain/index.js';
import type { FundingProject } from '../domain/screening.js';
import { BASELINE_POLICY, findFunction, type EffectivePolicy } from '../catalog/index.js';
import { isInForce } from './context.js';
import { criticalityOf } from './criticality.js';

export type FundingVerdict = 'eligible' | 'eligible-with-conditions' | 'not-eligible';

export interface FundingReason {
  /** 0-based position in the project's assets */
  assetIndex: number;
  supplierId: string;
  segment: string;
  function: string;
  designationId: string;
  kind: Designation['kind'];
  text: string;
}

export interface FundingCheck {
  projectId: string;
  operatorId: string;
  memberState: string;
  plannedDate: string;
  verdict: FundingVerdict;
  eligible: boolean;
  /** what makes the project ineligible: planned assets of high-risk or restricted designated suppliers */
  reasons: FundingReason[];
  /** conditions attached by conditional designations */
  conditions: FundingReason[];
  /** designations that do not decide the verdict but a reviewer should see */
  notes: string[];
}

/** Does a designation's scope cover an asset: a listed segment, or key-assets and the asset critical or sensitive. */
function covers(d: Designation, segment: string, criticality: string): boolean {
  return d.segments.some((item) => item === segment || (item === KEY_ASSETS && criticality !== 'other'));
}

/**
 * SA10: may public money fund this deployment? A planned asset whose supplier the project's member state
 * has designated high-risk or restricted, in force on the planned date, in a scope that covers the asset,
 * makes the project not eligible; a conditional designation leaves it eligible with that designation's
 * conditions. The transition period does not help: it lets existing assets run out, it does not fund new
 * ones. `policy` decides criticality for `key-assets` scopes (default: the secure5g default (not an EU rule)).
 */
export function checkFunding(project: FundingProject, designations: readonly Designation[], policy?: EffectivePolicy): FundingCheck {
  const effective = policy ?? { ...BASELINE_POLICY, memberState: project.member_state };
  const reasons: FundingReason[] = [];
  const conditions: FundingReason[] = [];
  const notes = new Set<string>();
  const file = `project ${project.project_id}`;
  project.assets.forEach((a, i) => {
    if (!findFunction(a.function)) throw new ImportError(file, undefined, `assets.${i}.function`, `"${a.function}" is not a function of the catalogue`);
    const criticality = criticalityOf(effective, a.segment, a.function);
    for (const d of designations) {
      if (d.supplier_id !== a.supplier_id) continue;
      if (d.member_state !== project.member_state) {
        if (isInForce(d, project.planned_date)) notes.add(`${d.supplier_id} is designated ${d.kind} by ${d.member_state} (${d.designation_id}), not by ${project.member_state}`);
        continue;
      }
      if (!covers(d, a.segment, criticality)) continue;
      if (!isInForce(d, project.planned_date)) {
        if (d.status === 'proposed') notes.add(`${d.designation_id} (${d.kind}, ${d.supplier_id}) is proposed, not in force`);
        else if (d.status === 'in-force') notes.add(`${d.designation_id} (${d.kind}, ${d.supplier_id}) takes effect on ${d.effective_date}, after the planned date`);
        continue;
      }
      const where = `asset ${i + 1} (${a.segment}/${a.function}, ${criticality})`;
      const reason: FundingReason = {
        assetIndex: i,
        supplierId: a.supplier_id,
        segment: a.segment,
        function: a.function,
        designationId: d.designation_id,
        kind: d.kind,
        text:
          d.kind === 'conditional'
            ? `${where}: ${a.supplier_id} is designated conditional by ${d.member_state} (${d.designation_id}, ${d.legal_basis}); its conditions apply`
            : `${where}: ${a.supplier_id} is designated ${d.kind} by ${d.member_state} (${d.designation_id}, ${d.legal_basis}, in force since ${d.effective_date}) for ${d.segments.join(', ')}`,
      };
      (d.kind === 'conditional' ? conditions : reasons).push(reason);
    }
  });
  const verdict: FundingVerdict = reasons.length > 0 ? 'not-eligible' : conditions.length > 0 ? 'eligible-with-conditions' : 'eligible';
  return {
    projectId: project.project_id,
    operatorId: project.operator_id,
    memberState: project.member_state,
    plannedDate: project.planned_date,
    verdict,
    eligible: verdict !== 'not-eligible',
    reasons,
    conditions,
    notes: [...notes],
  };
}
