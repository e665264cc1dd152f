import type { Criticality, SegmentId } from '../domain/index.js';
import type { DesignationKind, DesignationScopeItemId } from '../domain/entities.js';
import type { ResultLevelRule } from '../domain/profile.js';
import type { SupplierCap } from '../domain/policy.js';
import { DEFAULT_LEVEL_RULE } from './profile-rule.js';

/**
 * The secure5g default (not an EU rule): the rule set applied where a member state has recorded no policy, and the values a
 * national policy falls back to for every field it leaves out. These are the project's reasoned defaults,
 * not figures from the Toolbox; docs/methodology.md gives the reasoning. National policies override them.
 */
export interface EffectivePolicy {
  memberState: string;
  /** `baseline` when no national policy applies, else the national policy's version. */
  version: string;
  operatorTopSupplierShare: number;
  nationalHhi: number;
  /** the thresholds the national policy states itself (absent or not listed: the secure5g default's figure) */
  nationalThresholds?: readonly ('operatorTopSupplierShare' | 'nationalHhi')[];
  criticalityOverrides: { segment?: SegmentId; function?: string; criticality: Criticality }[];
  requiredCertifications: Partial<Record<SegmentId, string[]>>;
  defaultTransitionMonths: number;
  /**
   * The scope a designation of each kind restricts when the decision does not state its own: what
   * "restricted" means in this member state. A designation's own segments win where it states them.
   */
  restrictionScopes: Record<DesignationKind, DesignationScopeItemId[]>;
  /** Upper limits on the share designated suppliers may hold (see SupplierCap). */
  caps: SupplierCap[];
  /** How a supplier profile's criterion scores become its result level. */
  profileRule: ResultLevelRule;
}

export const BASELINE_POLICY: Omit<EffectivePolicy, 'memberState'> = {
  version: 'baseline',
  // SM05: above 70 % one supplier carries most of the segment; a second supplier could not absorb its loss.
  operatorTopSupplierShare: 0.7,
  // SM06: above 5,000 a national segment is dominated by one supplier or split between two only.
  nationalHhi: 5000,
  criticalityOverrides: [],
  // TM09: NESAS evaluation (SCAS test cases) exists for core, RAN and SEPP functions (TS 33.511–33.517).
  requiredCertifications: { core: ['NESAS'], ran: ['NESAS'], interconnection: ['NESAS'] },
  // The 2026 Cybersecurity Act proposal's phase-out period for mobile networks.
  defaultTransitionMonths: 36,
  // The Toolbox's SM03 asks to exclude high-risk suppliers from critical and sensitive ("key") assets.
  restrictionScopes: { 'high-risk': ['key-assets'], restricted: ['key-assets'], conditional: ['key-assets'] },
  // No caps by default: a cap is a national choice of figure.
  caps: [],
  profileRule: DEFAULT_LEVEL_RULE,
};
