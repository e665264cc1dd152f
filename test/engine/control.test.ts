import { describe, expect, it } from 'vitest';
import { Entity, Holding, type EntityKind, type HoldingInput } from '../../src/domain/ownership.js';
import { computeControl } from '../../src/engine/control.js';

/** Fictional entities; XA–XZ are user-assigned ISO codes standing for third countries, naming none. */
const e = (entity_id: string, kind: EntityKind, country?: string): Entity =>
  Entity.parse({ entity_id, name: `Entity ${entity_id}`, kind, country });
const h = (holder_id: string, held_id: string, percentage: number, extra: Partial<HoldingInput> = {}): Holding =>
  Holding.parse({ holder_id, held_id, percentage, ...extra });
const byId = <T extends { entityId: string }>(list: T[]) => Object.fromEntries(list.map((x) => [x.entityId, x]));

describe('look-through ownership and control through several layers', () => {
  /*
   * G (government, XA) 60 % of H1; P 40 % of H1; H1 80 % of H2; Q 20 % of H2;
   * H2 50 % of S; H3 (state body, XA, 100 % held by G) 10 % of S; R 40 % of S.
   * Owners: G = 0.6·0.8·0.5 + 1.0·0.1 = 0.24 + 0.10 = 0.34; P = 0.4·0.8·0.5 = 0.16; Q = 0.2·0.5 = 0.10;
   *         R = 0.40. Sum 1.00.
   * States: H3 keeps its 0.10 (not passed to G again); G 0.24 through H1, H2 → XA 0.34.
   * Control: no holder of S has a majority; H2 is controlled by H1 (80 %) which G controls (60 %), H3 by G
   * (100 %) → G commands 50 + 10 = 60 % of S's votes → G controls S; G is in XA → outside the EU/EEA.
   */
  const entities = [
    e('S', 'company', 'XB'), e('H1', 'company', 'XA'), e('H2', 'investment-vehicle', 'LU'), e('H3', 'state-body', 'XA'),
    e('G', 'government', 'XA'), e('P', 'individual', 'DE'), e('Q', 'company', 'FR'), e('R', 'company', 'IT'),
  ];
  const holdings = [
    h('G', 'H1', 60), h('P', 'H1', 40), h('H1', 'H2', 80), h('Q', 'H2', 20),
    h('H2', 'S', 50), h('H3', 'S', 10), h('R', 'S', 40), h('G', 'H3', 100),
  ];
  const r = computeControl(entities, holdings, 'S');

  it('multiplies stakes along each path and sums the paths', () => {
    const o = byId(r.owners);
    expect(Object.keys(o).sort()).toEqual(['G', 'P', 'Q', 'R']);
    expect(o.G.share).toBeCloseTo(0.34, 12);
    expect(o.P.share).toBeCloseTo(0.16, 12);
    expect(o.Q.share).toBeCloseTo(0.1, 12);
    expect(o.R.share).toBeCloseTo(0.4, 12);
    expect(r.unknownShare).toBeCloseTo(0, 12);
    expect(o.G.paths.map((p) => p.chain)).toEqual([['G', 'H1', 'H2', 'S'], ['G', 'H3', 'S']]);
    expect(o.G.paths[0].product).toBeCloseTo(0.24, 12);
    expect(o.G.explanation.text).toContain('G (60 %) → H1 (80 %) → H2 (50 %) → S');
  });

  it('sums state holdings per country without counting a state body and its government twice', () => {
    expect(r.stateShares).toHaveLength(1);
    expect(r.stateShares[0].country).toBe('XA');
    expect(r.stateShares[0].share).toBeCloseTo(0.34, 12);
    const s = byId(r.stateShares[0].entities);
    expect(s.G.share).toBeCloseTo(0.24, 12);
    expect(s.H3.share).toBeCloseTo(0.1, 12);
  });

  it('adds up the votes of holders under common control', () => {
    expect(r.ultimateControllers.map((u) => u.entityId)).toEqual(['G']);
    const [path] = r.ultimateControllers[0].paths;
    expect(path).toHaveLength(1);
    expect(path[0]).toMatchObject({ controllerId: 'G', controlledId: 'S', basis: 'aggregated', via: ['H2', 'H3'] });
    expect(path[0].votes).toBeCloseTo(0.6, 12);
    expect(path[0].viaChains).toEqual([['G', 'H1', 'H2'], ['G', 'H3']]);
    expect(r.ultimateControllers[0].explanation.text).toBe(
      'G ultimately controls S: G commands 60 % of the votes in S through H2 (controlled G → H1 → H2) + H3 (controlled G → H3).',
    );
    expect(r.controlOutsideEu).toBe(true);
    expect(r.missingData).toEqual([]);
    expect(r.cycles).toEqual([]);
  });

  it('follows a plain majority chain to the top', () => {
    // S ← A 70 % ← B 55 % ← C 51 %: C controls S through B and A; every entity is in the EU.
    const ents = [e('S', 'company', 'DE'), e('A', 'company', 'FR'), e('B', 'company', 'NL'), e('C', 'company', 'AT'),
      e('X1', 'company', 'DE'), e('X2', 'company', 'DE'), e('X3', 'company', 'DE')];
    const hs = [h('A', 'S', 70), h('X1', 'S', 30), h('B', 'A', 55), h('X2', 'A', 45), h('C', 'B', 51), h('X3', 'B', 49)];
    const c = computeControl(ents, hs, 'S');
    expect(c.ultimateControllers.map((u) => u.entityId)).toEqual(['C']);
    expect(c.ultimateControllers[0].paths[0].map((s) => `${s.controllerId}>${s.controlledId}:${s.basis}`)).toEqual([
      'C>B:majority', 'B>A:majority', 'A>S:majority',
    ]);
    expect(c.controlOutsideEu).toBe(false);
    // C's look-through stake is small although it controls: 0.51 · 0.55 · 0.70 = 0.19635.
    expect(byId(c.owners).C.share).toBeCloseTo(0.19635, 12);
  });
});

