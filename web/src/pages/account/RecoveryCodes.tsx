import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Recovery codes, shown this once (the server keeps only their hashes), until the user says they are kept. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // focus moves here, so a screen reader reads the codes as they appear
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="recovery-codes" role="region" aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title" ref={heading} tabIndex={-1}>
        {t('account.codes.title')}
      </h3>
      <p>{t('account.codes.intro')}</p>
      <ol className="recovery-code-list" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <button type="button" className="button button-primary" onClick={onDone}>
        {t('account.codes.done')}
      </button>
    </div>
  );
}
