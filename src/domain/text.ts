import { z } from 'zod';

/*
 * Text that is not text: a NUL (C strings, logs and some spreadsheet tools cut or choke on it) or a lone
 * UTF-16 surrogate (not Unicode: it cannot be encoded to UTF-8 without being replaced, so what is stored
 * is not what was sent). One check for every text field, of request bodies and of imported files alike.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string is refused, or undefined when it is clean text. */
export function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(s)) return 'contains a lone surrogate (not valid Unicode)';
  return undefined;
}

/** The zod refinement: `z.string().check(cleanText)`, or `CleanText` for a plain text field. */
export const cleanText = z.superRefine<string>((s, ctx) => {
  const problem = textProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: s });
});

export const CleanText = z.string().check(cleanText);

/** Parsed data (arrays, object literals, prototype-less query objects), not streams or class instances. */
const plain = (v: object) => {
  const proto = Object.getPrototypeOf(v) as object | null;
  return Array.isArray(v) || proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
};

/**
 * Every string (values and keys) in a parsed JSON value that is not clean text, with its path: the same
 * check applied to a whole request body or imported row at once.
 */
export function findUncleanText(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; message: string }[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ path, message: problem }] : [];
  }
  if (value === null || typeof value !== 'object' || !plain(value)) return [];
  const found: { path: (string | number)[]; message: string }[] = [];
  for (const [k, v] of Object.entries(value)) {
    const key = Array.isArray(value) ? Number(k) : k;
    const keyProblem = typeof key === 'string' ? textProblem(key) : undefined;
    if (keyProblem) found.push({ path: [...path, key], message: `its name ${keyProblem}` });
    found.push(...findUncleanText(v, [...path, key]));
    if (found.length >= 20) break;
  }
  return found;
}
