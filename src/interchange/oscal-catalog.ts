import { createHash } from 'node:crypto';
import { linksForMeasure, type Catalog } from '../catalog/catalog.js';
import type { Criterion } from '../catalog/criteria.js';
import type { Measure, MeasureKind } from '../catalog/measures.js';
import type { RiskArea } from '../catalog/risk-areas.js';
import { UserError } from '../domain/errors.js';

/**
 * The catalogue as an OSCAL 1.2.1 catalog. Measures are controls grouped by kind; supplier criteria are
 * controls in a `supplier-criteria` group, their 0–4 score a parameter. Risk areas are not requirements,
 * so they are back-matter resources: each measure points to the risk areas it mitigates with a link
 * (rel `mitigates`) and a prop carrying the effect and rationale. Segments and their functions are
 * back-matter resources too. Names outside OSCAL's own vocabulary are qualified by SECURE5G_NS.
 */

export const OSCAL_VERSION = '1.2.1';
export const SECURE5G_NS = 'urn:secure5g:oscal';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** RFC 4122 name space for URLs. */
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A name-based (version 5, SHA-1) UUID per RFC 4122 §4.3. */
export function uuidV5(namespace: string, name: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(namespace)) {
    throw new UserError(`not a UUID: ${namespace}`);
  }
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Every secure5g OSCAL UUID descends from this one, itself derived from SECURE5G_NS. */
const SECURE5G_UUID_NAMESPACE = uuidV5(NAMESPACE_URL, SECURE5G_NS);

export interface OscalExportOptions {
  /** The catalog's UUID; by default derived from the catalogue version, so the same version gives the same UUID. */
  uuid?: string;
  /** last-modified; by default the catalogue's own last-modified date, again for reproducibility. */
  now?: Date;
}

type Prop = { name: string; value: string; ns?: string; class?: string; remarks?: string };
type Link = { href: string; rel?: string; text?: string };
type Part = { id?: string; name: string; prose?: string };

const prop = (name: string, value: string, extra: Partial<Prop> = {}): Prop => ({ name, ns: SECURE5G_NS, value, ...extra });
const token = (id: string) => id.toLowerCase();

const GROUP_TITLES: Record<MeasureKind, string> = {
  strategic: 'Strategic measures',
  technical: 'Technical measures',
  supporting: 'Supporting actions',
};

