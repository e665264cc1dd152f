import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_LAST_MODIFIED, CATALOG_VERSION, getCatalog, parseLinkOverrides } from '../../src/catalog/index.js';
import { catalogToOscal, uuidV5 } from '../../src/interchange/oscal-catalog.js';

// ajv-formats is CommonJS: under NodeNext the default import is its module.exports, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

const SCHEMA_PATH = join(import.meta.dirname, '..', 'fixtures', 'oscal', 'oscal_catalog_schema.json');

/** The slice of an OSCAL catalog these tests look into; the schema checks the rest. */
interface Prop { name: string; value: string; ns?: string; class?: string; remarks?: string }
interface Control {
  id: string;
  title: string;
  props: Prop[];
  links: { href: string; rel?: string }[];
  parts: { name: string; prose?: string }[];
  params?: { id: string; select: { choice: string[] } }[];
}
interface Group { id: string; title: string; controls?: Control[]; groups?: Group[] }
interface Resource { uuid: string; title: string; props?: Prop[] }
interface OscalDoc {
  catalog: {
    uuid: string;
    metadata: Record<string, string>;
    groups: Group[];
    'back-matter': { resources: Resource[] };
  };
}

let validate: ValidateFunction;
const doc = () => catalogToOscal(CATALOG) as OscalDoc;
const controlsOf = (g: Group): Control[] => [...(g.controls ?? []), ...(g.groups ?? []).flatMap(controlsOf)];

beforeAll(() => {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { $schema: string };
  // The schema declares draft-07, which the default Ajv class implements.
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  validate = ajv.compile(schema);
});

describe('uuidV5', () => {
  it('matches the RFC 4122 / Python uuid5 reference values', () => {
    // python3: uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com')
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    // python3: uuid.uuid5(uuid.NAMESPACE_URL, 'urn:secure5g:oscal')
    expect(uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'urn:secure5g:oscal')).toBe('9f64e7c4-4fc6-5a58-8d7f-ffb60045dff1');
  });
});

