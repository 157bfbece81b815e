import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError, type Schemas } from '../api/client';
import { formatDateTime } from '../format';
import { useDocumentTitle } from '../hooks';
import { ErrorState, Loading } from '../ui/bits';

type CaughtMail = Schemas['CaughtMailListDto'];

/**
 * Admins: the mail the embedded default caught instead of sending (SMTP_URL unset), newest first,
 * so a newcomer sees what the app sends. Text parts only: the HTML of a message is not rendered here.
 */
export function CaughtMailPage() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.mail' });
  useDocumentTitle(t('title'));
  const [state, setState] = useState<{ data?: CaughtMail; error?: ApiError }>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const load = useCallback(() => {
    setState({});
    api
      .GET('/api/v1/admin/mail', { params: { query: { limit: 50 } } })
      .then(({ data, error }) => setState(data ? { data } : { error: errorOf(error, i18n.t('errors.network')) }))
      .catch(() => setState({ error: errorOf(null, i18n.t('errors.network')) }));
  }, [i18n]);
  useEffect(load, [load]);

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead')}</p>
      {state.error ? (
        <ErrorState error={state.error} retry={load} />
      ) : !state.data ? (
        <Loading />
      ) : !state.data.catcherEnabled ? (
        <p className="empty">{t('off')}</p>
      ) : state.data.items.length === 0 ? (
        <p className="empty">{t('none')}</p>
      ) : (
        <ul className="caught-mail">
          {state.data.items.map((mail) => (
            <li key={mail.id} className="claim">
              <button type="button" className="claim-select" aria-expanded={openId === mail.id} onClick={() => setOpenId(openId === mail.id ? null : mail.id)}>
                <strong>{mail.subject}</strong>
                <p className="muted small">
                  {t('to')}: {mail.to} · {formatDateTime(mail.receivedAt, i18n.language)}
                </p>
              </button>
              {openId === mail.id && <pre className="caught-mail-text">{mail.text}</pre>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
