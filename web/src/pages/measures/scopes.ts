import type { TFunction } from 'i18next';
import type { Schemas } from '../../api/client';

/* The scopes a measure's status is recorded at, keyed as the API keys them (union, ms:DE, op:OP-DE-1). */

export type ImplementationRow = Schemas['ImplementationRow'];
export const MEASURE_STATUSES: ImplementationRow['status'][] = ['in-place', 'in-progress', 'planned', 'not-planned', 'not-applicable'];

export interface ScopeRef {
  level: 'member-state' | 'operator';
  memberState: string;
  operatorId?: string;
  name?: string;
}

/** `ms:DE` or `op:OP-DE-1`: what GET /implementation/history takes as scope */
export const scopeKey = (s: { level?: string; scopeLevel?: string; memberState?: string; operatorId?: string }): string => {
  const level = s.level ?? s.scopeLevel;
  return level === 'operator' ? `op:${s.operatorId}` : level === 'member-state' ? `ms:${s.memberState}` : 'union';
};

export const scopeLabel = (s: ScopeRef, t: TFunction): string =>
  s.level === 'operator' ? `${s.operatorId}${s.name ? ` · ${s.name}` : ''}` : t('measures.memberStateScope', { code: s.memberState });
