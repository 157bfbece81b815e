import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError, type Schemas } from '../api/client';
import { uploadFile } from '../api/upload';
import { formatDateTime, formatVnd } from '../format';
import { usePaged } from '../hooks';
import { ErrorState } from './bits';
import { fieldErrors } from './forms';
import { RefundStatus, ReturnPhotos } from './RefundStatus';

type Order = Schemas['OrderDto'];
type Return = Schemas['ReturnDto'];
/** The API takes at most this many photos per request (RETURN_PHOTOS_MAX). */
const PHOTOS_MAX = 6;

/**
 * A delivered order's returns as its buyer follows them, and — while the return window is open —
 * the way to ask for one: which lines and how many, why, and photos of the goods.
 */
export function OrderReturnsBox({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState(false);
  const returns = usePaged(
    (cursor) => api.GET('/api/v1/orders/{id}/returns', { params: { path: { id: order.id }, query: { limit: 20, cursor } } }),
    [order.id],
  );
  const open = order.returnableUntil !== null && Date.parse(order.returnableUntil) > Date.now();
  return (
    <section className="order-returns" aria-label={t('returns.title')}>
      {returns.error && <ErrorState error={returns.error} retry={returns.reload} />}
      {returns.items.map((r) => (
        <ReturnSummary key={r.id} ret={r} />
      ))}
      {returns.hasMore && (
        <button type="button" className="link-button" onClick={returns.loadMore}>
          {t('search.more')}
        </button>
      )}
      {open && !asking && (
        <p className="small">
          <button type="button" className="button secondary small" onClick={() => setAsking(true)}>
            {t('returns.ask')}
          </button>{' '}
          <span className="muted">{t('returns.until', { date: formatDateTime(order.returnableUntil!, i18n.language) })}</span>
        </p>
      )}
      {open && asking && (
        <ReturnForm
          order={order}
          onCancel={() => setAsking(false)}
          onSent={() => {
            setAsking(false);
            returns.reload();
          }}
        />
      )}
    </section>
  );
}

function ReturnSummary({ ret }: { ret: Return }) {
  const { t } = useTranslation();
  return (
    <div className="return-summary" data-testid="buyer-return">
      <p>
        <strong>{t(`returns.status.${ret.status}`)}</strong> · {ret.lines.map((l) => `${l.quantity} × ${l.productName}`).join(', ')} · {formatVnd(ret.amount)}
      </p>
      {ret.decisionReason && <p className="small">{t('returns.answer', { reason: ret.decisionReason })}</p>}
      <ReturnPhotos photos={ret.photos} />
      {ret.refund && <RefundStatus refund={ret.refund} />}
    </div>
  );
}

/** Problems the form shows beside their field; any other (the window closed, a photo refused) goes above the buttons. */
const shownBeside = (field: string) => field === 'reason' || field.startsWith('lines');

function ReturnForm({ order, onSent, onCancel }: { order: Order; onSent(): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [sending, setSending] = useState<string | null>(null);
  const [photos, setPhotos] = useState<File[]>([]);
  // Field errors name the request's lines by their position in what was sent (`lines[1].quantity`).
  const [sentVariants, setSentVariants] = useState<string[]>([]);
  const fields = fieldErrors(error);
  const lineError = (variantId: string) => {
    const i = sentVariants.indexOf(variantId);
    return i < 0 ? undefined : (fields[`lines[${i}].quantity`] ?? fields[`lines[${i}].variantId`]);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const lines = order.lines.map((l) => ({ variantId: l.variantId, quantity: Number(form.get(`qty-${l.variantId}`) || 0) })).filter((l) => l.quantity > 0);
    if (lines.length === 0)
      return setError({ code: 'VALIDATION_FAILED', message: t('returns.pickLines'), details: [{ field: 'lines', message: t('returns.pickLines') }] });
    setSentVariants(lines.map((l) => l.variantId));
    setBusy(true);
    setError(null);
    try {
      const answer = await api.POST('/api/v1/orders/{id}/returns', {
        params: { path: { id: order.id } },
        body: { lines, reason: String(form.get('reason') ?? '').trim() },
      });
      if (!answer.data) return setError(errorOf(answer.error, t('errors.network')));
      // The request stands once made; each photo is added to it in turn, and one that fails says why.
      for (const [i, photo] of photos.entries()) {
        const body = new FormData();
        body.append('file', photo);
        const sent = await uploadFile<Return>(`/api/v1/returns/${answer.data.id}/photos`, body, i18n.language, (f) =>
          setSending(t('returns.sendingPhoto', { n: i + 1, total: photos.length, percent: Math.round(f * 100) })),
        );
        if (sent.error) {
          setSending(null);
          return setError({
            ...sent.error,
            message: t('returns.photoFailed', { name: photo.name, message: sent.error.details?.[0]?.message ?? sent.error.message }),
            details: [],
          });
        }
      }
      setSending(null);
      onSent();
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel return-form" onSubmit={(e) => void submit(e)} noValidate>
      <h4>{t('returns.ask')}</h4>
      <fieldset>
        <legend>{t('returns.which')}</legend>
        {order.lines.map((line) => {
          const problem = lineError(line.variantId);
          return (
            <div className="field return-line" key={line.variantId}>
              <label htmlFor={`qty-${order.id}-${line.variantId}`}>
                {line.productName}{' '}
                <span className="muted small">
                  ({line.variantName}, {t('returns.bought', { count: line.quantity })})
                </span>
              </label>
              <input
                id={`qty-${order.id}-${line.variantId}`}
                name={`qty-${line.variantId}`}
                type="number"
                inputMode="numeric"
                min={0}
                max={line.quantity}
                defaultValue={0}
                aria-invalid={problem ? true : undefined}
              />
              {problem && <p className="field-error">{problem}</p>}
            </div>
          );
        })}
        {fields.lines && <p className="field-error">{fields.lines}</p>}
      </fieldset>
      <div className="field">
        <label htmlFor={`return-reason-${order.id}`}>{t('returns.reason')}</label>
        <textarea id={`return-reason-${order.id}`} name="reason" rows={3} maxLength={2000} required aria-invalid={fields.reason ? true : undefined} />
        {fields.reason && <p className="field-error">{fields.reason}</p>}
      </div>
      <div className="field">
        <label htmlFor={`return-photos-${order.id}`}>{t('returns.photos')}</label>
        <input
          id={`return-photos-${order.id}`}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          onChange={(e) => setPhotos(Array.from(e.target.files ?? []).slice(0, PHOTOS_MAX))}
          aria-describedby={`return-photos-${order.id}-hint`}
        />
        <p id={`return-photos-${order.id}-hint`} className="hint">
          {t('returns.photosHint', { max: PHOTOS_MAX })}
        </p>
      </div>
      {sending && (
        <p className="small" role="status">
          {sending}
        </p>
      )}
      {error && !error.details?.some((d) => d.field && shownBeside(d.field)) && (
        <p className="field-error" role="alert">
          {error.code === 'NETWORK' ? t('errors.network') : (error.details?.[0]?.message ?? error.message)}
        </p>
      )}
      <div className="action-buttons">
        <button type="submit" className="button" disabled={busy}>
          {t('returns.send')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel} disabled={busy}>
          {t('returns.cancel')}
        </button>
      </div>
    </form>
  );
}
