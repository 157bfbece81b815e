/**
 * Every platform signs its pushes with an HMAC in hex in the `Authorization` header; only what goes
 * into the HMAC differs (each platform's signing module says). Checking the header is the same.
 */
import { timingSafeEqual } from 'node:crypto';
import type { WebhookRequest } from './channel-adapter.js';

/** True when the push's Authorization header is the `expected` signature. */
export function pushAuthorized(request: WebhookRequest, expected: string): boolean {
  const authorization = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  return signaturesMatch(expected, authorization);
}

/** Constant-time comparison of two hex signatures; case-insensitive because hex is. */
export function signaturesMatch(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(given.trim().toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
