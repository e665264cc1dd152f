import type { Explanation } from '../domain/assessment.js';
import { UserError } from '../domain/errors.js';
import type { Designation } from '../domain/index.js';
import { designationWarnings, type DesignationWarning, type ProfileRef } from '../engine/designation-warnings.js';
import { addMonths } from '../engine/snapshot.js';
import { designationHistory, getStoredDesignation, type DesignationRevision } from '../store/designations.js';
import type { Store } from '../store/open.js';
import { profileLinkOf } from '../store/profiles.js';

/*
 * A designation as the CLI and the server show it: with its phase-out deadline, the profile version it
 * rests on, and its history.
 */

export interface DesignationView {
  designation: Designation;
  /** effective_date + transition_months: SM03's deadline for assets in scope */
  deadline: string;
  deadlineExplanation: Explanation;
  profile?: ProfileRef;
  warnings: DesignationWarning[];
  revisions: DesignationRevision[];
}

/**
 * The profile version a designation rests on and the warnings about it (engine/designation-warnings.ts).
 * The caller has the designation in its scope; the profiles read are that designation's supplier and
 * member state's only.
 */
export function designationBasis(store: Store, d: Designation): { profile?: ProfileRef; warnings: DesignationWarning[] } {
  const link = profileLinkOf(store, d);
  return { ...(link.cited ? { profile: link.cited } : {}), warnings: designationWarnings(d, link) };
}

export async function showDesignation(store: Store, id: string): Promise<DesignationView> {
  const d = getStoredDesignation(store, id);
  if (!d) throw new UserError(`no designation ${id} (see: secure5g designation list)`);
  const deadline = addMonths(d.effective_date, d.transition_months);
  return {
    designation: d,
    deadline,
    deadlineExplanation: {
      text: `Assets in the scope of ${d.designation_id} must be phased out by ${deadline}: effective ${d.effective_date} plus a transition of ${d.transition_months} months.`,
      formula: 'deadline = effective_date + transition_months (calendar months, clamped to the month end)',
      inputs: { effective_date: d.effective_date, transition_months: d.transition_months, status: d.status },
    },
    ...designationBasis(store, d),
    revisions: designationHistory(store, id),
  };
}
