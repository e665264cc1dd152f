/*
 * A BOM's dependency graph (`dependencies`: each `ref` with the refs it `dependsOn`) may hold cycles,
 * a component depending on itself included. The schema allows them and nothing here follows the graph
 * to an end, but a cycle usually means a mistake in the BOM: each is reported as a warning naming it,
 * found by one iterative depth-first walk (no recursion, so a deep graph cannot overflow the stack).
 */

/** Cycles reported by name; past this many, one more warning gives the count. */
const MAX_REPORTED = 10;

/** A warning per cycle of the dependency graph, as `/dependencies: dependency cycle a → b → a`. */
export function dependencyCycles(dependencies: unknown): string[] {
  if (!Array.isArray(dependencies)) return [];
  const edges = new Map<string, string[]>();
  for (const d of dependencies) {
    if (d === null || typeof d !== 'object') continue;
    const { ref, dependsOn } = d as { ref?: unknown; dependsOn?: unknown };
    if (typeof ref !== 'string') continue;
    const to = Array.isArray(dependsOn) ? dependsOn.filter((x): x is string => typeof x === 'string') : [];
    edges.set(ref, [...(edges.get(ref) ?? []), ...to]);
  }
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  let found = 0;
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    // the path from start, each node with the index of its next edge to follow
    const path: [string, number][] = [[start, 0]];
    state.set(start, 'open');
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const next = (edges.get(top[0]) ?? [])[top[1]++];
      if (next === undefined) {
        state.set(top[0], 'done');
        path.pop();
      } else if (state.get(next) === 'open') {
        // an edge back into the path closes a cycle: from `next` along the path, back to `next`
        found++;
        if (cycles.length < MAX_REPORTED) cycles.push([...path.slice(path.findIndex(([n]) => n === next)).map(([n]) => n), next]);
      } else if (!state.has(next)) {
        state.set(next, 'open');
        path.push([next, 0]);
      }
    }
  }
  const out = cycles.map((c) => `/dependencies: dependency cycle ${c.join(' → ')}`);
  if (found > cycles.length) out.push(`/dependencies: ${found - cycles.length} more dependency cycles`);
  return out;
}
