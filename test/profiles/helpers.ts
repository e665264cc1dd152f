import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { AssessmentResult, Finding } from '../../src/domain/index.js';
import { cli } from '../cli/helpers.js';

export { cli, importSmallNetwork, tempDb, FIXTURE } from '../cli/helpers.js';

/** Runs a command that must succeed with --format json and returns its parsed output. */
export async function cliJson<T>(...argv: string[]): Promise<T> {
  const r = await cli(...argv, '--format', 'json');
  expect(r.stderr, argv.join(' ')).toBe('');
  expect(r.code, argv.join(' ')).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** Writes `value` as JSON into `dir/name` and returns the path. */
export function jsonFile(dir: string, name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value, null, 2));
  return p;
}

export function textFile(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** The SM03 findings of `secure5g assess --date <date>`. */
export async function sm03(db: string, date: string): Promise<Finding[]> {
  const r = await cliJson<AssessmentResult>('assess', '--db', db, '--date', date);
  return r.findings.filter((f) => f.rule === 'SM03');
}

const ev = (text: string) => [{ text }];

/** A profile document with the given scores (each with one piece of evidence). */
export function profileDoc(fields: { profile_id: string; supplier_id: string; member_state: string; assessed_on: string; version?: number }, scores: Record<string, number>) {
  return {
    ...fields,
    assessor: 'Assessment unit 3',
    scores: Object.entries(scores).map(([criterion, score]) => ({ criterion, score, evidence: ev(`evidence for ${criterion}`) })),
  };
}
