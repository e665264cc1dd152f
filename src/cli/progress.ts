import cliProgress from 'cli-progress';
import type { Io } from './io.js';

/*
 * Progress of a long operation on stderr: a bar with the rate and the time left in human units
 * ("12,400 rows/s, about 2 min left"). Drawn only on a terminal (never when stderr is piped, never with
 * --format json, which main.ts runs with `interactive` off), and only once the operation has run a second.
 */

export type ProgressUnit = 'rows' | 'bytes';

const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** "12,400 rows/s", "8.5 MB/s". */
export function rateText(perSecond: number, unit: ProgressUnit): string {
  if (unit === 'rows') return `${int.format(perSecond)} rows/s`;
  return perSecond >= 1e6 ? `${one.format(perSecond / 1e6)} MB/s` : `${int.format(perSecond / 1e3)} kB/s`;
}

/** "about 40 s left", "about 2 min left", "about 1 h 5 min left"; rounded the way a person would say it. */
export function timeLeftText(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'time left unknown';
  if (seconds < 1) return 'almost done';
  if (seconds < 60) return `about ${Math.max(5, Math.round(seconds / 5) * 5)} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `about ${h} h${m ? ` ${m} min` : ''} left`;
}

/**
 * The rate over the last few seconds (a window of samples), so a slow start or a pause does not skew
 * the estimate for long, and the time left at that rate.
 */
export function progressEstimate(samples: readonly { t: number; done: number }[], total: number, unit: ProgressUnit): string {
  if (samples.length < 2) return '';
  const a = samples[0]!;
  const b = samples[samples.length - 1]!;
  const seconds = (b.t - a.t) / 1000;
  if (seconds <= 0) return '';
  const rate = (b.done - a.done) / seconds;
  return `${rateText(rate, unit)}, ${rate > 0 ? timeLeftText((total - b.done) / rate) : 'time left unknown'}`;
}

const WINDOW_MS = 5000;

/** A progress callback for an operation of `total` units: call update(done, total), then stop(). */
export function progressReporter(io: Io, label: string, unit: ProgressUnit = 'rows', delayMs = 1000, now: () => number = Date.now) {
  const started = now();
  let bar: cliProgress.SingleBar | undefined;
  const samples: { t: number; done: number }[] = [];
  return {
    update(done: number, total: number) {
      if (!io.interactive) return;
      const t = now();
      samples.push({ t, done });
      while (samples.length > 2 && t - samples[0]!.t > WINDOW_MS) samples.shift();
      if (!bar) {
        if (t - started < delayMs) return;
        bar = new cliProgress.SingleBar(
          { format: `${label} [{bar}] {percentage}% | {estimate}`, stream: process.stderr, hideCursor: true, fps: 5 },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { estimate: '' });
      }
      bar.setTotal(total);
      bar.update(done, { estimate: progressEstimate(samples, total, unit) });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
