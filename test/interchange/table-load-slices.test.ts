import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/interchange/import/kinds.js';
import { RowStage } from '../../src/interchange/import/row-stage.js';
import { TableLoad } from '../../src/interchange/import/table-load.js';
import { referenceData } from '../../src/store/import-writes.js';
import { count, tempStore } from './helpers.js';

/*
 * A batch is written in slices with the event loop turning between them (table-load.ts): a server goes
 * on answering requests while an import writes tens of thousands of rows. Written whole, a batch held
 * the loop until its last row (0.4 s for a 4 MB stretch of an asset file, bench/LOAD-NOTES.md).
 */
describe('writing a large batch lets the event loop turn', () => {
  let t: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (t = await tempStore()));
  afterEach(async () => t.cleanup());

  it('another task runs while one batch of 40,000 rows is written, and the load still commits every row at once', async () => {
    const stage = new RowStage(KINDS.suppliers, referenceData(t.store));
    stage.header(['supplier_id', 'name', 'hq_country']);
    for (let i = 1; i <= 40_000; i++) stage.object({ supplier_id: `SUP-${i}`, name: `Supplier ${i}`, hq_country: 'XA' }, i);
    const batch = stage.take();
    expect(batch.n).toBe(40_000);

    const load = new TableLoad(t.store, KINDS.suppliers, 'many.csv');
    let turns = 0;
    let done = false;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    await load.apply(batch);
    done = true;
    expect(turns).toBeGreaterThan(0);
    expect(load.finish(() => {})).toEqual({ rows: 40_000, inserted: 40_000, updated: 0, unchanged: 0 });
    expect(count(t.store, 'suppliers')).toBe(40_000);
  });
});
