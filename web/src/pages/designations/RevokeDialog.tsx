import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorState } from '../../components/StatusViews';
import type { Designation } from '../suppliers/shapes';

/*
 * Revoking a designation (POST /designations/{id}/revoke): a modal <dialog> that asks for the date and
 * a reason and says what follows before anything is sent. The browser's own modal dialog keeps focus
 * inside and closes on Escape; focus goes back to the button that opened it. Whatever depends on
 * designations (lists, the dashboard, findings) is asked again afterwards.
 */

const today = () => new Date().toISOString().slice(0, 10);

export function RevokeButton({ designation, onRevoked }: { designation: Designation; onRevoked: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button ref={opener} type="button" className="button button-danger" onClick={() => setOpen(true)}>
        {t('designations.revoke.open')}
      </button>
      {open && (
        <RevokeDialog
          designation={designation}
          onClose={(done) => {
            setOpen(false);
            opener.current?.focus();
            if (done) onRevoked();
          }}
        />
      )}
    </>
  );
}

function RevokeDialog({ designation, onClose }: { designation: Designation; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [date, setDate] = useState(today());
  const [reason, setReason] = useState('');
  const revoke = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/designations/{designationId}/revoke', {
          params: { path: { designationId: designation.designationId } },
          body: { date, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        }),
      ),
    onSuccess: async () => {
      await Promise.all(['designations', 'dashboard', 'assessments', 'findings'].map((k) => client.invalidateQueries({ queryKey: [k] })));
      onClose(true);
    },
  });

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-what`}
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          revoke.mutate();
        }}
      >
        <h2 id={`${id}-title`}>{t('designations.revoke.title', { id: designation.designationId })}</h2>
        <p id={`${id}-what`}>{t('designations.revoke.what', { supplier: designation.supplierId, memberState: designation.memberState })}</p>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('designations.revoke.date')}</label>
          <input id={`${id}-date`} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('designations.revoke.reason')}</label>
          <textarea id={`${id}-reason`} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        {revoke.isError && <ErrorState error={revoke.error} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => onClose(false)}>
            {t('designations.revoke.cancel')}
          </button>
          <button type="submit" className="button button-danger" disabled={revoke.isPending || !date}>
            {revoke.isPending ? t('designations.revoke.pending') : t('designations.revoke.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
