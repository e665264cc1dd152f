import { z } from 'zod';
import { DESIGNATION_KINDS, DesignationScopeItem, SEGMENT_IDS } from './entities.js';
import { ImportError } from './errors.js';
import { Id, IsoDate, MemberStateCode } from './primitives.js';

/**
 * A what-if scenario file (JSON, snake_case like every other input): restrictions of suppliers, supply
 * disruptions, how restricted units are replaced and at what pace, and overrides of the cost, waste and
 * energy defaults. docs/simulation.md describes every field and the model that runs it.
 */

const Segment = z.enum(SEGMENT_IDS);
const Count = z.number({ error: 'must be a number' }).min(0, 'must not be negative');
const Months = z.number({ error: 'must be a whole number of months' }).int('must be a whole number of months');
const PerSegment = z.partialRecord(Segment, Count);
const PerFunction = z.record(Id, Count);

export const ScenarioRestriction = z
  .object({
    /** label used in results; defaults to R1, R2, … by position */
    id: Id.optional(),
    suppliers: z.array(Id).default([]),
    /** every supplier designated (status in-force, kinds below) by one of these member states */
    designated_by: z.array(MemberStateCode).default([]),
    designation_kinds: z.array(z.enum(DESIGNATION_KINDS)).min(1, 'must name at least one kind').default(['high-risk', 'restricted']),
    /** segment ids, or key-assets for every critical or sensitive unit in any segment */
    segments: z.array(DesignationScopeItem).min(1, 'must name at least one segment or key-assets'),
    /** where the restriction applies (the operators' member states); empty means every member state */
    member_states: z.array(MemberStateCode).default([]),
    /** defaults to the scenario's start date */
    effective_date: IsoDate.optional(),
    /** defaults to the default transition of each member state's policy */
    transition_months: Months.min(0, 'must not be negative').max(240, 'must be at most 240').optional(),
    /**
     * Share of each operator's in-scope segment the restricted suppliers may keep together: 0 phases them
     * out, 0.35 caps them at 35 %.
     */
    max_share: z.number({ error: 'must be a number' }).min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(0),
  })
  .strict()
  .refine((r) => r.suppliers.length > 0 || r.designated_by.length > 0, {
    message: 'names no supplier: give suppliers or designated_by',
    path: ['suppliers'],
  });
export type ScenarioRestriction = z.infer<typeof ScenarioRestriction>;

export const DISRUPTION_EFFECTS = ['delivery', 'support', 'delivery-and-support'] as const;

export const ScenarioDisruption = z
  .object({
    id: Id.optional(),
    suppliers: z.array(Id).min(1, 'must name at least one supplier'),
    /** empty means every segment */
    segments: z.array(Segment).default([]),
    /** empty means every member state */
    member_states: z.array(MemberStateCode).default([]),
    from: IsoDate,
    /** left out: the disruption lasts beyond any horizon */
    duration_months: Months.min(1, 'must be at least 1').max(1200, 'must be at most 1200').optional(),
    /** delivery: no new units (blocks replacements); support: installed units lose support */
    affects: z.enum(DISRUPTION_EFFECTS).default('delivery-and-support'),
  })
  .strict();
export type ScenarioDisruption = z.infer<typeof ScenarioDisruption>;

const NamedSupplier = z.union([
  Id.transform((supplier_id) => ({ supplier_id, share: 1 })),
  z.object({ supplier_id: Id, share: z.number().positive('must be more than 0').default(1) }).strict(),
]);

export const ScenarioReplacement = z
  .object({
    strategy: z.enum(['proportional', 'named']).default('proportional'),
    /** for strategy named: the suppliers that receive replacement units, with relative shares (default equal) */
    suppliers: z.array(NamedSupplier).default([]),
    /** effective-date: an operator starts swapping when the restriction takes effect; start: at the scenario start */
    begin: z.enum(['effective-date', 'start']).default('effective-date'),
    capacity: z
      .object({
        /** units per month per segment for every operator not listed below */
        default: PerSegment.default({}),
        /** units per month per segment for named operators */
        operators: z.record(Id, PerSegment).default({}),
        /** where no absolute capacity is given: share of the operator's installed base per month */
        share_per_month: z.partialRecord(Segment, z.number().min(0, 'must not be negative').max(1, 'must be at most 1')).default({}),
      })
      .strict()
      .default({ default: {}, operators: {}, share_per_month: {} }),
  })
  .strict()
  .refine((r) => r.strategy !== 'named' || r.suppliers.length > 0, {
    message: 'strategy named needs at least one supplier',
    path: ['suppliers'],
  });
export type ScenarioReplacement = z.infer<typeof ScenarioReplacement>;

export const Scenario = z
  .object({
    name: z.string().trim().min(1, 'is required').max(128, 'is longer than 128 characters'),
    version: z.string().trim().min(1, 'is required').max(64, 'is longer than 64 characters'),
    description: z.string().trim().max(4000).optional(),
    /** month 1 of the simulation begins on this day */
    start_date: IsoDate,
    horizon_months: Months.min(1, 'must be at least 1').max(240, 'must be at most 240'),
    restrictions: z.array(ScenarioRestriction).default([]),
    disruptions: z.array(ScenarioDisruption).default([]),
    replacement: ScenarioReplacement.default({
      strategy: 'proportional',
      suppliers: [],
      begin: 'effective-date',
      capacity: { default: {}, operators: {}, share_per_month: {} },
    }),
    overrides: z
      .object({
        unit_cost_eur: PerFunction.default({}),
        ewaste_kg: PerFunction.default({}),
        annual_kwh: PerFunction.default({}),
        replacement_energy_factor: Count.optional(),
      })
      .strict()
      .default({ unit_cost_eur: {}, ewaste_kg: {}, annual_kwh: {} }),
  })
  .strict()
  .refine((s) => s.restrictions.length > 0 || s.disruptions.length > 0, {
    message: 'has neither restrictions nor disruptions: nothing to simulate',
    path: ['restrictions'],
  });
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** A zod issue path as the scenario file writes it: restrictions[0].segments[1]. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/**
 * Parses a scenario; a bad one is an ImportError naming the file and the first bad field
 * (e.g. `scenario.json, field restrictions[0].segments[1]: Invalid option: …`).
 */
export function parseScenario(raw: unknown, file = 'scenario'): Scenario {
  const result = Scenario.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = fieldPath(issue.path);
  throw new ImportError(file, undefined, field || undefined, issue.message);
}
