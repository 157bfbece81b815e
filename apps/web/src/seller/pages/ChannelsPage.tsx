import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError, type Schemas } from '../../api/client';
import { formatDateTime } from '../../format';
import { useApi, useDocumentTitle, usePaged, useJob } from '../../hooks';
import { PageState } from '../../ui/bits';
import { CopyButton } from '../../ui/CopyButton';
import { fieldErrors } from '../../ui/forms';
import { useSeller } from '../area';
import { replaceFeedLink } from '../lib';
import type { Channel } from '../listings';
import { FormError, PagedFooter } from '../ui/states';
import { ProgressBar } from '../../ui/ProgressBar';

type Platform = Schemas['PlatformDto'];

/** The credential fields of each marketplace ; secrets are typed once and never shown again. */
const CREDENTIALS: Record<string, Array<{ key: string; secret?: boolean; numeric?: boolean }>> = {
  shopee: [
    { key: 'partnerId', numeric: true },
    { key: 'partnerKey', secret: true },
    { key: 'shopId', numeric: true },
    { key: 'accessToken', secret: true },
    { key: 'refreshToken', secret: true },
  ],
  lazada: [{ key: 'appKey' }, { key: 'appSecret', secret: true }, { key: 'accessToken', secret: true }, { key: 'refreshToken', secret: true }],
  'tiktok-shop': [
    { key: 'appKey' },
    { key: 'appSecret', secret: true },
    { key: 'accessToken', secret: true },
    { key: 'refreshToken', secret: true },
    { key: 'shopCipher' },
  ],
};

/** What a shop's items are listed with that the seller picks from the shop's own list (GET /channels/{id}/options). */
const PICKS: Record<string, 'logistics' | 'warehouses' | undefined> = { shopee: 'logistics', 'tiktok-shop': 'warehouses' };

export function ChannelsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('seller.channels.title'));
  const { cooperative, isAdmin } = useSeller();
  const platforms = useApi(() => api.GET('/api/v1/channels/platforms'), []);
  const channels = useApi(() => api.GET('/api/v1/cooperatives/{id}/channels', { params: { path: { id: cooperative.id } } }), [cooperative.id]);
  // What connecting answered once: the first sync's job, and a feed's secret link.
  const [fresh, setFresh] = useState<Record<string, { jobId?: string; feedUrl?: string | null }>>({});
  const nameOf = (platform: string) => platforms.data?.find((p) => p.platform === platform)?.name ?? platform;

  // Back from the platform's approval page: the shop is connected and its first sync has started.
  const justConnected = new URLSearchParams(window.location.search).get('connected');

  const connected = (connection: Channel) => {
    setFresh((f) => ({ ...f, [connection.id]: { jobId: connection.syncJobId, feedUrl: connection.feedUrl } }));
    channels.reload();
  };

  return (
    <section className="wide-page">
      <h1>{t('seller.channels.title')}</h1>
      <p>{t('seller.channels.lead')}</p>
      {justConnected && (
        <p className="notice" role="status" data-testid="connected-notice">
          {t('seller.channels.connectedNotice')}
        </p>
      )}
      <PageState state={channels}>
        {(list) => {
          const live = list.filter((c) => c.status !== 'disconnected');
          const taken = new Set(live.map((c) => c.platform));
          return (
            <>
              {live.length === 0 ? (
                <p className="empty">{t('seller.channels.none')}</p>
              ) : (
                <ul className="channel-cards">
                  {live.map((c) => (
                    <ChannelCard
                      key={c.id}
                      channel={c}
                      name={nameOf(c.platform)}
                      oneClick={!!platforms.data?.find((p) => p.platform === c.platform)?.oneClick}
                      firstJob={fresh[c.id]?.jobId}
                      feedUrl={c.feedUrl ?? fresh[c.id]?.feedUrl}
                      onSynced={channels.reload}
                    />
                  ))}
                </ul>
              )}
              {isAdmin && platforms.data && <Connect platforms={platforms.data} taken={taken} onConnected={connected} />}
            </>
          );
        }}
      </PageState>
    </section>
  );
}

