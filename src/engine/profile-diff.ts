import { UserError } from '../domain/errors.js';
import type { Evidence, ProfileAssessment, ProfileLevel, ResultLevelRule } from '../domain/profile.js';
import { profileLevel } from './profile-level.js';

export interface ProfileDiff {
  profileId: string;
  fromVersion: number;
  toVersion: number;
  assessorChanged?: { from: string; to: string };
  scoresChanged: { criterion: string; from: number; to: number }[];
  criteriaAdded: { criterion: string; score: number }[];
  criteriaRemoved: { criterion: string; score: number }[];
  evidenceAdded: { criterion: string; evidence: Evidence }[];
  evidenceRemoved: { criterion: string; evidence: Evidence }[];
  /** Present when a rule was given. */
  level?: { from: ProfileLevel; to: ProfileLevel; changed: boolean };
}

/** Evidence is the same when its text, URL and document digest are all the same. */
const evidenceKey = (e: Evidence) => JSON.stringify([e.text, e.url ?? null, e.document_sha256 ?? null]);

/** What changed from one version of a profile to another (either order; the result reads from → to). */
export function diffProfiles(from: ProfileAssessment, to: ProfileAssessment, rule?: ResultLevelRule): ProfileDiff {
  if (from.profile_id !== to.profile_id) throw new UserError(`cannot compare profile ${from.profile_id} with profile ${to.profile_id}`);
  const a = new Map(from.scores.map((s) => [s.criterion, s]));
  const b = new Map(to.scores.map((s) => [s.criterion, s]));
  const diff: ProfileDiff = {
    profileId: from.profile_id,
    fromVersion: from.version,
    toVersion: to.version,
    scoresChanged: [],
    criteriaAdded: [],
    criteriaRemoved: [],
    evidenceAdded: [],
    evidenceRemoved: [],
  };
  if (from.assessor !== to.assessor) diff.assessorChanged = { from: from.assessor, to: to.assessor };
  const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
  for (const id of ids) {
    const x = a.get(id);
    const y = b.get(id);
    if (x && !y) diff.criteriaRemoved.push({ criterion: id, score: x.score });
    if (!x && y) diff.criteriaAdded.push({ criterion: id, score: y.score });
    if (x && y && x.score !== y.score) diff.scoresChanged.push({ criterion: id, from: x.score, to: y.score });
    const before = new Map((x?.evidence ?? []).map((e) => [evidenceKey(e), e]));
    const after = new Map((y?.evidence ?? []).map((e) => [evidenceKey(e), e]));
    for (const [k, e] of after) if (!before.has(k)) diff.evidenceAdded.push({ criterion: id, evidence: e });
    for (const [k, e] of before) if (!after.has(k)) diff.evidenceRemoved.push({ criterion: id, evidence: e });
  }
  if (rule) {
    const l1 = profileLevel(from, rule).level;
    const l2 = profileLevel(to, rule).level;
    diff.level = { from: l1, to: l2, changed: l1 !== l2 };
  }
  return diff;
}

/**
 * Profiles are append-only: a new version of a profile must follow the latest one directly (version + 1),
 * keep its supplier and authority, and not be dated before it. Returns the reason a version is refused.
 */
export function appendRefusal(latest: ProfileAssessment | undefined, next: ProfileAssessment): string | undefined {
  if (!latest) return next.version === 1 ? undefined : `profile ${next.profile_id} has no version yet, so the first must be version 1, not ${next.version}`;
  if (latest.profile_id !== next.profile_id) return `version belongs to profile ${next.profile_id}, not ${latest.profile_id}`;
  if (next.version !== latest.version + 1) return `profile ${next.profile_id} is at version ${latest.version}; the next must be ${latest.version + 1}, not ${next.version}`;
  if (next.supplier_id !== latest.supplier_id) return `profile ${next.profile_id} is about supplier ${latest.supplier_id}, not ${next.supplier_id}`;
  if (next.member_state !== latest.member_state) return `profile ${next.profile_id} belongs to ${latest.member_state}, not ${next.member_state}`;
  if (next.assessed_on < latest.assessed_on) return `version ${next.version} is dated ${next.assessed_on}, before version ${latest.version} (${latest.assessed_on})`;
  return undefined;
}
