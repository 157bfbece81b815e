/**
 * Shop authorization with the operator's TikTok Shop service (Partner Center, "Authorization overview
 * (202407)", partner.tiktokshop.com/docv2/page/678e3a3292b0f40314a92d75): the seller opens the
 * service's authorization link `https://services.tiktokshop.com/open/authorize?service_id=…&state=…`,
 * signs in and approves, and TikTok sends the browser to the redirect URL registered with the service
 * (not given in the link) with `code` and `state`. Get Access Token (`/api/v2/token/get` on
 * auth.tiktok-shops.com, unsigned, app_secret in the query) turns the code, valid 30 minutes and
 * once, into the token pair; Get Authorized Shops (`/authorization/202309/shops`) names the shop and
 * its cipher, and Get Warehouse List (`/logistics/202309/warehouses`) where its stock is kept.
 */
import { ok, permanent, type AdapterResult, type ChannelCredentials, type ShopOptions } from '../channel-adapter.js';
import { expiryText } from '../token-expiry.js';
import type { TikTokCall, TikTokCredentials, TikTokShopClient, TikTokTokenAnswer } from './tiktok-shop.client.js';

/** The operator's service (app) on TikTok Shop Partner Center. */
export interface TikTokShopApp {
  appKey: string;
  appSecret: string;
  serviceId: string;
}

const LIVE_SERVICES = 'https://services.tiktokshop.com';
const AUTHORIZE_PATH = '/open/authorize';
const SHOPS_PATH = '/authorization/202309/shops';
const WAREHOUSES_PATH = '/logistics/202309/warehouses';

/**
 * The service's authorization link. `authUrl` is where an overridden auth host (a test's fake) serves
 * the page as well as the tokens; the live page is on services.tiktokshop.com. The redirect URL is the
 * one registered with the service, so `redirectUrl` is not sent: the operator registers our callback there.
 */
export function tiktokShopAuthorizeUrl(authUrl: string | undefined, app: TikTokShopApp, state: string): string {
  const page = new URL(AUTHORIZE_PATH, authUrl ?? LIVE_SERVICES);
  page.search = new URLSearchParams({ service_id: app.serviceId, state }).toString();
  return page.toString();
}

/**
 * The shop's credentials for the code TikTok sent back: the token pair with its expiry, then the shop
 * it covers, by its cipher. A seller may hold several shops; the first one listed is connected.
 */
export async function tiktokShopExchangeCode(
  client: TikTokShopClient,
  app: TikTokShopApp,
  callback: Record<string, string>,
): Promise<AdapterResult<ChannelCredentials>> {
  const { code } = callback;
  if (!code) return permanent('authorization_incomplete', 'TikTok Shop sent the browser back without a code; start the connection again.');
  const empty: TikTokCredentials = { appKey: app.appKey, appSecret: app.appSecret, accessToken: '', refreshToken: '', shopCipher: '' };
  const granted = await client.send<TikTokTokenAnswer>(empty, { authCode: code });
  if (!granted.ok) return granted;
  const { access_token: accessToken, refresh_token: refreshToken, access_token_expire_in: expiresAt } = granted.value;
  if (!accessToken || !refreshToken) return permanent('bad_response', 'TikTok Shop accepted the code but did not return access_token and refresh_token.');
  const credentials: TikTokCredentials = { ...empty, accessToken, refreshToken };
  const expiry = expiryText(expiresAt);
  if (expiry) credentials.accessTokenExpiresAt = expiry;
  // A fresh token: nothing to refresh yet, so a plain send.
  const shops = await client.send<{ shops?: Array<{ id?: string; cipher?: string }> }>(credentials, { method: 'GET', path: SHOPS_PATH, shop: false });
  if (!shops.ok) return shops;
  const shop = (shops.value.shops ?? []).find((candidate) => candidate.id && candidate.cipher);
  if (!shop) return permanent('no_authorized_shop', 'TikTok Shop authorized the app for no shop; approve it for your shop again.');
  return ok({ ...credentials, shopCipher: shop.cipher!, shopId: shop.id! });
}

/** The shop's sales warehouses that sell (ENABLED), the default one preferred: its products' stock is kept there. */
export async function tiktokShopWarehouses(call: TikTokCall): Promise<AdapterResult<ShopOptions>> {
  const result = await call<{ warehouses?: Array<{ id?: string; name?: string; effect_status?: string; type?: string; is_default?: boolean }> }>({
    method: 'GET',
    path: WAREHOUSES_PATH,
    shop: true,
  });
  if (!result.ok) return result;
  const selling = (result.value.warehouses ?? []).filter((w) => w.id && w.type === 'SALES_WAREHOUSE' && w.effect_status === 'ENABLED');
  return ok({ warehouses: selling.map((w) => ({ id: w.id!, name: w.name || w.id!, preferred: w.is_default === true })) });
}
