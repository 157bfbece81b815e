import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AppException, AuditService, decodeCursor, DEFAULT_PAGE_SIZE, isTimePosition, toPage, type AuthUser, type FieldIssue } from '@nongsan/core';
import { CooperativeAccess, type AccessLevel } from '@nongsan/seller';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { orderError } from '../order.errors.js';
import { OrderStatus } from '../orders/order-status.js';
import { Order, OrderLine, Payment } from '../orders/order.entities.js';
import { OrderWriter } from '../orders/order-writer.js';
import { Refund } from '../refunds/refund.entity.js';
import { refundView } from '../refunds/refunds.dto.js';
import { RefundsService } from '../refunds/refunds.service.js';
import { OrderReturn, type ReturnLine, type ReturnStatus } from './order-return.entity.js';
import { ReturnPhotosService } from './return-photos.service.js';
import type { ReturnAcceptInput, ReturnDecisionInput, ReturnDto, ReturnListQueryDto, ReturnPageDto, ReturnRequestInput } from './returns.dto.js';

/** A return still asking, or granted: its quantities are spoken for. */
const CLAIMING: ReturnStatus[] = ['requested', 'escalated', 'accepted'];

/**
 * Returns of delivered goods. Within RETURN_WINDOW_DAYS of delivery the buyer asks to send back
 * some lines with a reason; the cooperative accepts (the goods' value is refunded, and they go back
 * on sale if they came back) or refuses with a reason; a refused request can be escalated once to
 * an official, whose decision is final. Accepting takes the checkout's payment lock first, as every
 * money path does.
 */
