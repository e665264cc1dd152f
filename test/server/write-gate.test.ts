import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/domain/index.js';
import { HttpProblem } from '../../src/server/plugins/problem.js';
import { WriteGate } from '../../src/server/services/write-gate.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * An import holds one transaction open on the server's connection while it reads its file. A write of
 * another request must not land inside it (it would go with the import's rollback): writes wait until
 * the import is over; reads go on, through their own connection, and do not see the import's rows.
 */

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
const settledWithin = async (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('WriteGate', () => {
  it('a write waits while an import holds the gate and passes when it ends; too long a wait is a 503', async () => {
    const gate = new WriteGate();
    const importing = deferred();
    const held = gate.hold(() => importing.promise);
    expect(gate.busy).toBe(true);
    const write = gate.enter(5_000);
    expect(await settledWithin(write, 30)).toBe(false);
    await expect(gate.enter(20)).rejects.toMatchObject({ status: 503, slug: 'import-running' } satisfies Partial<HttpProblem>);
    importing.resolve();
    await held;
    expect(await settledWithin(write, 30)).toBe(true);
    gate.leave();
  });

  it('an import starts only once the writes already past the gate are answered', async () => {
    const gate = new WriteGate();
    await gate.enter();
    let started = false;
    const held = gate.hold(async () => void (started = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toBe(false);
    gate.leave();
    await held;
    expect(started).toBe(true);
  });
});

describe('writes during an import on the server', () => {
  let f: Fixture;
  let s: Session;
  beforeAll(async () => {
    f = await fixtureApp();
    s = await login(f.app, 'authority-de');
  });
  afterAll(async () => f.close());

  it("a designation recorded while an import runs is written after it, and survives the import's rollback", async () => {
    const importing = deferred();
    const db = f.store.sqlite;
    // an import as the job queue runs it: one transaction open across awaits, then a refusal that rolls it back
    f.app.ctx.jobs.submit('assets', 'held.csv', { scope: { role: 'admin' }, actor: { name: 'admin' } }, 1, async () => {
      db.exec('BEGIN IMMEDIATE');
      db.prepare("INSERT INTO operators (operator_id, name, member_state, kind) VALUES ('OP-DE-9', 'Uncommitted Mobil', 'DE', 'mno')").run();
      await importing.promise;
      db.exec('ROLLBACK');
      throw new UserError('held.csv, row 1, field asset_id: refused for the test');
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(f.app.ctx.writeGate.busy).toBe(true);

    const put = f.app.inject({
      method: 'PUT',
      url: '/api/v1/designations/D-DE-GATE',
      headers: s.write,
      payload: { memberState: 'DE', supplierId: 'SUP-C', kind: 'conditional', segments: ['core'], legalBasis: 'Fictional Act §2', effectiveDate: '2027-01-01', transitionMonths: 6, status: 'proposed' },
    });
    expect(await settledWithin(put, 50)).toBe(false);
    // reads are not held back, and read what is committed: not the import's rows before it commits
    const during = await f.app.inject({ method: 'GET', url: '/api/v1/operators', headers: s.read });
    expect(during.statusCode).toBe(200);
    expect(during.json().items.map((o: { operatorId: string }) => o.operatorId)).toEqual(['OP-DE-1', 'OP-DE-2']);

    importing.resolve();
    await f.app.ctx.jobs.idle();
    expect((await put).statusCode).toBe(201);
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT status FROM designations WHERE designation_id = ?').pluck().get('D-DE-GATE')).toBe('proposed');
  });
});
