import { readFileSync } from 'node:fs';

/*
 * The command examples of README.md and docs/*.md, as test/docs/examples.test.ts runs them.
 *
 * Convention (docs/operations.md, "Docs that run"): in a fenced block marked sh, bash, shell or console,
 * or unmarked, every line starting with `secure5g `, `npx secure5g ` (either after a `$ ` prompt) is a
 * CLI example; a line ending in `\` goes on on the next. A block with `curl ` lines is one API example,
 * run as a bash script (so `CSRF=$(…)` on one line serves the next) against a server on the database. Other
 * lines are output or commands of other tools. A block right after `<!-- not-run: reason -->` is not run
 * (a server that would not stop, a synopsis with placeholders). Blocks run on the demo's database
 * (`secure5g demo`); one after `<!-- run-on: network -->` on one holding the example network of
 * examples/network, one after `<!-- run-on: empty -->` on none (its commands create it). In a block with
 * `$ ` prompts, only the prompted lines are commands.
 */

export interface Example {
  file: string;
  /** 1-based line of the example's first line */
  line: number;
  kind: 'cli' | 'curl';
  /** the command as written, continuation lines joined, prompt removed; for curl, the block's whole text */
  text: string;
  /** the database the block runs on (`<!-- run-on: empty|network -->`; the demo's by default) */
  on: RunOn;
}

export type RunOn = 'demo' | 'empty' | 'network';

const RUN_LANGS = new Set(['', 'sh', 'bash', 'shell', 'console']);

export function examplesOf(file: string, markdown = readFileSync(file, 'utf8')): Example[] {
  const lines = markdown.split('\n');
  const out: Example[] = [];
  let fence: { lang: string; skip: boolean; on: RunOn; prompted: boolean; curl: boolean; body: string; taken?: boolean } | undefined;
  let lastText = '';
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const open = /^(\s*)(```+|~~~+)\s*([\w-]*)/.exec(raw);
    if (open) {
      if (fence) fence = undefined;
      else {
        let close = lines.slice(i + 1).findIndex((l) => /^\s*(```|~~~)/.test(l));
        if (close < 0) close = lines.length;
        const on = /^<!--\s*run-on:\s*(empty|network)\s*-->$/.exec(lastText)?.[1] as RunOn | undefined;
        const body = lines.slice(i + 1, i + 1 + close);
        fence = {
          curl: body.some((l) => /^\s*curl\s/.test(l)),
          body: body.join('\n'),
          lang: open[3]!.toLowerCase(),
          skip: /^<!--\s*not-run:.*-->$/.test(lastText),
          on: on ?? 'demo',
          prompted: body.some((l) => /^\s*\$\s/.test(l)),
        };
      }
      lastText = raw.trim();
      continue;
    }
    if (raw.trim() !== '') lastText = raw.trim();
    if (!fence || fence.skip || !RUN_LANGS.has(fence.lang)) continue;
    // in a block with `$ ` prompts, only the prompted lines are commands: the rest is their output
    if (fence.prompted && !/^\s*\$\s/.test(raw)) continue;
    // a block with curl lines is one API example: a shell script, its variables passed from line to line
    if (fence.curl) {
      if (!fence.taken) out.push({ file, line: i + 1, kind: 'curl', text: fence.body, on: fence.on });
      fence.taken = true;
      continue;
    }
    const first = i;
    let text = raw.trim().replace(/^\$\s+/, '');
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
    if (/^(npx\s+)?secure5g\s/.test(text)) out.push({ file, line: first + 1, kind: 'cli', text: text.replace(/^npx\s+/, ''), on: fence.on });
  }
  return out;
}

/**
 * A CLI example as argv and where its standard output goes: words split as a POSIX shell splits them
 * for what the docs use (quotes, a trailing `# comment`, `> file`); anything else a shell would read
 * differently (pipes, substitutions, variables) is refused, so such an example is run by no one silently.
 */
export function commandLine(text: string): { argv: string[]; stdoutTo?: string } {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else word = (word ?? '') + c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) break;
    else if ('|&;$`<(){}'.includes(c)) throw new Error(`a shell feature (${c}) the docs test does not run: ${text}`);
    else word = (word ?? '') + c;
  }
  if (quote) throw new Error(`an unclosed quote: ${text}`);
  if (word !== undefined) words.push(word);
  const arrow = words.indexOf('>');
  if (arrow >= 0) {
    if (arrow !== words.length - 2) throw new Error(`a redirection the docs test does not run: ${text}`);
    return { argv: words.slice(1, arrow), stdoutTo: words[arrow + 1]! };
  }
  return { argv: words.slice(1) };
}
