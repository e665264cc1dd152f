import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { SESSION_KEY, useSession } from '../auth/session';
import { PageLayout, Section } from '../components/PageLayout';
import { QueryView } from '../components/StatusViews';
import { useFormat } from '../i18n/format';
import { Enrolment } from './account/Enrolment';
import { Disable, Regenerate } from './account/Manage';
import { RecoveryCodes } from './account/RecoveryCodes';
import { AccountTokens } from './account/Tokens';

/*
 * Your account: the second factor (GET /auth/second-factor) — set it up and confirm it, see the
 * recovery codes the once they are made, make new ones, turn it off. Reached from the user bar; where
 * the instance requires a second factor of the user's role (--require-2fa), the shell sends the user
 * here until one is confirmed (Layout.tsx). And your own API tokens (tokens.own), once the session may
 * take that action (not while it is limited to enrolling a second factor).
 */

const STATUS_KEY = ['second-factor'] as const;

export default function AccountPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const { session, can } = useSession();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: () => call(api.GET('/api/v1/auth/second-factor')) });
  const [codes, setCodes] = useState<string[]>();
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: STATUS_KEY });
    // the session's own answer changes too: the enrolment-only limit ends with a confirmed factor
    await client.invalidateQueries({ queryKey: SESSION_KEY });
  };

  return (
    <PageLayout title={t('account.title')} description={t('account.description')}>
      {session.secondFactorEnrolmentRequired && !codes && (
        <p className="notice" role="status">
          {t('account.required')}
        </p>
      )}
      <Section id="second-factor" title={t('account.secondFactor.title')}>
        {codes ? (
          <RecoveryCodes
            codes={codes}
            onDone={() => {
              setCodes(undefined);
              void refresh();
            }}
          />
        ) : (
          <QueryView query={status}>
            {(s) =>
              s.enabled ? (
                <>
                  <p data-testid="second-factor-state">{t('account.secondFactor.on', { date: s.confirmedAt ? format.date(s.confirmedAt) : '' })}</p>
                  <p>{t('account.secondFactor.left', { count: s.recoveryCodesLeft })}</p>
                  <div className="grid-2">
                    <Regenerate onCodes={setCodes} />
                    <Disable required={s.required} onDone={() => void refresh()} />
                  </div>
                </>
              ) : (
                <>
                  <p data-testid="second-factor-state">{t('account.secondFactor.off')}</p>
                  <Enrolment onConfirmed={setCodes} />
                </>
              )
            }
          </QueryView>
        )}
      </Section>
      {can('tokens.own') && (
        <Section id="api-tokens" title={t('account.tokens.title')}>
          <AccountTokens />
        </Section>
      )}
    </PageLayout>
  );
}
