import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

/*
 * Filters live in the URL (?memberState=DE&segment=ran), so a filtered view can be reloaded, shared
 * and gone back to. useFilters reads and writes them; FiltersBar lays out labelled fields and a reset.
 */

export function useFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const set = (key: K, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        // a new filter starts at the first page
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  const reset = () => setParams(new URLSearchParams(), { replace: true });
  return { values, set, reset, params };
}

export function FiltersBar({ label, onReset, children }: { label: string; onReset?: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <form className="filters" role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
      {onReset && (
        <button type="button" className="button button-quiet" onClick={onReset}>
          {t('filters.reset')}
        </button>
      )}
    </form>
  );
}

export function SelectFilter({ label, value, options, onChange }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('filters.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A text field. With `debounceMs`, what is typed is kept here and handed on once typing pauses, so a
 * list over millions of rows is asked once per word rather than once per key.
 */
export function TextFilter({ label, value, onChange, placeholder, debounceMs }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; debounceMs?: number }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const sent = useRef(value);
  // the latest handler, so a parent's re-render does not restart the pause
  const handler = useRef(onChange);
  handler.current = onChange;
  // the URL changed from elsewhere (reset, back): show it
  useEffect(() => {
    if (value !== sent.current) setDraft((sent.current = value));
  }, [value]);
  useEffect(() => {
    if (!debounceMs) return;
    const next = draft.trim();
    if (next === sent.current) return;
    const timer = setTimeout(() => handler.current((sent.current = next)), debounceMs);
    return () => clearTimeout(timer);
  }, [draft, debounceMs]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={debounceMs ? draft : value}
        placeholder={placeholder}
        onChange={(e) => (debounceMs ? setDraft(e.target.value) : onChange(e.target.value.trim()))}
      />
    </div>
  );
}
