/**
 * Times simulate() at Union scale on the synthetic snapshot of bench/assess-synthetic.ts (100 operators,
 * 40 suppliers, 5 million assets by default): median of 5 runs of one scenario, after the snapshot is built.
 * Run: node --expose-gc --import tsx bench/simulate.ts [assets]
 * Results are noted in bench/SIMULATE-NOTES.md.
 */
import type { ScenarioInput } from '../src/domain/scenario.js';
import { simulate } from '../src/engine/simulation/index.js';
import { syntheticSnapshot } from './assess-synthetic.js';

const RUNS = 5;

/**
 * A scenario that exercises every part: suppliers designated by four member states out of key assets
 * Union-wide over 36 months, a 35 % RAN cap on another supplier, a 12-month disruption of a third, and
 * proportional replacement at the default capacities.
 */
export const BENCH_SCENARIO: ScenarioInput = {
  name: 'bench-union',
  version: '1',
  start_date: '2027-01-01',
  horizon_months: 60,
  restrictions: [
    { id: 'designated', designated_by: ['DE', 'FR', 'IT', 'NL'], segments: ['key-assets'], effective_date: '2027-01-01', transition_months: 36 },
    { id: 'ran-cap', suppliers: ['SUP-07'], segments: ['ran'], max_share: 0.35, transition_months: 24 },
  ],
  disruptions: [{ id: 'cut', suppliers: ['SUP-11'], from: '2027-06-01', duration_months: 12 }],
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const assets = Number(process.argv[2] ?? 5_000_000);
const t0 = performance.now();
const snapshot = syntheticSnapshot({ assets, operators: 100, suppliers: 40 });
console.log(`snapshot: ${assets.toLocaleString('en')} assets built in ${(performance.now() - t0).toFixed(0)} ms`);

const times: number[] = [];
let result = simulate(snapshot, BENCH_SCENARIO); // warm-up: JIT and the zod schema
for (let r = 0; r < RUNS; r++) {
  (globalThis as { gc?: () => void }).gc?.();
  const t = performance.now();
  result = simulate(snapshot, BENCH_SCENARIO);
  times.push(performance.now() - t);
}
console.log(`simulate(): median ${median(times).toFixed(1)} ms over ${RUNS} runs [${times.map((t) => t.toFixed(1)).join(', ')}]`);
console.log(
  `units to swap ${Math.round(result.totals.unitsRequired).toLocaleString('en')}, swapped ${Math.round(result.totals.unitsSwapped).toLocaleString('en')}, ` +
    `spend EUR ${Math.round(result.totals.spendEur).toLocaleString('en')}, ${result.feasibility.rows.length} feasibility rows, ` +
    `${result.concentration.length} concentration rows, ${result.disruption.noAlternative.length} no-alternative rows, ` +
    `JSON ${(JSON.stringify(result).length / 1e6).toFixed(1)} MB`,
);
