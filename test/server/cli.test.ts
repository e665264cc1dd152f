import { Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { buildApp, LOG_REDACT } from '../../src/server/app.js';
import { openStore } from '../../src/store/index.js';
import { IMPORT_FIXTURES } from './helpers.js';

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'secure5g-users-'));
  db = join(dir, 'u.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = async (...argv: string[]) => {
  const io = bufferIo();
  const code = await run(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
};

describe('secure5g users', () => {
  it('create-admin off a terminal generates a strong password and prints it once; it signs in', async () => {
    // only init, demo and the imports create a database: a first admin is made in one that init made
    expect((await cli('init', '--db', db)).code).toBe(0);
    const r = await cli('users', 'create-admin', '--username', 'root-admin', '--db', db);
    expect(r.code).toBe(0);
    const password = /password \(shown only now\): (\S+)/.exec(r.out)![1]!;
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    const again = await cli('users', 'create-admin', '--username', 'root-admin', '--db', db);
    expect(again.code).toBe(2);
    expect(again.err).toContain('username root-admin is taken');

    const store = await openStore(db);
    const app = await buildApp({ store, logger: false });
    try {
      const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'root-admin', password } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.role).toBe('admin');
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('create-demo makes one flagged account per role, printed once; disable-demo keeps the only admin rule', async () => {
    for (const kind of ['operators']) expect((await cli('import', kind, join(IMPORT_FIXTURES, `${kind}.csv`), '--db', db)).code).toBe(0);
    const r = await cli('users', 'create-demo', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toContain('DEMO ACCOUNTS');
    // DE has the most operators in the fixture (2), and OP-DE-1 is its first
    expect(r.out).toMatch(/demo-authority-de\s+\S{24}\s+authority of DE/);
    expect(r.out).toMatch(/demo-operator\s+\S{24}\s+operator \(operator OP-DE-1\)/);
    for (const u of ['demo-admin', 'demo-union-analyst', 'demo-auditor']) expect(r.out).toContain(u);
    const second = await cli('users', 'create-demo', '--db', db);
    expect(second.out).not.toContain('DEMO ACCOUNTS');
    expect(second.out).toContain('already there');
    const list = await cli('users', 'list', '--db', db);
    expect(list.out.split('\n').filter((l) => l.includes(' demo')).length).toBe(5);
    const off = await cli('users', 'disable-demo', '--db', db);
    expect(off.out).toContain('demo-admin disabled'); // root-admin remains
    const after = await cli('users', 'list', '--db', db);
    expect(after.out.split('\n').filter((l) => l.includes('demo disabled')).length).toBe(5);
  });
});

describe('logs', () => {
  it('carry no passwords, tokens or cookies', async () => {
    let text = '';
    const sink = new Writable({ write: (chunk, _e, done) => ((text += chunk.toString()), done()) });
    const store = await openStore(join(dir, 'log.db'));
    const logger = pino({ level: 'trace', redact: { paths: LOG_REDACT, censor: '[redacted]' } }, sink);
    const app = await buildApp({ store, logger });
    try {
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'someone', password: 'very-secret-password' } });
      await app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: { authorization: 'Bearer s5g_0123456789abcdef_SECRETSECRETSECRETSECRETSECRETSECRETSECRETS', cookie: 'secure5g_session=COOKIESECRET' } });
      app.log.info({ body: { password: 'logged-by-mistake', token: 'tok-by-mistake' } }, 'a careless log line');
      expect(text).toContain('request completed');
      for (const secret of ['very-secret-password', 'SECRETSECRET', 'COOKIESECRET', 'logged-by-mistake', 'tok-by-mistake']) expect(text).not.toContain(secret);
      expect(text).toContain('[redacted]');
    } finally {
      await app.close();
      await store.close();
    }
  });
});
