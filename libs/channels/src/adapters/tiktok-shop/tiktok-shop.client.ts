/**
 * TikTok Shop Open API 202309+ on the wire. Every call carries app_key, timestamp and an HMAC-SHA256
 * sign over path, sorted query and body; the access token goes in the `x-tts-access-token` header
 * only, and shop calls name the shop by its cipher. Answers are `{code, message, data}` with a
 * numeric code (0 is success). Tokens are renewed on another host, with a plain unsigned GET.
 */
import { checkTokenRenewal, parseJsonObject, SignedClient, type PlatformAnswer, type SignedProtocol } from '@nongsan/core';
import { ok, permanent, retryable, type AdapterResult, type ChannelContext } from '../channel-adapter.js';
import { expiryText, tokenLapsed, withTokens } from '../token-expiry.js';
import { signRequest } from './tiktok-shop.signing.js';

export interface TikTokShopClientOptions {
  /** `https://open-api.tiktokglobalshop.com` live, or a fake in tests. */
  baseUrl: string;
  /**
   * Where tokens are issued and refreshed. TikTok serves them from another host than the API
   * (`auth.tiktok-shops.com`); unset, anything other than the live API (a fake, a proxy) serves both.
   */
  authUrl?: string;
  timeoutMs: number;
  now?: () => Date;
}

export interface TikTokCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  shopCipher: string;
  /** Unix seconds, stored after our first refresh (TikTok returns it with each token). */
  accessTokenExpiresAt?: string;
  /** The shop's id, stored at connect time so a push for another shop of the same app is told apart. */
  shopId?: string;
}

export type TikTokRequest =
  | {
      method: 'GET' | 'POST' | 'PUT';
      path: string;
      /** Shop-scoped calls carry (and sign) shop_cipher; TikTok refuses it on the others. */
      shop: boolean;
      query?: Record<string, string | number>;
      json?: unknown;
      form?: FormData;
    }
  /** Get Refresh Token, on the auth host. */
  | { renew: true }
  /** Get Access Token for the auth_code the seller's authorization sent back, on the auth host. */
  | { authCode: string };

/** A call on one connection's session, answered with TikTok's `data`: how the pieces outside the adapter send. */
export type TikTokCall = <D>(request: TikTokApiRequest) => Promise<AdapterResult<D>>;

/** A call to the Open API itself (not to the token host). */
export type TikTokApiRequest = Extract<TikTokRequest, { path: string }>;

/** What Get Access Token and Get Refresh Token answer under `data` (authorization-overview-202407): the expiries are unix seconds. */
export interface TikTokTokenAnswer {
  access_token?: string;
  refresh_token?: string;
  access_token_expire_in?: number;
  refresh_token_expire_in?: number;
  seller_name?: string;
}

/** The per-product failures that activate, deactivate and inventory update report inside a code-0 answer. */
export interface ItemErrors {
  errors?: Array<{ code?: number; message?: string; detail?: { extra_errors?: Array<{ code?: number; message?: string }> } }>;
}

export const LIVE_API = 'https://open-api.tiktokglobalshop.com';
const LIVE_AUTH = 'https://auth.tiktok-shops.com';
const GET_TOKEN_PATH = '/api/v2/token/get';
const REFRESH_TOKEN_PATH = '/api/v2/token/refresh';
const RATE_LIMITED = 36009002;
const EXPIRED_TOKEN = 105002;
/** TikTok's catch-all for bad credentials; only the access-token variants are worth a refresh. */
const INVALID_CREDENTIALS = 36009004;
/** "Internal error. Please try again", "Request timeout", "product api internal error". */
const TRANSIENT_CODES = new Set([36009003, 36009007, 12001000]);
/**
 * "product status is invalid" and "not available in its current status": price and stock change
 * only on an ACTIVATE product, and a new or re-activated one waits in TikTok's review first.
 */
const NOT_YET_LIVE = new Set([12019113, 12052901]);
/** How long a review usually takes before it is worth asking again. */
const REVIEW_WAIT_S = 600;
/** Refresh this long before the stored expiry, so a call does not start with a token about to lapse. */
const EARLY_REFRESH_S = 300;
/**
 * A refresh result reused by calls that saw the same old token within this long. Across replicas
 * the engine retries a refusal once it sees newer credentials saved.
 */
const REFRESH_REUSE_MS = 5 * 60_000;

export class TikTokShopClient extends SignedClient<TikTokCredentials, TikTokRequest> {
  /** The host of the token calls, where an overridden auth URL also serves the authorization page. */
  readonly authUrl: string;

  constructor(options: TikTokShopClientOptions) {
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    const authUrl = (options.authUrl ?? (baseUrl === LIVE_API ? LIVE_AUTH : baseUrl)).replace(/\/+$/, '');
    super(tiktokShopProtocol(baseUrl, authUrl), { timeoutMs: options.timeoutMs, now: options.now, refreshReuseMs: REFRESH_REUSE_MS });
    this.authUrl = authUrl;
  }

