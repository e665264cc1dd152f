import type { Command } from 'commander';
import { MEASURE_IDS, type MeasureId } from '../../catalog/measures.js';
import { UserError } from '../../domain/errors.js';
import type { Implementation } from '../../domain/implementation.js';
import type { AppendSummary, ImplementationRecord } from '../../store/implementations.js';
import { json } from '../io.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption, today } from '../options.js';
import { withStore } from '../store.js';

const FORMATS = ['table', 'json'] as const;

const measureRank = (m: string) => MEASURE_IDS.indexOf(m as MeasureId);

/** `union`, `ms:DE`, `op:OP-1`; a bare member state code or operator id is taken as such. */
export async function parseScopeKey(arg: string): Promise<string> {
  const { MemberStateCode } = await import('../../domain/index.js');
  const a = arg.trim();
  if (a === 'union' || /^(ms|op):./.test(a)) return a.startsWith('ms:') ? `ms:${a.slice(3).toUpperCase()}` : a;
  return MemberStateCode.safeParse(a).success ? `ms:${a.toUpperCase()}` : `op:${a}`;
}

/** The latest row per measure × scope: rows come in history order, so the last one of each key wins. */
async function current(rows: readonly ImplementationRecord[]): Promise<ImplementationRecord[]> {
  const { implementationScopeKey } = await import('../../domain/implementation.js');
  const latest = new Map<string, ImplementationRecord>();
  for (const r of rows) latest.set(`${r.measure}@${implementationScopeKey(r)}`, r);
  // the Union first, then member states, then operators; by catalogue order of measure within a scope
  const rank = { union: 0, 'member-state': 1, operator: 2 } as const;
  return [...latest.values()].sort((a, b) => {
    const ka = implementationScopeKey(a);
    const kb = implementationScopeKey(b);
    return rank[a.scope_level] - rank[b.scope_level] || (ka < kb ? -1 : ka > kb ? 1 : measureRank(a.measure) - measureRank(b.measure));
  });
}

const summaryText = (s: AppendSummary) => `implementation: ${s.rows} rows from ${s.source} — ${s.inserted} added to the history, ${s.unchanged} already recorded\n`;

const RECORD_OPTIONS: Record<string, string> = {
  measure: '--measure',
  scope_level: '--scope',
  member_state: '--member-state',
  operator_id: '--operator',
  status: '--status',
  evidence: '--evidence',
  owner: '--owner',
  due_date: '--due',
  recorded_on: '--date',
};

