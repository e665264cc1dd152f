import { createHash, type Hash } from 'node:crypto';
import type { Catalog } from '../catalog/index.js';
import type { RiskModel } from '../catalog/risk-model.js';
import type { Implementation } from '../domain/implementation.js';
import { canonicalJson, inputsHash } from '../engine/assessment-diff.js';
import type { OperatorFacts, SupplierProfileLevel } from '../engine/risk/types.js';
import type { Snapshot } from '../engine/snapshot.js';

/**
 * What an assessment was computed from. Each part is a count (or version) a reader can follow plus a
 * SHA-256 of its content, so the hash moves when and only when something the run read changed: a
 * re-import of the same file leaves it, a new designation or implementation row moves it.
 */
export interface AssessmentInputs {
  date: string;
  filter: { memberState?: string; operatorId?: string };
  catalogue: { version: string; linksDigest: string };
  riskModel: { version: string; digest: string };
  /** the policy version in force per member state of the snapshot (`baseline` where none is national) */
  policies: Record<string, string>;
  policiesDigest: string;
  /** operators, suppliers, products and assets as the engine received them */
  inventory: { operators: number; suppliers: number; products: number; assets: number; digest: string };
  designations: { count: number; digest: string };
  /** certificate records and the asset versions they are judged against; absent when none is recorded, so older hashes stand */
  certificates?: { count: number; digest: string };
  /** the implementation rows that reach the run's scopes (Union rows, its member states', its operators') */
  implementations: { count: number; digest: string };
  /** profile levels of the run's member states */
  profiles: { count: number; digest: string };
  operatorFacts: { count: number; digest: string };
}

/**
 * The inputs as stored: the hashed part plus the store's data version (snapshot-cache.ts dataVersion),
 * which is recorded but not hashed: it moves on any import, even one that changes nothing, and on data
 * outside the run's filter.
 */
export type RecordedInputs = AssessmentInputs & { dataVersion: string };

const sha = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** A view's bytes, without the rest of a buffer it may share. */
const bytes = (a: Int32Array | Float64Array, n: number) => {
  const v = a.subarray(0, n);
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
};

const ID_CHUNK = 1 << 16;

function updateIds(hash: Hash, ids: readonly string[], n: number): void {
  for (let i = 0; i < n; i += ID_CHUNK) hash.update(`${ids.slice(i, Math.min(n, i + ID_CHUNK)).join('\n')}\n`);
}

/**
 * SHA-256 over the snapshot's dictionaries (as canonical JSON) and asset columns (their bytes, which are
 * native-endian: a digest compares runs on one kind of machine). Cheap next to the load itself: one pass
 * over memory already held, about 40 bytes and an id per asset.
 */
export function inventoryDigest(s: Snapshot): string {
  const hash = createHash('sha256');
  hash.update(
    canonicalJson({
      memberStates: s.memberStates,
      operators: s.operators,
      suppliers: s.suppliers,
      products: s.products,
      segments: s.segments,
      functions: s.functions,
      count: s.assets.count,
    }),
  );
  const a = s.assets;
  for (const col of [a.operator, a.segment, a.function, a.supplier, a.product, a.quantity, a.endOfSupport]) hash.update(bytes(col, a.count));
  updateIds(hash, a.ids, a.count);
  return hash.digest('hex');
}

export interface InputParts {
  date: string;
  filter: { memberState?: string; operatorId?: string };
  snapshot: Snapshot;
  catalog: Catalog;
  model: RiskModel;
  implementations: readonly Implementation[];
  profiles: readonly SupplierProfileLevel[];
  facts: Readonly<Record<string, OperatorFacts>>;
  dataVersion: string;
}

export function assessmentInputs(p: InputParts): RecordedInputs {
  const policies = Object.fromEntries([...p.snapshot.policies.entries()].map(([ms, pol]) => [ms, pol.version]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
  return {
    date: p.date,
    filter: p.filter,
    catalogue: { version: p.catalog.version, linksDigest: sha(p.catalog.riskMeasureLinks) },
    riskModel: { version: p.model.version, digest: sha(p.model) },
    policies,
    policiesDigest: sha(p.snapshot.policies),
    inventory: {
      operators: p.snapshot.operators.ids.length,
      suppliers: p.snapshot.suppliers.ids.length,
      products: p.snapshot.products.ids.length,
      assets: p.snapshot.assets.count,
      digest: inventoryDigest(p.snapshot),
    },
    designations: { count: p.snapshot.designations.length, digest: sha(p.snapshot.designations) },
    ...(p.snapshot.certificates?.length
      ? { certificates: { count: p.snapshot.certificates.length, digest: sha({ records: p.snapshot.certificates, versions: [...(p.snapshot.assetVersions ?? [])].sort() }) } }
      : {}),
    implementations: { count: p.implementations.length, digest: sha(p.implementations) },
    profiles: { count: p.profiles.length, digest: sha(p.profiles) },
    operatorFacts: { count: Object.keys(p.facts).length, digest: sha(p.facts) },
    dataVersion: p.dataVersion,
  };
}

/** The hash of the recorded inputs: every part but the data version. */
export function hashInputs(inputs: RecordedInputs): string {
  const { dataVersion: _recordedOnly, ...hashed } = inputs;
  return inputsHash(hashed);
}
