import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}

/** A modal question before an act that moves money; Escape or "cancel" closes it, focus stays inside. */
export function ConfirmDialog({ title, confirmLabel, busy, onConfirm, onCancel, children }: ConfirmDialogProps) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.money' });
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm();
  };
  return (
    <dialog ref={dialog} className="money-dialog" aria-labelledby="money-dialog-title" onCancel={onCancel}>
      <form onSubmit={submit} noValidate>
        <h2 id="money-dialog-title">{title}</h2>
        {children}
        <p className="dialog-actions">
          <button type="button" className="button secondary" onClick={onCancel} disabled={busy}>
            {t('cancel')}
          </button>
          <button type="submit" className="button" disabled={busy}>
            {confirmLabel}
          </button>
        </p>
      </form>
    </dialog>
  );
}
