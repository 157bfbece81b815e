import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { Notification, type NotificationChannel } from './notification.entity.js';

export interface OutgoingNotification {
  cooperativeId?: string | null;
  channel: NotificationChannel;
  recipient: string;
  template: string;
  locale?: string;
  data?: Record<string, unknown>;
}

@Injectable()
export class NotificationOutbox {
  constructor(@InjectRepository(Notification) private readonly outbox: Repository<Notification>) {}

  /** Pass the manager of the transaction making the change, so the message exists exactly when the change does. */
  async add(messages: OutgoingNotification[], manager: EntityManager = this.outbox.manager): Promise<void> {
    if (messages.length === 0) return;
    await manager.getRepository(Notification).save(
      messages.map((m) => ({
        cooperativeId: m.cooperativeId ?? null,
        channel: m.channel,
        recipient: m.recipient,
        template: m.template,
        locale: m.locale ?? 'vi',
        data: m.data ?? {},
        status: 'pending' as const,
        attempts: 0,
        sentAt: null,
      })),
    );
  }

  list(filter: { cooperativeId?: string }): Promise<Notification[]> {
    return this.outbox.find({ where: filter.cooperativeId ? { cooperativeId: filter.cooperativeId } : {}, order: { createdAt: 'ASC' } });
  }
}
