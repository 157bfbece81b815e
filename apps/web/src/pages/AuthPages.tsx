import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorOf, type ApiError, type Schemas } from '../api/client';
import { useDocumentTitle } from '../hooks';
import { useSession } from '../session';
import { Field, fieldErrors } from '../ui/forms';

/** Only paths of this site: `?next=https://evil.example` must not send a person elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

type AuthCall = (form: FormData) => Promise<{ data?: Schemas['AuthResponseDto']; error?: unknown }>;

/** Sign in or register, then go where the person was heading (`?next=`). */
function useAuthForm(call: AuthCall) {
  const { t } = useTranslation();
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
      const { data, error: failure } = await call(form);
      if (failure || !data) return setError(errorOf(failure, t('errors.network')));
      session.signedIn(data);
      navigate(next, { replace: true });
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  return { submit: (e: FormEvent<HTMLFormElement>) => void submit(e), error, fields: fieldErrors(error), busy, next };
}

/** A failure that names no field (wrong password, throttled) is shown above the button. */
function FormError({ error }: { error: ApiError | null }) {
  if (!error || error.details?.length) return null;
  return (
    <p className="field-error" role="alert">
      {error.message}
    </p>
  );
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.signInTitle'));
  const { submit, error, fields, busy, next } = useAuthForm((form) =>
    api.POST('/api/v1/auth/login', { body: { email: text(form, 'email'), password: String(form.get('password') ?? '') } }),
  );
  return (
    <section className="narrow">
      <h1>{t('auth.signInTitle')}</h1>
      <form onSubmit={submit} noValidate>
        <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required error={fields.email} />
        <Field label={t('auth.password')} name="password" type="password" autoComplete="current-password" required error={fields.password} />
        <FormError error={error} />
        <button type="submit" className="button wide" disabled={busy}>
          {t('auth.signIn')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('auth.forgotPassword')}</Link>
      </p>
      <p>
        {t('auth.noAccount')} <Link to={`/register?next=${encodeURIComponent(next)}`}>{t('auth.register')}</Link>
      </p>
    </section>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.registerTitle'));
  const { submit, error, fields, busy, next } = useAuthForm((form) => {
    const phone = text(form, 'phone');
    return api.POST('/api/v1/auth/register', {
      body: { fullName: text(form, 'fullName'), email: text(form, 'email'), password: String(form.get('password') ?? ''), ...(phone ? { phone } : {}) },
    });
  });
  return (
    <section className="narrow">
      <h1>{t('auth.registerTitle')}</h1>
      <form onSubmit={submit} noValidate>
        <Field label={t('auth.fullName')} name="fullName" autoComplete="name" required error={fields.fullName} />
        <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required error={fields.email} />
        <Field label={t('auth.phoneOptional')} name="phone" type="tel" autoComplete="tel" inputMode="tel" error={fields.phone} />
        <Field
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          hint={t('auth.passwordHint')}
          error={fields.password}
        />
        <FormError error={error} />
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

/** A form that calls the API once and then shows `done` instead of itself. */
function useOneShotForm(call: (form: FormData) => Promise<{ error?: unknown; response: Response }>) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const { error: failure, response } = await call(form);
      if (failure || !response.ok) return setError(errorOf(failure, t('errors.network')));
      setDone(true);
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  return { submit: (e: FormEvent<HTMLFormElement>) => void submit(e), error, fields: fieldErrors(error), busy, done };
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.forgotTitle'));
  const { submit, error, fields, busy, done } = useOneShotForm((form) => api.POST('/api/v1/auth/password-reset', { body: { email: text(form, 'email') } }));
  return (
    <section className="narrow">
      <h1>{t('auth.forgotTitle')}</h1>
      {done ? (
        <p role="status">{t('auth.forgotSent')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>{t('auth.forgotText')}</p>
          <Field label={t('auth.email')} name="email" type="email" autoComplete="email" required error={fields.email} />
          <FormError error={error} />
          <button type="submit" className="button wide" disabled={busy}>
            {t('auth.sendLink')}
          </button>
        </form>
      )}
      <p>
        <Link to="/login">{t('auth.signIn')}</Link>
      </p>
    </section>
  );
}

/** The page the reset e-mail links to: `/reset-password?token=…`. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.resetTitle'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { submit, error, fields, busy, done } = useOneShotForm((form) =>
    api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password: String(form.get('password') ?? '') } }),
  );
  return (
    <section className="narrow">
      <h1>{t('auth.resetTitle')}</h1>
      {!token ? (
        <p role="alert">{t('auth.linkMissing')}</p>
      ) : done ? (
        <>
          <p role="status">{t('auth.resetDone')}</p>
          <Link className="button wide" to="/login">
            {t('auth.signIn')}
          </Link>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <Field
            label={t('auth.newPassword')}
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            required
            hint={t('auth.passwordHint')}
            error={fields.password}
          />
          {fields.token && (
            <p className="field-error" role="alert">
              {fields.token}
            </p>
          )}
          <FormError error={error} />
          <button type="submit" className="button wide" disabled={busy}>
            {t('auth.savePassword')}
          </button>
        </form>
      )}
      {(!token || fields.token) && (
        <p>
          <Link to="/forgot-password">{t('auth.askAgain')}</Link>
        </p>
      )}
    </section>
  );
}

/** The page the verification e-mail links to: `/verify-email?token=…`; it confirms on opening. */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.verifyTitle'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, setState] = useState<{ done: boolean; error: ApiError | null }>({ done: false, error: null });
  const sent = useRef(false);
  useEffect(() => {
    // Once, even under StrictMode's double effect: the token works once.
    if (!token || sent.current) return;
    sent.current = true;
    api
      .POST('/api/v1/auth/email-verification/confirm', { body: { token } })
      .then(({ error, response }) => setState(response.ok ? { done: true, error: null } : { done: false, error: errorOf(error, t('errors.network')) }))
      .catch(() => setState({ done: false, error: errorOf(null, t('errors.network')) }));
  }, [token, t]);
  const message = !token ? t('auth.linkMissing') : state.error ? (state.error.details?.[0]?.message ?? state.error.message) : null;
  return (
    <section className="narrow">
      <h1>{t('auth.verifyTitle')}</h1>
      {message ? <p role="alert">{message}</p> : <p role="status">{state.done ? t('auth.verifyDone') : t('auth.verifying')}</p>}
      {state.done && (
        <Link className="button wide" to="/">
          {t('auth.continue')}
        </Link>
      )}
    </section>
  );
}
