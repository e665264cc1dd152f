import { userInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentResult } from '../../src/domain/index.js';
import { cli, cliJson, importSmallNetwork, jsonFile, profileDoc, sm03, tempDb } from './helpers.js';

/*
 * The fixture network's D-DE-1: DE designates SUP-B high-risk for ran, effective 2025-01-01, 12 months →
 * deadline 2026-01-01; OP-DE-1 holds 40 gNB of SUP-B. Assessed on 2026-06-01:
 *   as imported:                        deadline 2026-01-01, 2026-06-01 > deadline → critical
 *   amend --effective-date 2025-07-01:  2025-07-01 + 12 months = 2026-07-01 ≥ 2026-06-01 → high
 *   amend --transition-months 24:       2025-07-01 + 24 months = 2027-07-01 → high
 *   revoke --date 2026-05-01:           no SM03 finding, no exposure; assessed on 2026-04-01, before the
 *                                       revocation, the designation still counts: high, deadline 2027-07-01
 */
interface Revision {
  revision: number;
  change: string;
  changeDate?: string;
  actor: string;
  source: string;
  designation: { effectiveDate: string; transitionMonths: number; status: string };
}

describe('designation amend and revoke move or end the SM03 findings', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
  });
  afterEach(() => t.cleanup());

  it('keeps a revision per change and assess follows the designation as it stands', async () => {
    const [first] = await sm03(t.db, '2026-06-01');
    expect(first).toMatchObject({ severity: 'critical', deadline: '2026-01-01', affectedQuantity: 40, operatorId: 'OP-DE-1' });

    const later = await cliJson<{ changed: boolean; deadline: string; revision: { revision: number; change: string } }>('designation', 'amend', 'D-DE-1', '--effective-date', '2025-07-01', '--db', t.db);
    expect(later).toMatchObject({ changed: true, deadline: '2026-07-01', revision: { revision: 2, change: 'amended' } });
    expect((await sm03(t.db, '2026-06-01')).map((f) => [f.severity, f.deadline])).toEqual([['high', '2026-07-01']]);

    await cliJson('designation', 'amend', 'D-DE-1', '--transition-months', '24', '--db', t.db);
    expect((await sm03(t.db, '2026-06-01')).map((f) => [f.severity, f.deadline])).toEqual([['high', '2027-07-01']]);

    // the same value again changes nothing and records nothing
    const same = await cli('designation', 'amend', 'D-DE-1', '--transition-months', '24', '--db', t.db);
    // (the small network's D-DE-1 cites no profile, and DE has recorded none: the warning says so)
    expect(same.stdout).toBe(
      'designation D-DE-1 unchanged: nothing recorded\n' +
        'warning (no-profile): designation D-DE-1 (high-risk) rests on no recorded profile of SUP-B: DE has recorded no profile of it\n',
    );

    const revoked = await cliJson<{ revision: { change: string; changeDate: string } }>('designation', 'revoke', 'D-DE-1', '--date', '2026-05-01', '--db', t.db);
    expect(revoked.revision).toMatchObject({ change: 'revoked', changeDate: '2026-05-01' });
    expect(await sm03(t.db, '2026-06-01')).toEqual([]);
    expect((await sm03(t.db, '2026-04-01')).map((f) => [f.severity, f.deadline])).toEqual([['high', '2027-07-01']]);
    const after = await cliJson<AssessmentResult>('assess', '--db', t.db, '--date', '2026-06-01');
    expect(after.metrics.exposure.find((r) => r.scope === 'operator' && r.operatorId === 'OP-DE-1')?.sensitiveExposure).toBe(0);

    const again = await cli('designation', 'revoke', 'D-DE-1', '--date', '2026-05-02', '--db', t.db);
    expect([again.code, again.stderr]).toEqual([2, 'error: designation D-DE-1 is revoked already\n']);

    const history = await cliJson<Revision[]>('designation', 'history', 'D-DE-1', '--db', t.db);
    const os = `os:${userInfo().username}`;
    expect(history.map((r) => [r.revision, r.change, r.actor, r.designation.effectiveDate, r.designation.transitionMonths, r.designation.status])).toEqual([
      // command-line writes name the operating-system user who ran them
      [1, 'created', os, '2025-01-01', 12, 'in-force'],
      [2, 'amended', os, '2025-07-01', 12, 'in-force'],
      [3, 'amended', os, '2025-07-01', 24, 'in-force'],
      [4, 'revoked', os, '2025-07-01', 24, 'revoked'],
    ]);
    expect(history[0]!.source).toMatch(/^import .*designations\.csv$/);
    expect(history[3]!.changeDate).toBe('2026-05-01');

    const diff = await cliJson<{ changes: { field: string; from: unknown; to: unknown }[] }>('designation', 'diff', 'D-DE-1', '1', '4', '--db', t.db);
    expect(diff.changes).toEqual([
      { field: 'effective_date', from: '2025-01-01', to: '2025-07-01' },
      { field: 'transition_months', from: 12, to: 24 },
      { field: 'status', from: 'in-force', to: 'revoked' },
      { field: 'revoked_on', to: '2026-05-01' },
    ]);
  });

  it('refuses bad amendments without recording anything', async () => {
    const amend = (...a: string[]) => cli('designation', 'amend', 'D-DE-1', ...a, '--db', t.db);
    expect((await amend('--status', 'revoked')).stderr).toContain('use: secure5g designation revoke D-DE-1 --date');
    expect((await amend('--decision-date', '2025-02-01')).stderr).toContain('field decision_date 2025-02-01 is after the effective date 2025-01-01');
    expect((await amend('--transition-months', '300')).code).toBe(2);
    expect((await amend()).stderr).toContain('nothing to amend');
    expect((await cli('designation', 'amend', 'D-XX', '--status', 'proposed', '--db', t.db)).stderr).toContain('no designation D-XX');
    expect(await cliJson<unknown[]>('designation', 'history', 'D-DE-1', '--db', t.db)).toHaveLength(1);
  });

  it('links a designation to a recorded profile version of the same supplier', async () => {
    const create = (id: string, profile: string) =>
      cli('designation', 'create', '--id', id, '--member-state', 'DE', '--supplier', 'SUP-B', '--kind', 'restricted', '--segments', 'core,transport',
        '--legal-basis', 'Fictional act §2', '--decision-date', '2026-01-10', '--effective-date', '2026-02-01', '--status', 'proposed', '--profile', profile, '--db', t.db);
    expect((await create('D-DE-2', 'PRF-B@1')).stderr).toContain('profile PRF-B version 1 is not recorded');
    await cliJson('profile', 'create', jsonFile(t.dir, 'b.json', profileDoc({ profile_id: 'PRF-B', supplier_id: 'SUP-B', member_state: 'DE', assessed_on: '2026-01-05' }, { 'C1.3': 4 })), '--db', t.db);
    await cliJson('profile', 'create', jsonFile(t.dir, 'a.json', profileDoc({ profile_id: 'PRF-A', supplier_id: 'SUP-A', member_state: 'DE', assessed_on: '2026-01-05' }, { 'C1.3': 1 })), '--db', t.db);
    expect((await create('D-DE-2', 'PRF-A@1')).stderr).toContain('profile PRF-A is about supplier SUP-A, not SUP-B');
    expect((await create('D-DE-2', 'PRF-B')).stderr).toContain('--profile');
    expect((await create('D-DE-2', 'PRF-B@1')).code).toBe(0);

    const shown = await cliJson<Record<string, unknown>>('designation', 'show', 'D-DE-2', '--db', t.db);
    expect(shown).toMatchObject({
      designation: { designationId: 'D-DE-2', segments: ['core', 'transport'], decisionDate: '2026-01-10', transitionMonths: 36, profileId: 'PRF-B', profileVersion: 1 },
      deadline: '2029-02-01',
      profile: { profileId: 'PRF-B', version: 1, level: 'high', ruleId: 'secure5g-default' },
    });
    expect((await cli('designation', 'create', '--id', 'D-DE-2', '--member-state', 'DE', '--supplier', 'SUP-B', '--kind', 'restricted', '--segments', 'core',
      '--legal-basis', 'x', '--effective-date', '2026-02-01', '--status', 'proposed', '--db', t.db)).stderr).toContain('designation D-DE-2 exists already');
    const listed = await cliJson<{ designationId: string }[]>('designation', 'list', '--status', 'proposed', '--db', t.db);
    expect(listed.map((d) => d.designationId)).toEqual(['D-DE-2']);
  });
});
