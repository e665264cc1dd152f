import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { EmptyState, QueryView } from '../../components/StatusViews';
import { TokenCreate } from '../tokens/TokenCreate';
import { TokenTable } from '../tokens/TokenTable';

/*
 * Your own API tokens (tokens.own: every role): create one, list yours, revoke one. An auditor's tokens
 * are read-only (the server decides so in POST /tokens; the form offers only that).
 */
export function AccountTokens() {
  const { t } = useTranslation();
  const { session } = useSession();
  const mine = useQuery({ queryKey: ['tokens', 'mine'], queryFn: () => call(api.GET('/api/v1/tokens')) });
  return (
    <>
      <p>{t('account.tokens.intro')}</p>
      <h3>{t('account.tokens.newTitle')}</h3>
      <TokenCreate allowWrite={session.user.role !== 'auditor'} />
      <h3>{t('account.tokens.listTitle')}</h3>
      <QueryView query={mine} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title={t('admin.tokens.none')} />}>
        {(d) => <TokenTable caption={t('admin.tokens.caption')} tokens={d.items} />}
      </QueryView>
    </>
  );
}
