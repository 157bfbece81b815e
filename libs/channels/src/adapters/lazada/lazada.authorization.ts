/**
 * Shop authorization with the operator's Lazada Open Platform app (Lazada Open Platform, "Seller
 * authorization introduction", open.lazada.com/apps/doc/doc?nodeId=10434&docId=108260): the seller
 * opens `https://auth.lazada.com/oauth/authorize?response_type=code&force_auth=true&redirect_uri&client_id`
 * (client_id is the app key; `state` comes back unchanged), signs in and approves, and Lazada sends
 * the browser to redirect_uri with `code` added. GenerateAccessToken (`/auth/token/create`, signed like
 * every other call, open.lazada.com/apps/doc/api?path=/auth/token/create) turns the code, valid 30
 * minutes and once, into the seller's token pair with `expires_in` and the seller's id per country.
 */
import { ok, permanent, type AdapterResult, type ChannelCredentials } from '../channel-adapter.js';
import { withTokens } from '../token-expiry.js';
import type { LazadaClient, LazadaCredentials, LazadaEnvelope, LazadaTokenAnswer } from './lazada.client.js';

/** The operator's app, registered once with Lazada Open Platform. */
export interface LazadaApp {
  appKey: string;
  appSecret: string;
}

const AUTHORIZE_PATH = '/oauth/authorize';
const TOKEN_CREATE_PATH = '/auth/token/create';

/** The page where the seller approves our app: on the token host's origin (`auth.lazada.com`), outside its `/rest` API. */
export function lazadaAuthorizeUrl(authUrl: string, app: LazadaApp, redirectUrl: string, state: string): string {
  const page = new URL(AUTHORIZE_PATH, authUrl);
  // force_auth: the seller signs in again, so a browser already signed in to another shop does not authorize that one by mistake.
  page.search = new URLSearchParams({ response_type: 'code', force_auth: 'true', redirect_uri: redirectUrl, client_id: app.appKey, state }).toString();
  return page.toString();
}

/** The seller's credentials for the code Lazada sent back; the seller's id and name come from GetSeller when the connection is checked. */
export async function lazadaExchangeCode(client: LazadaClient, app: LazadaApp, callback: Record<string, string>): Promise<AdapterResult<ChannelCredentials>> {
  const { code } = callback;
  if (!code) return permanent('authorization_incomplete', 'Lazada sent the browser back without a code; start the connection again.');
  const empty: LazadaCredentials = { ...app, accessToken: '', refreshToken: '' };
  const result = await client.send<LazadaEnvelope<never> & LazadaTokenAnswer>(empty, {
    method: 'POST',
    path: TOKEN_CREATE_PATH,
    host: 'auth',
    params: { code },
  });
  if (!result.ok) return result;
  const { access_token: accessToken, refresh_token: refreshToken } = result.value;
  if (typeof accessToken !== 'string' || !accessToken || typeof refreshToken !== 'string' || !refreshToken) {
    return permanent('bad_response', 'Lazada accepted the code but did not return access_token and refresh_token.');
  }
  return ok({ ...withTokens(empty, client.tokens({ ...result.value, access_token: accessToken, refresh_token: refreshToken })) });
}
