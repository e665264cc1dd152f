/** Number formatting for explanation texts: fixed, locale-independent, so texts are stable across machines. */
export const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

export function num(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  const [int, frac] = String(Math.abs(rounded)).split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}
