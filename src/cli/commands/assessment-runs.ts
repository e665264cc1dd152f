import { cliActor } from '../actor.js';
import type { Command } from 'commander';
import type { Scope } from '../../store/access/scope.js';
import { MAX_PAGE } from '../../store/access/page-size.js';
import type { Actor } from '../../store/audit/index.js';
import { json } from '../io.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption } from '../options.js';
import { withStore } from '../store.js';

/** The command line works on the whole local database, as its administrator. */
export const CLI_SCOPE: Scope = { role: 'admin' };
export const CLI_ACTOR: Actor = cliActor();

/**
 * `assessment list` and `assessment show`: the runs `assess` stored. Registered by registerAssess, so
 * that the command group needs no slot of its own in main.ts.
 */
export function registerAssessmentRuns(program: Command, { io }: CommandContext) {
  const group = program.command('assessment').description('stored assessment runs: list them, show one (compare two with assess --diff A B)');
  group
    .command('list')
    .description('stored runs, newest first')
    .addOption(formatOption())
    .option('--limit <n>', `at most this many runs (1–${MAX_PAGE})`, '20')
    .addOption(dbOption())
    .action(async (opts: { format: string; limit: string; db?: string }) => {
      const format = outputFormat(opts.format, ['table', 'json']);
      const { z } = await import('zod');
      const Limit = z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_PAGE, `must be at most ${MAX_PAGE}`);
      const limit = parseOption(Limit, opts.limit, '--limit');
      const { listAssessments } = await import('../../store/access/assessments.js');
      const { assessmentListToText } = await import('../../report/assessment-runs.js');
      await withStore(opts.db, async (store) => {
        const page = listAssessments(store, CLI_SCOPE, { limit });
        io.out(format === 'json' ? json(page) : assessmentListToText(page.items, page.total));
      });
    });
  group
    .command('show')
    .description('one stored run as assess printed it: findings, metrics, risk scores and recommendations')
    .argument('<run>', 'its id, the start of it, latest or previous')
    .addOption(formatOption(['table', 'json', 'md']))
    .addOption(dbOption())
    .action(async (ref: string, opts: { format: string; db?: string }) => {
      const format = outputFormat(opts.format, ['table', 'json', 'md']);
      const { loadStoredAssessment, resolveAssessmentRef } = await import('../../store/access/stored-assessment.js');
      const { assessmentToMarkdown, assessmentToText } = await import('../../report/assessment.js');
      await withStore(opts.db, async (store) => {
        const run = loadStoredAssessment(store, CLI_SCOPE, resolveAssessmentRef(store, CLI_SCOPE, ref))!;
        const { assessmentId, runAt, inputsHash, inputs, risks = [], recommendations, contradictions, ...result } = run;
        const extras = { risks, recommendations, contradictions, assessmentId, ...(inputsHash ? { inputsHash } : {}) };
        io.out(
          format === 'json'
            ? json({ ...result, contradictions, risks, recommendations, assessmentId, inputsHash: inputsHash ?? null, inputs: inputs ?? null, runAt })
            : format === 'md'
              ? assessmentToMarkdown(result, extras)
              : assessmentToText(result, extras),
        );
      });
    });
}
