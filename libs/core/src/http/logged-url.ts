/**
 * Parts of a request's path that are credentials (a URL that is its own key): the context that owns
 * such a route registers it, and the request log writes the replacement instead.
 */
const secretPaths: Array<{ pattern: RegExp; replacement: string }> = [];

export function hideInLoggedUrls(pattern: RegExp, replacement: string): void {
  secretPaths.push({ pattern, replacement });
}

/** The URL as the request log may show it. */
export function loggedUrl(url: string): string {
  return secretPaths.reduce((shown, { pattern, replacement }) => shown.replace(pattern, replacement), url);
}
