import { stakesIn, type OwnershipGraph } from './graph.js';

/**
 * Look-through ownership as an absorbing walk: one unit of the subject is passed upward to its holders
 * in proportion to their stakes, round after round, until it reaches an entity that keeps it (one with no
 * recorded holders, or one the caller marks as absorbing, e.g. a state body). What an owner receives is
 * the sum over every path (and, in a cycle, every walk) of the product of the stakes along it — the
 * Neumann series of (I − A)^-1 — so cross-holdings are counted round after round and converge
 * geometrically. The rounds stop when less than EPSILON is still moving; a closed cycle (whose members
 * have no holders outside it) never leaks, so after MAX_ROUNDS what is still moving is reported as
 * unresolved instead of looping.
 */
export const EPSILON = 1e-12;
export const MAX_ROUNDS = 10_000;

export interface WalkResult {
  /** Share of the subject kept by each absorbing entity. */
  absorbed: Map<string, number>;
  /** Share that reached holdings with no recorded owner (remainders below 100 %, unknown holders). */
  unknown: number;
  /** Share still circulating in a closed cycle when the rounds stopped. */
  unresolved: number;
  rounds: number;
}

export function walkUp(g: OwnershipGraph, subject: string, absorbs: (id: string) => boolean): WalkResult {
  const absorbed = new Map<string, number>();
  let unknown = 0;
  let moving = new Map<string, number>([[subject, 1]]);
  let rounds = 0;
  while (moving.size > 0 && rounds < MAX_ROUNDS) {
    rounds++;
    const next = new Map<string, number>();
    for (const [id, mass] of moving) {
      const stakes = stakesIn(g, id);
      const isRoot = stakes.length === 0 && id !== subject;
      if (isRoot || absorbs(id)) {
        absorbed.set(id, (absorbed.get(id) ?? 0) + mass);
        continue;
      }
      let passed = 0;
      for (const s of stakes) {
        passed += s.share;
        if (!g.entities.has(s.holderId)) {
          unknown += mass * s.share;
          continue;
        }
        next.set(s.holderId, (next.get(s.holderId) ?? 0) + mass * s.share);
      }
      // Over-allocated holdings (> 100 %) pass on more than they receive; they are reported as missing data.
      if (passed < 1) unknown += mass * (1 - passed);
    }
    let total = 0;
    for (const m of next.values()) total += m;
    moving = total < EPSILON ? new Map() : next;
  }
  let unresolved = 0;
  for (const m of moving.values()) unresolved += m;
  return { absorbed, unknown, unresolved, rounds };
}

export interface OwnershipPath {
  /** From the owner down to the subject. */
  chain: string[];
  /** The stake at each step, as fractions, in the same order (chain[i] holds stakes[i] of chain[i+1]). */
  stakes: number[];
  product: number;
}

export const MAX_PATHS_PER_OWNER = 20;

/**
 * The simple (cycle-free) paths from each target down to the subject, for explanations. Paths through
 * an absorbing entity stop there. At most MAX_PATHS_PER_OWNER per target are kept, largest first.
 */
export function simplePaths(
  g: OwnershipGraph,
  subject: string,
  targets: ReadonlySet<string>,
  absorbs: (id: string) => boolean,
): Map<string, OwnershipPath[]> {
  const out = new Map<string, OwnershipPath[]>();
  const up: string[] = [subject];
  const stakes: number[] = [];
  const onPath = new Set([subject]);
  let budget = 10_000; // bounds the search in dense graphs; explanations then say paths were left out
  const visit = (id: string, product: number) => {
    if (budget-- <= 0) return;
    if (id !== subject && targets.has(id)) {
      const list = out.get(id) ?? [];
      list.push({ chain: [...up].reverse(), stakes: [...stakes].reverse(), product });
      out.set(id, list);
    }
    if (id !== subject && absorbs(id)) return;
    for (const s of stakesIn(g, id)) {
      if (onPath.has(s.holderId) || !g.entities.has(s.holderId)) continue;
      onPath.add(s.holderId);
      up.push(s.holderId);
      stakes.push(s.share);
      visit(s.holderId, product * s.share);
      stakes.pop();
      up.pop();
      onPath.delete(s.holderId);
    }
  };
  visit(subject, 1);
  for (const [id, list] of out) out.set(id, list.sort((a, b) => b.product - a.product).slice(0, MAX_PATHS_PER_OWNER));
  return out;
}

/** Strongly connected groups of two or more entities among those given: the cycles. */
export function ownershipCycles(g: OwnershipGraph, ids: readonly string[]): string[][] {
  const inSet = new Set(ids);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  // Iterative Tarjan: recursion depth would otherwise grow with the length of an ownership chain.
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const holders = stakesIn(g, top.id).filter((s) => inSet.has(s.holderId));
      if (top.next < holders.length) {
        const h = holders[top.next++].holderId;
        if (!index.has(h)) {
          index.set(h, counter);
          low.set(h, counter++);
          stack.push(h);
          onStack.add(h);
          work.push({ id: h, next: 0 });
        } else if (onStack.has(h)) {
          low.set(top.id, Math.min(low.get(top.id)!, index.get(h)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.id)!));
      }
      if (low.get(top.id) === index.get(top.id)) {
        const members: string[] = [];
        let m: string;
        do {
          m = stack.pop()!;
          onStack.delete(m);
          members.push(m);
        } while (m !== top.id);
        if (members.length > 1) cycles.push(members.sort());
      }
    }
  }
  return cycles;
}