describe('golden shares and joint control', () => {
  it('gives control to a 1 % golden share, jointly with the majority holder', () => {
    const ents = [e('S', 'company', 'DE'), e('A', 'company', 'DE'), e('GOV', 'government', 'XC')];
    const c = computeControl(ents, [h('A', 'S', 99), h('GOV', 'S', 1, { control: 'yes' })], 'S');
    expect(c.ultimateControllers.map((u) => [u.entityId, u.paths[0][0].basis])).toEqual([
      ['A', 'majority'], ['GOV', 'control-flag'],
    ]);
    expect(c.controlOutsideEu).toBe(true);
    expect(c.stateShares.map((s) => [s.country, s.share])).toEqual([['XC', 0.01]]);
  });

  it('counts voting rights, not capital, for control', () => {
    // A holds 30 % of the capital but 65 % of the votes (multiple-vote shares).
    const ents = [e('S', 'company', 'DE'), e('A', 'company', 'XD'), e('B', 'company', 'DE')];
    const c = computeControl(ents, [h('A', 'S', 30, { voting_rights: 65 }), h('B', 'S', 70, { voting_rights: 35 })], 'S');
    expect(c.ultimateControllers.map((u) => u.entityId)).toEqual(['A']);
    expect(byId(c.owners).A.share).toBeCloseTo(0.3, 12);
  });

  it('reports joint control by two holders with control rights', () => {
    const ents = [e('S', 'company', 'FI'), e('J1', 'company', 'SE'), e('J2', 'company', 'XE')];
    const c = computeControl(ents, [h('J1', 'S', 50, { control: true }), h('J2', 'S', 50, { control: true })], 'S');
    expect(c.ultimateControllers.map((u) => u.entityId)).toEqual(['J1', 'J2']);
    expect(c.controlOutsideEu).toBe(true);
  });

  it('makes the subject its own controller when nobody has a majority or a control right', () => {
    const ents = [e('S', 'company', 'FI'), e('J1', 'company', 'SE'), e('J2', 'company', 'XE')];
    const c = computeControl(ents, [h('J1', 'S', 50), h('J2', 'S', 50)], 'S');
    expect(c.ultimateControllers).toHaveLength(1);
    expect(c.ultimateControllers[0]).toMatchObject({ entityId: 'S', isSubject: true });
    expect(c.controlOutsideEu).toBe(false);
  });
});

