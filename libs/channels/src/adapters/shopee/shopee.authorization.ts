/**
 * Shop authorization with the operator's partner app (Shopee Open Platform v2, "Authorization and
 * Authentication"): the seller opens `/api/v2/shop/auth_partner`, a link signed like a public call
 * (partner_id + path + timestamp, valid five minutes), approves, and Shopee sends the browser to our
 * redirect URL with `code` (single-use, ten minutes) and `shop_id` added; `/api/v2/auth/token/get`
 * turns them into the shop's token pair.
 */
import { ok, permanent, type AdapterResult, type ChannelCredentials } from '../channel-adapter.js';
import type { ShopeeClient, ShopeeEnvelope } from './shopee.client.js';
import { publicApiSign } from './shopee.signing.js';

/** The operator's partner app, registered once with Shopee. */
export interface ShopeeApp {
  partnerId: string;
  partnerKey: string;
}

const AUTH_PARTNER_PATH = '/api/v2/shop/auth_partner';
const TOKEN_GET_PATH = '/api/v2/auth/token/get';

/** The link that asks the seller to approve our app; Shopee keeps the redirect's own query (our state) and adds its code to it. */
export function shopeeAuthorizeUrl(baseUrl: string, app: ShopeeApp, redirectUrl: string, state: string, now: Date): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  const redirect = `${redirectUrl}?${new URLSearchParams({ state })}`;
  const sign = publicApiSign(app.partnerKey, { partnerId: app.partnerId, path: AUTH_PARTNER_PATH, timestamp });
  return `${baseUrl.replace(/\/+$/, '')}${AUTH_PARTNER_PATH}?${new URLSearchParams({ partner_id: app.partnerId, timestamp: String(timestamp), sign, redirect })}`;
}

/** The shop's credentials for the code Shopee sent back. */
export async function shopeeExchangeCode(client: ShopeeClient, app: ShopeeApp, callback: Record<string, string>): Promise<AdapterResult<ChannelCredentials>> {
  const { code, shop_id: shopId } = callback;
  if (!code || !/^\d{1,19}$/.test(shopId ?? ''))
    return permanent('authorization_incomplete', 'Shopee sent the browser back without a code and a shop_id; start the connection again.');
  const credentials = { ...app, shopId, accessToken: '', refreshToken: '' };
  const result = await client.send<ShopeeEnvelope<never>>(credentials, {
    method: 'POST',
    path: TOKEN_GET_PATH,
    api: 'public',
    json: { code, shop_id: Number(shopId), partner_id: Number(app.partnerId) },
  });
  if (!result.ok) return result;
  const { access_token: accessToken, refresh_token: refreshToken } = result.value;
  if (typeof accessToken !== 'string' || !accessToken || typeof refreshToken !== 'string' || !refreshToken) {
    return permanent('bad_response', 'Shopee accepted the code but did not return access_token and refresh_token.');
  }
  return ok({ ...credentials, accessToken, refreshToken });
}
