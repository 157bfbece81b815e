import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies a value a person must paste elsewhere (a transfer note, a feed link), and says it did. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Older browsers and http pages: select-and-copy through a hidden field.
      const field = document.createElement('textarea');
      field.value = value;
      document.body.append(field);
      field.select();
      document.execCommand('copy');
      field.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" className="copy-button" onClick={() => void copy()} aria-label={t('confirmation.copyLabel', { what: label })}>
      {copied ? t('confirmation.copied') : t('confirmation.copy')}
    </button>
  );
}
