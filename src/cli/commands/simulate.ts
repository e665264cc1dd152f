import { cliActor } from '../actor.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Scenario } from '../../domain/index.js';
import { UserError } from '../../domain/errors.js';
import type { Store } from '../../store/index.js';
import { json } from '../io.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption } from '../options.js';
import { withStore } from '../store.js';

const FORMATS = ['table', 'json', 'md'] as const;

async function readScenarioFile(file: string): Promise<Scenario> {
  const { parseScenario } = await import('../../domain/index.js');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UserError(`${file}: cannot read the scenario file`);
  }
  try {
    return parseScenario(JSON.parse(text), file);
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserError(`${file}: not valid JSON (${error.message})`);
    throw error;
  }
}

/** A scenario reference is a file path, or the name of a saved scenario with an optional @version. */
async function resolveScenario(store: Store, ref: string): Promise<Scenario> {
  const { getScenario } = await import('../../store/index.js');
  if (existsSync(ref)) return readScenarioFile(ref);
  const at = ref.lastIndexOf('@');
  const [name, version] = at > 0 ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, undefined];
  const saved = await getScenario(store, name, version);
  if (!saved) throw new UserError(`no scenario file or saved scenario named ${ref} (see: secure5g scenario list)`);
  return saved;
}

export function registerSimulate(program: Command, { io }: CommandContext) {
  program
    .command('simulate')
    .description('what-if: restrict or lose suppliers and see swaps, deadlines, cost, concentration and e-waste')
    .requiredOption('--scenario <file|name[@version]>', 'scenario JSON file (see examples/scenarios) or a saved scenario')
    .addOption(formatOption(['table', 'json', 'md']))
    .addOption(dbOption())
    .action(async (opts: { scenario: string; format: string; db?: string }) => {
      const { loadSnapshot } = await import('../../store/index.js');
      const { simulationToMarkdown, simulationToText } = await import('../../report/simulation.js');
      const { simulate } = await import('../../engine/index.js');
      const format = outputFormat(opts.format, FORMATS);
      await withStore(opts.db, async (store) => {
        const scenario = await resolveScenario(store, opts.scenario);
        const result = simulate(loadSnapshot(store), scenario, { file: opts.scenario });
        io.out(format === 'json' ? json(result) : format === 'md' ? simulationToMarkdown(result) : simulationToText(result));
      });
    });

  program
    .command('compare')
    .description('run several scenarios over the same data and show their headline figures side by side')
    .argument('<scenarios...>', 'scenario files or saved names (name or name@version)')
    .addOption(formatOption(['table', 'json', 'md']))
    .addOption(dbOption())
    .action(async (refs: string[], opts: { format: string; db?: string }) => {
      const { loadSnapshot } = await import('../../store/index.js');
      const { comparisonToMarkdown, comparisonToText } = await import('../../report/simulation.js');
      const { compareScenarios, simulate } = await import('../../engine/index.js');
      const format = outputFormat(opts.format, FORMATS);
      await withStore(opts.db, async (store) => {
        const scenarios = await Promise.all(refs.map((r) => resolveScenario(store, r)));
        const snapshot = loadSnapshot(store);
        const comparison = compareScenarios(scenarios.map((s, i) => simulate(snapshot, s, { file: refs[i] })));
        io.out(format === 'json' ? json(comparison) : format === 'md' ? comparisonToMarkdown(comparison) : comparisonToText(comparison));
      });
    });

  const scenario = program.command('scenario').description('saved, named and versioned what-if scenarios');
  scenario
    .command('save')
    .description('validate a scenario file and save it under its name and version (versions are immutable)')
    .argument('<file>', 'scenario JSON')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (file: string, opts: { format: string; db?: string }) => {
      const format = outputFormat(opts.format, ['table', 'json']);
      const { saveScenario } = await import('../../store/index.js');
      const parsed = await readScenarioFile(file);
      await withStore(opts.db, async (store) => {
        const { saved, created } = await saveScenario(store, parsed, cliActor());
        io.out(format === 'json' ? json({ name: saved.name, version: saved.version, created }) : `${created ? 'saved' : 'already saved, unchanged'}: ${saved.name}@${saved.version}\n`);
      });
    });
  scenario
    .command('list')
    .description('list saved scenarios')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { format: string; db?: string }) => {
      const { listScenarios } = await import('../../store/index.js');
      const { scenarioListToText } = await import('../../report/simulation.js');
      const format = outputFormat(opts.format, ['table', 'json']);
      await withStore(opts.db, async (store) => {
        const list = await listScenarios(store);
        io.out(format === 'json' ? json(list) : scenarioListToText(list));
      });
    });
  scenario
    .command('show')
    .description('print a saved scenario as JSON')
    .argument('<name[@version]>')
    .addOption(formatOption(['json']))
    .addOption(dbOption())
    .action(async (ref: string, opts: { format: string; db?: string }) => {
      outputFormat(opts.format, ['json']);
      const { getScenario } = await import('../../store/index.js');
      await withStore(opts.db, async (store) => {
        const at = ref.lastIndexOf('@');
        const [name, version] = at > 0 ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, undefined];
        const saved = await getScenario(store, name, version);
        if (!saved) throw new UserError(`no saved scenario ${ref}`);
        io.out(json(saved));
      });
    });
}
