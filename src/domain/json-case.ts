import type { z } from 'zod';
import { Asset, DesignationRow, Operator, Product, Supplier } from './entities.js';
import { Implementation } from './implementation.js';
import { Entity, Holding } from './ownership.js';
import { Policy } from './policy.js';
import { ProfileAssessment, SuggestedScore } from './profile.js';
import { Scenario } from './scenario.js';
import { FundingProject, ScreeningCase } from './screening.js';
import { SupplyFactsRecord } from './supply-facts.js';

/*
 * One convention for machines: JSON that the API answers or the CLI prints has camelCase keys; files
 * people write keep their documented snake_case columns. The domain's schemas are those columns, so the
 * snake_case names to rename are read off the schemas themselves (plus the few a stored row adds): a
 * column added to a schema is renamed on the way out without a second list to keep.
 *
 * Only these known field names are renamed, never a key by its look alone: many objects are keyed by
 * data (supplier ids in shares, measure ids in a matrix, designation kinds), and an id may well be
 * written in snake_case.
 */

/** Fields of stored rows and views that no input schema declares (import log, register history). */
const STORED_FIELDS = [
  'row_id', 'recorded_at', 'import_id', 'imported_at', 'started_at', 'finished_at', 'file_name', 'created_at', 'updated_at',
  'run_at', 'inputs_hash', 'catalog_version', 'assessment_id', 'policy_version', 'date_used', 'checked_at', 'check_id',
  'bom_id', 'bom_ref', 'bom_version', 'spec_version', 'serial_number', 'component_count', 'origin_country', 'fact_id',
  'recorded_by', 'saved_at', 'job_id', 'progress_total', 'progress_done', 'user_id', 'token_id', 'expires_at', 'last_used_at',
  'revoked_at', 'created_by', 'created_by_id', 'actor_id', 'target_id', 'target_type', 'prev_hash', 'before_digest',
  'after_digest', 'scope_key', 'change_date',
] as const;

/** Schemas whose field names are input columns (or policy/scenario JSON fields). */
const INPUT_SCHEMAS: readonly z.ZodType[] = [
  Operator, Supplier, Product, Asset, DesignationRow, Policy, Implementation, Entity, Holding, ScreeningCase, FundingProject,
  ProfileAssessment, SuggestedScore, Scenario, SupplyFactsRecord,
];

/**
 * Words that differ beyond their case, one word per idea: a cap's scope is its `capScope` (a caller's
 * tenancy is its reach, a finding's its level). By the key of the object that holds them.
 */
const RENAMES: Record<string, Record<string, string>> = { caps: { scope: 'capScope' } };

/** The field names of a zod schema, nested objects, arrays and records included. */
function collectKeys(schema: z.ZodType, into: Set<string>, seen = new Set<unknown>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  // zod 4 keeps a schema's kind and parts in _zod.def; only the kinds that can hold objects are walked
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const walk = (s: unknown) => s && collectKeys(s as z.ZodType, into, seen);
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        into.add(k);
        walk(v);
      }
      break;
    case 'array':
      walk(def.element);
      break;
    case 'record':
      walk(def.valueType);
      break;
    case 'pipe':
      walk(def.in);
      walk(def.out);
      break;
    case 'union':
      for (const o of def.options as unknown[]) walk(o);
      break;
    case 'intersection':
      walk(def.left);
      walk(def.right);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      walk(def.innerType);
      break;
  }
}

const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;
export const camelOf = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const TO_CAMEL = new Map<string, string>();
{
  const keys = new Set<string>(STORED_FIELDS);
  for (const s of INPUT_SCHEMAS) collectKeys(s, keys);
  for (const k of keys) if (SNAKE.test(k)) TO_CAMEL.set(k, camelOf(k));
}
const TO_SNAKE = new Map([...TO_CAMEL].map(([snake, camel]) => [camel, snake]));
const RENAMES_BACK: Record<string, Record<string, string>> = Object.fromEntries(
  Object.entries(RENAMES).map(([parent, m]) => [parent, Object.fromEntries(Object.entries(m).map(([a, b]) => [b, a]))]),
);

/** The name a field has in JSON output: `member_state` → `memberState`; any other key as it is. */
export const outputKey = (k: string, parent?: string): string => (parent !== undefined ? RENAMES[parent]?.[k] : undefined) ?? TO_CAMEL.get(k) ?? k;
/** The column a camelCase field of a request body stands for: `memberState` → `member_state`. */
export const inputKey = (k: string): string => TO_SNAKE.get(k) ?? k;

function mapKeys(value: unknown, names: Map<string, string>, renames: Record<string, Record<string, string>>, parent: string | undefined): unknown {
  if (Array.isArray(value)) {
    // arrays of ids or numbers are the bulk of large answers: hand them back without copying
    if (value.length === 0 || (typeof value[0] !== 'object' && typeof value[value.length - 1] !== 'object')) return value;
    return value.map((v) => mapKeys(v, names, renames, parent));
  }
  if (value === null || typeof value !== 'object') return value;
  // Dates, Buffers and class instances serialise their own way
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const renamed = parent !== undefined ? renames[parent] : undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = renamed?.[k] ?? names.get(k) ?? k;
    out[key] = mapKeys(v, names, renames, k);
  }
  return out;
}

type CamelKey<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelKey<Tail>>}` : S;
/** The type of a value as JSON output carries it (the case only: RENAMES are not spelled out). */
export type OutputJson<T> = T extends readonly (infer U)[]
  ? OutputJson<U>[]
  : T extends object
    ? { [K in keyof T as K extends string ? CamelKey<K> : K]: OutputJson<T[K]> }
    : T;

/** A value with every known snake_case field renamed to camelCase, as JSON output carries it. */
export const toOutputJson = <T>(value: T): OutputJson<T> => mapKeys(value, TO_CAMEL, RENAMES, undefined) as OutputJson<T>;

/** A request body with its camelCase fields renamed to the columns the domain's schemas read. */
export const fromInputJson = (value: unknown): unknown => mapKeys(value, TO_SNAKE, RENAMES_BACK, undefined);

/**
 * An error path of a request body (`items.0.member_state`, `caps[1].scope`) in the body's own names
 * (`items.0.memberState`, `caps[1].capScope`).
 */
export function outputPath(path: string): string {
  let parent: string | undefined;
  return path
    .split(/(\[\d+\]|\.)/)
    .map((part) => {
      if (part === '.' || part === '' || /^\[\d+\]$/.test(part) || /^\d+$/.test(part)) return part;
      const renamed = outputKey(part, parent);
      parent = part;
      return renamed;
    })
    .join('');
}

/** Field names quoted in a message (`field member_state is required`) as the JSON caller knows them. */
export const outputText = (text: string): string => text.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (w) => TO_CAMEL.get(w) ?? w);