describe('cycles', () => {
  it('sums the rounds of a cross-holding as a geometric series', () => {
    /*
     * S ← A 100 %; A ← B 50 %, X 50 %; B ← A 40 %, Y 60 %. Round trip A → B → A keeps 0.5 · 0.4 = 0.2.
     * X = 0.5 · (1 + 0.2 + 0.2² + …) = 0.5 / 0.8 = 0.625; Y = 0.5 · 0.6 / 0.8 = 0.375; sum 1.
     */
    const ents = [e('S', 'company', 'DE'), e('A', 'company', 'DE'), e('B', 'company', 'DE'), e('X', 'individual', 'DE'), e('Y', 'company', 'XF')];
    const c = computeControl(ents, [h('A', 'S', 100), h('B', 'A', 50), h('X', 'A', 50), h('A', 'B', 40), h('Y', 'B', 60)], 'S');
    const o = byId(c.owners);
    expect(o.X.share).toBeCloseTo(0.625, 10);
    expect(o.Y.share).toBeCloseTo(0.375, 10);
    expect(c.unresolvedShare).toBeLessThan(1e-10);
    expect(c.cycles).toMatchObject([{ kind: 'ownership', members: ['A', 'B'] }]);
    // one round A ← B ← A keeps 0.5 · 0.4 = 0.2, so the factor is 1 / (1 − 0.2) = 1.25
    expect(c.cycles[0].loop).toBeCloseTo(0.2, 12);
    expect(c.cycles[0].factor).toBeCloseTo(1.25, 12);
    expect(c.cycles[0].text).toBe('A → B → A: one round keeps 50 % × 40 % = 20 %, so the rounds multiply what enters the loop by 1 / (1 − 0.2) = 1.25.');
    // per owner: X's one cycle-free path X → A → S is 0.5, and 0.625 / 0.5 = 1.25; Y's is 0.6 · 0.5 = 0.3, 0.375 / 0.3 = 1.25
    expect(o.X.explanation.inputs).toMatchObject({ cycleFreeShare: 0.5 });
    expect(o.X.explanation.inputs.cycleFactor as number).toBeCloseTo(1.25, 10);
    expect(o.Y.explanation.inputs.cycleFactor as number).toBeCloseTo(1.25, 10);
    expect(o.X.explanation.text).toContain('Factor applied by the rounds: 62.5 % / 50 % over the cycle-free paths = 1.25.');
    expect(c.explanation.text).toContain('one round keeps 50 % × 40 % = 20 %');
    // A: B (controlled by Y) 50 % and X 50 % — no majority for anyone, so A is the top of the control chain.
    expect(c.ultimateControllers.map((u) => u.entityId)).toEqual(['A']);
    expect(c.owners[0].explanation.text).toContain('cycle');
  });

  it('cuts a control cycle where it closes and reports it', () => {
    /*
     * S ← A 60 %, T 40 %; A ← B 70 %, Z 30 %; B ← A 60 %, W 40 %. Loop gain 0.7 · 0.6 = 0.42.
     * Z = 0.6 · 0.3 / 0.58 = 0.310345; W = 0.6 · 0.7 · 0.4 / 0.58 = 0.289655; T = 0.4.
     */
    const ents = ['S', 'A', 'B', 'Z', 'W', 'T'].map((id) => e(id, 'company', 'DE'));
    const c = computeControl(ents, [h('A', 'S', 60), h('T', 'S', 40), h('B', 'A', 70), h('Z', 'A', 30), h('A', 'B', 60), h('W', 'B', 40)], 'S');
    const o = byId(c.owners);
    expect(o.Z.share).toBeCloseTo(0.18 / 0.58, 10);
    expect(o.W.share).toBeCloseTo(0.168 / 0.58, 10);
    expect(o.T.share).toBeCloseTo(0.4, 12);
    expect(c.ultimateControllers).toHaveLength(1);
    expect(c.ultimateControllers[0]).toMatchObject({ entityId: 'A', cycle: ['A', 'B'] });
    // loop gain 0.42 → factor 1 / 0.58 = 1.724138 (to 6 places)
    expect(c.cycles[0].factor).toBeCloseTo(1 / 0.58, 12);
    expect(c.cycles[0].text).toContain('by 1 / (1 − 0.42) = 1.724138.');
    expect(c.ultimateControllers[0].explanation.text).toContain('cycle');
  });

  it('stops on a closed cycle and reports the share it could not resolve', () => {
    const ents = ['S', 'A', 'B'].map((id) => e(id, 'company', 'DE'));
    const c = computeControl(ents, [h('A', 'S', 100), h('B', 'A', 100), h('A', 'B', 100)], 'S');
    expect(c.owners).toEqual([]);
    expect(c.unresolvedShare).toBeCloseTo(1, 12);
    expect(c.cycles).toEqual([{ kind: 'ownership', members: ['A', 'B'], loop: 1, text: 'A → B → A: a closed loop (100 % × 100 % = 100 % kept each round), so what enters it never leaves and is reported as unresolved.' }]);
  });
});

