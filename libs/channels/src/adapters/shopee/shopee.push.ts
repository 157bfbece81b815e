/**
 * What a Shopee push says. Shopee signs it over `callback URL|raw body` with the partner key. A push
 * for another shop (the same partner app may serve several) verifies but is not this connection's
 * business.
 */
import { parseJsonObject } from '@nongsan/core';
import type { ChannelCredentials, WebhookEvent, WebhookRequest } from '../channel-adapter.js';
import { pushAuthorized } from '../push-signature.js';
import { pushSignature } from './shopee.signing.js';

/** The event of a push signed with the connection's partner key; null when it does not verify. */
export function shopeePushEvent(credentials: ChannelCredentials, request: WebhookRequest): WebhookEvent | null {
  if (!credentials.partnerKey) return null;
  if (!pushAuthorized(request, pushSignature(credentials.partnerKey, request.url, request.rawBody))) return null;
  const push = parseJsonObject<{ code?: unknown; shop_id?: unknown; data?: Record<string, unknown> }>(request.rawBody.toString('utf8'));
  if (!push) return { kind: 'ignored' };
  if (push.shop_id !== undefined && credentials.shopId && String(push.shop_id) !== credentials.shopId) return { kind: 'ignored' };
  switch (push.code) {
    case 3: {
      const orderSn = push.data?.ordersn ?? push.data?.order_sn;
      return typeof orderSn === 'string' && orderSn ? { kind: 'order', externalOrderId: orderSn } : { kind: 'ignored' };
    }
    case 2:
      return { kind: 'authorization', message: 'The seller cancelled this app’s authorization on Shopee; connect the shop again to keep syncing.' };
    case 12:
      return { kind: 'authorization', message: 'The Shopee authorization of this shop expires soon; authorize the app again to keep syncing.' };
    default:
      return { kind: 'ignored' };
  }
}
