import { z } from 'zod';
import { CountryCode, Id, IsoDate, MemberStateCode, Quantity, anyCase, list, optional } from './primitives.js';
import { SEGMENT_IDS } from './entities.js';

/**
 * Investment screening under Regulation (EU) 2019/452 and the public-funding check of SA10.
 * Both are registers a national authority keeps; the engine (src/engine/screening.ts, funding.ts) reads them.
 */

/** Art. 4(1) factors; Art. 4(2) third-country-government control is its own flag on the case. */
export const SCREENING_FACTORS = [
  'critical-infrastructure',
  'critical-technologies',
  'critical-inputs',
  'sensitive-information',
  'media-freedom',
] as const;

export const SCREENING_STATUSES = [
  'received',
  'under-review',
  'comments-issued',
  'closed-no-action',
  'closed-with-conditions',
  'prohibited',
  'withdrawn',
] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];
/** Statuses after which the authority expects nothing more of the case. */
export const CLOSED_SCREENING_STATUSES: readonly ScreeningStatus[] = ['closed-no-action', 'closed-with-conditions', 'prohibited', 'withdrawn'];

/** A flag left out (an empty cell, which the register reader drops, or a missing key) is false, as documented. */
const Flag = z.preprocess(
  (v) => (v === 'true' || v === '1' || v === 'yes' ? true : v === 'false' || v === '0' || v === 'no' || v === '' || v === undefined || v === null ? false : v),
  z.boolean({ error: 'must be true or false' }),
);

export const ScreeningCase = z
  .object({
    case_id: Id,
    investor: z.string().trim().min(1, 'is required').max(200),
    investor_country: CountryCode,
    target_kind: anyCase(['supplier', 'operator'], 'must be supplier or operator'),
    /** supplier_id or operator_id of the inventory */
    target_id: Id,
    member_state: MemberStateCode,
    factors: list(anyCase(SCREENING_FACTORS, `must be one of ${SCREENING_FACTORS.join(', ')}`)),
    third_country_government_control: Flag,
    /** the day the notification or the information was received: the 35-day period runs from it */
    received_on: IsoDate,
    decided_on: optional(IsoDate),
    status: anyCase(SCREENING_STATUSES, `must be one of ${SCREENING_STATUSES.join(', ')}`),
    note: optional(z.string().trim().max(2000)),
  })
  .strict()
  .refine((c) => c.decided_on === undefined || c.decided_on >= c.received_on, {
    message: 'must not be before received_on',
    path: ['decided_on'],
  });
export type ScreeningCase = z.infer<typeof ScreeningCase>;
export type ScreeningCaseInput = z.input<typeof ScreeningCase>;

export const PlannedAsset = z
  .object({
    segment: z.enum(SEGMENT_IDS),
    function: Id,
    supplier_id: Id,
    quantity: Quantity.default(1),
  })
  .strict();
export type PlannedAsset = z.infer<typeof PlannedAsset>;

/** A deployment project seeking public funding (SA10). */
export const FundingProject = z
  .object({
    project_id: Id,
    title: optional(z.string().trim().max(200)),
    operator_id: Id,
    member_state: MemberStateCode,
    /** the day the planned assets would go into service; designations are judged as in force on it */
    planned_date: IsoDate,
    assets: z.array(PlannedAsset).min(1, 'must list at least one planned asset'),
  })
  .strict();
export type FundingProject = z.infer<typeof FundingProject>;
export type FundingProjectInput = z.input<typeof FundingProject>;
