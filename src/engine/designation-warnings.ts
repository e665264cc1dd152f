import type { Designation } from '../domain/entities.js';
import { PROFILE_LEVELS, type ProfileLevel } from '../domain/profile.js';

/*
 * What a designation rests on, and when to warn about it. A designation is a member state's decision; the
 * software does not second-guess it, but it says when the profile it cites does not carry it:
 *  - `no-profile`: the designation cites no profile version (with the latest profile of the same supplier
 *    and member state, when one exists, as the one to cite);
 *  - `profile-level-low`: the cited version's level is the bottom of the level scale (`low`, the first of
 *    PROFILE_LEVELS): under the rule it was recorded with, no condition for medium or high held, i.e. the
 *    assessor's own scores found no more than low concern;
 *  - `newer-profile-version`: a later version of the cited profile is recorded (its level may differ).
 * Only profiles of the designation's own supplier and member state are ever read (src/store/profiles.ts,
 * profileLinkOf), so a warning never tells of another member state's assessment.
 */

export const DESIGNATION_WARNING_KINDS = ['no-profile', 'profile-level-low', 'newer-profile-version'] as const;
export type DesignationWarningKind = (typeof DESIGNATION_WARNING_KINDS)[number];

/** The bottom of the profile level scale: a designation resting on it is warned about. */
export const LOW_PROFILE_LEVEL: ProfileLevel = PROFILE_LEVELS[0];

/** A profile version as a designation sees it. */
export interface ProfileRef {
  profileId: string;
  version: number;
  level: ProfileLevel;
  ruleId: string;
  assessedOn: string;
}

export interface ProfileLink {
  /** the version the designation cites, when it cites one that is recorded */
  cited?: ProfileRef;
  /** the latest version of the cited profile */
  latest?: ProfileRef;
  /** without a citation: the latest profile of the designation's supplier and member state */
  candidate?: ProfileRef;
}

export interface DesignationWarning {
  kind: DesignationWarningKind;
  message: string;
  profileId?: string;
  version?: number;
  level?: ProfileLevel;
  ruleId?: string;
  latestVersion?: number;
  latestLevel?: ProfileLevel;
  latestAssessedOn?: string;
}

export function designationWarnings(d: Pick<Designation, 'designation_id' | 'supplier_id' | 'member_state' | 'kind'>, link: ProfileLink): DesignationWarning[] {
  const out: DesignationWarning[] = [];
  const { cited, latest, candidate } = link;
  if (!cited) {
    out.push({
      kind: 'no-profile',
      message:
        `designation ${d.designation_id} (${d.kind}) rests on no recorded profile of ${d.supplier_id}` +
        (candidate
          ? `: profile ${candidate.profileId} version ${candidate.version} (${candidate.assessedOn}, level ${candidate.level}) could be cited (--profile ${candidate.profileId}@${candidate.version})`
          : `: ${d.member_state} has recorded no profile of it`),
      ...(candidate ? { profileId: candidate.profileId, version: candidate.version, level: candidate.level, ruleId: candidate.ruleId } : {}),
    });
    return out;
  }
  const facts = { profileId: cited.profileId, version: cited.version, level: cited.level, ruleId: cited.ruleId };
  if (cited.level === LOW_PROFILE_LEVEL) {
    out.push({
      kind: 'profile-level-low',
      message:
        `designation ${d.designation_id} (${d.kind}) rests on profile ${cited.profileId} version ${cited.version}, whose level is ${cited.level}: ` +
        `under rule ${cited.ruleId} no condition for medium or high held`,
      ...facts,
    });
  }
  if (latest && latest.version > cited.version) {
    out.push({
      kind: 'newer-profile-version',
      message:
        `designation ${d.designation_id} rests on profile ${cited.profileId} version ${cited.version} (${cited.assessedOn}, level ${cited.level}); ` +
        `version ${latest.version} (${latest.assessedOn}, level ${latest.level}) is recorded since`,
      ...facts,
      latestVersion: latest.version,
      latestLevel: latest.level,
      latestAssessedOn: latest.assessedOn,
    });
  }
  return out;
}
