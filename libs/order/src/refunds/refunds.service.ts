import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppException, AuditService, currentStatus, decodeCursor, DEFAULT_PAGE_SIZE, isTimePosition, toPage, type AuthUser } from '@nongsan/core';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { orderError } from '../order.errors.js';
import { OrderNotices } from '../orders/order-notices.js';
import { Order, Payment } from '../orders/order.entities.js';
import { PaymentProviders } from '../payments/payment-providers.js';
import { PayoutsService } from '../payouts/payouts.service.js';
import { Refund, type RefundCause } from './refund.entity.js';
import { refundView, type RefundDto, type RefundListQueryDto, type RefundPageDto } from './refunds.dto.js';

/**
 * Money owed back to buyers. A refund is owed in the same transaction that makes it owed (a paid
 * order cancelled, money arriving for an order already cancelled) and the cooperative's earning is
 * reversed there too; paying it back happens after the commit — through Stripe for a card, by the
 * collector's bank transfer otherwise, recorded with its reference.
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger(RefundsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly providers: PaymentProviders,
    private readonly payouts: PayoutsService,
    private readonly audit: AuditService,
    private readonly notices: OrderNotices,
  ) {}

  /**
   * Money owed back for the order: its whole total (once per cause), or what a return takes back.
   * A buyer who paid cash on delivery is paid back by the collector's bank transfer, out of what
   * the cooperative is owed. Call with the checkout's payment row locked.
   */
  async owe(
    manager: EntityManager,
    order: Order,
    payment: Pick<Payment, 'provider'>,
    cause: RefundCause,
    part?: { amount: number; returnId: string },
  ): Promise<Refund | null> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Refund)
      .values({
        orderId: order.id,
        checkoutId: order.checkoutId!,
        cooperativeId: order.cooperativeId,
        cause,
        returnId: part?.returnId ?? null,
        amount: part?.amount ?? order.total,
        method: payment.provider === 'card' ? 'card' : 'bank',
        status: 'pending',
      })
      .orIgnore()
      .returning('*')
      .execute();
    if (inserted.raw.length === 0) return null;
    const refund = await manager.getRepository(Refund).findOneByOrFail({ id: (inserted.raw as Array<{ id: string }>)[0].id });
    await this.payouts.reverse(manager, refund, order, payment.provider === 'cod');
    return refund;
  }

  /**
   * Sends card refunds to Stripe, outside any transaction, each under its own idempotency key: a
   * retry never refunds twice. One Stripe refuses stays pending, for a person to settle by hand.
   */
  async send(refunds: Refund[]): Promise<void> {
    for (const refund of refunds.filter((r) => r.method === 'card' && r.status === 'pending')) {
      const payment = await this.db.getRepository(Payment).findOneByOrFail({ checkoutId: refund.checkoutId });
      const reference = (await this.providers.get(payment.provider).refund?.(payment, refund.amount, `refund-${refund.id}`)) ?? null;
      if (!reference) {
        this.logger.warn({ refundId: refund.id }, 'card refund refused; left pending for a person');
        continue;
      }
      await this.db.transaction((manager) => this.settle(manager, refund.id, reference, null));
    }
  }

  /** The collector paid a refund back by bank transfer (or by hand in Stripe’s dashboard). */
  async recordByHand(user: AuthUser, refundId: string, reference: string): Promise<RefundDto> {
    return this.db.transaction(async (manager) => {
      const refund = await manager.getRepository(Refund).findOne({ where: { id: refundId }, lock: { mode: 'pessimistic_write' } });
      if (!refund) throw AppException.notFound('refund');
      if (refund.status !== 'pending') throw orderError('REFUND_NOT_PENDING', currentStatus(refund.status));
      await this.settle(manager, refund.id, reference, user);
      await this.audit.record(
        {
          actor: user,
          action: 'refund.refunded',
          entityType: 'order',
          entityId: refund.orderId,
          cooperativeId: refund.cooperativeId,
          data: { refundId, amount: refund.amount, reference },
        },
        manager,
      );
      return refundView(await manager.getRepository(Refund).findOneByOrFail({ id: refundId }));
    });
  }

  /**
   * Sends a card refund Stripe refused once more, under the same idempotency key as the first try,
   * so retries at the same moment (or a retry racing the first send) refund once.
   */
  async retry(user: AuthUser, refundId: string): Promise<RefundDto> {
    const refund = await this.db.getRepository(Refund).findOneBy({ id: refundId });
    if (!refund) throw AppException.notFound('refund');
    if (refund.status !== 'pending') throw orderError('REFUND_NOT_PENDING', currentStatus(refund.status));
    if (refund.method !== 'card') throw orderError('REFUND_NOT_CARD', { details: [{ field: 'method', key: 'validation.refundByBank' }] });
    await this.send([refund]);
    const after = await this.db.getRepository(Refund).findOneByOrFail({ id: refundId });
    if (after.status !== 'refunded') throw orderError('REFUND_REFUSED');
    await this.audit.record({
      actor: user,
      action: 'refund.retried',
      entityType: 'order',
      entityId: after.orderId,
      cooperativeId: after.cooperativeId,
      data: { refundId, amount: after.amount, reference: after.reference },
    });
    return refundView(after);
  }

  async list(query: RefundListQueryDto): Promise<RefundPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isTimePosition);
    const qb = this.db.getRepository(Refund).createQueryBuilder('r');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (after) qb.andWhere('(r.created_at, r.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
    return { items: page.items.map(refundView), nextCursor: page.nextCursor };
  }

  /** Each order's latest refund, for the order views. */
  async latestByOrder(orderIds: string[], manager: EntityManager = this.db.manager): Promise<Map<string, RefundDto>> {
    if (orderIds.length === 0) return new Map();
    const refunds = await manager.getRepository(Refund).find({ where: { orderId: In(orderIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return new Map(refunds.map((r) => [r.orderId, refundView(r)]));
  }

  /** Paid back; once the checkout's whole payment has gone back, the payment reads refunded. */
  private async settle(manager: EntityManager, refundId: string, reference: string, user: AuthUser | null): Promise<void> {
    const updated = await manager
      .getRepository(Refund)
      .update({ id: refundId, status: 'pending' }, { status: 'refunded', reference, refundedAt: new Date(), refundedBy: user?.id ?? null });
    if (!updated.affected) return;
    const { checkoutId, orderId, amount } = await manager.getRepository(Refund).findOneByOrFail({ id: refundId });
    const order = await manager.getRepository(Order).findOneByOrFail({ id: orderId });
    await this.notices.toBuyer(manager, order, 'order.refunded', { amount: Number(amount) }, `order.refunded:${refundId}`);
    await manager.query(
      `UPDATE payments p SET status = 'refunded', needs_refund = false, updated_at = now()
        WHERE p.checkout_id = $1 AND p.status = 'succeeded'
          AND p.amount <= (SELECT coalesce(sum(amount), 0) FROM refunds WHERE checkout_id = $1 AND status = 'refunded')`,
      [checkoutId],
    );
  }
}
