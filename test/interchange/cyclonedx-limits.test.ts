import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validation } from '@cyclonedx/cyclonedx-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/errors.js';
import { BOM_LIMITS, BomTooLarge, parseBom, parseBomOffThread, validateBom } from '../../src/interchange/cyclonedx/index.js';
import { fixtureApp, login, type Fixture, type Session } from '../server/helpers.js';

/*
 * The CycloneDX check at scale: uniqueness by hashing classifies every document as the library's own
 * validator does; size and depth are bounded with a clear error; cycles of the dependency graph are
 * reported; and the check runs off the server's event loop.
 */

// the specification's examples are copied into the repository (test/fixtures/cyclonedx/README.md): npm test needs nothing outside it
const FIXTURE_DIR = join(import.meta.dirname, '..', 'fixtures', 'cyclonedx');
const fixtures = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, json: JSON.parse(readFileSync(join(FIXTURE_DIR, f), 'utf8')) as Record<string, unknown> }));

const bom = (components: unknown[], extra: Record<string, unknown> = {}) => ({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components, ...extra });
const lib = (name: string) => ({ type: 'library', name, version: '1.0.0' });

/** The library's own verdict (its validator with Ajv's pairwise uniqueItems): the reference to agree with. */
async function libraryValid(json: Record<string, unknown>): Promise<boolean> {
  return (await new Validation.JsonValidator(json.specVersion as never).validate(JSON.stringify(json))) === null;
}
const ourValid = (json: unknown) => {
  try {
    validateBom(json, 'x.json');
    return true;
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return false;
  }
};

describe('uniqueness by hashing classifies as the library does', () => {
  const variants: [string, Record<string, unknown>][] = [
    ['two equal components', bom([lib('a'), lib('a')])],
    // deep equality ignores key order: still a duplicate
    ['equal components, keys in another order', bom([lib('a'), { version: '1.0.0', name: 'a', type: 'library' }])],
    ['components that differ in one field', bom([lib('a'), { ...lib('a'), version: '1.0.1' }])],
    ['equal nested components', bom([{ ...lib('p'), components: [lib('a'), lib('a')] }])],
    ['a repeated dependsOn', bom([{ ...lib('a'), 'bom-ref': 'a' }, { ...lib('b'), 'bom-ref': 'b' }], { dependencies: [{ ref: 'a', dependsOn: ['b', 'b'] }] })],
    ['equal numbers written differently', bom([{ ...lib('a'), properties: [{ name: 'n', value: '1' }] }, { ...lib('a'), properties: [{ name: 'n', value: '1' }] }])],
  ];
  for (const f of fixtures) variants.push([`fixture ${f.name}`, f.json]);
  // every fixture with its first component repeated
  for (const f of fixtures)
    if (Array.isArray(f.json.components) && f.json.components.length > 0) variants.push([`fixture ${f.name}, first component twice`, { ...f.json, components: [...f.json.components, f.json.components[0]] }]);

  for (const [what, json] of variants)
    it(what, async () => {
      expect(ourValid(json)).toBe(await libraryValid(json));
    }, 30_000);

  it('a duplicate is named by its JSON path, as the library names it', () => {
    expect(() => validateBom(bom([lib('a'), lib('b'), lib('a')]), 'dup.json')).toThrow(/^dup\.json, field \/components: does not match CycloneDX 1\.6: must NOT have duplicate items \(items ## 0 and 2 are identical\)/);
  });
});

describe('bounds', () => {
  it('a BOM nested 2,000 levels deep is refused naming the depth, not a stack overflow', async () => {
    let c: Record<string, unknown> = lib('leaf');
    for (let i = 0; i < 2000; i++) c = { ...lib(`n${i}`), components: [c] };
    const e = await parseBom(bom([c]), 'deep.json').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as Error).message).toMatch(new RegExp(`^deep\\.json, field /components/0/components/0/.*: nests deeper than ${BOM_LIMITS.depth} levels`));
  });

  it(`more than ${BOM_LIMITS.components} components, nested ones counted, is BomTooLarge`, async () => {
    const many = Array.from({ length: BOM_LIMITS.components }, (_, i) => ({ type: 'library', name: `c${i}` }));
    const e = await parseBom(bom([...many.slice(1), { ...lib('p'), components: [lib('x')] }]), 'many.json').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BomTooLarge);
    expect((e as Error).message).toBe(`many.json: holds more than ${BOM_LIMITS.components} components; a BOM is read up to that many`);
  });
});

