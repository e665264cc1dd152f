import type { Explanation } from '../domain/assessment.js';
import { UserError } from '../domain/errors.js';
import type { ProfileAssessment, ProfileLevel } from '../domain/profile.js';
import type { ControlResult } from '../engine/control.js';
import { diffProfiles, type ProfileDiff } from '../engine/profile-diff.js';
import { profileLevel, type LevelResult } from '../engine/profile-level.js';
import { suggestScores, type SuggestionResult } from '../engine/profile-suggestions.js';
import { effectivePolicyOf } from '../store/effective-policy.js';
import type { Store } from '../store/open.js';
import { getProfile, latestSupplyFacts, profileHistory, type CurrentSupplyFacts, type StoredProfile } from '../store/profiles.js';
import { getSupplier, listProducts } from '../store/repositories.js';
import { supplierControl, supplierProductOrigins } from './ownership.js';

/*
 * Profile services shared by the CLI and the server: suggestions composed from what the store knows
 * (control, products, BOM origins, supply facts) and a profile shown with its level explained.
 */

export interface ControlSummary {
  asOf?: string;
  ultimateControllers: { entityId: string; name: string; kind: string; country?: string; isSubject: boolean }[];
  stateShares: { country: string; share: number }[];
  unknownShare: number;
  unresolvedShare: number;
  controlOutsideEu: boolean | null;
  controlStatus: ControlResult['controlStatus'];
  controlStatusReason: string;
  missingData: number;
  explanation: Explanation;
}

/** Control of the supplier, or why it cannot be computed (e.g. no ownership data recorded). */
export type ControlView = { available: true; summary: ControlSummary } | { available: false; reason: string };

async function controlOf(store: Store, supplierId: string, asOf?: string): Promise<{ result?: ControlResult; view: ControlView }> {
  try {
    const c = await supplierControl(store, supplierId, asOf);
    const summary: ControlSummary = {
      ...(asOf !== undefined ? { asOf } : {}),
      ultimateControllers: c.ultimateControllers.map((u) => ({ entityId: u.entityId, name: u.name, kind: u.kind, ...(u.country !== undefined ? { country: u.country } : {}), isSubject: u.isSubject })),
      stateShares: c.stateShares.map((s) => ({ country: s.country, share: s.share })),
      unknownShare: c.unknownShare,
      unresolvedShare: c.unresolvedShare,
      controlOutsideEu: c.controlOutsideEu,
      controlStatus: c.controlStatus,
      controlStatusReason: c.controlStatusReason,
      missingData: c.missingData.length,
      explanation: c.explanation,
    };
    return { result: c, view: { available: true, summary } };
  } catch (err) {
    if (err instanceof UserError) return { view: { available: false, reason: err.message } };
    throw err;
  }
}

export interface ProfileSuggestions extends SuggestionResult {
  supplierId: string;
  memberState: string;
  asOf: string;
  /** always false: suggestions are shown, never recorded; an assessor records a score in a profile */
  applied: false;
  inputs: {
    control: ControlView;
    products: { productId: string; certifications: string[]; endOfSupport?: string }[];
    boms: { productId: string; bomId: string; components: number }[];
    supplyFacts: CurrentSupplyFacts;
  };
}

/**
 * Suggested criterion scores for a supplier as `memberState` would assess it on `asOf`: from control
 * (holdings dated up to asOf), the supplier's products, the latest BOM of each, and the supply facts
 * that member state recorded. Nothing is written.
 */
