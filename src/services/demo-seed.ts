import { CRITERIA } from '../catalog/criteria.js';
import { parseScenario } from '../domain/scenario.js';
import { demoBoms, demoCertificates, demoScenarios, demoSupplyFacts, generateDemoOwnership, generateDemoRegisters, seedDemo, type DemoData, type ProfileTarget } from '../demo/index.js';
import { findingsByMeasureScope } from '../engine/contradictions.js';
import { saveBom } from '../store/boms.js';
import { Implementation } from '../domain/implementation.js';
import type { ProfileAssessmentInput } from '../domain/profile.js';
import { ScreeningCase } from '../domain/screening.js';
import { importRows } from '../interchange/index.js';
import type { Store } from '../store/index.js';
import { amendDesignation } from '../store/designations.js';
import { appendImplementations } from '../store/implementations.js';
import { appendProfile } from '../store/profiles.js';
import { upsertScreeningCases } from '../store/screening.js';
import { assetIdsInService, decommissionAssets } from '../store/asset-history.js';
import { saveScenario } from '../store/scenarios.js';
import { appendSupplyFacts } from '../store/supply-facts.js';
import { runAssessment, saveAssessmentRun } from './assessment-run.js';
import { parseBomBytes } from './ownership.js';
import { writeEntityRecords, writeHoldingRecords } from './ownership-import.js';
import { suggestProfileScores } from './profiles.js';

/** The day the demo's member states recorded their supply facts, and the day they assessed the profiles. */
const FACTS_ON = '2026-03-15';
const ASSESSED_ON = '2026-03-31';

/**
 * Seeds the demo: the inventory through the importer (one transaction per kind), then the registers an
 * authority keeps beside it (implementation status, ownership and holdings, supply facts, supplier
 * profiles, screening cases) through their own store functions, so the demo exercises the same checks
 * as real data. The CLI's `demo` and the server's first run both use it.
 */
export async function seedDemoData(store: Store, data: DemoData) {
  const inventory = await seedDemo(store, data, importRows);
  return { inventory, ...(await seedDemoRegisters(store, data)) };
}

/** The stored assessments' dates: the registers' record date and the demo's reference date, five months on. */
export const DEMO_ASSESSMENT_DATES = ['2026-06-30', '2026-11-28'] as const;
/** The day the demo's swapped-out units left service, between the two assessments. */
export const DEMO_DECOMMISSIONED_ON = '2026-09-30';

/**
 * What makes the two stored assessments differ besides their dates: every fifth RAN asset (by id) of the
 * first in-force designation's supplier at that member state's operators left service on
 * DEMO_DECOMMISSIONED_ON, swapped out. Returns the ids.
 */
function decommissionDemoUnits(store: Store, data: DemoData): string[] {
  const first = data.designations.find((d) => d.status === 'in-force');
  if (!first) return [];
  const ids = assetIdsInService(store, { memberState: first.member_state, supplierId: first.supplier_id, segment: 'ran', date: DEMO_DECOMMISSIONED_ON });
  const chosen = ids.filter((_id, i) => i % 5 === 0);
  decommissionAssets(store, chosen, DEMO_DECOMMISSIONED_ON, 'demo: swapped out (fictional)');
  return chosen;
}

/**
 * A decision rests on a profile: each designation that is not revoked cites the deciding member state's
 * profile of its supplier (recorded for every designation, see registers.ts), by an amendment the
 * authority recorded once the profile was assessed, so its history shows the decision and the profile
 * behind it and no demo designation warns that it rests on none. A revoked one keeps its history as it was.
 */
function citeDemoProfiles(store: Store, data: DemoData): void {
  for (const d of data.designations) {
    if (d.status === 'revoked') continue;
    amendDesignation(store, d.designation_id, { profile_id: demoProfileId(d.member_state, d.supplier_id), profile_version: 1 }, { actor: { name: 'demo' }, source: 'demo: profile cited' });
  }
}

const demoProfileId = (memberState: string, supplierId: string) => `PRF-${memberState}-${supplierId}`;

