import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, importSmallNetwork, tempDb } from './helpers.js';

/*
 * `import assets FILE --replace --operator ID --as-of DATE [--dry-run]` and `assets decommission`.
 * network-small: OP-DE-1 holds DE1-RAN-A, DE1-RAN-B, DE1-AMF; OP-FR-1 FR1-RAN-B. The file keeps
 * DE1-RAN-A and DE1-AMF as they are and drops DE1-RAN-B: decommissioned 1, unchanged 2.
 */
const t = tempDb();
const HEADER = 'asset_id,operator_id,segment,function,supplier_id,product_id,software_version,quantity,region,in_service,end_of_support';
let file: string;

beforeAll(async () => {
  await importSmallNetwork(t.db);
  file = join(t.dir, 'de1.csv');
  writeFileSync(file, `${HEADER}\nDE1-RAN-A,OP-DE-1,ran,gNB,SUP-A,P-A-GNB,5.2,60,north,2022-03-01,\nDE1-AMF,OP-DE-1,core,AMF,SUP-C,P-C-AMF,1.0,2,,2021-01-01,\n`);
});
afterAll(() => t.cleanup());

describe('import --replace', () => {
  it('is bad usage (exit 2) without --operator, for another kind, or with --operator alone', async () => {
    for (const argv of [
      ['import', 'assets', file, '--replace'],
      ['import', 'operators', file, '--replace', '--operator', 'OP-DE-1'],
      ['import', 'assets', file, '--operator', 'OP-DE-1'],
      ['import', 'assets', file, '--replace', '--operator', 'OP-DE-1', '--as-of', '2026-02-30'],
    ]) {
      const r = await cli(...argv, '--db', t.db);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^error: /);
    }
  });

  it('a dry run prints the changes and writes nothing; the real run decommissions', async () => {
    const dry = await cli('import', 'assets', file, '--replace', '--operator', 'OP-DE-1', '--as-of', '2026-06-30', '--dry-run', '--db', t.db);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run: nothing written');
    expect(dry.stdout).toContain('decommissioned on 2026-06-30 1: DE1-RAN-B');
    const json = await cli('import', 'assets', file, '--replace', '--operator', 'OP-DE-1', '--as-of', '2026-06-30', '--format', 'json', '--db', t.db);
    expect(JSON.parse(json.stdout).replacement).toMatchObject({ dryRun: false, decommissioned: ['DE1-RAN-B'], unchanged: 2 });
    // already out of service: decommissioning it again is refused
    const again = await cli('assets', 'decommission', 'DE1-RAN-B', '--date', '2026-07-01', '--db', t.db);
    expect([again.code, again.stderr]).toEqual([2, 'error: asset DE1-RAN-B is not in service\n']);
  });

  it('assets decommission takes assets out of service on the date', async () => {
    const r = await cli('assets', 'decommission', 'FR1-RAN-B', '--date', '2026-07-01', '--db', t.db);
    expect([r.code, r.stdout]).toEqual([0, 'decommissioned on 2026-07-01 1: FR1-RAN-B\n']);
  });
});
