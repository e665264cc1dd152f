import { describe, expect, it } from 'vitest';
import { generateDemo, generateDemoRegisters } from '../../src/demo/index.js';
import { ROSTER } from '../../src/demo/roster.js';
import { isEuEea } from '../../src/domain/member-states.js';

/*
 * Neutrality of the demo: a supplier headquartered outside the EU/EEA, and an investor from outside it,
 * carries a user-assigned code (XA–XZ), never a real third country's. Checked on the whole roster
 * (the eu scale uses all 40) and on the small demo's rows and registers for several seeds.
 */
const allowed = (code: string) => isEuEea(code) || /^X[A-Z]$/.test(code);

describe('the demo names no real third country', () => {
  it('every roster headquarters is an EU/EEA member state or a user-assigned code', () => {
    expect(ROSTER.length).toBe(40);
    for (const s of ROSTER) expect(allowed(s.hq), `${s.key} ${s.hq}`).toBe(true);
    // and the roster still has suppliers on both sides, so designations can fall on either
    expect(ROSTER.some((s) => isEuEea(s.hq))).toBe(true);
    expect(ROSTER.some((s) => !isEuEea(s.hq))).toBe(true);
  });

  it('generated suppliers and screening investors likewise, for any seed', () => {
    for (const seed of [1, 2, 3, 4]) {
      const data = generateDemo({ scale: 'small', seed });
      for (const s of data.suppliers) expect(allowed(s.hq_country), `${seed} ${s.supplier_id}`).toBe(true);
      for (const c of generateDemoRegisters(data).screeningCases) expect(allowed(c.investor_country!), `${seed} ${c.case_id}`).toBe(true);
    }
  });
});
