import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/domain/scenario.js';
import type { AssetRow, DemoData } from '../../../src/demo/index.js';
import type { Snapshot } from '../../../src/engine/snapshot.js';
import { simulate, type SimulationResult } from '../../../src/engine/simulation/index.js';
import { smallDemo } from './demo-snapshot.js';

const DIR = join(import.meta.dirname, '../../../examples/scenarios');
const load = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as unknown;

/*
 * The example scenarios on the small demo (seed 1). Expected figures are summed straight from the demo's
 * asset rows — a second route to the same numbers that does not go through the snapshot or the cube.
 */
describe('examples/scenarios on the small demo', () => {
  let data: DemoData;
  let snapshot: Snapshot;
  let rows: AssetRow[];
  let msOf: Map<string, string>;
  const run = (file: string): SimulationResult => simulate(snapshot, parseScenario(load(file), file), { file });
  const sum = (pred: (r: AssetRow) => boolean) => rows.filter(pred).reduce((n, r) => n + Number(r.quantity), 0);

  beforeAll(() => {
    ({ data, snapshot } = smallDemo());
    rows = [...data.assets()];
    msOf = new Map(data.operators.map((o) => [o.operator_id, o.member_state]));
  });

  it('every example file is a valid scenario', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(() => parseScenario(load(f), f)).not.toThrow();
  });

  it('nl-designated-core-management: swaps the NL-designated suppliers out of Dutch core and management', () => {
    const designated = new Set(
      data.designations.filter((d) => d.member_state === 'NL' && d.status === 'in-force' && ['high-risk', 'restricted'].includes(d.kind)).map((d) => d.supplier_id),
    );
    const expected = sum((r) => msOf.get(r.operator_id) === 'NL' && designated.has(r.supplier_id) && (r.segment === 'core' || r.segment === 'management'));
    expect(expected).toBeGreaterThan(0);
    const result = run('nl-designated-core-management.json');
    expect(result.totals.unitsRequired).toBeCloseTo(expected, 9);
    expect(result.totals.unitsLeftAtHorizon).toBeCloseTo(0, 9);
    // afterwards no designated supplier is left in a Dutch operator's core
    for (const c of result.concentration.filter((x) => x.scope === 'operator')) {
      for (const id of designated) expect(c.explanation.inputs.sharesAfter).not.toHaveProperty(id);
    }
  });

  it('ran-cap-35: brings the capped supplier to at most 35 % of every operator RAN', () => {
    const S = 'SUP-BOREALIS';
    let expected = 0;
    for (const o of data.operators) {
      const ran = rows.filter((r) => r.operator_id === o.operator_id && r.segment === 'ran');
      const total = ran.reduce((n, r) => n + Number(r.quantity), 0);
      const held = ran.filter((r) => r.supplier_id === S).reduce((n, r) => n + Number(r.quantity), 0);
      expected += Math.max(0, held - 0.35 * total);
    }
    const result = run('ran-cap-35.json');
    expect(result.totals.unitsRequired).toBeCloseTo(expected, 6);
    const operatorRows = result.concentration.filter((c) => c.scope === 'operator');
    expect(operatorRows.length).toBeGreaterThan(0);
    for (const c of operatorRows) expect((c.explanation.inputs.sharesAfter as Record<string, number>)[S]).toBeCloseTo(0.35, 9);
  });

  it('aurora-disruption-12-months: counts the affected units and the segments with no alternative', () => {
    const S = 'SUP-AURORA';
    const result = run('aurora-disruption-12-months.json');
    const d = result.disruption.disruptions[0];
    expect(d.unitsAffected).toBe(sum((r) => r.supplier_id === S));
    expect(d.monthsUntilSupportEnds).toBe(2);
    // operator segments whose every row comes from the disrupted supplier
    const bySegment = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = `${r.operator_id}/${r.segment}`;
      (bySegment.get(key) ?? bySegment.set(key, new Set()).get(key)!).add(r.supplier_id);
    }
    const alone = [...bySegment].filter(([, sups]) => sups.size === 1 && sups.has(S)).map(([k]) => k).sort();
    expect(alone.length).toBeGreaterThan(0);
    expect(result.disruption.noAlternative.map((r) => `${r.operatorId}/${r.segment}`).sort()).toEqual(alone);
  });

  it('named-replacement-ran: sends Driftmark units to the named suppliers, 2 : 1', () => {
    const result = run('named-replacement-ran.json');
    expect(result.totals.unitsRequired).toBe(sum((r) => msOf.get(r.operator_id) === 'NL' && r.supplier_id === 'SUP-DRIFTMARK' && r.segment === 'ran'));
    for (const r of result.replacement) {
      expect(Object.keys(r.targets).sort()).toEqual(['SUP-AURORA', 'SUP-CINDERWICK']);
      expect(r.targets['SUP-AURORA'] / r.targets['SUP-CINDERWICK']).toBeCloseTo(2, 9);
    }
    // OP-NL-2 swaps 40 a month: its 2,209 units need ceil(2209 / 40) = 56 months against 24 allowed → 32 missed
    const nl2 = result.feasibility.rows.find((r) => r.operatorId === 'OP-NL-2')!;
    const units = sum((r) => r.operator_id === 'OP-NL-2' && r.supplier_id === 'SUP-DRIFTMARK' && r.segment === 'ran');
    expect(nl2.monthsMissed).toBe(Math.ceil(units / 40) - 24);
  });

  it('results are plain JSON', () => {
    const result = run('ran-cap-35.json');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
