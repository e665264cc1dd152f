import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { authenticateSession, confirmSecondFactor, createSession, createUser, enrolSecondFactor, hasSecondFactor } from '../../src/store/identity/index.js';
import { openStore } from '../../src/store/index.js';
import { secretOfUri, totp } from '../second-factor/reference-totp.js';

/*
 * `users reset-2fa <username>`: the admin's way back in for someone who lost the authenticator and the
 * recovery codes, on the local database; audited as the operating-system user. `users list` says who has one.
 */

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'secure5g-reset-2fa-'));
  db = join(dir, 'r.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = async (...argv: string[]) => {
  const io = bufferIo();
  const code = await run(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
};

describe('secure5g users reset-2fa', () => {
  it('removes the factor, ends the sessions, records os:<user>; users list shows 2fa before and not after', async () => {
    expect((await cli('init', '--db', db)).code).toBe(0);
    const store = await openStore(db);
    let userId: string;
    let sessionId: string;
    try {
      const u = await createUser(store, { name: 'test' }, { username: 'lost-phone', password: 'a-long-enough-password', role: 'admin' });
      await createUser(store, { name: 'test' }, { username: 'other-admin', password: 'a-long-enough-password', role: 'admin' });
      userId = u.userId;
      const now = Date.now();
      const key = secretOfUri(enrolSecondFactor(store, { name: 'test' }, u, now).otpauthUri);
      expect(confirmSecondFactor(store, { name: 'test' }, u.userId, totp(key, now), now)).toBeDefined();
      sessionId = createSession(store, u.userId).sessionId;
    } finally {
      await store.close();
    }

    const before = await cli('users', 'list', '--db', db);
    expect(before.out).toMatch(/^lost-phone\s+admin\s+2fa$/m);
    expect(before.out).toMatch(/^other-admin\s+admin\s+-$/m);

    const r = await cli('users', 'reset-2fa', 'Lost-Phone', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toBe('second factor of lost-phone removed; their sessions ended\n');
    const after = await cli('users', 'list', '--db', db);
    expect(after.out).toMatch(/^lost-phone\s+admin\s+-$/m);

    const unknown = await cli('users', 'reset-2fa', 'nobody', '--db', db);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no user nobody');

    const check = await openStore(db);
    try {
      expect(hasSecondFactor(check, userId)).toBe(false);
      expect(authenticateSession(check, sessionId)).toBeUndefined();
      const entry = check.sqlite.prepare("SELECT actor, detail FROM audit_log WHERE action = 'second-factor.reset'").get() as { actor: string; detail: string };
      expect(entry.actor).toBe(`os:${userInfo().username}`);
      expect(JSON.parse(entry.detail)).toEqual({ hadFactor: true, sessionsEnded: 1 });
    } finally {
      await check.close();
    }
  });
});
