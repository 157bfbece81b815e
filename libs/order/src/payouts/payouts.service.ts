import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AuditService, decodeCursor, isTimePosition, DEFAULT_PAGE_SIZE, toPage, type AuthUser, type PageQueryDto } from '@nongsan/core';
import { CooperativeAccess, PayoutAccounts, SellerKind } from '@nongsan/seller';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { orderError } from '../order.errors.js';
import { OrderStatus } from '../orders/order-status.js';
import type { Checkout, Order } from '../orders/order.entities.js';
import { buildVietQr } from '../payments/vietqr/vietqr.js';
import { vietQrImage } from '../payments/vietqr/vietqr-image.js';
import type { Refund } from '../refunds/refund.entity.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import type { LedgerDto, PayoutInput, PayoutQrDto } from './payouts.dto.js';

/** Paid for, not yet in the buyer's hands: a cancellation or a lost parcel may still send the money back. */
const IN_TRANSIT = [OrderStatus.Paid, OrderStatus.Confirmed, OrderStatus.Packed, OrderStatus.Shipped];

/**
 * The payouts ledger (Stripe Connect does not pay Vietnamese sellers, so the platform pays each
 * cooperative by bank transfer). An order paid online earns its total less the commission on its
 * goods the moment its money reaches the collector; a refund reverses that earning. A
 * cash-on-delivery order was paid to the cooperative directly, so at delivery only the commission
 * is owed the other way. Only money of orders handed over (or closed) can be paid out.
 */
