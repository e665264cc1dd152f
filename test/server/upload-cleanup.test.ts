import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { defaultUploadDir } from '../../src/server/services/imports.js';
import { openStore } from '../../src/store/index.js';
import { fixtureApp, login, type Fixture } from './helpers.js';

/*
 * Uploads are temporary files: one left by a process killed during an upload or a job goes when the
 * server starts again, and a job that failed takes its own with it (docs/operations.md, Restarts).
 */

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An upload as saveUpload leaves it: its own folder, the file in it. */
function leftover(uploadDir: string): string {
  const file = join(uploadDir, '0f8a2c1e-0000-4000-8000-000000000001', 'assets.csv');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, 'asset_id,operator_id\nA-1,OP-1\n');
  return file;
}

describe('server start', () => {
  it('removes the uploads an earlier process left in the folder it was given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure5g-cleanup-'));
    dirs.push(dir);
    const uploads = join(dir, 'uploads');
    const file = leftover(uploads);
    const store = await openStore(join(dir, 'test.db'));
    const app = await buildApp({ store, logger: false, uploadDir: uploads, dashboard: { worker: false } });
    try {
      expect(existsSync(file)).toBe(false);
      expect(readdirSync(uploads)).toEqual([]);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('by default uses a folder of the database’s own, and empties it; another database’s folder is left alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure5g-cleanup-'));
    dirs.push(dir);
    const db = join(dir, 'test.db');
    const other = join(dir, 'other.db');
    expect(defaultUploadDir(db)).not.toBe(defaultUploadDir(other));
    dirs.push(defaultUploadDir(db), defaultUploadDir(other));
    const mine = leftover(defaultUploadDir(db));
    const theirs = leftover(defaultUploadDir(other));
    const store = await openStore(db);
    const app = await buildApp({ store, logger: false, dashboard: { worker: false } });
    try {
      expect(app.ctx.uploadDir).toBe(defaultUploadDir(db));
      expect(existsSync(mine)).toBe(false);
      expect(existsSync(theirs)).toBe(true);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('import jobs', () => {
  let f: Fixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it('a failed job and a refused one leave no file behind', async () => {
    f = await fixtureApp();
    const s = await login(f.app, 'operator-de1');
    const header = 'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support';
    const ids: string[] = [];
    // a row naming an unknown supplier fails the import; a row of another operator is refused by the scope check
    for (const row of ['DE1-Z,OP-DE-1,core,AMF,SUP-NONE,,,1,,,', 'FR1-Z,OP-FR-1,core,AMF,SUP-C,,,1,,,']) {
      const r = await f.app.inject({ method: 'POST', url: '/api/v1/imports/assets', headers: { ...s.write, 'content-type': 'text/csv' }, payload: `${header}\n${row}\n` });
      expect(r.statusCode).toBe(202);
      ids.push(r.json().jobId);
    }
    await f.app.ctx.jobs.idle();
    for (const id of ids) expect((await f.app.inject({ method: 'GET', url: `/api/v1/imports/jobs/${id}`, headers: s.read })).json().status).toBe('failed');
    expect(readdirSync(f.app.ctx.uploadDir)).toEqual([]);
  });

  it('an upload whose job cannot be queued is removed at once', async () => {
    f = await fixtureApp();
    const s = await login(f.app, 'admin');
    // the job's row cannot be written (a full disk, say): no job will ever run to remove the file
    const submit = vi.spyOn(f.app.ctx.jobs, 'submit').mockImplementation(() => {
      throw new Error('disk full');
    });
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/imports/suppliers', headers: { ...s.write, 'content-type': 'text/csv' }, payload: 'supplier_id,name,hq_country\nSUP-Z,Zeta,XZ\n' });
    expect(submit).toHaveBeenCalledOnce();
    expect(r.statusCode).toBe(500);
    expect(readdirSync(f.app.ctx.uploadDir)).toEqual([]);
  });
});
