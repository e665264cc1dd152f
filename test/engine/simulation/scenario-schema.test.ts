import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/domain/index.js';
import { parseScenario } from '../../../src/domain/scenario.js';
import { compareScenarios, simulate } from '../../../src/engine/simulation/index.js';
import { FUNCTIONS } from '../../../src/catalog/segments.js';
import { FUNCTION_DEFAULTS } from '../../../src/catalog/simulation-defaults.js';
import { base, handNetwork } from './network.js';

const valid = { name: 'x', version: '1', start_date: '2027-01-01', horizon_months: 12, restrictions: [{ suppliers: ['SUP-A'], segments: ['ran'] }] };

function errorOf(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

describe('scenario file validation', () => {
  it('names the bad field', () => {
    const cases: [unknown, string][] = [
      [{ ...valid, restrictions: [{ suppliers: ['SUP-A'], segments: ['ran', 'radio'] }] }, 'restrictions[0].segments[1]'],
      [{ ...valid, horizon_months: undefined }, 'horizon_months'],
      [{ ...valid, start_date: '2027-02-30' }, 'start_date'],
      [{ ...valid, restrictions: [{ segments: ['ran'] }] }, 'restrictions[0].suppliers'],
      [{ ...valid, restrictions: [{ suppliers: ['SUP-A'], segments: ['ran'], max_share: 1.5 }] }, 'restrictions[0].max_share'],
      [{ ...valid, replacement: { strategy: 'named' } }, 'replacement.suppliers'],
      [{ ...valid, replacement: { capacity: { default: { ran: -5 } } } }, 'replacement.capacity.default.ran'],
      [{ ...valid, disruptions: [{ suppliers: ['SUP-B'], from: '2027-01-01', duration_months: 0 }] }, 'disruptions[0].duration_months'],
      [{ ...valid, colour: 'blue' }, ''],
      [{ ...valid, restrictions: [] }, 'restrictions'],
    ];
    for (const [raw, field] of cases) {
      const e = errorOf(() => parseScenario(raw, 'bad.json'));
      expect(e.file).toBe('bad.json');
      expect(e.field ?? '').toBe(field);
      expect(e.message.startsWith(field ? `bad.json, field ${field}: ` : 'bad.json: ')).toBe(true);
    }
  });

  it('names ids the inventory does not hold', () => {
    const net = handNetwork();
    const cases: [object, string, string][] = [
      [{ restrictions: [{ suppliers: ['SUP-A', 'SUP-Z'], segments: ['ran'] }] }, 'restrictions[0].suppliers[1]', 'supplier "SUP-Z" is not in the inventory'],
      [{ replacement: { capacity: { operators: { 'OP-404': { ran: 1 } } } }, restrictions: valid.restrictions }, 'replacement.capacity.operators.OP-404', 'operator "OP-404"'],
      [{ restrictions: valid.restrictions, overrides: { unit_cost_eur: { WIDGET: 5 } } }, 'overrides.unit_cost_eur.WIDGET', 'not a function of the catalogue'],
      [{ disruptions: [{ suppliers: ['SUP-Q'], from: '2027-01-01' }] }, 'disruptions[0].suppliers[0]', 'SUP-Q'],
    ];
    for (const [fields, field, reason] of cases) {
      const e = errorOf(() => simulate(net, base(fields), { file: 'what-if.json' }));
      expect(e.field).toBe(field);
      expect(e.message).toContain('what-if.json');
      expect(e.message).toContain(reason);
    }
  });

  it('resolves "designated by" to the designated suppliers and notes a match of nothing', () => {
    // DE designated SUP-A: the same 30 ran units of OP-1 as naming SUP-A
    const r = simulate(handNetwork(), base({ restrictions: [{ designated_by: ['DE'], segments: ['ran'], member_states: ['DE'] }] }));
    expect(r.totals.unitsRequired).toBe(30);
    const none = simulate(handNetwork(), base({ restrictions: [{ designated_by: ['FR'], segments: ['ran'] }] }));
    expect(none.totals.unitsRequired).toBe(0);
    expect(none.notes.join(' ')).toContain('no supplier in the inventory is designated');
  });

  it('has documented defaults for every catalogue function', () => {
    expect(FUNCTIONS.filter((f) => !FUNCTION_DEFAULTS[f.id]).map((f) => f.id)).toEqual([]);
  });
});

describe('compareScenarios', () => {
  it('puts scenarios side by side in the order given', () => {
    const net = handNetwork();
    const fast = simulate(net, base({ name: 'fast', restrictions: [{ suppliers: ['SUP-A'], segments: ['ran'], member_states: ['DE'], transition_months: 6 }], replacement: { capacity: { default: { ran: 30 } } } }));
    const slow = simulate(net, base({ name: 'slow', restrictions: [{ suppliers: ['SUP-A'], segments: ['ran'], member_states: ['DE'], transition_months: 6 }], replacement: { capacity: { default: { ran: 3 } } } }));
    const c = compareScenarios([fast, slow]);
    expect(c.scenarios.map((s) => s.name)).toEqual(['fast', 'slow']);
    const value = (metric: string) => c.rows.find((r) => r.metric === metric)!.values;
    // 30 units: at 30/month done in month 0; at 3/month month 9, dl 6 → missed 9 + 1 − 6 = 4
    expect(value('unitsRequired')).toEqual([30, 30]);
    expect(value('spendEur')).toEqual([30_000, 30_000]);
    expect(value('operatorsMissingDeadline')).toEqual([0, 1]);
    expect(value('maxMonthsMissed')).toEqual([0, 4]);
    expect(value('hhiAfter.ran')[0]).toBeCloseTo(value('hhiAfter.ran')[1]!, 9);
    // neither scenario touches core: no core row
    expect(c.rows.find((r) => r.metric === 'hhiAfter.core')).toBeUndefined();
  });
});