@Injectable()
export class PayoutsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly accounts: PayoutAccounts,
  ) {}

  /**
   * The collector received an online payment for `order`: the cooperative earns it (once), and a
   * household seller has its tax withheld on the goods as Decree 117/2025/NĐ-CP requires of a
   * platform that takes the payment (TAX_WITHHOLDING_BPS; shipping is not the goods' revenue).
   */
  async recordPayment(manager: EntityManager, order: Order): Promise<void> {
    const amount = order.total - this.commissionOn(order.itemsTotal);
    const entries: Array<Partial<LedgerEntry>> = amount === 0 ? [] : [{ cooperativeId: order.cooperativeId, orderId: order.id, kind: 'order_earning', amount }];
    const [seller] = await manager.query<Array<{ kind: string }>>(`SELECT kind FROM cooperatives WHERE id = $1`, [order.cooperativeId]);
    if (seller?.kind === SellerKind.HouseholdBusiness) {
      const { vatBps, pitBps } = this.config.taxWithholding;
      for (const [kind, bps] of [
        ['vat_withheld', vatBps],
        ['pit_withheld', pitBps],
      ] as const) {
        const tax = Math.round((order.itemsTotal * bps) / 10_000);
        if (tax > 0) entries.push({ cooperativeId: order.cooperativeId, orderId: order.id, kind, amount: -tax, taxBase: order.itemsTotal });
      }
    }
    if (entries.length > 0) await manager.createQueryBuilder().insert().into(LedgerEntry).values(entries).orIgnore().execute();
  }

  /** A cash-on-delivery order handed over: the commission on its goods is owed to the platform. */
  async recordDelivery(manager: EntityManager, order: Order, checkout: Pick<Checkout, 'paymentMethod'>): Promise<void> {
    if (checkout.paymentMethod !== 'cod') return;
    const commission = this.commissionOn(order.itemsTotal);
    if (commission === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(LedgerEntry)
      .values({ cooperativeId: order.cooperativeId, orderId: order.id, kind: 'commission_due', amount: -commission })
      .orIgnore()
      .execute();
  }

  /**
   * A refund of `amount` of the order's total: the cooperative gives back what it earned on that
   * part (the commission on it is the platform's to give back), and the tax withheld on it is
   * offset. Nothing to reverse when the order never earned (its money arrived after it was
   * cancelled). `sellerHeldMoney`: a cash-on-delivery order returned after delivery.
   */
  async reverse(
    manager: EntityManager,
    refund: Pick<Refund, 'id' | 'orderId' | 'cooperativeId' | 'amount'>,
    order: Pick<Order, 'total' | 'itemsTotal'>,
    sellerHeldMoney = false,
  ): Promise<void> {
    const earned = await manager
      .getRepository(LedgerEntry)
      .find({ where: { orderId: refund.orderId, refundId: IsNull(), kind: In(['order_earning', 'vat_withheld', 'pit_withheld']) } });
    const whole = refund.amount === order.total;
    // The goods' part of a partial refund (a return gives back goods, not the shipping).
    const goods = Math.min(refund.amount, order.itemsTotal);
    const base = { cooperativeId: refund.cooperativeId, orderId: refund.orderId, refundId: refund.id };
    if (sellerHeldMoney) {
      // Cash on delivery: the cooperative holds the buyer's money; the collector pays the buyer back
      // and takes it from what the cooperative is owed, less the commission on those goods.
      const amount = refund.amount - this.commissionOn(goods);
      if (amount > 0) await manager.getRepository(LedgerEntry).insert({ ...base, kind: 'refund', amount: -amount });
      return;
    }
    const entries = earned.flatMap((e): Array<Partial<LedgerEntry>> => {
      if (e.kind === 'order_earning') {
        const amount = whole ? e.amount : Math.min(e.amount, refund.amount - this.commissionOn(goods));
        return amount > 0 ? [{ ...base, kind: 'refund', amount: -amount }] : [];
      }
      const offset = whole ? -e.amount : Math.round((-e.amount * goods) / e.taxBase!);
      return offset > 0 ? [{ ...base, kind: e.kind, amount: offset, taxBase: -(whole ? e.taxBase! : goods) }] : [];
    });
    if (entries.length > 0) await manager.getRepository(LedgerEntry).insert(entries);
  }

  private commissionOn(goods: number): number {
    return Math.floor((goods * this.config.orders.commissionBps) / 10_000);
  }

  async ledger(user: AuthUser, cooperativeId: string, query: PageQueryDto): Promise<LedgerDto> {
    await this.access.require(user, cooperativeId, 'read');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isTimePosition);
    const qb = this.db.getRepository(LedgerEntry).createQueryBuilder('l').where('l.cooperative_id = :cooperativeId', { cooperativeId });
    if (after) qb.andWhere('(l.created_at, l.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('l.created_at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
    const { balance, available } = await this.balances(this.db.manager, cooperativeId);
    return {
      balance,
      available,
      items: page.items.map((e) => ({
        id: e.id,
        kind: e.kind,
        orderId: e.orderId,
        refundId: e.refundId,
        amount: e.amount,
        reference: e.reference,
        taxBase: e.taxBase,
        at: e.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * The collector records a bank transfer made to the cooperative: never more than is available
   * (refunds already taken off, orders not yet handed over left out).
   */
  async recordPayout(official: AuthUser, cooperativeId: string, input: PayoutInput): Promise<LedgerDto> {
    await this.db.transaction(async (manager) => {
      await this.access.require(official, cooperativeId, 'read', { manager, lock: true });
      const account = await this.payableAccount(cooperativeId);
      const { available } = await this.balances(manager, cooperativeId);
      if (input.amount > available) throw exceeds(available);
      await manager
        .getRepository(LedgerEntry)
        .insert({ cooperativeId, kind: 'payout', amount: -input.amount, reference: input.reference, recordedBy: official.id });
      const paidTo = { bankBin: account.bankBin, accountNumber: account.accountNumber, accountName: account.accountName };
      await this.audit.record(
        { actor: official, action: 'cooperative.payout', entityType: 'cooperative', entityId: cooperativeId, cooperativeId, data: { ...input, paidTo } },
        manager,
      );
    });
    return this.ledger(official, cooperativeId, {});
  }

  /**
   * The VietQR code the collector scans in a banking app to pay the cooperative: its payout
   * account, `amount` (default: everything available) and a description naming the payout.
   */
  async payoutQr(official: AuthUser, cooperativeId: string, requested: number | undefined): Promise<PayoutQrDto> {
    await this.access.require(official, cooperativeId, 'read');
    const account = await this.payableAccount(cooperativeId);
    const { available } = await this.balances(this.db.manager, cooperativeId);
    const amount = requested ?? available;
    if (amount < 1 || amount > available) throw exceeds(available);
    const purpose = `NONGSAN CHI TRA ${cooperativeId.slice(0, 8).toUpperCase()}`;
    const payload = buildVietQr({ bankBin: account.bankBin, accountNumber: account.accountNumber, amount, purpose });
    return {
      amount,
      bankBin: account.bankBin,
      bankName: account.bank.shortName,
      accountNumber: account.accountNumber,
      accountName: account.accountName,
      purpose,
      payload,
      imageDataUrl: await vietQrImage(payload),
    };
  }

  /** Payouts go only to the account the cooperative's admins gave. */
  private async payableAccount(cooperativeId: string) {
    const account = await this.accounts.of(cooperativeId);
    if (!account) throw orderError('PAYOUT_ACCOUNT_MISSING', { details: [{ field: 'payoutAccount', key: 'validation.payoutAccountMissing' }] });
    return account;
  }

  /** What the platform owes the cooperative now (negative: what it owes the platform). The caller has checked access. */
  async balanceOf(cooperativeId: string): Promise<number> {
    return (await this.balances(this.db.manager, cooperativeId)).balance;
  }

  /**
   * balance: every entry; available: what may be paid out now — the money of orders still on
   * their way (paid, not yet delivered) stays with the collector until they are handed over.
   */
  private async balances(manager: EntityManager, cooperativeId: string): Promise<{ balance: number; available: number }> {
    const [row] = await manager.query<Array<{ balance: string; available: string }>>(
      `SELECT coalesce(sum(l.amount), 0) AS balance,
              coalesce(sum(l.amount) FILTER (WHERE o.status IS NULL OR o.status <> ALL($2)), 0) AS available
         FROM payout_ledger l LEFT JOIN orders o ON o.id = l.order_id
        WHERE l.cooperative_id = $1`,
      [cooperativeId, IN_TRANSIT],
    );
    return { balance: Number(row.balance), available: Number(row.available) };
  }
}

const exceeds = (available: number) =>
  orderError('PAYOUT_EXCEEDS_BALANCE', { details: [{ field: 'amount', key: 'validation.payoutExceedsBalance', params: { balance: available } }] });
