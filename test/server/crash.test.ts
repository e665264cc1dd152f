import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { INTERRUPTED } from '../../src/server/services/import-jobs.js';
import { defaultUploadDir } from '../../src/server/services/imports.js';
import { createToken, createUser, generatePassword } from '../../src/store/identity/index.js';
import { openStore } from '../../src/store/index.js';
import { cli, tempDb } from '../cli/helpers.js';

/*
 * The server killed with SIGKILL in the middle of its writes, at seeded random moments: a large asset
 * import (upload, queue, the load's transaction, its commit, the job's status) or an assessment being
 * stored (POST /assessments: the run's findings, metrics and risks in one transaction). After each
 * kill the database must open, pass PRAGMA integrity_check, hold the import whole or not at all (its
 * kept asset counts too) and any assessment stored whole (the rows of a run of the same inputs made after); the next server start marks the jobs the
 * killed one left unfinished failed and empties their upload folder.
 *
 * CRASH_SEED and CRASH_ITERATIONS reproduce or lengthen a run (CRASH_VERBOSE=1 says what each kill hit);
 * the default fits a CI run.
 */

const SEED = Number(process.env.CRASH_SEED ?? 20261203);
const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 4);
const IMPORT_ROWS = 30_000;
const DATE = '2026-06-30';

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let d: ReturnType<typeof tempDb>;
let token: string;
let csvHeader: string;
let templates: string[];

beforeAll(async () => {
  d = tempDb();
  expect((await cli('demo', '--db', d.db)).code).toBe(0);
  const store = await openStore(d.db);
  const u = await createUser(store, { name: 'test' }, { username: 'crash-admin', password: generatePassword(), role: 'admin' });
  token = (await createToken(store, { name: 'test' }, { userId: u.userId, name: 'crash', scope: 'read-write', days: 1 })).secret;
  const cols = ['asset_id', 'operator_id', 'segment', 'function', 'supplier_id', 'product_id', 'software_version', 'quantity', 'region', 'in_service', 'end_of_support'];
  csvHeader = cols.join(',');
  templates = (store.sqlite.prepare(`SELECT ${cols.slice(1).map((c) => `IFNULL(${c}, '')`).join(" || ',' || ")} FROM assets ORDER BY asset_id LIMIT 2000`).pluck().all() as string[]);
  await store.close();
}, 60_000);
afterAll(() => d?.cleanup());

function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-server.ts'), d.db], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, port: (JSON.parse(line) as { port: number }).port }));
    child.once('exit', (code, signal) => reject(new Error(`server exited with ${code ?? signal}`)));
  });
}

