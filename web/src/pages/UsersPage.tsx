import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';
import { ProblemNote } from './admin/ProblemNote';
import { UserForm } from './admin/UserForm';

/*
 * Users and roles (administrators only: users.manage): every account with its role and scope, a form
 * creating one of any role, and per user disable/enable and a new password. The server ends a changed
 * user's sessions and tokens and audits every change. Whether a user signs in with a second factor is
 * shown; setting one up is the user's own doing (the account page).
 */

type User = Schemas['User'];

function PasswordReset({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: () => call(api.PATCH('/api/v1/users/{userId}', { params: { path: { userId: user.userId } }, body: { password } })),
    onSuccess: onDone,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate();
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={id}>{t('admin.users.newPassword', { user: user.username })}</label>
      <input id={id} type="password" required autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" className="button" disabled={reset.isPending}>
        {t('admin.users.setPassword')}
      </button>
      {reset.isError && <ProblemNote error={reset.error} />}
    </form>
  );
}

function UserRow({ user }: { user: User }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const [resetting, setResetting] = useState(false);
  const [note, setNote] = useState<string>();
  const toggle = useMutation({
    mutationFn: () => call(api.PATCH('/api/v1/users/{userId}', { params: { path: { userId: user.userId } }, body: { disabled: !user.disabled } })),
    onSuccess: (u) => {
      setNote(t(u.disabled ? 'admin.users.disabledNote' : 'admin.users.enabledNote', { user: u.username }));
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const scope = user.operatorId ?? user.memberState ?? t('admin.users.wholeInstance');
  return (
    <tr data-user={user.username}>
      <th scope="row">{user.username}</th>
      <td>{t(`roles.${user.role}`)}</td>
      <td>{scope}</td>
      <td>{t(user.disabled ? 'admin.users.disabled' : 'admin.users.active')}</td>
      <td>{user.secondFactor === undefined ? '—' : t(user.secondFactor ? 'admin.users.secondFactorOn' : 'admin.users.secondFactorOff')}</td>
      <td>{fmt.dateTime(user.createdAt)}</td>
      <td className="row-actions">
        <button type="button" className="button" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
          {t(user.disabled ? 'admin.users.enable' : 'admin.users.disable', { user: user.username })}
        </button>
        <button type="button" className="button" aria-expanded={resetting} onClick={() => setResetting((r) => !r)}>
          {t('admin.users.resetPassword', { user: user.username })}
        </button>
        {resetting && (
          <PasswordReset
            user={user}
            onDone={() => {
              setResetting(false);
              setNote(t('admin.users.passwordSet', { user: user.username }));
            }}
          />
        )}
        {toggle.isError && <ProblemNote error={toggle.error} />}
        {note && (
          <p className="form-success" role="status">
            {note}
          </p>
        )}
      </td>
    </tr>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const [created, setCreated] = useState<string>();
  const q = useQuery({ queryKey: ['users'], queryFn: () => call(api.GET('/api/v1/users')) });
  return (
    <PageLayout title={t('admin.users.title')} description={t('admin.users.description')}>
      <Section id="new-user" title={t('admin.users.newTitle')}>
        <UserForm onCreated={(u) => setCreated(t('admin.users.created', { user: u.username, role: t(`roles.${u.role}`) }))} />
        {created && (
          <p className="form-success" role="status">
            {created}
          </p>
        )}
      </Section>
      <Section id="users" title={t('admin.users.listTitle')}>
        <QueryView query={q} isEmpty={(d) => d.items.length === 0} empty={<EmptyState />}>
          {(d) => (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('admin.users.caption')}>
              <table className="users-table">
                <caption>{t('admin.users.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.users.username')}</th>
                    <th scope="col">{t('admin.users.role')}</th>
                    <th scope="col">{t('admin.users.scope')}</th>
                    <th scope="col">{t('admin.users.status')}</th>
                    <th scope="col">{t('admin.users.secondFactor')}</th>
                    <th scope="col">{t('admin.users.createdAt')}</th>
                    <th scope="col">{t('admin.users.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((u) => (
                    <UserRow key={u.userId} user={u} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryView>
      </Section>
    </PageLayout>
  );
}
