import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CATALOG,
  CATALOG_LAST_MODIFIED,
  CATALOG_VERSION,
  MEASURE_ID_PATTERN,
  CRITERION_ID_PATTERN,
  catalogToJson,
  findCriterion,
  findMeasure,
  findRiskArea,
  linksForMeasure,
  linksForRiskArea,
} from '../../src/catalog/index.js';

/**
 * The measure and risk-area lists exactly as written in the project's reference (toolbox.md), pasted
 * here so the catalogue's titles are checked against the text, not against themselves.
 */
const REFERENCE_MEASURES = `Strategic: SM01 Strengthening the role of national authorities · SM02 Performing audits on operators and
requiring information · SM03 Assessing the risk profile of suppliers and applying restrictions for
suppliers considered to be high risk, including necessary exclusions to effectively mitigate risks, for key
assets · SM04 Controlling the use of Managed Service Providers (MSPs) and equipment suppliers' third line
support · SM05 Ensuring the diversity of suppliers for individual MNOs through appropriate multi-vendor
strategies · SM06 Strengthening the resilience at national level · SM07 Identifying key assets and
fostering a diverse and sustainable 5G ecosystem in the EU · SM08 Maintaining and building diversity and EU
capacities in future network technologies.

Technical: TM01 Ensuring the application of baseline security requirements (secure network design and
architecture) · TM02 Ensuring and evaluating the implementation of security measures in existing 5G
standards · TM03 Ensuring strict access controls · TM04 Increasing the security of virtualised network
functions · TM05 Ensuring secure 5G network management, operation and monitoring · TM06 Reinforcing physical
security · TM07 Reinforcing software integrity, update and patch management · TM08 Raising the security
standards in suppliers' processes through robust procurement conditions · TM09 Using EU certification for
5G network components, customer equipment and/or suppliers' processes · TM10 Using EU certification for
other non 5G-specific ICT products and services (connected devices, cloud services) · TM11 Reinforcing
resilience and continuity plans.

Supporting actions: SA01 Reviewing or developing guidelines and best practices on network security · SA02
Reinforcing testing and auditing capabilities at national and EU level · SA03 Supporting and shaping 5G
standardisation · SA04 Developing guidance on the implementation of security measures in existing 5G
standards · SA05 Ensuring the application of standard technical and organisational security measures
through a specific EU-wide certification scheme · SA06 Exchanging best practices on the implementation of
strategic measures, in particular national frameworks for assessing the risk profile of suppliers · SA07
Improving coordination in incident response and crisis management · SA08 Conducting audits of
interdependencies between 5G networks and other critical services · SA09 Enhancing cooperation,
coordination and information sharing mechanisms · SA10 Ensuring 5G deployment projects supported with
public funding take into account cybersecurity risks.`;

const REFERENCE_RISK_AREAS = `R1 Misconfiguration of networks · R2 Lack of access controls · R3 Low product quality · R4 Dependency on
any single supplier within individual networks or lack of diversity on nation-wide basis · R5 State
interference through the 5G supply chain · R6 Exploitation of 5G networks by organised crime or
state-backed groups targeting end users · R7 Significant disruption of critical infrastructures or services
· R8 Massive failure of networks due to interruption of electricity supply or other support systems · R9
IoT exploitation.`;

/** "ID Title · ID Title …" → Map(id → title), with line breaks and the closing full stop removed. */
function parseReference(text: string, idPattern: string): Map<string, string> {
  const flat = text.replace(/\s+/g, ' ');
  const re = new RegExp(`\\b(${idPattern}) (.+?)(?= ·|\\.(?: |$)|$)`, 'g');
  return new Map([...flat.matchAll(re)].map((m) => [m[1]!, m[2]!.replace(/^(Strategic|Technical|Supporting actions): /, '')]));
}

const unique = (xs: readonly string[]) => new Set(xs).size === xs.length;

