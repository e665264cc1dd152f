import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDb } from '../cli/helpers.js';

/*
 * The project's own bill of materials (`npm run sbom`: npm's `npm sbom --sbom-format cyclonedx`, from
 * the lock file alone, so no network) read by `secure5g bom import` against a product made here: the
 * product reads its own BOM. npm writes CycloneDX 1.5, one of the versions the importer takes (1.4–1.6).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const t = tempDb();
let sbom: string;

beforeAll(async () => {
  sbom = execFileSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--omit', 'dev', '--package-lock-only'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  writeFileSync(join(t.dir, 'secure5g.cdx.json'), sbom);
  expect((await cli('init', '--db', t.db)).code).toBe(0);
  writeFileSync(join(t.dir, 'suppliers.csv'), 'supplier_id,name,hq_country\nSUP-SELF,secure5g project,XA\n');
  writeFileSync(join(t.dir, 'products.csv'), 'product_id,supplier_id,name,function\nP-SECURE5G,SUP-SELF,secure5g,EMS\n');
  for (const k of ['suppliers', 'products']) expect((await cli('import', k, join(t.dir, `${k}.csv`), '--db', t.db)).code).toBe(0);
}, 120_000);
afterAll(() => t.cleanup());

describe('npm run sbom', () => {
  it('is CycloneDX 1.5 and imports as the product\'s BOM, one component per runtime package', async () => {
    const doc = JSON.parse(sbom) as { specVersion: string; components: { name: string }[] };
    expect(doc.specVersion).toBe('1.5');
    // the runtime dependencies of package.json are among its components
    const pkg = JSON.parse(execFileSync('cat', [join(ROOT, 'package.json')], { encoding: 'utf8' })) as { dependencies: Record<string, string> };
    const names = new Set(doc.components.map((c) => c.name));
    for (const dep of ['fastify', 'zod', 'kysely', 'better-sqlite3']) if (dep in pkg.dependencies) expect(names.has(dep), dep).toBe(true);

    const r = await cli('bom', 'import', '--product', 'P-SECURE5G', join(t.dir, 'secure5g.cdx.json'), '--db', t.db, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    // the stored BOM counts its components, nested ones included: at least the top-level ones npm listed
    const components = Number(/"components": (\d+)/.exec(r.stdout)?.[1]);
    expect(r.stdout).toContain('"1.5"');
    expect(components).toBeGreaterThanOrEqual(doc.components.length);
    // importing the same file again changes nothing
    expect((await cli('bom', 'import', '--product', 'P-SECURE5G', join(t.dir, 'secure5g.cdx.json'), '--db', t.db)).code).toBe(0);
  });
});
