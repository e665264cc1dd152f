import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import { Implementation, type ImplementationInput } from '../../src/domain/implementation.js';
import type { AssessmentResult } from '../../src/domain/index.js';
import type { Contradiction } from '../../src/engine/contradictions.js';
import type { Recommendation, RiskScore } from '../../src/engine/risk/types.js';
import type { RecordedInputs } from '../../src/services/assessment-inputs.js';
import { appendImplementations } from '../../src/store/implementations.js';
import { openStore, type Store } from '../../src/store/index.js';
import { appendProfile } from '../../src/store/profiles.js';
import { cli, importSmallNetwork, tempDb } from '../cli/helpers.js';

export { FIXTURE, cli, importSmallNetwork, tempDb } from '../cli/helpers.js';

/** What `assess --format json` prints. */
export type AssessJson = AssessmentResult & {
  contradictions: Contradiction[];
  risks: RiskScore[];
  recommendations: Recommendation[];
  assessmentId: string | null;
  inputsHash: string;
  inputs: RecordedInputs;
};

export async function withDb<T>(db: string, f: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

const row = (r: ImplementationInput) => Implementation.parse(r);

/**
 * The implementation history the risk-run tests score against (network-small). Each row's effect is
 * worked out in scores.test.ts; the status at a scope is its own row, else its member state's, else the
 * Union's.
 */
export const IMPLEMENTATIONS = [
  row({ measure: 'TM01', scope_level: 'union', status: 'in-place', recorded_on: '2024-01-01' }),
  row({ measure: 'SM03', scope_level: 'member-state', member_state: 'DE', status: 'in-place', recorded_on: '2025-02-01' }),
  row({ measure: 'SM05', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-place', recorded_on: '2026-01-10' }),
  row({ measure: 'SM06', scope_level: 'member-state', member_state: 'DE', status: 'in-progress', recorded_on: '2026-01-10' }),
  row({ measure: 'TM11', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-place', recorded_on: '2026-01-10' }),
  row({ measure: 'TM03', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-place', recorded_on: '2025-01-01' }),
  row({ measure: 'TM09', scope_level: 'operator', member_state: 'DE', operator_id: 'OP-DE-1', status: 'in-progress', recorded_on: '2026-03-01' }),
  row({ measure: 'TM05', scope_level: 'member-state', member_state: 'FR', status: 'in-place', recorded_on: '2025-06-01' }),
  row({ measure: 'TM02', scope_level: 'operator', member_state: 'FR', operator_id: 'OP-FR-1', status: 'not-applicable', recorded_on: '2026-01-10' }),
  row({ measure: 'TM10', scope_level: 'union', status: 'planned', recorded_on: '2026-01-10' }),
];

/** A profile whose one criterion at 4 ("severe concern") makes it high under the EU baseline rule. */
export const highProfile = (profileId: string, supplierId: string, memberState: string) => ({
  profile_id: profileId,
  supplier_id: supplierId,
  member_state: memberState,
  assessor: 'Test authority',
  assessed_on: '2026-01-15',
  scores: [{ criterion: 'C3.1', score: 4, evidence: [{ text: 'fictional evidence for the test' }] }],
});

/** network-small plus IMPLEMENTATIONS, DE's high profile of SUP-C and FR's of SUP-B. */
export async function writeRiskInputs(db: string): Promise<void> {
  await withDb(db, async (store) => {
    await appendImplementations(store, IMPLEMENTATIONS, 'risk-run test');
    await appendProfile(store, highProfile('PR-DE-SUP-C', 'SUP-C', 'DE'));
    await appendProfile(store, highProfile('PR-FR-SUP-B', 'SUP-B', 'FR'));
  });
}

export async function addImplementation(db: string, r: ImplementationInput): Promise<void> {
  await withDb(db, (store) => appendImplementations(store, [row(r)], 'risk-run test').then(() => undefined));
}

/** Adds D-FR-1 (FR designates SUP-B high-risk for ran, 2025-01-01, 12 months) next to the fixture's D-DE-1. */
export async function addFrenchDesignation(dir: string, db: string): Promise<void> {
  const file = join(dir, 'designations-2.csv');
  writeFileSync(
    file,
    'designation_id,member_state,supplier_id,kind,segments,legal_basis,effective_date,transition_months,status\n' +
      'D-DE-1,DE,SUP-B,high-risk,ran,Fictional Telecom Security Act §1,2025-01-01,12,in-force\n' +
      'D-FR-1,FR,SUP-B,high-risk,ran,Fictional Code of Networks §2,2025-01-01,12,in-force\n',
  );
  const r = await cli('import', 'designations', file, '--db', db);
  if (r.code !== 0) throw new Error(`import designations failed: ${r.stderr}`);
}

export async function assessJson(db: string, ...extra: string[]): Promise<AssessJson> {
  const r = await cli('assess', '--db', db, '--format', 'json', '--date', '2026-06-01', ...extra);
  if (r.code !== 0 || r.stderr !== '') throw new Error(`assess failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as AssessJson;
}

export const pick = (scores: readonly RiskScore[], scope: string, area: string): RiskScore => {
  const s = scores.find((x) => (x.operatorId ?? x.memberState) === scope && x.riskArea === area);
  if (!s) throw new Error(`no score ${scope} ${area}`);
  return s;
};

/** `L×I level -> L×I level`, inherent then residual. */
export const grade = (s: RiskScore) => `${s.likelihood}x${s.impact} ${s.level} -> ${s.residualLikelihood}x${s.residualImpact} ${s.residualLevel}`;

/**
 * network-small with writeRiskInputs' implementations and profiles, assessed once (`assess --format
 * json`, stored) for the describe block that calls it: registers its beforeAll and afterAll.
 */
export function assessedNetwork(): { readonly t: ReturnType<typeof tempDb>; readonly out: AssessJson } {
  const run = {} as { t: ReturnType<typeof tempDb>; out: AssessJson };
  beforeAll(async () => {
    run.t = tempDb();
    await importSmallNetwork(run.t.db);
    await writeRiskInputs(run.t.db);
    run.out = await assessJson(run.t.db);
  });
  afterAll(() => run.t.cleanup());
  return run;
}
