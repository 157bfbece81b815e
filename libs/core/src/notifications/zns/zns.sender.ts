import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { toE164VietnamesePhone } from '../../validation/phone.js';
import type { Notification } from '../notification.entity.js';
import { DeliveryError, type NotificationSender } from '../notification-sender.js';
import { orderCode } from '../templates/templates.js';

/**
 * Zalo's documented error codes (zalo.cloud/zns/guidelines/handle-error-code) that no retry can
 * fix: phone number invalid, template id invalid, template data empty, template data invalid.
 * Every other code (-100 unknown error, -124 access token invalid until the operator renews it,
 * quota…) is retried with backoff and, past NOTIFY_MAX_ATTEMPTS, recorded as failed.
 */
export const ZNS_PERMANENT_ERRORS = new Set([-108, -109, -111, -112]);

interface ZnsAnswer {
  error: number;
  message: string;
  data?: { msg_id?: string };
}

/**
 * Zalo Notification Service: a template Zalo approved (ZALO_ZNS_TEMPLATES maps a moment to its
 * id), sent to a phone number in 84 format with the moment's data as `template_data`. The
 * `tracking_id` is the outbox row's id: a retry after a crash carries the same one, for the
 * reconciliation Zalo's delivery reports allow. Off without ZALO_ZNS_ACCESS_TOKEN.
 */
@Injectable()
export class ZnsSender implements NotificationSender {
  readonly channel = 'zns' as const;
  readonly enabled: boolean;

  constructor(private readonly config: AppConfig) {
    this.enabled = Boolean(config.notifications.zns.accessToken);
  }

  handles(template: string): boolean {
    return Object.hasOwn(this.config.notifications.zns.templates, template);
  }

  async send(message: Notification): Promise<void> {
    const zns = this.config.notifications.zns;
    const phone = toE164VietnamesePhone(message.recipient);
    if (!phone) throw new DeliveryError('ZNS: not a Vietnamese phone number', true);
    let response: Response;
    try {
      response = await fetch(`${zns.baseUrl}/message/template`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', access_token: zns.accessToken! },
        body: JSON.stringify({
          phone: phone.slice(1),
          template_id: zns.templates[message.template],
          template_data: templateData(message.data),
          tracking_id: message.id,
        }),
        signal: AbortSignal.timeout(zns.timeoutMs),
      });
    } catch (error) {
      throw new DeliveryError(`ZNS unreachable: ${(error as Error).name}`, false);
    }
    if (!response.ok) throw new DeliveryError(`ZNS HTTP ${response.status}`, false);
    const answer = (await response.json().catch(() => null)) as ZnsAnswer | null;
    if (!answer || typeof answer.error !== 'number') throw new DeliveryError('ZNS: unreadable answer', false);
    if (answer.error !== 0) throw new DeliveryError(`ZNS ${answer.error}: ${String(answer.message).slice(0, 200)}`, ZNS_PERMANENT_ERRORS.has(answer.error));
  }
}

/**
 * The moment's data as ZNS parameters: strings, one per field (a template approved by Zalo names
 * its parameters after these keys), plus the order's short code where there is an order.
 */
export function templateData(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined || typeof value === 'object') continue;
    out[key] = String(value);
  }
  if (data.orderId) out.orderCode = orderCode(data);
  return out;
}