/** Sends a request and forgets it: the answer may never come (the server is killed). */
function send(port: number, method: string, path: string, body: string, type: string): void {
  const req = request({ host: '127.0.0.1', port, method, path: `/api/v1${path}`, headers: { authorization: `Bearer ${token}`, 'content-type': type } });
  req.on('error', () => undefined);
  req.end(body);
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Per stored assessment: how many findings, metrics, risks and recommendations rows it has. */
function storedRuns(db: BetterSqlite3.Database) {
  const runs = db.prepare('SELECT assessment_id, inputs_hash FROM assessments ORDER BY run_at').all() as { assessment_id: string; inputs_hash: string }[];
  const rows = (table: string, id: string) => Number(db.prepare(`SELECT COUNT(*) FROM ${table} WHERE assessment_id = ?`).pluck().get(id));
  return runs.map((r) => ({
    inputsHash: r.inputs_hash,
    findings: rows('assessment_findings', r.assessment_id),
    metrics: rows('assessment_metrics', r.assessment_id),
    risks: rows('assessment_risks', r.assessment_id),
    recommendations: rows('assessment_recommendations', r.assessment_id),
  }));
}

describe('SIGKILL during writes', () => {
  it(`leaves a sound database after every kill (seed ${SEED}, ${ITERATIONS} iterations)`, async () => {
    const random = prng(SEED);
    const uploads = defaultUploadDir(d.db);
    for (let i = 0; i < ITERATIONS; i++) {
      const importing = i % 2 === 0;
      const { child, port } = await startServer();
      const file = `crash-${i}.csv`;
      if (importing) {
        const rows = Array.from({ length: IMPORT_ROWS }, (_, n) => `CR${i}-${String(n).padStart(6, '0')},${templates[n % templates.length]}`);
        send(port, 'POST', `/imports/assets?filename=${file}`, `${csvHeader}\n${rows.join('\n')}\n`, 'text/csv');
      } else send(port, 'POST', '/assessments', JSON.stringify({ date: DATE }), 'application/json');
      // anywhere from the request's first bytes to past the end of the work
      const delay = Math.floor(random() * (importing ? 5000 : 3000));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await killed(child);

      // the file as the kill left it (a hot WAL is recovered when it opens)
      const db = new BetterSqlite3(d.db);
      try {
        expect(db.prepare('PRAGMA integrity_check').pluck().all(), `iteration ${i}, kill after ${delay} ms`).toEqual(['ok']);
        const imported = Number(db.prepare('SELECT COUNT(*) FROM assets WHERE asset_id LIKE ?').pluck().get(`CR${i}-%`));
        expect([0, importing ? IMPORT_ROWS : 0], `iteration ${i}: ${imported} rows of the import after a kill at ${delay} ms`).toContain(imported);
        // committed ⇔ logged, in the same transaction
        const logged = Number(db.prepare('SELECT COUNT(*) FROM imports WHERE file = ?').pluck().get(`upload ${file}`));
        expect(logged).toBe(imported > 0 ? 1 : 0);
        if (importing) {
          // the job's "done" and the import's audit entry commit with the rows, or none of them does
          const job = db.prepare('SELECT job_id, status FROM import_jobs WHERE file_name = ?').get(file) as { job_id: string; status: string } | undefined;
          expect(job?.status === 'done', `iteration ${i}: job ${job?.status ?? 'absent'} with ${imported} rows in`).toBe(imported > 0);
          const audited = job ? Number(db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'import.assets' AND target_id = ?").pluck().get(job.job_id)) : 0;
          expect(audited, `iteration ${i}: audit entries of the import`).toBe(imported > 0 ? 1 : 0);
        }
        expect(Number(db.prepare('SELECT COALESCE(SUM(n), 0) FROM asset_counts').pluck().get())).toBe(Number(db.prepare('SELECT COUNT(*) FROM assets').pluck().get()));
        if (process.env.CRASH_VERBOSE) process.stderr.write(`iteration ${i}: ${importing ? 'import' : 'assessment'} killed after ${delay} ms; import rows ${imported}, stored runs ${storedRuns(db).length}\n`);
      } finally {
        db.close();
      }

      // the next start: unfinished jobs failed, uploads gone; an assessment of the same inputs equals any the killed server stored
      const store = await openStore(d.db);
      const app = await buildApp({ store, logger: false, dashboard: { worker: false } });
      try {
        const open = store.sqlite.prepare("SELECT COUNT(*) FROM import_jobs WHERE status IN ('queued', 'running')").pluck().get();
        expect(open).toBe(0);
        const job = store.sqlite.prepare('SELECT status, error FROM import_jobs WHERE file_name = ?').get(file) as { status: string; error: string | null } | undefined;
        if (job && job.status === 'failed') expect(job.error).toBe(INTERRUPTED);
        if (job?.status === 'done') expect(Number(store.sqlite.prepare('SELECT COUNT(*) FROM assets WHERE asset_id LIKE ?').pluck().get(`CR${i}-%`))).toBe(IMPORT_ROWS);
        expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([]);
        if (!importing) {
          const r = await app.inject({ method: 'POST', url: '/api/v1/assessments', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { date: DATE } });
          expect(r.statusCode).toBe(201);
          const runs = storedRuns(store.sqlite);
          const whole = runs.at(-1)!;
          expect(whole.findings).toBeGreaterThan(0);
          // a run the killed server stored over the same inputs has every row the whole one has
          for (const run of runs.filter((x) => x.inputsHash === whole.inputsHash)) expect(run).toEqual(whole);
        }
      } finally {
        await app.close();
        await store.close();
      }
    }
    rmSync(uploads, { recursive: true, force: true });
  }, 180_000);
});
