import type { Command } from 'commander';
import { z } from 'zod';
import { Id, IsoDate, MemberStateCode, SEVERITY_RANK, Severity } from '../../domain/index.js';
import { assess } from '../../engine/index.js';
import { assessmentToMarkdown, assessmentToText } from '../../report/assessment.js';
import { loadSnapshot } from '../../store/index.js';
import { EXIT, type CommandContext } from '../main.js';
import { dbOption, parseOption, today } from '../options.js';
import { withStore } from '../store.js';

const Format = z.enum(['table', 'json', 'md'], { error: 'must be table, json or md' });

interface AssessOptions {
  db?: string;
  memberState?: string;
  operator?: string;
  date?: string;
  format: string;
  failOn?: string;
}

export function registerAssess(program: Command, { io, setExit }: CommandContext) {
  program
    .command('assess')
    .description('assess the inventory against the Toolbox: concentration, exposure and findings')
    .option('--member-state <code>', 'only this member state (ISO 3166-1 alpha-2)')
    .option('--operator <id>', 'only this operator')
    .option('--date <YYYY-MM-DD>', 'judge designations and deadlines at this date (default: today)')
    .option('--format <format>', 'table | json | md', 'table')
    .option('--fail-on <severity>', 'exit 1 when a finding of this severity or worse exists (critical|high|medium|low|info)')
    .addOption(dbOption())
    .action(async (opts: AssessOptions) => {
      const format = parseOption(Format, opts.format, '--format');
      const date = parseOption(IsoDate, opts.date ?? today(), '--date');
      const memberState = opts.memberState === undefined ? undefined : parseOption(MemberStateCode, opts.memberState, '--member-state');
      const operatorId = opts.operator === undefined ? undefined : parseOption(Id, opts.operator, '--operator');
      const failOn = opts.failOn === undefined ? undefined : parseOption(Severity, opts.failOn, '--fail-on');

      await withStore(opts.db, async (store) => {
        const snapshot = loadSnapshot(store, { memberState, operatorId });
        const result = assess(snapshot, { date, memberState, operatorId });
        io.out(
          format === 'json'
            ? `${JSON.stringify(result, null, 2)}\n`
            : format === 'md'
              ? assessmentToMarkdown(result)
              : assessmentToText(result),
        );
        if (failOn && result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn])) setExit(EXIT.verdict);
      });
    });
}
