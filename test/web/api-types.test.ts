import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypes, openApiDocument } from '../../scripts/api-types.js';

describe('the web client types (web/src/api/schema.d.ts)', () => {
  it('are those the current OpenAPI document generates: run `npm run api-types` after changing a route', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const current = await apiTypes(await openApiDocument());
    // a first differing line says which route changed without printing 250 kB
    const a = committed.split('\n');
    const b = current.split('\n');
    const at = a.findIndex((line, i) => line !== b[i]);
    expect(at === -1 && a.length === b.length ? 'up to date' : `stale from line ${at + 1}: ${a[at]} → ${b[at]}`).toBe('up to date');
    // the generated file names operations by their operationId
    expect(committed).toContain('listAssets: {');
  });
});
