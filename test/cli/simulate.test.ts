import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../src/engine/index.js';
import { cli, tempDb } from './helpers.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples', 'scenarios');

describe('secure5g simulate on the small demo', () => {
  let t: ReturnType<typeof tempDb>;
  beforeAll(async () => {
    t = tempDb();
    expect((await cli('demo', '--db', t.db)).code).toBe(0);
  });
  afterAll(() => t.cleanup());

  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'))) {
    it(`runs examples/scenarios/${file} in every format`, async () => {
      const json = await cli('simulate', '--scenario', join(EXAMPLES, file), '--db', t.db, '--format', 'json');
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const result = JSON.parse(json.stdout) as SimulationResult;
      expect(result.timeline.months.length).toBe(result.scenario.horizonMonths);
      // the Union series is the sum of the member-state series, month by month
      const states = Object.values(result.timeline.series.memberStates);
      result.timeline.series.union.swapped.forEach((v, m) =>
        expect(v).toBeCloseTo(states.reduce((s, x) => s + x.swapped[m]!, 0), 6),
      );
      const table = await cli('simulate', '--scenario', join(EXAMPLES, file), '--db', t.db);
      expect(table.code).toBe(0);
      expect(table.stdout).toContain(result.scenario.name);
      const md = await cli('simulate', '--scenario', join(EXAMPLES, file), '--db', t.db, '--format', 'md');
      expect(md.stdout.startsWith('# secure5g simulation')).toBe(true);
    });
  }

  it('saves scenarios by name and version, refuses changed content under the same version, and compares them', async () => {
    const ran = join(EXAMPLES, 'ran-cap-35.json');
    const nl = join(EXAMPLES, 'nl-designated-core-management.json');
    const first = await cli('scenario', 'save', ran, '--db', t.db);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^saved: /);
    expect((await cli('scenario', 'save', ran, '--db', t.db)).stdout).toContain('already saved, unchanged');
    const changed = join(t.dir, 'changed.json');
    const doc = JSON.parse(readFileSync(ran, 'utf8'));
    writeFileSync(changed, JSON.stringify({ ...doc, horizon_months: doc.horizon_months + 1 }));
    const refused = await cli('scenario', 'save', changed, '--db', t.db);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('new version');
    writeFileSync(changed, JSON.stringify({ ...doc, version: '2', horizon_months: doc.horizon_months + 1 }));
    expect((await cli('scenario', 'save', changed, '--db', t.db)).code).toBe(0);
    const list = JSON.parse((await cli('scenario', 'list', '--db', t.db, '--format', 'json')).stdout) as { name: string; version: string }[];
    // beside the two scenarios the demo saves itself (docs/demo.md)
    expect(list.map((s) => `${s.name}@${s.version}`).filter((n) => !n.startsWith('demo-'))).toEqual([`${doc.name}@${doc.version}`, `${doc.name}@2`]);

    // the saved scenario simulates exactly as its file does
    const fromFile = JSON.parse((await cli('simulate', '--scenario', ran, '--db', t.db, '--format', 'json')).stdout) as SimulationResult;
    const fromStore = JSON.parse((await cli('simulate', '--scenario', `${doc.name}@${doc.version}`, '--db', t.db, '--format', 'json')).stdout) as SimulationResult;
    expect(fromStore.totals).toEqual(fromFile.totals);

    const cmp = await cli('compare', `${doc.name}@${doc.version}`, nl, '--db', t.db, '--format', 'json');
    expect(cmp.code).toBe(0);
    const comparison = JSON.parse(cmp.stdout) as { scenarios: { name: string }[]; rows: { metric: string; values: (number | null)[] }[] };
    expect(comparison.scenarios.map((s) => s.name)).toEqual([doc.name, 'nl-designated-core-management']);
    const nlRun = JSON.parse((await cli('simulate', '--scenario', nl, '--db', t.db, '--format', 'json')).stdout) as SimulationResult;
    const spend = comparison.rows.find((r) => r.metric === 'spendEur')!;
    expect(spend.values).toEqual([fromFile.totals.spendEur, nlRun.totals.spendEur]);
    expect((await cli('compare', 'no-such-scenario', '--db', t.db)).code).toBe(2);
  });

  it('names the field of a bad scenario and exits 2', async () => {
    const bad = join(t.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', version: '1', start_date: '2027-13-01', horizon_months: 12 }));
    const r = await cli('simulate', '--scenario', bad, '--db', t.db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json');
    expect(r.stderr).toContain('start_date');
  });
});

describe('secure5g start', () => {
  it('seeds the demo on first run, then reuses it', async () => {
    const t = tempDb();
    try {
      const first = await cli('start', '--db', t.db);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('seeding the fictional demo data');
      expect(first.stdout).toMatch(/\d[\d,]* findings \(/);
      const second = await cli('start', '--db', t.db);
      expect(second.code).toBe(0);
      expect(second.stdout).not.toContain('seeding');
    } finally {
      t.cleanup();
    }
  });
});
