import { cliActor } from '../actor.js';
import type { Command } from 'commander';
import { z } from 'zod';
import { assessmentToMarkdown, assessmentToText } from '../../report/assessment.js';
import { assessmentListToText } from '../../report/assessment-runs.js';
import { listAssessments } from '../../store/access/assessments.js';
import type { Scope } from '../../store/access/scope.js';
import { MAX_PAGE } from '../../store/access/sql.js';
import { loadStoredAssessment, resolveAssessmentRef } from '../../store/access/stored-assessment.js';
import type { Actor } from '../../store/audit/index.js';
import { json } from '../io.js';
import type { CommandContext } from '../main.js';
import { dbOption, parseOption } from '../options.js';
import { withStore } from '../store.js';

/** The command line works on the whole local database, as its administrator. */
export const CLI_SCOPE: Scope = { role: 'admin' };
export const CLI_ACTOR: Actor = cliActor();

const Limit = z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_PAGE, `must be at most ${MAX_PAGE}`);

/**
 * `assessment list` and `assessment show`: the runs `assess` stored. Registered by registerAssess, so
 * that the command group needs no slot of its own in main.ts.
 */
export function registerAssessmentRuns(program: Command, { io }: CommandContext) {
  const group = program.command('assessment').description('stored assessment runs: list them, show one (compare two with assess --diff A B)');
  group
    .command('list')
    .description('stored runs, newest first')
    .option('--format <format>', 'table | json', 'table')
    .option('--limit <n>', `at most this many runs (1–${MAX_PAGE})`, '20')
    .addOption(dbOption())
    .action(async (opts: { format: string; limit: string; db?: string }) => {
      const format = parseOption(z.enum(['table', 'json'], { error: 'must be table or json' }), opts.format, '--format');
      const limit = parseOption(Limit, opts.limit, '--limit');
      await withStore(opts.db, async (store) => {
        const page = listAssessments(store, CLI_SCOPE, { limit });
        io.out(format === 'json' ? json(page) : assessmentListToText(page.items, page.total));
      });
    });
  group
    .command('show')
    .description('one stored run as assess printed it: findings, metrics, risk scores and recommendations')
    .argument('<run>', 'its id, the start of it, latest or previous')
    .option('--format <format>', 'table | json | md', 'table')
    .addOption(dbOption())
    .action(async (ref: string, opts: { format: string; db?: string }) => {
      const format = parseOption(z.enum(['table', 'json', 'md'], { error: 'must be table, json or md' }), opts.format, '--format');
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
