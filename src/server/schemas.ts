import { z } from 'zod';
import { IsoDate } from '../domain/index.js';
import { MAX_PAGE } from '../store/access/index.js';

/** Shared request and response shapes. Response schemas document the API; they are not used to filter output. */

/**
 * A schema the OpenAPI document holds once, under components.schemas with this name, and refers to by
 * $ref wherever it appears (a named type in the web client too). Registers the schema itself, so a
 * domain schema nested in a response is referred to as well. zod names its input side `<id>Input`.
 */
export function named<T extends z.ZodType>(schema: T, id: string): T {
  z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), id });
  return schema;
}

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100).describe(`page size, 1–${MAX_PAGE}`),
  offset: z.coerce.number().int().min(0).default(0),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int().describe('rows matching the filter in your scope'), limit: z.number().int(), offset: z.number().int() });

export const Problem = named(
  z.looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }).describe('RFC 9457 problem details'),
  'Problem',
);

export const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Problem]));

/** A path id: the same rule as the data's ids, so a malformed one is a 400 naming the parameter. */
export const IdParam = z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'is not a valid id');
export const UuidParam = z.string().uuid('is not a valid id');

export const Json = z.record(z.string(), z.unknown());

/** Today in UTC as YYYY-MM-DD: the date a `?date` left out stands for. */
export const today = () => new Date().toISOString().slice(0, 10);
/** `?date`, the day a register is judged on (deadlines, designations in force). */
export const DateQuery = z.object({ date: IsoDate.optional().describe('YYYY-MM-DD; default: today') });
