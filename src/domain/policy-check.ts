import { IdSpellings } from './id-spelling.js';
import { FUNCTIONS, findFunction } from '../catalog/segments.js';
import { currentRuleId, DEFAULT_LEVEL_RULE } from '../catalog/profile-rule.js';
import { Policy } from './policy.js';

/*
 * The checks a policy document gets beyond its zod shape (src/domain/policy.ts): what the schema cannot
 * see because it needs the catalogue or compares entries with each other. It lives in the domain, next
 * to the schema, because every writer of a policy (file import, API, CLI) must apply the same checks,
 * and the domain is the layer all of them share (as src/domain/profile.ts checks criterion ids against
 * the catalogue). The checks read the raw document defensively, so a shape error elsewhere in the
 * document does not hide them: one pass reports every problem.
 */

/** One problem, at a JSON path such as `caps[1].cap_id` or `thresholds.national_hhi`. */
export interface PolicyIssue {
  /** printable path: `caps[1].cap_id` */
  path: string;
  /** the same path as keys and indices, for structured error responses */
  at: (string | number)[];
  message: string;
}

export interface PolicyCheck {
  /** the parsed policy, when there is no error */
  policy?: Policy;
  /** problems that make the document unusable */
  errors: PolicyIssue[];
  /** legal but probably unintended (a cap of 1, an override repeated …): reported, not refused */
  warnings: PolicyIssue[];
}

/** `version` of the effective policy of a member state without a national one: not a national version. */
export const BASELINE_VERSION = 'baseline';

/** Labels products commonly carry; a policy naming another is warned about, since a typo fails every asset. */
export const WELL_KNOWN_CERTIFICATIONS = ['NESAS', 'SCAS', 'EUCC', 'EUCS', 'EU5G'] as const;

/** `a.b[2].c` from a zod-style path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? String(k) : `.${String(k)}`;
  return out;
}

type Raw = Record<string, unknown>;
const isRecord = (x: unknown): x is Raw => x !== null && typeof x === 'object' && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const rec = (x: unknown): Raw => (isRecord(x) ? x : {});
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x.trim() : undefined);
/** certification labels are compared upper-cased and trimmed, as the schema stores them */
const label = (x: unknown): string | undefined => str(x)?.toUpperCase();

/** Shape (zod) and meaning (catalogue, cross-entry) of one policy document. */
export function checkPolicy(doc: unknown): PolicyCheck {
  const errors: PolicyIssue[] = [];
  const warnings: PolicyIssue[] = [];
  const parsed = Policy.safeParse(doc);
  const issue = (at: PropertyKey[], message: string): PolicyIssue => ({ path: formatPath(at), at: at.map((k) => (typeof k === 'number' ? k : String(k))), message });
  if (!parsed.success) for (const i of parsed.error.issues) errors.push(issue(i.path, i.message));
  const d = rec(doc);
  const err: Report = (at, message) => errors.push(issue(at, message));
  const warn: Report = (at, message) => warnings.push(issue(at, message));

  if (str(d.version) === BASELINE_VERSION) err(['version'], `"${BASELINE_VERSION}" is reserved for the secure5g default (not an EU rule): give the national policy another version`);

  const t = rec(d.thresholds);
  if (t.operator_top_supplier_share === 1)
    warn(['thresholds', 'operator_top_supplier_share'], '1 flags only segments served by a single supplier (a share cannot exceed 1)');
  if (t.national_hhi === 10_000) warn(['thresholds', 'national_hhi'], '10000 flags nothing: an HHI cannot exceed 10,000');

  checkOverrides(arr(d.criticality_overrides), err, warn);

  for (const [segment, labels] of Object.entries(rec(d.required_certifications))) {
    const seen = new Map<string, number>();
    arr(labels).forEach((raw, j) => {
      const l = label(raw);
      const path = ['required_certifications', segment, j];
      if (!l) return;
      // `;` separates list items in the products CSV and `+` joins missing labels in TM09 ids: a label holding either could never match
      if (/[;+]/.test(l)) err(path, `"${l}" may not contain ";" or "+"`);
      else if (seen.has(l)) err(path, `lists ${l} twice (first at [${seen.get(l)}])`);
      else if (!(WELL_KNOWN_CERTIFICATIONS as readonly string[]).includes(l))
        warn(path, `"${l}" is not a well-known label (${WELL_KNOWN_CERTIFICATIONS.join(', ')}): products must carry exactly this label`);
      if (!seen.has(l)) seen.set(l, j);
    });
  }

  for (const [kind, items] of Object.entries(rec(d.restriction_scopes))) {
    const seen = new Set<string>();
    arr(items).forEach((raw, j) => {
      const item = str(raw);
      if (item === undefined) return;
      if (seen.has(item)) err(['restriction_scopes', kind, j], `lists ${item} twice`);
      seen.add(item);
    });
  }

  checkCaps(arr(d.caps), err, warn);
  checkProfileRule(d.profile_rule, err, warn);

  return { ...(errors.length === 0 && parsed.success ? { policy: parsed.data } : {}), errors, warnings };
}