describe('catalogue contents', () => {
  it('holds SM01–SM08, TM01–TM11 and SA01–SA10, each of the kind its prefix says', () => {
    const expected = [
      ...Array.from({ length: 8 }, (_, i) => `SM${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 11 }, (_, i) => `TM${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 10 }, (_, i) => `SA${String(i + 1).padStart(2, '0')}`),
    ];
    expect(CATALOG.measures.map((m) => m.id)).toEqual(expected);
    const kindOf = { SM: 'strategic', TM: 'technical', SA: 'supporting' } as const;
    for (const m of CATALOG.measures) {
      expect(m.id).toMatch(MEASURE_ID_PATTERN);
      expect(m.kind).toBe(kindOf[m.id.slice(0, 2) as keyof typeof kindOf]);
    }
  });

  it('uses the published measure titles', () => {
    const reference = parseReference(REFERENCE_MEASURES, '(?:SM|TM|SA)\\d\\d');
    expect(reference.size).toBe(29);
    for (const m of CATALOG.measures) expect(m.title, m.id).toBe(reference.get(m.id));
  });

  it('gives each measure a 2–3 sentence summary and unconfirmed acting parties', () => {
    for (const m of CATALOG.measures) {
      const sentences = m.summary.split(/(?<=\.)\s+/).filter((s) => s.length > 0);
      expect(sentences.length, m.id).toBeGreaterThanOrEqual(2);
      expect(sentences.length, m.id).toBeLessThanOrEqual(3);
      expect(m.actingParties.length, m.id).toBeGreaterThan(0);
      expect(unique(m.actingParties), m.id).toBe(true);
      expect(m.partiesConfirmed).toBe(false);
    }
    // The reference's own summary: operators act on TM01–TM08 and TM11; ENISA on TM09, TM10, SA05.
    for (const id of ['TM01', 'TM05', 'TM08', 'TM11']) expect(findMeasure(id)!.actingParties).toContain('operator');
    for (const id of ['TM09', 'TM10', 'SA05']) expect(findMeasure(id)!.actingParties).toContain('enisa');
  });

  it('holds R1–R9 with the reference wording, flagging the unconfirmed long wordings of R4, R6, R8', () => {
    const reference = parseReference(REFERENCE_RISK_AREAS, 'R\\d');
    expect(CATALOG.riskAreas.map((r) => r.id)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9']);
    for (const r of CATALOG.riskAreas) {
      expect(r.title, r.id).toBe(reference.get(r.id));
      expect(r.title.startsWith(r.shortTitle), r.id).toBe(true);
      expect(r.groupReasoning.length, r.id).toBeGreaterThan(20);
    }
    expect(CATALOG.riskAreas.filter((r) => !r.titleConfirmed).map((r) => r.id)).toEqual(['R4', 'R6', 'R8']);
  });

  it('puts every risk area in one of the five scenario groups and uses every group', () => {
    const groups = new Set(CATALOG.scenarioGroups.map((g) => g.id));
    expect(groups.size).toBe(5);
    for (const r of CATALOG.riskAreas) expect(groups.has(r.group), r.id).toBe(true);
    expect(new Set(CATALOG.riskAreas.map((r) => r.group))).toEqual(groups);
    // Two assignments that follow from the titles alone.
    expect(findRiskArea('R9')!.group).toBe('end-user-devices');
    expect(findRiskArea('R8')!.group).toBe('interdependencies');
  });

  it('has unique ids in every list', () => {
    expect(unique(CATALOG.measures.map((x) => x.id))).toBe(true);
    expect(unique(CATALOG.riskAreas.map((x) => x.id))).toBe(true);
    expect(unique(CATALOG.criteria.map((x) => x.id))).toBe(true);
    expect(unique(CATALOG.criterionGroups.map((x) => x.id))).toBe(true);
    expect(unique(CATALOG.segments.map((x) => x.id))).toBe(true);
    expect(unique(CATALOG.functions.map((x) => x.id))).toBe(true);
    expect(unique(CATALOG.riskMeasureLinks.map((x) => `${x.riskArea}/${x.measure}`))).toBe(true);
  });

  it('has a segment for every function', () => {
    const segments = new Set<string>(CATALOG.segments.map((s) => s.id));
    for (const f of CATALOG.functions) expect(segments.has(f.segment), f.id).toBe(true);
  });

  it('gives every default criticality a source and leaves it unconfirmed', () => {
    // counted from the function table in src/catalog/segments.ts: core 20 (5G) + 5 (EPC), RAN 7,
    // management 9 are the key-asset segments of the Toolbox summaries → 41; transport 6,
    // interconnection 5, lawful interception 2, support 4, IT and cloud 5 → 22 project defaults
    const by = (src: string) => CATALOG.functions.filter((f) => f.criticalitySource === src).map((f) => f.id);
    expect(by('key-assets-summary')).toHaveLength(41);
    expect(by('secure5g-default')).toHaveLength(22);
    expect(by('secure5g-default')).toEqual(expect.arrayContaining(['CORE-ROUTER', 'SEPP', 'LI-ADMF', 'TIMING', 'NFVI']));
    expect(by('key-assets-summary')).toEqual(expect.arrayContaining(['AMF', 'HSS', 'gNB', 'RU', 'OSS', 'SMO']));
    expect(CATALOG.functions.every((f) => f.criticalityConfirmed === false)).toBe(true);
    // a key asset is critical or sensitive, never `other`
    expect(CATALOG.functions.filter((f) => f.criticalitySource === 'key-assets-summary' && f.criticality === 'other')).toEqual([]);
  });
});

describe('supplier criteria', () => {
  it('has three groups of four criteria, ids matching their group', () => {
    expect(CATALOG.criterionGroups.map((g) => g.id)).toEqual(['C1', 'C2', 'C3']);
    for (const g of CATALOG.criterionGroups) {
      const members = CATALOG.criteria.filter((c) => c.group === g.id);
      expect(members.map((c) => c.id)).toEqual([1, 2, 3, 4].map((n) => `${g.id}.${n}`));
    }
    for (const c of CATALOG.criteria) expect(c.id).toMatch(CRITERION_ID_PATTERN);
  });

  it('describes exactly the scores 0, 1, 2, 3, 4 for every criterion, each with its own meaning', () => {
    for (const c of CATALOG.criteria) {
      expect(c.scale.map((s) => s.score), c.id).toEqual([0, 1, 2, 3, 4]);
      expect(c.scale.map((s) => s.label), c.id).toEqual(['no concern', 'low concern', 'moderate concern', 'high concern', 'severe concern']);
      for (const s of c.scale) expect(s.meaning.trim().length, `${c.id} ${s.score}`).toBeGreaterThan(5);
      expect(unique(c.scale.map((s) => s.meaning)), c.id).toBe(true);
      expect(c.description.length, c.id).toBeGreaterThan(40);
    }
  });
});

describe('risk → measure links', () => {
  const measures = new Set<string>(CATALOG.measures.map((m) => m.id));
  const areas = new Set<string>(CATALOG.riskAreas.map((r) => r.id));

  it('refer to existing measures and risk areas, with a rationale and the default source', () => {
    for (const l of CATALOG.riskMeasureLinks) {
      expect(measures.has(l.measure), l.measure).toBe(true);
      expect(areas.has(l.riskArea), l.riskArea).toBe(true);
      expect(['primary', 'supporting']).toContain(l.effect);
      expect(l.rationale.length).toBeGreaterThan(20);
      expect(l.rationale).not.toContain('\n');
      expect(l.source).toBe('secure5g-default');
    }
  });

  it('give every risk area at least one primary measure, and every measure at least one risk area', () => {
    for (const r of CATALOG.riskAreas) {
      expect(CATALOG.riskMeasureLinks.some((l) => l.riskArea === r.id && l.effect === 'primary'), r.id).toBe(true);
    }
    for (const m of CATALOG.measures) expect(CATALOG.riskMeasureLinks.some((l) => l.measure === m.id), m.id).toBe(true);
  });

  it('link the measures named for each risk area in the design', () => {
    // Reasoned by hand from the measures' titles: these must mitigate these areas directly.
    const primary = (r: string, m: string) =>
      CATALOG.riskMeasureLinks.find((l) => l.riskArea === r && l.measure === m)?.effect;
    expect(primary('R2', 'TM03')).toBe('primary');
    expect(primary('R4', 'SM05')).toBe('primary');
    expect(primary('R5', 'SM03')).toBe('primary');
    expect(primary('R8', 'TM11')).toBe('primary');
    expect(primary('R9', 'TM10')).toBe('primary');
  });
});

describe('aggregate and lookups', () => {
  it('carries the catalogue version and a last-modified date in the same year and month', () => {
    expect(CATALOG.version).toBe(CATALOG_VERSION);
    const [year, month] = CATALOG_VERSION.split('.');
    expect(CATALOG_LAST_MODIFIED.slice(0, 7)).toBe(`${year}-${month!.padStart(2, '0')}`);
    expect(new Date(CATALOG_LAST_MODIFIED).toISOString().slice(0, 19)).toBe(CATALOG_LAST_MODIFIED.slice(0, 19));
  });

  it('is frozen, so no caller can change it for the others', () => {
    expect(() => (CATALOG.measures as unknown as unknown[]).push({})).toThrow(TypeError);
    expect(() => {
      (CATALOG.measures[0] as { title: string }).title = 'changed';
    }).toThrow(TypeError);
  });

  it('finds entries by id and returns undefined for unknown ids', () => {
    expect(findMeasure('SM05')!.title).toBe('Ensuring the diversity of suppliers for individual MNOs through appropriate multi-vendor strategies');
    expect(findMeasure('SM09')).toBeUndefined();
    expect(findRiskArea('R3')!.shortTitle).toBe('Low product quality');
    expect(findRiskArea('R10')).toBeUndefined();
    expect(findCriterion('C2.2')!.title).toBe('Financial stability');
  });

  it('lists links of a risk area primary first, and of a measure in risk-area order', () => {
    // R4 in the table: SM05, SM06 primary; SM07, SM08, TM11 supporting.
    expect(linksForRiskArea('R4').map((l) => `${l.measure}:${l.effect}`)).toEqual([
      'SM05:primary', 'SM06:primary', 'SM07:supporting', 'SM08:supporting', 'TM11:supporting',
    ]);
    // TM11 appears under R4, R7 and R8.
    expect(linksForMeasure('TM11').map((l) => l.riskArea)).toEqual(['R4', 'R7', 'R8']);
  });

  it('exports a plain JSON copy that round-trips and can be changed without touching the catalogue', () => {
    const json = catalogToJson(CATALOG);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.measures).toHaveLength(29);
    expect(json.functions).toHaveLength(CATALOG.functions.length);
    (json.measures[0] as { title: string }).title = 'changed';
    expect(CATALOG.measures[0]!.title).toBe('Strengthening the role of national authorities');
  });
});

describe('docs/catalog.md', () => {
  it('shows exactly the catalogue\'s links, with their effects and rationales', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'catalog.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (R\d) [^|]+ \| ((?:SM|TM|SA)\d\d) \| (primary|supporting) \| (.+) \|$/gm)].map(
      (m) => `${m[1]}/${m[2]}/${m[3]}/${m[4]}`,
    );
    expect(rows).toEqual(CATALOG.riskMeasureLinks.map((l) => `${l.riskArea}/${l.measure}/${l.effect}/${l.rationale}`));
    const primaries = CATALOG.riskMeasureLinks.filter((l) => l.effect === 'primary').length;
    expect(doc).toContain(`All ${CATALOG.riskMeasureLinks.length} links below are \`source: secure5g-default\`; ${primaries} are primary.`);
  });
});
