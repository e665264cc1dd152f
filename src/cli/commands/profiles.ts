import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from '../../domain/errors.js';
import { json } from '../io.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption, today } from '../options.js';
import { withStore } from '../store.js';

const FORMATS = ['table', 'json'] as const;

/** The option schemas, built when an action runs: zod is not loaded at start-up. */
async function schemas() {
  const { z } = await import('zod');
  const whole = () => z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number');
  return {
    Version: whole().min(1, 'must be 1 or more'),
    Count: whole().min(0, 'must not be negative'),
    Concern: whole().min(0, 'must be 0–4').max(4, 'must be 0–4'),
    YesNo: z.enum(['yes', 'no'], { error: 'must be yes or no' }),
  };
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UserError(`${file}: cannot read the ${what} file`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

const fmt = (o: { format: string }) => outputFormat(o.format, FORMATS);

/** `profile …`: supplier risk profiles (append-only versions), suggestions and supply facts. */
export function registerProfiles(program: Command, { io }: CommandContext): void {
  const profile = program.command('profile').description("supplier risk profiles: an authority's criterion scores with evidence, versioned and append-only");

  profile
    .command('create')
    .description('record a profile version from a JSON document (version left out: the next one); prints its level and what drove it')
    .argument('<file>', 'profile JSON (see docs/data-formats.md)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (file: string, opts: { format: string; db?: string }) => {
      const T = await import('./profiles-text.js');
      const { appendProfile } = await import('../../store/profiles.js');
      const format = fmt(opts);
      const doc = await readJson(file, 'profile');
      await withStore(opts.db, async (store) => {
        const a = await appendProfile(store, doc);
        io.out(format === 'json' ? json(T.appendedJson(a)) : T.appendedText(a));
      });
    });

  profile
    .command('list')
    .description('the latest version of each profile')
    .option('--supplier <supplier_id>', 'only profiles of this supplier')
    .option('--member-state <code>', 'only profiles by this member state')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { supplier?: string; memberState?: string; format: string; db?: string }) => {
      const T = await import('./profiles-text.js');
      const { listProfiles } = await import('../../store/profiles.js');
      const { Id, MemberStateCode } = await import('../../domain/index.js');
      const format = fmt(opts);
      const filter = {
        ...(opts.supplier !== undefined ? { supplierId: parseOption(Id, opts.supplier, '--supplier') } : {}),
        ...(opts.memberState !== undefined ? { memberState: parseOption(MemberStateCode, opts.memberState, '--member-state') } : {}),
      };
      await withStore(opts.db, async (store) => {
        const rows = await listProfiles(store, filter);
        io.out(format === 'json' ? json(rows) : T.profileListText(rows));
      });
    });

  profile
    .command('show')
    .description('a profile version (latest by default) with its scores, its level explained and the supplier’s control')
    .argument('<profile_id>')
    .option('--version <n>', 'the version to show')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (id: string, opts: { version?: string; format: string; db?: string }) => {
      const T = await import('./profiles-text.js');
      const { showProfile } = await import('../../services/profiles.js');
      const format = fmt(opts);
      const { Version } = await schemas();
      const version = opts.version === undefined ? undefined : parseOption(Version, opts.version, '--version');
      await withStore(opts.db, async (store) => {
        const v = await showProfile(store, id, version);
        io.out(format === 'json' ? json(v) : T.profileViewText(v));
      });
    });

  profile
    .command('history')
    .description('every version of a profile with its recorded level')
    .argument('<profile_id>')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (id: string, opts: { format: string; db?: string }) => {
      const T = await import('./profiles-text.js');
      const { profileHistory } = await import('../../store/profiles.js');
      const format = fmt(opts);
      await withStore(opts.db, async (store) => {
        const versions = await profileHistory(store, id);
        if (versions.length === 0) throw new UserError(`no profile ${id} (see: secure5g profile list)`);
        io.out(format === 'json' ? json(T.historyJson(versions)) : T.historyText(id, versions));
      });
    });

  profile
    .command('diff')
    .description('what changed between two versions: scores, criteria, evidence, assessor and level')
    .argument('<profile_id>')
    .argument('<from>', 'version')
    .argument('<to>', 'version')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (id: string, from: string, to: string, opts: { format: string; db?: string }) => {
      const T = await import('./profiles-text.js');
      const { diffProfileVersions } = await import('../../services/profiles.js');
      const format = fmt(opts);
      const { Version } = await schemas();
      const [a, b] = [parseOption(Version, from, '<from>'), parseOption(Version, to, '<to>')];
      await withStore(opts.db, async (store) => {
        const d = await diffProfileVersions(store, id, a, b);
        io.out(format === 'json' ? json(d) : T.profileDiffText(d));
      });
    });

  profile
    .command('suggest')
    .description('scores the data suggest, each with its explanation; shown only, never recorded')
    .argument('<supplier_id>')
    .requiredOption('--member-state <code>', 'the assessing member state (whose supply facts count)')
    .option('--date <YYYY-MM-DD>', 'as-of date for holdings and end of support (default today)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (supplierId: string, opts: { memberState: string; date?: string; format: string; db?: string }) => {
      const T = await import('./profiles-text.js');
      const { suggestProfileScores } = await import('../../services/profiles.js');
      const { Id, IsoDate, MemberStateCode } = await import('../../domain/index.js');
      const format = fmt(opts);
      const ms = parseOption(MemberStateCode, opts.memberState, '--member-state');
      const date = parseOption(IsoDate, opts.date ?? today(), '--date');
      await withStore(opts.db, async (store) => {
        const s = await suggestProfileScores(store, parseOption(Id, supplierId, '<supplier_id>'), ms, date);
        io.out(format === 'json' ? json(s) : T.suggestionsText(s));
      });
    });

  registerFacts(profile, io);
}

