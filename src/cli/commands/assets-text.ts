import { fmtInt } from '../../report/format.js';

/** Ids shown in a line of text; past this many the rest are counted (--format json lists them all). */
const SHOWN = 50;

/** "3: A, B, C", or "0", or the first SHOWN and how many more. */
export function idList(ids: readonly string[]): string {
  if (ids.length === 0) return '0';
  const shown = ids.slice(0, SHOWN).join(', ');
  const more = ids.length > SHOWN ? ` … and ${fmtInt(ids.length - SHOWN)} more (--format json lists all)` : '';
  return `${fmtInt(ids.length)}: ${shown}${more}`;
}
