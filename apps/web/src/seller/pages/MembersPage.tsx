import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError, type Schemas } from '../../api/client';
import { formatDate } from '../../format';
import { useApi, useDocumentTitle } from '../../hooks';
import { useSession } from '../../session';
import { PageState } from '../../ui/bits';
import { Field, fieldErrors } from '../../ui/forms';
import { useSeller } from '../area';
import { FormError } from '../ui/states';

type Role = Schemas['MemberDto']['role'];

/**
 * The cooperative's people: its admins invite by e-mail (the person accepts at /seller/invitations),
 * see and withdraw pending invitations, and remove members.
 */
export function MembersPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('seller.members.title'));
  const { cooperative, isAdmin } = useSeller();
  const session = useSession();
  const members = useApi(() => api.GET('/api/v1/cooperatives/{id}/members', { params: { path: { id: cooperative.id } } }), [cooperative.id]);
  const invitations = useApi(() => api.GET('/api/v1/cooperatives/{id}/invitations', { params: { path: { id: cooperative.id } } }), [cooperative.id]);
  const [invited, setInvited] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [inviteError, setInviteError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [role, setRole] = useState<Role>('coop_member');

  if (!isAdmin) {
    return (
      <section>
        <h1>{t('seller.members.title')}</h1>
        <p>{t('seller.members.adminsOnly')}</p>
      </section>
    );
  }

  const invite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const email = String(new FormData(form).get('email') ?? '').trim();
    setBusy(true);
    setInviteError(null);
    setInvited(null);
    const { data, error: failure } = await api
      .POST('/api/v1/cooperatives/{id}/invitations', { params: { path: { id: cooperative.id } }, body: { email, role } })
      .catch(() => ({ data: undefined, error: null }));
    setBusy(false);
    if (!data) return setInviteError(errorOf(failure, t('errors.network')));
    form.reset();
    setInvited(data.email);
    invitations.reload();
  };

  const revoke = async (invitation: Schemas['InvitationDto']) => {
    if (!window.confirm(t('seller.members.confirmRevoke', { email: invitation.email }))) return;
    setError(null);
    const { error: failure, response } = await api
      .DELETE('/api/v1/cooperatives/{id}/invitations/{invitationId}', { params: { path: { id: cooperative.id, invitationId: invitation.id } } })
      .catch(() => ({ error: null, response: null }));
    if (!response?.ok) return setError(errorOf(failure, t('errors.network')));
    invitations.reload();
  };

  const remove = async (member: Schemas['MemberDto']) => {
    if (!window.confirm(t('seller.members.confirmRemove', { name: member.fullName }))) return;
    setError(null);
    const { error: failure, response } = await api
      .DELETE('/api/v1/cooperatives/{id}/members/{userId}', { params: { path: { id: cooperative.id, userId: member.userId } } })
      .catch(() => ({ error: null, response: null }));
    if (!response?.ok) return setError(errorOf(failure, t('errors.network')));
    members.reload();
  };

  const fields = fieldErrors(inviteError);
  return (
    <section className="wide-page">
      <h1>{t('seller.members.title')}</h1>
      <PageState state={members}>
        {(list) => (
          <ul className="members">
            {list.items.map((m) => (
              <li key={m.userId}>
                <span>
                  <strong>{m.fullName}</strong>
                  <span className="muted small block">
                    {m.email} · {t(`seller.members.role.${m.role}`)} · {t('seller.members.since', { date: formatDate(m.since, i18n.language) })}
                  </span>
                </span>
                {m.userId !== session.user?.id && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void remove(m)}
                    aria-label={t('seller.members.removeNamed', { name: m.fullName })}
                  >
                    {t('seller.common.remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </PageState>
      <h2>{t('seller.members.pending')}</h2>
      <PageState state={invitations}>
        {(list) =>
          list.items.length === 0 ? (
            <p className="empty">{t('seller.members.noPending')}</p>
          ) : (
            <ul className="members">
              {list.items.map((i) => (
                <li key={i.id}>
                  <span>
                    <strong>{i.email}</strong>
                    <span className="muted small block">
                      {t(`seller.members.role.${i.role}`)} · {t('seller.members.expires', { date: formatDate(i.expiresAt, i18n.language) })}
                    </span>
                  </span>
                  <button type="button" className="link-button" onClick={() => void revoke(i)} aria-label={t('seller.members.revokeNamed', { email: i.email })}>
                    {t('seller.members.revoke')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </PageState>
      <FormError error={error} />
      <form className="panel" onSubmit={(e) => void invite(e)} noValidate>
        <h2>{t('seller.members.invite')}</h2>
        <p className="small">{t('seller.members.inviteHint')}</p>
        <Field label={t('auth.email')} name="email" type="email" autoComplete="off" required error={fields.email} />
        <div className="field">
          <label htmlFor="member-role">{t('seller.members.roleLabel')}</label>
          <select id="member-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="coop_member">{t('seller.members.role.coop_member')}</option>
            <option value="coop_admin">{t('seller.members.role.coop_admin')}</option>
          </select>
          {fields.role && <p className="field-error">{fields.role}</p>}
        </div>
        <FormError error={inviteError} />
        {invited && (
          <p className="notice" role="status">
            {t('seller.members.invited', { email: invited })}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {t('seller.members.send')}
        </button>
      </form>
    </section>
  );
}
