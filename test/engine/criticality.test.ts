import { describe, expect, it } from 'vitest';
import { buildCriticalityTable, criticalityOf, CRITICALITY_NAMES } from '../../src/engine/criticality.js';
import { asset, operator, policy, snapshot } from './helpers.js';

describe('criticality', () => {
  it('starts from the catalogue default of the function', () => {
    // catalogue: AMF critical, gNB sensitive, CSR other
    const p = policy('DE');
    expect(criticalityOf(p, 'core', 'AMF')).toBe('critical');
    expect(criticalityOf(p, 'ran', 'gNB')).toBe('sensitive');
    expect(criticalityOf(p, 'transport', 'CSR')).toBe('other');
  });

  it('lets a segment override change every function of the segment', () => {
    const p = policy('DE', { criticalityOverrides: [{ segment: 'ran', criticality: 'critical' }] });
    expect(criticalityOf(p, 'ran', 'gNB')).toBe('critical');
    expect(criticalityOf(p, 'ran', 'RU')).toBe('critical');
    expect(criticalityOf(p, 'core', 'UDSF')).toBe('sensitive');
  });

  it('lets a function override beat a segment override whatever their order', () => {
    const functionFirst = policy('DE', {
      criticalityOverrides: [
        { function: 'RU', criticality: 'other' },
        { segment: 'ran', criticality: 'critical' },
      ],
    });
    expect(criticalityOf(functionFirst, 'ran', 'RU')).toBe('other');
    expect(criticalityOf(functionFirst, 'ran', 'DU')).toBe('critical');
  });

  it('lets a later entry of the same kind beat an earlier one', () => {
    const p = policy('DE', {
      criticalityOverrides: [
        { function: 'gNB', criticality: 'other' },
        { function: 'gNB', criticality: 'critical' },
        { segment: 'core', criticality: 'other' },
        { segment: 'core', criticality: 'sensitive' },
      ],
    });
    expect(criticalityOf(p, 'ran', 'gNB')).toBe('critical');
    expect(criticalityOf(p, 'core', 'AMF')).toBe('sensitive');
  });

  it('applies a function override naming a segment only in that segment', () => {
    const p = policy('DE', { criticalityOverrides: [{ segment: 'transport', function: 'OPTICAL', criticality: 'critical' }] });
    expect(criticalityOf(p, 'transport', 'OPTICAL')).toBe('critical');
    expect(criticalityOf(p, 'it-cloud', 'OPTICAL')).toBe('sensitive'); // catalogue default
  });

  it('builds one table entry per member state × segment × function, each under its own policy', () => {
    const snap = snapshot({
      operators: [operator('OP-DE', 'DE'), operator('OP-FR', 'FR')],
      assets: [
        asset({ operator_id: 'OP-DE', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 1 }),
        asset({ operator_id: 'OP-FR', segment: 'ran', function: 'gNB', supplier_id: 'SUP-A', quantity: 1 }),
      ],
      policies: [policy('FR', { criticalityOverrides: [{ function: 'gNB', criticality: 'critical' }] })],
    });
    const table = buildCriticalityTable(snap);
    // memberStates [DE, FR], 8 segments, 1 function → 16 entries; ran is segment index 1
    expect(table.codes.length).toBe(16);
    const at = (op: number) => CRITICALITY_NAMES[table.codes[table.operatorBase[op] + 1 * table.functions + 0]];
    expect(at(0)).toBe('sensitive');
    expect(at(1)).toBe('critical');
  });
});
