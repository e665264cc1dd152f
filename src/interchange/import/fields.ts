import { isMemberState, isoCountry } from '../../domain/index.js';

/*
 * Fast per-field validators, one per primitive of src/domain/primitives.ts. Each returns the value the
 * zod schema would produce, or FAIL. They never build a message: a row with any FAIL is run through the
 * zod schema, which stays the reference and words every error (test/interchange/fast-validators.test.ts
 * proves both agree). So a validator here may be stricter than zod, never looser.
 */

export const FAIL: unique symbol = Symbol('invalid');
export type Fast = (v: unknown) => unknown;

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY_RE = /^[A-Z]{2}$/;

/** An absent value in CSV ('') or JSON (null, undefined): the `optional()` wrapper's test. */
export const isAbsent = (v: unknown): boolean => v === '' || v === null || v === undefined;

export const id: Fast = (v) => {
  if (typeof v !== 'string') return FAIL;
  const t = v.trim();
  return t.length > 0 && t.length <= 128 && ID_RE.test(t) ? t : FAIL;
};

export const requiredText: Fast = (v) => {
  if (typeof v !== 'string') return FAIL;
  const t = v.trim();
  return t.length > 0 ? t : FAIL;
};

export const textMax128: Fast = (v) => {
  if (typeof v !== 'string') return FAIL;
  const t = v.trim();
  return t.length <= 128 ? t : FAIL;
};

/** anyCase(): the value as the list writes it, whatever its case and surrounding blanks. */
export const oneOf = (values: readonly string[]): Fast => {
  const set = new Set(values);
  const canonical = new Map(values.map((v) => [v.toLowerCase(), v]));
  return (v) => {
    if (typeof v !== 'string') return FAIL;
    if (set.has(v)) return v;
    return canonical.get(v.trim().toLowerCase()) ?? FAIL;
  };
};

export const countryCode: Fast = (v) => {
  if (typeof v !== 'string') return FAIL;
  const t = v.trim().toUpperCase();
  return COUNTRY_RE.test(t) ? isoCountry(t) : FAIL;
};

export const memberStateCode: Fast = (v) => {
  const t = countryCode(v);
  return t !== FAIL && isMemberState(t as string) ? t : FAIL;
};

// Valid dates repeat across millions of rows; remembering them skips the Date round trip.
const realDates = new Set<string>();
export const isoDate: Fast = (v) => {
  if (typeof v !== 'string') return FAIL;
  const t = v.trim();
  if (realDates.has(t)) return t;
  if (!DATE_RE.test(t)) return FAIL;
  const d = new Date(`${t}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== t) return FAIL;
  if (realDates.size < 100_000) realDates.add(t);
  return t;
};

/** z.coerce.number(): Number(v), whatever v is (so [] and null are 0, as zod has it). */
const coerce = (v: unknown): number => {
  if (typeof v === 'number') return v;
  try {
    return Number(v);
  } catch {
    return Number.NaN; // a symbol
  }
};

export const quantity: Fast = (v) => {
  const n = coerce(v);
  return Number.isFinite(n) && n >= 0 ? n : FAIL;
};

export const wholeNumber = (min: number, max: number): Fast => (v) => {
  const n = coerce(v);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : FAIL;
};

/** `optional(x)`: absent → undefined, else x. */
export const optional = (inner: Fast): Fast => (v) => (isAbsent(v) ? undefined : inner(v));

/** `list(item)`: a `;`-separated string or an array; empty items dropped from strings. */
export const list = (item: Fast, nonEmpty = false): Fast => (v) => {
  let items: unknown[];
  if (typeof v === 'string') items = v.split(';').map((s) => s.trim()).filter((s) => s !== '');
  else if (v === undefined || v === null) items = [];
  else if (Array.isArray(v)) items = v;
  else return FAIL;
  const out: unknown[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const x = item(items[i]);
    if (x === FAIL) return FAIL;
    out[i] = x;
  }
  return nonEmpty && out.length === 0 ? FAIL : out;
};

export const certification: Fast = (v) => {
  if (typeof v !== 'string') return FAIL;
  const t = v.trim();
  return t.length > 0 && t.length <= 64 ? t.toUpperCase() : FAIL;
};

/**
 * A copy of `s` that holds no reference to a larger string. V8 may keep a substring as a slice of its
 * parent, so a remembered 20-character value could otherwise keep a whole 4 MB read of a file alive.
 */
export const detached = (s: string): string => (s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8'));
