import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/index.js';
import { createDemoAccounts, findUserByName, updateUser } from '../../src/store/identity/index.js';
import { commandLine, examplesOf, type Example, type RunOn } from './examples.js';

/*
 * Docs that run (issue 15): every command example of README.md and docs/*.md (test/docs/examples.ts says
 * which lines count), run in order, per file, in a folder of its own holding a fresh copy of one small
 * demo database, with the repository's examples/ and test/ beside it as the docs refer to them. An
 * example that exits non-zero fails the test naming its file and line. CLI examples run in this process
 * (a Node start per example would cost seconds each).
 */

const ROOT = join(import.meta.dirname, '..', '..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const byFile = new Map<string, Example[]>();
for (const doc of DOCS) {
  const list = examplesOf(join(ROOT, doc)).map((e) => ({ ...e, file: doc }));
  if (list.length > 0) byFile.set(doc, list);
}

let work: string;
let demoDb: string;
let networkDb: string;
const home = process.cwd();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'secure5g-docs-'));
  demoDb = join(work, 'demo.db');
  const io = bufferIo();
  const code = await run(['demo', '--db', demoDb], io);
  if (code !== 0) throw new Error(`demo: ${io.stderr()}`);
  networkDb = join(work, 'network.db');
  for (const [kind, file] of [['operators', 'operators.csv'], ['suppliers', 'suppliers.csv'], ['products', 'products.csv'], ['assets', 'assets.csv'], ['designations', 'designations.csv'], ['policies', 'policy-de.json']]) {
    const r = bufferIo();
    if ((await run(['import', kind!, join(ROOT, 'examples', 'network', file!), '--db', networkDb], r)) !== 0) throw new Error(`examples/network/${file}: ${r.stderr()}`);
  }
}, 300_000);

afterAll(() => {
  process.chdir(home);
  rmSync(work, { recursive: true, force: true });
});

/** A folder for one doc file and database: a copy of it as ./secure5g.db (none for `empty`), examples/ and test/ linked in. */
function folder(doc: string, on: RunOn): string {
  const dir = join(work, `${doc.replace(/[^\w.-]/g, '_')}-${on}`);
  if (existsSync(dir)) return dir;
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'));
  symlinkSync(join(ROOT, 'test'), join(dir, 'test'));
  if (on !== 'empty') {
    const db = on === 'demo' ? demoDb : networkDb;
    copyFileSync(db, join(dir, 'secure5g.db'));
    // the audit trail's key lives beside the database (docs/security.md): a copy without it does not verify
    if (existsSync(`${db}.keys`)) copyFileSync(`${db}.keys`, join(dir, 'secure5g.db.keys'));
  }
  return dir;
}

/** The failure of a CLI example, naming its file and line, or undefined when it exited 0. */
async function runCli(e: Example): Promise<string | undefined> {
  let parsed: ReturnType<typeof commandLine>;
  try {
    parsed = commandLine(e.text);
  } catch (err) {
    return `${e.file}:${e.line}: ${(err as Error).message}`;
  }
  const io = bufferIo();
  const code = await run(parsed.argv, io);
  if (parsed.stdoutTo) writeFileSync(parsed.stdoutTo, io.stdout());
  return code === 0 ? undefined : `${e.file}:${e.line}: exit ${code}: ${e.text}\n    ${io.stderr().trim().split('\n').slice(0, 3).join('\n    ')}`;
}

/**
 * A block of curl examples as a bash script against a server on the folder's database, with the demo
 * accounts made (their passwords are printed once; the block reads the one it signs in with from
 * $PASSWORD); curl answers 4xx and 5xx with a failure. The failure names the doc line of the command.
 */
async function runCurl(e: Example, dir: string): Promise<string | undefined> {
  const store = await openStore(join(dir, 'secure5g.db'));
  const app = await buildApp({ store, logger: false, uploadDir: join(dir, 'uploads') });
  try {
    const { created } = await createDemoAccounts(store, { name: 'docs-test' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    // the dashboard is computed on a worker after start (503 until then): as for a server up a while
    await app.ctx.dashboard.refresh();
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // the account a block signs in with: its password as made now, or a new one (which ends its old sessions)
    const user = /"username\\?"\s*:\s*\\?"([\w.-]+)/.exec(e.text)?.[1];
    let password = created.find((a) => a.username === user)?.password ?? '';
    const existing = user !== undefined && password === '' ? findUserByName(store, user) : undefined;
    if (existing) {
      password = randomBytes(18).toString('base64url');
      await updateUser(store, { name: 'docs-test' }, existing.user_id, { password });
    }
    const prologue = ['set -e', 'shopt -s expand_aliases', "alias curl='curl --fail-with-body'", `trap 'echo "at line $((LINENO - 4))" >&2' ERR`];
    const script = [...prologue, e.text.replaceAll('http://127.0.0.1:8080', base)].join('\n');
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile('bash', ['-c', script], { cwd: dir, env: { ...process.env, PASSWORD: password } }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
    if (r.code === 0) return undefined;
    const at = Number(/at line (\d+)/.exec(r.stderr)?.[1] ?? 1);
    return `${e.file}:${e.line + at - 1}: exit ${r.code}: ${e.text.split('\n')[at - 1]}\n    ${(r.stdout.split('\n').at(-1) ?? '').slice(0, 300)} ${r.stderr.trim().slice(0, 300)}`;
  } finally {
    await app.close();
    await store.close();
  }
}

describe('the docs\' command examples run as written', () => {
  for (const [doc, examples] of byFile) {
    it(`${doc} (${examples.length} examples)`, async () => {
      const failures: string[] = [];
      try {
        for (const e of examples) {
          process.chdir(folder(doc, e.on));
          const failure = e.kind === 'cli' ? await runCli(e) : await runCurl(e, folder(doc, e.on));
          if (failure) failures.push(failure);
        }
      } finally {
        process.chdir(home);
      }
      // every broken example at once, each with its file and line
      expect(failures.join('\n')).toBe('');
    }, 120_000);
  }
});
