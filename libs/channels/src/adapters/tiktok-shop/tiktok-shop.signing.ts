/**
 * TikTok Shop Open API signatures (TikTok Shop Partner Center, "Sign your API request"). Pure functions so
 * the recipe can be checked against the published vector without a server.
 */
import { createHmac } from 'node:crypto';

export interface SignInput {
  /** The request path only, e.g. `/product/202309/products` (no host, no query). */
  path: string;
  /** Every query parameter sent; `sign` and `access_token` are left out of the signature whatever is passed. */
  query: Record<string, string>;
  /**
   * The exact body bytes sent, for any content type but multipart/form-data (whose body is not
   * signed). A re-serialised JSON would not verify, so callers sign the string they send.
   */
  body?: string | Buffer;
}

const UNSIGNED_PARAMS = new Set(['sign', 'access_token']);

/** `path + key1value1key2value2…` over the sorted keys, then the body: the string TikTok wraps in the secret. */
export function requestBaseString(input: SignInput): string {
  const params = Object.keys(input.query)
    .filter((key) => !UNSIGNED_PARAMS.has(key))
    .sort()
    .map((key) => `${key}${input.query[key]}`)
    .join('');
  const body = input.body === undefined ? '' : typeof input.body === 'string' ? input.body : input.body.toString('utf8');
  return `${input.path}${params}${body}`;
}

/** HMAC-SHA256 keyed with the app secret over `secret + base string + secret`, lowercase hex. */
export function signRequest(appSecret: string, input: SignInput): string {
  const hmac = createHmac('sha256', appSecret);
  hmac.update(appSecret, 'utf8');
  hmac.update(requestBaseString({ ...input, body: undefined }), 'utf8');
  // The body goes in as bytes so a request signed by one side verifies byte for byte on the other.
  if (input.body !== undefined) hmac.update(typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body);
  hmac.update(appSecret, 'utf8');
  return hmac.digest('hex');
}

/**
 * The `Authorization` header of a push. TikTok's webhook guide only points at the request-signing
 * page, which has no path or query for a push; the scheme clients use in practice (and the one
 * one in `easycb/easycb-go` `tiktok/sign.go`) is HMAC-SHA256 keyed with the app
 * secret over `app_key + raw body`, lowercase hex.
 */
export function webhookSignature(appSecret: string, appKey: string, rawBody: Buffer | string): string {
  return createHmac('sha256', appSecret)
    .update(appKey, 'utf8')
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}