function registerFacts(profile: Command, io: CommandContext['io']): void {
  const facts = profile.command('facts').description("supply facts an authority records about a supplier (append-only; per fact the latest counts)");
  facts
    .command('record')
    .description('append a record of supply facts; state at least one fact')
    .argument('<supplier_id>')
    .requiredOption('--member-state <code>', 'the recording member state')
    .requiredOption('--source <text>', 'where the facts come from (report, filing, inquiry …)')
    .option('--single-source-critical <n>', 'critical components available from a single source only')
    .option('--export-control <yes|no>', 'exposed to export controls')
    .option('--financial-note <text>', 'note on financial stability')
    .option('--financial-concern <0-4>', "the note's graded concern")
    .option('--date <YYYY-MM-DD>', 'the day the facts were established (default today)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (supplierId: string, o: Record<string, string | undefined> & { format: string; db?: string }) => {
      const T = await import('./profiles-text.js');
      const { appendSupplyFacts } = await import('../../store/profiles.js');
      const { Id, IsoDate, MemberStateCode } = await import('../../domain/index.js');
      const format = fmt(o);
      const { Count, YesNo, Concern } = await schemas();
      const record = {
        supplier_id: parseOption(Id, supplierId, '<supplier_id>'),
        member_state: parseOption(MemberStateCode, o.memberState, '--member-state'),
        source: o.source,
        recorded_on: parseOption(IsoDate, o.date ?? today(), '--date'),
        ...(o.singleSourceCritical !== undefined ? { single_source_critical_components: parseOption(Count, o.singleSourceCritical, '--single-source-critical') } : {}),
        ...(o.exportControl !== undefined ? { export_control_exposure: parseOption(YesNo, o.exportControl, '--export-control') === 'yes' } : {}),
        ...(o.financialNote !== undefined ? { financial_stability_note: o.financialNote } : {}),
        ...(o.financialConcern !== undefined ? { financial_stability_concern: parseOption(Concern, o.financialConcern, '--financial-concern') } : {}),
      };
      await withStore(o.db, async (store) => {
        const f = await appendSupplyFacts(store, record);
        io.out(format === 'json' ? json(f) : T.factsRecordedText(f));
      });
    });
  facts
    .command('list')
    .description('recorded supply facts, oldest first; with --supplier and --member-state also the facts in force')
    .option('--supplier <supplier_id>')
    .option('--member-state <code>')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (o: { supplier?: string; memberState?: string; format: string; db?: string }) => {
      const T = await import('./profiles-text.js');
      const { latestSupplyFacts, listSupplyFacts } = await import('../../store/profiles.js');
      const { Id, MemberStateCode } = await import('../../domain/index.js');
      const format = fmt(o);
      const supplierId = o.supplier === undefined ? undefined : parseOption(Id, o.supplier, '--supplier');
      const memberState = o.memberState === undefined ? undefined : parseOption(MemberStateCode, o.memberState, '--member-state');
      await withStore(o.db, async (store) => {
        const records = await listSupplyFacts(store, { ...(supplierId ? { supplierId } : {}), ...(memberState ? { memberState } : {}) });
        const current = supplierId && memberState ? await latestSupplyFacts(store, supplierId, memberState) : undefined;
        io.out(format === 'json' ? json({ records, ...(current ? { current } : {}) }) : T.factsListText(records, current));
      });
    });
}
