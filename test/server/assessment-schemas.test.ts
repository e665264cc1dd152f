import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricOut, RiskScoreOut, StoredFindingOut } from '../../src/server/assessment-schemas.js';
import { fixtureApp, login, type Fixture, type Session } from './helpers.js';

/*
 * The stored run's findings, metrics and risk scores are described field by field in the OpenAPI
 * document. Every answer equals the stored documents themselves, read by SQL (a second path to the same
 * rows), and each item parses under its schema to itself: a field the schema forgot (parsing drops it)
 * or describes with the wrong type fails here.
 */

let f: Fixture;
let s: Session;
let run: string;

beforeAll(async () => {
  f = await fixtureApp();
  s = await login(f.app, 'admin');
  run = (await f.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: s.write, payload: { date: '2026-06-01' } })).json().assessmentId;
});
afterAll(async () => f.close());

const get = async (url: string) => (await f.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s.read })).json();
const docs = (table: string, order = 'position') =>
  (f.store.sqlite.prepare(`SELECT document FROM ${table} WHERE assessment_id = ? ORDER BY ${order}`).pluck().all(run) as string[]).map((d) => JSON.parse(d));

describe('stored run answers keep every field of the stored documents', () => {
  it('findings', async () => {
    const stored = docs('assessment_findings');
    expect(stored.length).toBeGreaterThan(0);
    expect((await get(`/assessments/${run}/findings?limit=1000`)).items).toEqual(stored);
    for (const x of stored) expect(StoredFindingOut.parse(x)).toEqual(x);
    expect(await get(`/findings/${encodeURIComponent(stored[0].id)}`)).toEqual(stored[0]);
  });

  it('metrics: concentration and exposure rows', async () => {
    // the API lists concentration rows, then exposure rows
    const stored = docs('assessment_metrics', 'kind, position');
    expect(stored.some((m) => 'hhi' in m) && stored.some((m) => 'criticalExposure' in m)).toBe(true);
    expect((await get(`/assessments/${run}/metrics?limit=1000`)).items).toEqual(stored);
    for (const x of stored) expect(MetricOut.parse(x)).toEqual(x);
  });

  it('risk scores with drivers and mitigations', async () => {
    const stored = docs('assessment_risks');
    expect(stored.length).toBeGreaterThan(0);
    expect((await get(`/assessments/${run}/risks?limit=1000`)).items).toEqual(stored);
    for (const x of stored) expect(RiskScoreOut.parse(x)).toEqual(x);
  });
});
