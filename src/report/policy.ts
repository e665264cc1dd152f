import type { EffectivePolicy } from '../catalog/index.js';
import type { Policy, SupplierCap } from '../domain/index.js';
import { describeCap, type PolicyDiff } from '../engine/policy-diff.js';
import type { StoredPolicyVersion } from '../store/policies.js';
import { renderTable, type Column } from './table.js';

/** One line of an effective policy: the field, its value, and whether the national policy or the baseline set it. */
export interface PolicyRow {
  field: string;
  value: string;
  source: 'national' | 'baseline';
}

const text = (v: unknown): string =>
  v === undefined || v === null ? '—' : Array.isArray(v) ? v.map(text).join(', ') || '(none)' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** The effective policy as rows, each with its source (the national document `national`, else the baseline). */
export function policyRows(effective: EffectivePolicy, national?: Policy): PolicyRow[] {
  const src = (stated: boolean): PolicyRow['source'] => (stated ? 'national' : 'baseline');
  const rows: PolicyRow[] = [
    { field: 'operatorTopSupplierShare (SM05)', value: text(effective.operatorTopSupplierShare), source: src(national?.thresholds?.operator_top_supplier_share !== undefined) },
    { field: 'nationalHhi (SM06)', value: text(effective.nationalHhi), source: src(national?.thresholds?.national_hhi !== undefined) },
  ];
  const nationalOverrides = national?.criticality_overrides?.length ?? 0;
  effective.criticalityOverrides.forEach((o, i) => {
    const target = [o.segment, o.function].filter(Boolean).join(' / ');
    rows.push({ field: `criticalityOverrides[${i}]`, value: `${target} → ${o.criticality}`, source: src(i >= effective.criticalityOverrides.length - nationalOverrides) });
  });
  if (effective.criticalityOverrides.length === 0) rows.push({ field: 'criticalityOverrides', value: '(none)', source: 'baseline' });
  for (const [seg, labels] of Object.entries(effective.requiredCertifications))
    rows.push({ field: `requiredCertifications.${seg} (TM09)`, value: text(labels), source: src(national?.required_certifications?.[seg as keyof Policy['required_certifications']] !== undefined) });
  rows.push({ field: 'defaultTransitionMonths', value: text(effective.defaultTransitionMonths), source: src(national?.default_transition_months !== undefined) });
  for (const [kind, scope] of Object.entries(effective.restrictionScopes))
    rows.push({ field: `restrictionScopes.${kind}`, value: text(scope), source: src(national?.restriction_scopes?.[kind as keyof NonNullable<Policy['restriction_scopes']>] !== undefined) });
  for (const c of effective.caps) rows.push({ field: `caps.${c.cap_id} (SM03-CAP)`, value: describeCap(c), source: 'national' });
  if (effective.caps.length === 0) rows.push({ field: 'caps', value: '(none)', source: src(national?.caps !== undefined) });
  rows.push({ field: 'profileRule', value: `${effective.profileRule.rule_id}: ${effective.profileRule.description}`, source: src(national?.profile_rule !== undefined) });
  return rows;
}

const fieldColumn: Column<PolicyRow> = { header: 'field', value: (r) => r.field };
const valueColumn: Column<PolicyRow> = { header: 'value', value: (r) => r.value };
// the source before the value: values (a rule's description) can be long
const rowColumns: Column<PolicyRow>[] = [fieldColumn, { header: 'source', value: (r) => (r.source === 'baseline' ? 'secure5g default' : r.source) }, valueColumn];
const ownColumns = [fieldColumn, valueColumn];

/** The effective policy of a member state; with the national document, each row says where it comes from. */
export function effectivePolicyText(effective: EffectivePolicy, national?: Policy): string {
  const head = national
    ? `${effective.memberState}: effective policy, national version ${effective.version} over the secure5g default (not an EU rule)\n`
    : `${effective.memberState}: no national policy, the secure5g default (not an EU rule) applies\n`;
  return head + renderTable(policyRows(effective, national), national ? rowColumns : ownColumns);
}

export function baselineText(baseline: EffectivePolicy): string {
  return "secure5g default (not an EU rule): the project's reasoned defaults where a member state states nothing (src/catalog/baseline-policy.ts; docs/methodology.md gives the reasoning)\n" + renderTable(policyRows(baseline), ownColumns);
}

/** The fields one stored version states; the others follow the baseline. */
export function storedPolicyText(v: StoredPolicyVersion, effective: EffectivePolicy): string {
  const rows = policyRows(effective, v.policy).filter((r) => r.source === 'national');
  return (
    `${v.memberState} version ${v.version}, stored ${v.importedAt}${v.inForce ? ', in force' : ''}\n` +
    (rows.length ? renderTable(rows, ownColumns) : 'states nothing: every field follows the secure5g default (not an EU rule)\n') +
    'other fields follow the secure5g default, not an EU rule (see --effective)\n'
  );
}

export function policyListText(versions: readonly StoredPolicyVersion[]): string {
  if (versions.length === 0) return 'no national policy stored: every member state uses the secure5g default (not an EU rule)\n';
  return renderTable(versions, [
    { header: 'member state', value: (v) => v.memberState },
    { header: 'version', value: (v) => v.version },
    { header: 'stored', value: (v) => v.importedAt },
    { header: 'in force', value: (v) => (v.inForce ? 'yes' : '') },
    { header: 'states', value: (v) => Object.keys(v.policy).filter((k) => k !== 'member_state' && k !== 'version' && !isEmpty(v.policy[k as keyof Policy])).join(', ') },
  ]);
}

const isEmpty = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** A cap on one line: `ran/operator high-risk+restricted ≤ 35 % from 2027-01-01`. */
const capShort = (c: SupplierCap) =>
  `${c.segment}/${c.scope} ${c.designation_kinds.join('+')} ≤ ${Math.round(c.max_share * 1000) / 10} %${c.from ? ` from ${c.from}` : ''}`;
const changeValue = (field: string, v: unknown) => (field.startsWith('caps.') && v !== null ? capShort(v as SupplierCap) : text(v));

export function policyDiffText(d: PolicyDiff): string {
  const head = `${d.memberState}: ${d.from} → ${d.to}, ${d.changes.length} change(s) in the effective policy\n`;
  if (d.changes.length === 0) return `${head}the two versions apply the same rules\n`;
  return (
    head +
    renderTable(d.changes, [
      { header: 'field', value: (c) => c.field },
      { header: 'before', value: (c) => changeValue(c.field, c.before) },
      { header: 'after', value: (c) => changeValue(c.field, c.after) },
      { header: 'what it changes', value: (c) => c.explanation },
    ])
  );
}
