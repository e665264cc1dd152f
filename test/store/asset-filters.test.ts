import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src/interchange/index.js';
import { listAssets, type AssetFilter, type Scope } from '../../src/store/access/index.js';
import { ASSET_HEADER, importFixtures, tempStore } from '../interchange/helpers.js';

/*
 * The criticality filter of the asset list follows the policy in force in each asset's member state, as
 * the engine derives it. Expected rows worked out by hand: the catalogue has gNB sensitive, AMF and
 * SEPP critical, CSR other; a DE policy raising gNB to critical changes DE's base stations only, and a
 * later DE version without the override brings them back.
 */

type T = Awaited<ReturnType<typeof tempStore>>;
const ADMIN: Scope = { role: 'admin' };

const ASSETS = [
  'A-1,OP-DE-1,ran,gNB,SUP-A,P-A-GNB,,1,,,',
  'A-2,OP-FR-1,ran,gNB,SUP-B,P-B-GNB,,1,,,',
  'A-3,OP-DE-2,core,AMF,SUP-C,P-C-AMF,,1,,,',
  'A-4,OP-FR-1,transport,CSR,SUP-A,,,1,,,',
  'A-5,OP-DE-1,interconnection,SEPP,SUP-C,,,1,,,',
  'A-6,OP-DE-2,transport,CSR,SUP-A,,,1,,,',
];

const policy = (version: string, overrides: object[]) => JSON.stringify([{ member_state: 'DE', version, criticality_overrides: overrides }]);

describe('asset list: criticality and function filters', () => {
  let t: T;
  const list = (f: AssetFilter, scope: Scope = ADMIN) => {
    const page = listAssets(t.store, scope, { limit: 1000, ...f });
    return { ids: page.items.map((a) => a.asset_id), total: page.total };
  };
  beforeEach(async () => {
    t = await tempStore();
    await importFixtures(t.store, ['operators', 'suppliers', 'products']);
    await importFile(t.store, 'assets', t.file('assets.csv', `${ASSET_HEADER}\n${ASSETS.join('\n')}\n`));
    await importFile(t.store, 'policies', t.file('p1.json', policy('1', [{ segment: 'ran', function: 'gNB', criticality: 'critical' }])));
  });
  afterEach(async () => t.cleanup());

  it('under the DE override, DE base stations are critical and FR ones sensitive', () => {
    expect(list({ criticality: 'critical' })).toEqual({ ids: ['A-1', 'A-3', 'A-5'], total: 3 });
    expect(list({ criticality: 'sensitive' })).toEqual({ ids: ['A-2'], total: 1 });
    expect(list({ criticality: 'other' })).toEqual({ ids: ['A-4', 'A-6'], total: 2 });
    expect(list({ criticality: 'critical', function: 'gNB' })).toEqual({ ids: ['A-1'], total: 1 });
    expect(list({ function: 'CSR', memberState: 'FR' })).toEqual({ ids: ['A-4'], total: 1 });
  });

  it('scopes narrow the filtered rows and their total', () => {
    expect(list({ criticality: 'critical' }, { role: 'authority', memberState: 'FR' })).toEqual({ ids: [], total: 0 });
    expect(list({ criticality: 'critical' }, { role: 'operator', memberState: 'DE', operatorId: 'OP-DE-1' })).toEqual({ ids: ['A-1', 'A-5'], total: 2 });
  });

  it('follows the version in force: a later policy without the override', async () => {
    await importFile(t.store, 'policies', t.file('p2.json', policy('2', [])));
    expect(list({ criticality: 'critical' })).toEqual({ ids: ['A-3', 'A-5'], total: 2 });
    expect(list({ criticality: 'sensitive' })).toEqual({ ids: ['A-1', 'A-2'], total: 2 });
  });

  it('pages keep the true total', () => {
    const page = listAssets(t.store, ADMIN, { criticality: 'critical', limit: 2 });
    expect([page.items.map((a) => a.asset_id), page.total, page.next]).toEqual([['A-1', 'A-3'], 3, 'A-3']);
  });
});
