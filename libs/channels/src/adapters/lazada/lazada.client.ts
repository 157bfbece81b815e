/**
 * Lazada Open Platform on the wire. Every call carries app_key, timestamp (ms), sign_method and an
 * UPPERCASE HMAC-SHA256 sign over the path and all parameters; seller calls add the access token.
 * Errors come as `{code, type, message}` with a string code ("0" is success).
 */
import { checkTokenRenewal, parseJsonObject, SignedClient, type PlatformAnswer, type SignedProtocol } from '@nongsan/core';
import { ok, type AdapterResult, type ChannelContext } from '../channel-adapter.js';
import { expiryText, tokenLapsed, withTokens, type ExpiringTokens } from '../token-expiry.js';
import { signRequest } from './lazada.signing.js';

export interface LazadaClientOptions {
  /** The country's API host, `https://api.lazada.vn/rest` live, or a fake in tests. */
  baseUrl: string;
  /**
   * Where tokens are issued and refreshed, `https://auth.lazada.com/rest` for every country; its host
   * also serves the authorization page. Unset, anything other than a live API host (a sandbox proxy,
   * the test fake) serves both.
   */
  authUrl?: string;
  timeoutMs: number;
  now?: () => Date;
}

export interface LazadaCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  /** Unix seconds, stored from `expires_in` when the token was issued or renewed. */
  accessTokenExpiresAt?: string;
}

/** What GenerateAccessToken and RefreshAccessToken answer beside `code` (system-api docs). */
export interface LazadaTokenAnswer {
  access_token?: string;
  refresh_token?: string;
  /** Seconds from now. */
  expires_in?: number;
  refresh_expires_in?: number;
  account?: string;
  country?: string;
  country_user_info?: Array<{ country?: string; seller_id?: string; user_id?: string; short_code?: string }>;
}

export interface LazadaRequest {
  method: 'GET' | 'POST';
  path: string;
  /** `api`: the country host, with the seller's access token. `auth`: the token host, without one. */
  host: 'api' | 'auth';
  /** Business parameters: in the query for GET, form-encoded in the body for POST. All are signed. */
  params?: Record<string, string>;
  /** A byte-array parameter: sent multipart and, as documented, left out of the signature. */
  file?: { field: string; body: Buffer; contentType: string; filename: string };
}

/** Lazada's envelope; the token calls put their fields beside `code` instead of under `data`. */
export type LazadaEnvelope<D> = {
  code?: string;
  type?: string;
  message?: string;
  request_id?: string;
  data?: D;
  detail?: Array<{ field?: string; message?: string }>;
} & Record<string, unknown>;

/** A call on one connection's session, answered with Lazada's envelope: how the pieces outside the adapter send. */
export type LazadaCall = <D>(request: LazadaRequest) => Promise<AdapterResult<LazadaEnvelope<D>>>;

export const LIVE_AUTH_URL = 'https://auth.lazada.com/rest';
const REFRESH_TOKEN_PATH = '/auth/token/refresh';
/** "Slow down": E901 (API QPS limit), the gateway's ApiCallLimit, 4154 SYS_REQUEST_TOO_FAST. */
const RATE_LIMIT_CODES = new Set(['901', 'ApiCallLimit', '4154']);
/** Documented internal errors (E006, 1000, 513, 4135 IC service error) and 4147 concurrent edit: worth another try. */
const TRANSIENT_CODES = new Set(['6', 'E0006', '1000', '513', '4135', '4147']);
/**
 * A finished refresh is reused this long by calls that failed with the same old token, instead of
 * spending the new refresh token with the old one. Lazada documents no grace for the old access
 * token, so this only covers calls that were in flight together.
 */
const REFRESH_REUSE_MS = 60_000;
/** Access tokens last days (7 for a test app, 30 live): renewed within their last hour, before a call is refused. */
const EARLY_REFRESH_S = 3600;

export class LazadaClient extends SignedClient<LazadaCredentials, LazadaRequest> {
  readonly authUrl: string;
  private readonly clock: () => Date;

  constructor(options: LazadaClientOptions) {
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    const authUrl = (options.authUrl ?? authUrlFor(baseUrl)).replace(/\/+$/, '');
    super(lazadaProtocol(baseUrl, authUrl), { timeoutMs: options.timeoutMs, now: options.now, refreshReuseMs: REFRESH_REUSE_MS });
    this.authUrl = authUrl;
    this.clock = options.now ?? (() => new Date());
  }