  /** A new pair with its expiry, saved before anything else: a spent refresh token cannot be used again, so losing this pair loses the shop. */
  async renew(context: ChannelContext, credentials: TikTokCredentials): Promise<AdapterResult<TikTokCredentials>> {
    const result = checkTokenRenewal('TikTok Shop', await this.send<TikTokTokenAnswer>(credentials, { renew: true }));
    if (!result.ok) return result;
    const { access_token: accessToken, refresh_token: refreshToken, access_token_expire_in: expiresAt } = result.value;
    const renewed = { accessToken, refreshToken, accessTokenExpiresAt: expiryText(expiresAt) };
    await context.saveCredentials(withTokens(context.credentials, renewed));
    return ok(withTokens(credentials, renewed));
  }
}

function tiktokShopProtocol(baseUrl: string, authUrl: string): SignedProtocol<TikTokCredentials, TikTokRequest> {
  return {
    name: 'TikTok Shop',
    prepare(credentials, request, now) {
      if ('renew' in request || 'authCode' in request) {
        // As documented: the app secret in the query, not signed.
        const query = new URLSearchParams({ app_key: credentials.appKey, app_secret: credentials.appSecret });
        const path = 'renew' in request ? REFRESH_TOKEN_PATH : GET_TOKEN_PATH;
        if ('renew' in request) query.set('refresh_token', credentials.refreshToken);
        else query.set('auth_code', request.authCode);
        query.set('grant_type', 'renew' in request ? 'refresh_token' : 'authorized_code');
        return { url: `${authUrl}${path}?${query}`, init: { method: 'GET' } };
      }
      const query: Record<string, string> = { app_key: credentials.appKey, timestamp: String(Math.floor(now.getTime() / 1000)) };
      if (request.shop) query.shop_cipher = credentials.shopCipher;
      for (const [name, value] of Object.entries(request.query ?? {})) query[name] = String(value);
      // Serialised once: the signature covers these exact bytes, and they are what goes on the wire.
      const body = request.json === undefined ? undefined : JSON.stringify(request.json);
      const sign = signRequest(credentials.appSecret, { path: request.path, query, body });
      const headers: Record<string, string> = { 'x-tts-access-token': credentials.accessToken };
      // A multipart body sets its own content type (with the boundary) and is not signed.
      if (!request.form) headers['content-type'] = 'application/json';
      return {
        url: `${baseUrl}${request.path}?${new URLSearchParams({ ...query, sign })}`,
        init: { method: request.method, headers, body: request.form ?? body },
      };
    },
    read(_response, text): PlatformAnswer {
      const envelope = parseJsonObject<{ code?: unknown; message?: unknown; data?: unknown }>(text);
      const code = typeof envelope?.code === 'number' ? envelope.code : null;
      if (code === null) return { kind: 'unreadable' };
      if (code === 0) return { kind: 'success', value: envelope!.data ?? {} };
      const message = typeof envelope!.message === 'string' ? envelope!.message : '';
      if (code === RATE_LIMITED) return { kind: 'error', code: String(code), message, meaning: 'rate-limited' };
      if (TRANSIENT_CODES.has(code)) return { kind: 'error', code: String(code), message, meaning: 'transient' };
      const tokenRefused = code === EXPIRED_TOKEN || (code === INVALID_CREDENTIALS && /access.?token/i.test(message));
      return { kind: 'error', code: String(code), message, ...(tokenRefused ? { meaning: 'token-refused' as const } : {}) };
    },
    lapsed: (credentials, now) => tokenLapsed(credentials, now, EARLY_REFRESH_S),
  };
}

export function describeItemError(error: NonNullable<ItemErrors['errors']>[number]): string {
  const extra = (error.detail?.extra_errors ?? []).map((item) => item.message).filter(Boolean);
  return [error.message, ...extra].filter(Boolean).join(': ');
}

/** A code-0 answer can still hold per-item errors; the first one, in TikTok's words, is the outcome. */
export function checkItemErrors(result: AdapterResult<ItemErrors>, code: string): AdapterResult<void> {
  if (!result.ok) return result;
  const error = result.value.errors?.[0];
  if (!error) return ok(undefined);
  const extra = error.detail?.extra_errors?.[0]?.code;
  return permanent(String(extra ?? error.code ?? code), describeItemError(error) || 'TikTok Shop refused the change.');
}

/** Price and stock of a product still in review are refused for now, not for good. */
export function waitForReview(result: AdapterResult<void>): AdapterResult<void> {
  if (result.ok || result.retryable || !NOT_YET_LIVE.has(Number(result.code))) return result;
  return retryable(result.code, `${result.message} (TikTok Shop is still reviewing the product; trying again later.)`, REVIEW_WAIT_S);
}

/** A product TikTok has frozen takes no publish, by search or by update, until the seller resolves it. */
export function productFrozen(productId: string, sku: string): AdapterResult<never> {
  return permanent(
    'product_frozen',
    `TikTok Shop has frozen product ${productId} with SKU ${sku}; resolve it in TikTok Shop Seller Center before publishing again.`,
  );
}
