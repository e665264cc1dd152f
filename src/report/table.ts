export type Align = 'left' | 'right';
export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: Align;
}

/** Plain-text table with column widths fitted to content, for terminals and logs. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i]!.align === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/** Markdown pipe table; pipes inside cells are escaped. */
export function renderMarkdownTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const head = `| ${columns.map((c) => esc(c.header)).join(' | ')} |`;
  const rule = `| ${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  const body = rows.map((r) => `| ${columns.map((c) => esc(c.value(r))).join(' | ')} |`);
  return [head, rule, ...body].join('\n') + '\n';
}
