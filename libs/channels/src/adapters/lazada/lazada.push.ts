/**
 * What a Lazada push says. Lazada signs it with the app secret over the app key and the raw body.
 * Order messages (type 0, returns included) name the trade order; type 8 warns that the
 * authorization ends within 48 hours. A push for another seller of the same app verifies too: its
 * order is not found with this connection's token and nothing happens.
 */
import { parseJsonObject } from '@nongsan/core';
import type { ChannelCredentials, WebhookEvent, WebhookRequest } from '../channel-adapter.js';
import { pushAuthorized } from '../push-signature.js';
import { pushSignature } from './lazada.signing.js';

/** The event of a push signed with the connection's app secret; null when it does not verify. */
export function lazadaPushEvent(credentials: ChannelCredentials, request: WebhookRequest): WebhookEvent | null {
  if (!credentials.appKey || !credentials.appSecret) return null;
  if (!pushAuthorized(request, pushSignature(credentials.appSecret, credentials.appKey, request.rawBody))) return null;
  const push = parseJsonObject<{ message_type?: unknown; data?: Record<string, unknown> }>(request.rawBody.toString('utf8'));
  if (!push) return { kind: 'ignored' };
  switch (Number(push.message_type)) {
    case 0: {
      const orderId = push.data?.trade_order_id;
      return (typeof orderId === 'string' || typeof orderId === 'number') && String(orderId)
        ? { kind: 'order', externalOrderId: String(orderId) }
        : { kind: 'ignored' };
    }
    case 8:
      return { kind: 'authorization', message: 'The Lazada authorization of this shop ends within 48 hours; authorize the app again to keep syncing.' };
    default:
      return { kind: 'ignored' };
  }
}
