import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../scripts/api-types.js';
import { API_ROUTES } from '../../src/server/routes/index.js';
import { openApiPath, PROBLEM_MEDIA_TYPE, type OpenApiDocument } from '../../src/server/openapi.js';

/*
 * The OpenAPI document is the contract the web client is generated from: every operation named,
 * problems as problem+json, real media types, upload bodies; and it passes Redocly's lint (redocly.yaml).
 */

const ROOT = join(import.meta.dirname, '..', '..');
const REDOCLY = join(ROOT, 'node_modules', '.bin', 'redocly');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

let doc: OpenApiDocument;
let dir: string;
beforeAll(async () => {
  doc = await openApiDocument();
  dir = mkdtempSync(join(tmpdir(), 'secure5g-openapi-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ path, method, op: op as Record<string, any> })), // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON document read in a test
  );

describe('the OpenAPI document', () => {
  it('names every operation: a unique camelCase operationId, the route table’s own', () => {
    const ops = operations();
    expect(ops.length).toBe(API_ROUTES.length);
    const missing = ops.filter(({ op }) => typeof op.operationId !== 'string' || !/^[a-z][a-zA-Z0-9]*$/.test(op.operationId));
    expect(missing.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    const ids = ops.map(({ op }) => op.operationId as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of API_ROUTES) expect(doc.paths[openApiPath(r)]![r.method.toLowerCase()]!.operationId, `${r.method} ${r.path}`).toBe(r.operationId);
    // spot checks, by hand from the route files
    expect(doc.paths['/api/v1/assets']!.get!.operationId).toBe('listAssets');
    expect(doc.paths['/api/v1/imports/policies']!.post!.operationId).toBe('importPolicies');
  });

  it('answers problems as application/problem+json, and every guarded operation its 401', () => {
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses as Record<string, { content?: Record<string, unknown> }>)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual([PROBLEM_MEDIA_TYPE]);
        expect(response.content![PROBLEM_MEDIA_TYPE]).toEqual({ schema: { $ref: '#/components/schemas/Problem' } });
      }
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic) expect(op.responses['401'], `${method} ${path}`).toBeDefined();
    }
    // /auth/me is open to every role and reads: 401 only; a write is refused to read-only tokens: 403 too
    expect(Object.keys(doc.paths['/api/v1/auth/me']!.get!.responses!)).toEqual(['200', '401']);
    expect(doc.paths['/api/v1/auth/logout']!.post!.responses!['403']).toBeDefined();
    expect(doc.paths['/api/v1/auth/login']!.post!.responses!['401']).toBeDefined(); // bad credentials, declared by the route
  });

  it('gives reports, CSV and XLSX their real media types, and upload routes their bodies', () => {
    const ok = (path: string, method = 'get', status = '200') => Object.keys((doc.paths[path]![method]!.responses![status]!.content ?? {}) as object);
    expect(ok('/api/v1/assessments/{assessmentId}/report')).toEqual(['text/markdown', 'text/plain']);
    expect(ok('/api/v1/assessments/{assessmentId}/export')).toEqual(['application/json', 'text/csv']);
    expect(ok('/api/v1/implementation/matrix')).toEqual(['application/json', 'text/csv', 'text/plain']);
    expect(ok('/api/v1/implementation/template')).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);
    // the JSON variant keeps the response schema
    expect(JSON.stringify(doc.paths['/api/v1/implementation/matrix']!.get!.responses!['200'])).toContain('memberStates');
    const body = (path: string) => Object.keys(((doc.paths[path]!.post!.requestBody as { content: object }) ?? { content: {} }).content);
    expect(body('/api/v1/imports/assets')).toEqual(['text/csv', 'application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(body('/api/v1/imports/policies')).toEqual(['application/json']);
    expect(body('/api/v1/implementation/upload')).toEqual(['text/csv', 'application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(body('/api/v1/products/{productId}/boms')).toEqual(['application/json', 'application/vnd.cyclonedx+json']);
    const rawRoutes = API_ROUTES.filter((r) => r.rawBody);
    for (const r of rawRoutes) expect(doc.paths[openApiPath(r)]![r.method.toLowerCase()]!.requestBody, r.path).toBeDefined();
  });

  it('holds shared shapes once, as components, with servers and a licence', () => {
    const schemas = doc.components!.schemas as Record<string, { properties?: Record<string, unknown> }>;
    for (const id of ['Problem', 'Asset', 'Operator', 'Designation', 'Policy', 'Finding', 'ImportJob', 'User']) expect(schemas[id], id).toBeDefined();
    const assets = doc.paths['/api/v1/assets']!.get!.responses!['200']!.content as Record<string, { schema: { properties: { items: { items: unknown } } } }>;
    expect(assets['application/json']!.schema.properties.items.items).toEqual({ $ref: '#/components/schemas/Asset' });
    expect(doc.paths['/api/v1/assets/{assetId}']!.get!.responses!['200']!.content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/Asset' } } });
    expect(doc.info.license).toEqual({ name: 'EUPL-1.2', identifier: 'EUPL-1.2' });
    expect(doc.servers).toEqual([{ url: '/', description: 'this server' }]);
  });
});

const lint = async (file: string) => {
  const run = await promisify(execFile)(REDOCLY, ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format=json'], {
    cwd: dir,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
};

const hasRedocly = existsSync(REDOCLY);
if (!hasRedocly) console.warn(`openapi lint skipped: ${REDOCLY} is missing (npm ci installs @redocly/cli)`);

describe.skipIf(!hasRedocly)('Redocly lint (redocly.yaml)', () => {
  it('passes with no error and no warning', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = await lint(file);
    expect(r.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    expect(r.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('fails an operation without an operationId (the lint can fail)', async () => {
    const bad = structuredClone(doc);
    delete bad.paths['/api/v1/assets']!.get!.operationId;
    const file = join(dir, 'no-operation-id.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = await lint(file);
    expect(r.totals.errors).toBe(1);
    expect(r.problems[0]).toMatchObject({ ruleId: 'operation-operationId', location: [{ pointer: '#/paths/~1api~1v1~1assets/get/operationId' }] });
  });
});
