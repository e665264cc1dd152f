/**
 * The same concentration and exposure figures computed by DuckDB straight from the eu demo's CSV files.
 * Criticality comes from the catalogue defaults and the national policies' overrides, applied here with a
 * plain loop (not the engine's table) and handed to DuckDB as a small table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { FUNCTIONS } from '../../src/catalog/index.js';
import type { PolicyInput } from '../../src/domain/index.js';
import { median, report } from '../lib.js';

const [csvDir, date, out] = process.argv.slice(2) as [string, string, string];
const csv = (f: string) => `'${join(csvDir, f).replace(/'/g, "''")}'`;

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const threads = Number((await conn.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjects()[0]!.t);

let t = performance.now();
await conn.run(`CREATE TABLE assets AS SELECT operator_id, segment, "function", supplier_id, quantity
  FROM read_csv(${csv('assets.csv')}, header = true, columns = {'asset_id': 'VARCHAR', 'operator_id': 'VARCHAR', 'segment': 'VARCHAR',
  'function': 'VARCHAR', 'supplier_id': 'VARCHAR', 'product_id': 'VARCHAR', 'software_version': 'VARCHAR', 'quantity': 'DOUBLE',
  'region': 'VARCHAR', 'in_service': 'VARCHAR', 'end_of_support': 'VARCHAR'})`);
await conn.run(`CREATE TABLE operators AS SELECT operator_id, member_state FROM read_csv(${csv('operators.csv')}, header = true, all_varchar = true)`);
await conn.run(`CREATE TABLE designations AS SELECT member_state, supplier_id, status, CAST(effective_date AS DATE) AS effective_date
  FROM read_csv(${csv('designations.csv')}, header = true, all_varchar = true)`);
const loadMs = performance.now() - t;

// criticality per member state × function: catalogue default, then segment overrides, then function overrides
const policies = JSON.parse(readFileSync(join(csvDir, 'policies.json'), 'utf8')) as PolicyInput[];
const states = (await conn.runAndReadAll('SELECT DISTINCT member_state FROM operators')).getRowObjects().map((r) => String(r.member_state));
const critRows: string[] = [];
for (const ms of states) {
  const overrides = policies.filter((p) => p.member_state === ms).at(-1)?.criticality_overrides ?? [];
  for (const fn of FUNCTIONS) {
    let level: string = fn.criticality;
    for (const o of overrides) if (o.function === undefined && o.segment === fn.segment) level = o.criticality;
    for (const o of overrides) if (o.function === fn.id && (o.segment === undefined || o.segment === fn.segment)) level = o.criticality;
    critRows.push(`('${ms}', '${fn.id}', '${level}')`);
  }
}
await conn.run('CREATE TABLE crit (member_state VARCHAR, "function" VARCHAR, criticality VARCHAR)');
await conn.run(`INSERT INTO crit VALUES ${critRows.join(', ')}`);

const CONCENTRATION = `
WITH c AS MATERIALIZED (SELECT operator_id, segment, supplier_id, sum(quantity) AS q FROM assets GROUP BY ALL HAVING sum(quantity) > 0),
m AS (SELECT o.member_state, c.segment, c.supplier_id, sum(c.q) AS q FROM c JOIN operators o USING (operator_id) GROUP BY ALL),
u AS (SELECT segment, supplier_id, sum(q) AS q FROM m GROUP BY ALL)
SELECT 'operator' AS scope, operator_id AS k, segment, sum(q) AS total, 10000 * sum(q * q) / (sum(q) * sum(q)) AS hhi, max(q) / sum(q) AS share, count(*)::INTEGER AS n FROM c GROUP BY ALL
UNION ALL SELECT 'member-state', member_state, segment, sum(q), 10000 * sum(q * q) / (sum(q) * sum(q)), max(q) / sum(q), count(*)::INTEGER FROM m GROUP BY ALL
UNION ALL SELECT 'union', 'EU', segment, sum(q), 10000 * sum(q * q) / (sum(q) * sum(q)), max(q) / sum(q), count(*)::INTEGER FROM u GROUP BY ALL`;

const EXPOSURE = `
WITH d AS (SELECT DISTINCT member_state, supplier_id FROM designations WHERE status = 'in-force' AND effective_date <= DATE '${date}'),
x AS MATERIALIZED (
  SELECT a.operator_id,
    sum(CASE WHEN k.criticality = 'critical' THEN a.quantity ELSE 0 END) AS cq,
    sum(CASE WHEN k.criticality = 'critical' AND d.supplier_id IS NOT NULL THEN a.quantity ELSE 0 END) AS dcq,
    sum(CASE WHEN k.criticality = 'sensitive' THEN a.quantity ELSE 0 END) AS sq,
    sum(CASE WHEN k.criticality = 'sensitive' AND d.supplier_id IS NOT NULL THEN a.quantity ELSE 0 END) AS dsq
  FROM assets a JOIN operators o USING (operator_id)
  JOIN crit k ON k.member_state = o.member_state AND k."function" = a."function"
  LEFT JOIN d ON d.member_state = o.member_state AND d.supplier_id = a.supplier_id
  GROUP BY a.operator_id)
SELECT 'operator' AS scope, operator_id AS k, cq, dcq, sq, dsq FROM x
UNION ALL SELECT 'member-state', o.member_state, sum(cq), sum(dcq), sum(sq), sum(dsq) FROM x JOIN operators o USING (operator_id) GROUP BY ALL
UNION ALL SELECT 'union', 'EU', sum(cq), sum(dcq), sum(sq), sum(dsq) FROM x`;

const runs: number[] = [];
let rows = { concentration: [] as Record<string, unknown>[], exposure: [] as Record<string, unknown>[] };
for (let i = 0; i < 6; i++) {
  t = performance.now();
  const concentration = (await conn.runAndReadAll(CONCENTRATION)).getRowObjectsJson() as Record<string, unknown>[];
  const exposure = (await conn.runAndReadAll(EXPOSURE)).getRowObjectsJson() as Record<string, unknown>[];
  if (i > 0) runs.push(performance.now() - t); // the first run warms DuckDB's caches
  rows = { concentration, exposure };
}
conn.closeSync();
instance.closeSync();
writeFileSync(out, JSON.stringify(rows));
report({ threads, loadMs, queryMs: median(runs), queryRuns: runs });
