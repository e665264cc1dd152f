import type { Explanation } from '../domain/assessment.js';
import { UserError } from '../domain/errors.js';
import type { Designation, ProfileLevel } from '../domain/index.js';
import { addMonths } from '../engine/snapshot.js';
import { designationHistory, getStoredDesignation, type DesignationRevision } from '../store/designations.js';
import type { Store } from '../store/open.js';
import { getProfile } from '../store/profiles.js';

/*
 * A designation as the CLI and the server show it: with its phase-out deadline, the profile version it
 * rests on, and its history.
 */

export interface DesignationView {
  designation: Designation;
  /** effective_date + transition_months: SM03's deadline for assets in scope */
  deadline: string;
  deadlineExplanation: Explanation;
  profile?: { profileId: string; version: number; level: ProfileLevel; ruleId: string; assessedOn: string };
  revisions: DesignationRevision[];
}

export async function showDesignation(store: Store, id: string): Promise<DesignationView> {
  const d = getStoredDesignation(store, id);
  if (!d) throw new UserError(`no designation ${id} (see: secure5g designation list)`);
  const deadline = addMonths(d.effective_date, d.transition_months);
  const linked = d.profile_id !== undefined && d.profile_version !== undefined ? await getProfile(store, d.profile_id, d.profile_version) : undefined;
  return {
    designation: d,
    deadline,
    deadlineExplanation: {
      text: `Assets in the scope of ${d.designation_id} must be phased out by ${deadline}: effective ${d.effective_date} plus a transition of ${d.transition_months} months.`,
      formula: 'deadline = effective_date + transition_months (calendar months, clamped to the month end)',
      inputs: { effective_date: d.effective_date, transition_months: d.transition_months, status: d.status },
    },
    ...(linked
      ? { profile: { profileId: linked.profile.profile_id, version: linked.profile.version, level: linked.level, ruleId: linked.ruleId, assessedOn: linked.profile.assessed_on } }
      : {}),
    revisions: designationHistory(store, id),
  };
}
