import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';
import { ProblemNote } from './admin/ProblemNote';
import { TokenTable } from './admin/TokenTable';

/*
 * API tokens (administrators: tokens.manage). Your own tokens: create one (name, read or read-write, days
 * until it expires; the secret is shown this once and never again), list and revoke them. Any user's
 * tokens: choose the user, see and revoke theirs (GET /users/{id}/tokens).
 */

const MAX_DAYS = 366;
type Created = { token: Schemas['ApiToken']; secret: string };

function CreateToken() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'read-write'>('read');
  const [days, setDays] = useState(90);
  const [made, setMade] = useState<Created>();
  const create = useMutation({
    mutationFn: () => call(api.POST('/api/v1/tokens', { body: { name: name.trim(), scope, days } })),
    onSuccess: (m) => {
      setMade(m);
      setName('');
      void client.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMade(undefined);
    create.mutate();
  };
  return (
    <>
      <form className="form-grid" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.tokens.name')}</label>
          <input id={`${id}-name`} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-scope`}>{t('admin.tokens.scope')}</label>
          <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value as 'read' | 'read-write')}>
            <option value="read">{t('admin.tokens.scopes.read')}</option>
            <option value="read-write">{t('admin.tokens.scopes.read-write')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-days`}>{t('admin.tokens.days')}</label>
          <input id={`${id}-days`} type="number" required min={1} max={MAX_DAYS} value={days} onChange={(e) => setDays(Number(e.target.value))} aria-describedby={`${id}-days-hint`} />
          <p className="hint" id={`${id}-days-hint`}>
            {t('admin.tokens.daysHint', { max: MAX_DAYS })}
          </p>
        </div>
        <div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('admin.tokens.create')}
          </button>
        </div>
      </form>
      {create.isError && <ProblemNote error={create.error} />}
      {made && (
        <div className="secret-once" role="status">
          <p className="status-title">{t('admin.tokens.secretTitle', { name: made.token.name, date: fmt.dateTime(made.token.expiresAt) })}</p>
          <p>{t('admin.tokens.secretOnce')}</p>
          <label htmlFor={`${id}-secret`}>{t('admin.tokens.secret')}</label>
          <input id={`${id}-secret`} className="secret" readOnly value={made.secret} onFocus={(e) => e.target.select()} />
        </div>
      )}
    </>
  );
}

function UserTokens() {
  const { t } = useTranslation();
  const id = useId();
  const [userId, setUserId] = useState('');
  const users = useQuery({ queryKey: ['users'], queryFn: () => call(api.GET('/api/v1/users')) });
  const tokens = useQuery({
    queryKey: ['tokens', 'user', userId],
    enabled: userId !== '',
    queryFn: () => call(api.GET('/api/v1/users/{userId}/tokens', { params: { path: { userId } } })),
  });
  const name = users.data?.items.find((u) => u.userId === userId)?.username ?? '';
  return (
    <QueryView query={users}>
      {(d) => (
        <>
          <div className="field">
            <label htmlFor={id}>{t('admin.tokens.user')}</label>
            <select id={id} value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">{t('admin.tokens.chooseUser')}</option>
              {d.items.map((u) => (
                <option key={u.userId} value={u.userId}>
                  {u.username}
                </option>
              ))}
            </select>
          </div>
          {userId && (
            <QueryView query={tokens} isEmpty={(x) => x.items.length === 0} empty={<EmptyState title={t('admin.tokens.noneOf', { user: name })} />}>
              {(x) => <TokenTable caption={t('admin.tokens.captionOf', { user: name })} tokens={x.items} />}
            </QueryView>
          )}
        </>
      )}
    </QueryView>
  );
}

export default function TokensPage() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: ['tokens', 'mine'], queryFn: () => call(api.GET('/api/v1/tokens')) });
  return (
    <PageLayout title={t('admin.tokens.title')} description={t('admin.tokens.description')}>
      <Section id="new-token" title={t('admin.tokens.newTitle')}>
        <CreateToken />
      </Section>
      <Section id="my-tokens" title={t('admin.tokens.mineTitle')}>
        <QueryView query={mine} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title={t('admin.tokens.none')} />}>
          {(d) => <TokenTable caption={t('admin.tokens.caption')} tokens={d.items} />}
        </QueryView>
      </Section>
      <Section id="user-tokens" title={t('admin.tokens.usersTitle')}>
        <UserTokens />
      </Section>
    </PageLayout>
  );
}
