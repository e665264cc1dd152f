import { describe, expect, it } from 'vitest';
import { progressEstimate, rateText, timeLeftText } from '../../src/cli/progress.js';

/* Progress in human units: the figures below worked out by hand. */
describe('progress text', () => {
  it('rates', () => {
    expect(rateText(12_400, 'rows')).toBe('12,400 rows/s');
    expect(rateText(8_500_000, 'bytes')).toBe('8.5 MB/s');
    expect(rateText(640_000, 'bytes')).toBe('640 kB/s');
  });

  it('time left, rounded as a person says it', () => {
    expect(timeLeftText(0.4)).toBe('almost done');
    expect(timeLeftText(3)).toBe('about 5 s left');
    expect(timeLeftText(42)).toBe('about 40 s left');
    expect(timeLeftText(125)).toBe('about 2 min left');
    expect(timeLeftText(3900)).toBe('about 1 h 5 min left');
    expect(timeLeftText(7200)).toBe('about 2 h left');
  });

  it('estimates from the window of samples: 24,800 rows in 2 s of 1,100,000, so 12,400 rows/s and 975,200 rows in 78.6 s', () => {
    const samples = [
      { t: 10_000, done: 100_000 },
      { t: 11_000, done: 110_000 },
      { t: 12_000, done: 124_800 },
    ];
    expect(progressEstimate(samples, 1_100_000, 'rows')).toBe('12,400 rows/s, about 1 min left');
    expect(progressEstimate(samples.slice(0, 1), 1_000_000, 'rows')).toBe('');
  });
});
