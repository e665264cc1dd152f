import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { ProblemNote } from './ProblemNote';

/*
 * A new user: name, password (the server's policy decides; its advice is shown as it comes), role, and
 * the scope the role needs — an authority a member state, an operator user an operator, an auditor
 * either one or neither (then the whole instance); administrators and Union analysts have none.
 */

export type Role = Schemas['User']['role'];
export const ROLES: Role[] = ['admin', 'authority', 'operator', 'union-analyst', 'auditor'];
const needsState = (r: Role) => r === 'authority' || r === 'auditor';
const needsOperator = (r: Role) => r === 'operator' || r === 'auditor';

export function UserForm({ onCreated }: { onCreated: (u: Schemas['User']) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('authority');
  const [memberState, setMemberState] = useState('');
  const [operatorId, setOperatorId] = useState('');
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/users', {
          body: {
            username: username.trim(),
            password,
            role,
            ...(needsState(role) && memberState ? { memberState: memberState.toUpperCase() } : {}),
            ...(needsOperator(role) && operatorId ? { operatorId } : {}),
          },
        }),
      ),
    onSuccess: (u) => {
      void client.invalidateQueries({ queryKey: ['users'] });
      setUsername('');
      setPassword('');
      onCreated(u);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="form-grid user-form" onSubmit={submit} aria-describedby={`${id}-scope`}>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('admin.users.username')}</label>
        <input id={`${id}-name`} required minLength={2} maxLength={64} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-pw`}>{t('admin.users.password')}</label>
        <input id={`${id}-pw`} type="password" required autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={`${id}-pw-hint`} />
        <p className="hint" id={`${id}-pw-hint`}>
          {t('admin.users.passwordHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('admin.users.role')}</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {needsState(role) && (
        <div className="field">
          <label htmlFor={`${id}-ms`}>{t('admin.users.memberState')}</label>
          <input id={`${id}-ms`} required={role === 'authority'} maxLength={2} size={4} value={memberState} onChange={(e) => setMemberState(e.target.value.trim())} />
        </div>
      )}
      {needsOperator(role) && (
        <div className="field">
          <label htmlFor={`${id}-op`}>{t('admin.users.operator')}</label>
          <input id={`${id}-op`} required={role === 'operator'} value={operatorId} onChange={(e) => setOperatorId(e.target.value.trim())} />
        </div>
      )}
      <p className="hint form-wide" id={`${id}-scope`}>
        {t(`admin.users.scopeHint.${role}`)}
      </p>
      <div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('admin.users.create')}
        </button>
      </div>
      {create.isError && <ProblemNote error={create.error} />}
    </form>
  );
}
