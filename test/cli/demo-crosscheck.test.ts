import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../src/catalog/index.js';
import type { AssessmentResult } from '../../src/domain/index.js';
import { cli, tempDb } from './helpers.js';

/*
 * The engine's figures over the small demo, recomputed with plain SQL over the same SQLite file.
 * Criticality is rebuilt here from the catalogue defaults and the stored national policies with a
 * deliberately naive loop, not with the engine's lookup table.
 */
const DATE = '2026-11-28';
let t: ReturnType<typeof tempDb>;
let result: AssessmentResult;
let sql: Database.Database;

beforeAll(async () => {
  t = tempDb();
  const seeded = await cli('demo', '--scale', 'small', '--seed', '7', '--db', t.db);
  // demo is one of the commands that create a database, and it says so (nothing else on stderr)
  expect(seeded.stderr).toBe(`created database ${t.db}\n`);
  expect(seeded.code).toBe(0);
  const r = await cli('assess', '--db', t.db, '--date', DATE, '--format', 'json');
  expect(r.code).toBe(0);
  result = JSON.parse(r.stdout) as AssessmentResult;
  sql = new Database(t.db, { readonly: true });
  buildCriticalityTable(sql);
});
afterAll(() => {
  sql?.close();
  t?.cleanup();
});

function buildCriticalityTable(db: Database.Database) {
  const latest = db
    .prepare(
      `SELECT member_state, document FROM policies p
       WHERE imported_at = (SELECT MAX(imported_at) FROM policies q WHERE q.member_state = p.member_state)`,
    )
    .all() as { member_state: string; document: string }[];
  const overrides = new Map(latest.map((p) => [p.member_state, JSON.parse(p.document).criticality_overrides ?? []]));
  db.exec(`CREATE TEMP TABLE crit (member_state TEXT, function TEXT, criticality TEXT)`);
  const insert = db.prepare(`INSERT INTO crit VALUES (?, ?, ?)`);
  const states = (db.prepare(`SELECT DISTINCT member_state FROM operators`).all() as { member_state: string }[]).map((r) => r.member_state);
  for (const ms of states) {
    for (const fn of FUNCTIONS) {
      let level: string = fn.criticality;
      const list: { segment?: string; function?: string; criticality: string }[] = overrides.get(ms) ?? [];
      for (const o of list) if (o.function === undefined && o.segment === fn.segment) level = o.criticality;
      for (const o of list) if (o.function === fn.id) level = o.criticality;
      insert.run(ms, fn.id, level);
    }
  }
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(b));

