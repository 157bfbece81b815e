/**
 * What a TikTok Shop push says. It is signed over `app_key + raw body` with the app secret (see
 * webhookSignature). One app may serve several shops, so a push for another shop verifies but is
 * not this connection's. Order status and cancellation changes name an order to fetch;
 * deauthorization and the warning before expiry are for the seller.
 */
import { parseJsonObject } from '@nongsan/core';
import type { ChannelCredentials, WebhookEvent, WebhookRequest } from '../channel-adapter.js';
import { pushAuthorized } from '../push-signature.js';
import { webhookSignature } from './tiktok-shop.signing.js';

/** The event of a push signed with the connection's app secret; null when it does not verify. */
export function tiktokShopPushEvent(credentials: ChannelCredentials, request: WebhookRequest): WebhookEvent | null {
  if (!credentials.appSecret || !credentials.appKey) return null;
  if (!pushAuthorized(request, webhookSignature(credentials.appSecret, credentials.appKey, request.rawBody))) return null;
  const push = parseJsonObject<{ type?: unknown; shop_id?: unknown; data?: Record<string, unknown> }>(request.rawBody.toString('utf8'));
  if (!push) return { kind: 'ignored' };
  if (push.shop_id !== undefined && credentials.shopId && String(push.shop_id) !== credentials.shopId) return { kind: 'ignored' };
  switch (push.type) {
    // ORDER_STATUS_CHANGE, CANCELLATION_STATUS_CHANGE
    case 1:
    case 11: {
      const orderId = push.data?.order_id;
      const named = (typeof orderId === 'string' && orderId !== '') || typeof orderId === 'number';
      return named ? { kind: 'order', externalOrderId: String(orderId) } : { kind: 'ignored' };
    }
    case 6: // SELLER_DEAUTHORIZATION
      return { kind: 'authorization', message: 'The seller removed this app’s authorization on TikTok Shop; connect the shop again to keep syncing.' };
    case 7: // UPCOMING_AUTHORIZATION_EXPIRATION
      return { kind: 'authorization', message: 'The TikTok Shop authorization of this shop expires soon; authorize the app again to keep syncing.' };
    default:
      return { kind: 'ignored' };
  }
}
