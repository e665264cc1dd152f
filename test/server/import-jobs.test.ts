import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/interchange/index.js';
import { buildApp, type App } from '../../src/server/app.js';
import { INTERRUPTED } from '../../src/server/services/import-jobs.js';
import { openStore, type Store } from '../../src/store/index.js';
import { fixtureApp, IMPORT_FIXTURES, login, type Fixture, type Session } from './helpers.js';

/*
 * Import jobs are rows of import_jobs: they outlive the server process, reads narrow to the caller's
 * scope, and jobs left unfinished by a process that ended are failed at the next start. Imports also
 * run while another connection holds the database file.
 */

const HEADER = 'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support';

let f: Fixture;
const s: Record<string, Session> = {};
/** app and store of the current "process" on f's database file (replaced when reopened) */
let app: App;
let store: Store;

const sessions = async (names: string[]) => {
  for (const name of names) s[name] = await login(app, name);
};
const get = (who: string, url: string) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s[who]!.read });
const upload = async (who: string, name: string, body: string) => {
  const r = await app.inject({ method: 'POST', url: `/api/v1/imports/assets?filename=${name}`, headers: { ...s[who]!.write, 'content-type': 'text/csv' }, payload: body });
  expect(r.statusCode).toBe(202);
  return r.json() as { jobId: string; status: string };
};

const jobs: Record<string, string> = {};

beforeAll(async () => {
  f = await fixtureApp();
  app = f.app;
  store = f.store;
  await sessions(['admin', 'authority-de', 'authority-fr', 'operator-de1', 'operator-fr1', 'auditor-de', 'union']);
  jobs.admin = (await upload('admin', 'admin.csv', `${HEADER}\nADM-1,OP-FR-1,core,AMF,SUP-C,,,1,,,\n`)).jobId;
  jobs.de1 = (await upload('operator-de1', 'de1.csv', `${HEADER}\nDE1-X,OP-DE-1,core,AMF,SUP-C,,,1,,,\n`)).jobId;
  jobs.authDe = (await upload('authority-de', 'de2.csv', `${HEADER}\nDE2-X,OP-DE-2,core,AMF,SUP-C,,,1,,,\n`)).jobId;
  jobs.fr1 = (await upload('operator-fr1', 'fr1.csv', `${HEADER}\nFR1-X,OP-FR-1,core,AMF,SUP-Q,,,1,,,\n`)).jobId;
  await app.ctx.jobs.idle();
});
afterAll(async () => {
  if (app !== f.app) {
    await app.close();
    await store.close();
    rmSync(f.dir, { recursive: true, force: true });
  } else await f.close();
});

describe('job reads go through the scope filter', () => {
  const visible = async (who: string) => ((await get(who, '/imports/jobs')).json().items as { jobId: string }[]).map((j) => j.jobId).sort();

  it('each scope lists exactly its jobs: operator its own, authority its member state’s, whole instance all', async () => {
    expect(await visible('admin')).toEqual([jobs.admin, jobs.de1, jobs.authDe, jobs.fr1].sort());
    expect(await visible('operator-de1')).toEqual([jobs.de1]);
    // the German authority sees its own job and its operator's; the admin's job carries no member state
    expect(await visible('authority-de')).toEqual([jobs.de1, jobs.authDe].sort());
    expect(await visible('auditor-de')).toEqual([jobs.de1, jobs.authDe].sort());
    expect(await visible('authority-fr')).toEqual([jobs.fr1]);
    expect((await get('authority-fr', '/imports/jobs')).json().total).toBe(1);
    expect((await get('union', '/imports/jobs')).statusCode).toBe(403);
  });

  it('a job outside the scope is a 404 worded like a missing one', async () => {
    const out = await get('operator-de1', `/imports/jobs/${jobs.authDe}`);
    const missing = await get('operator-de1', '/imports/jobs/00000000-0000-4000-8000-000000000000');
    expect(out.statusCode).toBe(404);
    const { instance: _a, ...a } = out.json();
    const { instance: _b, ...b } = missing.json();
    expect(a).toEqual(b);
    expect((await get('authority-fr', `/imports/jobs/${jobs.de1}`)).statusCode).toBe(404);
    expect((await get('authority-de', `/imports/jobs/${jobs.de1}`)).json()).toMatchObject({ fileName: 'de1.csv', createdBy: 'operator-de1' });
  });

  it('status filter and paging', async () => {
    // fr1.csv names supplier SUP-Q, which the inventory does not hold
    const failed = (await get('admin', '/imports/jobs?status=failed')).json();
    expect(failed.items.map((j: { jobId: string }) => j.jobId)).toEqual([jobs.fr1]);
    expect(failed.items[0].error).toContain('fr1.csv, row 1, field supplier_id');
    const page = (await get('admin', '/imports/jobs?limit=1&offset=1')).json();
    expect(page).toMatchObject({ total: 4, limit: 1, offset: 1 });
    expect(page.items).toHaveLength(1);
  });
});

