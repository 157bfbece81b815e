/**
 * What one call to an outside platform (a marketplace, a carrier) came to. Adapters never throw
 * for a platform's answer: results are values, and only `ok` carries one.
 */
export type PlatformResult<T> =
  | { ok: true; value: T }
  /** Worth trying again later: 429, 5xx, timeouts, dropped connections, an expired token that refresh could not fix yet. */
  | PlatformRetryable
  /** Will fail again until a person fixes something: the platform's code and message. */
  | PlatformPermanent;

export interface PlatformRetryable {
  ok: false;
  retryable: true;
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

export interface PlatformPermanent {
  ok: false;
  retryable: false;
  code: string;
  message: string;
  /** The platform no longer renews the account's token: nothing works until the seller authorizes the app again. */
  reauthorize?: true;
}

export type PlatformFailure = PlatformRetryable | PlatformPermanent;

export const ok = <T>(value: T): PlatformResult<T> => ({ ok: true, value });
export const retryable = (code: string, message: string, retryAfterSeconds?: number): PlatformResult<never> => ({
  ok: false,
  retryable: true,
  code,
  message,
  ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
});
export const permanent = (code: string, message: string): PlatformResult<never> => ({ ok: false, retryable: false, code, message });
