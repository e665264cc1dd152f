import { z } from 'zod';
import { Asset, Designation, Operator, Policy, Product, Supplier } from '../domain/index.js';
import { Entity, Holding } from '../domain/ownership.js';
import { ProfileLevel } from '../domain/profile.js';
import { DESIGNATION_WARNING_KINDS } from '../engine/designation-warnings.js';
import { Implementation } from '../domain/implementation.js';
import { ScreeningCase } from '../domain/screening.js';
import { named } from './schemas.js';

/*
 * Shapes of register rows as the API answers them, for the OpenAPI description (response schemas
 * document, they do not filter: src/server/schemas.ts). Built from the domain schemas so the two cannot
 * drift apart. They are written in the columns' snake_case; the wire and the OpenAPI document carry them
 * in camelCase, renamed once for every route (src/domain/json-case.ts, src/server/json-case.ts).
 */

/** An implementation status row with where it came from. */
export const ImplementationRow = named(z.object({
  ...Implementation.shape,
  row_id: z.string(),
  recorded_at: z.string().describe('when it was stored'),
  import_id: z.string().describe('the batch (import or API write) it came in'),
  source: z.string(),
}), 'ImplementationRow');

export const ScreeningCaseRow = named(z.object({
  revision: z.number().int(),
  recordedAt: z.string(),
  source: z.string(),
  case: ScreeningCase,
  screening: z.looseObject({ commentDeadline: z.string(), daysRemaining: z.number().int(), phase: z.enum(['open', 'overdue', 'closed']) }).describe('the 35-day comment deadline and the phase at the date asked'),
}), 'ScreeningCaseRow');

export const ProfileSummaryRow = named(z.object({
  profileId: z.string(),
  version: z.number().int().describe('the latest version'),
  supplierId: z.string(),
  memberState: z.string(),
  assessor: z.string(),
  assessedOn: z.string(),
  level: ProfileLevel,
  ruleId: z.string(),
  recordedAt: z.string(),
}), 'ProfileSummary');

export const EntityRow = named(z.object({ ...Entity.shape, source: z.enum(['register', 'supplier']).describe('supplier: a supplier without an entities row, standing in for itself') }), 'EntityRow');
export const HoldingRow = named(Holding, 'Holding');

// the inventory and decision rows as stored: the domain schemas themselves, named wherever a route uses them
named(Operator, 'Operator');
named(Supplier, 'Supplier');
named(Product, 'Product');
named(Asset, 'Asset');
named(Designation, 'Designation');
named(Policy, 'Policy');

/** The profile version a designation rests on (engine/designation-warnings.ts). */
export const DesignationProfileRef = named(z.object({
  profileId: z.string(),
  version: z.number().int(),
  level: ProfileLevel,
  ruleId: z.string(),
  assessedOn: z.string(),
}), 'DesignationProfileRef');

/** A warning about what a designation rests on: its kind, a sentence, and the facts behind it. */
export const DesignationWarning = named(z.object({
  kind: z.enum(DESIGNATION_WARNING_KINDS).describe('no-profile: none cited; profile-level-low: the cited version is low; newer-profile-version: a later version is recorded'),
  message: z.string(),
  profileId: z.string().optional().describe('the cited profile (no-profile: the one that could be cited)'),
  version: z.number().int().optional(),
  level: ProfileLevel.optional(),
  ruleId: z.string().optional(),
  latestVersion: z.number().int().optional(),
  latestLevel: ProfileLevel.optional(),
  latestAssessedOn: z.string().optional(),
}), 'DesignationWarning');

/** A designation as create and read answer it: the row, the profile version it rests on, and the warnings. */
export const DesignationAnswer = named(z.object({
  ...Designation.shape,
  profile: DesignationProfileRef.optional(),
  warnings: z.array(DesignationWarning),
}), 'DesignationAnswer');
