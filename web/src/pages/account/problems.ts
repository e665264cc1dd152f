import type { TFunction } from 'i18next';
import { ApiProblem } from '../../api/client';
import { problemMessageKey } from '../../components/StatusViews';

/** What a refused second-factor request says to the user: a wrong code, a wrong password, too many tries. */
export function secondFactorError(t: TFunction, err: unknown): string {
  if (err instanceof ApiProblem) {
    if (err.kind === 'second-factor-invalid') return t('account.secondFactor.badCode');
    if (err.status === 400 && err.detail === 'the password is wrong') return t('account.secondFactor.badPassword');
    if (err.status === 429) return t('signIn.tooMany', { seconds: err.retryAfter ?? 60 });
    if (err.status === 400 && err.detail) return err.detail;
  }
  return t(problemMessageKey(err));
}
