import { Command, CommanderError } from 'commander';
import { UserError } from '../domain/errors.js';
import { EXIT, type ExitCode } from './exit.js';
import { loadJsonOutput, type Io } from './io.js';
import { errorJson, wantsJson } from './errors.js';
import { registerAssess } from './commands/assess.js';
import { registerAssets } from './commands/assets.js';
import { registerCatalog } from './commands/catalog.js';
import { registerDemo } from './commands/demo.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerSimulate } from './commands/simulate.js';
import { registerStart } from './commands/start.js';
import { registerServer } from './commands/serve.js';
import { registerOwnership } from './commands/ownership.js';
import { registerBom } from './commands/bom.js';
import { registerProfiles } from './commands/profiles.js';
import { registerDesignations } from './commands/designations.js';
import { registerPolicies } from './commands/policies.js';
import { registerImplementation } from './commands/implementation.js';
import { registerFunding } from './commands/funding.js';
import { registerScreening } from './commands/screening.js';
import { registerBackup } from './commands/backup.js';
import { registerCertificates } from './commands/certificates.js';

/*
 * Start-up speed: this module and every command module import only commander and light helpers at the
 * top; what an action needs (the store, the engine, importers, zod) it imports when it runs, so that
 * `secure5g --help` or `policy baseline` load a fraction of the code (bench/CLI-NOTES.md).
 */

export { EXIT, type ExitCode };

export interface CommandContext {
  io: Io;
  setExit: (code: ExitCode) => void;
}

/** How commander writes: to `io`, or in JSON mode nothing (the error leaves as one JSON object instead). */
interface Output {
  writeOut: (s: string) => void;
  writeErr: (s: string) => void;
  outputError: (s: string, write: (s: string) => void) => void;
}

/** Undoes the table layout a command set (main.ts sets it before an action, run() restores it after). */
let restoreLayout: () => void = () => undefined;

export function buildProgram(io: Io, setExit: (code: ExitCode) => void, output?: Output): Command {
  const routing = output ?? { writeOut: io.out, writeErr: io.err, outputError: (s: string, write: (s: string) => void) => write(s) };
  const program = new Command('secure5g')
    .description('The EU 5G Toolbox at work: inventory, supplier concentration, designations, findings.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput(routing)
    .configureHelp(io.columns ? { helpWidth: io.columns } : {})
    // the program's own options (--version) only before the command name, so `profile show X --version 2` reaches the subcommand
    .enablePositionalOptions()
    // JSON output renames keys with the domain's schemas: loaded when an action about to run was asked for JSON
    .hook('preAction', async (_program, action) => {
      if (action.opts().format === 'json') await loadJsonOutput();
      // tables fit this terminal; `serve` renders for its clients, not for the terminal it was started from
      if (action.name() !== 'serve') restoreLayout = (await import('../report/table.js')).useTableLayout({ width: io.columns, color: io.color });
    });
  const ctx = { io, setExit };
  registerInit(program, ctx);
  registerImport(program, ctx);
  registerAssets(program, ctx);
  registerAssess(program, ctx);
  registerDemo(program, ctx);
  registerCatalog(program, ctx);
  registerSimulate(program, ctx);
  registerStart(program, ctx);
  registerServer(program, ctx);
  registerOwnership(program, ctx);
  registerBom(program, ctx);
  registerCertificates(program, ctx);
  registerProfiles(program, ctx);
  registerDesignations(program, ctx);
  registerPolicies(program, ctx);
  registerImplementation(program, ctx);
  registerFunding(program, ctx);
  registerScreening(program, ctx);
  registerBackup(program, ctx);
  // every command, however deep, routes its output and exits through run()
  for (const cmd of leafAndGroupCommands(program)) cmd.exitOverride().configureOutput(routing);
  return program;
}

function leafAndGroupCommands(c: Command): Command[] {
  return c.commands.flatMap((s) => [s, ...leafAndGroupCommands(s)]);
}

/** The commands that run something (no subcommands), with their path: `policy baseline`. */
export function leafCommands(program: Command): { path: string[]; command: Command }[] {
  const walk = (c: Command, path: string[]): { path: string[]; command: Command }[] =>
    c.commands.length === 0 ? [{ path, command: c }] : c.commands.flatMap((s) => walk(s, [...path, s.name()]));
  return program.commands.flatMap((s) => walk(s, [s.name()]));
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws. With
 * `--format json` anywhere in argv, stderr holds nothing but an error, as one JSON object (errors.ts),
 * and no progress is drawn.
 */
export async function run(argv: string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const jsonMode = wantsJson(argv);
  let commanderMessage = '';
  const commandIo: Io = jsonMode ? { ...io, err: () => undefined, interactive: false, color: false } : io;
  const output: Output | undefined = jsonMode
    ? { writeOut: io.out, writeErr: () => undefined, outputError: (s) => void (commanderMessage += s) }
    : undefined;
  const program = buildProgram(commandIo, (c) => (code = c), output);
  try {
    try {
      await program.parseAsync(argv, { from: 'user' });
    } finally {
      restoreLayout();
      restoreLayout = () => undefined;
    }
    return code;
  } catch (error) {
    return failed(error);
  }

  function failed(error: unknown): ExitCode {
    const exit = exitCodeOf(error);
    if (jsonMode) {
      if (exit !== EXIT.ok) io.err(errorJson(error, exit, commanderMessage));
      return exit;
    }
    if (error instanceof CommanderError) return exit;
    if (exit === EXIT.usage) {
      io.err(`error: ${(error as Error).message}\n`);
      return exit;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`internal error: ${message}\n(set SECURE5G_DEBUG=1 for details; please report this)\n`);
    if (process.env.SECURE5G_DEBUG === '1' && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    return exit;
  }
}

/** help and version end with 0; every other parse failure and every UserError is a usage error (2); the rest internal (3). */
function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return error instanceof UserError ? EXIT.usage : EXIT.internal;
}
