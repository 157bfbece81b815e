import type { InputHTMLAttributes } from 'react';
import type { ApiError } from '../api/client';

/** The server names the field of every problem (`shippingAddress.phone`); forms show it there. */
export function fieldErrors(error: ApiError | null | undefined): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const detail of error?.details ?? []) if (detail.field && !byField[detail.field]) byField[detail.field] = detail.message;
  return byField;
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  error?: string;
  hint?: string;
}

export function Field({ label, name, error, hint, ...input }: FieldProps) {
  const id = `field-${name.replace(/\W/g, '-')}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A fresh key per purchase attempt, so a retried request after a lost answer cannot order twice. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
