import { FUNCTIONS, resolvePolicy, type EffectivePolicy } from '../catalog/index.js';
import type { Criticality, Policy, SupplierCap } from '../domain/index.js';
import { canonicalJson } from './assessment-diff.js';
import { criticalityOf } from './criticality.js';
import { num, unsignedZero } from './format.js';

/** One changed field of the effective policy, with what the change does. */
export interface PolicyChange {
  /** path in the effective policy, e.g. `operatorTopSupplierShare`, `criticality.ran.RU`, `caps.DE-RAN-35` */
  field: string;
  /** null where the field did not exist (a cap added) or no longer exists (a cap removed) */
  before: unknown;
  after: unknown;
  /** one line: what the new value changes in findings or decisions */
  explanation: string;
}

export interface PolicyDiff {
  memberState: string;
  from: string;
  to: string;
  changes: PolicyChange[];
}

/** Two versions of national policy compared on their effective values (each merged over the secure5g default). */
export function diffPolicies(a: Policy, b: Policy): PolicyDiff {
  return diffEffectivePolicies(resolvePolicy(a.member_state, a), resolvePolicy(b.member_state, b));
}

const share = (x: number) => unsignedZero(x.toFixed(2));
const percent = (x: number) => `${Math.round(x * 1000) / 10} %`;
const list = (x: readonly string[]) => (x.length ? x.join(', ') : 'nothing');
const certs = (x: readonly string[] | undefined) => [...new Set((x ?? []).map((c) => c.toUpperCase()))].sort();
const isKey = (c: Criticality) => c !== 'other';

/** The same comparison on effective policies: `baseline` on either side compares with the secure5g default. */
export function diffEffectivePolicies(a: EffectivePolicy, b: EffectivePolicy): PolicyDiff {
  const changes: PolicyChange[] = [];
  const add = (field: string, before: unknown, after: unknown, explanation: string) => changes.push({ field, before, after, explanation });

  if (a.operatorTopSupplierShare !== b.operatorTopSupplierShare) {
    const [x, y] = [a.operatorTopSupplierShare, b.operatorTopSupplierShare];
    add('operatorTopSupplierShare', x, y,
      `SM05 threshold ${share(x)} → ${share(y)}: operator segments whose top supplier holds more than ${percent(y)} are now flagged (before: more than ${percent(x)}; ${y < x ? 'stricter' : 'looser'})`);
  }
  if (a.nationalHhi !== b.nationalHhi) {
    const [x, y] = [a.nationalHhi, b.nationalHhi];
    add('nationalHhi', x, y,
      `SM06 threshold ${num(x)} → ${num(y)}: national segments with an HHI above ${num(y)} are now flagged (before: above ${num(x)}; ${y < x ? 'stricter' : 'looser'})`);
  }

  let criticalityChanged = false;
  for (const f of FUNCTIONS) {
    const x = criticalityOf(a, f.segment, f.id);
    const y = criticalityOf(b, f.segment, f.id);
    if (x === y) continue;
    criticalityChanged = true;
    const effects: string[] = [];
    if (isKey(x) !== isKey(y))
      effects.push(isKey(y) ? 'now a key asset: key-assets designations (SM03) and end of support (TM07) reach it' : 'no longer a key asset: key-assets designations (SM03) and TM07 no longer reach it');
    if ((x === 'critical') !== (y === 'critical')) effects.push(y === 'critical' ? 'TM09 now checks its certifications' : 'TM09 no longer checks its certifications');
    add(`criticality.${f.segment}.${f.id}`, x, y, `${f.id} (${f.segment}) ${x} → ${y}: ${effects.join('; ') || 'same key-asset status, SM05 grading may change'}`);
  }
  if (!criticalityChanged && canonicalJson(a.criticalityOverrides) !== canonicalJson(b.criticalityOverrides)) {
    add('criticalityOverrides', a.criticalityOverrides, b.criticalityOverrides, 'the override list changed, but no catalogue function changes criticality');
  }

  const segments = [...new Set([...Object.keys(a.requiredCertifications), ...Object.keys(b.requiredCertifications)])].sort();
  for (const seg of segments) {
    const x = certs(a.requiredCertifications[seg as keyof typeof a.requiredCertifications]);
    const y = certs(b.requiredCertifications[seg as keyof typeof b.requiredCertifications]);
    if (canonicalJson(x) === canonicalJson(y)) continue;
    const added = y.filter((c) => !x.includes(c));
    const dropped = x.filter((c) => !y.includes(c));
    const parts = [added.length ? `adds ${list(added)}` : '', dropped.length ? `drops ${list(dropped)}` : ''].filter(Boolean).join(', ');
    add(`requiredCertifications.${seg}`, x, y,
      y.length ? `TM09: critical ${seg} assets must now carry ${list(y)} (${parts})` : `TM09: critical ${seg} assets need no certification any more (before: ${list(x)})`);
  }

  if (a.defaultTransitionMonths !== b.defaultTransitionMonths) {
    add('defaultTransitionMonths', a.defaultTransitionMonths, b.defaultTransitionMonths,
      `designations recorded without their own transition now get ${b.defaultTransitionMonths} months to phase out (before: ${a.defaultTransitionMonths})`);
  }

  for (const kind of Object.keys(b.restrictionScopes) as (keyof EffectivePolicy['restrictionScopes'])[]) {
    const x = a.restrictionScopes[kind] ?? [];
    const y = b.restrictionScopes[kind];
    if (canonicalJson(x) !== canonicalJson(y))
      add(`restrictionScopes.${kind}`, x, y, `a ${kind} designation that states no scope now restricts ${list(y)} (before: ${list(x)})`);
  }

  diffCaps(a.caps, b.caps, add);
  diffProfileRule(a.profileRule, b.profileRule, add);
  return { memberState: b.memberState, from: a.version, to: b.version, changes };
}