  /** A new pair from the refresh token, saved before anything else: the old refresh token may be spent, so losing this pair loses the shop. */
  async renew(context: ChannelContext, credentials: LazadaCredentials): Promise<AdapterResult<LazadaCredentials>> {
    const result = checkTokenRenewal(
      'Lazada',
      await this.send<LazadaEnvelope<never> & LazadaTokenAnswer>(credentials, {
        method: 'POST',
        path: REFRESH_TOKEN_PATH,
        host: 'auth',
        params: { refresh_token: credentials.refreshToken },
      }),
    );
    if (!result.ok) return result;
    const renewed = this.tokens(result.value);
    await context.saveCredentials(withTokens(context.credentials, renewed));
    return ok(withTokens(credentials, renewed));
  }

  /** A token answer's pair, with its expiry turned from seconds-from-now into the moment it lapses. */
  tokens(answer: LazadaTokenAnswer & { access_token: string; refresh_token: string }): ExpiringTokens {
    const lifetime = answer.expires_in;
    const expiresAt = typeof lifetime === 'number' && lifetime > 0 ? Math.floor(this.clock().getTime() / 1000) + Math.floor(lifetime) : undefined;
    return { accessToken: answer.access_token, refreshToken: answer.refresh_token, accessTokenExpiresAt: expiryText(expiresAt) };
  }
}

function lazadaProtocol(baseUrl: string, authUrl: string): SignedProtocol<LazadaCredentials, LazadaRequest> {
  return {
    name: 'Lazada',
    prepare(credentials, request, now) {
      const system: Record<string, string> = {
        app_key: credentials.appKey,
        timestamp: String(now.getTime()),
        sign_method: 'sha256',
        ...(request.host === 'api' ? { access_token: credentials.accessToken } : {}),
      };
      const business = request.params ?? {};
      const sign = signRequest(credentials.appSecret, request.path, { ...system, ...business });
      const base = request.host === 'auth' ? authUrl : baseUrl;
      if (request.method === 'GET') return { url: `${base}${request.path}?${new URLSearchParams({ ...system, ...business, sign })}`, init: { method: 'GET' } };
      // As Lazada's SDKs do: system parameters and the sign in the query, business ones in the body.
      let body: FormData | URLSearchParams = new URLSearchParams(business);
      if (request.file) {
        body = new FormData();
        for (const [name, value] of Object.entries(business)) body.append(name, value);
        body.append(request.file.field, new Blob([new Uint8Array(request.file.body)], { type: request.file.contentType }), request.file.filename);
      }
      return { url: `${base}${request.path}?${new URLSearchParams({ ...system, sign })}`, init: { method: request.method, body } };
    },
    read(response, text, request): PlatformAnswer {
      const envelope = parseJsonObject<LazadaEnvelope<unknown>>(text);
      const code = envelope?.code !== undefined && envelope.code !== null ? String(envelope.code) : '';
      if (!envelope || !code) return { kind: 'unreadable' };
      if (code === '0') return { kind: 'success', value: envelope };
      const message = describe(envelope);
      // Lazada's advice for E901 is to try again in the next second.
      if (response.status === 429 || RATE_LIMIT_CODES.has(code))
        return { kind: 'error', code, message, meaning: 'rate-limited', ...(response.headers.has('retry-after') ? {} : { retryAfterSeconds: 1 }) };
      if (TRANSIENT_CODES.has(code)) return { kind: 'error', code, message, meaning: 'transient' };
      // Calls to the token host carry no access token, so their refusal is not one a refresh fixes.
      if (request.host === 'api' && code === 'IllegalAccessToken') return { kind: 'error', code, message, meaning: 'token-refused' };
      return { kind: 'error', code, message };
    },
    lapsed: (credentials, now) => tokenLapsed(credentials, now, EARLY_REFRESH_S),
  };
}

/**
 * Lazada serves /auth/token/refresh from one host for every country (RefreshAccessToken doc), not
 * from the country's `api.lazada.*` host; anything else (a sandbox proxy, the test fake) serves both.
 */
function authUrlFor(baseUrl: string): string {
  return /^api\.lazada\.[a-z.]+$/.test(new URL(baseUrl).hostname) ? LIVE_AUTH_URL : baseUrl;
}

/** Lazada's message, with the per-field reasons it gives for its generic codes (500, 501). */
function describe(envelope: LazadaEnvelope<unknown>): string {
  const message = typeof envelope.message === 'string' ? envelope.message : '';
  const details = Array.isArray(envelope.detail)
    ? envelope.detail.map((entry) => [entry?.field, entry?.message].filter((part) => typeof part === 'string' && part).join(': ')).filter(Boolean)
    : [];
  return details.length > 0 ? `${message}${message ? ' — ' : ''}${details.join('; ')}` : message;
}
