const VISITED_KEY = 'nongsan.visited';

/**
 * Counts one storefront visit per browser session for the Ministry's figures (soLuongTruyCap):
 * a flag in sessionStorage, no cookie, nothing about the person sent. The Department's and the
 * sellers' own areas are not storefront visits.
 */
export function countVisit(): void {
  if (/^\/(department|seller)(\/|$)/.test(location.pathname)) return;
  try {
    if (sessionStorage.getItem(VISITED_KEY)) return;
    sessionStorage.setItem(VISITED_KEY, '1');
  } catch {
    return; // storage refused (private mode): better no count than one per page
  }
  navigator.sendBeacon('/api/v1/visits');
}