function ChannelCard({
  channel,
  name,
  oneClick,
  firstJob,
  feedUrl: given,
  onSynced,
}: {
  channel: Channel;
  name: string;
  oneClick: boolean;
  firstJob?: string;
  feedUrl?: string | null;
  onSynced(): void;
}) {
  const { t, i18n } = useTranslation();
  const { isAdmin } = useSeller();
  const [replaced, setReplaced] = useState<string | null>(null);
  const feedUrl = replaced ?? given;
  const [jobId, setJobId] = useState<string | null>(firstJob ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  const [showFailed, setShowFailed] = useState(false);
  const { job } = useJob(jobId, onSynced);
  const running = !!job && (job.status === 'queued' || job.status === 'running');
  const counts = channel.listings;

  const newFeedLink = async () => {
    setError(null);
    const { data, error: failure } = await replaceFeedLink(channel.id).catch(() => ({ data: undefined, error: null }));
    if (!data) return setError(errorOf(failure, t('errors.network')));
    setReplaced(data.feedUrl);
  };

  const sync = async () => {
    setError(null);
    const { data, error: failure } = await api
      .POST('/api/v1/channels/{id}/sync', { params: { path: { id: channel.id } } })
      .catch(() => ({ data: undefined, error: null }));
    if (!data) return setError(errorOf(failure, t('errors.network')));
    setJobId(data.jobId);
  };

  return (
    <li className={`channel-card channel-status-${channel.status}`} data-testid={`channel-${channel.platform}`}>
      <div className="channel-card-head">
        <h2>
          {name}
          {channel.shopName && <span className="muted small block">{channel.shopName}</span>}
        </h2>
        <span className={`status connection-${channel.status}`}>{t(`seller.channels.status.${channel.status}`)}</span>
      </div>
      {channel.status === 'needs_reauthorization' && (
        <div className="reauthorize">
          <p>{t('seller.channels.reauthorizeText')}</p>
          {isAdmin && oneClick && <AuthorizeButton platform={channel.platform} label={t('seller.channels.reconnect', { name })} />}
        </div>
      )}
      {channel.lastError && (
        <p className="field-error" role="alert">
          {channel.lastError}
        </p>
      )}
      {channel.kind === 'api' ? (
        <>
          <ul className="listing-counts" aria-label={t('seller.channels.listings')}>
            {(['synced', 'pending', 'failed'] as const).map((status) => (
              <li key={status} className={`count-${status}`} data-testid={`count-${status}`}>
                <strong>{counts[status]}</strong> {t(`seller.channels.count.${status}`)}
              </li>
            ))}
          </ul>
          {channel.ordersSyncedUntil && (
            <p className="muted small">{t('seller.channels.ordersUntil', { time: formatDateTime(channel.ordersSyncedUntil, i18n.language) })}</p>
          )}
          {counts.failed > 0 && (
            <button type="button" className="link-button" aria-expanded={showFailed} onClick={() => setShowFailed((s) => !s)}>
              {showFailed ? t('seller.channels.hideFailed') : t('seller.channels.showFailed', { count: counts.failed })}
            </button>
          )}
          {showFailed && <FailedListings channelId={channel.id} />}
          {isAdmin && PICKS[channel.platform] && channel.status !== 'needs_reauthorization' && (
            <details className="advanced shop-settings" data-testid={`settings-${channel.platform}`}>
              <summary>{t(`seller.channels.picks.${PICKS[channel.platform]}.title`)}</summary>
              <ShopSettings channel={channel} kind={PICKS[channel.platform]!} onSaved={onSynced} />
            </details>
          )}
          <div className="sync-row">
            <button type="button" className="button" disabled={running} onClick={() => void sync()}>
              {running ? t('seller.channels.syncing') : t('seller.channels.syncNow')}
            </button>
          </div>
          {job && (
            <>
              <ProgressBar
                value={job.total ? (job.done + job.failed) / job.total : job.status === 'completed' ? 1 : 0}
                label={t('seller.channels.syncProgress')}
              />
              <p className="small" aria-live="polite">
                {job.status === 'completed' || job.status === 'failed'
                  ? t('seller.channels.syncDone', { done: job.done, failed: job.failed })
                  : t('seller.channels.syncCounts', { done: job.done + job.failed, total: job.total })}
              </p>
            </>
          )}
        </>
      ) : (
        <div className="feed-link">
          <p>{t('seller.channels.feedText')}</p>
          {feedUrl ? (
            <p className="feed-url">
              <code data-testid="feed-url">{feedUrl}</code> <CopyButton value={feedUrl} label={t('seller.channels.feedLink')} />
            </p>
          ) : (
            <p className="muted small">{t('seller.channels.feedHidden')}</p>
          )}
          {isAdmin && (
            <button type="button" className="button secondary small" onClick={() => void newFeedLink()}>
              {t('seller.channels.newFeedLink')}
            </button>
          )}
        </div>
      )}
      {error && <FormError error={error} />}
    </li>
  );
}

/** The listings a shop refused, each with the platform's own reason. */
function FailedListings({ channelId }: { channelId: string }) {
  const { t, i18n } = useTranslation();
  const list = usePaged(
    (cursor) =>
      api.GET('/api/v1/channels/{id}/listings', {
        params: { path: { id: channelId }, query: { status: 'failed', limit: 20, cursor }, header: { 'accept-language': i18n.language } },
      }),
    [channelId],
  );
  return (
    <>
      <ul className="failed-listings">
        {list.items.map((l) => (
          <li key={l.id}>
            <strong>{l.sku}</strong>: {l.lastError ?? l.lastErrorCode ?? '—'}
            {l.lastErrorCode && l.lastError && <span className="muted small block">{t('seller.channels.errorCode', { code: l.lastErrorCode })}</span>}
            {l.deadLettered && <span className="muted small block">{t('seller.channels.gaveUp')}</span>}
          </li>
        ))}
      </ul>
      <PagedFooter list={list} empty={t('seller.channels.noFailed')} />
    </>
  );
}

/**
 * The shop's shipping channels (several) or warehouses (one), read from the platform when opened,
 * the connection's current picks ticked; saved only from that list, so no id is ever typed.
 */
function ShopSettings({ channel, kind, onSaved }: { channel: Channel; kind: 'logistics' | 'warehouses'; onSaved(): void }) {
  const { t, i18n } = useTranslation();
  const options = useApi(
    () => api.GET('/api/v1/channels/{id}/options', { params: { path: { id: channel.id }, header: { 'accept-language': i18n.language } } }),
    [channel.id],
  );
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const fields = fieldErrors(error);
  const field = kind === 'logistics' ? 'logisticIds' : 'warehouseId';

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = kind === 'logistics' ? { logisticIds: form.getAll('logisticIds').map(Number) } : { warehouseId: String(form.get('warehouseId') ?? '') };
    setBusy(true);
    setError(null);
    setSaved(false);
    const { data, error: failure } = await api
      .PATCH('/api/v1/channels/{id}/settings', { params: { path: { id: channel.id }, header: { 'accept-language': i18n.language } }, body })
      .catch(() => ({ data: undefined, error: null }));
    setBusy(false);
    if (!data) return setError(errorOf(failure, t('errors.network')));
    setSaved(true);
    onSaved();
  };

  return (
    <PageState state={options}>
      {(offered) => {
        const choices = (kind === 'logistics' ? offered.logistics : offered.warehouses) ?? [];
        if (choices.length === 0) return <p className="muted small">{t(`seller.channels.picks.${kind}.none`)}</p>;
        const current = new Set(kind === 'logistics' ? (channel.settings.logisticIds ?? []).map(String) : [channel.settings.warehouseId ?? '']);
        return (
          <form onSubmit={(e) => void save(e)} noValidate>
            <fieldset aria-invalid={fields[field] ? true : undefined}>
              <legend className="small">{t(`seller.channels.picks.${kind}.hint`)}</legend>
              {choices.map((choice) => (
                <label key={choice.id} className="choice">
                  <input type={kind === 'logistics' ? 'checkbox' : 'radio'} name={field} value={choice.id} defaultChecked={current.has(String(choice.id))} />{' '}
                  {choice.name}
                  {choice.preferred && kind === 'warehouses' && <span className="muted small"> ({t('seller.channels.picks.warehouses.default')})</span>}
                </label>
              ))}
            </fieldset>
            {fields[field] && <p className="field-error">{fields[field]}</p>}
            <FormError error={error} />
            {saved && (
              <p className="notice small" role="status">
                {t('seller.channels.picks.saved')}
              </p>
            )}
            <button type="submit" className="button secondary small" disabled={busy}>
              {t('seller.channels.picks.save')}
            </button>
          </form>
        );
      }}
    </PageState>
  );
}

