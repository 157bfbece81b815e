import { Injectable } from '@nestjs/common';
import { NotificationAudience, NotificationOutbox } from '@nongsan/core';
import type { EntityManager } from 'typeorm';
import type { Order } from './order.entities.js';

type NoticeOrder = Pick<Order, 'id' | 'cooperativeId' | 'buyerId' | 'total' | 'channel'>;

/**
 * What an order's people hear, written in the transaction of the change: the cooperative's team of
 * a new order to confirm (from this storefront or any marketplace), the buyer of each step.
 * Each moment of an order happens once, so the order id keys the event.
 */
@Injectable()
export class OrderNotices {
  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly audience: NotificationAudience,
  ) {}

  async toConfirm(manager: EntityManager, order: NoticeOrder): Promise<void> {
    const team = await this.audience.cooperative(order.cooperativeId, 'everyone', manager);
    const data = { ...(await this.facts(manager, order)), channel: order.channel };
    await this.outbox.notify(team, 'order.new', data, { eventKey: `order.new:${order.id}`, cooperativeId: order.cooperativeId }, manager);
  }

  /** A marketplace's buyers are the platform's to tell; only our own buyers hear from us. */
  async toBuyer(
    manager: EntityManager,
    order: NoticeOrder,
    template: string,
    extra: Record<string, unknown> = {},
    eventKey = `${template}:${order.id}`,
  ): Promise<void> {
    if (!order.buyerId) return;
    const buyer = await this.audience.users([order.buyerId], manager);
    await this.outbox.notify(buyer, template, { ...(await this.facts(manager, order)), ...extra }, { eventKey, cooperativeId: order.cooperativeId }, manager);
  }

  private async facts(manager: EntityManager, order: NoticeOrder): Promise<Record<string, unknown>> {
    const [cooperative] = await manager.query<Array<{ name: string }>>(`SELECT name FROM cooperatives WHERE id = $1`, [order.cooperativeId]);
    return { orderId: order.id, total: Number(order.total), cooperativeName: cooperative?.name ?? '' };
  }
}
