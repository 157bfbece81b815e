/**
 * Access tokens that say when they lapse (Lazada's `expires_in`, TikTok Shop's
 * `access_token_expire_in`): the expiry is kept beside the pair, as unix seconds in text like every
 * credential, so a call refreshes shortly before it instead of spending a request on a refusal.
 */

export interface ExpiringTokens {
  accessToken: string;
  refreshToken: string;
  /** Unix seconds; absent when the platform did not say. */
  accessTokenExpiresAt?: string;
}

/** Whether the stored access token has lapsed, or will within `earlySeconds`. */
export function tokenLapsed(credentials: { accessTokenExpiresAt?: string }, now: Date, earlySeconds: number): boolean {
  const expiresAt = Number(credentials.accessTokenExpiresAt);
  return Number.isFinite(expiresAt) && expiresAt > 0 && now.getTime() / 1000 >= expiresAt - earlySeconds;
}

/** Unix seconds as stored: a whole positive number, else undefined (an expiry the platform did not give is not guessed). */
export function expiryText(unixSeconds: unknown): string | undefined {
  return typeof unixSeconds === 'number' && Number.isInteger(unixSeconds) && unixSeconds > 0 ? String(unixSeconds) : undefined;
}

/** The credentials with a new token pair. An expiry kept from the old token would send every call through another refresh. */
export function withTokens<C extends { accessTokenExpiresAt?: string }>(credentials: C, tokens: ExpiringTokens): C {
  const next = { ...credentials, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  if (tokens.accessTokenExpiresAt) next.accessTokenExpiresAt = tokens.accessTokenExpiresAt;
  else delete next.accessTokenExpiresAt;
  return next;
}
