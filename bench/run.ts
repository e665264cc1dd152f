/**
 * Union-scale benchmark (`npm run bench`): the eu demo (27 member states, ~100 operators, ~5 million
 * assets) through import, snapshot load, assessment and one what-if, against the sqlite3 shell's
 * `.import` and DuckDB over the same CSV. Each measured step runs in its own process so that its peak
 * memory is its own. Writes bench/RESULTS.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureEuCsv } from './union/data.js';
import { median, removeDb, runStep, sec } from './lib.js';

const HERE = import.meta.dirname;
const DATA = process.env.SECURE5G_BENCH_DATA ?? join(HERE, 'data', 'eu');
const DB = join(DATA, 'bench.db');
const DATE = '2026-11-28';
const RUNS = Number(process.env.SECURE5G_BENCH_RUNS ?? 3);
const SCENARIO = join(HERE, '..', 'examples', 'scenarios', 'nl-designated-core-management.json');

const log = (s: string) => console.log(`[bench] ${s}`);
const loadNow = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const data = await ensureEuCsv(DATA);
log(`eu demo CSV in ${DATA}: ${(data.bytes / 1e6).toFixed(0)} MB${data.generatedMs ? ` (written in ${sec(data.generatedMs)})` : ''}`);

// sqlite3 shell: .import of the same assets.csv into an equivalent table (same columns, keyed by asset_id)
const SHELL_TABLE =
  'CREATE TABLE assets (asset_id TEXT PRIMARY KEY, operator_id TEXT NOT NULL, segment TEXT NOT NULL, function TEXT NOT NULL, ' +
  'supplier_id TEXT NOT NULL, product_id TEXT, software_version TEXT, quantity REAL NOT NULL, region TEXT, in_service TEXT, end_of_support TEXT);';
const shell: number[] = [];
const ours: { assetsMs: number; peakRssMb: number }[] = [];
for (let run = 0; run < RUNS; run++) {
  if (existsSync('/usr/bin/sqlite3')) {
    const shellDb = join(DATA, 'shell.db');
    removeDb(shellDb);
    const t = performance.now();
    execFileSync('/usr/bin/sqlite3', [shellDb], { input: `${SHELL_TABLE}\n.import --csv --skip 1 ${join(DATA, 'assets.csv')} assets\n` });
    shell.push(performance.now() - t);
    removeDb(shellDb);
  }
  ours.push(runStep<{ assetsMs: number }>(join(HERE, 'union', 'import-step.ts'), [DATA, DB]));
  log(`import run ${run + 1}: secure5g ${sec(ours.at(-1)!.assetsMs)}${shell.length ? `, sqlite3 shell ${sec(shell.at(-1)!)}` : ''} (load ${loadNow()})`);
}

const engineOut = join(DATA, 'engine-metrics.json');
const duckOut = join(DATA, 'duckdb-metrics.json');
const a = runStep<{
  assets: number; firstLoadMs: number; snapshotLoadMs: number; assessMs: number; simulateMs: number; findings: number; assetReferences: number;
}>(join(HERE, 'union', 'assess-step.ts'), [DB, DATE, engineOut, SCENARIO]);
log(`snapshot ${sec(a.snapshotLoadMs)} (first ${sec(a.firstLoadMs)}), assess ${a.assessMs.toFixed(0)} ms, simulate ${a.simulateMs.toFixed(0)} ms, peak ${a.peakRssMb.toFixed(0)} MB`);
const d = runStep<{ threads: unknown; loadMs: number; queryMs: number }>(join(HERE, 'union', 'duckdb-step.ts'), [DATA, DATE, duckOut]);
log(`DuckDB: CSV load ${sec(d.loadMs)}, queries ${d.queryMs.toFixed(0)} ms, peak ${d.peakRssMb.toFixed(0)} MB`);

// results must be equal
type Conc = { scope: string; operatorId?: string; memberState?: string; segment: string; hhi: number; topSupplierShare: number; suppliers: number; quantity: number };
type Expo = { scope: string; operatorId?: string; memberState?: string; criticalQuantity: number; designatedCriticalQuantity: number; sensitiveQuantity: number; designatedSensitiveQuantity: number };
const engine = JSON.parse(readFileSync(engineOut, 'utf8')) as { concentration: Conc[]; exposure: Expo[] };
const duck = JSON.parse(readFileSync(duckOut, 'utf8')) as { concentration: Record<string, string | number>[]; exposure: Record<string, string | number>[] };
const close = (x: number, y: unknown) => Math.abs(x - Number(y)) <= 1e-9 * Math.max(1, Math.abs(x));
const keyOf = (r: { scope: string; operatorId?: string; memberState?: string }) => `${r.scope}|${r.operatorId ?? r.memberState ?? 'EU'}`;
const mismatches: string[] = [];
const conc = new Map(engine.concentration.map((r) => [`${keyOf(r)}|${r.segment}`, r]));
for (const r of duck.concentration) {
  const e = conc.get(`${r.scope}|${r.k}|${r.segment}`);
  if (!e || !close(e.hhi, r.hhi) || !close(e.topSupplierShare, r.share) || e.suppliers !== Number(r.n) || !close(e.quantity, r.total))
    mismatches.push(`concentration ${r.scope} ${r.k} ${r.segment}`);
}
const expo = new Map(engine.exposure.map((r) => [keyOf(r), r]));
for (const r of duck.exposure) {
  const e = expo.get(`${r.scope}|${r.k}`);
  if (!e || !close(e.criticalQuantity, r.cq) || !close(e.designatedCriticalQuantity, r.dcq) || !close(e.sensitiveQuantity, r.sq) || !close(e.designatedSensitiveQuantity, r.dsq))
    mismatches.push(`exposure ${r.scope} ${r.k}`);
}
const equal = mismatches.length === 0 && conc.size === duck.concentration.length && expo.size === duck.exposure.length;
log(equal ? `results equal: ${conc.size} concentration and ${expo.size} exposure rows` : `MISMATCH: ${mismatches.slice(0, 10).join('; ')}`);

const importMedian = median(ours.map((r) => r.assetsMs));
const shellMedian = shell.length ? median(shell) : Number.NaN;
const peak = Math.max(...ours.map((r) => r.peakRssMb), a.peakRssMb);
const ours2duck = a.snapshotLoadMs + a.assessMs;
const duckTotal = d.loadMs + d.queryMs;
const yesNo = (ok: boolean) => (ok ? 'met' : '**missed**');
const md = `# Benchmark results

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version},
load average at the end ${loadNow()}. Data: the eu demo, seed 1 — ${a.assets.toLocaleString('en')} assets,
${(data.bytes / 1e6).toFixed(0)} MB of CSV. Medians of ${RUNS} runs for imports, 3 for snapshot loads, 5 for the assessment and the simulation.

| measure | secure5g | reference | ratio | goal |
|---|---|---|---|---|
| import of assets.csv | ${sec(importMedian)} (\`importFile\`, validation included, until the file is closed) | ${sec(shellMedian)} (sqlite3 ${'`.import --csv`'} into an equivalent table) | ${(importMedian / shellMedian).toFixed(2)}× | ≤ 1.5× — ${yesNo(importMedian <= 1.5 * shellMedian)} |
| assessment from stored data | ${sec(ours2duck)} (snapshot load ${sec(a.snapshotLoadMs)} + full \`assess\` ${a.assessMs.toFixed(0)} ms: concentration, exposure and all findings with ${a.assetReferences.toLocaleString('en')} asset references) | ${sec(duckTotal)} (DuckDB: read the CSV ${sec(d.loadMs)} + concentration and exposure queries ${d.queryMs.toFixed(0)} ms, ${String(d.threads)} threads) | ${(ours2duck / duckTotal).toFixed(2)}× | ≤ 1× — ${yesNo(ours2duck <= duckTotal)} |
| peak memory | ${peak.toFixed(0)} MB (largest of the import and assessment processes) | DuckDB process ${d.peakRssMb.toFixed(0)} MB | | < 1,500 MB — ${yesNo(peak < 1500)} |
| what-if, one scenario after the snapshot is loaded | ${a.simulateMs.toFixed(0)} ms (\`${SCENARIO.split('/').pop()}\`) | | | < 200 ms — ${yesNo(a.simulateMs < 200)} |

Results equal: ${equal ? `yes — all ${conc.size} concentration rows (HHI, top share, supplier count, quantity) and ${expo.size} exposure rows match DuckDB's to 1e-9` : `NO — ${mismatches.length} mismatches`}.

Other figures: first snapshot load after the import ${sec(a.firstLoadMs)}; ${a.findings.toLocaleString('en')} findings; import runs ${ours.map((r) => sec(r.assetsMs)).join(', ')}; shell runs ${shell.map(sec).join(', ')}.

What each side's time includes: the import is the whole \`importFile\` call for assets.csv (read, parse, validate every field
against the schema and the references, insert in one transaction, close); the shell's \`.import\` parses and inserts with no
validation. The assessment is \`loadSnapshot\` from the SQLite file plus \`assess()\`, which also builds every finding; DuckDB reads
the CSV into memory and computes only the concentration and exposure figures. The snapshot load is served from the columnar
cache kept in the database file (bench/SNAPSHOT-NOTES.md); the first load after an import builds that cache through SQL and took
${sec(a.firstLoadMs)}. Other measurements: bench/IMPORT-NOTES.md, bench/ASSESS-NOTES.md, bench/SIMULATE-NOTES.md.
`;
// Sections measured by other scripts (e.g. the dashboard under load) follow a marker and are kept.
const MARKER = '<!-- measured separately: kept by bench/run.ts -->';
const previous = existsSync(join(HERE, 'RESULTS.md')) ? readFileSync(join(HERE, 'RESULTS.md'), 'utf8') : '';
const kept = previous.includes(MARKER) ? previous.slice(previous.indexOf(MARKER)) : '';
writeFileSync(join(HERE, 'RESULTS.md'), kept ? `${md}\n${kept}` : md);
log('wrote bench/RESULTS.md');
if (!equal) process.exitCode = 1;
