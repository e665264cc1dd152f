/** Number formatting for explanation texts: fixed, locale-independent, so texts are stable across machines. */
export const pct = (share: number) => `${unsignedZero((share * 100).toFixed(1))} %`;

/**
 * "-0", "-0.0", "-0.00" as "0…": a tiny negative (a float sum's residue, a change of −0.001) rounds to
 * zero, and zero has no sign. Every formatter that rounds goes through this.
 */
export const unsignedZero = (text: string): string => (/^-0(\.0*)?$/.test(text) ? text.slice(1) : text);

export function num(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  const [int, frac] = String(Math.abs(rounded)).split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}
