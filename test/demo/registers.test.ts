import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, generateDemoRegisters } from '../../src/demo/index.js';
import { seedDemoData } from '../../src/services/demo-seed.js';
import { tempStore } from '../interchange/helpers.js';

type T = Awaited<ReturnType<typeof tempStore>>;
let t: T;
const data = generateDemo({ scale: 'small', seed: 1 });

beforeAll(async () => {
  t = await tempStore();
  await seedDemoData(t.store, data);
});
afterAll(async () => t.cleanup());

describe('demo registers', () => {
  it('are the same for the same seed', () => {
    expect(generateDemoRegisters(generateDemo({ scale: 'small', seed: 1 }))).toEqual(generateDemoRegisters(data));
  });

  it('seed every measure at every scope the design names', () => {
    const states = new Set(data.operators.map((o) => o.member_state)).size;
    // 10 supporting actions at Union scope + 29 measures per member state + 11 technical measures per operator
    const expected = 10 + 29 * states + 11 * data.operators.length;
    const n = (sql: string) => t.store.sqlite.prepare(sql).pluck().get();
    expect(n('SELECT COUNT(*) FROM implementations')).toBe(expected);
    expect(n("SELECT COUNT(*) FROM implementations WHERE scope_level = 'operator' AND measure NOT LIKE 'TM%'")).toBe(0);
    // operator rows carry their operator's own member state
    expect(n('SELECT COUNT(*) FROM implementations i JOIN operators o ON o.operator_id = i.operator_id WHERE o.member_state <> i.member_state')).toBe(0);
  });

  it('profile each designated supplier for the member state that designated it', () => {
    const rows = t.store.sqlite.prepare('SELECT member_state, supplier_id, level FROM profiles').all() as { member_state: string; supplier_id: string; level: string }[];
    for (const d of data.designations) expect(rows.some((r) => r.member_state === d.member_state && r.supplier_id === d.supplier_id)).toBe(true);
    const pairs = new Set(data.designations.map((d) => `${d.member_state}:${d.supplier_id}`));
    const states = new Set(data.operators.map((o) => o.member_state));
    // the designating member states', one more per member state, and one for each supplier still without
    const profiled = new Set(rows.map((r) => r.supplier_id));
    expect(profiled.size).toBe(data.suppliers.length);
    expect(rows.length).toBeGreaterThanOrEqual(pairs.size + states.size);
    expect(rows.length).toBeLessThanOrEqual(pairs.size + states.size + data.suppliers.length);
    // a designated supplier has a third-country state stake of 25–35 % (C1.1 3): at least medium under the baseline rule
    for (const r of rows) if (pairs.has(`${r.member_state}:${r.supplier_id}`)) expect(['medium', 'high']).toContain(r.level);
  });

  it('record screening cases on known suppliers', () => {
    const cases = t.store.sqlite.prepare('SELECT target_id FROM screening_cases').pluck().all() as string[];
    expect(cases.length).toBe(2);
    const suppliers = new Set(data.suppliers.map((s) => s.supplier_id));
    for (const c of cases) expect(suppliers.has(c)).toBe(true);
  });
});
