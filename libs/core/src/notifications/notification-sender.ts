import type { Notification, NotificationChannel } from './notification.entity.js';

/**
 * One way of delivering an outbox row (e-mail, Zalo ZNS; SMS later: one folder and one line in
 * notifications.providers.ts). `send` resolves once the provider accepted the message and throws a
 * DeliveryError otherwise. The row's id is the provider's idempotency handle (SMTP Message-ID,
 * ZNS tracking_id), so a retry after a crash is recognisable on the receiving side.
 */
export interface NotificationSender {
  readonly channel: NotificationChannel;
  /** False when its settings are absent (ZNS without an access token): its messages are not written at all. */
  readonly enabled: boolean;
  /** Whether it can carry this template at all (ZNS: only templates Zalo approved and configured); default yes. */
  handles?(template: string): boolean;
  send(message: Notification): Promise<void>;
}

/** Injection token of the list of senders. */
export const NOTIFICATION_SENDERS = Symbol('NOTIFICATION_SENDERS');

/**
 * A failed delivery. `permanent` ones (an address the server refuses, a template Zalo does not
 * know) are not retried. The message is what gets recorded: the caller keeps secrets out of it.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
