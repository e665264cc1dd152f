import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { PageLayout, Section } from '../components/PageLayout';
import { EmptyState, QueryView } from '../components/StatusViews';
import { TokenCreate } from './tokens/TokenCreate';
import { TokenTable } from './tokens/TokenTable';

/*
 * API tokens (administrators: tokens.manage). Your own tokens: create one (name, read or read-write, days
 * until it expires; the secret is shown this once and never again), list and revoke them. Any user's
 * tokens: choose the user, see and revoke theirs (GET /users/{id}/tokens). The form and the table are
 * the account page's too (pages/tokens/).
 */

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
        <TokenCreate allowWrite />
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
