import type { Policy, SegmentId } from '../domain/index.js';
import type { DesignationKind, DesignationScopeItemId } from '../domain/entities.js';
import { BASELINE_POLICY, type EffectivePolicy } from './baseline-policy.js';
import { withCurrentRuleId } from './profile-rule.js';

/**
 * The policy in force for a member state: the secure5g default (not an EU rule), with every field the national policy states
 * taking its place. Thresholds and the default transition replace the baseline's value one by one;
 * a national certification entry for a segment replaces the baseline's list for that segment (an empty
 * list lifts the requirement) and leaves other segments as the baseline has them; national criticality
 * overrides follow the baseline's, so that where both name the same thing the national one comes last.
 */
const copyScopes = <T extends Partial<Record<string, string[]>>>(r: T): T =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...(v ?? [])]])) as T;

export function resolvePolicy(memberState: string, national?: Policy): EffectivePolicy {
  const base = BASELINE_POLICY;
  const copyCerts = (r: Partial<Record<SegmentId, string[]>>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...(v ?? [])]])) as Partial<Record<SegmentId, string[]>>;
  if (!national) {
    return {
      ...base,
      memberState,
      criticalityOverrides: base.criticalityOverrides.map((o) => ({ ...o })),
      requiredCertifications: copyCerts(base.requiredCertifications),
      restrictionScopes: copyScopes(base.restrictionScopes),
      caps: base.caps.map((c) => ({ ...c, designation_kinds: [...c.designation_kinds] })),
    };
  }
  const t = national.thresholds ?? {};
  return {
    memberState,
    version: national.version,
    operatorTopSupplierShare: t.operator_top_supplier_share ?? base.operatorTopSupplierShare,
    nationalHhi: t.national_hhi ?? base.nationalHhi,
    nationalThresholds: [
      ...(t.operator_top_supplier_share !== undefined ? (['operatorTopSupplierShare'] as const) : []),
      ...(t.national_hhi !== undefined ? (['nationalHhi'] as const) : []),
    ],
    criticalityOverrides: [
      ...base.criticalityOverrides.map((o) => ({ ...o })),
      ...(national.criticality_overrides ?? []).map((o) => ({
        ...(o.segment !== undefined ? { segment: o.segment } : {}),
        ...(o.function !== undefined ? { function: o.function } : {}),
        criticality: o.criticality,
      })),
    ],
    requiredCertifications: {
      ...copyCerts(base.requiredCertifications),
      ...copyCerts(national.required_certifications ?? {}),
    },
    defaultTransitionMonths: national.default_transition_months ?? base.defaultTransitionMonths,
    restrictionScopes: { ...copyScopes(base.restrictionScopes), ...copyScopes(national.restriction_scopes ?? {}) },
    // a national list of caps replaces the baseline's (which is empty): caps are national figures
    caps: (national.caps ?? base.caps).map((c) => ({ ...c, designation_kinds: [...c.designation_kinds] })),
    // a rule stored under the default rule's former id reads under its current one
    profileRule: national.profile_rule ? withCurrentRuleId(national.profile_rule) : base.profileRule,
  };
}

/**
 * The scope a designation of `kind` restricts when the decision states none: the policy's restriction
 * scope for that kind (a copy). `designation create` fills a missing scope with it; a designation that
 * states its own segments keeps them, and the engine (SM03) always applies the designation's own list.
 */
export function defaultDesignationScope(policy: EffectivePolicy, kind: DesignationKind): DesignationScopeItemId[] {
  return [...policy.restrictionScopes[kind]];
}

/** The transition a designation gets when the decision states none: the policy's default, in months. */
export function defaultTransitionMonths(policy: EffectivePolicy): number {
  return policy.defaultTransitionMonths;
}