type Add = (field: string, before: unknown, after: unknown, explanation: string) => void;

/** "suppliers designated high-risk may hold at most 35 % of each operator's ran from 2027-01-01" */
export function describeCap(c: SupplierCap): string {
  const where = c.scope === 'operator' ? `each operator's ${c.segment}` : `the member state's ${c.segment}`;
  return `suppliers designated ${c.designation_kinds.join(' or ')} may hold at most ${percent(c.max_share)} of ${where}${c.from ? ` from ${c.from}` : ''}`;
}

function diffCaps(a: SupplierCap[], b: SupplierCap[], add: Add): void {
  const before = new Map(a.map((c) => [c.cap_id, c]));
  const after = new Map(b.map((c) => [c.cap_id, c]));
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const x = before.get(id);
    const y = after.get(id);
    if (!x && y) add(`caps.${id}`, null, y, `new cap (SM03-CAP): ${describeCap(y)}`);
    else if (x && !y) add(`caps.${id}`, x, null, `cap removed; it said: ${describeCap(x)}`);
    else if (x && y && canonicalJson(x) !== canonicalJson(y)) {
      const fields = (['segment', 'scope', 'designation_kinds', 'max_share', 'from'] as const)
        .filter((k) => canonicalJson(x[k] ?? null) !== canonicalJson(y[k] ?? null))
        .map((k) => `${k} ${fmt(x[k])} → ${fmt(y[k])}`);
      add(`caps.${id}`, x, y, `cap changed (${fields.join('; ')}): ${describeCap(y)}`);
    }
  }
}

const fmt = (v: unknown) => (v === undefined || v === null ? 'none' : Array.isArray(v) ? v.join('+') : String(v));

/** Leaves of a JSON value by dotted path. */
function leaves(x: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
    for (const [k, v] of Object.entries(x)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, x);
  return out;
}

function diffProfileRule(a: EffectivePolicy['profileRule'], b: EffectivePolicy['profileRule'], add: Add): void {
  if (canonicalJson(a) === canonicalJson(b)) return;
  const x = leaves(a, '', new Map());
  const y = leaves(b, '', new Map());
  for (const path of [...new Set([...x.keys(), ...y.keys()])]) {
    const before = x.get(path);
    const after = y.get(path);
    if (canonicalJson(before ?? null) === canonicalJson(after ?? null)) continue;
    add(`profileRule.${path}`, before ?? null, after ?? null, ruleLeafText(path, before, after));
  }
}

/** What one field of a result-level rule does, in words. */
function ruleLeafText(path: string, before: unknown, after: unknown): string {
  const was = ` (before: ${fmt(before)})`;
  const [head, key, group] = path.split('.');
  if (head === 'rule_id') return `profile result levels now follow rule ${fmt(after)}${was}`;
  if (head === 'description') return 'the rule\'s description changed';
  if (head === 'unscored') return `unscored criteria are now ${after === 'worst' ? 'counted as 4' : 'left out'}${was}`;
  if (head === 'group_weights') return `group ${key} weighs ${fmt(after)} in the weighted mean${was}`;
  const level = head;
  if (after === undefined) return `the ${level} condition ${key}${group ? ` for ${group}` : ''} is dropped${was}`;
  if (key === 'max_score_at_least') return `a profile is ${level} when some criterion scores at least ${fmt(after)}${was}`;
  if (key === 'weighted_mean_at_least') return `a profile is ${level} when the group-weighted mean reaches ${fmt(after)}${was}`;
  if (key === 'group_max_at_least') return `a profile is ${level} when some criterion of group ${group} scores at least ${fmt(after)}${was}`;
  return `${path} ${fmt(before)} → ${fmt(after)}`;
}
