import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDb } from '../cli/helpers.js';
import { fixtureApp, IMPORT_FIXTURES, login, persona, type Fixture } from './helpers.js';

/* The events a security team looks for are in the audit trail, with the address, and without a secret. */

let f: Fixture;
beforeAll(async () => {
  f = await fixtureApp({ awaitDashboard: false });
});
afterAll(async () => f.close());

interface Row {
  seq: number;
  actor: string;
  action: string;
  target_id: string | null;
  detail: string | null;
}
const since = (seq: number) => f.store.sqlite.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').all(seq) as Row[];
const lastSeq = () => Number(f.store.sqlite.prepare('SELECT COALESCE(MAX(seq), 0) FROM audit_log').pluck().get());
const userId = (name: string) => f.store.sqlite.prepare('SELECT user_id FROM users WHERE username = ?').pluck().get(name) as string;
const signIn = (username: string, password: string) => f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('security events in the audit trail', () => {
  it('failed sign-ins, with the account when there is one and never the password or an unknown name', async () => {
    const from = lastSeq();
    expect((await signIn('auditor', 'Wrong-Secret-4711')).statusCode).toBe(401);
    expect((await signIn('Hunter2-Typed-As-Name', 'Wrong-Secret-4712')).statusCode).toBe(401);
    const rows = since(from);
    expect(rows.map((r) => [r.action, r.actor, r.target_id])).toEqual([
      ['session.login-failed', 'anonymous', userId('auditor')],
      ['session.login-failed', 'anonymous', null],
    ]);
    expect(JSON.parse(rows[0]!.detail!)).toEqual({ address: '127.0.0.1', reason: 'wrong-password' });
    expect(JSON.parse(rows[1]!.detail!)).toEqual({ address: '127.0.0.1', reason: 'unknown-user' });
    const text = JSON.stringify(rows).toLowerCase();
    for (const secret of ['wrong-secret-4711', 'wrong-secret-4712', 'hunter2-typed-as-name']) expect(text).not.toContain(secret);
  });

  it('a lockout once, however many tries it refuses', async () => {
    const from = lastSeq();
    for (let i = 0; i < 5; i++) await signIn('union', 'Wrong-Secret-4713');
    const refused = [];
    for (let i = 0; i < 3; i++) refused.push((await signIn('union', persona('union').password)).statusCode);
    expect(refused).toEqual([429, 429, 429]);
    const actions = since(from).map((r) => r.action);
    expect(actions.filter((a) => a === 'session.login-failed').length).toBe(5);
    expect(actions.filter((a) => a === 'session.login-limited').length).toBe(1);
  });

  it('sign-outs and CSRF refusals', async () => {
    const s = await login(f.app, 'operator-de1');
    const from = lastSeq();
    const forged = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: { ...s.read, 'x-csrf-token': 'x'.repeat(43) }, payload: {} });
    expect(forged.statusCode).toBe(403);
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.write })).statusCode).toBe(204);
    const rows = since(from);
    expect(rows.map((r) => [r.action, r.actor, r.target_id])).toEqual([
      ['request.csrf-refused', 'operator-de1', 'POST /assessments'],
      ['session.logout', 'operator-de1', userId('operator-de1')],
    ]);
  });

  it('exports and report downloads', async () => {
    const s = await login(f.app, 'authority-de');
    const run = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: s.write, payload: { date: '2026-06-01' } });
    const id = run.json().assessmentId as string;
    const from = lastSeq();
    expect((await f.app.inject({ method: 'GET', url: `/api/v1/assessments/${id}/export?format=csv`, headers: s.read })).statusCode).toBe(200);
    expect((await f.app.inject({ method: 'GET', url: `/api/v1/assessments/${id}/report`, headers: s.read })).statusCode).toBe(200);
    // a refused download is not one
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/assessments/00000000-0000-4000-8000-000000000000/export', headers: s.read })).statusCode).toBe(404);
    const rows = since(from);
    expect(rows.map((r) => [r.action, r.actor, r.target_id])).toEqual([
      ['export.download', 'authority-de', id],
      ['report.download', 'authority-de', id],
    ]);
    expect(JSON.parse(rows[0]!.detail!)).toMatchObject({ format: 'csv', address: '127.0.0.1' });
  });
});

describe('security events made while an import is being written', () => {
  it('are kept when that import rolls back, written once it has settled, with the time they happened', async () => {
    const s = await login(f.app, 'authority-de');
    const run = await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: s.write, payload: { date: '2026-06-01' } });
    const id = run.json().assessmentId as string;
    const from = lastSeq();
    // an import holding the gate, its transaction open on the server's connection, that then fails
    let fail!: () => void;
    const failed = new Promise<void>((r) => (fail = r));
    const importing = f.app.ctx.writeGate.hold(async () => {
      f.store.sqlite.exec('BEGIN IMMEDIATE');
      await failed;
      f.store.sqlite.exec('ROLLBACK');
      throw new Error('the import failed');
    });
    await new Promise((r) => setImmediate(r));
    const before = new Date().toISOString();
    // a download and a CSRF refusal do not wait at the gate
    expect((await f.app.inject({ method: 'GET', url: `/api/v1/assessments/${id}/export?format=csv`, headers: s.read })).statusCode).toBe(200);
    expect((await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: { ...s.read, 'x-csrf-token': 'y'.repeat(43) }, payload: {} })).statusCode).toBe(403);
    const after = new Date().toISOString();
    expect(since(from)).toEqual([]);
    fail();
    await expect(importing).rejects.toThrow('the import failed');
    const rows = since(from) as (Row & { at: string })[];
    expect(rows.map((r) => [r.action, r.actor, r.target_id])).toEqual([
      ['export.download', 'authority-de', id],
      ['request.csrf-refused', 'authority-de', 'POST /assessments'],
    ]);
    for (const r of rows) expect(r.at >= before && r.at <= after).toBe(true);
  });
});

describe('command-line writes', () => {
  it('are recorded as the operating-system user, imports included', async () => {
    const t = tempDb();
    try {
      expect((await cli('import', 'operators', join(IMPORT_FIXTURES, 'operators.csv'), '--db', t.db)).code).toBe(0);
      const { openStore } = await import('../../src/store/index.js');
      const store = await openStore(t.db);
      const rows = store.sqlite.prepare("SELECT actor, action, detail FROM audit_log WHERE action LIKE 'import.%'").all() as { actor: string; action: string; detail: string }[];
      await store.close();
      expect(rows.map((r) => [r.actor, r.action])).toEqual([[`os:${userInfo().username}`, 'import.operators']]);
      expect(JSON.parse(rows[0]!.detail)).toMatchObject({ file: 'operators.csv', rows: 3, sha256: createHash('sha256').update(readFileSync(join(IMPORT_FIXTURES, 'operators.csv'))).digest('hex') });
    } finally {
      t.cleanup();
    }
  });
});
