import type { Score } from '../catalog/criteria.js';
import type { Explanation } from '../domain/assessment.js';
import type { Product } from '../domain/entities.js';
import { isEuEea } from '../domain/member-states.js';
import { isStateKind } from '../domain/ownership.js';
import type { SUGGESTION_SOURCES } from '../domain/profile.js';
import type { ControlResult } from './control.js';

/**
 * Suggested criterion scores, computed from data where data allow. A suggestion is only ever shown to the
 * assessor, who confirms or overrides it (recorded in the profile's `suggested` field); nothing here
 * writes a score. The thresholds are the project's reasoned defaults, documented in
 * docs/ownership-and-profiles.md, and each suggestion's explanation states the figures behind it.
 */

export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

export interface ScoreSuggestion {
  criterion: string;
  score: Score;
  source: SuggestionSource;
  explanation: Explanation;
}

export interface NotSuggested {
  criterion: string;
  source: SuggestionSource;
  reason: string;
}

/** The origin figures of one product's BOM; `bomOrigins` in src/interchange/cyclonedx produces them. */
export interface OriginsInput {
  productId?: string;
  components: number;
  byCountry: readonly { country: string; components: number }[];
  /** Components whose sources are assessed (device, firmware, or a declared source count). */
  sourceAssessedComponents: number;
  singleSourceComponents: readonly unknown[];
}

export interface SupplyFacts {
  /** Critical components known to come from a single source (counted by the assessor). */
  singleSourceCriticalComponents?: number;
  /** The supplier's products or supply chain depend on export-controlled technology or markets. */
  exportControlExposure?: boolean;
  financialStability?: { note: string; concern?: Score };
}

export interface SuggestionInput {
  control?: ControlResult;
  origins?: readonly OriginsInput[];
  products?: readonly Product[];
  supply?: SupplyFacts;
  /** Date the suggestions are made for (end-of-support comparisons), YYYY-MM-DD. */
  asOf?: string;
  /** Labels counted as an independent product evaluation (upper case). */
  evaluationLabels?: readonly string[];
}

export interface SuggestionResult {
  suggestions: ScoreSuggestion[];
  notSuggested: NotSuggested[];
}

export const DEFAULT_EVALUATION_LABELS = ['NESAS', 'SCAS', 'EUCC'] as const;
/** Support ending within this many years is shorter than a radio or core network's usual lifetime. */
export const SHORT_SUPPORT_YEARS = 5;
const UNKNOWN = 'unknown';

const pct = (f: number) => `${+(f * 100).toFixed(2)} %`;

export function suggestScores(input: SuggestionInput): SuggestionResult {
  const out: SuggestionResult = { suggestions: [], notSuggested: [] };
  if (input.control) fromControl(input.control, out);
  if (input.origins?.length) fromOrigins(input.origins, input.control, out);
  if (input.origins?.length || input.supply?.singleSourceCriticalComponents !== undefined) fromSingleSources(input, out);
  if (input.supply) fromSupplyFacts(input.supply, out);
  if (input.products?.length) fromProducts(input.products, input, out);
  out.suggestions.sort((a, b) => (a.criterion < b.criterion ? -1 : 1));
  return out;
}

function add(out: SuggestionResult, criterion: string, score: Score, source: SuggestionSource, text: string, formula: string, inputs: Record<string, unknown>) {
  out.suggestions.push({ criterion, score, source, explanation: { text: `Suggested ${criterion} = ${score}: ${text}`, formula, inputs } });
}

