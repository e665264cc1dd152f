import { z } from 'zod';
import { isMemberState } from './member-states.js';

/** Identifiers are opaque text: letters, digits and . _ : - (no spaces, so they survive CSV and URLs). */
export const Id = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(128, 'is longer than 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'may hold only letters, digits and . _ : -');

/**
 * The EU writes Greece as EL (its own country code, used in EU statistics and documents); ISO 3166-1 has GR.
 * Codes are stored as ISO has them, so EL is read as GR wherever a country code is read.
 */
export const EU_CODE_ALIASES: Readonly<Record<string, string>> = { EL: 'GR' };
export const isoCountry = (code: string): string => EU_CODE_ALIASES[code] ?? code;

export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
  .overwrite(isoCountry);

export const MemberStateCode = CountryCode.refine(isMemberState, 'is not an EU/EEA member state code');

/**
 * One of a fixed list of words, matched without regard to case or surrounding blanks and given back as
 * the list writes it (`MNO` is read as `mno`, `sm01` as `SM01`): spreadsheets capitalise freely.
 */
export function anyCase<const T extends readonly [string, ...string[]]>(values: T, error?: string) {
  const canonical = new Map(values.map((v) => [v.toLowerCase(), v]));
  const params = error === undefined ? undefined : { error };
  return z
    .string(params)
    // clients (OpenAPI, the web's generated types) see the values as written; the server takes any case
    .meta({ enum: [...values], description: `one of ${values.join(', ')} (matched in any case)` })
    .trim()
    .overwrite((s) => canonical.get(s.toLowerCase()) ?? s)
    .pipe(z.enum(values, params));
}

/** Calendar date as ISO text (YYYY-MM-DD), checked to be a real day. */
export const IsoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real calendar date');

/** An empty CSV cell means "not given". */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** A `;`-separated CSV list, or a JSON array. Empty items are dropped. */
export const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v.split(';').map((s) => s.trim()).filter((s) => s !== '')
        : v === undefined || v === null
          ? []
          : v,
    z.array(item),
  );

/** Non-negative number given as text or number. */
export const Quantity = z.coerce
  .number({ error: 'must be a number' })
  .refine(Number.isFinite, 'must be a finite number')
  .refine((n) => n >= 0, 'must not be negative');

export const Severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof Severity>;
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export const Criticality = z.enum(['critical', 'sensitive', 'other']);
export type Criticality = z.infer<typeof Criticality>;
