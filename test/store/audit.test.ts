import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { appendAudit, canonicalJson, GENESIS_HASH, verifyAudit } from '../../src/store/audit/index.js';
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
  store.sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
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
    // recompute entry 2 by hand: every column but hash, keys sorted
    const { hash, ...rest } = rows[1]!;
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

  it('an entry rewritten with a fresh hash of its own breaks the link of the next', () => {
    const row = store.sqlite.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, unknown>;
    // the forger recomputes entry 2's hash after changing it, but cannot fix entry 3's prev_hash without rewriting it too
    const { hash: _h, ...rest } = { ...row, actor: 'forger' } as Record<string, unknown>;
    const keys = Object.keys(rest).sort();
    const newHash = createHash('sha256')
      .update(`{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify((rest as Record<string, unknown>)[k])}`).join(',')}}`)
      .digest('hex');
    tamper(`UPDATE audit_log SET actor = 'forger', hash = '${newHash}' WHERE seq = 2`);
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
