import { cliActor } from '../actor.js';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from '../../domain/errors.js';
import type { DesignationAmendment } from '../../store/designations.js';
import { json } from '../io.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption } from '../options.js';
import { withStore } from '../store.js';

const FORMATS = ['table', 'json'] as const;

/** The option schemas, built when an action runs: zod and the domain are not loaded at start-up. */
async function schemas() {
  const { z } = await import('zod');
  const { DESIGNATION_STATUSES } = await import('../../domain/index.js');
  return {
    Revision: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be 1 or more'),
    Status: z.enum(DESIGNATION_STATUSES, { error: `must be one of ${DESIGNATION_STATUSES.join(', ')}` }),
    ProfileRef: z.string().regex(/^[^@]+@[1-9][0-9]*$/, 'must be profile_id@version, e.g. PRF-1@2'),
  };
}
const fmt = (o: { format: string }) => outputFormat(o.format, FORMATS);

interface FieldOptions {
  kind?: string;
  segments?: string;
  legalBasis?: string;
  decisionDate?: string;
  effectiveDate?: string;
  transitionMonths?: string;
  status?: string;
  profile?: string;
}

/** Options given as designation fields; the schema checks the values and names the field. */
async function fields(o: FieldOptions): Promise<Record<string, unknown>> {
  const profile = o.profile === undefined ? undefined : parseOption((await schemas()).ProfileRef, o.profile, '--profile');
  const at = profile?.lastIndexOf('@') ?? -1;
  return Object.fromEntries(
    Object.entries({
      kind: o.kind,
      // `;` as in CSV files; `,` accepted on the command line too
      segments: o.segments?.replace(/,/g, ';'),
      legal_basis: o.legalBasis,
      decision_date: o.decisionDate,
      effective_date: o.effectiveDate,
      transition_months: o.transitionMonths,
      status: o.status,
      profile_id: profile?.slice(0, at),
      profile_version: profile === undefined ? undefined : Number(profile.slice(at + 1)),
    }).filter(([, v]) => v !== undefined),
  );
}

const fieldOptions = (c: Command, forCreate: boolean) =>
  c
    .option('--kind <kind>', 'high-risk | restricted | conditional')
    .option('--segments <list>', 'segment ids or key-assets, `;`- or `,`-separated')
    .option('--legal-basis <text>')
    .option('--decision-date <YYYY-MM-DD>', 'the day the decision was taken (not after the effective date)')
    .option('--effective-date <YYYY-MM-DD>')
    .option('--transition-months <n>', forCreate ? "phase-out period (default: the member state's policy, baseline 36)" : 'phase-out period')
    .option('--status <status>', forCreate ? 'proposed | in-force' : 'proposed | in-force (revoke with designation revoke)')
    .option('--profile <profile_id@version>', 'the profile version the decision rests on')
    .addOption(formatOption())
    .addOption(dbOption());