export function registerImplementation(program: Command, { io }: CommandContext) {
  const impl = program.command('implementation').description('status of the Toolbox measures at the Union, member states and operators (history kept)');

  impl
    .command('import')
    .description('append rows from a CSV, JSON or XLSX register (columns: docs/data-formats.md); one transaction')
    .argument('<file>', '.csv | .json | .xlsx')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (file: string, opts: { format: string; db?: string }) => {
      const { importImplementations } = await import('../../services/implementation-import.js');
      const format = outputFormat(opts.format, FORMATS);
      await withStore(opts.db, async (store) => {
        const s = await importImplementations(store, file);
        io.out(format === 'json' ? json(s) : summaryText(s));
      }, { createWith: io });
    });

  impl
    .command('record')
    .description('append one status row')
    .requiredOption('--measure <id>', 'SM01–SM08, TM01–TM11, SA01–SA10')
    .requiredOption('--scope <level>', 'union | member-state | operator')
    .option('--member-state <code>', 'for member-state and operator scope (operator scope: defaults to the operator\'s)')
    .option('--operator <id>', 'for operator scope')
    .requiredOption('--status <status>', 'in-place | in-progress | planned | not-planned | not-applicable')
    .option('--evidence <text>', 'where the status is shown')
    .option('--owner <text>', 'who answers for it')
    .option('--due <date>', 'due date YYYY-MM-DD')
    .option('--date <date>', 'the day the status was reported (default: today)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (o: Record<string, string | undefined>) => {
      const { getOperator } = await import('../../store/repositories.js');
      const { appendImplementations } = await import('../../store/implementations.js');
      const { Implementation, implementationScopeKey } = await import('../../domain/implementation.js');
      const format = outputFormat(o.format ?? 'table', FORMATS);
      await withStore(o.db, async (store) => {
        let memberState = o.memberState;
        if (o.scope === 'operator' && memberState === undefined && o.operator !== undefined) memberState = (await getOperator(store, o.operator))?.member_state;
        const parsed = Implementation.safeParse({
          measure: o.measure?.toUpperCase(),
          scope_level: o.scope,
          member_state: memberState,
          operator_id: o.operator,
          status: o.status,
          evidence: o.evidence,
          owner: o.owner,
          due_date: o.due,
          recorded_on: o.date ?? today(),
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const field = String(issue.path[0] ?? '');
          throw new UserError(`option ${RECORD_OPTIONS[field] ?? field}: ${issue.message}`);
        }
        const s = await appendImplementations(store, [parsed.data], 'cli');
        io.out(format === 'json' ? json(s) : s.inserted === 1 ? `recorded: ${parsed.data.measure} ${implementationScopeKey(parsed.data)} ${parsed.data.status} on ${parsed.data.recorded_on}\n` : 'already recorded, unchanged\n');
      });
    });

  impl
    .command('list')
    .description('the current status per measure and scope (latest row), or every row with --all-history')
    .option('--member-state <code>', 'rows of this member state (its own and its operators\')')
    .option('--operator <id>', 'rows of this operator')
    .option('--measure <id>', 'rows of this measure')
    .option('--all-history', 'every history row, oldest first, instead of the current status')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (o: { memberState?: string; operator?: string; measure?: string; allHistory?: boolean; format: string; db?: string }) => {
      const { listImplementationRecords } = await import('../../store/implementations.js');
      const { implementationsToText } = await import('../../report/tracking.js');
      const { MemberStateCode } = await import('../../domain/index.js');
      const format = outputFormat(o.format, FORMATS);
      const filter = {
        ...(o.memberState !== undefined ? { memberState: parseOption(MemberStateCode, o.memberState, '--member-state') } : {}),
        ...(o.operator !== undefined ? { operatorId: o.operator } : {}),
        ...(o.measure !== undefined ? { measure: o.measure.toUpperCase() } : {}),
      };
      await withStore(o.db, async (store) => {
        const all = await listImplementationRecords(store, filter);
        const rows = o.allHistory ? all : await current(all);
        io.out(format === 'json' ? json(rows) : implementationsToText(rows));
      });
    });

  impl
    .command('history')
    .description('every row of one measure at one scope, oldest first')
    .argument('<measure>', 'e.g. SM03')
    .argument('<scope-key>', 'union | ms:DE (or DE) | op:OP-DE-1 (or OP-DE-1)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (measure: string, scopeArg: string, o: { format: string; db?: string }) => {
      const { implementationHistory } = await import('../../store/implementations.js');
      const { implementationsToText } = await import('../../report/tracking.js');
      const { z } = await import('zod');
      const format = outputFormat(o.format, FORMATS);
      const id = parseOption(z.enum(MEASURE_IDS, { error: 'is not a measure of the catalogue' }), measure.toUpperCase(), '<measure>');
      await withStore(o.db, async (store) => {
        const rows = await implementationHistory(store, id, await parseScopeKey(scopeArg));
        io.out(format === 'json' ? json(rows) : implementationsToText(rows));
      });
    });

  impl
    .command('matrix')
    .description('member state × measure matrix with per-measure counts, as of a date')
    .option('--date <date>', 'rows recorded on or before this day (default: today)')
    .option('--measures <ids>', 'comma-separated measures (default: all 29)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (o: { date?: string; measures?: string; format: string; db?: string }) => {
      const { implementationMatrixAt } = await import('../../services/implementation-matrix.js');
      const { matrixToText } = await import('../../report/tracking.js');
      const { IsoDate } = await import('../../domain/index.js');
      const { z } = await import('zod');
      const format = outputFormat(o.format, FORMATS);
      const date = o.date === undefined ? today() : parseOption(IsoDate, o.date, '--date');
      const measures = o.measures?.split(',').map((m) => parseOption(z.enum(MEASURE_IDS, { error: 'is not a measure of the catalogue' }), m.trim().toUpperCase(), '--measures'));
      await withStore(o.db, async (store) => {
        const matrix = await implementationMatrixAt(store, { date, ...(measures ? { measures } : {}) });
        io.out(format === 'json' ? json({ date, ...matrix }) : matrixToText(matrix, date));
      });
    });

  impl
    .command('template')
    .description('write an empty register to fill in: .xlsx (drop-downs, a sheet explaining the columns) or .csv')
    .argument('<out>', 'out.xlsx | out.csv')
    .addOption(formatOption())
    .action(async (out: string, o: { format: string }) => {
      const format = outputFormat(o.format, FORMATS);
      const { writeImplementationTemplate } = await import('../../services/implementation-import.js');
      await writeImplementationTemplate(out);
      io.out(format === 'json' ? json({ template: out }) : `template written: ${out}\n`);
    });
}
