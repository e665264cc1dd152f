/** Where a command writes. Tests pass buffers; the binary passes the process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** true when stderr is a terminal: progress is drawn only then */
  interactive: boolean;
  /** the terminal's width when stdout is one: tables fit it; undefined when piped (nothing cut) */
  columns?: number;
  /** colour on stdout: a terminal, and NO_COLOR unset (https://no-color.org) */
  color: boolean;
}

/** Colour only on a terminal and never with NO_COLOR set (to anything but the empty string). */
export const colorWanted = (isTty: boolean | undefined, env: NodeJS.ProcessEnv = process.env) => Boolean(isTty) && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  color: colorWanted(process.stdout.isTTY),
};

/** Collects output in memory, for tests and for embedding the CLI; `terminal` plays a terminal of that width. */
export function bufferIo(terminal: { columns?: number; color?: boolean } = {}): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    interactive: false,
    columns: terminal.columns,
    color: terminal.color ?? false,
    stdout: () => out,
    stderr: () => err,
  };
}

/*
 * JSON output goes through the API's renaming to camelCase (src/domain/json-case.ts), which reads the
 * field names off the domain's schemas: loaded before an action runs (main.ts), not at start-up.
 */
let toOutputJson: ((value: unknown) => unknown) | undefined;

export async function loadJsonOutput(): Promise<void> {
  toOutputJson ??= (await import('../domain/json-case.js')).toOutputJson as (value: unknown) => unknown;
}

/** JSON output of a command: camelCase keys like the API's, indented, one trailing newline. */
export const json = (value: unknown): string => {
  if (!toOutputJson) throw new Error('json() before loadJsonOutput()');
  return `${JSON.stringify(toOutputJson(value), null, 2)}\n`;
};
