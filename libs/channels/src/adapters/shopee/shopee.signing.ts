/**
 * Shopee Open Platform v2 signatures (Shopee Open Platform's "API calls" and
 * "Push Mechanism" guides). Pure functions so the recipes can be checked without a
 * server. Shopee publishes no complete test vector (its doc example omits the partner_key), so the
 * specs recompute each HMAC from the documented base string instead.
 */
import { createHmac } from 'node:crypto';

export interface ShopApiSignInput {
  partnerId: string | number;
  path: string;
  timestamp: number;
  accessToken: string;
  shopId: string | number;
}

export interface PublicApiSignInput {
  partnerId: string | number;
  path: string;
  timestamp: number;
}

/** Shop APIs sign `partner_id + api_path + timestamp + access_token + shop_id`. */
export function shopApiBaseString(input: ShopApiSignInput): string {
  return `${input.partnerId}${input.path}${input.timestamp}${input.accessToken}${input.shopId}`;
}

/** Public APIs (token refresh, media upload) sign `partner_id + api_path + timestamp` only. */
export function publicApiBaseString(input: PublicApiSignInput): string {
  return `${input.partnerId}${input.path}${input.timestamp}`;
}

export function shopApiSign(partnerKey: string, input: ShopApiSignInput): string {
  return hmacHex(partnerKey, shopApiBaseString(input));
}

export function publicApiSign(partnerKey: string, input: PublicApiSignInput): string {
  return hmacHex(partnerKey, publicApiBaseString(input));
}

/**
 * The `Authorization` header of a push: HMAC over the callback URL as registered, a `|`, and the
 * raw body bytes. The body stays bytes so a re-encoded JSON can never verify by accident.
 */
export function pushSignature(partnerKey: string, callbackUrl: string, rawBody: Buffer | string): string {
  return createHmac('sha256', partnerKey)
    .update(callbackUrl, 'utf8')
    .update('|', 'utf8')
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}

function hmacHex(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}