describe('jobs outlive the server process', () => {
  it('status and result survive closing and reopening the app on the same file; unfinished jobs fail at the next start', async () => {
    const before = (await get('admin', `/imports/jobs/${jobs.de1}`)).json();
    expect(before).toMatchObject({ status: 'done', kind: 'assets', fileName: 'de1.csv', result: { rows: 1, inserted: 1, updated: 0, unchanged: 0 } });
    expect(before.startedAt >= before.createdAt && before.finishedAt >= before.startedAt).toBe(true);
    // a job that a process was running when it ended, and one it had queued: written as the server writes them
    const put = store.sqlite.prepare(
      "INSERT INTO import_jobs (job_id, kind, file_name, bytes, member_state, operator_id, status, created_by, created_at, started_at) VALUES (?, 'assets', ?, 10, 'DE', 'OP-DE-1', ?, 'operator-de1', ?, ?)",
    );
    put.run('11111111-1111-4111-8111-111111111111', 'big.csv', 'running', '2026-06-01T10:00:00.000Z', '2026-06-01T10:00:01.000Z');
    put.run('22222222-2222-4222-8222-222222222222', 'next.csv', 'queued', '2026-06-01T10:00:02.000Z', null);

    await app.close();
    await store.close();
    store = await openStore(join(f.dir, 'test.db'));
    app = await buildApp({ store, logger: false, uploadDir: join(f.dir, 'uploads'), dashboardDate: () => '2026-06-01' });
    await sessions(['admin', 'operator-de1']);

    expect((await get('admin', `/imports/jobs/${jobs.de1}`)).json()).toEqual(before);
    expect((await get('operator-de1', `/imports/jobs/${jobs.fr1}`)).statusCode).toBe(404);
    for (const id of ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222']) {
      const j = (await get('operator-de1', `/imports/jobs/${id}`)).json();
      expect(j).toMatchObject({ status: 'failed', error: INTERRUPTED });
      expect(j.finishedAt).toBeDefined();
    }
    expect(INTERRUPTED).toBe('interrupted by a server restart');
    // finished jobs were left as they were
    expect((await get('admin', '/imports/jobs?status=done')).json().total).toBe(3);
  });
});

describe('imports while another connection holds the file', () => {
  it('an import through the API succeeds while another connection reads the file (and would have made the journal switch fail)', async () => {
    const other = new BetterSqlite3(store.file, { readonly: true });
    try {
      // inside a read transaction, as the dashboard worker is during its run
      other.exec('BEGIN');
      expect(other.prepare('SELECT COUNT(*) FROM assets').pluck().get()).toBe(8);
      const job = await upload('admin', 'shared.csv', `${HEADER}\nSHARED-1,OP-DE-2,core,UPF,SUP-C,,,3,,,\nSHARED-2,OP-DE-2,core,UPF,SUP-C,,,4,,,\n`);
      await app.ctx.jobs.idle();
      expect((await get('admin', `/imports/jobs/${job.jobId}`)).json()).toMatchObject({ status: 'done', result: { rows: 2, inserted: 2 } });
      // the reader's transaction still sees the file as it was when it began (WAL), then the new rows
      expect(other.prepare('SELECT COUNT(*) FROM assets').pluck().get()).toBe(8);
      other.exec('COMMIT');
      expect(other.prepare('SELECT SUM(quantity) FROM assets WHERE asset_id LIKE ?').pluck().get('SHARED-%')).toBe(7);
      expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
  });

  it('a command-line import (importFile) keeps WAL beside another connection, and uses the rollback journal when alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secure5g-shared-'));
    try {
      const db = join(dir, 'cli.db');
      const cli = await openStore(db);
      for (const kind of ['operators', 'suppliers', 'products'] as const) await importFile(cli, kind, join(IMPORT_FIXTURES, `${kind}.csv`));
      const assets = join(dir, 'assets.csv');
      copyFileSync(join(IMPORT_FIXTURES, 'assets.csv'), assets);
      let seenJournal: string[] = [];
      const watch = (_done: number) => void (seenJournal = [existsSync(`${db}-journal`) ? 'journal' : '', String(cli.sqlite.pragma('journal_mode', { simple: true }))]);

      // another process's connection (the server, say), which has read the file
      const other = new BetterSqlite3(db);
      other.prepare('SELECT COUNT(*) FROM operators').get();
      const shared = await importFile(cli, 'assets', assets, { onProgress: watch });
      expect(shared).toMatchObject({ rows: 5, inserted: 5 });
      expect(seenJournal[1]).toBe('wal');
      other.close();

      // alone: the load switches to the rollback journal (the re-import of the same rows changes nothing) and back to WAL
      const alone = await importFile(cli, 'designations', join(IMPORT_FIXTURES, 'designations.csv'), { onProgress: watch });
      expect(alone).toMatchObject({ rows: 2, inserted: 2 });
      expect(seenJournal[1]).toBe('delete');
      expect(cli.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      await cli.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what an upload leaves in the history', () => {
  it('a designations upload names the signed-in user in its revisions and the upload name, not a temporary path, in the import log', async () => {
    const body = 'designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,transition_months,status\nD-DE-UP,DE,SUP-C,conditional,core,Fictional Act §9,2027-01-01,6,proposed\n';
    const r = await app.inject({ method: 'POST', url: '/api/v1/imports/designations?filename=de-decisions.csv', headers: { ...s['authority-de']!.write, 'content-type': 'text/csv' }, payload: body });
    expect(r.statusCode).toBe(202);
    await app.ctx.jobs.idle();
    expect((await get('authority-de', `/imports/jobs/${r.json().jobId}`)).json().status).toBe('done');
    const rev = store.sqlite.prepare('SELECT actor, source FROM designation_history WHERE designation_id = ?').all('D-DE-UP');
    expect(rev).toEqual([{ actor: 'authority-de', source: 'import upload de-decisions.csv' }]);
    const logged = store.sqlite.prepare("SELECT file FROM imports WHERE kind = 'designations' ORDER BY finished_at DESC LIMIT 1").pluck().get();
    expect(logged).toBe('upload de-decisions.csv');
  });
});
