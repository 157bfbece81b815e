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

/** The cooperative's people: its admins invite by the e-mail a person registered with, and remove. */
export function MembersPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('seller.members.title'));
  const { cooperative, isAdmin } = useSeller();
  const session = useSession();
  const members = useApi(() => api.GET('/api/v1/cooperatives/{id}/members', { params: { path: { id: cooperative.id } } }), [cooperative.id]);
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
    const { data, error: failure } = await api.POST('/api/v1/cooperatives/{id}/members', { params: { path: { id: cooperative.id } }, body: { email, role } }).catch(() => ({ data: undefined, error: null }));
    setBusy(false);
    if (!data) return setInviteError(errorOf(failure, t('errors.network')));
    form.reset();
    members.reload();
  };

  const remove = async (member: Schemas['MemberDto']) => {
    if (!window.confirm(t('seller.members.confirmRemove', { name: member.fullName }))) return;
    setError(null);
    const { error: failure, response } = await api.DELETE('/api/v1/cooperatives/{id}/members/{userId}', { params: { path: { id: cooperative.id, userId: member.userId } } }).catch(() => ({ error: null, response: null }));
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
                  <button type="button" className="link-button" onClick={() => void remove(m)} aria-label={t('seller.members.removeNamed', { name: m.fullName })}>
                    {t('seller.common.remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
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
        <button type="submit" className="button" disabled={busy}>
          {t('seller.members.add')}
        </button>
      </form>
    </section>
  );
}
