import type { Control } from './shapes';

/*
 * The ownership and control graph of a supplier, from what GET /suppliers/{id}/control answers: each
 * look-through path (owner → … → supplier, a stake per step) and each control path (controller →
 * controlled, with its basis) gives edges; an edge seen on several paths is one edge. Nodes are placed
 * in columns by their distance from the supplier (the supplier rightmost), so the picture reads left
 * to right from the ultimate owners down to the supplier, the same on every draw.
 */

export type NodeRole = 'subject' | 'state' | 'controller' | 'owner' | 'intermediate';

export interface GraphNode {
  id: string;
  name: string;
  kind?: string;
  country?: string;
  role: NodeRole;
  /** columns left of the supplier (0: the supplier) */
  depth: number;
  row: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** the holder's stake in the held entity, 0–1, when an ownership path names it */
  share?: number;
  /** the basis of control (majority, golden share …), when a control path names it */
  control?: string;
}

const STATE_KINDS = new Set(['government', 'state-body']);

export function ownershipGraph(c: Control, supplierName: string): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const edges = new Map<string, GraphEdge>();
  const edge = (from: string, to: string) => {
    const key = `${from}\u0000${to}`;
    if (!edges.has(key)) edges.set(key, { from, to });
    return edges.get(key)!;
  };
  for (const o of c.owners)
    for (const p of o.paths) p.stakes.forEach((s, i) => (edge(p.chain[i]!, p.chain[i + 1]!).share = s));
  for (const u of c.ultimateControllers) for (const path of u.paths) for (const l of path) edge(l.controllerId, l.controlledId).control = l.basis;

  const known = new Map<string, { name: string; kind?: string; country?: string }>();
  for (const o of c.owners) known.set(o.entityId, o);
  for (const u of c.ultimateControllers) known.set(u.entityId, u);
  const controllers = new Set(c.ultimateControllers.filter((u) => !u.isSubject).map((u) => u.entityId));

  // depth: the longest way down to the supplier, so a holder sits left of everything it holds
  const out = new Map<string, string[]>();
  for (const e of edges.values()) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const depth = new Map<string, number>([[c.supplierId, 0]]);
  const depthOf = (id: string, seen: Set<string>): number => {
    if (depth.has(id)) return depth.get(id)!;
    // a cycle (the API reports them) is cut where it closes
    if (seen.has(id)) return 0;
    seen.add(id);
    const d = 1 + Math.max(0, ...(out.get(id) ?? []).map((n) => depthOf(n, seen)));
    seen.delete(id);
    depth.set(id, d);
    return d;
  };
  const ids = new Set<string>([c.supplierId, ...[...edges.values()].flatMap((e) => [e.from, e.to])]);
  for (const id of ids) depthOf(id, new Set());

  const rows = new Map<number, number>();
  const nodes = [...ids]
    .sort((a, b) => depth.get(b)! - depth.get(a)! || (a < b ? -1 : 1))
    .map((id): GraphNode => {
      const k = known.get(id);
      const d = depth.get(id)!;
      const row = rows.get(d) ?? 0;
      rows.set(d, row + 1);
      const role: NodeRole =
        id === c.supplierId ? 'subject' : STATE_KINDS.has(k?.kind ?? '') ? 'state' : controllers.has(id) ? 'controller' : known.has(id) ? 'owner' : 'intermediate';
      return { id, name: id === c.supplierId ? supplierName : (k?.name ?? id), kind: k?.kind, country: k?.country, role, depth: d, row };
    });
  return { nodes, edges: [...edges.values()] };
}
