import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
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

describe('the docs\' command examples run as written', () => {
  for (const [doc, examples] of byFile) {
    it(`${doc} (${examples.length} examples)`, async () => {
      const failures: string[] = [];
      try {
        for (const e of examples) {
          process.chdir(folder(doc, e.on));
          const failure = e.kind === 'cli' ? await runCli(e) : undefined;
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
