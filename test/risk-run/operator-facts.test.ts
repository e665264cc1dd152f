import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/interchange/index.js';
import { runAssessment } from '../../src/services/assessment-run.js';
import { getOperator } from '../../src/store/repositories.js';
import { openStore, type Store } from '../../src/store/index.js';

/*
 * The operators register records critical services (the `critical_services` column), and R7's
 * critical-services driver reads it: min(1, critical services / 5) (docs/risk-model.md), a member state
 * summing those recorded. The fixture inventory (test/fixtures/import) with OP-DE-1 3 and OP-DE-2 4,
 * OP-FR-1 none:
 *   OP-DE-1 3 / 5 = 0.6 · OP-DE-2 4 / 5 = 0.8 · DE (3 + 4) / 5 = 1.4 → 1 · OP-FR-1 and FR unknown → 0.5.
 */

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
let dir: string;
let store: Store;

const operators = (rows: string) => {
  const file = join(dir, `operators-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, `operator_id,name,member_state,kind,subscribers,critical_services\n${rows}`);
  return file;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'secure5g-facts-'));
  store = await openStore(join(dir, 'facts.db'));
  await importFile(store, 'operators', operators('OP-DE-1,Rheinwelle Mobil,DE,mno,1200000,3\nOP-DE-2,Spreenetz,DE,neutral-host,,4\nOP-FR-1,Azur Télécom,FR,mno,800000,\n'));
  for (const kind of ['suppliers', 'products', 'assets'] as const) await importFile(store, kind, join(FIXTURES, `${kind}.csv`));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('critical services, recorded with the operators', () => {
  it('are kept and read back with the operator', async () => {
    expect((await getOperator(store, 'OP-DE-1'))?.critical_services).toBe(3);
    expect((await getOperator(store, 'OP-FR-1'))?.critical_services).toBeUndefined();
  });

  it("drive R7's critical-services driver per operator and, summed, per member state", async () => {
    const run = await runAssessment(store, { date: '2026-06-01' });
    const driver = (key: string) => {
      const r = run.risks.find((x) => x.riskArea === 'R7' && (x.operatorId ?? x.memberState) === key)!;
      const d = r.drivers.find((x) => x.name === 'critical-services')!;
      return { value: d.value, known: d.known, detail: d.detail };
    };
    expect(driver('OP-DE-1')).toEqual({ value: 0.6, known: true, detail: '3 critical services / saturation 5, at most 1' });
    expect(driver('OP-DE-2')).toEqual({ value: 0.8, known: true, detail: '4 critical services / saturation 5, at most 1' });
    expect(driver('DE')).toEqual({ value: 1, known: true, detail: '7 critical services / saturation 5, at most 1' });
    expect(driver('OP-FR-1')).toMatchObject({ value: 0.5, known: false });
    expect(driver('FR')).toMatchObject({ value: 0.5, known: false });
    // the facts are part of what the run read: two operators recorded
    expect(run.inputs.operatorFacts.count).toBe(2);
  });

  // rows are counted from the first data row, as in every import error
  it('a bad value names file, row and field, and nothing is written', async () => {
    const file = operators('OP-DE-1,Rheinwelle Mobil,DE,mno,1200000,5\nOP-DE-2,Spreenetz,DE,neutral-host,,-2\n');
    await expect(importFile(store, 'operators', file)).rejects.toThrow(/, row 2, field critical_services: must not be negative/);
    expect((await getOperator(store, 'OP-DE-1'))?.critical_services).toBe(3);
  });
});
