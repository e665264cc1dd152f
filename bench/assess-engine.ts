/**
 * Times the engine at Union scale and checks its concentration and exposure figures against the same
 * figures computed by DuckDB over the same columns.
 * Run: node --expose-gc --import tsx bench/assess-engine.ts [assets]   (default 5,000,000)
 * Results are noted in bench/ASSESS-NOTES.md.
 */
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, type DuckDBConnection } from '@duckdb/node-api';
import { FUNCTIONS } from '../src/catalog/index.js';
import type { AssessmentResult } from '../src/domain/index.js';
import { assess, summarise } from '../src/engine/assess.js';
import { concentrationRows } from '../src/engine/concentration.js';
import { createContext } from '../src/engine/context.js';
import { accumulateCubes } from '../src/engine/cubes.js';
import { exposureRows } from '../src/engine/exposure.js';
import type { Snapshot } from '../src/engine/snapshot.js';
import { syntheticSnapshot } from './assess-synthetic.js';

const DATE = '2026-06-01';
const RUNS = 5;
const CRIT_CODE = { critical: 0, sensitive: 1, other: 2 } as const;

/** Full GC when node runs with --expose-gc (the npm script below does). */
function collect() {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeRuns<T>(runs: number, f: () => T | Promise<T>): Promise<{ median: number; all: number[]; last: T }> {
  const all: number[] = [];
  let last!: T;
  for (let r = 0; r < runs; r++) {
    // Start each run from a collected heap, so a run does not pay for the previous run's garbage.
    last = undefined as T;
    collect();
    const t0 = performance.now();
    last = await f();
    all.push(performance.now() - t0);
  }
  return { median: median(all), all, last };
}

async function appendColumns(conn: DuckDBConnection, table: string, types: (typeof INTEGER | typeof DOUBLE)[], columns: ArrayLike<number>[]) {
  const appender = await conn.createAppender(table);
  const n = columns[0].length;
  const CHUNK = 2048; // DuckDB's vector size
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    const chunk = DuckDBDataChunk.create(types, to - from);
    chunk.setColumns(columns.map((c) => Array.prototype.slice.call(c, from, to) as number[]));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/** Loads the snapshot's columns and the catalogue / policy / designation facts the queries need. */
async function loadDuckDb(conn: DuckDBConnection, s: Snapshot) {
  await conn.run('CREATE TABLE assets (op INTEGER, seg INTEGER, fn INTEGER, sup INTEGER, q DOUBLE)');
  const a = s.assets;
  await appendColumns(conn, 'assets', [INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE], [a.operator, a.segment, a.function, a.supplier, a.quantity]);
  await conn.run('CREATE TABLE ops (op INTEGER, ms INTEGER)');
  await appendColumns(conn, 'ops', [INTEGER, INTEGER], [Int32Array.from(s.operators.ids, (_, i) => i), s.operators.memberState]);

  // Criticality worked out in SQL from the catalogue defaults and the policies' function overrides
  // (the synthetic policies use function overrides only), independently of the engine's table.
  await conn.run('CREATE TABLE fn_default (fn INTEGER, c INTEGER)');
  await appendColumns(conn, 'fn_default', [INTEGER, INTEGER], [
    Int32Array.from(s.functions, (_, i) => i),
    Int32Array.from(s.functions, (f) => CRIT_CODE[FUNCTIONS.find((x) => x.id === f)!.criticality]),
  ]);
  const overrides: number[][] = [[], [], []];
  s.memberStates.forEach((ms, m) => {
    for (const o of s.policies.get(ms)?.criticalityOverrides ?? []) {
      if (o.segment !== undefined || o.function === undefined) throw new Error('bench supports function-only overrides');
      overrides[0].push(m);
      overrides[1].push(s.functions.indexOf(o.function));
      overrides[2].push(CRIT_CODE[o.criticality]);
    }
  });
  await conn.run('CREATE TABLE fn_override (ms INTEGER, fn INTEGER, c INTEGER)');
  if (overrides[0].length) await appendColumns(conn, 'fn_override', [INTEGER, INTEGER, INTEGER], overrides);
  await conn.run(`CREATE TABLE crit AS
    SELECT m.ms, f.fn, coalesce(o.c, f.c) AS c
    FROM (SELECT DISTINCT ms FROM ops) m CROSS JOIN fn_default f
    LEFT JOIN fn_override o ON o.ms = m.ms AND o.fn = f.fn`);

  await conn.run('CREATE TABLE designations (ms VARCHAR, sup VARCHAR, status VARCHAR, effective DATE)');
  for (const d of s.designations) {
    await conn.run(`INSERT INTO designations VALUES ('${d.member_state}', '${d.supplier_id}', '${d.status}', DATE '${d.effective_date}')`);
  }
  await conn.run('CREATE TABLE ms_codes (ms INTEGER, code VARCHAR)');
  for (const [i, c] of s.memberStates.entries()) await conn.run(`INSERT INTO ms_codes VALUES (${i}, '${c}')`);
  await conn.run('CREATE TABLE sup_codes (sup INTEGER, code VARCHAR)');
  for (const [i, c] of s.suppliers.ids.entries()) await conn.run(`INSERT INTO sup_codes VALUES (${i}, '${c}')`);
}

const CONCENTRATION_SQL = `
WITH c AS MATERIALIZED (SELECT op, seg, sup, sum(q) AS q FROM assets GROUP BY ALL HAVING sum(q) > 0),
m AS (SELECT ops.ms, c.seg, c.sup, sum(c.q) AS q FROM c JOIN ops USING (op) GROUP BY ALL),
u AS (SELECT seg, sup, sum(q) AS q FROM m GROUP BY ALL)
SELECT 'operator' AS scope, op AS k, seg, sum(q) AS total, 10000 * sum(q * q) / (sum(q) * sum(q)) AS hhi, max(q) / sum(q) AS share, count(*)::INTEGER AS n FROM c GROUP BY op, seg
UNION ALL
SELECT 'member-state', ms, seg, sum(q), 10000 * sum(q * q) / (sum(q) * sum(q)), max(q) / sum(q), count(*)::INTEGER FROM m GROUP BY ms, seg
UNION ALL
SELECT 'union', 0, seg, sum(q), 10000 * sum(q * q) / (sum(q) * sum(q)), max(q) / sum(q), count(*)::INTEGER FROM u GROUP BY seg`;

const exposureSql = (date: string) => `
WITH d AS (SELECT DISTINCT mc.ms, sc.sup FROM designations x
           JOIN ms_codes mc ON mc.code = x.ms JOIN sup_codes sc ON sc.code = x.sup
           WHERE x.status = 'in-force' AND x.effective <= DATE '${date}'),
x AS MATERIALIZED (
  SELECT a.op,
    sum(CASE WHEN k.c = 0 THEN a.q ELSE 0 END) AS cq,
    sum(CASE WHEN k.c = 0 AND d.sup IS NOT NULL THEN a.q ELSE 0 END) AS dcq,
    sum(CASE WHEN k.c = 1 THEN a.q ELSE 0 END) AS sq,
    sum(CASE WHEN k.c = 1 AND d.sup IS NOT NULL THEN a.q ELSE 0 END) AS dsq
  FROM assets a JOIN ops o ON o.op = a.op
  JOIN crit k ON k.ms = o.ms AND k.fn = a.fn
  LEFT JOIN d ON d.ms = o.ms AND d.sup = a.sup
  GROUP BY a.op)
SELECT 'operator' AS scope, op AS k, cq, dcq, sq, dsq FROM x
UNION ALL SELECT 'member-state', o.ms, sum(cq), sum(dcq), sum(sq), sum(dsq) FROM x JOIN ops o USING (op) GROUP BY o.ms
UNION ALL SELECT 'union', 0, sum(cq), sum(dcq), sum(sq), sum(dsq) FROM x`;

type Row = Record<string, unknown>;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Every DuckDB row must match an engine row and vice versa; returns the mismatches. */
function compare(s: Snapshot, result: AssessmentResult, conc: Row[], expo: Row[]): string[] {
  const bad: string[] = [];
  const key = (scope: string, k: number, seg?: number) => `${scope}|${k}|${seg ?? ''}`;
  const opIdx = new Map(s.operators.ids.map((id, i) => [id, i]));
  const msIdx = new Map(s.memberStates.map((c, i) => [c, i]));
  const scopeKey = (r: { scope: string; operatorId?: string; memberState?: string }) =>
    r.scope === 'operator' ? opIdx.get(r.operatorId!)! : r.scope === 'member-state' ? msIdx.get(r.memberState!)! : 0;

  const engineConc = new Map(result.metrics.concentration.map((r) => [key(r.scope, scopeKey(r), s.segments.indexOf(r.segment as never)), r]));
  if (engineConc.size !== conc.length) bad.push(`concentration rows: engine ${engineConc.size}, DuckDB ${conc.length}`);
  for (const d of conc) {
    const r = engineConc.get(key(String(d.scope), Number(d.k), Number(d.seg)));
    if (!r) {
      bad.push(`concentration ${d.scope} ${d.k} ${d.seg}: missing in engine`);
      continue;
    }
    if (!close(r.hhi, Number(d.hhi)) || !close(r.topSupplierShare, Number(d.share)) || r.suppliers !== Number(d.n) || !close(r.quantity, Number(d.total))) {
      bad.push(`concentration ${d.scope} ${d.k} ${d.seg}: engine ${r.hhi}/${r.topSupplierShare}/${r.suppliers}/${r.quantity}, DuckDB ${d.hhi}/${d.share}/${d.n}/${d.total}`);
    }
  }
  const engineExpo = new Map(result.metrics.exposure.map((r) => [key(r.scope, scopeKey(r)), r]));
  if (engineExpo.size !== expo.length) bad.push(`exposure rows: engine ${engineExpo.size}, DuckDB ${expo.length}`);
  for (const d of expo) {
    const r = engineExpo.get(key(String(d.scope), Number(d.k)));
    if (!r) {
      bad.push(`exposure ${d.scope} ${d.k}: missing in engine`);
      continue;
    }
    const pairs: [number, unknown][] = [
      [r.criticalQuantity, d.cq],
      [r.designatedCriticalQuantity, d.dcq],
      [r.sensitiveQuantity, d.sq],
      [r.designatedSensitiveQuantity, d.dsq],
    ];
    if (pairs.some(([x, y]) => !close(x, Number(y)))) bad.push(`exposure ${d.scope} ${d.k}: engine ${pairs.map((p) => p[0])}, DuckDB ${pairs.map((p) => p[1])}`);
  }
  return bad;
}

async function main() {
  const n = Number(process.argv[2] ?? 5_000_000);
  let t0 = performance.now();
  const snapshot = syntheticSnapshot({ assets: n, operators: 100, suppliers: 40 });
  console.log(`synthetic snapshot: ${n.toLocaleString('en')} assets, 100 operators, ${snapshot.memberStates.length} member states, 8 segments, 40 suppliers — built in ${(performance.now() - t0).toFixed(0)} ms`);

  assess(snapshot, { date: DATE }); // warm-up (JIT)
  const full = await timeRuns(RUNS, () => assess(snapshot, { date: DATE }));
  const sum = summarise(full.last);
  const assetRefs = full.last.findings.reduce((k, f) => k + f.assetIds.length, 0);
  console.log(`assess() full: median ${full.median.toFixed(1)} ms (runs ${full.all.map((x) => x.toFixed(0)).join(', ')}) — ${sum.findings} findings, ${assetRefs.toLocaleString('en')} asset references`, sum.byRule);

  const metrics = await timeRuns(RUNS, () => {
    const ctx = createContext(snapshot, { date: DATE });
    const cubes = accumulateCubes(ctx);
    return { c: concentrationRows(ctx, cubes.concentration), e: exposureRows(ctx, cubes.criticality) };
  });
  console.log(`engine concentration + exposure only: median ${metrics.median.toFixed(1)} ms (runs ${metrics.all.map((x) => x.toFixed(0)).join(', ')})`);

  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  t0 = performance.now();
  await loadDuckDb(conn, snapshot);
  console.log(`DuckDB load (appender, data chunks): ${(performance.now() - t0).toFixed(0)} ms; threads: ${(await conn.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjects()[0].t}`);

  await conn.runAndReadAll(CONCENTRATION_SQL); // warm-up
  const duck = await timeRuns(RUNS, async () => {
    const c = (await conn.runAndReadAll(CONCENTRATION_SQL)).getRowObjects();
    const e = (await conn.runAndReadAll(exposureSql(DATE))).getRowObjects();
    return { c, e };
  });
  console.log(`DuckDB concentration + exposure: median ${duck.median.toFixed(1)} ms (runs ${duck.all.map((x) => x.toFixed(0)).join(', ')})`);

  const mismatches = compare(snapshot, full.last, duck.last.c, duck.last.e);
  console.log(mismatches.length === 0
    ? `results equal: ${duck.last.c.length} concentration rows and ${duck.last.e.length} exposure rows match`
    : `MISMATCHES (${mismatches.length}):\n${mismatches.slice(0, 20).join('\n')}`);
  conn.closeSync();
  instance.closeSync();
  if (mismatches.length) process.exitCode = 1;
}

await main();