function fromControl(c: ControlResult, out: SuggestionResult) {
  const nonEuState = c.stateShares.filter((s) => s.country === UNKNOWN || !isEuEea(s.country));
  const nonEuShare = nonEuState.reduce((sum, s) => sum + s.share, 0);
  const euShare = c.stateShares.reduce((sum, s) => sum + s.share, 0) - nonEuShare;
  const stateController = c.ultimateControllers.find((u) => isStateKind(u.kind) && (u.country === undefined || !isEuEea(u.country)));
  const opaque = c.unknownShare + c.unresolvedShare;
  const inputs = {
    nonEuStateShare: nonEuShare,
    euStateShare: euShare,
    stateShares: c.stateShares.map((s) => ({ country: s.country, share: s.share })),
    ultimateControllers: c.ultimateControllers.map((u) => ({ entityId: u.entityId, kind: u.kind, country: u.country })),
    unknownShare: c.unknownShare,
    unresolvedShare: c.unresolvedShare,
    controlOutsideEu: c.controlOutsideEu,
  };
  const stateText = nonEuState.length ? nonEuState.map((s) => `${s.country} ${pct(s.share)}`).join(', ') : 'none';
  const euNote = euShare > 0 ? ` (EU/EEA state holdings of ${pct(euShare)} are not counted in group 1)` : '';

  // C1.1 links with a government: what non-EU states hold or control.
  const c11: [Score, string] = stateController
    ? [4, `${stateController.entityId}, a ${stateController.kind} of ${stateController.country ?? 'an unknown country'}, ultimately controls ${c.subjectId}`]
    : nonEuShare >= 0.25 ? [3, `non-EU state bodies hold ${pct(nonEuShare)} (≥ 25 %, a blocking minority): ${stateText}`]
    : nonEuShare >= 0.1 ? [2, `non-EU state bodies hold ${pct(nonEuShare)} (10–25 %): ${stateText}`]
    : nonEuShare > 0 ? [1, `non-EU state bodies hold a small stake of ${pct(nonEuShare)}: ${stateText}`]
    : [0, `no non-EU state holding recorded${opaque > 0 ? `, but ${pct(opaque)} of the ownership is unknown` : ''}`];
  add(out, 'C1.1', c11[0], 'control', c11[1] + euNote + '.', 'controlled by non-EU state → 4; non-EU state share ≥ 25 % → 3; ≥ 10 % → 2; > 0 → 1; else 0', inputs);

  // C1.3 ownership and control: transparency and where control sits.
  const outsideText = c.ultimateControllers.map((u) => `${u.entityId} (${u.country ?? 'country unknown'})`).join(', ');
  const c13: [Score, string] = stateController
    ? [4, `control sits with ${stateController.entityId}, a state entity outside the EU/EEA`]
    : opaque >= 0.5 ? [3, `the owners of ${pct(opaque)} of ${c.subjectId} are unknown`]
    : c.controlOutsideEu === null ? [3, `the country of an ultimate controller is unknown: ${outsideText}`]
    : opaque >= 0.1 ? [2, `ownership is partly opaque: ${pct(opaque)} has unknown owners`]
    : nonEuShare >= 0.25 ? [2, `non-EU state bodies hold a blocking ${pct(nonEuShare)}`]
    : c.controlOutsideEu ? [1, `ownership is known; control sits outside the EU/EEA with ${outsideText}`]
    : nonEuShare > 0 ? [1, `ownership is known; non-EU state bodies hold ${pct(nonEuShare)} without control`]
    : [0, `ownership is known (${pct(1 - opaque)} traced) and control sits in the EU/EEA with ${outsideText}`];
  add(out, 'C1.3', c13[0], 'control', c13[1] + '.', 'non-EU state controller → 4; unknown ≥ 50 % or controller country unknown → 3; unknown ≥ 10 % or non-EU state ≥ 25 % → 2; control outside EU/EEA or any non-EU state share → 1; else 0', inputs);

  out.notSuggested.push({
    criterion: 'C1.2',
    source: 'control',
    reason: `the legal environment needs a legal assessment; the countries of control are ${outsideText}`,
  });
}