describe('dense groups', () => {
  it('resolves 20 layers of three entities each holding a third of each below, quickly', () => {
    // By symmetry each of the three top entities ends up with 1/3 of S; 3^20 paths exist, so path listing
    // and control resolution must not enumerate them. Layer 1 holds S directly in thirds.
    const layers = 20;
    const ents = [e('S', 'company', 'DE')];
    const hs: Holding[] = [];
    for (let l = 1; l <= layers; l++) {
      for (let i = 0; i < 3; i++) {
        ents.push(e(`L${l}-${i}`, 'company', 'DE'));
        if (l === 1) hs.push(h(`L1-${i}`, 'S', 100 / 3));
        else for (let j = 0; j < 3; j++) hs.push(h(`L${l}-${i}`, `L${l - 1}-${j}`, 100 / 3));
      }
    }
    const t0 = performance.now();
    const c = computeControl(ents, hs, 'S');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(c.owners.map((o) => o.entityId)).toEqual([`L${layers}-0`, `L${layers}-1`, `L${layers}-2`]);
    for (const o of c.owners) expect(o.share).toBeCloseTo(1 / 3, 10);
    expect(c.owners[0].paths.length).toBeLessThanOrEqual(20);
    expect(c.ultimateControllers.map((u) => u.entityId)).toEqual(['S']);
  });
});

