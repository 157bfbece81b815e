import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AppException, AuditService, currentStatus, decodeCursor, isTimePosition, DEFAULT_PAGE_SIZE, toPage, type AuthUser } from '@nongsan/core';
import { ShipmentsService } from '@nongsan/delivery';
import { CooperativeAccess, isOfficial, type AccessLevel } from '@nongsan/seller';
import { Not, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { CheckoutDto, OrderDto } from '../checkout/checkout.dto.js';
import { orderError } from '../order.errors.js';
import { BUYER_CANCELLABLE, nextOrderStatus, OrderStatus, PAID_FOR, statesAllowing, type OrderAction } from './order-status.js';
import { Checkout, Order, OrderStatusChange, Payment } from './order.entities.js';
import { OrderNotices } from './order-notices.js';
import { OrderViews } from './order-views.js';
import { OrderWriter } from './order-writer.js';
import { isCollector } from '../payments/collector.js';
import { Refund } from '../refunds/refund.entity.js';
import { RefundsService } from '../refunds/refunds.service.js';
import { PayoutsService } from '../payouts/payouts.service.js';
import type { CooperativeOrdersDto, OrderListQueryDto, OrderPageDto } from './orders.dto.js';

/**
 * Orders after checkout: who may see them (the buyer, the cooperative, officials), the seller's
 * fulfilment steps, cancellation with stock given back (and money, when it was paid), and a VietQR
 * transfer confirmed by the collector.
 *
 * Locks are always taken payment first, then orders, so that a transfer being confirmed and an
 * order being cancelled at the same moment queue behind each other instead of deadlocking.
 */
@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly views: OrderViews,
    private readonly writer: OrderWriter,
    private readonly audit: AuditService,
    private readonly payouts: PayoutsService,
    private readonly refunds: RefundsService,
    private readonly config: AppConfig,
    private readonly notices: OrderNotices,
    private readonly shipments: ShipmentsService,
  ) {}

  async get(user: AuthUser, orderId: string): Promise<OrderDto> {
    await this.visible(user, orderId, 'read');
    return (await this.views.orders([orderId]))[0];
  }

  async checkout(user: AuthUser, checkoutId: string): Promise<CheckoutDto> {
    const checkout = await this.db.getRepository(Checkout).findOneBy({ id: checkoutId });
    if (!checkout || (checkout.buyerId !== user.id && !isOfficial(user))) throw AppException.notFound('checkout');
    return this.views.checkout(checkoutId);
  }

  async listMine(user: AuthUser, query: OrderListQueryDto): Promise<OrderPageDto> {
    return this.page(query, (qb) => qb.andWhere('o.buyer_id = :buyer', { buyer: user.id }));
  }

  async listForCooperative(user: AuthUser, cooperativeId: string, query: OrderListQueryDto): Promise<CooperativeOrdersDto> {
    await this.access.require(user, cooperativeId, 'read');
    const page = await this.page(query, (qb) => qb.andWhere('o.cooperative_id = :coop', { coop: cooperativeId }));
    const [totals] = await this.db.query<Array<{ count: number; items_total: string; total: string }>>(
      `SELECT count(*)::int AS count, coalesce(sum(items_total), 0) AS items_total, coalesce(sum(total), 0) AS total
         FROM orders WHERE cooperative_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR channel = $3)`,
      [cooperativeId, query.status ?? null, query.channel ?? null],
    );
    return { ...page, totals: { orders: totals.count, itemsTotal: Number(totals.items_total), total: Number(totals.total) } };
  }

  /**
   * Orders waiting for the cooperative to confirm them: cash on delivery placed, or paid. A
   * marketplace's orders are confirmed on the platform, so only this storefront's count. The
   * caller has checked access to the cooperative.
   */
  async countAwaitingConfirmation(cooperativeId: string): Promise<number> {
    const [row] = await this.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM orders WHERE cooperative_id = $1 AND channel = 'web' AND status = ANY($2)`,
      [cooperativeId, statesAllowing('confirm')],
    );
    return row.n;
  }

  /** A fulfilment step by the cooperative's people (confirm, pack, ship, deliver, cancel). */
  async sellerAction(
    user: AuthUser,
    orderId: string,
    action: Exclude<OrderAction, 'pay' | 'complete' | 'return'>,
    details: { carrier?: string; trackingNumber?: string; reason?: string } = {},
  ): Promise<OrderDto> {
    const owed = await this.db.transaction(async (manager) => {
      if (action === 'cancel') await this.lockPaymentOf(manager, orderId);
      const order = await this.visible(user, orderId, 'member', manager, true);
      // The platform drives a marketplace order; a step taken here would never reach the buyer.
      if (order.channel !== 'web') throw orderError('ORDER_MANAGED_BY_CHANNEL', currentStatus(order.status));
      return this.move(manager, user, order, action, details);
    });
    if (owed) await this.refunds.send([owed]);
    return this.get(user, orderId);
  }

  /**
   * By the buyer (before packing) or by the cooperative (before shipping); a paid order's money is
   * owed back at once. A parcel booked with a carrier is cancelled there first, outside the order's
   * transaction: when the carrier refuses (picked up already) or cannot be reached, the order stays.
   */
  async cancel(user: AuthUser, orderId: string, reason: string | null): Promise<OrderDto> {
    const order = await this.db.getRepository(Order).findOneBy({ id: orderId });
    const byBuyer = order?.buyerId === user.id;
    // The checks the cancellation makes again under its locks, first here: no parcel is stopped for an order that stays.
    const seen = order && byBuyer ? order : await this.visible(user, orderId, 'member');
    if (!(byBuyer ? BUYER_CANCELLABLE : statesAllowing('cancel')).includes(seen.status)) throw AppException.wrongState(seen.status);
    await this.shipments.cancelBeforePickup(orderId);
    return byBuyer ? this.buyerCancel(user, orderId, reason) : this.sellerAction(user, orderId, 'cancel', { reason: reason ?? undefined });
  }

  /**
   * Money arrived for a checkout (transfer seen, statement line matched, card webhook): its unpaid
   * orders become paid and earn for their cooperatives. Money for an order already cancelled is
   * never lost: it is owed back. Call with the payment row locked; send the refunds it returns
   * after the commit.
   */
  async settlePayment(manager: EntityManager, payment: Payment, actor: AuthUser | null, reference: string | null = null): Promise<Refund[]> {
    await manager.getRepository(Payment).update(
      { id: payment.id },
      {
        status: 'succeeded',
        receivedAt: new Date(),
        receivedBy: actor?.id ?? null,
        receivedReference: reference,
        needsRefund: payment.status === 'cancelled',
      },
    );
    const orders = await manager
      .getRepository(Order)
      .find({ where: { checkoutId: payment.checkoutId }, order: { position: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const owed: Refund[] = [];
    for (const order of orders) {
      if (order.status === OrderStatus.PendingPayment) await this.move(manager, actor, order, 'pay', {});
      else if (order.status === OrderStatus.Cancelled) {
        const refund = await this.refunds.owe(manager, order, payment, 'unpaid_order');
        if (refund) owed.push(refund);
      }
    }
    return owed;
  }

  /** Cancels every VietQR/card order still unpaid at `now`, giving its stock back. */
  async expireUnpaid(now = new Date(), batch = 100): Promise<number> {
    return this.cancelDue(OrderStatus.PendingPayment, 'o.payment_due_at <= :now', { now }, 'Hết hạn thanh toán', batch);
  }

  /**
   * Cancels every cash-on-delivery order its cooperative has not confirmed within COD_CONFIRM_HOURS
   * of `now`: a buyer's order must not hold stock that others could buy while nobody acts on it.
   */
  async cancelUnconfirmedCod(now = new Date(), batch = 100): Promise<number> {
    const hours = this.config.orders.codConfirmHours;
    const before = new Date(now.getTime() - hours * 3_600_000);
    return this.cancelDue(
      OrderStatus.Placed,
      `o.created_at <= :before AND o.channel = 'web'`,
      { before },
      `Hợp tác xã không xác nhận trong ${hours} giờ`,
      batch,
    );
  }

  /**
   * Cancels, as the system, the orders in `status` matching `due`, each in its own transaction that
   * takes the payment's lock and then the order's (the order every money path takes). One whose
   * checkout is busy right now is left for the next run; a checkout whose orders are all cancelled
   * stops waiting for money.
   */
  private async cancelDue(status: OrderStatus, due: string, params: Record<string, unknown>, reason: string, batch: number): Promise<number> {
    let cancelled = 0;
    for (;;) {
      const candidates = await this.db
        .getRepository(Order)
        .createQueryBuilder('o')
        .select(['o.id'])
        .where('o.status = :status', { status })
        .andWhere(due, params)
        .orderBy('o.created_at')
        .take(batch)
        .getMany();
      let pass = 0;
      for (const candidate of candidates) {
        const done = await this.db.transaction(async (manager) => {
          const [locked] = await manager.query<unknown[]>(
            `SELECT p.id FROM payments p JOIN orders o ON o.checkout_id = p.checkout_id WHERE o.id = $1 FOR UPDATE OF p SKIP LOCKED`,
            [candidate.id],
          );
          if (!locked) return false;
          const order = await manager.getRepository(Order).findOne({ where: { id: candidate.id }, lock: { mode: 'pessimistic_write' } });
          if (order?.status !== status) return false;
          await this.move(manager, null, order, 'cancel', { reason });
          const open = await manager.getRepository(Order).count({ where: { checkoutId: order.checkoutId!, status: Not(OrderStatus.Cancelled) } });
          if (open === 0) await manager.getRepository(Payment).update({ checkoutId: order.checkoutId!, status: 'pending' }, { status: 'cancelled' });
          return true;
        });
        if (done) pass++;
      }
      cancelled += pass;
      // Cancelled orders leave the filter; a pass that could cancel nothing (all busy) leaves the rest for the next run.
      if (candidates.length < batch || pass === 0) return cancelled;
    }
  }

  /** The buyer changes their mind, before the parcel is packed. */
  private async buyerCancel(user: AuthUser, orderId: string, reason: string | null): Promise<OrderDto> {
    const owed = await this.db.transaction(async (manager) => {
      await this.lockPaymentOf(manager, orderId);
      const order = await manager.getRepository(Order).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (!order || order.buyerId !== user.id) throw AppException.notFound('order');
      if (!BUYER_CANCELLABLE.includes(order.status)) {
        throw AppException.wrongState(order.status);
      }
      return this.move(manager, user, order, 'cancel', { reason: reason ?? 'Người mua huỷ' });
    });
    if (owed) await this.refunds.send([owed]);
    return this.get(user, orderId);
  }

  /** Takes the lock of the order's checkout payment (see the class comment on lock order). */
  private async lockPaymentOf(manager: EntityManager, orderId: string): Promise<void> {
    await manager.query(`SELECT p.id FROM payments p JOIN orders o ON o.checkout_id = p.checkout_id WHERE o.id = $1 FOR UPDATE OF p`, [orderId]);
  }

  /**
   * The VietQR transfer arrived on the collector's account: every order of that checkout is paid.
   * Only the collector's people can see that account; anyone else who may see the order (its
   * cooperative, its buyer, an official without the finance permission) is refused with 403.
   */
  async paymentReceived(user: AuthUser, orderId: string): Promise<OrderDto> {
    if (!isCollector(user)) {
      await this.visible(user, orderId, 'read');
      throw AppException.forbidden();
    }
    const order = await this.db.getRepository(Order).findOneBy({ id: orderId });
    if (!order) throw AppException.notFound('order');
    if (!order.checkoutId) throw orderError('ORDER_MANAGED_BY_CHANNEL', currentStatus(order.status));
    await this.confirmTransfer(user, order.checkoutId, null);
    return this.get(user, orderId);
  }

  /** The collector saw the checkout's transfer (by hand, with the bank's reference when at hand). */
  async confirmTransfer(user: AuthUser, checkoutId: string, reference: string | null): Promise<void> {
    const owed = await this.db.transaction(async (manager) => {
      const payment = await manager.getRepository(Payment).findOne({ where: { checkoutId }, lock: { mode: 'pessimistic_write' } });
      if (!payment) throw AppException.notFound('checkout');
      const late = payment.provider === 'vietqr' && payment.status === 'cancelled';
      if (payment.provider !== 'vietqr' || (payment.status !== 'pending' && !late)) {
        throw orderError('PAYMENT_NOT_PENDING', currentStatus(payment.status));
      }
      const owed = await this.settlePayment(manager, payment, user, reference);
      await this.audit.record(
        {
          actor: user,
          action: late ? 'payment.received_late' : 'payment.received',
          entityType: 'checkout',
          entityId: checkoutId,
          data: { amount: payment.amount, reference },
        },
        manager,
      );
      return owed;
    });
    await this.refunds.send(owed);
  }

  /**
   * `user` is null for the system (expiry, a marketplace's update). Cancelling an order whose money
   * reached the collector owes it back: the refund is returned for the caller to send after the
   * commit (callers that cancel paid orders hold the payment's lock).
   */
  async move(
    manager: EntityManager,
    user: AuthUser | null,
    order: Order,
    action: OrderAction,
    details: { carrier?: string; trackingNumber?: string; reason?: string },
  ): Promise<Refund | null> {
    const to = nextOrderStatus(order.status, action);
    const changes: Partial<Order> = { status: to };
    let owed: Refund | null = null;
    if (action === 'ship') Object.assign(changes, { carrier: details.carrier, trackingNumber: details.trackingNumber });
    // A marketplace takes and gives back its own buyers' money; only our own checkouts' money moves here.
    if (action === 'pay' && order.checkoutId) await this.payouts.recordPayment(manager, order);
    // Cancelled, or brought back by the carrier undelivered: the stock it held goes back on sale (once: only held stock is released).
    if (action === 'cancel' || action === 'return') await this.writer.release(manager, order.id);
    if (action === 'cancel') {
      changes.cancelReason = details.reason ?? null;
      const payment = order.checkoutId ? await manager.getRepository(Payment).findOneBy({ checkoutId: order.checkoutId }) : null;
      if (payment?.status === 'succeeded' && PAID_FOR.includes(order.status)) owed = await this.refunds.owe(manager, order, payment, 'cancellation');
    }
    if (action === 'confirm' && order.channel === 'web' && order.checkoutId) {
      // The parcel is booked with the cooperative's carrier by a job committed with the confirmation; the carrier collects the cash of a COD order.
      const checkout = await manager.getRepository(Checkout).findOneByOrFail({ id: order.checkoutId });
      await this.shipments.requestBooking(order.id, order.cooperativeId, checkout.paymentMethod === 'cod' ? order.total : 0, manager);
    }
    if (action === 'deliver') {
      // Handed over: the stock is sold for good (until then a cancellation puts it back, paid or
      // not), and the order counts in the cooperative's payouts.
      await this.writer.commit(manager, order.id);
      // A marketplace pays its sellers itself; only our own checkouts enter the payouts ledger.
      if (order.checkoutId) await this.payouts.recordDelivery(manager, order, await manager.getRepository(Checkout).findOneByOrFail({ id: order.checkoutId }));
    }
    await manager.getRepository(Order).update({ id: order.id }, changes);
    await manager.getRepository(OrderStatusChange).insert({
      orderId: order.id,
      fromStatus: order.status,
      toStatus: to,
      note: details.reason ?? (action === 'ship' ? `${details.carrier} ${details.trackingNumber}` : null),
      actorUserId: user?.id ?? null,
    });
    if (user?.id !== order.buyerId) {
      await this.audit.record(
        {
          actor: user,
          action: `order.${action}`,
          entityType: 'order',
          entityId: order.id,
          cooperativeId: order.cooperativeId,
          data: { from: order.status, to },
        },
        manager,
      );
    }
    await this.tell(manager, order, action, details);
    order.status = to;
    return owed;
  }

  /** The buyer hears of each step; a paid order is one for the cooperative to confirm. */
  private async tell(manager: EntityManager, order: Order, action: OrderAction, details: { carrier?: string; trackingNumber?: string }): Promise<void> {
    if (action === 'pay' && order.checkoutId) {
      await this.notices.toBuyer(manager, order, 'payment.received', { amount: Number(order.total) });
      await this.notices.toConfirm(manager, order);
    }
    if (action === 'confirm') await this.notices.toBuyer(manager, order, 'order.confirmed');
    if (action === 'ship')
      await this.notices.toBuyer(manager, order, 'order.shipped', { carrier: details.carrier ?? null, trackingNumber: details.trackingNumber ?? null });
    if (action === 'deliver') await this.notices.toBuyer(manager, order, 'order.delivered');
    if (action === 'return') await this.notices.toBuyer(manager, order, 'order.returned');
  }

  /** The order if the caller may see it at `level`: its buyer (read only), its cooperative, officials (read). Else 404. */
  private async visible(user: AuthUser, orderId: string, level: AccessLevel, manager: EntityManager = this.db.manager, lock = false): Promise<Order> {
    const order = await manager.getRepository(Order).findOne({ where: { id: orderId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!order) throw AppException.notFound('order');
    if (level === 'read' && order.buyerId === user.id) return order;
    await this.access.require(user, order.cooperativeId, level, { manager, notFoundAs: 'order' });
    return order;
  }

  private async page(query: OrderListQueryDto, scope: (qb: SelectQueryBuilder<Order>) => void): Promise<OrderPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isTimePosition);
    const qb = this.db.getRepository(Order).createQueryBuilder('o').select(['o.id', 'o.createdAt']);
    scope(qb);
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.channel) qb.andWhere('o.channel = :channel', { channel: query.channel });
    if (after) qb.andWhere('(o.created_at, o.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
    return { items: await this.views.orders(page.items.map((o) => o.id)), nextCursor: page.nextCursor };
  }
}
