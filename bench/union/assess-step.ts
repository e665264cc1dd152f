/**
 * Loads the snapshot from the store and runs the full assessment; writes the engine's concentration and
 * exposure rows to a file for the comparison with DuckDB.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseScenario } from '../../src/domain/index.js';
import { assess, simulate, summarise } from '../../src/engine/index.js';
import { loadSnapshot, openStore } from '../../src/store/index.js';
import { collect, median, report } from '../lib.js';

const [dbFile, date, out, scenarioFile] = process.argv.slice(2) as [string, string, string, string];
const store = await openStore(dbFile);
const loads: number[] = [];
const first = performance.now();
let snapshot = loadSnapshot(store);
const firstLoadMs = performance.now() - first;
for (let i = 0; i < 3; i++) {
  snapshot = undefined as never;
  collect();
  const t = performance.now();
  snapshot = loadSnapshot(store);
  loads.push(performance.now() - t);
}
const runs: number[] = [];
let result = assess(snapshot, { date });
for (let i = 0; i < 5; i++) {
  result = undefined as never;
  collect();
  const t = performance.now();
  result = assess(snapshot, { date });
  runs.push(performance.now() - t);
}
// one what-if scenario over the same loaded snapshot (issue 5's target: under 200 ms median)
const scenario = parseScenario(JSON.parse(readFileSync(scenarioFile, 'utf8')), scenarioFile);
const simRuns: number[] = [];
simulate(snapshot, scenario);
for (let i = 0; i < 5; i++) {
  collect();
  const t = performance.now();
  simulate(snapshot, scenario);
  simRuns.push(performance.now() - t);
}
await store.close();
writeFileSync(out, JSON.stringify({ concentration: result.metrics.concentration.map(({ explanation: _, ...r }) => r), exposure: result.metrics.exposure.map(({ explanation: _, ...r }) => r) }));
const s = summarise(result);
report({
  assets: snapshot.assets.count,
  firstLoadMs,
  snapshotLoadMs: median(loads),
  snapshotLoadRuns: loads,
  assessMs: median(runs),
  assessRuns: runs,
  simulateMs: median(simRuns),
  simulateRuns: simRuns,
  findings: s.findings,
  assetReferences: result.findings.reduce((k, f) => k + f.assetIds.length, 0),
});
