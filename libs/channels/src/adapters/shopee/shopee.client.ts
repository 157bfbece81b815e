/**
 * Shopee Open Platform v2 on the wire. Every call carries partner_id, timestamp and an HMAC-SHA256
 * sign in the query; shop calls add access_token and shop_id. Errors come as an `error` word beside
 * the answer, sometimes prefixed with its module ("product.error_param").
 */
import { checkTokenRenewal, parseJsonObject, SignedClient, type PlatformAnswer, type SignedProtocol } from '@nongsan/core';
import { ok, permanent, type AdapterResult, type ChannelContext } from '../channel-adapter.js';
import { publicApiSign, shopApiSign } from './shopee.signing.js';

export interface ShopeeClientOptions {
  /** `https://partner.shopeemobile.com` live, the sandbox host, or a fake in tests. */
  baseUrl: string;
  timeoutMs: number;
  now?: () => Date;
}

export interface ShopeeCredentials {
  partnerId: string;
  partnerKey: string;
  shopId: string;
  accessToken: string;
  refreshToken: string;
}

export interface ShopeeRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Shop APIs carry and sign access_token and shop_id; public ones (auth, media) sign without them. */
  api: 'shop' | 'public';
  query?: Record<string, string | number | Array<string | number>>;
  json?: unknown;
  form?: FormData;
}

/** Shopee's envelope. get_shop_info and the auth calls put their fields beside it, not under `response`. */
export type ShopeeEnvelope<R> = { request_id?: string; error?: string; message?: string; response?: R } & Record<string, unknown>;

/** A call on one connection's session, answered with Shopee's envelope: how the pieces outside the adapter send. */
export type ShopeeCall = <R>(request: ShopeeRequest) => Promise<AdapterResult<ShopeeEnvelope<R>>>;

/** What the price, stock and listing calls answer: a code-0 envelope can still hold a refusal per item. */
export interface FailureList {
  failure_list?: Array<{ failed_reason?: string }>;
}

const REFRESH_TOKEN_PATH = '/api/v2/auth/access_token/get';
/** Shopee's "try again later" words; everything else it names is for a person to fix. */
const TRANSIENT_ERRORS = new Set([
  'error_server',
  'error_inner',
  'error_system_busy',
  'error_network',
  'error_get_shop_fail',
  'error_busi_add_item_failed',
  'error_update_price_fail',
]);
/** The words for an access token Shopee no longer accepts (the misspelling is Shopee's). */
const AUTH_ERRORS = new Set(['error_auth', 'invalid_acceess_token', 'invalid_access_token']);
/**
 * Old access tokens stay valid 5 minutes after a refresh; a result reused within that is still good.
 * Replicas, which share no refresh, rely on that grace too.
 */
const REFRESH_REUSE_MS = 5 * 60_000;

export class ShopeeClient extends SignedClient<ShopeeCredentials, ShopeeRequest> {
  constructor(options: ShopeeClientOptions) {
    super(shopeeProtocol(options.baseUrl.replace(/\/+$/, '')), { timeoutMs: options.timeoutMs, now: options.now, refreshReuseMs: REFRESH_REUSE_MS });
  }

  /** A new pair from the refresh token, saved before anything else: the old refresh token is spent, so losing this pair loses the shop. */
  async renew(context: ChannelContext, credentials: ShopeeCredentials): Promise<AdapterResult<ShopeeCredentials>> {
    const result = checkTokenRenewal(
      'Shopee',
      await this.send<ShopeeEnvelope<never>>(credentials, {
        method: 'POST',
        path: REFRESH_TOKEN_PATH,
        api: 'public',
        json: { refresh_token: credentials.refreshToken, partner_id: Number(credentials.partnerId), shop_id: Number(credentials.shopId) },
      }),
    );
    if (!result.ok) return result;
    const { access_token: accessToken, refresh_token: refreshToken } = result.value;
    await context.saveCredentials({ ...context.credentials, accessToken, refreshToken });
    return ok({ ...credentials, accessToken, refreshToken });
  }
}

function shopeeProtocol(baseUrl: string): SignedProtocol<ShopeeCredentials, ShopeeRequest> {
  return {
    name: 'Shopee',
    prepare(credentials, request, now) {
      const timestamp = Math.floor(now.getTime() / 1000);
      const params = new URLSearchParams();
      params.set('partner_id', credentials.partnerId);
      params.set('timestamp', String(timestamp));
      if (request.api === 'shop') {
        params.set('access_token', credentials.accessToken);
        params.set('shop_id', credentials.shopId);
        params.set('sign', shopApiSign(credentials.partnerKey, { ...credentials, path: request.path, timestamp }));
      } else {
        params.set('sign', publicApiSign(credentials.partnerKey, { partnerId: credentials.partnerId, path: request.path, timestamp }));
      }
      for (const [name, value] of Object.entries(request.query ?? {})) {
        for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
      }
      const init: RequestInit = { method: request.method };
      if (request.form) init.body = request.form;
      else if (request.json !== undefined) {
        init.body = JSON.stringify(request.json);
        init.headers = { 'content-type': 'application/json' };
      }
      return { url: `${baseUrl}${request.path}?${params}`, init };
    },
    read(_response, text, request, now): PlatformAnswer {
      const envelope = parseJsonObject<ShopeeEnvelope<unknown>>(text);
      if (!envelope) return { kind: 'unreadable' };
      const error = typeof envelope.error === 'string' ? envelope.error : '';
      // The whole envelope: some answers carry their fields beside `response`.
      if (!error) return { kind: 'success', value: envelope };
      const word = shopeeErrorWord(error);
      const message = typeof envelope.message === 'string' ? envelope.message : '';
      if (word === 'error_rate_limit') return { kind: 'error', code: error, message, meaning: 'rate-limited' };
      // The daily call limit resets at 00:00 Singapore time (UTC+8).
      if (word === 'error_limit') return { kind: 'error', code: error, message, meaning: 'transient', retryAfterSeconds: secondsUntilMidnightUtc8(now) };
      if (TRANSIENT_ERRORS.has(word)) return { kind: 'error', code: error, message, meaning: 'transient' };
      // Public calls carry no access token, so their refusal is not one a refresh fixes.
      if (request.api === 'shop' && AUTH_ERRORS.has(word)) return { kind: 'error', code: error, message, meaning: 'token-refused' };
      return { kind: 'error', code: error, message };
    },
  };
}

/** Shopee sometimes prefixes the word with its module ("product.error_param", "common.error_auth"). */
export function shopeeErrorWord(error: string): string {
  return error.slice(error.lastIndexOf('.') + 1);
}

function secondsUntilMidnightUtc8(now: Date): number {
  const day = 86400_000;
  const local = now.getTime() + 8 * 3600_000;
  return Math.ceil((day - (local % day)) / 1000);
}

/** The first item Shopee refused inside an otherwise successful answer, in Shopee's words, as the outcome. */
export function checkFailureList(result: AdapterResult<ShopeeEnvelope<FailureList>>, code: string, fallback: string): AdapterResult<void> {
  if (!result.ok) return result;
  const failure = result.value.response?.failure_list?.[0];
  return failure ? permanent(code, failure.failed_reason || fallback) : ok(undefined);
}
