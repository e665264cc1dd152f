import type { Rng } from './random.js';

/**
 * Which sites carry an optional function. A fraction p of the N sites gets it, spread over the network by
 * a permutation j = (a·i + b) mod N (a coprime with N) and a Bresenham step on j. Summed over all sites
 * the steps telescope, so exactly floor(N·p) sites get it: the asset count is known without generating.
 */
export interface SiteFeature {
  p: number;
  a: number;
  b: number;
}

function gcd(x: number, y: number): number {
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

export function siteFeature(p: number, sites: number, rng: Rng): SiteFeature {
  if (!(p >= 0 && p <= 1)) throw new Error(`site feature share must be in [0, 1], got ${p}`);
  let a = rng.int(1, Math.max(1, sites - 1));
  while (gcd(a, sites) !== 1) a++;
  return { p, a, b: rng.int(0, Math.max(0, sites - 1)) };
}

export function hasFeature(f: SiteFeature, site: number, sites: number): boolean {
  const j = (site * f.a + f.b) % sites;
  return Math.floor((j + 1) * f.p) - Math.floor(j * f.p) === 1;
}

/** The number of sites hasFeature accepts: the telescoped sum. */
export function featureCount(f: SiteFeature, sites: number): number {
  return Math.floor(sites * f.p);
}

/** Splits n sites over regions by weight (largest remainder), at least one site each. */
export function allocate(n: number, weights: readonly number[]): number[] {
  const k = weights.length;
  if (n < k) throw new Error(`cannot give ${k} regions a site each from ${n} sites`);
  const total = weights.reduce((a, b) => a + b, 0);
  const rest = n - k;
  const exact = weights.map((w) => (rest * w) / total);
  const out = exact.map((x) => 1 + Math.floor(x));
  let left = n - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((u, v) => v.r - u.r || u.i - v.i);
  for (let k2 = 0; left > 0; k2++, left--) out[order[k2 % k].i]++;
  return out;
}
