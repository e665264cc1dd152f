import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, importSmallNetwork, tempDb } from '../cli/helpers.js';

/*
 * network-small (test/fixtures/network-small): the baseline requires NESAS in core and ran; the only critical
 * asset is DE1-AMF (P-C-AMF, labelled EUCC only, version 1.0, quantity 2), so TM09 flags it for NESAS.
 * P-A-GNB is labelled NESAS. Records imported below:
 *   NESAS-C-1 for P-C-AMF, versions 2.0 only, valid 2025-01-01 – open → DE1-AMF runs 1.0: still missing NESAS,
 *     now with the reason, and under the version-judged id TM09:OP-DE-1:core:P-C-AMF@1.0:NESAS.
 *   EUCC-C-1 for P-C-AMF, every version, valid 2024-01-01 – 2025-12-31 → expired on 2026-06-01 (EUCC is not
 *     required in core by the baseline: it changes no finding, and lists as expired).
 * P-A-GNB's NESAS label has no record of its scheme: listed as an unverified label. P-C-AMF's EUCC label
 * is backed by the EUCC record, so it is not listed as a label of its own.
 */
const CSV = [
  'certificate_id,scheme,issuer,product_id,versions,valid_from,valid_until',
  'NESAS-C-1,nesas,Fictional Test Lab,P-C-AMF,2.0,2025-01-01,',
  'EUCC-C-1,EUCC,Fictional Certification Body,P-C-AMF,,2024-01-01,2025-12-31',
].join('\n');

describe('certificate records: import, list, TM09', () => {
  const t = tempDb();
  const file = (name: string, text: string) => {
    const f = join(t.dir, name);
    writeFileSync(f, text);
    return f;
  };
  beforeAll(async () => {
    await importSmallNetwork(t.db);
  });
  afterAll(() => t.cleanup());

  it('refuses a bad file naming row and field, writing nothing', async () => {
    const bad = file('bad.csv', [CSV.split('\n')[0], 'X-1,NESAS,Lab,P-NOPE,,2025-01-01,', 'X-2,NESAS,Lab,P-C-AMF,,2026-01-01,2025-12-31', 'X-3,NESAS,,P-C-AMF,,2025-01-01,'].join('\n'));
    const r = await cli('import', 'certificates', bad, '--db', t.db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.csv, row 1, field product_id: unknown product "P-NOPE" (import products first)');
    expect(r.stderr).toContain('bad.csv, row 2, field valid_until: is before valid_from (2026-01-01)');
    expect(r.stderr).toContain('bad.csv, row 3, field issuer:');
    const list = JSON.parse((await cli('certificates', 'list', '--db', t.db, '--format', 'json', '--date', '2026-06-01')).stdout) as { certificates: { kind: string }[] };
    expect(list.certificates.filter((c) => c.kind === 'record')).toEqual([]);
  });

  it('imports records, lists them with their standing and the labels no record backs', async () => {
    const r = await cli('import', 'certificates', file('certs.csv', CSV), '--db', t.db);
    expect(r.code).toBe(0);
    const out = JSON.parse((await cli('certificates', 'list', '--db', t.db, '--format', 'json', '--date', '2026-06-01')).stdout) as {
      certificates: { kind: string; productId: string; scheme: string; certificateId?: string; versions?: string[]; standing: string }[];
    };
    expect(out.certificates.map((c) => [c.kind, c.productId, c.scheme, c.certificateId ?? null, c.standing])).toEqual([
      ['record', 'P-C-AMF', 'EUCC', 'EUCC-C-1', 'expired'],
      ['record', 'P-C-AMF', 'NESAS', 'NESAS-C-1', 'valid'],
      ['label', 'P-A-GNB', 'NESAS', null, 'unverified'],
    ]);
    expect(out.certificates[1]!.versions).toEqual(['2.0']);
    const table = (await cli('certificates', 'list', '--db', t.db, '--date', '2026-06-01')).stdout;
    expect(table).toMatch(/P-A-GNB\s+SUP-A\s+NESAS\s+\(label only\)/);
  });

  it('TM09 says why a record does not serve', async () => {
    const a = await cli('assess', '--db', t.db, '--date', '2026-06-01', '--format', 'json', '--no-save');
    const findings = (JSON.parse(a.stdout) as { findings: { id: string; explanation: { text: string } }[] }).findings.filter((f) => f.id.startsWith('TM09'));
    expect(findings.map((f) => f.id)).toEqual(['TM09:OP-DE-1:core:P-C-AMF@1.0:NESAS']);
    expect(findings[0]!.explanation.text).toContain('lacks NESAS (certificate NESAS-C-1 (Fictional Test Lab) covers version 2.0, not 1.0)');
  });
});
