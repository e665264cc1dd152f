import { renderMarkdownTable, renderTable, type Column } from './table.js';

/** A report as data: rendered to plain text for terminals or to Markdown for files, from one definition. */
export interface ReportDocument {
  title: string;
  lines: string[];
  sections: ReportSection[];
}

export interface ReportSection {
  title: string;
  lines?: string[];
  // Sections hold rows of different types; the column set is typed against its own rows where built.
  table?: { rows: readonly unknown[]; columns: readonly Column<never>[] };
}

export function section<T>(title: string, rows: readonly T[], columns: readonly Column<T>[], lines?: string[]): ReportSection {
  return { title, lines, table: { rows, columns: columns as readonly Column<never>[] } };
}

export function renderText(doc: ReportDocument): string {
  const out = [doc.title, ...doc.lines, ''];
  for (const s of doc.sections) {
    out.push(s.title);
    if (s.lines?.length) out.push(...s.lines);
    if (s.table) out.push(renderTable(s.table.rows as never[], s.table.columns));
    else out.push('');
  }
  return out.join('\n');
}

export function renderMarkdown(doc: ReportDocument): string {
  const out = [`# ${doc.title}`, '', ...doc.lines.flatMap((l) => [l, '']), ''];
  for (const s of doc.sections) {
    out.push(`## ${s.title}`, '');
    if (s.lines?.length) out.push(...s.lines.flatMap((l) => [l, '']));
    if (s.table) out.push(renderMarkdownTable(s.table.rows as never[], s.table.columns));
  }
  return out.join('\n');
}
