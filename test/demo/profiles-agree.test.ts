import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRITERIA } from '../../src/catalog/criteria.js';
import { generateDemo, generateDemoOwnership } from '../../src/demo/index.js';
import { isEuEea } from '../../src/domain/member-states.js';
import { seedDemoData } from '../../src/services/demo-seed.js';
import { supplierControl } from '../../src/services/ownership.js';
import { suggestProfileScores } from '../../src/services/profiles.js';
import { getProfile } from '../../src/store/profiles.js';
import { tempStore } from '../interchange/helpers.js';

/*
 * The demo's supplier profiles follow from its own facts: for every demo supplier, `supplier control`
 * finds the founders of its headquarters country in control (second path: the generator's holdings,
 * read directly), `profile suggest` gives every score it can suggest equal to the stored one, and a
 * supplier some member state designated high-risk or restricted has a third-country state stake of
 * 25–35 %, so C1.1 is 3 in each of its profiles.
 */
type T = Awaited<ReturnType<typeof tempStore>>;
let t: T;
const data = generateDemo({ scale: 'small', seed: 1 });

beforeAll(async () => {
  t = await tempStore();
  await seedDemoData(t.store, data);
}, 120_000);
afterAll(async () => t.cleanup());

describe('demo profiles agree with the demo facts', () => {
  it('every supplier has a profile, and control sits with its founders in its headquarters country', async () => {
    const own = generateDemoOwnership(data);
    const profiled = new Set(t.store.sqlite.prepare('SELECT supplier_id FROM profiles').pluck().all() as string[]);
    for (const s of data.suppliers) {
      expect(profiled.has(s.supplier_id), s.supplier_id).toBe(true);
      const c = await supplierControl(t.store, s.supplier_id, '2026-03-31');
      const founders = own.entities.find((e) => e.entity_id === `ENT-${s.supplier_id.slice(4)}-FOUNDERS`)!;
      expect(c.ultimateControllers.map((u) => [u.entityId, u.country])).toEqual([[founders.entity_id, s.hq_country]]);
      expect(c.controlOutsideEu).toBe(!isEuEea(s.hq_country));
    }
  });

  it('every stored score that the software can suggest is the suggestion, confirmed', async () => {
    const rows = t.store.sqlite.prepare('SELECT profile_id, supplier_id, member_state FROM profiles').raw(true).all() as [string, string, string][];
    expect(rows.length).toBeGreaterThanOrEqual(data.suppliers.length);
    const stateHeld = new Set(data.designations.filter((d) => d.kind === 'high-risk' || d.kind === 'restricted').map((d) => d.supplier_id));
    for (const [id, supplierId, ms] of rows) {
      const stored = (await getProfile(t.store, id))!;
      const suggested = await suggestProfileScores(t.store, supplierId, ms, stored.profile.assessed_on);
      expect(suggested.suggestions.length, id).toBeGreaterThan(0);
      for (const s of suggested.suggestions) {
        const score = stored.profile.scores.find((x) => x.criterion === s.criterion)!;
        expect([id, s.criterion, score.score, score.suggested?.decision]).toEqual([id, s.criterion, s.score, 'confirmed']);
      }
      expect(stored.profile.scores.map((x) => x.criterion)).toEqual(CRITERIA.map((c) => c.id));
      // the state stake: 25–35 % ≥ 25 % → C1.1 3 (docs/ownership-and-profiles.md); no stake → 0
      expect(stored.profile.scores.find((x) => x.criterion === 'C1.1')!.score, id).toBe(stateHeld.has(supplierId) ? 3 : 0);
    }
  });
});

describe('the demo shows history', () => {
  it('saves its scenarios, decommissions swapped-out units between two stored assessments five months apart', async () => {
    const sql = (q: string, ...p: unknown[]) => t.store.sqlite.prepare(q).raw(true).all(...p) as unknown[][];
    expect(sql('SELECT name FROM scenarios ORDER BY name').map((r) => r[0])).toEqual(['demo-nl-designated-phase-out', 'demo-ran-cap-35']);
    expect(sql('SELECT date FROM assessments ORDER BY date').map((r) => r[0])).toEqual(['2026-06-30', '2026-11-28']);
    // second path: the generator's rows. Every fifth RAN row (by id) of the first in-force designation's
    // supplier (D-NL-1: SUP-COBALT in NL) in service by 2026-09-30 left service that day
    const first = data.designations.find((d) => d.status === 'in-force')!;
    const nl = new Set(data.operators.filter((o) => o.member_state === first.member_state).map((o) => o.operator_id));
    const candidates = [...data.assets()]
      .filter((a) => nl.has(a.operator_id) && a.supplier_id === first.supplier_id && a.segment === 'ran' && (a.in_service === '' || a.in_service <= '2026-09-30'))
      .map((a) => a.asset_id)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const expected = candidates.filter((_id, i) => i % 5 === 0);
    expect(sql("SELECT asset_id FROM decommissioned_assets WHERE decommissioned_on = '2026-09-30' ORDER BY asset_id").map((r) => r[0])).toEqual(expected);
    // the two runs differ: the earlier still counts those units, the later does not
    const runs = sql('SELECT assessment_id, date FROM assessments ORDER BY date') as [string, string][];
    const findings = (id: string) => sql('SELECT count(*) FROM assessment_findings WHERE assessment_id = ?', id)[0]![0];
    const inputs = runs.map(([id]) => sql('SELECT inputs_hash FROM assessments WHERE assessment_id = ?', id)[0]![0]);
    expect(inputs[0]).not.toBe(inputs[1]);
    expect([findings(runs[0]![0]), findings(runs[1]![0])].every((n) => Number(n) > 0)).toBe(true);
    // the implementation statuses: some agree with the findings, some contradict them (declared in place beside findings of the measure)
    const latest = runs[1]![0];
    const contradictions = Number(sql('SELECT count(*) FROM assessment_contradictions WHERE assessment_id = ?', latest)[0]![0]);
    expect(contradictions).toBeGreaterThan(0);
    const inPlace = Number(sql("SELECT count(*) FROM implementations WHERE status = 'in-place'")[0]![0]);
    expect(contradictions).toBeLessThan(inPlace);
  });
});
