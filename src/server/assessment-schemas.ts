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
