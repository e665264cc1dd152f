import type { OutputJson } from '../../src/domain/json-case.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, importSmallNetwork, tempDb } from '../cli/helpers.js';

export { cli, tempDb };

/** A database made through the CLI: `init`, then the network-small fixture (OP-DE-1, OP-FR-1; SUP-A/B/C; D-DE-1). */
export async function smallDb() {
  const t = tempDb();
  const init = await cli('init', '--db', t.db);
  if (init.code !== 0) throw new Error(init.stderr);
  await importSmallNetwork(t.db);
  const file = (name: string, text: string) => {
    const f = join(t.dir, name);
    writeFileSync(f, text);
    return f;
  };
  /** runs the CLI against this database */
  const run = (...argv: string[]) => cli(...argv, '--db', t.db);
  const ok = async (...argv: string[]) => {
    const r = await run(...argv);
    if (r.code !== 0) throw new Error(`${argv.join(' ')} failed (${r.code}): ${r.stderr}`);
    return r;
  };
  const json = async <T = unknown>(...argv: string[]) => JSON.parse((await ok(...argv, '--format', 'json')).stdout) as OutputJson<T>;
  const count = (table: string) => {
    const db = new Database(t.db, { readonly: true });
    try {
      return Number((db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) ?? 0);
    } finally {
      db.close();
    }
  };
  /** adds operators to the fixture (id, member state) */
  const addOperators = async (...ops: [string, string][]) =>
    ok('import', 'operators', file('more-operators.csv', ['operator_id,name,member_state,kind,subscribers', ...ops.map(([id, ms]) => `${id},Fictional ${id},${ms},mno,1000`)].join('\n')));
  return { ...t, file, run, ok, json, count, addOperators };
}
export type SmallDb = Awaited<ReturnType<typeof smallDb>>;