function fromOrigins(origins: readonly OriginsInput[], control: ControlResult | undefined, out: SuggestionResult) {
  const total = origins.reduce((s, o) => s + o.components, 0);
  const byCountry = new Map<string, number>();
  for (const o of origins) for (const r of o.byCountry) byCountry.set(r.country, (byCountry.get(r.country) ?? 0) + r.components);
  const unknown = (byCountry.get(UNKNOWN) ?? 0) / (total || 1);
  if (total === 0 || unknown > 0.5) {
    out.notSuggested.push({ criterion: 'C1.4', source: 'bom-origins', reason: total === 0 ? 'the BOMs list no components' : `${pct(unknown)} of the components have no known country of manufacture` });
    return;
  }
  const third = [...byCountry].filter(([c]) => c !== UNKNOWN && !isEuEea(c)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const thirdShare = third.reduce((s, [, n]) => s + n, 0) / total;
  const [topCountry, topCount] = third[0] ?? [undefined, 0];
  const top = topCount / total;
  const controlledFromTop = topCountry !== undefined && (control?.ultimateControllers.some((u) => u.country === topCountry) ?? false);
  const score: Score = top === 0 ? 0 : top < 0.25 ? 1 : top < 0.5 ? 2 : top < 0.8 ? 3 : controlledFromTop ? 4 : 3;
  const text =
    top === 0
      ? `every component with a known country is made in the EU/EEA`
      : `${pct(thirdShare)} of ${total} components are made outside the EU/EEA; the largest third-country share is ${topCountry} with ${pct(top)}` +
        (top >= 0.8 ? (controlledFromTop ? `, and control of the supplier also sits in ${topCountry}` : `; control of the supplier is not known to sit there, so not 4`) : '');
  add(out, 'C1.4', score, 'bom-origins', `${text}${unknown > 0 ? ` (${pct(unknown)} of components have no known country)` : ''}.`,
    'top third-country share s (components counted): 0 → 0; < 25 % → 1; < 50 % → 2; < 80 % → 3; ≥ 80 % → 3, or 4 when control also sits in that country',
    { products: origins.map((o) => o.productId ?? null), components: total, byCountry: Object.fromEntries(byCountry), thirdCountryShare: thirdShare, topThirdCountry: topCountry ?? null, topShare: top });
}

function fromSingleSources(input: SuggestionInput, out: SuggestionResult) {
  const origins = input.origins ?? [];
  const hardware = origins.reduce((s, o) => s + o.sourceAssessedComponents, 0);
  const single = origins.reduce((s, o) => s + o.singleSourceComponents.length, 0);
  const fact = input.supply?.singleSourceCriticalComponents;
  const inputs = { singleSourceCriticalComponents: fact ?? null, bomSourceAssessedComponents: hardware, bomSingleSource: single };
  if (fact !== undefined) {
    const score: Score = fact === 0 ? 0 : fact === 1 ? 2 : 3;
    add(out, 'C2.1', score, 'supply', `the assessor recorded ${fact} critical component(s) from a single source${hardware ? ` (the BOMs show ${single} of ${hardware} source-assessed components with one known source)` : ''}; manufacturing sites are not assessed here.`,
      'single-source critical components: 0 → 0; 1 → 2; 2 or more → 3', inputs);
    return;
  }
  if (hardware === 0) {
    out.notSuggested.push({ criterion: 'C2.1', source: 'bom-origins', reason: 'the BOMs list no device or firmware components and declare no source counts' });
    return;
  }
  const r = single / hardware;
  const score: Score = single === 0 ? 0 : r < 0.5 ? 2 : 3;
  add(out, 'C2.1', score, 'bom-origins', `${single} of ${hardware} source-assessed components (device, firmware or declared; ${pct(r)}) have a single known source; manufacturing sites are not assessed here.`,
    'single-source share r of source-assessed components: none → 0; r < 50 % → 2; r ≥ 50 % → 3', inputs);
}

function fromSupplyFacts(f: SupplyFacts, out: SuggestionResult) {
  if (f.exportControlExposure !== undefined) {
    add(out, 'C2.3', f.exportControlExposure ? 2 : 0, 'supply',
      f.exportControlExposure ? 'the supplier is flagged as exposed to export controls; whether restrictions are in force (3–4) is for the assessor.' : 'the supplier is recorded as not exposed to export controls.',
      'export-control flag: set → 2; clear → 0', { exportControlExposure: f.exportControlExposure });
  }
  if (f.financialStability) {
    const { note, concern } = f.financialStability;
    if (concern === undefined) out.notSuggested.push({ criterion: 'C2.2', source: 'supply', reason: `a note without a graded concern: "${note}"` });
    else add(out, 'C2.2', concern, 'supply', `financial-stability note graded ${concern}: "${note}".`, 'the graded concern of the note, 0–4', { note, concern });
  }
}

function fromProducts(products: readonly Product[], input: SuggestionInput, out: SuggestionResult) {
  const labels = new Set((input.evaluationLabels ?? DEFAULT_EVALUATION_LABELS).map((l) => l.toUpperCase()));
  const evaluated = products.filter((p) => p.certifications.some((c) => labels.has(c.toUpperCase())));
  const n = products.length;
  const e = evaluated.length / n;
  const ids = products.map((p) => p.product_id);
  add(out, 'C3.2', e === 1 ? 0 : e >= 0.5 ? 1 : e > 0 ? 2 : 3, 'products',
    `${evaluated.length} of ${n} products carry an independent evaluation (${[...labels].join(', ')})${e === 1 ? '; whether reports are available to buyers is for the assessor' : ''}.`,
    'share evaluated: all → 0; ≥ 50 % → 1; some → 2; none → 3 (4 needs evaluation findings)', { products: ids, evaluated: evaluated.map((p) => p.product_id), labels: [...labels] });

  const nesas = products.filter((p) => p.certifications.some((c) => c.toUpperCase() === 'NESAS'));
  if (nesas.length === 0) out.notSuggested.push({ criterion: 'C3.1', source: 'products', reason: 'no product has a NESAS evaluation, so no audited development process is on record; a documented but unaudited process (2) and no process (3) cannot be told apart from the data' });
  else add(out, 'C3.1', nesas.length === n ? 0 : 1, 'products', `${nesas.length} of ${n} products were evaluated under NESAS, which audits the vendor's development and lifecycle process.`,
    'NESAS on all products → 0; on some → 1', { products: ids, nesas: nesas.map((p) => p.product_id) });

  if (input.asOf === undefined) {
    out.notSuggested.push({ criterion: 'C2.4', source: 'products', reason: 'no as-of date given to compare end-of-support dates with' });
    return;
  }
  const asOf = input.asOf;
  const ended = products.filter((p) => p.end_of_support !== undefined && p.end_of_support < asOf);
  const open = products.filter((p) => p.end_of_support === undefined);
  const limit = `${Number(asOf.slice(0, 4)) + SHORT_SUPPORT_YEARS}${asOf.slice(4)}`;
  const short = products.filter((p) => p.end_of_support !== undefined && p.end_of_support >= asOf && p.end_of_support < limit);
  const [score, text]: [Score, string] = ended.length
    ? [4, `support has ended for ${ended.map((p) => `${p.product_id} (${p.end_of_support})`).join(', ')}`]
    : open.length
      ? [3, `no end-of-support date (committed support period) is recorded for ${open.map((p) => p.product_id).join(', ')}`]
      : short.length
        ? [2, `support ends within ${SHORT_SUPPORT_YEARS} years (before ${limit}) for ${short.map((p) => `${p.product_id} (${p.end_of_support})`).join(', ')}`]
        : [1, `support is committed beyond ${limit} for all ${n} products; EU support capability (for 0) is for the assessor`];
  add(out, 'C2.4', score, 'products', `${text}.`, `ended → 4; no date → 3; ends within ${SHORT_SUPPORT_YEARS} years → 2; else 1`,
    { asOf, products: products.map((p) => ({ productId: p.product_id, endOfSupport: p.end_of_support ?? null })) });
}
