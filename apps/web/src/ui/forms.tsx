import type { InputHTMLAttributes } from 'react';
import type { ApiError } from '../api/client';

/**
 * The server names the field of every problem (`shippingAddress.phone`); forms show it there.
 * `labels` puts the form's own words for a field where the message quotes the API's name
 * (“accountNumber” → “Số tài khoản”).
 */
export function fieldErrors(error: ApiError | null | undefined, labels: Record<string, string> = {}): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const detail of error?.details ?? []) {
    if (!detail.field || byField[detail.field]) continue;
    const label = labels[detail.field];
    byField[detail.field] = label ? detail.message.replaceAll(`“${detail.field}”`, `“${label}”`).replaceAll(detail.field, label) : detail.message;
  }
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
