import { toOutputJson } from '../domain/json-case.js';

/** Where a command writes. Tests pass buffers; the binary passes the process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** true when stderr is a terminal: progress bars are drawn only then */
  interactive: boolean;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
};

/** Collects output in memory, for tests and for embedding the CLI. */
export function bufferIo(): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    interactive: false,
    stdout: () => out,
    stderr: () => err,
  };
}

/** JSON output of a command: camelCase keys like the API's (src/domain/json-case.ts), indented, one trailing newline. */
export const json = (value: unknown): string => `${JSON.stringify(toOutputJson(value), null, 2)}\n`;