describe('dependency cycles', () => {
  const refs = ['a', 'b', 'c', 'd'].map((r) => ({ ...lib(r), 'bom-ref': r }));
  it('a self-reference and a three-step cycle are warnings naming them; a tree is not', async () => {
    const parsed = await parseBom(
      bom(refs, {
        dependencies: [
          { ref: 'a', dependsOn: ['b'] },
          { ref: 'b', dependsOn: ['c'] },
          { ref: 'c', dependsOn: ['a', 'd'] },
          { ref: 'd', dependsOn: ['d'] },
        ],
      }),
      'cyc.json',
    );
    expect(parsed.warnings).toEqual(['/dependencies: dependency cycle a → b → c → a', '/dependencies: dependency cycle d → d']);
    const tree = await parseBom(bom(refs, { dependencies: [{ ref: 'a', dependsOn: ['b', 'c'] }, { ref: 'b', dependsOn: ['d'] }, { ref: 'c', dependsOn: ['d'] }] }), 't.json');
    expect(tree.warnings).toEqual([]);
  });

  it('a cycle through 50,000 components is found without recursion', async () => {
    const n = 50_000;
    const deps = Array.from({ length: n }, (_, i) => ({ ref: `r${i}`, dependsOn: [`r${(i + 1) % n}`] }));
    const parsed = await parseBomOffThread('ring.json', Buffer.from(JSON.stringify(bom([], { dependencies: deps }))));
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toMatch(/^\/dependencies: dependency cycle r0 → r1 → .* → r49999 → r0$/);
  });
});

describe('the server stays responsive while a large BOM is checked', () => {
  let f: Fixture;
  let s: Session;
  beforeAll(async () => {
    f = await fixtureApp();
    s = await login(f.app, 'admin');
  });
  afterAll(async () => f.close());

  it('a BOM nested 2,000 deep answers 400 naming the depth (was a 500)', async () => {
    let c: Record<string, unknown> = lib('leaf');
    for (let i = 0; i < 2000; i++) c = { ...lib(`n${i}`), components: [c] };
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/products/P-A-GNB/boms?filename=deep.json', headers: { ...s.write, 'content-type': 'application/json' }, payload: JSON.stringify(bom([c])) });
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toContain(`nests deeper than ${BOM_LIMITS.depth} levels`);
  });

  it('/healthz answers throughout the check of a 30,000-component BOM', async () => {
    // 30,000 components: about 3 minutes with pairwise uniqueItems on this machine (10,000 took 25 s)
    const body = JSON.stringify(bom(Array.from({ length: 30_000 }, (_, i) => ({ ...lib(`lib-${i}`), 'bom-ref': `c${i}` }))));
    let done = false;
    const upload = f.app
      .inject({ method: 'POST', url: '/api/v1/products/P-A-GNB/boms?filename=big.json', headers: { ...s.write, 'content-type': 'application/json' }, payload: body })
      .finally(() => (done = true));
    const answered: number[] = [];
    while (!done) {
      const r = await f.app.inject({ method: 'GET', url: '/healthz' });
      expect(r.statusCode).toBe(200);
      if (!done) answered.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const res = await upload;
    expect(res.statusCode).toBe(201);
    expect(res.json().bom.components).toBe(30_000);
    // answered while the BOM was being checked, never waiting behind it: a generous 2 s between answers
    expect(answered.length).toBeGreaterThan(2);
    const gaps = answered.slice(1).map((t, i) => t - answered[i]!);
    expect(Math.max(...gaps)).toBeLessThan(2000);
  }, 60_000);
});
