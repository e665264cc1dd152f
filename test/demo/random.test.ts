import { describe, expect, it } from 'vitest';
import { Rng, mixSeed, mulberry32 } from '../../src/demo/random.js';
import { allocate, featureCount, hasFeature, siteFeature } from '../../src/demo/sites.js';

describe('seeded random numbers', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(sa);
    expect(Array.from({ length: 100 }, c)).not.toEqual(sa);
    for (const x of sa) expect(x >= 0 && x < 1).toBe(true);
  });

  it('mixes seeds order-sensitively', () => {
    expect(mixSeed(1, 2)).toBe(mixSeed(1, 2));
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    expect(mixSeed(1, 2, 3)).not.toBe(mixSeed(1, 2));
  });

  it('draws integers in range, covering both ends', () => {
    const rng = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 6);
      expect(n >= 3 && n <= 6 && Number.isInteger(n)).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('never picks a zero-weight item and shuffles to a permutation', () => {
    const rng = new Rng(9);
    for (let i = 0; i < 500; i++) expect(rng.weighted(['a', 'b', 'c'], [1, 0, 3])).not.toBe('b');
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(new Set(rng.sample(items, 10)).size).toBe(10);
  });
});

describe('site features', () => {
  it('mark exactly floor(N·p) sites, counted one by one', () => {
    const rng = new Rng(3);
    for (const sites of [1, 2, 7, 40, 97, 1000, 4096]) {
      for (const p of [0, 0.08, 1 / 3, 0.5, 0.65, 0.9, 1]) {
        const f = siteFeature(p, sites, rng);
        let n = 0;
        for (let i = 0; i < sites; i++) if (hasFeature(f, i, sites)) n++;
        expect(n, `N=${sites} p=${p}`).toBe(Math.floor(sites * p));
        expect(featureCount(f, sites)).toBe(n);
      }
    }
  });

  it('spreads sites over regions, at least one each, summing to the total', () => {
    // 10 sites, weights 1:1:2 → 7 left after one each, shares 1.75, 1.75, 3.5 → 2, 2, 4 (= 8);
    // the 2 sites left go to the largest remainders (.75, .75) → 3, 3, 4
    expect(allocate(10, [1, 1, 2])).toEqual([3, 3, 4]);
    expect(allocate(3, [5, 1, 1])).toEqual([1, 1, 1]);
    expect(() => allocate(2, [1, 1, 1])).toThrow();
  });
});
