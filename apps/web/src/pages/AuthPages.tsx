import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorOf, type ApiError } from '../api/client';
import { useDocumentTitle } from '../hooks';
import { useSession } from '../session';
import { Field, fieldErrors } from '../ui/forms';

/** Only paths of this site: `?next=https://evil.example` must not send a person elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.signInTitle'));
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure } = await api.POST('/api/v1/auth/login', { body: { email: String(form.get('email')), password: String(form.get('password')) } });
      if (failure || !data) return setError(errorOf(failure, t('errors.network')));
      session.signedIn(data);
      navigate(next, { replace: true });
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  const fields = fieldErrors(error);
  return (
    <section className="narrow">
      <h1>{t('auth.signInTitle')}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required error={fields.email} />
        <Field label={t('auth.password')} name="password" type="password" autoComplete="current-password" required error={fields.password} />
        {error && !error.details?.length && (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" className="button wide" disabled={busy}>
          {t('auth.signIn')}
        </button>
      </form>
      <p>
        {t('auth.noAccount')} <Link to={`/register?next=${encodeURIComponent(next)}`}>{t('auth.register')}</Link>
      </p>
    </section>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.registerTitle'));
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const phone = String(form.get('phone') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure } = await api.POST('/api/v1/auth/register', {
        body: { fullName: String(form.get('fullName')), email: String(form.get('email')), password: String(form.get('password')), ...(phone ? { phone } : {}) },
      });
      if (failure || !data) return setError(errorOf(failure, t('errors.network')));
      session.signedIn(data);
      navigate(next, { replace: true });
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  const fields = fieldErrors(error);
  return (
    <section className="narrow">
      <h1>{t('auth.registerTitle')}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('auth.fullName')} name="fullName" autoComplete="name" required error={fields.fullName} />
        <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required error={fields.email} />
        <Field label={t('auth.phoneOptional')} name="phone" type="tel" autoComplete="tel" inputMode="tel" error={fields.phone} />
        <Field label={t('auth.password')} name="password" type="password" autoComplete="new-password" minLength={8} required hint={t('auth.passwordHint')} error={fields.password} />
        {error && !error.details?.length && (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" className="button wide" disabled={busy}>
          {t('auth.register')}
        </button>
      </form>
      <p>
        {t('auth.haveAccount')} <Link to={`/login?next=${encodeURIComponent(next)}`}>{t('auth.signIn')}</Link>
      </p>
    </section>
  );
}
