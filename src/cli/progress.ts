import cliProgress from 'cli-progress';
import type { Io } from './io.js';

/**
 * A progress callback that draws a bar only once an operation has run for a second, and only on a
 * terminal: short imports stay quiet and piped output stays clean.
 */
export function progressReporter(io: Io, label: string, delayMs = 1000) {
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done: number, total: number) {
      if (!io.interactive) return;
      if (!bar) {
        if (Date.now() - started < delayMs) return;
        bar = new cliProgress.SingleBar(
          { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
