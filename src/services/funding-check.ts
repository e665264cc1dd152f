import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { findFunction } from '../catalog/segments.js';
import { resolvePolicy } from '../catalog/resolve-policy.js';
import { ImportError } from '../domain/errors.js';
import type { Designation } from '../domain/index.js';
import { FundingProject } from '../domain/screening.js';
import { checkFunding, type FundingCheck } from '../engine/funding.js';
import { ImportErrors } from '../interchange/import/errors.js';
import type { Store } from '../store/open.js';
import { getOperator, getSupplier, latestPolicy, listDesignations } from '../store/repositories.js';

/*
 * SA10 in practice: read a project file, check it against the designations recorded in the database and
 * the member state's policy in force (for which assets are key assets), and say why.
 */

/** Reads and validates a project JSON file; every problem names the file and field (`assets.1.function`). */
export async function readFundingProject(file: string): Promise<FundingProject> {
  const name = basename(file);
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ImportError(name, undefined, undefined, error instanceof SyntaxError ? `not valid JSON (${error.message})` : 'cannot read the file');
  }
  const parsed = FundingProject.safeParse(doc);
  const errors = parsed.success
    ? []
    : parsed.error.issues.map((i) => new ImportError(name, undefined, i.path.length ? i.path.join('.') : undefined, i.message));
  if (parsed.success) {
    parsed.data.assets.forEach((a, i) => {
      const fn = findFunction(a.function);
      if (!fn) errors.push(new ImportError(name, undefined, `assets.${i}.function`, `"${a.function}" is not a function of the catalogue`));
      else if (fn.segment !== a.segment) errors.push(new ImportError(name, undefined, `assets.${i}.function`, `"${a.function}" belongs to segment ${fn.segment}, not ${a.segment}`));
    });
  }
  if (errors.length > 0) throw new ImportErrors(name, errors, false);
  return parsed.data!;
}

export interface FundingRun {
  project: FundingProject;
  /** the engine's check, with `plannedDate` the project's own and notes on what the database lacks */
  result: FundingCheck;
  dateUsed: string;
  policyVersion?: string;
  /** the designations of the project's suppliers the check read (any member state) */
  designations: Designation[];
}

export interface FundingCheckOptions {
  /** judge designations as in force on this day instead of the planned date */
  date?: string;
  /** how errors name the project (a file name) */
  file?: string;
  /**
   * read only this member state's designations and operators: a caller scoped to one member state (the
   * API's authorities) gets no notes about other member states' designations, which it may not read
   */
  onlyMemberState?: string;
}

/**
 * Checks a project against the database: designations of its suppliers by any member state (those of
 * other member states only become notes), criticality under the member state's effective policy.
 * `date` replaces the planned date as the day designations are judged in force on.
 */
export async function runFundingCheck(store: Store, project: FundingProject, options: FundingCheckOptions = {}): Promise<FundingRun> {
  const file = options.file ?? `project ${project.project_id}`;
  const extraNotes: string[] = [];
  const only = options.onlyMemberState;
  const found = await getOperator(store, project.operator_id);
  // a caller of one member state reads that member state's rows only: another's operator is as unknown to it as one that does not exist
  const operator = only !== undefined && found && found.member_state !== only ? undefined : found;
  if (operator && operator.member_state !== project.member_state)
    throw new ImportError(file, undefined, 'member_state', `operator ${project.operator_id} is an operator of ${operator.member_state}, not of ${project.member_state}`);
  if (!operator) extraNotes.push(`operator ${project.operator_id} is not in the database (a new entrant?): checked on the project as given`);
  const suppliers = [...new Set(project.assets.map((a) => a.supplier_id))];
  for (const s of suppliers) if (!(await getSupplier(store, s))) extraNotes.push(`supplier ${s} is not in the database: no designation of it is recorded`);
  const wanted = new Set(suppliers);
  const designations = (await listDesignations(store)).filter((d) => wanted.has(d.supplier_id) && (only === undefined || d.member_state === only));
  const national = await latestPolicy(store, project.member_state);
  const policy = resolvePolicy(project.member_state, national?.policy);
  const dateUsed = options.date ?? project.planned_date;
  if (dateUsed !== project.planned_date) extraNotes.push(`designations judged as in force on ${dateUsed}, not on the planned date ${project.planned_date}`);
  const check = checkFunding({ ...project, planned_date: dateUsed }, designations, policy);
  return {
    project,
    result: { ...check, plannedDate: project.planned_date, notes: [...check.notes, ...extraNotes] },
    dateUsed,
    ...(national ? { policyVersion: national.policy.version } : {}),
    designations,
  };
}