describe('catalogToOscal', () => {
  it('produces a document valid against the OSCAL 1.2.1 catalog schema', () => {
    const d = doc();
    const ok = validate(d);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is rejected by the same validator when broken', () => {
    const broken: [string, (d: OscalDoc) => void][] = [
      ['control id starting with a digit', (d) => (d.catalog.groups[0]!.controls![0]!.id = '01sm')],
      ['metadata without version', (d) => delete d.catalog.metadata.version],
      ['catalog uuid of version 1', (d) => (d.catalog.uuid = 'c232ab00-9414-11ec-b3c8-9f6bdeced846')],
      ['last-modified without time zone', (d) => (d.catalog.metadata['last-modified'] = '2026-11-28T00:00:00')],
      ['unknown field on a control', (d) => ((d.catalog.groups[0]!.controls![0] as unknown as Record<string, unknown>).statement = 'x')],
      ['prop value with leading space', (d) => (d.catalog.groups[1]!.controls![0]!.props[0]!.value = ' TM01')],
    ];
    for (const [what, breakIt] of broken) {
      const d = doc();
      breakIt(d);
      expect(validate(d), what).toBe(false);
    }
  });

  it('states the catalogue version, OSCAL 1.2.1 and a reproducible last-modified date', () => {
    const m = doc().catalog.metadata;
    expect(m.version).toBe(CATALOG_VERSION);
    expect(m['oscal-version']).toBe('1.2.1');
    expect(m['last-modified']).toBe(CATALOG_LAST_MODIFIED);
    const at = new Date('2027-01-15T10:30:00Z');
    expect((catalogToOscal(CATALOG, { now: at }) as OscalDoc).catalog.metadata['last-modified']).toBe('2027-01-15T10:30:00.000Z');
  });

  it('is identical on every run, and changes its UUID only with the catalogue version', () => {
    expect(JSON.stringify(doc())).toBe(JSON.stringify(doc()));
    const overridden = getCatalog({ linkOverrides: parseLinkOverrides({ source: 'example-authority' }, 'o.json') });
    const other = catalogToOscal(overridden) as OscalDoc;
    expect(other.catalog.metadata.version).toBe(`${CATALOG_VERSION}+example-authority`);
    expect(other.catalog.uuid).not.toBe(doc().catalog.uuid);
    expect(validate(other)).toBe(true);
  });

  it('uses a given UUID and refuses one that is not RFC 4122 version 4 or 5', () => {
    const given = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    expect((catalogToOscal(CATALOG, { uuid: given }) as OscalDoc).catalog.uuid).toBe(given);
    expect(() => catalogToOscal(CATALOG, { uuid: 'not-a-uuid' })).toThrow(/RFC 4122/);
  });

  it('has unique UUIDs and control, part and parameter ids', () => {
    const text = JSON.stringify(doc());
    const uuids = [...text.matchAll(/"uuid":"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(uuids).size).toBe(uuids.length);
    const ids = [...text.matchAll(/"id":"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('groups the 29 measures by kind as lower-case controls with statements and props', () => {
    const groups = doc().catalog.groups;
    expect(groups.map((g) => g.id)).toEqual(['strategic', 'technical', 'supporting', 'supplier-criteria']);
    expect(groups.slice(0, 3).map((g) => g.controls!.length)).toEqual([8, 11, 10]);
    const sm05 = groups[0]!.controls!.find((c) => c.id === 'sm05')!;
    expect(sm05.title).toBe(CATALOG.measures.find((m) => m.id === 'SM05')!.title);
    expect(sm05.props.find((p) => p.name === 'label')!.value).toBe('SM05');
    expect(sm05.props.filter((p) => p.name === 'acting-party').map((p) => p.value)).toEqual(['member-state', 'national-authority']);
    expect(sm05.parts.find((p) => p.name === 'statement')!.prose).toBe(CATALOG.measures.find((m) => m.id === 'SM05')!.summary);
  });

  it('carries every risk→measure link as a prop and as a link to the risk area resource', () => {
    const d = doc();
    const controls = d.catalog.groups.slice(0, 3).flatMap(controlsOf);
    const resources = new Map(d.catalog['back-matter'].resources.map((r) => [r.uuid, r]));
    let seen = 0;
    for (const link of CATALOG.riskMeasureLinks) {
      const control = controls.find((c) => c.id === link.measure.toLowerCase())!;
      const p = control.props.find((x) => x.name === 'mitigates' && x.value === link.riskArea);
      expect(p, `${link.measure}→${link.riskArea}`).toBeDefined();
      expect(p!.class).toBe(link.effect);
      expect(p!.remarks).toContain(link.rationale);
      const targets = control.links
        .filter((l) => l.rel === 'mitigates')
        .map((l) => resources.get(l.href.slice(1))!.props!.find((x) => x.name === 'risk-area')!.value);
      expect(targets).toContain(link.riskArea);
      seen++;
    }
    // Every mitigates prop comes from a link and no link is shown twice.
    expect(controls.flatMap((c) => c.props.filter((p) => p.name === 'mitigates'))).toHaveLength(seen);
  });

  it('resolves every internal href to a back-matter resource', () => {
    const d = doc();
    const uuids = new Set(d.catalog['back-matter'].resources.map((r) => r.uuid));
    const hrefs = [...JSON.stringify(d).matchAll(/"href":"#([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(29);
    for (const h of hrefs) expect(uuids.has(h), h).toBe(true);
  });

  it('exports the twelve criteria with a five-choice score parameter', () => {
    const criteria = controlsOf(doc().catalog.groups[3]!);
    expect(criteria.map((c) => c.id)).toEqual(['c1.1', 'c1.2', 'c1.3', 'c1.4', 'c2.1', 'c2.2', 'c2.3', 'c2.4', 'c3.1', 'c3.2', 'c3.3', 'c3.4']);
    for (const c of criteria) {
      expect(c.params).toHaveLength(1);
      expect(c.params![0]!.select.choice.map((s) => s.slice(0, 2))).toEqual(['0 ', '1 ', '2 ', '3 ', '4 ']);
    }
  });
});
