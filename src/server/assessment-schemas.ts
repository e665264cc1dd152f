import { z } from 'zod';
import { Severity } from '../domain/index.js';
import { named } from './schemas.js';

/*
 * The shapes of the engine's figures as the API answers them (src/domain/assessment.ts,
 * src/store/access/assessment-view.ts), so the OpenAPI document and the generated web client describe
 * them field by field instead of as open objects.
 */

const ScopeLevel = z.enum(['union', 'member-state', 'operator']);
const SeverityCounts = z.object(Object.fromEntries(Severity.options.map((s) => [s, z.number().int()])) as Record<z.infer<typeof Severity>, z.ZodNumber>);

export const ExplanationOut = named(
  z.object({
    text: z.string().describe('one or two sentences a reader can check'),
    formula: z.string().optional().describe('the formula or rule, in plain notation'),
    inputs: z.record(z.string(), z.unknown()).describe('the numbers and ids that went in'),
  }),
  'Explanation',
);

const Where = { scope: ScopeLevel, memberState: z.string().optional(), operatorId: z.string().optional() };

export const ConcentrationOut = named(
  z.object({
    ...Where,
    segment: z.string(),
    hhi: z.number().describe('Herfindahl–Hirschman index on 0–10,000 over quantity shares'),
    topSupplierId: z.string(),
    topSupplierShare: z.number().describe('0–1'),
    suppliers: z.number().int(),
    quantity: z.number(),
    explanation: ExplanationOut,
  }),
  'Concentration',
);

export const ExposureOut = named(
  z.object({
    ...Where,
    criticalExposure: z.number().describe('designated critical quantity / critical quantity'),
    sensitiveExposure: z.number().describe('designated sensitive quantity / sensitive quantity'),
    criticalQuantity: z.number(),
    sensitiveQuantity: z.number(),
    designatedCriticalQuantity: z.number(),
    designatedSensitiveQuantity: z.number(),
    explanation: ExplanationOut.optional().describe('absent for the union analyst (it names designations)'),
  }),
  'Exposure',
);

const PerScope = { quantity: z.number(), findings: z.number().int(), bySeverity: SeverityCounts };

export const DashboardOut = named(
  z.object({
    generatedAt: z.string(),
    date: z.string().describe('the day the inventory is assessed at'),
    catalogVersion: z.string(),
    reach: z
      .object({ level: z.enum(['union', 'member-state', 'operator', 'aggregates']), memberState: z.string().optional(), operatorId: z.string().optional() })
      .describe('what your reach holds: the Union, a member state, an operator, or aggregates only'),
    totals: z.object({
      memberStates: z.number().int(),
      operators: z.number().int(),
      quantity: z.number(),
      findings: z.number().int(),
      bySeverity: SeverityCounts,
      byRule: z.record(z.string(), z.number().int()),
    }),
    concentration: z.array(ConcentrationOut),
    exposure: z.array(ExposureOut),
    memberStates: z.array(z.object({ memberState: z.string(), operators: z.number().int(), ...PerScope })),
    operators: z.array(z.object({ operatorId: z.string(), name: z.string(), memberState: z.string(), ...PerScope })).optional().describe('absent for aggregate-only scopes'),
    topFindings: z
      .array(
        z.object({
          id: z.string(),
          rule: z.string(),
          measure: z.string(),
          severity: Severity,
          level: ScopeLevel,
          memberState: z.string(),
          operatorId: z.string().optional(),
          segment: z.string().optional(),
          supplierId: z.string().optional(),
          productId: z.string().optional(),
          affectedQuantity: z.number(),
          deadline: z.string().optional(),
          assets: z.number().int().describe('how many assets it is about'),
          summary: z.string(),
          explanation: ExplanationOut,
        }),
      )
      .optional()
      .describe('the most severe findings (at most 20), without their asset lists; absent for aggregate-only scopes'),
  }),
  'Dashboard',
);

/** A finding of a stored run: the engine's Finding with its first asset ids (STORED_ASSET_IDS) and their count. */
export const StoredFindingOut = named(
  z.object({
    id: z.string().describe('stable across runs over the same data'),
    rule: z.string(),
    measure: z.string(),
    severity: Severity,
    level: ScopeLevel.describe('where in the network the finding is'),
    memberState: z.string(),
    operatorId: z.string().optional(),
    segment: z.string().optional(),
    supplierId: z.string().optional(),
    productId: z.string().optional(),
    affectedQuantity: z.number(),
    assetIds: z.array(z.string()).describe('the first 100 asset ids'),
    assetCount: z.number().int(),
    assetIdsTruncated: z.boolean(),
    deadline: z.string().optional(),
    explanation: ExplanationOut,
  }),
  'Finding',
);

const RiskLevelOut = z.enum(['low', 'medium', 'high', 'very-high']);
const Dimension = z.enum(['likelihood', 'impact']);

/** A risk score R1–R9 at a member state or an operator (src/engine/risk/types.ts, RiskScore). */
export const RiskScoreOut = named(
  z.object({
    scope: z.enum(['member-state', 'operator']),
    memberState: z.string(),
    operatorId: z.string().optional(),
    riskArea: z.string(),
    likelihood: z.number(),
    impact: z.number(),
    level: RiskLevelOut,
    residualLikelihood: z.number(),
    residualImpact: z.number(),
    residualLevel: RiskLevelOut,
    raw: z.object({ likelihood: z.number(), impact: z.number(), residualLikelihood: z.number(), residualImpact: z.number() }).describe('the unrounded values'),
    drivers: z.array(
      z.object({
        name: z.string(),
        dimension: Dimension,
        value: z.number().describe('0–1'),
        weight: z.number(),
        contribution: z.number().describe('points added to the raw score: 4 · weight · value / Σ weights of its dimension'),
        known: z.boolean().describe("false where the fact is not recorded and the model's unknownFactValue stands in"),
        detail: z.string(),
      }),
    ),
    mitigations: z.array(
      z.object({
        measure: z.string(),
        effect: z.string(),
        dimension: Dimension,
        status: z.string(),
        statusFrom: z.enum(['operator', 'member-state', 'union', 'none']),
        contradictedBy: z.number().int().optional(),
        points: z.number(),
      }),
    ),
    explanation: ExplanationOut,
  }),
  'RiskScore',
);

/**
 * A stored run's metric row: a concentration row (segment, hhi, suppliers, topSupplierId,
 * topSupplierShare, quantity) or an exposure row (the exposure and quantity fields). One object with the
 * fields of both, each present on its kind of row: the rows carry no field naming their kind.
 */
export const MetricOut = named(
  z.object({
    ...Where,
    ...ConcentrationOut.omit({ scope: true, memberState: true, operatorId: true, explanation: true }).partial().shape,
    ...ExposureOut.omit({ scope: true, memberState: true, operatorId: true, explanation: true }).partial().shape,
    explanation: ExplanationOut,
  }),
  'Metric',
);
