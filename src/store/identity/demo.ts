import type { Store } from '../open.js';
import type { Actor } from '../audit/index.js';
import type { Role } from '../access/scope.js';
import { generatePassword } from './password.js';
import { createUser, findUserByName } from './users.js';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  memberState?: string;
  operatorId?: string;
}

/**
 * One demo account per role, with generated passwords that the caller prints once. The authority and the
 * operator are taken from the data: the member state with the most operators, and its first operator.
 * Accounts that exist already are left alone (their passwords are not known any more).
 */
export async function createDemoAccounts(store: Store, actor: Actor): Promise<{ created: DemoAccount[]; existing: string[] }> {
  const ms = store.sqlite
    .prepare('SELECT member_state FROM operators GROUP BY member_state ORDER BY COUNT(*) DESC, member_state LIMIT 1')
    .pluck()
    .get() as string | undefined;
  const op = ms
    ? (store.sqlite.prepare('SELECT operator_id FROM operators WHERE member_state = ? ORDER BY operator_id LIMIT 1').pluck().get(ms) as string)
    : undefined;
  const wanted: Omit<DemoAccount, 'password'>[] = [
    { username: 'demo-admin', role: 'admin' },
    ...(ms ? [{ username: `demo-authority-${ms.toLowerCase()}`, role: 'authority' as const, memberState: ms }] : []),
    ...(op ? [{ username: 'demo-operator', role: 'operator' as const, operatorId: op }] : []),
    { username: 'demo-union-analyst', role: 'union-analyst' },
    { username: 'demo-auditor', role: 'auditor' },
  ];
  const created: DemoAccount[] = [];
  const existing: string[] = [];
  for (const w of wanted) {
    if (findUserByName(store, w.username)) {
      existing.push(w.username);
      continue;
    }
    const password = generatePassword();
    await createUser(store, actor, { ...w, password, demo: true });
    created.push({ ...w, password });
  }
  return { created, existing };
}

export function formatDemoAccounts(accounts: DemoAccount[]): string {
  const lines = accounts.map(
    (a) => `  ${a.username.padEnd(26)} ${a.password}   ${a.role}${a.memberState ? ` of ${a.memberState}` : ''}${a.operatorId ? ` (operator ${a.operatorId})` : ''}`,
  );
  return [
    'DEMO ACCOUNTS: for trying the fictional demo data only. Each password is shown this once.',
    ...lines,
    'Remove them before real use: secure5g users disable-demo',
    '',
  ].join('\n');
}
