import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/domain/entities.js';
import { Entity, Holding, type EntityKind, type HoldingInput } from '../../src/domain/ownership.js';
import { computeControl } from '../../src/engine/control.js';
import { suggestScores, type SuggestionResult } from '../../src/engine/profile-suggestions.js';
import { bomOrigins, parseBom } from '../../src/interchange/cyclonedx/index.js';

const e = (entity_id: string, kind: EntityKind, country?: string) => Entity.parse({ entity_id, name: entity_id, kind, country });
const h = (holder_id: string, held_id: string, percentage: number, extra: Partial<HoldingInput> = {}) =>
  Holding.parse({ holder_id, held_id, percentage, ...extra });
const score = (r: SuggestionResult, criterion: string) => r.suggestions.find((s) => s.criterion === criterion)?.score;
const product = (product_id: string, certifications: string[], end_of_support?: string): Product =>
  ({ product_id, supplier_id: 'SUP-A', name: product_id, function: 'gNB', certifications, end_of_support });

describe('suggestions from ownership and control', () => {
  it('suggests 4 for C1.1 and C1.3 when a non-EU government controls the supplier', () => {
    const c = computeControl([e('S', 'company', 'DE'), e('A', 'company', 'DE'), e('GOV', 'government', 'XC')],
      [h('A', 'S', 99), h('GOV', 'S', 1, { control: true })], 'S');
    const r = suggestScores({ control: c });
    expect([score(r, 'C1.1'), score(r, 'C1.3')]).toEqual([4, 4]);
    expect(r.suggestions.find((s) => s.criterion === 'C1.1')!.explanation.text).toContain('GOV, a government of XC, ultimately controls S');
    expect(r.notSuggested.map((n) => n.criterion)).toEqual(['C1.2']);
  });

  it('grades a minority non-EU state stake and leaves EU state stakes out of group 1', () => {
    // A (DE) 70 %, state body XB 15 %, EU government FR 15 %: non-EU state 15 % → C1.1 2; known, controlled in EU → C1.3 1.
    const c = computeControl([e('S', 'company', 'DE'), e('A', 'company', 'DE'), e('SB', 'state-body', 'XB'), e('FRG', 'government', 'FR')],
      [h('A', 'S', 70), h('SB', 'S', 15), h('FRG', 'S', 15)], 'S');
    const r = suggestScores({ control: c });
    expect([score(r, 'C1.1'), score(r, 'C1.3')]).toEqual([2, 1]);
    expect(r.suggestions[0].explanation.text).toContain('EU/EEA state holdings of 15 %');
  });

  it('suggests 3 for C1.3 when most of the ownership is unknown, and 0 for C1.1 with a caveat', () => {
    const c = computeControl([e('S', 'company', 'DE'), e('A', 'company', 'DE')], [h('A', 'S', 40)], 'S');
    const r = suggestScores({ control: c });
    expect([score(r, 'C1.1'), score(r, 'C1.3')]).toEqual([0, 3]);
    expect(r.suggestions[0].explanation.text).toContain('60 % of the ownership is unknown');
  });
});

describe('suggestions from BOM origins', () => {
  const load = async (f: string) => {
    const bom = await parseBom(JSON.parse(readFileSync(new URL(`../fixtures/cyclonedx/${f}`, import.meta.url), 'utf8')), f);
    return bomOrigins(bom.components, f);
  };

  it('reads the gNB DU: third countries XA 2, XB 1, XC 1 of 10; 6 of 8 single-sourced', async () => {
    // Top third country XA 2/10 = 20 % < 25 % → C1.4 1. Single sources 6/8 = 75 % ≥ 50 % → C2.1 3.
    const r = suggestScores({ origins: [await load('gnb-du-1.6.json')] });
    expect([score(r, 'C1.4'), score(r, 'C2.1')]).toEqual([1, 3]);
    expect(r.suggestions.find((s) => s.criterion === 'C1.4')!.explanation.text).toContain('40 % of 10 components are made outside the EU/EEA; the largest third-country share is XA with 20 %');
  }, 20_000);

  it('needs control in the same country for a 4 on place of manufacturing', () => {
    const origins = [{ components: 10, byCountry: [{ country: 'XA', components: 9 }, { country: 'DE', components: 1 }], sourceAssessedComponents: 0, singleSourceComponents: [] }];
    expect(score(suggestScores({ origins }), 'C1.4')).toBe(3);
    const c = computeControl([e('S', 'company', 'XA'), e('P', 'company', 'XA')], [h('P', 'S', 100)], 'S');
    expect(score(suggestScores({ origins, control: c }), 'C1.4')).toBe(4);
    // 6 of 10 unknown → more than half unknown: no suggestion.
    const unknown = [{ components: 10, byCountry: [{ country: 'unknown', components: 6 }, { country: 'XA', components: 4 }], sourceAssessedComponents: 0, singleSourceComponents: [] }];
    const r = suggestScores({ origins: unknown });
    expect(score(r, 'C1.4')).toBeUndefined();
    expect(r.notSuggested.map((n) => n.criterion)).toEqual(['C1.4', 'C2.1']);
  });
});

describe('suggestions from supply facts and products', () => {
  it('maps recorded supply facts', () => {
    const r = suggestScores({ supply: { singleSourceCriticalComponents: 1, exportControlExposure: true, financialStability: { note: 'two loss-making years', concern: 2 } } });
    expect(r.suggestions.map((s) => [s.criterion, s.score])).toEqual([['C2.1', 2], ['C2.2', 2], ['C2.3', 2]]);
    const noted = suggestScores({ supply: { exportControlExposure: false, financialStability: { note: 'no accounts published' } } });
    expect(noted.suggestions.map((s) => [s.criterion, s.score])).toEqual([['C2.3', 0]]);
    expect(noted.notSuggested).toMatchObject([{ criterion: 'C2.2' }]);
  });

  it('grades evaluations and support periods of the supplier products', () => {
    // 1 of 2 evaluated (NESAS) → C3.2 1, C3.1 1; P2's support ended 2025-12-31 before 2026-06-01 → C2.4 4.
    const r = suggestScores({ products: [product('P1', ['NESAS'], '2033-06-30'), product('P2', [], '2025-12-31')], asOf: '2026-06-01' });
    expect(r.suggestions.map((s) => [s.criterion, s.score])).toEqual([['C2.4', 4], ['C3.1', 1], ['C3.2', 1]]);
    const grade = (eos: (string | undefined)[]) =>
      score(suggestScores({ products: eos.map((d, i) => product(`P${i}`, ['EUCC'], d)), asOf: '2026-06-01' }), 'C2.4');
    expect(grade(['2031-06-01', '2035-01-01'])).toBe(1); // both at or after 2031-06-01 (5 years on)
    expect(grade(['2031-05-31', '2035-01-01'])).toBe(2);
    expect(grade(['2031-06-01', undefined])).toBe(3);
    const eucc = suggestScores({ products: [product('P1', ['EUCC'])] });
    expect([score(eucc, 'C3.2'), score(eucc, 'C3.1')]).toEqual([0, undefined]);
    expect(eucc.notSuggested.map((n) => n.criterion)).toEqual(['C3.1', 'C2.4']);
  });
});
