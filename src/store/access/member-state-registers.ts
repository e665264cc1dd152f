import { ZodError } from 'zod';
import type { Store } from '../open.js';
import { narrow, type Narrowing } from './registers.js';
import { tenancyOf, type Scope } from './scope.js';

/*
 * What the scoped writes of a member state's registers share (implementation status, funding checks,
 * screening cases, policies): which member state a scope reaches and decides for, field errors that name
 * the path, and one transaction around an async-signature write with its audit entry.
 */

export type Path = (string | number)[];
export const fieldError = (path: Path, message: string) => new ZodError([{ code: 'custom', path, message, input: undefined }]);

/** The rows of a member-state register a scope reaches, asked for one member state or all: registers.ts's narrowing. */
export type Reach = Narrowing;

export const reachOf = (scope: Scope, asked?: string): Reach => narrow(scope, { memberState: asked });

export const reachesState = (scope: Scope, memberState: string) => !reachOf(scope, memberState).none;

/** Writers of a member state's registers: the administrator, or the authority of that member state. */
export function decidesFor(scope: Scope, memberState: string): boolean {
  if (scope.role === 'admin') return true;
  const t = tenancyOf(scope);
  return scope.role === 'authority' && t.kind === 'member-state' && t.memberState === memberState;
}

/**
 * Runs `write` in one IMMEDIATE transaction, so the audit entry it appends commits or rolls back with
 * the rows. The store functions it wraps are async in signature only: their statements run synchronously
 * on the same better-sqlite3 handle (Kysely included) and their promises settle without I/O, so no other
 * request runs between BEGIN and COMMIT; their own transactions become savepoints of this one. `write`
 * must not await real I/O.
 */
export async function inTransaction<T>(store: Store, write: () => Promise<T>): Promise<T> {
  const db = store.sqlite;
  if (db.inTransaction) return write();
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = await write();
    db.exec('COMMIT');
    return out;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
