import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { UserError, parseScenario } from '../../domain/index.js';
import { simulate } from '../../engine/index.js';
import { simulationToMarkdown, simulationToText } from '../../report/simulation.js';
import { loadSnapshot, openStore } from '../../store/index.js';
import type { CommandContext } from '../main.js';
import { dbOption, parseOption, resolveDbPath } from '../options.js';

const Format = z.enum(['table', 'json', 'md'], { error: 'must be table, json or md' });

async function readScenario(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UserError(`${file}: cannot read the scenario file`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

export function registerSimulate(program: Command, { io }: CommandContext) {
  program
    .command('simulate')
    .description('what-if: restrict or lose suppliers and see swaps, deadlines, cost, concentration and e-waste')
    .requiredOption('--scenario <file>', 'scenario JSON (see examples/scenarios and docs/simulation.md)')
    .option('--format <format>', 'table | json | md', 'table')
    .addOption(dbOption())
    .action(async (opts: { scenario: string; format: string; db?: string }) => {
      const format = parseOption(Format, opts.format, '--format');
      const scenario = parseScenario(await readScenario(opts.scenario), opts.scenario);
      const store = await openStore(resolveDbPath(opts.db));
      try {
        const result = simulate(await loadSnapshot(store), scenario, { file: opts.scenario });
        io.out(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : format === 'md' ? simulationToMarkdown(result) : simulationToText(result));
      } finally {
        await store.close();
      }
    });
}
