import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AppException, AuditService, decodeCursor, isTimePosition, DEFAULT_PAGE_SIZE, toPage, type AuthUser, type PageQueryDto } from '@nongsan/core';
import { CooperativeAccess } from '@nongsan/seller';
import type { DataSource, EntityManager } from 'typeorm';
import type { Checkout, Order } from '../orders/order.entities.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import type { LedgerDto, PayoutInput } from './payouts.dto.js';

/**
 * The payouts ledger (Stripe Connect does not pay Vietnamese sellers, so the platform pays each
 * cooperative by bank transfer). A delivered order paid online earns its total less the
 * commission on its goods; a cash-on-delivery order was paid to the cooperative directly, so only
 * the commission is owed the other way. Each order counts once.
 */
@Injectable()
export class PayoutsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async recordDelivery(manager: EntityManager, order: Order, checkout: Pick<Checkout, 'paymentMethod'>): Promise<void> {
    const commission = Math.floor((order.itemsTotal * this.config.orders.commissionBps) / 10_000);
    const entry =
      checkout.paymentMethod === 'cod'
        ? { kind: 'commission_due' as const, amount: -commission }
        : { kind: 'order_earning' as const, amount: order.total - commission };
    if (entry.amount === 0) return;
    await manager.createQueryBuilder().insert().into(LedgerEntry).values({ cooperativeId: order.cooperativeId, orderId: order.id, ...entry }).orIgnore().execute();
  }

  async ledger(user: AuthUser, cooperativeId: string, query: PageQueryDto): Promise<LedgerDto> {
    await this.access.require(user, cooperativeId, 'read');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isTimePosition);
    const qb = this.db.getRepository(LedgerEntry).createQueryBuilder('l').where('l.cooperative_id = :cooperativeId', { cooperativeId });
    if (after) qb.andWhere('(l.created_at, l.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb.orderBy('l.created_at', 'DESC').addOrderBy('l.id', 'DESC').take(limit + 1).getMany();
    const page = toPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
    return {
      balance: await this.balance(this.db.manager, cooperativeId),
      items: page.items.map((e) => ({ id: e.id, kind: e.kind, orderId: e.orderId, amount: e.amount, reference: e.reference, at: e.createdAt.toISOString() })),
      nextCursor: page.nextCursor,
    };
  }

  /** An official records a bank transfer made to the cooperative; never more than is owed. */
  async recordPayout(official: AuthUser, cooperativeId: string, input: PayoutInput): Promise<LedgerDto> {
    await this.db.transaction(async (manager) => {
      await this.access.require(official, cooperativeId, 'read', { manager, lock: true });
      const balance = await this.balance(manager, cooperativeId);
      if (input.amount > balance) throw AppException.conflict('PAYOUT_EXCEEDS_BALANCE', [{ field: 'amount', key: 'validation.payoutExceedsBalance', params: { balance } }]);
      await manager.getRepository(LedgerEntry).insert({ cooperativeId, kind: 'payout', amount: -input.amount, reference: input.reference, recordedBy: official.id });
      await this.audit.record({ actor: official, action: 'cooperative.payout', entityType: 'cooperative', entityId: cooperativeId, cooperativeId, data: { ...input } }, manager);
    });
    return this.ledger(official, cooperativeId, {});
  }

  /** What the platform owes the cooperative now (negative: what it owes the platform). The caller has checked access. */
  balanceOf(cooperativeId: string): Promise<number> {
    return this.balance(this.db.manager, cooperativeId);
  }

  private async balance(manager: EntityManager, cooperativeId: string): Promise<number> {
    const [row] = await manager.query<Array<{ balance: string }>>(`SELECT coalesce(sum(amount), 0) AS balance FROM payout_ledger WHERE cooperative_id = $1`, [cooperativeId]);
    return Number(row.balance);
  }
}
