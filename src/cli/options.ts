import { Option } from 'commander';
import type { z } from 'zod';
import { UserError } from '../domain/errors.js';

/*
 * Option helpers every command module imports at start-up: commander and the error class only, so that
 * `secure5g --help` loads no schema library (zod, the domain's schemas are imported inside actions).
 */

/** `--db FILE` on every command: explicit flag, else SECURE5G_DB, else ./secure5g.db. */
export const dbOption = () => new Option('--db <file>', 'SQLite database file (default: $SECURE5G_DB or ./secure5g.db)');

export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? (env.SECURE5G_DB && env.SECURE5G_DB !== '' ? env.SECURE5G_DB : './secure5g.db');
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Parses one option value with a domain schema and turns a failure into a usage error naming the option. */
export function parseOption<T extends z.ZodType>(schema: T, value: unknown, option: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new UserError(`option ${option}: ${parsed.error.issues[0]?.message ?? 'is invalid'} (got "${String(value)}")`);
  }
  return parsed.data;
}

/**
 * `--format` on every command (one convention for machines): `table` for people (the default), `json`
 * for machines, and a command's own extras (md, csv, oscal). With `--format json` an error is one JSON
 * object on stderr too (main.ts). `text` is read as `table`, the name import and decommission used.
 */
export const formatOption = (choices: readonly string[] = ['table', 'json'], fallback = choices[0]!) =>
  new Option('--format <format>', choices.join(' | ')).default(fallback);

export function outputFormat<const T extends string>(value: string, choices: readonly T[]): T {
  const v = value === 'text' && choices.includes('table' as T) ? 'table' : value;
  if (!choices.includes(v as T)) {
    const list = choices.length === 1 ? choices[0] : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
    throw new UserError(`option --format: must be ${list} (got "${value}")`);
  }
  return v as T;
}
