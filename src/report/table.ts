import { styleText } from 'node:util';

export type Align = 'left' | 'right';
export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: Align;
}

/**
 * How plain-text tables are laid out for the reader at hand. The command line sets it from its terminal
 * (width of stdout when it is one, colour on a terminal without NO_COLOR) for the time of one command;
 * everything else — the server's text reports, files, pipes — keeps the default: full width, no colour.
 */
export interface TableLayout {
  /** fit every line into this many characters; undefined: no limit (piped output is never cut) */
  width?: number;
  /** bold headers (ANSI), only on a terminal that wants colour */
  color: boolean;
}

const PLAIN: TableLayout = { width: undefined, color: false };
let layout: TableLayout = PLAIN;

/** Sets the layout for what `run` renders, and returns a function that restores the previous one. */
export function useTableLayout(next: TableLayout): () => void {
  const previous = layout;
  layout = next;
  return () => void (layout = previous);
}

/** Narrowest a left-aligned column is cut to; numbers (right-aligned) are never cut. */
const MIN_WIDTH = 6;

/** Column widths that fit `limit`: the widest left-aligned column loses a character at a time. */
export function fitWidths(natural: readonly number[], aligns: readonly (Align | undefined)[], limit: number | undefined): number[] {
  const widths = [...natural];
  if (limit === undefined) return widths;
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > limit) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (aligns[i] !== 'right' && widths[i]! > MIN_WIDTH && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break; // nothing left to cut: the line stays wider than the terminal
    widths[widest]!--;
  }
  return widths;
}

const cut = (s: string, w: number) => (s.length <= w ? s : `${s.slice(0, Math.max(0, w - 1))}…`);

/** Plain-text table with column widths fitted to content (and to the terminal's width, when it has one). */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  const natural = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const widths = fitWidths(
    natural,
    columns.map((c) => c.align),
    layout.width,
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i]!.align === 'right' ? cut(v, widths[i]!).padStart(widths[i]!) : cut(v, widths[i]!).padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const header = line(columns.map((c) => c.header));
  return [layout.color ? styleText('bold', header, { validateStream: false }) : header, line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/** Markdown pipe table; pipes inside cells are escaped. */
export function renderMarkdownTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const head = `| ${columns.map((c) => esc(c.header)).join(' | ')} |`;
  const rule = `| ${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  const body = rows.map((r) => `| ${columns.map((c) => esc(c.value(r))).join(' | ')} |`);
  return [head, rule, ...body].join('\n') + '\n';
}
