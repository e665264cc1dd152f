import { addMonths } from '../snapshot.js';

/**
 * The simulation's clock: month m (0-based) runs from start + m months to start + m + 1 months, in
 * calendar months clamped to month end like every deadline in the engine. Work done in month m is
 * finished at the month's end.
 */
export class Calendar {
  constructor(readonly start: string) {}

  /** the first day of month m */
  at(m: number): string {
    return addMonths(this.start, m);
  }

  /** YYYY-MM of the day month m begins: the label charts show */
  label(m: number): string {
    return this.at(m).slice(0, 7);
  }

  /** the largest k with start + k months ≤ date (negative when the date lies before the start) */
  floor(date: string): number {
    const k0 = (Number(date.slice(0, 4)) - Number(this.start.slice(0, 4))) * 12 + (Number(date.slice(5, 7)) - Number(this.start.slice(5, 7)));
    let k = k0;
    while (this.at(k) > date) k--;
    while (this.at(k + 1) <= date) k++;
    return k;
  }

  /** the smallest k with start + k months ≥ date */
  ceil(date: string): number {
    const k = this.floor(date);
    return this.at(k) === date ? k : k + 1;
  }
}