function Connect({ platforms, taken, onConnected }: { platforms: Platform[]; taken: Set<string>; onConnected(c: Channel): void }) {
  const { t } = useTranslation();
  const feeds = platforms.filter((p) => p.kind === 'feed' && !taken.has(p.platform));
  const shops = platforms.filter((p) => p.kind === 'api');
  return (
    <section className="connect">
      <h2>{t('seller.channels.connectTitle')}</h2>
      {feeds.length > 0 && (
        <div className="panel">
          <h3>{t('seller.channels.feedsTitle')}</h3>
          <p className="small">{t('seller.channels.feedsText')}</p>
          <div className="action-buttons">
            {feeds.map((p) => (
              <FeedButton key={p.platform} platform={p} onConnected={onConnected} />
            ))}
          </div>
        </div>
      )}
      <div className="panel">
        <h3>{t('seller.channels.shopsTitle')}</h3>
        <p className="small">{t('seller.channels.shopsText')}</p>
        {shops.map((p) => (
          <div key={p.platform} className="shop-connect" data-testid={`connect-${p.platform}`}>
            {p.oneClick ? (
              <AuthorizeButton platform={p.platform} label={t('seller.channels.connectOneClick', { name: p.name })} />
            ) : (
              <p className="muted small">{t('seller.channels.notSetUp', { name: p.name })}</p>
            )}
            <details className="advanced">
              <summary>{t('seller.channels.advanced', { name: p.name })}</summary>
              <ShopForm platform={p} onConnected={onConnected} />
            </details>
          </div>
        ))}
      </div>
    </section>
  );
}

