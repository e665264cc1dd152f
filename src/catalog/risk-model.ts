import { z } from 'zod';
import { ImportError } from '../domain/errors.js';
import { MEASURE_IDS } from './measures.js';
import { RISK_AREA_IDS, type RiskAreaId } from './risk-areas.js';

/**
 * How secure5g scores the risk areas R1–R9: the drivers of likelihood and impact with their weights, the
 * 5×5 matrix that turns them into a level, and how implemented measures lower the residual. None of it
 * comes from the Toolbox, which gives no scoring method: it is the project's documented default
 * (docs/risk-model.md), and a member state may override any part with a risk-model file.
 */

export const RISK_LEVELS = ['low', 'medium', 'high', 'very-high'] as const;
export const RiskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const RISK_DRIVERS = [
  'baseline',
  'subscriber-scale',
  'critical-services',
  'max-hhi',
  'single-supplier-segments',
  'designated-key-asset-share',
  'high-profile-key-asset-share',
  'uncertified-critical-share',
  'unsupported-key-asset-share',
] as const;
export type RiskDriverId = (typeof RISK_DRIVERS)[number];

/** What each driver measures, on 0–1; the engine's explanation repeats the figures behind it. */
export const RISK_DRIVER_DESCRIPTIONS: Record<RiskDriverId, string> = {
  baseline: "the area's baseline from the national risk assessment (no inventory data speaks to it)",
  'subscriber-scale': 'subscribers served, by bands: bands reached / number of bands',
  'critical-services': 'critical services served / saturation, at most 1',
  'max-hhi': 'highest HHI over the scope\'s segments / 10,000',
  'single-supplier-segments': 'segments served by one supplier / segments with any quantity',
  'designated-key-asset-share': 'key-asset quantity from designated suppliers / key-asset quantity',
  'high-profile-key-asset-share': 'key-asset quantity from suppliers with a high risk profile / key-asset quantity',
  'uncertified-critical-share': 'critical quantity flagged by TM09 (missing certification) / critical quantity',
  'unsupported-key-asset-share': 'key-asset quantity flagged by TM07 (out of support) / key-asset quantity',
};

const STATUS_NAMES = ['in-place', 'in-progress', 'planned', 'not-planned', 'not-applicable'] as const;

const Unit = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const Weight = z.number().min(0, 'must not be negative').max(100, 'must be at most 100');

const DriverWeights = z
  .array(z.object({ driver: z.enum(RISK_DRIVERS), weight: Weight }).strict())
  .min(1, 'must name at least one driver')
  .superRefine((list, ctx) => {
    if (list.reduce((s, d) => s + d.weight, 0) <= 0) ctx.addIssue({ code: 'custom', message: 'must give some driver a positive weight' });
    const seen = new Set<string>();
    list.forEach((d, i) => {
      if (seen.has(d.driver)) ctx.addIssue({ code: 'custom', path: [i, 'driver'], message: `${d.driver} is named twice` });
      seen.add(d.driver);
    });
  });

const AreaModel = z.object({ baseline: Unit, likelihood: DriverWeights, impact: DriverWeights }).strict();
export type AreaModel = z.infer<typeof AreaModel>;

const AreaList = z.array(z.enum(RISK_AREA_IDS)).min(1, 'must name at least one risk area');
const Row = z.array(RiskLevel).length(5, 'must hold 5 levels, for impact 1 to 5');

export const RiskModel = z
  .object({
    version: z.string().trim().min(1).max(64),
    /** matrix[likelihood − 1][impact − 1] */
    matrix: z.array(Row).length(5, 'must hold 5 rows, for likelihood 1 to 5'),
    /** residual levels that call for recommendations */
    recommendAt: z.array(RiskLevel).min(1, 'must name at least one level'),
    scale: z
      .object({
        subscriberBands: z
          .array(z.number().positive('must be positive'))
          .min(1, 'must hold at least one band')
          .refine((b) => b.every((x, i) => i === 0 || x > b[i - 1]), 'must be strictly ascending'),
        criticalServicesSaturation: z.number().positive('must be positive'),
        /** used for a fact the data does not record (subscribers, critical services) */
        unknownFactValue: Unit,
      })
      .strict(),
    areas: z.object(Object.fromEntries(RISK_AREA_IDS.map((id) => [id, AreaModel])) as Record<RiskAreaId, typeof AreaModel>).strict(),
    mitigation: z
      .object({
        /** points taken off per linked measure fully in place, by the link's effect */
        primary: z.number().min(0).max(4),
        supporting: z.number().min(0).max(4),
        /** share of those points a status earns */
        statusFactor: z.object(Object.fromEntries(STATUS_NAMES.map((s) => [s, Unit])) as Record<(typeof STATUS_NAMES)[number], typeof Unit>).strict(),
        /** cap on the points taken off one dimension of one score */
        maxReduction: z.number().min(0).max(4),
        /** measures that lower impact (they limit the consequences); every other measure lowers likelihood */
        impactMeasures: z.array(z.enum(MEASURE_IDS)),
      })
      .strict(),
    /** which risk areas a finding of each rule bears on (recommendations per finding) */
    findingRiskAreas: z.object({ SM03: AreaList, 'SM03-CAP': AreaList, SM05: AreaList, SM06: AreaList, TM07: AreaList, TM09: AreaList }).strict(),
  })
  .strict();
export type RiskModel = z.infer<typeof RiskModel>;

