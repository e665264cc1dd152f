import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/domain/errors.js';
import { importEntities, importHoldings, supplierControl } from '../../src/services/ownership.js';
import { openStore, type Store } from '../../src/store/open.js';
import { getEntity, listEntities } from '../../src/store/ownership.js';
import { counts, smallNetworkDb } from './helpers.js';

/*
 * An ownership register keeps its own ids (a company registry's K-…): an entity row names the supplier
 * it is in supplier_id, and the supplier's control is read through that entity. The small network's
 * suppliers are SUP-A, SUP-B and SUP-C.
 */

let t: Awaited<ReturnType<typeof smallNetworkDb>>;
let store: Store;
beforeEach(async () => {
  t = await smallNetworkDb();
  store = await openStore(t.db);
});
afterEach(async () => {
  await store.close();
  t.cleanup();
});
const write = (name: string, text: string) => {
  const f = join(t.dir, name);
  writeFileSync(f, text);
  return f;
};
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ImportError);
  return e as ImportError;
};

describe('entities naming the supplier they are', () => {
  it('reads control of the supplier through the entity, with holdings in the register\'s own ids', async () => {
    await importEntities(store, write('e.csv', 'entity_id,name,kind,country,supplier_id\nK-1,Borealis Networks,company,FI,SUP-B\nK-2,Holder AS,company,NO,\nK-3,State Fund of XE,state-body,XE,\n'));
    // K-2 holds 60 % of K-1 (= SUP-B), K-3 40 %
    await importHoldings(store, write('h.csv', 'holder_id,held_id,percentage,voting_rights,control,since\nK-2,K-1,60,,,\nK-3,K-1,40,,,\n'));
    const c = await supplierControl(store, 'SUP-B');
    // by hand: K-2 has 60 % of the votes, a majority: it is the single ultimate controller
    expect(c.ultimateControllers.map((u) => u.entityId)).toEqual(['K-2']);
    expect(c.stateShares.map((s) => [s.country, s.share])).toEqual([['XE', 0.4]]);

    // SUP-B stands in as a company no more: K-1 is it
    const ids = (await listEntities(store)).map((e) => e.entity_id);
    expect(ids).toContain('K-1');
    expect(ids).not.toContain('SUP-B');
    expect(ids).toContain('SUP-A');
    expect(await getEntity(store, 'K-1')).toMatchObject({ supplier_id: 'SUP-B', source: 'register' });

    await importHoldings(store, write('h2.csv', 'holder_id,held_id,percentage,voting_rights,control,since\nK-3,SUP-B,0,0,yes,2024-01-01\n'));
    const d = await supplierControl(store, 'SUP-B');
    // K-3's golden share (control flag) in SUP-B is a stake in K-1: it now controls too
    expect(d.ultimateControllers.map((u) => u.entityId).sort()).toEqual(['K-2', 'K-3']);
  });

  it('re-imports unchanged, and refuses an unknown supplier, a supplier named twice or taken already', async () => {
    const f = write('e.csv', 'entity_id,name,kind,country,supplier_id\nK-1,Borealis Networks,company,FI,SUP-B\n');
    expect(await importEntities(store, f)).toMatchObject({ inserted: 1 });
    expect(await importEntities(store, f)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const before = await counts(t.db);

    expect((await failure(importEntities(store, write('u.csv', 'entity_id,name,kind,supplier_id\nK-9,Nine,company,SUP-NOPE\n')))).message).toBe(
      'u.csv, row 1, field supplier_id: no supplier SUP-NOPE is recorded (import suppliers first)',
    );
    expect((await failure(importEntities(store, write('d.csv', 'entity_id,name,kind,supplier_id\nK-7,Seven,company,SUP-A\nK-8,Eight,company,SUP-A\n')))).message).toBe(
      'd.csv, row 2, field supplier_id: supplier SUP-A is already given in row 1',
    );
    expect((await failure(importEntities(store, write('t.csv', 'entity_id,name,kind,supplier_id\nK-5,Five,company,SUP-B\n')))).message).toBe(
      't.csv, row 1, field supplier_id: supplier SUP-B is already the entity K-1: one entity per supplier',
    );
    expect(await counts(t.db)).toEqual(before);

    // handing the supplier from K-1 to K-5 in one file is one consistent change
    expect(await importEntities(store, write('m.csv', 'entity_id,name,kind,supplier_id\nK-5,Five,company,SUP-B\nK-1,Borealis Networks,company,\n'))).toMatchObject({ inserted: 1, updated: 1 });
    expect(await getEntity(store, 'K-5')).toMatchObject({ supplier_id: 'SUP-B' });
  });

  it('reports an unknown column once per file, even when every cell of it is empty', async () => {
    const e = await failure(importEntities(store, write('x.csv', 'entity_id,name,kind,supplier,colour\nK-1,One,company,,\nK-2,Two,company,,\n')));
    expect(e.message).toBe(
      'x.csv: 2 errors, nothing imported:\n' +
        '  x.csv, field supplier: is not a column of this format (known: entity_id, name, kind, country, supplier_id)\n' +
        '  x.csv, field colour: is not a column of this format (known: entity_id, name, kind, country, supplier_id)',
    );
    expect((await counts(t.db)).entities).toBe(0);
  });
});
