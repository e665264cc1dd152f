import { diffAssessments, type AssessmentDiff, type DiffOptions } from '../engine/assessment-diff.js';
import type { LoadedAssessment } from '../store/access/stored-assessment.js';
import type { RecordedInputs } from './assessment-inputs.js';

export interface RunRef {
  assessmentId: string;
  runAt: string;
  date: string;
  inputsHash?: string;
}

/** What `assess --diff A B` reports: the two runs and diffAssessments' changes, its inputs naming the parts that moved. */
export interface AssessmentComparison extends AssessmentDiff {
  a: RunRef;
  b: RunRef;
}

const short = (digest: string) => digest.slice(0, 8);
const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;

/**
 * Which recorded inputs differ between two runs, in words: counts where a count moved, else the
 * content digests. Runs stored without inputs (older ones) give nothing here.
 */
export function inputChanges(a: RecordedInputs | undefined, b: RecordedInputs | undefined): string[] {
  if (!a || !b) return [];
  const out: string[] = [];
  const counted = (name: string, x: { count: number; digest: string }, y: { count: number; digest: string }) => {
    if (x.digest === y.digest) return;
    out.push(
      x.count !== y.count
        ? `${name} changed: ${rows(x.count)} → ${rows(y.count)}`
        : `${name} changed: ${rows(y.count)} as before, content ${short(x.digest)} → ${short(y.digest)}`,
    );
  };
  const inv = (x: RecordedInputs['inventory']) => `${x.operators} operators, ${x.suppliers} suppliers, ${x.products} products, ${x.assets} assets`;
  if (a.inventory.digest !== b.inventory.digest) {
    const same = inv(a.inventory) === inv(b.inventory);
    out.push(`inventory changed: ${same ? `${inv(b.inventory)} as before, content ${short(a.inventory.digest)} → ${short(b.inventory.digest)}` : `${inv(a.inventory)} → ${inv(b.inventory)}`}`);
  }
  counted('designations', a.designations, b.designations);
  const none = { count: 0, digest: '' };
  counted('certificate records', a.certificates ?? none, b.certificates ?? none);
  for (const ms of [...new Set([...Object.keys(a.policies), ...Object.keys(b.policies)])].sort()) {
    const x = a.policies[ms];
    const y = b.policies[ms];
    if (x !== y) out.push(`policy in force for ${ms} changed from ${x ?? 'none'} to ${y ?? 'none'}`);
  }
  if (a.policiesDigest !== b.policiesDigest && out.every((l) => !l.startsWith('policy in force'))) {
    out.push(`policies in force changed: same versions, content ${short(a.policiesDigest)} → ${short(b.policiesDigest)}`);
  }
  counted('implementation records', a.implementations, b.implementations);
  counted('supplier profile levels', a.profiles, b.profiles);
  counted('operator facts', a.operatorFacts, b.operatorFacts);
  if (a.riskModel.digest !== b.riskModel.digest) out.push(`risk model changed from ${a.riskModel.version} to ${b.riskModel.version}`);
  if (a.catalogue.linksDigest !== b.catalogue.linksDigest) out.push(`catalogue risk→measure links changed (${a.catalogue.version} → ${b.catalogue.version})`);
  return out;
}

/**
 * diffAssessments over two stored runs, with the input lines it gives (date, catalogue, hash, filter)
 * followed by which recorded input moved: what `assess --diff A B` prints.
 */
export function compareAssessments(a: LoadedAssessment, b: LoadedAssessment, options: DiffOptions = {}): AssessmentComparison {
  const diff = diffAssessments(a, b, options);
  const inputs = [...diff.inputs, ...inputChanges(a.inputs as RecordedInputs | undefined, b.inputs as RecordedInputs | undefined)];
  const ref = (x: LoadedAssessment): RunRef => ({ assessmentId: x.assessmentId, runAt: x.runAt, date: x.date, ...(x.inputsHash ? { inputsHash: x.inputsHash } : {}) });
  return { a: ref(a), b: ref(b), ...diff, inputs, summary: [...inputs, ...diff.summary.slice(diff.inputs.length)] };
}