const baselineOnly = (impact: AreaModel['impact']): AreaModel => ({ baseline: 0.5, likelihood: [{ driver: 'baseline', weight: 1 }], impact });
const SCALE_ONLY: AreaModel['impact'] = [{ driver: 'subscriber-scale', weight: 1 }];
const SCALE_AND_SERVICES: AreaModel['impact'] = [
  { driver: 'subscriber-scale', weight: 1 },
  { driver: 'critical-services', weight: 1 },
];

/** The product L × I banded: ≤ 4 low, 5–9 medium, 10–16 high, ≥ 20 very-high. */
const DEFAULT_MATRIX: RiskLevel[][] = [1, 2, 3, 4, 5].map((l) =>
  [1, 2, 3, 4, 5].map((i) => {
    const p = l * i;
    return p <= 4 ? 'low' : p <= 9 ? 'medium' : p <= 16 ? 'high' : 'very-high';
  }),
);

export const DEFAULT_RISK_MODEL: RiskModel = {
  version: 'secure5g-risk-2026.11',
  matrix: DEFAULT_MATRIX,
  recommendAt: ['high', 'very-high'],
  scale: { subscriberBands: [100_000, 1_000_000, 5_000_000, 20_000_000], criticalServicesSaturation: 5, unknownFactValue: 0.5 },
  areas: {
    R1: baselineOnly(SCALE_ONLY),
    R2: baselineOnly(SCALE_ONLY),
    R3: {
      baseline: 0.5,
      likelihood: [
        { driver: 'uncertified-critical-share', weight: 1 },
        { driver: 'unsupported-key-asset-share', weight: 1 },
      ],
      impact: SCALE_AND_SERVICES,
    },
    R4: {
      baseline: 0.5,
      likelihood: [
        { driver: 'max-hhi', weight: 2 },
        { driver: 'single-supplier-segments', weight: 1 },
      ],
      impact: SCALE_AND_SERVICES,
    },
    R5: {
      baseline: 0.5,
      likelihood: [
        { driver: 'designated-key-asset-share', weight: 2 },
        { driver: 'high-profile-key-asset-share', weight: 1 },
      ],
      impact: SCALE_AND_SERVICES,
    },
    R6: baselineOnly(SCALE_ONLY),
    R7: baselineOnly([
      { driver: 'critical-services', weight: 2 },
      { driver: 'subscriber-scale', weight: 1 },
    ]),
    R8: baselineOnly(SCALE_AND_SERVICES),
    R9: baselineOnly(SCALE_ONLY),
  },
  mitigation: {
    primary: 1,
    supporting: 0.5,
    statusFactor: { 'in-place': 1, 'in-progress': 0.5, planned: 0, 'not-planned': 0, 'not-applicable': 0 },
    maxReduction: 2,
    impactMeasures: ['TM11', 'SM06', 'SA07'],
  },
  // a cap on designated suppliers bounds how much of a segment their interference could reach, as SM03 does
  findingRiskAreas: { SM03: ['R5'], 'SM03-CAP': ['R5'], SM05: ['R4'], SM06: ['R4'], TM07: ['R3'], TM09: ['R3'] },
};
RiskModel.parse(DEFAULT_RISK_MODEL);

/**
 * A risk-model file: any part of the model to replace. `areas` entries replace the named fields of that
 * area; `scale`, `mitigation` and `mitigation.statusFactor` replace field by field; the rest replace whole.
 */
export const RiskModelOverride = z
  .object({
    source: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'may hold only letters, digits and . _ -').max(64),
    matrix: z.unknown().optional(),
    recommendAt: z.unknown().optional(),
    scale: z.record(z.string(), z.unknown()).optional(),
    areas: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    mitigation: z.record(z.string(), z.unknown()).optional(),
    findingRiskAreas: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type RiskModelOverride = z.infer<typeof RiskModelOverride>;

function fail(file: string, error: z.ZodError): never {
  const issue = error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  throw new ImportError(file, undefined, field, issue.message);
}

/**
 * The default model with an override file applied, validated as a whole: an unknown driver, a weightless
 * dimension, a matrix of the wrong shape or an unknown area is an ImportError naming the file and field.
 * The version gains the override's source, so that a stored assessment says which model scored it.
 */
export function resolveRiskModel(override?: unknown, file = 'risk model'): RiskModel {
  if (override === undefined) return DEFAULT_RISK_MODEL;
  const parsed = RiskModelOverride.safeParse(override);
  if (!parsed.success) fail(file, parsed.error);
  const o = parsed.data;
  const base = DEFAULT_RISK_MODEL;
  const areas: Record<string, unknown> = { ...base.areas };
  for (const [id, area] of Object.entries(o.areas ?? {})) {
    // An unknown area id is kept so that validation names it rather than dropping it silently.
    areas[id] = { ...((base.areas as Record<string, AreaModel>)[id] ?? {}), ...area };
  }
  const mitigation = o.mitigation ?? {};
  const merged = {
    version: `${base.version}+${o.source}`,
    matrix: o.matrix ?? base.matrix,
    recommendAt: o.recommendAt ?? base.recommendAt,
    scale: { ...base.scale, ...(o.scale ?? {}) },
    areas,
    mitigation: {
      ...base.mitigation,
      ...mitigation,
      statusFactor: { ...base.mitigation.statusFactor, ...((mitigation.statusFactor as Record<string, unknown> | undefined) ?? {}) },
    },
    findingRiskAreas: { ...base.findingRiskAreas, ...(o.findingRiskAreas ?? {}) },
  };
  const result = RiskModel.safeParse(merged);
  if (!result.success) fail(file, result.error);
  return result.data;
}

/** The level of a likelihood × impact pair, both whole numbers 1–5. */
export function riskLevel(model: RiskModel, likelihood: number, impact: number): RiskLevel {
  return model.matrix[likelihood - 1][impact - 1];
}
