import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleTable } from './common.js';

/*
 * Samples for ownership and control, BOMs and origins (src/server/routes/ownership.ts). Only the
 * administrator may write: its entities and holdings carry its name, so the samples never collide.
 */

const json = { 'content-type': 'application/json' };
/** test/fixtures/cyclonedx: a fictional gNB DU, stored below as the BOM of the fixture product P-A-GNB */
const BOM = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'cyclonedx', 'gnb-du-1.6.json'), 'utf8');

export const ownershipSamples: SampleTable = {
  'GET /entities': () => ({ url: '/entities?kind=company' }),
  // a supplier stands in as an entity of the graph
  'GET /entities/:entityId': () => ({ url: '/entities/SUP-A' }),
  'POST /entities': (p) => ({
    url: '/entities',
    headers: json,
    payload: { items: [{ entity_id: `ENT-M-${p.name}`, name: 'Matrix Holding', kind: 'company', country: 'XD' }, { entity_id: `ENT-M-${p.name}-2`, name: 'Matrix Subsidiary', kind: 'company', country: 'XD' }] },
    allowedStatus: [201],
  }),
  'GET /holdings': () => ({ url: '/holdings?heldId=SUP-A' }),
  // between the two entities the POST /entities sample (just before in the route table) recorded
  'POST /holdings': (p) => ({
    url: '/holdings',
    headers: { 'content-type': 'text/csv' },
    payload: `holder_id,held_id,percentage\nENT-M-${p.name},ENT-M-${p.name}-2,10\n`,
    allowedStatus: [201],
  }),
  'GET /suppliers/:supplierId/control': () => ({ url: '/suppliers/SUP-A/control?date=2026-06-01' }),
  'GET /products/:productId/boms': () => ({ url: '/products/P-A-GNB/boms' }),
  'POST /products/:productId/boms': () => ({ url: '/products/P-A-GNB/boms', headers: json, payload: BOM, allowedStatus: [200, 201] }),
  // the administrator's POST sample (before this route in the table, admin first of the personas) stored the BOM
  'GET /products/:productId/origins': () => ({ url: '/products/P-A-GNB/origins' }),
  'GET /suppliers/:supplierId/origins': () => ({ url: '/suppliers/SUP-A/origins' }),
};
