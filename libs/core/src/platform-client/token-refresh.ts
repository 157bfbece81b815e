/**
 * The token refresh every platform adapter does the same way. A refresh token works once, so calls
 * that fail together on an expired access token must share one refresh instead of spending the new
 * refresh token with the old one; and a refresh answer is only usable with both tokens in it.
 */
import { ok, permanent, type PlatformResult } from './platform-result.js';

/**
 * Refreshes in flight or just done, by connection and refresh token. A finished one is shared for
 * `reuseMs` with calls that still carry the old token; each adapter sets that from what its
 * platform allows. Only within this process: across replicas the adapters rely on the engine
 * saving a new pair before anything else.
 */
export class RefreshCoalescer<C> {
  private readonly entries = new Map<string, { at: number; result: Promise<PlatformResult<C>> }>();

  constructor(private readonly reuseMs: number) {}

  /** The result of `renew` for this connection and refresh token: started now, or shared with the call that started it. */
  async run(connectionId: string, refreshToken: string, renew: () => Promise<PlatformResult<C>>): Promise<PlatformResult<C>> {
    const key = `${connectionId}\n${refreshToken}`;
    const clock = Date.now();
    for (const [entryKey, entry] of this.entries) if (clock - entry.at > this.reuseMs) this.entries.delete(entryKey);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { at: clock, result: renew() };
      this.entries.set(key, entry);
    }
    let result: PlatformResult<C>;
    try {
      result = await entry.result;
    } catch (error) {
      this.entries.delete(key);
      throw error;
    }
    // The token may not have been spent (a failure before the platform saw it): let a later attempt try.
    if (!result.ok) this.entries.delete(key);
    return result;
  }
}

/**
 * A platform's answer to a refresh, as the adapter may use it: a refusal is for the seller to fix by
 * authorizing again (a retryable failure stays retryable), and an answer without both new tokens is
 * a bad response.
 */
export function checkTokenRenewal<A extends object>(
  platformName: string,
  result: PlatformResult<A>,
): PlatformResult<A & { access_token: string; refresh_token: string }> {
  if (!result.ok) {
    if (result.retryable) return result;
    return {
      ...permanent(result.code, `${platformName} did not renew the access token (${result.message}). Authorize the app for this shop again.`),
      reauthorize: true,
    } as PlatformResult<never>;
  }
  const { access_token: accessToken, refresh_token: refreshToken } = result.value as { access_token?: unknown; refresh_token?: unknown };
  if (typeof accessToken !== 'string' || !accessToken || typeof refreshToken !== 'string' || !refreshToken) {
    return permanent('bad_response', `${platformName} renewed the token but did not return access_token and refresh_token.`);
  }
  return ok(result.value as A & { access_token: string; refresh_token: string });
}
