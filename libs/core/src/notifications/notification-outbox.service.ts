import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { QueueService } from '../queue/queue.service.js';
import { Notification, type NotificationChannel } from './notification.entity.js';
import type { Recipient } from './notification-audience.js';
import { NOTIFICATION_SENDERS, type NotificationSender } from './notification-sender.js';
import { TEMPLATES } from './templates/templates.js';

/** The queue whose jobs wake a worker to deliver due outbox rows (notification-dispatcher.service.ts). */
export const NOTIFICATION_DELIVER_QUEUE = 'notification.deliver';

export interface OutgoingNotification {
  cooperativeId?: string | null;
  channel: NotificationChannel;
  recipient: string;
  template: string;
  locale?: string;
  data?: Record<string, unknown>;
  /**
   * What happened, once: `order.shipped:<orderId>`. The same key, channel and recipient added again
   * (a retried request, a replayed webhook) owes no second message. Unset → a new event each time.
   */
  eventKey?: string;
}

@Injectable()
export class NotificationOutbox {
  private readonly senders: Map<NotificationChannel, NotificationSender>;

  constructor(
    @InjectRepository(Notification) private readonly outbox: Repository<Notification>,
    @Inject(NOTIFICATION_SENDERS) senders: NotificationSender[],
    private readonly queue: QueueService,
  ) {
    this.senders = new Map(senders.filter((s) => s.enabled).map((s) => [s.channel, s]));
  }

  /** Whether a message of `template` on `channel` can go anywhere (ZNS: with its access token and an approved template). */
  private deliverable(channel: NotificationChannel, template: string): boolean {
    const sender = this.senders.get(channel);
    return Boolean(sender && (sender.handles?.(template) ?? true));
  }

  /**
   * A moment told to people: an e-mail each (and a Zalo message to those with a phone, when ZNS
   * carries this template), in their language; optional moments skip those who turned them off.
   */
  async notify(
    recipients: Recipient[],
    template: string,
    data: Record<string, unknown>,
    options: { eventKey: string; cooperativeId?: string | null },
    manager: EntityManager = this.outbox.manager,
  ): Promise<void> {
    const definition = TEMPLATES[template];
    if (!definition) throw new Error(`unknown notification template ${template}`);
    const wanted = recipients.filter((r) => !(definition.optional && r.optOuts.includes(template)));
    const messages = wanted.flatMap((r): OutgoingNotification[] => {
      const common = { cooperativeId: options.cooperativeId ?? null, template, locale: r.locale, data, eventKey: options.eventKey };
      return [{ ...common, channel: 'email', recipient: r.email }, ...(r.phone ? [{ ...common, channel: 'zns' as const, recipient: r.phone }] : [])];
    });
    await this.add(messages, manager);
  }

  /**
   * Pass the manager of the transaction making the change, so the message exists exactly when the
   * change does; the job that wakes a sender is committed with it. Messages on a channel that is
   * off are not written: nothing could ever send them.
   */
  async add(messages: OutgoingNotification[], manager: EntityManager = this.outbox.manager): Promise<void> {
    const deliverable = messages.filter((m) => m.recipient && this.deliverable(m.channel, m.template));
    if (deliverable.length === 0) return;
    const eventKey = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        deliverable.map((m) => ({
          cooperativeId: m.cooperativeId ?? null,
          eventKey: m.eventKey ?? eventKey,
          channel: m.channel,
          recipient: m.recipient,
          template: m.template,
          locale: m.locale === 'en' ? 'en' : 'vi',
          data: m.data ?? {},
          status: 'pending' as const,
          attempts: 0,
          sentAt: null,
        })) as QueryDeepPartialEntity<Notification>[],
      )
      .orIgnore()
      .execute();
    await this.queue.send(NOTIFICATION_DELIVER_QUEUE, {}, { manager });
  }

  list(filter: { cooperativeId?: string }): Promise<Notification[]> {
    return this.outbox.find({ where: filter.cooperativeId ? { cooperativeId: filter.cooperativeId } : {}, order: { createdAt: 'ASC' } });
  }
}
