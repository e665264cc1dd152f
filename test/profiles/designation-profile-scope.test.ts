import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, cliJson, importSmallNetwork, jsonFile, profileDoc, tempDb, textFile } from './helpers.js';

/*
 * The CLI's designation writes (create, amend, import) cite only a profile of the designation's own
 * member state: FR's profile of SUP-B answers a DE designation exactly as an id that does not exist.
 */
describe('a DE designation citing FR’s profile, on the command line', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
    await cliJson('profile', 'create', jsonFile(t.dir, 'fr.json', profileDoc({ profile_id: 'PRF-FR-B', supplier_id: 'SUP-B', member_state: 'FR', assessed_on: '2026-01-05' }, { 'C1.3': 4 })), '--db', t.db);
  });
  afterEach(() => t.cleanup());

  const create = (supplier: string, profile: string) =>
    cli('designation', 'create', '--id', 'D-DE-9', '--member-state', 'DE', '--supplier', supplier, '--kind', 'restricted', '--segments', 'core',
      '--legal-basis', 'Fictional act §2', '--effective-date', '2026-02-01', '--status', 'proposed', '--profile', profile, '--db', t.db);

  it('designation create and amend: not recorded, with the matching supplier and another', async () => {
    const none = await create('SUP-B', 'PRF-NONE@1');
    expect(none.code).toBe(2);
    for (const supplier of ['SUP-B', 'SUP-A']) {
      const r = await create(supplier, 'PRF-FR-B@1');
      expect([r.code, r.stderr]).toEqual([2, none.stderr.replace('PRF-NONE', 'PRF-FR-B')]);
    }
    const amend = await cli('designation', 'amend', 'D-DE-1', '--profile', 'PRF-FR-B@1', '--db', t.db);
    expect([amend.code, amend.stderr]).toEqual([2, none.stderr.replace('PRF-NONE', 'PRF-FR-B')]);
  });

  it('import designations: the row is refused as for an unknown id, nothing written', async () => {
    const file = textFile(
      t.dir,
      'd.csv',
      'designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,transition_months,status,profile_id,profile_version\n' +
        'D-DE-9,DE,SUP-B,restricted,core,Fictional act,2026-02-01,6,proposed,PRF-FR-B,1\n',
    );
    const r = await cli('import', 'designations', file, '--db', t.db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('profile PRF-FR-B version 1 is not recorded');
    expect(r.stderr).not.toContain('about supplier');
    expect((await cli('designation', 'show', 'D-DE-9', '--db', t.db)).code).toBe(2);
  });
});
