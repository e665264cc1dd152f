import { isEuEea } from '../domain/index.js';
import type { Rng } from './random.js';
import type { DesignationRow, SupplierRow } from './rows.js';

/**
 * Fictional decisions on fictional suppliers. Dates are fixed so that on the reference date 2026-11-28
 * some designations are past their phase-out deadline, some inside their transition, one in force but
 * not yet effective, one proposed and one revoked. Member state and supplier are drawn per seed.
 */
interface Template {
  kind: DesignationRow['kind'];
  status: DesignationRow['status'];
  segments: string;
  effective: string;
  months: number;
}

const t = (kind: Template['kind'], status: Template['status'], segments: string, effective: string, months: number): Template => ({
  kind,
  status,
  segments,
  effective,
  months,
});

/** deadline = effective + months; state on 2026-11-28 in the comment */
const SMALL: Template[] = [
  t('high-risk', 'in-force', 'core;management', '2024-03-01', 12), // deadline 2025-03-01: past
  t('restricted', 'in-force', 'ran', '2025-09-01', 24), // deadline 2027-09-01: in transition
  t('conditional', 'proposed', 'key-assets', '2027-01-01', 18),
  t('high-risk', 'revoked', 'ran', '2024-06-01', 36),
];

const EU: Template[] = [
  t('high-risk', 'in-force', 'core;management', '2024-01-15', 12), // 2025-01-15: past
  t('high-risk', 'in-force', 'key-assets', '2024-06-01', 24), // 2026-06-01: past
  t('restricted', 'in-force', 'ran', '2024-09-01', 0), // immediate: past
  t('high-risk', 'in-force', 'core;management;interconnection', '2025-01-01', 18), // 2026-07-01: past
  t('restricted', 'in-force', 'ran;transport', '2025-03-01', 36), // 2028-03-01: in transition
  t('high-risk', 'in-force', 'key-assets', '2025-06-15', 36), // 2028-06-15: in transition
  t('conditional', 'in-force', 'management', '2025-10-01', 12), // 2026-10-01: past
  t('restricted', 'in-force', 'core', '2026-01-01', 24), // 2028-01-01: in transition
  t('high-risk', 'in-force', 'ran', '2026-02-01', 36), // 2029-02-01: in transition
  t('conditional', 'in-force', 'lawful-interception', '2026-04-01', 6), // 2026-10-01: past
  t('restricted', 'in-force', 'interconnection', '2026-06-01', 12), // 2027-06-01: in transition
  t('high-risk', 'in-force', 'core;management', '2026-09-01', 30), // 2029-03-01: in transition
  t('restricted', 'in-force', 'key-assets', '2027-03-01', 36), // not yet effective
  t('conditional', 'proposed', 'ran', '2027-01-01', 24),
  t('high-risk', 'revoked', 'core', '2024-04-01', 36),
];

/** For each member state: supplier id → the segments it serves there, plus 'key' if it holds key assets. */
export type UsesByState = Map<string, Map<string, Set<string>>>;

export function buildDesignations(count: number, states: readonly string[], uses: UsesByState, suppliers: readonly SupplierRow[], rng: Rng): DesignationRow[] {
  const templates = count === SMALL.length ? SMALL : EU.slice(0, count);
  const hq = new Map(suppliers.map((s) => [s.supplier_id, s.hq_country]));
  const usedHq = new Set<string>();
  const taken = new Set<string>();
  const perState = new Map<string, number>();
  const rows: DesignationRow[] = [];

  templates.forEach((tpl, i) => {
    const scope = tpl.segments.split(';').map((x) => (x === 'key-assets' ? 'key' : x));
    // Spread over headquarters: the first designation goes to an EU-based supplier, the second to a
    // non-EU one, later ones prefer countries not yet designated. No country is singled out.
    const prefer = (id: string) => {
      const country = hq.get(id)!;
      if (i === 0) return isEuEea(country);
      if (i === 1) return !isEuEea(country);
      return !usedHq.has(country);
    };
    for (let k = 0; k < states.length; k++) {
      const ms = states[(i + k) % states.length];
      const candidates = [...(uses.get(ms) ?? new Map<string, Set<string>>())]
        .filter(([id, segs]) => !taken.has(`${ms}|${id}`) && scope.some((x) => segs.has(x)))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      if (candidates.length === 0) continue;
      // A supplier serving the scope's first segment fits the decision best (a core vendor for 'core;management').
      const primary = candidates.filter(([, segs]) => segs.has(scope[0])).map(([id]) => id);
      const fitting = primary.length > 0 ? primary : candidates.map(([id]) => id);
      const preferred = fitting.filter(prefer);
      const supplier = rng.pick(preferred.length > 0 ? preferred : fitting);
      taken.add(`${ms}|${supplier}`);
      usedHq.add(hq.get(supplier)!);
      const n = (perState.get(ms) ?? 0) + 1;
      perState.set(ms, n);
      rows.push({
        designation_id: `D-${ms}-${n}`,
        member_state: ms,
        supplier_id: supplier,
        kind: tpl.kind,
        segments: tpl.segments,
        legal_basis: `Fictional national 5G security act (${ms}), art. ${rng.int(3, 40)}`,
        effective_date: tpl.effective,
        transition_months: tpl.months,
        status: tpl.status,
      });
      return;
    }
    throw new Error(`no demo supplier fits designation scope ${tpl.segments}`);
  });
  return rows;
}
