import { CommanderError } from 'commander';
import { Conflict, ImportError, UserError } from '../domain/errors.js';
import type { ExitCode } from './exit.js';

/*
 * With `--format json`, an error leaves as one JSON object on stderr (docs/cli.md):
 *   {"error": {"kind", "message", "file"?, "row"?, "field"?, "errors"?, "exitCode"}}
 * kind: usage (the command line: an unknown option, a bad value), input (a file's content: file, row and
 * field as the importer names them; `errors` lists each when there are several), conflict (a write that
 * meets a changed state), internal (a defect: no stack, as in text). The exit codes are those of text mode.
 */

export type ErrorKind = 'usage' | 'input' | 'conflict' | 'internal';

interface RowError {
  file: string;
  row?: number;
  field?: string;
  message: string;
}

export interface ErrorJson {
  error: { kind: ErrorKind; message: string; file?: string; row?: number; field?: string; errors?: RowError[]; exitCode: ExitCode };
}

/** `--format json` or `--format=json` anywhere on the command line. */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

const where = (e: ImportError) => ({ file: e.file, ...(e.row !== undefined ? { row: e.row } : {}), ...(e.field !== undefined ? { field: e.field } : {}) });

/** The error object of one failure, as a line of JSON. `commanderMessage` is what commander would have printed. */
export function errorJson(error: unknown, exitCode: ExitCode, commanderMessage = ''): string {
  return `${JSON.stringify(errorObject(error, exitCode, commanderMessage))}\n`;
}

export function errorObject(error: unknown, exitCode: ExitCode, commanderMessage = ''): ErrorJson {
  const out = (kind: ErrorKind, message: string, extra: Partial<ErrorJson['error']> = {}): ErrorJson => ({ error: { kind, message, ...extra, exitCode } });
  if (error instanceof CommanderError) {
    const said = commanderMessage.replace(/^error: /, '').trim();
    // a command group run without its subcommand prints its help and says nothing
    return out('usage', said || (error.code === 'commander.help' ? 'a subcommand is needed (see --help)' : error.message.replace(/^error: /, '')));
  }
  if (error instanceof ImportError) {
    const list = (error as ImportError & { errors?: ImportError[] }).errors;
    const errors = list && list.length > 1 ? { errors: list.map((e) => ({ ...where(e), message: e.reason })) } : {};
    return out('input', error.message, { ...where(error), ...errors });
  }
  if (error instanceof Conflict) return out('conflict', error.message);
  if (error instanceof UserError) return out('usage', error.message);
  return out('internal', `internal error: ${error instanceof Error ? error.message : String(error)} (please report this)`);
}