async function readDesignationFile(file: string): Promise<Record<string, unknown>> {
  let doc: unknown;
  try {
    doc = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UserError(`${file}: ${error instanceof SyntaxError ? `not valid JSON (${error.message})` : 'cannot read the designation file'}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new UserError(`${file}: must hold one designation object`);
  return doc as Record<string, unknown>;
}

/** `designation …`: a member state's decisions on suppliers, each change kept as a revision. */
export function registerDesignations(program: Command, { io }: CommandContext): void {
  const designation = program.command('designation').description("a member state's designations of suppliers: create, amend, revoke, with their history");

  fieldOptions(
    designation
      .command('create')
      .description('record a new designation from a JSON file and/or options (options win over the file)')
      .argument('[file]', 'one designation as a JSON object (fields as in docs/data-formats.md)')
      .option('--id <designation_id>')
      .option('--member-state <code>')
      .option('--supplier <supplier_id>'),
    true,
  ).action(async (file: string | undefined, o: FieldOptions & { id?: string; memberState?: string; supplier?: string; format: string; db?: string }) => {
    const T = await import('./designations-text.js');
    const { createDesignation } = await import('../../store/designations.js');
    const format = fmt(o);
    const base = file === undefined ? {} : await readDesignationFile(file);
    const given = Object.fromEntries(Object.entries({ designation_id: o.id, member_state: o.memberState, supplier_id: o.supplier }).filter(([, v]) => v !== undefined));
    await withStore(o.db, async (store) => {
      const { designationBasis } = await import('../../services/designations.js');
      const w = createDesignation(store, { ...base, ...given, ...(await fields(o)) }, { actor: cliActor() });
      const { warnings } = designationBasis(store, w.designation);
      io.out(format === 'json' ? json(T.writeJson(w, warnings)) : T.writeText(w, warnings));
    });
  });

  fieldOptions(designation.command('amend').description('change a designation; a change that alters nothing records nothing').argument('<designation_id>'), false).action(
    async (id: string, o: FieldOptions & { format: string; db?: string }) => {
      const T = await import('./designations-text.js');
      const { amendDesignation } = await import('../../store/designations.js');
      const format = fmt(o);
      const change = (await fields(o)) as DesignationAmendment;
      if (Object.keys(change).length === 0) throw new UserError('nothing to amend: give at least one of the options (see --help)');
      await withStore(o.db, async (store) => {
        const { designationBasis } = await import('../../services/designations.js');
        const w = amendDesignation(store, id, change, { actor: cliActor() });
        const { warnings } = designationBasis(store, w.designation);
        io.out(format === 'json' ? json(T.writeJson(w, warnings)) : T.writeText(w, warnings));
      });
    },
  );

  designation
    .command('revoke')
    .description('revoke a designation as of a date; its findings end')
    .argument('<designation_id>')
    .requiredOption('--date <YYYY-MM-DD>', 'the date of the revocation')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (id: string, o: { date: string; format: string; db?: string }) => {
      const T = await import('./designations-text.js');
      const { revokeDesignation } = await import('../../store/designations.js');
      const { IsoDate } = await import('../../domain/index.js');
      const format = fmt(o);
      const date = parseOption(IsoDate, o.date, '--date');
      await withStore(o.db, async (store) => {
        const w = revokeDesignation(store, id, date, { actor: cliActor() });
        io.out(format === 'json' ? json(T.writeJson(w)) : T.writeText(w));
      });
    });

  designation
    .command('list')
    .description('designations with their deadlines')
    .option('--member-state <code>')
    .option('--supplier <supplier_id>')
    .option('--status <status>', 'proposed | in-force | revoked')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (o: { memberState?: string; supplier?: string; status?: string; format: string; db?: string }) => {
      const T = await import('./designations-text.js');
      const { listStoredDesignations } = await import('../../store/designations.js');
      const { Id, MemberStateCode } = await import('../../domain/index.js');
      const format = fmt(o);
      const filter = {
        ...(o.memberState !== undefined ? { memberState: parseOption(MemberStateCode, o.memberState, '--member-state') } : {}),
        ...(o.supplier !== undefined ? { supplierId: parseOption(Id, o.supplier, '--supplier') } : {}),
        ...(o.status !== undefined ? { status: parseOption((await schemas()).Status, o.status, '--status') } : {}),
      };
      await withStore(o.db, async (store) => {
        const rows = listStoredDesignations(store, filter);
        io.out(format === 'json' ? json(rows) : T.listText(rows));
      });
    });

  designation
    .command('show')
    .description('a designation with its deadline, the profile it rests on and its revisions')
    .argument('<designation_id>')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (id: string, o: { format: string; db?: string }) => {
      const T = await import('./designations-text.js');
      const { showDesignation } = await import('../../services/designations.js');
      const format = fmt(o);
      await withStore(o.db, async (store) => {
        const v = await showDesignation(store, id);
        io.out(format === 'json' ? json(v) : T.showText(v));
      });
    });

  designation
    .command('history')
    .description('every revision of a designation: created, amended, revoked, with who and how')
    .argument('<designation_id>')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (id: string, o: { format: string; db?: string }) => {
      const T = await import('./designations-text.js');
      const { designationHistory } = await import('../../store/designations.js');
      const format = fmt(o);
      await withStore(o.db, async (store) => {
        const revisions = designationHistory(store, id);
        if (revisions.length === 0) throw new UserError(`no designation ${id} has a history (see: secure5g designation list)`);
        io.out(format === 'json' ? json(revisions) : T.historyText(id, revisions));
      });
    });

  designation
    .command('diff')
    .description('the fields that differ between two revisions')
    .argument('<designation_id>')
    .argument('<from>', 'revision')
    .argument('<to>', 'revision')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (id: string, from: string, to: string, o: { format: string; db?: string }) => {
      const T = await import('./designations-text.js');
      const { designationRevision, diffRevisions } = await import('../../store/designations.js');
      const format = fmt(o);
      const { Revision } = await schemas();
      const [a, b] = [parseOption(Revision, from, '<from>'), parseOption(Revision, to, '<to>')];
      await withStore(o.db, async (store) => {
        const d = diffRevisions(designationRevision(store, id, a), designationRevision(store, id, b));
        io.out(format === 'json' ? json(d) : T.diffText(d));
      });
    });
}
