import { ImportError } from '../domain/errors.js';
import { CRITERIA, CRITERION_GROUPS, type Criterion, type CriterionGroup } from './criteria.js';
import { MEASURES, type Measure } from './measures.js';
import { RISK_AREAS, SCENARIO_GROUPS, type RiskArea, type ScenarioGroup } from './risk-areas.js';
import {
  RISK_MEASURE_LINKS,
  applyLinkOverrides,
  type LinkOverrides,
  type RiskMeasureLink,
} from './risk-measure-links.js';
import { FUNCTIONS, SEGMENTS, type FunctionEntry, type SegmentEntry } from './segments.js';
import { CATALOG_VERSION } from './version.js';

/**
 * When the catalogue data last changed. Change it together with CATALOG_VERSION (whose year.month it
 * must match, a test checks): exports use it as their last-modified date so that they are reproducible.
 */
export const CATALOG_LAST_MODIFIED = '2026-11-28T00:00:00Z';

export interface Catalog {
  /** CATALOG_VERSION, or `<CATALOG_VERSION>+<source>` when link overrides were applied. */
  version: string;
  lastModified: string;
  measures: readonly Measure[];
  riskAreas: readonly RiskArea[];
  scenarioGroups: readonly ScenarioGroup[];
  segments: readonly SegmentEntry[];
  functions: readonly FunctionEntry[];
  criterionGroups: readonly CriterionGroup[];
  criteria: readonly Criterion[];
  riskMeasureLinks: readonly RiskMeasureLink[];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The catalogue as shipped: frozen, so that no caller can change what every other caller sees. */
export const CATALOG: Catalog = deepFreeze({
  version: CATALOG_VERSION,
  lastModified: CATALOG_LAST_MODIFIED,
  measures: MEASURES,
  riskAreas: RISK_AREAS,
  scenarioGroups: SCENARIO_GROUPS,
  segments: SEGMENTS,
  functions: FUNCTIONS,
  criterionGroups: CRITERION_GROUPS,
  criteria: CRITERIA,
  riskMeasureLinks: RISK_MEASURE_LINKS,
});

/**
 * The catalogue with a national or organisational overrides file applied to its risk→measure links.
 * The version gains the overrides' source as build metadata, so an assessment records that it was judged
 * against altered links. Every risk area must keep at least one mitigating measure.
 */
export function getCatalog(options: { linkOverrides?: LinkOverrides; overridesFile?: string } = {}): Catalog {
  const { linkOverrides, overridesFile = 'link overrides' } = options;
  if (!linkOverrides) return CATALOG;
  const links = applyLinkOverrides(CATALOG.riskMeasureLinks, linkOverrides, overridesFile);
  for (const area of CATALOG.riskAreas) {
    if (!links.some((x) => x.riskArea === area.id)) {
      throw new ImportError(overridesFile, undefined, 'remove', `leaves risk area ${area.id} without any mitigating measure`);
    }
  }
  return deepFreeze({ ...CATALOG, version: `${CATALOG.version}+${linkOverrides.source}`, riskMeasureLinks: links });
}

export function findMeasure(id: string, catalog: Catalog = CATALOG): Measure | undefined {
  return catalog.measures.find((x) => x.id === id);
}

export function findRiskArea(id: string, catalog: Catalog = CATALOG): RiskArea | undefined {
  return catalog.riskAreas.find((x) => x.id === id);
}

export function findCriterion(id: string, catalog: Catalog = CATALOG): Criterion | undefined {
  return catalog.criteria.find((x) => x.id === id);
}

/** Links mitigating a risk area, primary ones first, otherwise in catalogue order. */
export function linksForRiskArea(id: string, catalog: Catalog = CATALOG): RiskMeasureLink[] {
  const links = catalog.riskMeasureLinks.filter((x) => x.riskArea === id);
  return [...links.filter((x) => x.effect === 'primary'), ...links.filter((x) => x.effect !== 'primary')];
}

/** Links from a measure to the risk areas it mitigates, in risk-area order. */
export function linksForMeasure(id: string, catalog: Catalog = CATALOG): RiskMeasureLink[] {
  const order = new Map(catalog.riskAreas.map((r, i) => [r.id as string, i]));
  return catalog.riskMeasureLinks
    .filter((x) => x.measure === id)
    .sort((a, b) => (order.get(a.riskArea) ?? 0) - (order.get(b.riskArea) ?? 0));
}

/** The catalogue as a plain JSON document (a mutable deep copy, same fields). */
export function catalogToJson(catalog: Catalog = CATALOG): Catalog {
  return JSON.parse(JSON.stringify(catalog)) as Catalog;
}
