import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { problemMessageKey } from '../../components/StatusViews';

/*
 * A refused form, in the form: what the server said (its detail, e.g. the password policy's advice from
 * zxcvbn) and each field it named. An alert, so it is read out when it appears.
 */
export function ProblemNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const p = error instanceof ApiProblem ? error : undefined;
  return (
    <div className="form-problem" role="alert">
      <p className="form-error">{t(problemMessageKey(error))}</p>
      {p?.detail && <p className="form-problem-detail">{p.detail}</p>}
      {p?.errors && p.errors.length > 0 && (
        <ul>
          {p.errors.map((e, i) => (
            <li key={i}>
              {e.path ? `${e.path}: ` : ''}
              {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
