import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/domain/errors.js';
import { DEFAULT_RISK_MODEL, RISK_LEVELS, resolveRiskModel, riskLevel } from '../../../src/catalog/risk-model.js';

const rejects = (override: unknown) => {
  try {
    resolveRiskModel(override, 'risk.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('risk model', () => {
  it('bands the default matrix by L × I: ≤ 4 low, 5–9 medium, 10–16 high, 20–25 very-high', () => {
    expect(riskLevel(DEFAULT_RISK_MODEL, 1, 4)).toBe('low');
    expect(riskLevel(DEFAULT_RISK_MODEL, 5, 1)).toBe('medium');
    expect(riskLevel(DEFAULT_RISK_MODEL, 3, 3)).toBe('medium');
    expect(riskLevel(DEFAULT_RISK_MODEL, 2, 5)).toBe('high');
    expect(riskLevel(DEFAULT_RISK_MODEL, 4, 4)).toBe('high');
    expect(riskLevel(DEFAULT_RISK_MODEL, 4, 5)).toBe('very-high');
    const counts = Object.fromEntries(RISK_LEVELS.map((l) => [l, DEFAULT_RISK_MODEL.matrix.flat().filter((x) => x === l).length]));
    // products 1,2,2,3,3,4,4,4 → 8 low; 5,5,6,6,8,8,9 → 7 medium; 10,10,12,12,15,15,16 → 7 high; 20,20,25 → 3
    expect(counts).toEqual({ low: 8, medium: 7, high: 7, 'very-high': 3 });
  });

  it('returns the default when nothing overrides it', () => {
    expect(resolveRiskModel()).toBe(DEFAULT_RISK_MODEL);
  });

  it('merges an override field by field', () => {
    const m = resolveRiskModel({ source: 'nat', areas: { R1: { baseline: 0.75 } }, mitigation: { statusFactor: { 'in-progress': 0.25 } } });
    expect(m.areas.R1).toEqual({ ...DEFAULT_RISK_MODEL.areas.R1, baseline: 0.75 });
    expect(m.mitigation.statusFactor).toEqual({ ...DEFAULT_RISK_MODEL.mitigation.statusFactor, 'in-progress': 0.25 });
    expect(m.mitigation.primary).toBe(1);
  });

  it('names the file and field of every invalid override', () => {
    expect(rejects({ source: 'x', areas: { R4: { likelihood: [{ driver: 'vendor-nationality', weight: 1 }] } } })).toMatch(
      /^risk\.json, field areas\.R4\.likelihood\.0\.driver: /,
    );
    expect(rejects({ source: 'x', areas: { R4: { impact: [{ driver: 'subscriber-scale', weight: 0 }] } } })).toBe(
      'risk.json, field areas.R4.impact: must give some driver a positive weight',
    );
    expect(rejects({ source: 'x', areas: { R10: { baseline: 0.5 } } })).toMatch(/^risk\.json, field areas: .*R10/);
    expect(rejects({ source: 'x', matrix: DEFAULT_RISK_MODEL.matrix.slice(0, 4) })).toBe('risk.json, field matrix: must hold 5 rows, for likelihood 1 to 5');
    expect(rejects({ source: 'x', matrix: [['low'], ...DEFAULT_RISK_MODEL.matrix.slice(1)] })).toBe('risk.json, field matrix.0: must hold 5 levels, for impact 1 to 5');
    expect(rejects({ source: 'x', scale: { subscriberBands: [10, 5] } })).toBe('risk.json, field scale.subscriberBands: must be strictly ascending');
    expect(rejects({ source: 'x', mitigation: { statusFactor: { 'in-place': 2 } } })).toBe(
      'risk.json, field mitigation.statusFactor.in-place: must be between 0 and 1',
    );
    expect(rejects({ source: 'has space' })).toMatch(/^risk\.json, field source: /);
  });
});
