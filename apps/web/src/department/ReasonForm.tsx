import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { ErrorState } from '../ui/bits';
import { fieldErrors } from '../ui/forms';

interface ReasonFormProps {
  /** The body field the text goes in (`reason`, `note`): the API names it when it objects. */
  field: 'reason' | 'note';
  label: string;
  required: boolean;
  submitLabel: string;
  danger?: boolean;
  /** Sends the decision; answers the API's error, or null once it is done. */
  onSubmit: (text: string) => Promise<ApiError | null>;
}

/** One decision with its reason: the reason's problem beside it, any other refusal below. */
export function ReasonForm({ field, label, required, submitLabel, danger, onSubmit }: ReasonFormProps) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.review' });
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const fieldError = missing ? t('reasonRequired') : fieldErrors(error)[field];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(required && !text.trim());
    if (required && !text.trim()) return;
    setBusy(true);
    setError(null);
    const failure = await onSubmit(text.trim());
    setBusy(false);
    setError(failure);
    if (!failure) setText('');
  };

  return (
    <form className="dept-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={field}
        value={text}
        onChange={(e) => setText(e.target.value)}
        required={required}
        maxLength={2000}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={fieldError ? `${id}-error` : undefined}
      />
      {fieldError && (
        <p id={`${id}-error`} className="field-error">
          {fieldError}
        </p>
      )}
      {error && !fieldErrors(error)[field] && <ErrorState error={error} />}
      <p>
        <button type="submit" className={`button${danger ? ' danger' : ''}`} disabled={busy}>
          {submitLabel}
        </button>
      </p>
    </form>
  );
}
