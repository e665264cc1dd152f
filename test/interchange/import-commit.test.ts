import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, type ImportCommit } from '../../src/interchange/index.js';
import { count, fixture, tempStore } from './helpers.js';

/*
 * ImportOptions.beforeCommit: what a caller records of an import (the server's audit entry and job
 * status, the CLI's audit entry) is written inside the import's transaction, so it commits with the rows
 * or not at all.
 */
describe("an import's beforeCommit", () => {
  let t: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (t = await tempStore()));
  afterEach(async () => t.cleanup());

  for (const worker of [false, true]) {
    it(`runs inside the transaction, before the commit, with what is about to be committed (${worker ? 'worker' : 'in thread'})`, async () => {
      const file = fixture('operators.csv');
      const other = new BetterSqlite3(t.store.file, { readonly: true });
      const seen: { done: ImportCommit; here: number; elsewhere: number }[] = [];
      try {
        await importFile(t.store, 'operators', file, {
          worker,
          beforeCommit: (done) => seen.push({ done, here: count(t.store, 'operators'), elsewhere: Number(other.prepare('SELECT COUNT(*) FROM operators').pluck().get()) }),
        });
      } finally {
        other.close();
      }
      const rows = readFileSync(file, 'utf8').trim().split('\n').length - 1;
      expect(seen).toHaveLength(1);
      // this connection sees the rows; another one does not yet: the transaction is open
      expect(seen[0]!.here).toBe(rows);
      expect(seen[0]!.elsewhere).toBe(0);
      expect(seen[0]!.done).toMatchObject({ rows, inserted: rows, updated: 0, unchanged: 0, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') });
    });
  }

  it('throwing rolls the whole import back, its log entry included', async () => {
    const err = await importFile(t.store, 'operators', fixture('operators.csv'), {
      beforeCommit: () => {
        throw new Error('the audit entry cannot be written');
      },
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('the audit entry cannot be written');
    expect(count(t.store, 'operators')).toBe(0);
    expect(count(t.store, 'imports')).toBe(0);
  });

  it('is not called for a dry run of a replacement', async () => {
    for (const k of ['operators', 'suppliers', 'products', 'assets'] as const) await importFile(t.store, k, fixture(`${k}.csv`));
    let called = false;
    const [header, ...lines] = readFileSync(fixture('assets.csv'), 'utf8').trim().split('\n');
    const mine = t.file('op-de-1.csv', `${[header, ...lines.filter((l) => l.split(',')[1] === 'OP-DE-1')].join('\n')}\n`);
    const s = await importFile(t.store, 'assets', mine, {
      replace: { operatorId: 'OP-DE-1', asOf: '2026-01-01', dryRun: true },
      beforeCommit: () => void (called = true),
    }).catch((e: unknown) => e);
    expect(s).toMatchObject({ replacement: { dryRun: true } });
    expect(called).toBe(false);
  });
});