export function catalogToOscal(catalog: Catalog, opts: OscalExportOptions = {}): object {
  const uuid = opts.uuid ?? uuidV5(SECURE5G_UUID_NAMESPACE, `catalog/${catalog.version}`);
  if (!UUID_PATTERN.test(uuid)) throw new UserError(`the catalog UUID must be an RFC 4122 version 4 or 5 UUID, got ${uuid}`);
  const lastModified = opts.now ? opts.now.toISOString() : catalog.lastModified;
  const resourceUuid = (name: string) => uuidV5(uuid, name);
  const toolboxUuid = resourceUuid('document/toolbox');
  const riskAssessmentUuid = resourceUuid('document/coordinated-risk-assessment');
  const riskAreaUuid = (id: string) => resourceUuid(`risk-area/${id}`);

  const measureControl = (m: Measure) => {
    const links = linksForMeasure(m.id, catalog);
    const riskArea = (id: string) => catalog.riskAreas.find((r) => r.id === id);
    const parts: Part[] = [{ id: `${token(m.id)}_smt`, name: 'statement', prose: m.summary }];
    if (links.length > 0) {
      parts.push({
        id: `${token(m.id)}_gdn`,
        name: 'guidance',
        prose: [
          'Risk areas this measure mitigates (links are defaults or overrides, not the Toolbox\'s Annex 1 plans):',
          '',
          ...links.map((x) => `- ${x.riskArea} ${riskArea(x.riskArea)?.title ?? ''} (${x.effect}, ${x.source}): ${x.rationale}`),
        ].join('\n'),
      });
    }
    return {
      id: token(m.id),
      class: 'measure',
      title: m.title,
      props: [
        { name: 'label', value: m.id },
        { name: 'sort-id', value: token(m.id) },
        prop('kind', m.kind),
        ...m.actingParties.map((p) => prop('acting-party', p)),
        prop('parties-confirmed', String(m.partiesConfirmed), { remarks: `Parties from: ${m.partiesSource}.` }),
        ...links.map((x) => prop('mitigates', x.riskArea, { class: x.effect, remarks: `${x.rationale} Source: ${x.source}.` })),
      ],
      links: [
        { href: `#${toolboxUuid}`, rel: 'reference', text: 'EU Toolbox of risk mitigating measures' },
        ...links.map((x): Link => ({ href: `#${riskAreaUuid(x.riskArea)}`, rel: 'mitigates', text: `${x.riskArea} ${riskArea(x.riskArea)?.shortTitle ?? ''}`.trim() })),
      ],
      parts,
    };
  };

  const criterionControl = (c: Criterion) => {
    const id = token(c.id);
    const scale = c.scale.map((s) => `${s.score} (${s.label}): ${s.meaning}`);
    return {
      id,
      class: 'supplier-criterion',
      title: c.title,
      params: [
        {
          id: `${id}_score`,
          label: 'score 0–4',
          usage: 'The assessed score of a supplier on this criterion; 0 is no concern, 4 is severe concern.',
          select: { 'how-many': 'one', choice: scale },
        },
      ],
      props: [
        { name: 'label', value: c.id },
        { name: 'sort-id', value: id },
        prop('wording-confirmed', String(c.wordingConfirmed)),
      ],
      links: [{ href: `#${riskAssessmentUuid}`, rel: 'reference', text: 'EU coordinated risk assessment of the cybersecurity of 5G networks' }],
      parts: [
        { id: `${id}_smt`, name: 'statement', prose: `${c.description}\n\nScore: {{ insert: param, ${id}_score }}` },
        { id: `${id}_gdn`, name: 'guidance', prose: scale.map((s) => `- ${s}`).join('\n') },
      ],
    };
  };

  const riskAreaResource = (r: RiskArea) => {
    const group = catalog.scenarioGroups.find((g) => g.id === r.group);
    return {
      uuid: riskAreaUuid(r.id),
      title: `${r.id} ${r.title}`,
      description: `Risk area ${r.id} of the EU Toolbox, in the scenario group "${group?.title ?? r.group}".`,
      props: [
        prop('risk-area', r.id),
        prop('short-title', r.shortTitle),
        prop('title-confirmed', String(r.titleConfirmed)),
        prop('scenario-group', r.group, { remarks: `${r.groupReasoning} (assignment not confirmed in a primary text)` }),
      ],
    };
  };

  const segmentResources = catalog.segments.map((s) => ({
    uuid: resourceUuid(`segment/${s.id}`),
    title: `Segment: ${s.title}`,
    description: [
      s.description,
      '',
      '| function | title | criticality | why | source (unconfirmed) |',
      '|---|---|---|---|---|',
      ...catalog.functions.filter((f) => f.segment === s.id).map((f) => `| ${f.id} | ${f.title} | ${f.criticality} | ${f.rationale} | ${f.criticalitySource} |`),
    ].join('\n'),
    props: [prop('segment', s.id)],
  }));

  return {
    catalog: {
      uuid,
      metadata: {
        title: 'secure5g catalogue: EU 5G Toolbox measures, risk areas and supplier-risk criteria',
        'last-modified': lastModified,
        version: catalog.version,
        'oscal-version': OSCAL_VERSION,
        remarks: [
          'Measure ids and titles and risk-area ids and short titles are as published in the EU Toolbox (NIS Cooperation Group 01/2020).',
          'Statements are summaries in secure5g\'s own words. Acting parties, risk-area groups, supplier criteria wording and',
          'risk-area to measure links are secure5g\'s reasoned defaults where no primary text was seen; each is marked so.',
        ].join(' '),
      },
      groups: [
        ...(['strategic', 'technical', 'supporting'] as const).map((kind) => ({
          id: kind,
          class: 'measure-kind',
          title: GROUP_TITLES[kind],
          controls: catalog.measures.filter((m) => m.kind === kind).map(measureControl),
        })),
        {
          id: 'supplier-criteria',
          class: 'supplier-criteria',
          title: 'Supplier risk-profile criteria',
          groups: catalog.criterionGroups.map((g) => ({
            id: token(g.id),
            class: 'criterion-group',
            title: g.title,
            parts: [{ id: `${token(g.id)}_ovw`, name: 'overview', prose: g.description }],
            controls: catalog.criteria.filter((c) => c.group === g.id).map(criterionControl),
          })),
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: toolboxUuid,
            title: 'Cybersecurity of 5G networks – EU Toolbox of risk mitigating measures',
            citation: { text: 'NIS Cooperation Group, CG Publication 01/2020, 29 January 2020' },
          },
          {
            uuid: riskAssessmentUuid,
            title: 'EU coordinated risk assessment of the cybersecurity of 5G networks',
            citation: { text: 'EU coordinated risk assessment of the cybersecurity of 5G networks, 9 October 2019' },
          },
          ...catalog.riskAreas.map(riskAreaResource),
          ...segmentResources,
        ],
      },
    },
  };
}