export async function suggestProfileScores(store: Store, supplierId: string, memberState: string, asOf: string): Promise<ProfileSuggestions> {
  if (!(await getSupplier(store, supplierId))) throw new UserError(`no supplier ${supplierId} is recorded`);
  const control = await controlOf(store, supplierId, asOf);
  const products = await listProducts(store, { supplierId });
  const origins = await supplierProductOrigins(store, supplierId);
  const supply = await latestSupplyFacts(store, supplierId, memberState);
  const hasFacts = Object.keys(supply.facts).length > 0;
  const result = suggestScores({
    ...(control.result ? { control: control.result } : {}),
    origins,
    products,
    ...(hasFacts ? { supply: supply.facts } : {}),
    asOf,
  });
  if (!control.result) {
    const reason = `control cannot be computed: ${control.view.available ? '' : control.view.reason}`;
    for (const criterion of ['C1.1', 'C1.2', 'C1.3']) result.notSuggested.push({ criterion, source: 'control', reason });
  }
  const noFact = (criterion: string, what: string) =>
    result.notSuggested.push({ criterion, source: 'supply', reason: `${memberState} has recorded no ${what} for ${supplierId} (see: secure5g profile facts record)` });
  if (supply.facts.financialStability === undefined) noFact('C2.2', 'financial-stability note');
  if (supply.facts.exportControlExposure === undefined) noFact('C2.3', 'export-control exposure');
  if (!result.suggestions.some((x) => x.criterion === 'C2.1') && !result.notSuggested.some((x) => x.criterion === 'C2.1'))
    noFact('C2.1', 'count of single-source critical components, and none of its products has a BOM,');
  if (products.length === 0) result.notSuggested.push({ criterion: 'C3.2', source: 'products', reason: `no products of ${supplierId} are recorded` });
  result.notSuggested.sort((a, b) => (a.criterion < b.criterion ? -1 : a.criterion > b.criterion ? 1 : 0));
  return {
    supplierId,
    memberState,
    asOf,
    applied: false,
    ...result,
    inputs: {
      control: control.view,
      products: products.map((p) => ({ productId: p.product_id, certifications: p.certifications, ...(p.end_of_support ? { endOfSupport: p.end_of_support } : {}) })),
      boms: origins.map((o) => ({ productId: o.productId, bomId: o.bom.bomId, components: o.components })),
      supplyFacts: supply,
    },
  };
}

export interface ProfileView {
  profile: ProfileAssessment;
  recorded: { level: ProfileLevel; ruleId: string; recordedAt: string; recordedBy: string };
  /** the recorded level explained under the rule it was recorded with */
  level: LevelResult;
  /** the level under the member state's rule in force now; `changed` when it differs from the recorded one */
  current: { policyVersion: string; ruleId: string; level: ProfileLevel; changed: boolean };
  versions: number[];
  /** control of the supplier as of the assessment date */
  control: ControlView;
}

async function requireProfile(store: Store, id: string, version?: number): Promise<StoredProfile> {
  const p = await getProfile(store, id, version);
  if (!p) throw new UserError(version === undefined ? `no profile ${id} (see: secure5g profile list)` : `profile ${id} has no version ${version} (see: secure5g profile history ${id})`);
  return p;
}

export async function showProfile(store: Store, id: string, version?: number): Promise<ProfileView> {
  const stored = await requireProfile(store, id, version);
  const p = stored.profile;
  const policy = effectivePolicyOf(store, p.member_state);
  const now = profileLevel(p, policy.profileRule).level;
  return {
    profile: p,
    recorded: { level: stored.level, ruleId: stored.ruleId, recordedAt: stored.recordedAt, recordedBy: stored.recordedBy },
    level: profileLevel(p, stored.rule),
    current: { policyVersion: policy.version, ruleId: policy.profileRule.rule_id, level: now, changed: now !== stored.level },
    versions: (await profileHistory(store, id)).map((v) => v.profile.version),
    control: (await controlOf(store, p.supplier_id, p.assessed_on)).view,
  };
}

export interface ProfileVersionsDiff extends ProfileDiff {
  /** the levels as recorded with each version */
  recorded: { from: ProfileLevel; to: ProfileLevel };
  /** the rule `level` (from diffProfiles) was computed with: the member state's rule in force now */
  ruleId: string;
}

export async function diffProfileVersions(store: Store, id: string, from: number, to: number): Promise<ProfileVersionsDiff> {
  const a = await requireProfile(store, id, from);
  const b = await requireProfile(store, id, to);
  const rule = effectivePolicyOf(store, b.profile.member_state).profileRule;
  return { ...diffProfiles(a.profile, b.profile, rule), recorded: { from: a.level, to: b.level }, ruleId: rule.rule_id };
}