describe('demo metrics cross-checked against SQL', () => {
  it('has the demo minimums', () => {
    const count = (q: string) => (sql.prepare(q).get() as { n: number }).n;
    expect(count(`SELECT COUNT(DISTINCT member_state) n FROM operators`)).toBeGreaterThanOrEqual(3);
    expect(count(`SELECT COUNT(*) n FROM operators`)).toBeGreaterThanOrEqual(8);
    expect(count(`SELECT COUNT(*) n FROM suppliers`)).toBeGreaterThanOrEqual(12);
    expect(count(`SELECT COUNT(*) n FROM assets`)).toBeGreaterThanOrEqual(50_000);
  });

  it('operator × segment concentration equals SQL', () => {
    const rows = sql
      .prepare(
        `WITH s AS (SELECT operator_id, segment, supplier_id, SUM(quantity) q FROM assets GROUP BY 1, 2, 3),
              t AS (SELECT operator_id, segment, SUM(q) total, MAX(q) top, SUM(q > 0) n FROM s GROUP BY 1, 2)
         SELECT t.operator_id, t.segment, SUM((100.0 * s.q / t.total) * (100.0 * s.q / t.total)) hhi, t.top / t.total share, t.n n
         FROM s JOIN t USING (operator_id, segment) WHERE t.total > 0 GROUP BY t.operator_id, t.segment`,
      )
      .all() as { operator_id: string; segment: string; hhi: number; share: number; n: number }[];
    const engine = result.metrics.concentration.filter((r) => r.scope === 'operator');
    expect(engine.length).toBe(rows.length);
    for (const row of rows) {
      const e = engine.find((r) => r.operatorId === row.operator_id && r.segment === row.segment);
      expect(e, `${row.operator_id}/${row.segment}`).toBeDefined();
      expect(near(e!.hhi, row.hhi), `${row.operator_id}/${row.segment} hhi ${e!.hhi} vs ${row.hhi}`).toBe(true);
      expect(near(e!.topSupplierShare, row.share)).toBe(true);
      expect(e!.suppliers).toBe(row.n);
    }
  });

  it('member-state and Union concentration equal SQL', () => {
    const national = sql
      .prepare(
        `WITH s AS (SELECT o.member_state ms, a.segment, a.supplier_id, SUM(a.quantity) q
                    FROM assets a JOIN operators o USING (operator_id) GROUP BY 1, 2, 3),
              t AS (SELECT ms, segment, SUM(q) total FROM s GROUP BY 1, 2)
         SELECT ms, segment, SUM((100.0 * q / total) * (100.0 * q / total)) hhi FROM s JOIN t USING (ms, segment)
         WHERE total > 0 GROUP BY ms, segment`,
      )
      .all() as { ms: string; segment: string; hhi: number }[];
    const engine = result.metrics.concentration.filter((r) => r.scope === 'member-state');
    expect(engine.length).toBe(national.length);
    for (const row of national) {
      const e = engine.find((r) => r.memberState === row.ms && r.segment === row.segment);
      expect(near(e!.hhi, row.hhi), `${row.ms}/${row.segment}`).toBe(true);
    }
    const union = sql
      .prepare(
        `WITH s AS (SELECT segment, supplier_id, SUM(quantity) q FROM assets GROUP BY 1, 2),
              t AS (SELECT segment, SUM(q) total FROM s GROUP BY 1)
         SELECT segment, SUM((100.0 * q / total) * (100.0 * q / total)) hhi FROM s JOIN t USING (segment) WHERE total > 0 GROUP BY segment`,
      )
      .all() as { segment: string; hhi: number }[];
    for (const row of union) {
      const e = result.metrics.concentration.find((r) => r.scope === 'union' && r.segment === row.segment);
      expect(near(e!.hhi, row.hhi), `EU/${row.segment}`).toBe(true);
    }
  });

  it('exposure per operator equals SQL', () => {
    const rows = sql
      .prepare(
        `SELECT a.operator_id,
                SUM(CASE WHEN c.criticality = 'critical' THEN a.quantity ELSE 0 END) crit,
                SUM(CASE WHEN c.criticality = 'critical' AND d.hit THEN a.quantity ELSE 0 END) crit_d,
                SUM(CASE WHEN c.criticality = 'sensitive' THEN a.quantity ELSE 0 END) sens,
                SUM(CASE WHEN c.criticality = 'sensitive' AND d.hit THEN a.quantity ELSE 0 END) sens_d
         FROM assets a JOIN operators o USING (operator_id)
         JOIN crit c ON c.member_state = o.member_state AND c.function = a.function
         LEFT JOIN (SELECT DISTINCT member_state, supplier_id, 1 hit FROM designations
                    WHERE status = 'in-force' AND effective_date <= ?) d
           ON d.member_state = o.member_state AND d.supplier_id = a.supplier_id
         GROUP BY a.operator_id`,
      )
      .all(DATE) as { operator_id: string; crit: number; crit_d: number; sens: number; sens_d: number }[];
    let someExposure = false;
    for (const row of rows) {
      const e = result.metrics.exposure.find((r) => r.scope === 'operator' && r.operatorId === row.operator_id)!;
      expect(e.criticalQuantity).toBeCloseTo(row.crit, 6);
      expect(e.sensitiveQuantity).toBeCloseTo(row.sens, 6);
      expect(e.criticalExposure).toBeCloseTo(row.crit ? row.crit_d / row.crit : 0, 9);
      expect(e.sensitiveExposure).toBeCloseTo(row.sens ? row.sens_d / row.sens : 0, 9);
      if (row.crit_d + row.sens_d > 0) someExposure = true;
    }
    expect(someExposure, 'the demo should expose some operator to a designated supplier').toBe(true);
  });

  it('SM03 affected quantity per operator equals SQL', () => {
    const rows = sql
      .prepare(
        `SELECT a.operator_id, SUM(a.quantity) q FROM assets a
         JOIN operators o USING (operator_id)
         JOIN crit c ON c.member_state = o.member_state AND c.function = a.function
         WHERE EXISTS (
           SELECT 1 FROM designations d, json_each(d.segments) s
           WHERE d.member_state = o.member_state AND d.supplier_id = a.supplier_id
             AND d.status = 'in-force' AND d.effective_date <= ?
             AND (s.value = a.segment OR (s.value = 'key-assets' AND c.criticality IN ('critical', 'sensitive'))))
         GROUP BY a.operator_id`,
      )
      .all(DATE) as { operator_id: string; q: number }[];
    expect(rows.length).toBeGreaterThan(0);
    const engine = new Map<string, number>();
    for (const f of result.findings.filter((f) => f.rule === 'SM03'))
      engine.set(f.operatorId!, (engine.get(f.operatorId!) ?? 0) + f.affectedQuantity);
    expect(engine.size).toBe(rows.length);
    for (const row of rows) expect(engine.get(row.operator_id)).toBeCloseTo(row.q, 6);
  });
});