describe('missing data', () => {
  it('reports holdings above 100 %', () => {
    const c = computeControl([e('S', 'company', 'DE'), e('A', 'company', 'DE'), e('B', 'company', 'DE')], [h('A', 'S', 70), h('B', 'S', 40)], 'S');
    expect(c.missingData).toMatchObject([{ kind: 'over-allocated', entityId: 'S' }]);
    expect(c.unknownShare).toBe(0);
  });

  it('reports unknown holders, missing countries and incomplete holdings', () => {
    // S ← GHOST 30 % (not recorded), M 50 % (no country); 20 % unrecorded → unknown 0.3 + 0.2 = 0.5.
    const ents = [e('S', 'company', 'DE'), e('M', 'company')];
    const c = computeControl(ents, [h('GHOST', 'S', 30), h('M', 'S', 50)], 'S');
    expect(c.unknownShare).toBeCloseTo(0.5, 12);
    expect(byId(c.owners).M.share).toBeCloseTo(0.5, 12);
    expect(c.missingData.map((m) => `${m.kind}:${m.entityId}`).sort()).toEqual([
      'incomplete-holdings:S', 'missing-country:M', 'unknown-entity:GHOST',
    ]);
    const incomplete = c.missingData.find((m) => m.kind === 'incomplete-holdings');
    expect(incomplete).toMatchObject({ recorded: 0.8 });
  });

  it('cannot tell whether control is outside the EU when the controller has no country', () => {
    const c = computeControl([e('S', 'company', 'DE'), e('M', 'company')], [h('M', 'S', 60), h('N', 'S', 40)], 'S');
    expect(c.ultimateControllers.map((u) => u.entityId)).toEqual(['M']);
    expect(c.controlOutsideEu).toBeNull();
  });

  it('reports a supplier with no holdings at all as wholly of unknown ownership', () => {
    const c = computeControl([e('S', 'company', 'DE')], [], 'S');
    expect(c.unknownShare).toBe(1);
    expect(c.missingData.map((m) => m.kind)).toEqual(['no-holdings']);
  });

  /*
   * Control status (docs/ownership-and-profiles.md §1.3): `unknown`, not `no`, when more than 50 % of the
   * votes where control stops are held by no recorded entity. Every entity below is in DE (EU).
   */
  describe('control status when ownership data is missing', () => {
    const de = (id: string, kind: EntityKind = 'company') => e(id, kind, 'DE');
    it('nothing recorded: S is its own controller, 100 % of its votes unrecorded → unknown (was "no")', () => {
      const c = computeControl([de('S')], [], 'S');
      expect([c.controlStatus, c.controlOutsideEu]).toEqual(['unknown', null]);
      expect(c.controlStatusReason).toBe('ownership data missing: no holding in S is recorded (more than 50 %, so a holder not recorded could control it); 100 % of the ownership has unknown owners');
    });
    it('A 30 % and B 15 %, 55 % unrecorded: nobody has a majority and 55 % > 50 % → unknown', () => {
      const c = computeControl([de('S'), de('A', 'individual'), de('B', 'individual')], [h('A', 'S', 30), h('B', 'S', 15)], 'S');
      expect(c.ultimateControllers.map((u) => u.entityId)).toEqual(['S']);
      expect(c.unknownShare).toBeCloseTo(0.55, 12);
      expect(c.controlStatus).toBe('unknown');
      expect(c.controlStatusReason).toContain('55 % of the votes in S are held by no recorded entity');
    });
    it('A 45 % and B 10 %, 45 % unrecorded: 45 % ≤ 50 % → no, with the unknown share named', () => {
      const c = computeControl([de('S'), de('A', 'individual'), de('B', 'individual')], [h('A', 'S', 45), h('B', 'S', 10)], 'S');
      expect([c.controlStatus, c.controlOutsideEu]).toEqual(['no', false]);
      expect(c.controlStatusReason).toContain('45 % of the ownership has unknown owners');
    });
    it('A 60 %, 40 % unrecorded: A controls by majority → no', () => {
      const c = computeControl([de('S'), de('A', 'individual')], [h('A', 'S', 60)], 'S');
      expect(c.controlStatus).toBe('no');
    });
    it('F 30 % of the capital with 60 % of the votes, 70 % of the capital unrecorded: F controls → no; unknown share 70 %', () => {
      const c = computeControl([de('S'), de('F', 'individual')], [h('F', 'S', 30, { voting_rights: 60 })], 'S');
      expect(c.ultimateControllers.map((u) => u.entityId)).toEqual(['F']);
      expect(c.unknownShare).toBeCloseTo(0.7, 12);
      expect(c.controlStatus).toBe('no');
    });
    it('H holds S 100 %, P holds H 30 %, 70 % of H unrecorded: control stops at H with 70 % of its votes unrecorded → unknown', () => {
      const c = computeControl([de('S'), de('H'), de('P', 'individual')], [h('H', 'S', 100), h('P', 'H', 30)], 'S');
      expect(c.ultimateControllers.map((u) => u.entityId)).toEqual(['H']);
      expect(c.unknownShare).toBeCloseTo(0.7, 12);
      expect(c.controlStatus).toBe('unknown');
      expect(c.controlStatusReason).toContain('70 % of the votes in H are held by no recorded entity');
    });
    it('a known controller outside the EU/EEA settles it whatever is missing → yes', () => {
      const c = computeControl([de('S'), e('X', 'company', 'XC')], [h('X', 'S', 20, { control: true })], 'S');
      expect([c.controlStatus, c.controlOutsideEu]).toEqual(['yes', true]);
      expect(c.controlStatusReason).toBe('X (XC) outside the EU/EEA; 80 % of the ownership has unknown owners');
    });
  });

  it('leaves out holdings dated after the as-of date', () => {
    const ents = [e('S', 'company', 'DE'), e('A', 'company', 'DE'), e('B', 'company', 'XG')];
    const hs = [h('A', 'S', 100, { since: '2020-01-01' }), h('B', 'A', 80, { since: '2027-03-01' })];
    expect(computeControl(ents, hs, 'S', { asOf: '2026-01-01' }).ultimateControllers.map((u) => u.entityId)).toEqual(['A']);
    expect(computeControl(ents, hs, 'S', { asOf: '2027-06-01' }).ultimateControllers.map((u) => u.entityId)).toEqual(['B']);
  });

  it('rejects an unknown subject with a user error', () => {
    expect(() => computeControl([], [], 'NOPE')).toThrow(/no entity NOPE/);
  });

  it('rejects bad rows with the field named', () => {
    expect(Holding.safeParse({ holder_id: 'A', held_id: 'B', percentage: '120' }).error?.issues[0]).toMatchObject({ path: ['percentage'] });
    expect(Holding.safeParse({ holder_id: 'A', held_id: 'A', percentage: 5 }).error?.issues[0]).toMatchObject({ path: ['held_id'] });
    expect(Holding.safeParse({ holder_id: 'A', held_id: 'B', percentage: 5, control: 'maybe' }).success).toBe(false);
    expect(Entity.safeParse({ entity_id: 'A', name: 'A', kind: 'trust', country: 'DE' }).success).toBe(false);
  });
});
