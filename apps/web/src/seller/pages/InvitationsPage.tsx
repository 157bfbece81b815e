import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, errorOf, type ApiError, type Schemas } from '../../api/client';
import { formatDate } from '../../format';
import { useApi, useDocumentTitle } from '../../hooks';
import { useSession } from '../../session';
import { PageState } from '../../ui/bits';
import { useShell } from '../area';
import { FormError } from '../ui/states';

type Invitation = Schemas['MyInvitationDto'];

/** Where the invitation e-mail leads: the signed-in person's open invitations, to accept or decline. */
export function InvitationsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('seller.invitations.title'));
  const session = useSession();
  const shell = useShell();
  const navigate = useNavigate();
  const invitations = useApi(() => api.GET('/api/v1/me/invitations'), []);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [declined, setDeclined] = useState<string | null>(null);

  const accept = async (invitation: Invitation) => {
    setBusy(invitation.id);
    setError(null);
    const { data, error: failure } = await api
      .POST('/api/v1/me/invitations/{invitationId}/accept', { params: { path: { invitationId: invitation.id } } })
      .catch(() => ({ data: undefined, error: null }));
    setBusy(null);
    if (!data) {
      invitations.reload();
      return setError(errorOf(failure, t('errors.network')));
    }
    shell.refresh(data.cooperativeId);
    navigate('/seller');
  };

  const decline = async (invitation: Invitation) => {
    setBusy(invitation.id);
    setError(null);
    const { error: failure, response } = await api
      .POST('/api/v1/me/invitations/{invitationId}/decline', { params: { path: { invitationId: invitation.id } } })
      .catch(() => ({ error: null, response: null }));
    setBusy(null);
    invitations.reload();
    if (!response?.ok) return setError(errorOf(failure, t('errors.network')));
    setDeclined(invitation.cooperativeName);
  };

  return (
    <section className="narrow">
      <h1>{t('seller.invitations.title')}</h1>
      <p>{t('seller.invitations.lead', { email: session.user?.email })}</p>
      {declined && (
        <p className="notice" role="status">
          {t('seller.invitations.declined', { name: declined })}
        </p>
      )}
      <FormError error={error} />
      <PageState state={invitations}>
        {(list) =>
          list.items.length === 0 ? (
            <p className="empty">{t('seller.invitations.none')}</p>
          ) : (
            <ul className="members">
              {list.items.map((i) => (
                <li key={i.id} className="invitation">
                  <span>
                    <strong>{i.cooperativeName}</strong>
                    <span className="muted small block">
                      {t('seller.invitations.from', {
                        name: i.invitedByName ?? '—',
                        role: t(`seller.members.role.${i.role}`),
                        date: formatDate(i.expiresAt, i18n.language),
                      })}
                    </span>
                  </span>
                  <span className="invitation-actions">
                    <button
                      type="button"
                      className="button"
                      disabled={busy !== null}
                      onClick={() => void accept(i)}
                      aria-label={t('seller.invitations.acceptNamed', { name: i.cooperativeName })}
                    >
                      {t('seller.invitations.accept')}
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      disabled={busy !== null}
                      onClick={() => void decline(i)}
                      aria-label={t('seller.invitations.declineNamed', { name: i.cooperativeName })}
                    >
                      {t('seller.invitations.decline')}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </PageState>
    </section>
  );
}
