/**
 * How long a flat CycloneDX 1.6 BOM of N components takes to validate and map (parseBom), the library
 * schema check's `uniqueItems` on components being the cost that grows with N. Run with
 * `node --import tsx bench/cyclonedx-validation.ts [N ...]`; prints the median of 3 runs per size.
 * Figures in bench/CYCLONEDX-NOTES.md.
 */
import { parseBom } from '../src/interchange/cyclonedx/index.js';
import { median } from './lib.js';

export function flatBom(n: number): Record<string, unknown> {
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    components: Array.from({ length: n }, (_, i) => ({ type: 'library', 'bom-ref': `c${i}`, name: `lib-${i}`, version: '1.0.0' })),
  };
}

const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length ? sizes : [10_000, 20_000]) {
  const json = flatBom(n);
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    await parseBom(json, `flat-${n}.json`);
    times.push(performance.now() - t);
  }
  console.log(`${n} components: median ${(median(times) / 1000).toFixed(2)} s (runs ${times.map((t) => (t / 1000).toFixed(2)).join(', ')})`);
}
