import type { Command } from 'commander';
import { UserError } from '../../domain/errors.js';
import type { Store } from '../../store/index.js';
import { EXIT } from '../exit.js';
import type { CommandContext } from '../main.js';
import { json } from '../io.js';
import { dbOption, formatOption, outputFormat, parseOption, today } from '../options.js';
import { withStore } from '../store.js';
import { CLI_ACTOR, CLI_SCOPE, registerAssessmentRuns } from './assessment-runs.js';

const FORMATS = ['table', 'json', 'md'] as const;

interface AssessOptions {
  db?: string;
  memberState?: string;
  operator?: string;
  date?: string;
  format: string;
  failOn?: string;
  save: boolean;
  diff?: string[];
}

export function registerAssess(program: Command, ctx: CommandContext) {
  const { io, setExit } = ctx;
  program
    .command('assess')
    .description('assess the inventory against the Toolbox: concentration, exposure, findings, risk scores R1–R9 and recommendations; stores the run')
    .option('--member-state <code>', 'only this member state (ISO 3166-1 alpha-2)')
    .option('--operator <id>', 'only this operator')
    .option('--date <YYYY-MM-DD>', 'judge designations and deadlines at this date (default: today)')
    .addOption(formatOption(FORMATS))
    .option('--fail-on <severity>', 'exit 1 when a finding of this severity or worse exists (critical|high|medium|low|info)')
    .option('--no-save', 'do not store the run')
    .option('--diff <runs...>', 'explain what changed between two stored runs A B (ids, the start of one, latest or previous) instead of assessing')
    .addOption(dbOption())
    .action(async (opts: AssessOptions) => {
      const format = outputFormat(opts.format, FORMATS);
      if (opts.diff) return diff(opts, format);
      const { Id, IsoDate, MemberStateCode, SEVERITY_RANK, Severity } = await import('../../domain/index.js');
      const date = parseOption(IsoDate, opts.date ?? today(), '--date');
      const memberState = opts.memberState === undefined ? undefined : parseOption(MemberStateCode, opts.memberState, '--member-state');
      const operatorId = opts.operator === undefined ? undefined : parseOption(Id, opts.operator, '--operator');
      const failOn = opts.failOn === undefined ? undefined : parseOption(Severity, opts.failOn, '--fail-on');
      const { runAssessment, saveAssessmentRun } = await import('../../services/assessment-run.js');
      const { assessmentToMarkdown, assessmentToText } = await import('../../report/assessment.js');

      await withStore(opts.db, async (store) => {
        const run = await runAssessment(store, { date, memberState, operatorId });
        const assessmentId = opts.save ? saveAssessmentRun(store, CLI_ACTOR, run) : null;
        const { result, risks, recommendations, contradictions, inputsHash, inputs } = run;
        const extras = { risks, recommendations, contradictions, assessmentId, inputsHash };
        io.out(
          format === 'json'
            ? json({ ...result, contradictions, risks, recommendations, assessmentId, inputsHash, inputs })
            : format === 'md'
              ? assessmentToMarkdown(result, extras)
              : assessmentToText(result, extras),
        );
        if (failOn && result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn])) setExit(EXIT.verdict);
      });
    });

  async function diff(opts: AssessOptions, format: (typeof FORMATS)[number]) {
    const refs = opts.diff!;
    if (refs.length !== 2) throw new UserError(`option --diff: takes two stored runs, A and B (got ${refs.length})`);
    const extra = (['memberState', 'operator', 'date', 'failOn'] as const).filter((k) => opts[k] !== undefined);
    if (extra.length) throw new UserError(`option --diff compares stored runs: it takes no ${extra.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`);
    const { loadStoredAssessment, resolveAssessmentRef } = await import('../../store/access/stored-assessment.js');
    const { compareAssessments } = await import('../../services/assessment-compare.js');
    const { diffToMarkdown, diffToText } = await import('../../report/assessment-runs.js');
    await withStore(opts.db, async (store: Store) => {
      const [a, b] = refs.map((ref) => loadStoredAssessment(store, CLI_SCOPE, resolveAssessmentRef(store, CLI_SCOPE, ref))!);
      const comparison = compareAssessments(a!, b!);
      io.out(format === 'json' ? json(comparison) : format === 'md' ? diffToMarkdown(comparison) : diffToText(comparison));
    });
  }

  registerAssessmentRuns(program, ctx);
}
