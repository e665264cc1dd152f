import { z } from 'zod';
import { CountryCode, Id, IsoDate, anyCase, optional } from './primitives.js';

/**
 * Ownership and control: entities (companies, investment vehicles, governments, state bodies, persons)
 * and the holdings between them. A supplier takes part in this graph as the entity that names it in
 * supplier_id, else as the entity whose entity_id is its supplier_id. Rows are CSV- and JSON-friendly: numbers and flags may arrive as text.
 */

export const ENTITY_KINDS = ['company', 'investment-vehicle', 'government', 'state-body', 'individual'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Kinds whose holdings count as held by a state (stateShares). */
export const STATE_ENTITY_KINDS: readonly EntityKind[] = ['government', 'state-body'];
export const isStateKind = (kind: EntityKind): boolean => STATE_ENTITY_KINDS.includes(kind);

export const Entity = z.object({
  entity_id: Id,
  name: z.string().trim().min(1, 'is required'),
  kind: anyCase(ENTITY_KINDS),
  /** Left empty when unknown: the control computation reports it as missing data. */
  country: optional(CountryCode),
  /**
   * The supplier this entity is, when the register keeps ids of its own: the supplier then takes part in
   * the graph as this entity (and holdings naming either id meet at it).
   */
  supplier_id: optional(Id),
});
export type Entity = z.infer<typeof Entity>;

const Percent = z.coerce
  .number({ error: 'must be a number' })
  .refine(Number.isFinite, 'must be a finite number')
  .refine((n) => n >= 0 && n <= 100, 'must be between 0 and 100');

/** CSV flags: true/false, yes/no, 1/0 (any case); empty means false. */
const Flag = z.preprocess((v) => {
  if (typeof v !== 'string') return v ?? false;
  const s = v.trim().toLowerCase();
  if (s === '' || s === 'false' || s === 'no' || s === '0') return false;
  if (s === 'true' || s === 'yes' || s === '1') return true;
  return v;
}, z.boolean({ error: 'must be true or false' }));

export const Holding = z.object({
  holder_id: Id,
  held_id: Id,
  /** Share of the capital, in percent. */
  percentage: Percent,
  /** Share of the voting rights, in percent; when absent the capital share stands for it. */
  voting_rights: optional(Percent),
  /**
   * The holding confers control or joint control whatever its size: a golden share, special rights,
   * the right to appoint the board, a shareholder agreement.
   */
  control: Flag,
  since: optional(IsoDate),
}).refine((h) => h.holder_id !== h.held_id, { message: 'an entity cannot hold itself', path: ['held_id'] });
export type Holding = z.infer<typeof Holding>;
export type HoldingInput = z.input<typeof Holding>;
