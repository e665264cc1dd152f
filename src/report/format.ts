const int = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

export const fmtInt = (n: number) => int.format(n);
export const fmtNum = (n: number) => dec.format(n);
/** A share 0–1 as a percentage with one decimal. */
export const fmtPct = (share: number) => `${(share * 100).toFixed(1)} %`;
