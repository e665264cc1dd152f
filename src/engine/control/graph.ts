import type { Entity, Holding } from '../../domain/ownership.js';

/** One holder's stake in one held entity, as fractions of 1 (holdings of the same pair summed). */
export interface Stake {
  holderId: string;
  heldId: string;
  share: number;
  votes: number;
  control: boolean;
}

export type MissingDatum =
  | { kind: 'unknown-entity'; entityId: string; referencedBy: string; text: string }
  | { kind: 'missing-country'; entityId: string; text: string }
  | { kind: 'incomplete-holdings'; entityId: string; recorded: number; remainder: number; text: string }
  | { kind: 'over-allocated'; entityId: string; recorded: number; text: string }
  | { kind: 'no-holdings'; entityId: string; text: string };

export interface OwnershipGraph {
  entities: ReadonlyMap<string, Entity>;
  /** Stakes in each held entity, holders in id order; holders may be unknown entities. */
  stakesIn: ReadonlyMap<string, readonly Stake[]>;
}

/**
 * Indexes holdings by the entity held. Holdings dated after `asOf` are left out, so a computation can be
 * repeated as of a past date.
 */
export function buildGraph(entities: readonly Entity[], holdings: readonly Holding[], asOf?: string): OwnershipGraph {
  const byId = new Map(entities.map((e) => [e.entity_id, e]));
  const merged = new Map<string, Stake>();
  for (const h of holdings) {
    if (asOf !== undefined && h.since !== undefined && h.since > asOf) continue;
    const key = `${h.held_id}\u0000${h.holder_id}`;
    const votes = (h.voting_rights ?? h.percentage) / 100;
    const prev = merged.get(key);
    if (prev) {
      prev.share += h.percentage / 100;
      prev.votes += votes;
      prev.control ||= h.control;
    } else {
      merged.set(key, { holderId: h.holder_id, heldId: h.held_id, share: h.percentage / 100, votes, control: h.control });
    }
  }
  const stakesIn = new Map<string, Stake[]>();
  for (const s of merged.values()) {
    const list = stakesIn.get(s.heldId) ?? [];
    list.push(s);
    stakesIn.set(s.heldId, list);
  }
  for (const list of stakesIn.values()) list.sort((a, b) => (a.holderId < b.holderId ? -1 : a.holderId > b.holderId ? 1 : 0));
  return { entities: byId, stakesIn };
}

export const stakesIn = (g: OwnershipGraph, id: string): readonly Stake[] => g.stakesIn.get(id) ?? [];

/** Every entity reachable upward from the subject (holders, their holders, …), subject first. */
export function upstream(g: OwnershipGraph, subject: string): string[] {
  const seen = new Set([subject]);
  const order = [subject];
  for (let i = 0; i < order.length; i++) {
    for (const s of stakesIn(g, order[i])) {
      if (seen.has(s.holderId)) continue;
      seen.add(s.holderId);
      order.push(s.holderId);
    }
  }
  return order;
}

const pctText = (f: number) => `${+(f * 100).toFixed(4)} %`;

/** The gaps in the data that bear on the subject: unknown holders, missing countries, incomplete stakes. */
export function findMissingData(g: OwnershipGraph, subject: string, reached: readonly string[]): MissingDatum[] {
  const out: MissingDatum[] = [];
  for (const id of reached) {
    const entity = g.entities.get(id);
    if (!entity) continue;
    if (entity.country === undefined) out.push({ kind: 'missing-country', entityId: id, text: `${id} has no country recorded` });
    const stakes = stakesIn(g, id);
    for (const s of stakes) {
      if (!g.entities.has(s.holderId))
        out.push({ kind: 'unknown-entity', entityId: s.holderId, referencedBy: id, text: `a holding in ${id} names ${s.holderId}, which is not a recorded entity; its ${pctText(s.share)} counts as unknown` });
    }
    if (stakes.length === 0) {
      if (id === subject) out.push({ kind: 'no-holdings', entityId: id, text: `no holdings in ${id} are recorded: its owners are unknown` });
      continue;
    }
    const recorded = stakes.reduce((sum, s) => sum + s.share, 0);
    if (recorded < 1 - 1e-9)
      out.push({ kind: 'incomplete-holdings', entityId: id, recorded, remainder: 1 - recorded, text: `holdings in ${id} sum to ${pctText(recorded)}: the remaining ${pctText(1 - recorded)} has unknown owners` });
    else if (recorded > 1 + 1e-9)
      out.push({ kind: 'over-allocated', entityId: id, recorded, text: `holdings in ${id} sum to ${pctText(recorded)}, more than 100 %: the figures above it are not reliable until the data are corrected` });
  }
  return out;
}
