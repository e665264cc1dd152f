import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * Every number the engine shows can explain itself: the rule or formula and the inputs behind it
 * (src/domain/assessment.ts, Explanation). ExplainButton wraps a figure; activating it opens the
 * panel below with the explanation in words, the formula and the inputs as a list.
 */

export interface Explanation {
  text: string;
  formula?: string;
  rule?: string;
  inputs: Record<string, unknown>;
}

export function ExplainPanel({ explanation, id }: { explanation: Explanation; id?: string }) {
  const { t } = useTranslation();
  return (
    <div className="explain" id={id}>
      <p>{explanation.text}</p>
      {explanation.rule && (
        <p>
          <span className="explain-label">{t('explain.rule')}</span> <code>{explanation.rule}</code>
        </p>
      )}
      {explanation.formula && (
        <p>
          <span className="explain-label">{t('explain.formula')}</span> <code>{explanation.formula}</code>
        </p>
      )}
      {Object.keys(explanation.inputs).length > 0 && (
        <>
          <p className="explain-label">{t('explain.inputs')}</p>
          <dl className="explain-inputs">
            {Object.entries(explanation.inputs).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}

/** A figure that opens its explanation: a button (keyboard and screen reader alike) controlling the panel. */
export function ExplainButton({ children, explanation, label }: { children: ReactNode; explanation: Explanation; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="explained">
      <button type="button" className="figure-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)} title={t('explain.how', { label })}>
        {children}
        <span className="visually-hidden"> — {t('explain.how', { label })}</span>
      </button>
      {open && <ExplainPanel explanation={explanation} id={id} />}
    </div>
  );
}
