import { createHash, createHmac } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { appendAudit, canonicalJson, entryHash, GENESIS_HASH, parseHead, verifyAudit, type AuditRow } from '../../src/store/audit/index.js';
import { openStore, type Store } from '../../src/store/index.js';

let dir: string;
let file: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'secure5g-audit-'));
  file = join(dir, 'a.db');
  store = await openStore(file);
  for (let i = 1; i <= 5; i++)
    appendAudit(store, { userId: `u${i}`, name: `user${i}` }, { action: 'thing.update', targetType: 'thing', targetId: `T${i}`, memberState: 'DE', before: { v: i - 1 }, after: { v: i } }, `2026-01-0${i}T00:00:00.000Z`);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** tampering as someone with the file would: around the triggers */
const tamper = (sql: string) => {
  store.sqlite.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  store.sqlite.exec(sql);
};

const cli = async (...argv: string[]) => {
  const io = bufferIo();
  return { code: await run(argv, io), out: io.stdout() };
};

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":2,"z":1}]},"b":1}');
  });
});

describe('the chain', () => {
  it('links each entry to the previous one by SHA-256 over its canonical JSON', () => {
    const rows = store.sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    // recompute entry 2 by hand: every column but hash and mac, keys sorted
    const { hash, mac: _mac, ...rest } = rows[1]!;
    const keys = Object.keys(rest).sort();
    const text = `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(rest[k])}`).join(',')}}`;
    expect(hash).toBe(createHash('sha256').update(text).digest('hex'));
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[1]!.before_digest).toBe(createHash('sha256').update('{"v":1}').digest('hex'));
    expect(verifyAudit(store)).toMatchObject({ ok: true, entries: 5, head: rows[4]!.hash });
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    expect(() => store.sqlite.exec("UPDATE audit_log SET actor = 'x' WHERE seq = 2")).toThrow(/append-only/);
    expect(() => store.sqlite.exec('DELETE FROM audit_log WHERE seq = 5')).toThrow(/append-only/);
  });
});

describe('verify finds tampering and says where', () => {
  it('an altered field', () => {
    tamper("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3");
    expect(verifyAudit(store)).toMatchObject({ ok: false, entries: 2, problem: { kind: 'altered', seq: 3 } });
  });

  it('an altered digest of the data', () => {
    tamper(`UPDATE audit_log SET after_digest = '${'0'.repeat(64)}' WHERE seq = 4`);
    expect(verifyAudit(store).problem).toMatchObject({ kind: 'altered', seq: 4 });
  });

  it('a removed entry', () => {
    tamper('DELETE FROM audit_log WHERE seq = 2');
    expect(verifyAudit(store).problem).toMatchObject({ kind: 'removed', seq: 2 });
  });

  it('an entry rewritten with a fresh hash of its own fails the keyed check (and would break the link of the next)', () => {
    const row = store.sqlite.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, unknown>;
    // the forger recomputes entry 2's hash after changing it, but cannot fix entry 3's prev_hash without rewriting it too
    const { hash: _h, mac: _m, ...rest } = { ...row, actor: 'forger' } as Record<string, unknown>;
    const keys = Object.keys(rest).sort();
    const newHash = createHash('sha256')
      .update(`{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify((rest as Record<string, unknown>)[k])}`).join(',')}}`)
      .digest('hex');
    tamper(`UPDATE audit_log SET actor = 'forger', hash = '${newHash}' WHERE seq = 2`);
    expect(verifyAudit(store).problem).toMatchObject({ kind: 'forged', seq: 2 });
    // without MACs (a trail from before the key), the next entry's link shows it
    tamper('UPDATE audit_log SET mac = NULL');
    expect(verifyAudit(store).problem).toMatchObject({ kind: 'broken-link', seq: 3 });
  });

  it('`secure5g audit verify` exits 0 on an intact trail and 1 naming the entry on a broken one', async () => {
    await store.close();
    const ok = await cli('audit', 'verify', '--db', file);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/intact: 5 entries/);
    store = await openStore(file);
    tamper('DELETE FROM audit_log WHERE seq = 4');
    await store.close();
    const bad = await cli('audit', 'verify', '--db', file);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/BROKEN at entry 4 \(removed\)/);
    store = await openStore(file);
  });
});