/** Sends the admin to the platform to sign in and approve our app; the platform brings them back to this page. */
function AuthorizeButton({ platform, label }: { platform: string; label: string }) {
  const { cooperative } = useSeller();
  return (
    <CallButton
      label={label}
      className="button"
      call={() => api.POST('/api/v1/cooperatives/{id}/channels/authorizations', { params: { path: { id: cooperative.id } }, body: { platform } })}
      onDone={(started) => window.location.assign(started.authorizeUrl)}
    />
  );
}

function FeedButton({ platform, onConnected }: { platform: Platform; onConnected(c: Channel): void }) {
  const { t } = useTranslation();
  const { cooperative } = useSeller();
  return (
    <CallButton
      label={t('seller.channels.connectFeed', { name: platform.name })}
      className="button secondary"
      call={() => api.POST('/api/v1/cooperatives/{id}/channels', { params: { path: { id: cooperative.id } }, body: { platform: platform.platform } })}
      onDone={onConnected}
    />
  );
}

/** One API call behind a button: disabled while it runs, its refusal shown beside it, its answer handed on. */
function CallButton<T>({
  label,
  className,
  call,
  onDone,
}: {
  label: string;
  className: string;
  call(): Promise<{ data?: T; error?: unknown }>;
  onDone(data: T): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const { data, error: failure } = await call().catch(() => ({ data: undefined, error: null }));
    setBusy(false);
    if (!data) return setError(errorOf(failure, t('errors.network')));
    onDone(data);
  };
  return (
    <>
      <button type="button" className={className} disabled={busy} onClick={() => void run()}>
        {label}
      </button>
      <FormError error={error} />
    </>
  );
}

function ShopForm({ platform, onConnected }: { platform: Platform; onConnected(c: Channel): void }) {
  const { t } = useTranslation();
  const { cooperative } = useSeller();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const fields = fieldErrors(error);
  const credentialFields = CREDENTIALS[platform.platform] ?? [];
  const prefix = `connect-${platform.platform}`;
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const credentials = Object.fromEntries(credentialFields.map((f) => [f.key, text(f.key)]).filter(([, v]) => v !== ''));
    setBusy(true);
    setError(null);
    const { data, error: failure } = await api
      .POST('/api/v1/cooperatives/{id}/channels', {
        params: { path: { id: cooperative.id } },
        // Shipping channels and the warehouse are read from the shop, then picked from its list on the card.
        body: { platform: platform.platform, credentials },
      })
      .catch(() => ({ data: undefined, error: null }));
    setBusy(false);
    if (!data) return setError(errorOf(failure, t('errors.network')));
    // The secrets leave the screen once stored.
    formRef.current?.reset();
    formRef.current?.closest('details')?.removeAttribute('open');
    onConnected(data);
  };

  const field = (name: string, label: string, errorKey: string, extra: { secret?: boolean; numeric?: boolean; hint?: string } = {}) => {
    const id = `${prefix}-${name}`;
    const err = fields[errorKey];
    return (
      <div className="field" key={name}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          name={name}
          type={extra.secret ? 'password' : 'text'}
          autoComplete="off"
          inputMode={extra.numeric ? 'numeric' : undefined}
          aria-invalid={err ? true : undefined}
        />
        {extra.hint && <p className="hint">{extra.hint}</p>}
        {err && <p className="field-error">{err}</p>}
      </div>
    );
  };

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate className="shop-form">
      <p className="hint">{t('seller.channels.credentialsHint', { name: platform.name })}</p>
      {credentialFields.map((f) => field(f.key, t(`seller.channels.fields.${f.key}`), `credentials.${f.key}`, f))}
      {fields.credentials && <p className="field-error">{fields.credentials}</p>}
      <FormError error={error} />
      <button type="submit" className="button wide" disabled={busy}>
        {t('seller.channels.connect', { name: platform.name })}
      </button>
    </form>
  );
}