type Report = (at: (string | number)[], message: string) => void;

function checkOverrides(overrides: unknown[], err: Report, warn: Report): void {
  const targets = new Map<string, number>();
  overrides.forEach((raw, i) => {
    const o = rec(raw);
    const fn = str(o.function);
    const segment = str(o.segment);
    if (fn !== undefined && fn !== '') {
      const f = findFunction(fn);
      if (!f) {
        const near = FUNCTIONS.find((x) => x.id.toLowerCase() === fn.toLowerCase());
        err(['criticality_overrides', i, 'function'], `"${fn}" is not a function of the catalogue${near ? ` (did you mean "${near.id}"?)` : ''}`);
      } else if (segment !== undefined && f.segment !== segment) {
        err(['criticality_overrides', i, 'function'], `"${f.id}" belongs to segment ${f.segment}, not ${segment}`);
      }
    }
    const key = `${segment ?? ''}\u0000${fn ?? ''}`;
    const first = targets.get(key);
    if (first !== undefined && (segment !== undefined || fn !== undefined)) {
      warn(['criticality_overrides', i], `sets the same ${fn !== undefined ? 'function' : 'segment'} as criticality_overrides[${first}]: the later entry wins`);
    } else targets.set(key, i);
  });
}

function checkCaps(caps: unknown[], err: Report, warn: Report): void {
  const ids = new Map<string, number>();
  const shapes = new Map<string, number>();
  // one id, one spelling (id-spelling.ts): `c1` beside `C1` is refused as a second spelling
  const spellings = new IdSpellings([], (i) => `caps[${i}]`);
  caps.forEach((raw, i) => {
    const c = rec(raw);
    const id = str(c.cap_id);
    if (id !== undefined && id !== '') {
      const clash = spellings.see(id, i);
      if (ids.has(id)) err(['caps', i, 'cap_id'], `"${id}" is already the id of caps[${ids.get(id)}]: cap ids must be unique`);
      else if (clash !== undefined) err(['caps', i, 'cap_id'], clash);
      else ids.set(id, i);
    }
    const kinds = arr(c.designation_kinds).map(str);
    kinds.forEach((k, j) => {
      if (k !== undefined && kinds.indexOf(k) < j) err(['caps', i, 'designation_kinds', j], `lists ${k} twice`);
    });
    if (c.max_share === 1) warn(['caps', i, 'max_share'], '1 caps nothing: designated suppliers cannot hold more than all of a segment');
    const shape = JSON.stringify([c.segment, c.scope, [...new Set(kinds)].sort(), c.from ?? null]);
    const same = shapes.get(shape);
    if (same !== undefined) warn(['caps', i], `caps the same segment, scope and kinds from the same day as caps[${same}]: the stricter of the two decides`);
    else shapes.set(shape, i);
  });
}

function checkProfileRule(raw: unknown, err: Report, warn: Report): void {
  if (!isRecord(raw)) return;
  // the default rule's former id (eu-baseline) still names it, so that policy files written before the rename keep validating
  const id = str(raw.rule_id);
  if (id !== undefined && currentRuleId(id) === DEFAULT_LEVEL_RULE.rule_id && JSON.stringify(sorted({ ...raw, rule_id: DEFAULT_LEVEL_RULE.rule_id })) !== JSON.stringify(sorted(DEFAULT_LEVEL_RULE))) {
    err(['profile_rule', 'rule_id'], `"${id}" names the secure5g default rule (not an EU rule), but this rule differs from it: give it an id of its own`);
  }
  for (const level of ['high', 'medium'] as const) {
    const c = rec(raw[level]);
    const any = c.max_score_at_least !== undefined || c.weighted_mean_at_least !== undefined || Object.keys(rec(c.group_max_at_least)).length > 0;
    if (isRecord(raw[level]) && !any) warn(['profile_rule', level], `states no condition: no profile is ever ${level}`);
  }
}

/** Key-sorted copy, so that two rules written in another key order compare equal. */
function sorted(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sorted);
  if (!isRecord(x)) return x;
  return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted(x[k])]));
}
