import type { Policy, SegmentId } from '../domain/index.js';
import { BASELINE_POLICY, type EffectivePolicy } from './baseline-policy.js';

/**
 * The policy in force for a member state: the EU baseline, with every field the national policy states
 * taking its place. Thresholds and the default transition replace the baseline's value one by one;
 * a national certification entry for a segment replaces the baseline's list for that segment (an empty
 * list lifts the requirement) and leaves other segments as the baseline has them; national criticality
 * overrides follow the baseline's, so that where both name the same thing the national one comes last.
 */
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
    };
  }
  const t = national.thresholds ?? {};
  return {
    memberState,
    version: national.version,
    operatorTopSupplierShare: t.operator_top_supplier_share ?? base.operatorTopSupplierShare,
    nationalHhi: t.national_hhi ?? base.nationalHhi,
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
  };
}
