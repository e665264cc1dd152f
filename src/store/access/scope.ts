import { UserError } from '../../domain/index.js';

/*
 * Who a caller is, as far as data goes. The role says which kinds of rows and actions; the tenancy
 * (member state, operator) says which rows. Every scoped read and write in this folder takes a Scope
 * and narrows in SQL, so a route cannot forget the filter.
 */
export const ROLES = ['admin', 'authority', 'operator', 'union-analyst', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Scope {
  role: Role;
  /** authority: its member state; operator: the operator's member state; auditor: optional narrowing */
  memberState?: string;
  /** operator: its operator; auditor: optional narrowing */
  operatorId?: string;
}

/** What rows of an inventory table a scope reaches, reduced to the two keys data carries. */
export type Tenancy =
  | { kind: 'all' }
  | { kind: 'member-state'; memberState: string }
  | { kind: 'operator'; memberState: string; operatorId: string }
  /** aggregates only: no operator-level or asset rows at all */
  | { kind: 'aggregates' };

export function tenancyOf(scope: Scope): Tenancy {
  switch (scope.role) {
    case 'admin':
      return { kind: 'all' };
    case 'union-analyst':
      return { kind: 'aggregates' };
    case 'authority':
      if (!scope.memberState) throw new UserError('an authority scope needs a member state');
      return { kind: 'member-state', memberState: scope.memberState };
    case 'operator':
      if (!scope.operatorId || !scope.memberState) throw new UserError('an operator scope needs an operator and its member state');
      return { kind: 'operator', memberState: scope.memberState, operatorId: scope.operatorId };
    case 'auditor':
      if (scope.operatorId && scope.memberState) return { kind: 'operator', memberState: scope.memberState, operatorId: scope.operatorId };
      if (scope.memberState) return { kind: 'member-state', memberState: scope.memberState };
      return { kind: 'all' };
  }
}

/** True when the scope may see rows that belong to this member state and (optionally) operator. */
export function reaches(scope: Scope, memberState: string | null | undefined, operatorId?: string | null): boolean {
  const t = tenancyOf(scope);
  switch (t.kind) {
    case 'all':
      return true;
    case 'aggregates':
      return false;
    case 'member-state':
      return memberState === t.memberState;
    case 'operator':
      return operatorId === t.operatorId;
  }
}

/** A stable key for caches of per-scope views. */
export function scopeKey(scope: Scope): string {
  const t = tenancyOf(scope);
  switch (t.kind) {
    case 'all':
      return 'all';
    case 'aggregates':
      return 'aggregates';
    case 'member-state':
      return `ms:${t.memberState}`;
    case 'operator':
      return `op:${t.operatorId}`;
  }
}

/** The error scoped functions throw when a row exists but lies outside the scope: routes answer 404. */
export class OutOfScope extends UserError {
  override name = 'OutOfScope';
}

/** An action the scope is not allowed (e.g. a write for another member state): routes answer 403. */
export class Forbidden extends UserError {
  override name = 'Forbidden';
}
