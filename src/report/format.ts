import { unsignedZero } from '../engine/format.js';

// signDisplay 'negative': a value that rounds to zero shows no minus sign ("0", never "-0")
const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0, signDisplay: 'negative' });
const dec = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2, signDisplay: 'negative' });

export const fmtInt = (n: number) => int.format(n);
export const fmtNum = (n: number) => dec.format(n);
/** A share 0–1 as a percentage with one decimal. */
export const fmtPct = (share: number) => `${unsignedZero((share * 100).toFixed(1))} %`;
