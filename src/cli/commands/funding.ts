import type { Command } from 'commander';
import type { IsoDate, MemberStateCode } from '../../domain/index.js';
import { basename } from 'node:path';
import { json } from '../io.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption } from '../options.js';
import { withStore } from '../store.js';

const FORMATS = ['table', 'json'] as const;

export function registerFunding(program: Command, { io }: CommandContext) {
  const funding = program.command('funding').description('SA10: may public money fund a deployment project, under the designations in force?');

  funding
    .command('check')
    .description('check a project (operator, member state, planned assets and their suppliers) and give the reasons')
    .argument('<project.json>', 'project file (see docs/data-formats.md, examples/funding/project.json)')
    .option('--date <date>', 'judge designations as in force on this day instead of the planned date')
    .option('--save', 'keep the check, its inputs and the designations read, as evidence')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (file: string, o: { date?: string; save?: boolean; format: string; db?: string }) => {
      const { saveFundingCheck } = await import('../../store/funding.js');
      const { readFundingProject, runFundingCheck } = await import('../../services/funding-check.js');
      const { fundingCheckToText } = await import('../../report/tracking.js');
      const { IsoDate } = await import('../../domain/index.js');
      const format = outputFormat(o.format, FORMATS);
      const date = o.date === undefined ? undefined : parseOption(IsoDate, o.date, '--date');
      const project = await readFundingProject(file);
      await withStore(o.db, async (store) => {
        const run = await runFundingCheck(store, project, { ...(date ? { date } : {}), file: basename(file) });
        const saved = o.save ? await saveFundingCheck(store, run) : undefined;
        if (format === 'json') {
          const out = {
            ...run.result,
            dateUsed: run.dateUsed,
            ...(run.policyVersion !== undefined ? { policyVersion: run.policyVersion } : {}),
            ...(saved ? { checkId: saved.checkId, checkedAt: saved.checkedAt } : {}),
          };
          io.out(json(out));
        } else io.out(fundingCheckToText(run.result, run.dateUsed, saved));
      });
    });

  funding
    .command('list')
    .description('saved funding checks, oldest first')
    .option('--project <id>', 'checks of this project')
    .option('--member-state <code>', 'checks of projects in this member state')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (o: { project?: string; memberState?: string; format: string; db?: string }) => {
      const { listFundingChecks } = await import('../../store/funding.js');
      const { fundingChecksToText } = await import('../../report/tracking.js');
      const { MemberStateCode } = await import('../../domain/index.js');
      const format = outputFormat(o.format, FORMATS);
      const filter = {
        ...(o.project !== undefined ? { projectId: o.project } : {}),
        ...(o.memberState !== undefined ? { memberState: parseOption(MemberStateCode, o.memberState, '--member-state') } : {}),
      };
      await withStore(o.db, async (store) => {
        const checks = await listFundingChecks(store, filter);
        io.out(format === 'json' ? json(checks) : fundingChecksToText(checks));
      });
    });
}
