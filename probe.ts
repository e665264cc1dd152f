import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './test/cli/helpers.js';
import { BAD } from './test/corpus/cases.js';
import { importFile } from './src/interchange/index.js';
import { openStore } from './src/store/index.js';
const dir = mkdtempSync('/tmp/corp-'); const db = join(dir, 't.db');
await cli('init', '--db', db);
const s = await openStore(db);
for (const k of ['operators','suppliers','products','assets','designations'] as const) await importFile(s, k, `test/fixtures/import/${k}.csv`);
await s.close();
for (const c of BAD) { const p = join(dir, c.file); writeFileSync(p, await c.bytes());
  const t = c.target; const args = t.kind === 'table' ? ['import', t.table, p] : t.kind === 'register' ? (t.register === 'entities' ? ['entity','import',p] : t.register === 'holdings' ? ['holding','import',p] : [t.register,'import',p]) : t.kind === 'bom' ? ['bom','import','--product','P-A-GNB',p] : ['simulate','--scenario',p];
  const r = await cli(...args, '--db', db); console.log(`## ${c.name} [${r.code}]\n${r.stderr.slice(0, 400)}`); }
