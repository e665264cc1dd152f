import { Command, CommanderError } from 'commander';
import { UserError } from '../domain/index.js';
import type { Io } from './io.js';
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

/** Exit codes: 0 done, 1 the run's own verdict (e.g. --fail-on met), 2 bad usage or input, 3 internal error. */
export const EXIT = { ok: 0, verdict: 1, usage: 2, internal: 3 } as const;

/** A command's action resolves to its exit code; commander only routes to it. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function buildProgram(io: Io, setExit: (code: ExitCode) => void): Command {
  const program = new Command('secure5g')
    .description('The EU 5G Toolbox at work: inventory, supplier concentration, designations, findings.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    // the program's own options (--version) only before the command name, so `profile show X --version 2` reaches the subcommand
    .enablePositionalOptions();
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
  // Subcommands inherit the output routing and exit override.
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  return program;
}

export interface CommandContext {
  io: Io;
  setExit: (code: ExitCode) => void;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws. */
export async function run(argv: string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version end with exit code 0; every other parse failure is a usage error
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UserError) {
      io.err(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`internal error: ${message}\n(set SECURE5G_DEBUG=1 for details; please report this)\n`);
    if (process.env.SECURE5G_DEBUG === '1' && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    return EXIT.internal;
  }
}