/** The registers alone, for a demo whose inventory came in through CSV files. */
export async function seedDemoRegisters(store: Store, data: DemoData) {
  const source = `demo ${data.scale} seed ${data.seed}`;
  // evidence first: certificate records and BOMs change findings (TM09) and profile suggestions (origins)
  const certificates = demoCertificates(data).map(({ case: _case, ...row }) => row);
  await importRows(store, 'certificates', certificates, `${source}: certificates`);
  const boms = demoBoms(data);
  for (const b of boms) {
    const { parsed, sha256 } = await parseBomBytes(b.file, Buffer.from(b.json));
    saveBom(store, b.productId, b.file, parsed, sha256);
  }
  // the declared statuses are designed against what the inventory shows on the reference date
  const observed = await runAssessment(store, { date: DEMO_ASSESSMENT_DATES[1] });
  const open = new Map([...findingsByMeasureScope(observed.result.findings)].map(([k, list]) => [k, list.length] as const));
  const registers = generateDemoRegisters(data, open);
  const implementation = await appendImplementations(store, registers.implementations.map((r) => Implementation.parse(r)), `${source}: implementation`);
  const ownership = generateDemoOwnership(data);
  const records = (rows: readonly object[]) => rows.map((fields, i) => ({ row: i + 1, fields: { ...fields } }));
  writeEntityRecords(store, { file: `${source}: entities`, sha256: null, records: records(ownership.entities) });
  writeHoldingRecords(store, { file: `${source}: holdings`, sha256: null, records: records(ownership.holdings) });
  for (const f of demoSupplyFacts(data, registers.profileTargets, FACTS_ON)) await appendSupplyFacts(store, f, { actor: { name: 'demo' } });
  for (const t of registers.profileTargets) await appendProfile(store, await derivedProfile(store, t), { actor: { name: 'demo' } });
  citeDemoProfiles(store, data);
  const screening = await upsertScreeningCases(store, registers.screeningCases.map((c) => ScreeningCase.parse(c)), `${source}: screening`);
  const actor = { name: 'demo' };
  for (const s of demoScenarios(data)) await saveScenario(store, parseScenario(s, 'demo scenario'), actor);
  const decommissioned = decommissionDemoUnits(store, data);
  // two runs five months apart, so `assess --diff previous latest` and the API's diff have changes to show
  const assessments: string[] = [];
  for (const date of DEMO_ASSESSMENT_DATES) assessments.push(saveAssessmentRun(store, actor, await runAssessment(store, { date })));
  return { certificates: certificates.length, boms: boms.length, implementation, profiles: registers.profileTargets.length, screening, scenarios: demoScenarios(data).length, decommissioned: decommissioned.length, assessments };
}

/**
 * A demo profile whose scores follow from the recorded facts: every criterion the software suggests
 * (`profile suggest`: control, BOM origins, supply facts, products) takes the suggestion, confirmed;
 * the criteria left to the assessor take the demo assessor's rule, from where control sits: the legal
 * environment of the country of control (C1.2) 2 outside the EU/EEA, 0 inside; any other criterion
 * without a suggestion 2 outside, 1 inside (or unknown: 2).
 */
async function derivedProfile(store: Store, t: ProfileTarget) {
  const s = await suggestProfileScores(store, t.supplierId, t.memberState, ASSESSED_ON);
  const outside = s.inputs.control.available ? s.inputs.control.summary.controlOutsideEu : null;
  const scores: ProfileAssessmentInput['scores'] = CRITERIA.map((c) => {
    const suggestion = s.suggestions.find((x) => x.criterion === c.id);
    if (suggestion) {
      const text = suggestion.explanation.text;
      return { criterion: c.id, score: suggestion.score, evidence: [{ text }], suggested: { score: suggestion.score, source: suggestion.source, explanation: text, decision: 'confirmed' } };
    }
    const score = outside === false ? (c.id === 'C1.2' ? 0 : 1) : 2;
    const where = outside === false ? 'in the EU/EEA' : outside ? 'outside the EU/EEA' : 'in a country not recorded';
    return { criterion: c.id, score, evidence: [{ text: `Demo assessor (fictional): control of ${t.supplierId} sits ${where}` }] };
  });
  return {
    profile_id: demoProfileId(t.memberState, t.supplierId),
    supplier_id: t.supplierId,
    member_state: t.memberState,
    version: 1,
    assessor: `Demo national authority ${t.memberState}`,
    assessed_on: ASSESSED_ON,
    scores,
    note: 'Demo profile: fictional supplier; scores follow from the demo\'s ownership, supply and product facts.',
  };
}