@Injectable()
export class ReturnsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly refunds: RefundsService,
    private readonly writer: OrderWriter,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly photos: ReturnPhotosService,
  ) {}

  async request(user: AuthUser, orderId: string, input: ReturnRequestInput): Promise<ReturnDto> {
    const id = await this.db.transaction(async (manager) => {
      // One request at a time per order, so two cannot both claim the same units.
      const order = await manager.getRepository(Order).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (!order || order.buyerId !== user.id) throw AppException.notFound('order');
      if (order.status !== OrderStatus.Delivered && order.status !== OrderStatus.Completed) throw AppException.wrongState(order.status);
      const [{ delivered_at: deliveredAt }] = await manager.query<Array<{ delivered_at: Date }>>(
        `SELECT max(created_at) AS delivered_at FROM order_status_changes WHERE order_id = $1 AND to_status = 'delivered'`,
        [orderId],
      );
      const days = this.config.orders.returnWindowDays;
      const closesAt = new Date(new Date(deliveredAt).getTime() + days * 86_400_000);
      if (closesAt.getTime() < Date.now()) {
        throw orderError('RETURN_WINDOW_CLOSED', {
          params: { days },
          details: [{ field: 'order', key: 'validation.returnWindowClosed', params: { days, closedAt: closesAt.toISOString().slice(0, 10) } }],
        });
      }
      const lines = await this.claimable(manager, orderId, input);
      const row = {
        orderId,
        cooperativeId: order.cooperativeId,
        buyerId: user.id,
        status: 'requested' as const,
        lines,
        amount: lines.reduce((sum, l) => sum + l.lineTotal, 0),
        reason: input.reason,
      };
      const saved = await manager.getRepository(OrderReturn).save(row);
      return saved.id;
    });
    return this.view(id);
  }

  /** The requested lines as bought, each within what is left to return; 400 naming each line that is not. */
  private async claimable(manager: EntityManager, orderId: string, input: ReturnRequestInput): Promise<ReturnLine[]> {
    const bought = await manager.getRepository(OrderLine).findBy({ orderId });
    const earlier = await manager.getRepository(OrderReturn).find({ where: CLAIMING.map((status) => ({ orderId, status })) });
    const claimed = (variantId: string) =>
      earlier
        .flatMap((r) => r.lines)
        .filter((l) => l.variantId === variantId)
        .reduce((sum, l) => sum + l.quantity, 0);
    const issues: FieldIssue[] = [];
    const lines: ReturnLine[] = [];
    input.lines.forEach((wanted, i) => {
      const line = bought.find((b) => b.variantId === wanted.variantId);
      if (!line) return issues.push({ field: `lines[${i}].variantId`, key: 'validation.returnNotInOrder' });
      if (input.lines.findIndex((l) => l.variantId === wanted.variantId) !== i)
        return issues.push({ field: `lines[${i}].variantId`, key: 'validation.returnRepeated' });
      const left = line.quantity - claimed(line.variantId);
      if (wanted.quantity > left) return issues.push({ field: `lines[${i}].quantity`, key: 'validation.returnQuantity', params: { max: left } });
      lines.push({
        variantId: line.variantId,
        sku: line.sku,
        productName: line.productName,
        variantName: line.variantName,
        unitPrice: line.unitPrice,
        quantity: wanted.quantity,
        lineTotal: line.unitPrice * wanted.quantity,
      });
    });
    if (issues.length > 0) throw AppException.validation(issues);
    return lines;
  }

  /** The cooperative takes the goods back: their value is owed to the buyer, and they are on sale again if they came back. */
  accept(user: AuthUser, returnId: string, input: ReturnAcceptInput): Promise<ReturnDto> {
    return this.decide(user, returnId, 'member', ['requested'], (manager, ret) => this.grant(manager, user, ret, input.reason ?? null, input.goodsReturned));
  }

  refuse(user: AuthUser, returnId: string, reason: string): Promise<ReturnDto> {
    return this.decide(user, returnId, 'member', ['requested'], (manager, ret) => this.close(manager, user, ret, reason));
  }

  /** An official's final word on a refused request the buyer escalated. */
  settleEscalated(official: AuthUser, returnId: string, input: ReturnDecisionInput): Promise<ReturnDto> {
    return this.decide(official, returnId, 'read', ['escalated'], (manager, ret) =>
      input.decision === 'accept'
        ? this.grant(manager, official, ret, input.reason, input.goodsReturned ?? false)
        : this.close(manager, official, ret, input.reason),
    );
  }

  /** The buyer asks an official to look at a refusal, once. */
  async escalate(user: AuthUser, returnId: string, note: string): Promise<ReturnDto> {
    await this.db.transaction(async (manager) => {
      const ret = await manager.getRepository(OrderReturn).findOne({ where: { id: returnId }, lock: { mode: 'pessimistic_write' } });
      if (!ret || ret.buyerId !== user.id) throw AppException.notFound('return');
      if (ret.status !== 'refused' || ret.escalatedAt) throw AppException.wrongState(ret.escalatedAt ? 'escalated' : ret.status);
      await manager.getRepository(OrderReturn).update({ id: ret.id }, { status: 'escalated', escalationNote: note, escalatedAt: new Date() });
    });
    return this.view(returnId);
  }

  private async decide(
    user: AuthUser,
    returnId: string,
    level: AccessLevel,
    from: ReturnStatus[],
    apply: (manager: EntityManager, ret: OrderReturn) => Promise<Refund | null>,
  ): Promise<ReturnDto> {
    const owed = await this.db.transaction(async (manager) => {
      const found = await manager.getRepository(OrderReturn).findOneBy({ id: returnId });
      if (!found) throw AppException.notFound('return');
      await this.access.require(user, found.cooperativeId, level, { manager, notFoundAs: 'return' });
      await manager.query(`SELECT p.id FROM payments p JOIN orders o ON o.checkout_id = p.checkout_id WHERE o.id = $1 FOR UPDATE OF p`, [found.orderId]);
      const ret = await manager.getRepository(OrderReturn).findOneOrFail({ where: { id: returnId }, lock: { mode: 'pessimistic_write' } });
      if (!from.includes(ret.status)) throw AppException.wrongState(ret.status);
      return apply(manager, ret);
    });
    if (owed) await this.refunds.send([owed]);
    return this.view(returnId);
  }

  private async grant(manager: EntityManager, user: AuthUser, ret: OrderReturn, reason: string | null, goodsReturned: boolean): Promise<Refund | null> {
    const order = await manager.getRepository(Order).findOneByOrFail({ id: ret.orderId });
    const payment = await manager.getRepository(Payment).findOneByOrFail({ checkoutId: order.checkoutId! });
    const refund = await this.refunds.owe(manager, order, payment, 'return', { amount: ret.amount, returnId: ret.id });
    if (goodsReturned) await this.writer.restock(manager, ret.lines);
    await manager
      .getRepository(OrderReturn)
      .update({ id: ret.id }, { status: 'accepted', decisionReason: reason, decidedBy: user.id, decidedAt: new Date(), goodsReturned });
    await this.audit.record(
      {
        actor: user,
        action: 'return.accept',
        entityType: 'order',
        entityId: ret.orderId,
        cooperativeId: ret.cooperativeId,
        data: { returnId: ret.id, amount: ret.amount, goodsReturned },
      },
      manager,
    );
    return refund;
  }

  private async close(manager: EntityManager, user: AuthUser, ret: OrderReturn, reason: string): Promise<null> {
    await manager.getRepository(OrderReturn).update({ id: ret.id }, { status: 'refused', decisionReason: reason, decidedBy: user.id, decidedAt: new Date() });
    await this.audit.record(
      {
        actor: user,
        action: 'return.refuse',
        entityType: 'order',
        entityId: ret.orderId,
        cooperativeId: ret.cooperativeId,
        data: { returnId: ret.id, reason },
      },
      manager,
    );
    return null;
  }

  /** The buyer who asked, the cooperative's members, officials. */
  async get(user: AuthUser, returnId: string): Promise<ReturnDto> {
    const ret = await this.db.getRepository(OrderReturn).findOneBy({ id: returnId });
    if (!ret) throw AppException.notFound('return');
    if (ret.buyerId !== user.id) await this.access.require(user, ret.cooperativeId, 'read', { notFoundAs: 'return' });
    return this.view(returnId);
  }

  async listForOrder(user: AuthUser, orderId: string, query: ReturnListQueryDto): Promise<ReturnPageDto> {
    const order = await this.db.getRepository(Order).findOneBy({ id: orderId });
    if (!order) throw AppException.notFound('order');
    if (order.buyerId !== user.id) await this.access.require(user, order.cooperativeId, 'read', { notFoundAs: 'order' });
    return this.page(query, (qb) => qb.andWhere('r.order_id = :orderId', { orderId }));
  }

  async listForCooperative(user: AuthUser, cooperativeId: string, query: ReturnListQueryDto): Promise<ReturnPageDto> {
    await this.access.require(user, cooperativeId, 'read');
    return this.page(query, (qb) => qb.andWhere('r.cooperative_id = :cooperativeId', { cooperativeId }));
  }

  /** Requests waiting for the cooperative's answer: the seller portal's badge. */
  countAwaitingAnswer(cooperativeId: string): Promise<number> {
    return this.db.getRepository(OrderReturn).countBy({ cooperativeId, status: 'requested' });
  }

  /** Officials: e.g. `?status=escalated`, the requests waiting for them. */
  listAll(query: ReturnListQueryDto): Promise<ReturnPageDto> {
    return this.page(query, () => undefined);
  }

  private async page(query: ReturnListQueryDto, scope: (qb: SelectQueryBuilder<OrderReturn>) => void): Promise<ReturnPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isTimePosition);
    const qb = this.db.getRepository(OrderReturn).createQueryBuilder('r');
    scope(qb);
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (after) qb.andWhere('(r.created_at, r.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  private async view(id: string): Promise<ReturnDto> {
    return (await this.views([await this.db.getRepository(OrderReturn).findOneByOrFail({ id })]))[0];
  }

  private async views(returns: OrderReturn[]): Promise<ReturnDto[]> {
    const refunds = returns.length > 0 ? await this.db.getRepository(Refund).findBy(returns.map((r) => ({ returnId: r.id }))) : [];
    const photos = await this.photos.forReturns(returns.map((r) => r.id));
    return returns.map((r) => {
      const refund = refunds.find((f) => f.returnId === r.id);
      return {
        id: r.id,
        orderId: r.orderId,
        cooperativeId: r.cooperativeId,
        status: r.status,
        lines: r.lines,
        amount: r.amount,
        reason: r.reason,
        decisionReason: r.decisionReason,
        decidedAt: r.decidedAt?.toISOString() ?? null,
        escalationNote: r.escalationNote,
        escalatedAt: r.escalatedAt?.toISOString() ?? null,
        goodsReturned: r.goodsReturned,
        refund: refund ? refundView(refund) : null,
        photos: photos.get(r.id) ?? [],
        createdAt: r.createdAt.toISOString(),
      };
    });
  }
}
