/**
 * Lazada Open Platform signatures (the Lazada Open Platform signature guide, open.alitrip.com
 * articleId=108068, and its worked example, articleId=108069). Pure functions so the recipes can be
 * checked against the published vector without a server.
 */
import { createHmac } from 'node:crypto';

/**
 * The signed string: the API path, then every parameter as `name + value` in ASCII order of the
 * name, then the raw body when the request carries one that is not made of parameters. `sign`
 * itself and file parameters are left out by the caller (files never enter `params`). Empty values
 * are skipped, as Lazada's Java and C# SDKs do.
 */
export function signBaseString(path: string, params: Record<string, string>, body?: string): string {
  // Plain code-unit order: the ASCII order the guide asks for, for the ASCII names Lazada uses.
  const names = Object.keys(params)
    .filter((name) => name !== 'sign' && params[name] !== '')
    .sort();
  return `${path}${names.map((name) => `${name}${params[name]}`).join('')}${body ?? ''}`;
}

/** HMAC-SHA256 of the base string with the app secret, in UPPERCASE hex. */
export function signRequest(appSecret: string, path: string, params: Record<string, string>, body?: string): string {
  return createHmac('sha256', appSecret)
    .update(signBaseString(path, params, body), 'utf8')
    .digest('hex')
    .toUpperCase();
}

/**
 * The `Authorization` header of a push: HMAC-SHA256 of the app key followed by the raw body bytes,
 * keyed with the app secret, in lowercase hex. The body stays bytes so a re-encoded JSON can never
 * verify by accident.
 */
export function pushSignature(appSecret: string, appKey: string, rawBody: Buffer | string): string {
  return createHmac('sha256', appSecret)
    .update(appKey, 'utf8')
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
}
