import type { StoredFinding } from '../../store/access/index.js';

const COLUMNS = ['id', 'rule', 'measure', 'severity', 'scope', 'memberState', 'operatorId', 'segment', 'supplierId', 'productId', 'affectedQuantity', 'assetCount', 'deadline', 'explanation'] as const;

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula. */
function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function findingsCsv(findings: Iterable<StoredFinding>): string {
  const lines = [COLUMNS.join(',')];
  for (const f of findings) {
    const row: Record<string, unknown> = { ...f, explanation: f.explanation.text };
    lines.push(COLUMNS.map((c) => cell(row[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