/** What a forger with the database file but not the key can do: change an entry and recompute every hash after it. */
function rewriteFrom(seq: number, change: string) {
  tamper(change);
  const rows = store.sqlite.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(seq) as AuditRow[];
  let prev = (store.sqlite.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seq - 1) as string | undefined) ?? GENESIS_HASH;
  for (const r of rows) {
    const { hash: _h, mac: _m, ...rest } = { ...r, prev_hash: prev };
    const hash = entryHash(rest);
    store.sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

const keyOf = (keyFile: string) => Buffer.from((JSON.parse(readFileSync(keyFile, 'utf8')) as { keys: Record<string, { secret: string }> }).keys['audit-hmac']!.secret, 'base64');

describe('the keyed chain', () => {
  it('keeps its key outside the database, 0600, and MACs every entry with it', () => {
    const keyFile = `${file}.keys`;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = keyOf(keyFile);
    expect(key.length).toBe(32);
    const rows = store.sqlite.prepare('SELECT hash, mac FROM audit_log ORDER BY seq').all() as { hash: string; mac: string }[];
    for (const r of rows) expect(r.mac).toBe(createHmac('sha256', key).update(r.hash).digest('hex'));
    expect(verifyAudit(store)).toMatchObject({ ok: true, keyedFrom: 1 });
  });

  it('shows an edit even when every hash after it was recomputed', () => {
    rewriteFrom(2, "UPDATE audit_log SET actor = 'forger' WHERE seq = 2");
    // the hash chain alone holds now: only the key tells
    expect(verifyAudit(store)).toMatchObject({ ok: false, entries: 1, problem: { kind: 'forged', seq: 2 } });
  });

  it('shows an entry added without the key', () => {
    const last = store.sqlite.prepare('SELECT * FROM audit_log WHERE seq = 5').get() as AuditRow;
    const base = { ...last, seq: 6, actor: 'forger', prev_hash: last.hash };
    const { hash: _h, mac: _m, ...rest } = base;
    tamper(`INSERT INTO audit_log SELECT 6, at, actor_id, 'forger', action, target_type, target_id, member_state, operator_id, before_digest, after_digest, detail, '${last.hash}', '${entryHash(rest)}', NULL FROM audit_log WHERE seq = 5`);
    expect(verifyAudit(store).problem).toMatchObject({ kind: 'forged', seq: 6 });
  });

  it('shows removed newest entries against a head recorded earlier', async () => {
    const before = verifyAudit(store);
    expect(before.headRef).toMatch(/^5:[0-9a-f]{64}$/);
    tamper('DELETE FROM audit_log WHERE seq >= 4');
    // on its own the shortened trail is consistent
    expect(verifyAudit(store).ok).toBe(true);
    expect(verifyAudit(store, parseHead(before.headRef))).toMatchObject({ ok: false, problem: { kind: 'truncated', seq: 5 } });
    // an older head that is still there passes
    const third = store.sqlite.prepare('SELECT hash FROM audit_log WHERE seq = 3').pluck().get() as string;
    expect(verifyAudit(store, parseHead(`3:${third}`)).ok).toBe(true);
    await store.close();
    const cut = await cli('audit', 'verify', '--db', file, '--expect-head', before.headRef);
    expect(cut.code).toBe(1);
    expect(cut.out).toMatch(/BROKEN at entry 5 \(truncated\)/);
    const badHead = await cli('audit', 'verify', '--db', file, '--expect-head', 'latest');
    expect(badHead.code).toBe(2);
    store = await openStore(file);
  });

  it('a replaced key file shows: the old entries fail the check under the new key', async () => {
    await store.close();
    rmSync(`${file}.keys`);
    store = await openStore(file); // makes a new key, as init would
    expect(verifyAudit(store).problem).toMatchObject({ kind: 'forged', seq: 1 });
  });

  it('refuses a key file others can read', async () => {
    await store.close();
    chmodSync(`${file}.keys`, 0o644);
    await expect(openStore(file)).rejects.toThrow(/chmod 600/);
    chmodSync(`${file}.keys`, 0o600);
    store = await openStore(file);
  });

  it('upgrades a database from before the key: old entries verify, and the first keyed entry vouches for them', async () => {
    // as a database written before migration 0015: no mac column, no key file
    store.sqlite.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ALTER TABLE audit_log DROP COLUMN mac; DELETE FROM kysely_migration WHERE name = '0015_audit_mac'");
    await store.close();
    rmSync(`${file}.keys`);
    store = await openStore(file);
    expect(verifyAudit(store)).toMatchObject({ ok: true, entries: 5, keyedFrom: null });
    appendAudit(store, { name: 'after-upgrade' }, { action: 'thing.update', targetType: 'thing' });
    expect(verifyAudit(store)).toMatchObject({ ok: true, entries: 6, keyedFrom: 6 });
    // rewriting an old, unkeyed entry and every hash after it breaks the keyed entry 6
    rewriteFrom(2, "UPDATE audit_log SET actor = 'forger' WHERE seq = 2");
    expect(verifyAudit(store).problem).toMatchObject({ kind: 'forged', seq: 6 });
  });
});
