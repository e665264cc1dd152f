import { describe, expect, it } from 'vitest';
import {
  CATALOG,
  CATALOG_VERSION,
  LinkOverrides,
  applyLinkOverrides,
  getCatalog,
  parseLinkOverrides,
  type RiskMeasureLink,
} from '../../src/catalog/index.js';
import { ImportError } from '../../src/domain/errors.js';

const base: RiskMeasureLink[] = [
  { riskArea: 'R1', measure: 'TM01', effect: 'primary', rationale: 'a', source: 'secure5g-default' },
  { riskArea: 'R1', measure: 'SM02', effect: 'supporting', rationale: 'b', source: 'secure5g-default' },
  { riskArea: 'R2', measure: 'TM03', effect: 'primary', rationale: 'c', source: 'secure5g-default' },
];

const errorOf = (f: () => unknown): ImportError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
};

describe('applyLinkOverrides', () => {
  it('replaces in place, appends new links in file order, drops removed ones, and leaves its input alone', () => {
    const before = structuredClone(base);
    const out = applyLinkOverrides(
      base,
      LinkOverrides.parse({
        source: 'authority-2027',
        set: [
          { riskArea: 'R9', measure: 'SA07', effect: 'supporting', rationale: 'new one' },
          { riskArea: 'R1', measure: 'SM02', effect: 'primary', rationale: 'upgraded' },
        ],
        remove: [{ riskArea: 'R1', measure: 'TM01' }],
      }),
    );
    expect(out).toEqual([
      { riskArea: 'R1', measure: 'SM02', effect: 'primary', rationale: 'upgraded', source: 'authority-2027' },
      { riskArea: 'R2', measure: 'TM03', effect: 'primary', rationale: 'c', source: 'secure5g-default' },
      { riskArea: 'R9', measure: 'SA07', effect: 'supporting', rationale: 'new one', source: 'authority-2027' },
    ]);
    expect(base).toEqual(before);
  });

  it('returns an equal copy for an empty overrides file', () => {
    const out = applyLinkOverrides(base, LinkOverrides.parse({ source: 'nothing' }));
    expect(out).toEqual(base);
    expect(out).not.toBe(base);
  });

  it('rejects removing a link that does not exist, naming the entry', () => {
    const e = errorOf(() =>
      applyLinkOverrides(base, LinkOverrides.parse({ source: 'x', remove: [{ riskArea: 'R2', measure: 'SM01' }] }), 'nat.json'),
    );
    expect(e.message).toBe('nat.json, field remove.0: there is no link R2/SM01 to remove');
  });
});

describe('overrides file schema', () => {
  const bad = (json: unknown) => errorOf(() => parseLinkOverrides(json, 'overrides.json')).message;

  it('accepts a well-formed file', () => {
    const o = parseLinkOverrides(
      { source: 'example-authority', set: [{ riskArea: 'R4', measure: 'SM06', effect: 'supporting', rationale: 'x' }] },
      'overrides.json',
    );
    expect(o.remove).toEqual([]);
    expect(o.set).toHaveLength(1);
  });

  it('names file and field for unknown ids, bad effects, empty rationales and unknown keys', () => {
    expect(bad({ source: 's', set: [{ riskArea: 'R4', measure: 'SM09', effect: 'primary', rationale: 'x' }] })).toMatch(
      /^overrides\.json, field set\.0\.measure: /,
    );
    expect(bad({ source: 's', remove: [{ riskArea: 'R10', measure: 'SM01' }] })).toMatch(/^overrides\.json, field remove\.0\.riskArea: /);
    expect(bad({ source: 's', set: [{ riskArea: 'R4', measure: 'SM01', effect: 'major', rationale: 'x' }] })).toMatch(/field set\.0\.effect: /);
    expect(bad({ source: 's', set: [{ riskArea: 'R4', measure: 'SM01', effect: 'primary', rationale: ' ' }] })).toMatch(
      /field set\.0\.rationale: is required/,
    );
    expect(bad({ source: 's', sets: [] })).toMatch(/^overrides\.json: /);
  });

  it('requires a source label other than the project default', () => {
    expect(bad({ set: [] })).toMatch(/field source/);
    expect(bad({ source: 'secure5g-default' })).toBe('overrides.json, field source: must differ from secure5g-default');
    expect(bad({ source: 'has space' })).toMatch(/field source: may hold only/);
  });

  it('rejects a pair named twice', () => {
    expect(
      bad({
        source: 's',
        set: [{ riskArea: 'R4', measure: 'SM05', effect: 'primary', rationale: 'x' }],
        remove: [{ riskArea: 'R4', measure: 'SM05' }],
      }),
    ).toBe('overrides.json, field remove.0: R4/SM05 is already named at set[0]');
  });
});

describe('getCatalog with overrides', () => {
  it('returns the shipped catalogue without overrides', () => {
    expect(getCatalog()).toBe(CATALOG);
  });

  it('marks the version and carries the changed links', () => {
    const c = getCatalog({
      linkOverrides: parseLinkOverrides(
        {
          source: 'example-authority',
          set: [{ riskArea: 'R4', measure: 'SA06', effect: 'supporting', rationale: 'shared practice on diversity' }],
          remove: [{ riskArea: 'R4', measure: 'SM08' }],
        },
        'o.json',
      ),
    });
    expect(c.version).toBe(`${CATALOG_VERSION}+example-authority`);
    expect(c.riskMeasureLinks).toHaveLength(CATALOG.riskMeasureLinks.length); // one out, one in
    const r4 = c.riskMeasureLinks.filter((l) => l.riskArea === 'R4').map((l) => l.measure);
    expect(r4).toContain('SA06');
    expect(r4).not.toContain('SM08');
    expect(CATALOG.riskMeasureLinks.some((l) => l.riskArea === 'R4' && l.measure === 'SM08')).toBe(true);
  });

  it('refuses overrides that leave a risk area without any measure', () => {
    const allR9 = CATALOG.riskMeasureLinks.filter((l) => l.riskArea === 'R9').map((l) => ({ riskArea: l.riskArea, measure: l.measure }));
    const e = errorOf(() => getCatalog({ linkOverrides: parseLinkOverrides({ source: 's', remove: allR9 }, 'o.json'), overridesFile: 'o.json' }));
    expect(e.message).toBe('o.json, field remove: leaves risk area R9 without any mitigating measure');
  });
});
