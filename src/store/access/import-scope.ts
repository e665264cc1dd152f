import { ImportError } from '../../domain/index.js';
import type { Store } from '../open.js';
import { Forbidden, tenancyOf, type Scope } from './scope.js';

/** The keys of one incoming row that decide whose data it is. */
export interface RowKeys {
  /** 1-based data row, for the message */
  row: number;
  /** the row's own id (asset_id, operator_id, designation_id); absent for policies */
  id?: string;
  memberState?: string;
  operatorId?: string;
}

const ID_FIELD = { operators: 'operator_id', assets: 'asset_id', designations: 'designation_id', policies: 'member_state' } as const;
export type ScopedImportKind = keyof typeof ID_FIELD;

/**
 * Refuses an import by a scoped caller (authority, operator) that would write outside its scope: a row
 * for another member state or operator, or a row whose id already belongs to one (an upsert would move
 * it). Whole-instance scopes pass. The first offending row is named; the message is the same whether
 * the other row exists or the reference is simply not the caller's, so it reveals as little as it can.
 */
export function assertImportInScope(store: Store, scope: Scope, kind: ScopedImportKind, file: string, rows: RowKeys[]): void {
  const t = tenancyOf(scope);
  if (t.kind === 'all') return;
  if (t.kind === 'aggregates') throw new Forbidden('this role may not import data');
  const deny = (r: RowKeys, field: string) => {
    throw new Forbidden(new ImportError(file, r.row, field, 'is outside the data you may write').message);
  };
  const db = store.sqlite;
  if (kind === 'assets') {
    const allowed = new Set<string>(
      t.kind === 'operator'
        ? [t.operatorId]
        : (db.prepare('SELECT operator_id FROM operators WHERE member_state = ?').pluck().all(t.memberState) as string[]),
    );
    for (const r of rows) if (!allowed.has(r.operatorId ?? '')) deny(r, 'operator_id');
  } else if (kind === 'operators') {
    if (t.kind === 'operator') throw new Forbidden('an operator may not import operators');
    for (const r of rows) if (r.memberState !== t.memberState) deny(r, 'member_state');
  } else {
    for (const r of rows) if (r.memberState !== t.memberState) deny(r, 'member_state');
  }
  if (kind === 'policies') return;

  // rows that exist already must be the caller's too
  const byId = new Map(rows.map((r) => [r.id ?? '', r]));
  const existingOutside =
    kind === 'assets'
      ? t.kind === 'operator'
        ? 'SELECT t.id FROM temp.import_scope_ids t JOIN assets a ON a.asset_id = t.id WHERE a.operator_id <> ?'
        : 'SELECT t.id FROM temp.import_scope_ids t JOIN assets a ON a.asset_id = t.id JOIN operators o ON o.operator_id = a.operator_id WHERE o.member_state <> ?'
      : kind === 'operators'
        ? 'SELECT t.id FROM temp.import_scope_ids t JOIN operators o ON o.operator_id = t.id WHERE o.member_state <> ?'
        : 'SELECT t.id FROM temp.import_scope_ids t JOIN designations d ON d.designation_id = t.id WHERE d.member_state <> ?';
  const param = kind === 'assets' && t.kind === 'operator' ? t.operatorId : t.memberState;
  try {
    db.exec('DROP TABLE IF EXISTS temp.import_scope_ids; CREATE TEMP TABLE import_scope_ids (id TEXT PRIMARY KEY) WITHOUT ROWID');
    const insert = db.prepare('INSERT OR IGNORE INTO temp.import_scope_ids (id) VALUES (?)');
    db.transaction(() => byId.forEach((_r, id) => insert.run(id)))();
    const clash = db.prepare(`${existingOutside} LIMIT 1`).pluck().get(param) as string | undefined;
    if (clash !== undefined) deny(byId.get(clash)!, ID_FIELD[kind]);
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.import_scope_ids');
  }
}

/**
 * Refuses a replacement of an operator's inventory by a caller that does not reach that operator (an
 * operator replaces only its own, an authority those of its member state). Unknown operators get the
 * same words, so the answer says nothing of other tenants.
 */
export function assertReplaceInScope(store: Store, scope: Scope, operatorId: string): void {
  const t = tenancyOf(scope);
  if (t.kind === 'all') return;
  if (t.kind === 'aggregates') throw new Forbidden('this role may not import data');
  const ms = store.sqlite.prepare('SELECT member_state FROM operators WHERE operator_id = ?').pluck().get(operatorId) as string | undefined;
  const ok = t.kind === 'operator' ? operatorId === t.operatorId : ms === t.memberState;
  if (!ok) throw new Forbidden(`operator ${operatorId} is outside the data you may write`);
}
