import type { Store } from '../open.js';
import { tenancyOf, type Scope } from './scope.js';

/*
 * A small WHERE builder for the scoped reads. Raw SQL over the better-sqlite3 handle: the scope clauses
 * are spelled out once here, and the prepared statements are cached, which keeps the hot reads cheap.
 */
export class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: string, ...params: unknown[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  /** adds the clause only when the value is given */
  eq(column: string, value: unknown): this {
    return value === undefined || value === null || value === '' ? this : this.add(`${column} = ?`, value);
  }

  toString(): string {
    return this.clauses.length ? ` WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/**
 * Narrows rows carrying a member-state column and (optionally) an operator column to the scope.
 * Aggregate-only scopes get no rows at all.
 */
export function scopeRows(w: Where, scope: Scope, cols: { memberState: string; operator?: string }): Where {
  const t = tenancyOf(scope);
  switch (t.kind) {
    case 'all':
      return w;
    case 'aggregates':
      return w.add('1 = 0');
    case 'member-state':
      return w.add(`${cols.memberState} = ?`, t.memberState);
    case 'operator':
      // rows of member-state level (no operator) are not the operator's: only its own rows
      return cols.operator ? w.add(`${cols.operator} = ?`, t.operatorId) : w.add(`${cols.memberState} = ?`, t.memberState);
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface PageRequest {
  limit?: number;
  offset?: number;
}

export { MAX_PAGE } from './page-size.js';
import { MAX_PAGE } from './page-size.js';

export function pageOf(req: PageRequest): { limit: number; offset: number } {
  return { limit: Math.min(Math.max(req.limit ?? 100, 1), MAX_PAGE), offset: Math.max(req.offset ?? 0, 0) };
}

/**
 * A page of a list already narrowed to the scope (registers read whole and filtered in code, where
 * the rows per scope are few): the same answer shape as selectPage, `total` counting the whole list.
 */
export function pageList<T>(all: readonly T[], req: PageRequest): Page<T> {
  const { limit, offset } = pageOf(req);
  return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
}

/** Runs a count and a page of the same FROM … WHERE, returning raw rows. */
export function selectPage<R>(store: Store, select: string, from: string, where: Where, orderBy: string, req: PageRequest): Page<R> {
  const { limit, offset } = pageOf(req);
  const total = Number(store.sqlite.prepare(`SELECT COUNT(*) ${from}${where}`).pluck().get(...where.params));
  const items = store.sqlite
    .prepare(`SELECT ${select} ${from}${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
    .all(...where.params, limit, offset) as R[];
  return { items, total, limit, offset };
}
