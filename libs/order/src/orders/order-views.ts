import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, translate, UsersService, type Locale } from '@nongsan/core';
import { ShipmentsService, type ShipmentView } from '@nongsan/delivery';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { CheckoutDto, OrderDto, ParcelShippingDto } from '../checkout/checkout.dto.js';
import { PaymentProviders } from '../payments/payment-providers.js';
import type { RefundDto } from '../refunds/refunds.dto.js';
import { RefundsService } from '../refunds/refunds.service.js';
import { Checkout, Order, OrderLine, OrderStatusChange, Payment } from './order.entities.js';
import { OrderStatus } from './order-status.js';

/** Renders checkouts and orders as the API shows them; the one place those shapes are built. */
@Injectable()
export class OrderViews {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly providers: PaymentProviders,
    private readonly users: UsersService,
    private readonly refunds: RefundsService,
    private readonly config: AppConfig,
    private readonly shipments: ShipmentsService,
  ) {}

  async orders(ids: string[], manager: EntityManager = this.db.manager): Promise<OrderDto[]> {
    if (ids.length === 0) return [];
    const orders = await manager.getRepository(Order).find({ where: { id: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return this.render(ids, orders, manager, []);
  }

  /** `orders` as the API shows them, in the order of `ids`; checkouts already at hand are not read again. */
  private async render(ids: string[], orders: Order[], manager: EntityManager, known: Checkout[]): Promise<OrderDto[]> {
    const missing = [...new Set(orders.flatMap((o) => (o.checkoutId && !known.some((c) => c.id === o.checkoutId) ? [o.checkoutId] : [])))];
    const [lines, changes, fetched, coops, refunds, shipments] = await Promise.all([
      manager.getRepository(OrderLine).find({ where: { orderId: In(ids) }, order: { position: 'ASC' } }),
      manager.getRepository(OrderStatusChange).find({ where: { orderId: In(ids) }, order: { id: 'ASC' } }),
      missing.length > 0 ? manager.getRepository(Checkout).findBy({ id: In(missing) }) : Promise.resolve([]),
      manager.query<Array<{ id: string; name: string }>>(`SELECT id, name FROM cooperatives WHERE id = ANY($1)`, [
        [...new Set(orders.map((o) => o.cooperativeId))],
      ]),
      this.refunds.latestByOrder(ids, manager),
      this.shipments.viewsFor(ids, manager),
    ]);
    const checkouts = [...known, ...fetched];
    const names = await this.actorNames(changes);
    const byId = new Map(orders.map((o) => [o.id, o]));
    return ids
      .map((id) => byId.get(id))
      .filter((o): o is Order => o !== undefined)
      .map((o) =>
        orderView(
          o,
          lines.filter((l) => l.orderId === o.id),
          changes.filter((c) => c.orderId === o.id),
          // A marketplace's order has no checkout here: the platform took the payment and holds the address.
          checkouts.find((c) => c.id === o.checkoutId) ?? null,
          coops.find((c) => c.id === o.cooperativeId)?.name ?? '',
          names,
          refunds.get(o.id) ?? null,
          this.config.orders.returnWindowDays,
          shipments.get(o.id) ?? null,
        ),
      );
  }

  /** Who made each move, by name: the people behind a timeline (its buyer, the cooperative's staff, an official). */
  private actorNames(changes: Array<Pick<OrderStatusChange, 'actorUserId'>>): Promise<Map<string, string>> {
    return this.users.namesById(changes.flatMap((c) => (c.actorUserId ? [c.actorUserId] : [])));
  }

  async checkout(id: string, manager: EntityManager = this.db.manager, locale: Locale = 'vi'): Promise<CheckoutDto> {
    const [checkout, payment, orders] = await Promise.all([
      manager.getRepository(Checkout).findOneByOrFail({ id }),
      manager.getRepository(Payment).createQueryBuilder('p').addSelect('p.clientSecret').where('p.checkout_id = :id', { id }).getOneOrFail(),
      manager.getRepository(Order).find({ where: { checkoutId: id }, order: { position: 'ASC' } }),
    ]);
    return this.checkoutView(
      checkout,
      payment,
      orders.length > 0
        ? await this.render(
            orders.map((o) => o.id),
            orders,
            manager,
            [checkout],
          )
        : [],
      locale,
    );
  }

  /**
   * A checkout just written, from the rows its transaction wrote rather than read back: the same
   * answer as `checkout(id)` (a replay of the request gets that one), without its six statements
   * at the busiest moment (bench/checkout.mjs).
   */
  async written(
    checkout: Checkout,
    payment: Pick<Payment, 'provider' | 'status' | 'amount' | 'clientSecret'>,
    orders: WrittenOrder[],
    locale: Locale,
  ): Promise<CheckoutDto> {
    const names = await this.actorNames(orders.flatMap((o) => o.changes));
    return this.checkoutView(
      checkout,
      payment,
      orders.map((o) => orderView(o.order, o.lines, o.changes, checkout, o.cooperativeName, names, null, this.config.orders.returnWindowDays, null)),
      locale,
    );
  }

  private async checkoutView(
    checkout: Checkout,
    payment: Pick<Payment, 'provider' | 'status' | 'amount' | 'clientSecret'>,
    orders: OrderDto[],
    locale: Locale,
  ): Promise<CheckoutDto> {
    const instructions =
      payment.status === 'pending'
        ? await this.providers.get(checkout.paymentMethod).instructions({ reference: checkout.paymentReference, total: checkout.total }, payment)
        : {};
    return {
      id: checkout.id,
      reference: checkout.paymentReference,
      orders,
      itemsTotal: checkout.itemsTotal,
      shippingTotal: checkout.shippingTotal,
      total: checkout.total,
      payment: { method: payment.provider, status: payment.status, amount: payment.amount, ...instructions },
      shippingNotice: shippingNotice(
        orders.map((o) => o.shipping),
        locale,
      ),
      shippingAddress: checkout.shippingAddress,
      createdAt: checkout.createdAt.toISOString(),
    };
  }
}

/** Tells the buyer the flat fee table stood in for a carrier that failed; null when none did. */
export function shippingNotice(parcels: Array<Pick<ParcelShippingDto, 'fallback'>>, locale: Locale): string | null {
  return parcels.some((p) => p.fallback) ? translate(locale, 'delivery.fallbackNotice') : null;
}

/** An order as its checkout's transaction wrote it. */
export interface WrittenOrder {
  order: Order;
  lines: Array<Omit<OrderLine, 'id'>>;
  changes: Array<Omit<OrderStatusChange, 'id'>>;
  cooperativeName: string;
}

/** The one shape of an order in the API. `lines` and `changes` are the order's own. */
function orderView(
  o: Order,
  lines: Array<Omit<OrderLine, 'id'>>,
  changes: Array<Omit<OrderStatusChange, 'id'>>,
  checkout: Checkout | null,
  cooperativeName: string,
  actorNames: Map<string, string>,
  refund: RefundDto | null,
  returnWindowDays: number,
  shipment: ShipmentView | null,
): OrderDto {
  return {
    id: o.id,
    checkoutId: o.checkoutId,
    cooperativeId: o.cooperativeId,
    cooperativeName,
    channel: o.channel,
    externalReference: o.externalReference,
    buyerName: checkout?.shippingAddress.fullName ?? o.externalBuyerName,
    status: o.status,
    itemsTotal: o.itemsTotal,
    shippingFee: o.shippingFee,
    shipping: {
      carrier: o.shippingCarrier,
      fee: o.shippingFee,
      ...(o.shippingEstimatedDeliveryDate ? { estimatedDeliveryDate: o.shippingEstimatedDeliveryDate } : {}),
      fallback: o.shippingFallback,
    },
    total: o.total,
    weightGrams: o.weightGrams,
    lines: lines.map((l) => ({
      variantId: l.variantId,
      productId: l.productId,
      productName: l.productName,
      variantName: l.variantName,
      sku: l.sku,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      lineTotal: l.lineTotal,
    })),
    paymentMethod: checkout?.paymentMethod ?? null,
    carrier: o.carrier,
    trackingNumber: o.trackingNumber,
    shipment,
    cancelReason: o.cancelReason,
    paymentDueAt: o.paymentDueAt?.toISOString() ?? null,
    shippingAddress: checkout?.shippingAddress ?? null,
    timeline: changes.map((c) => ({
      from: c.fromStatus,
      to: c.toStatus,
      note: c.note,
      at: c.createdAt.toISOString(),
      by: c.actorUserId,
      // Deleting a user nulls actor_user_id (ON DELETE SET NULL), so an id always has its name.
      actor: c.actorUserId ? { id: c.actorUserId, name: actorNames.get(c.actorUserId) ?? '' } : null,
    })),
    refund,
    returnableUntil: returnableUntil(o, changes, returnWindowDays),
    createdAt: o.createdAt.toISOString(),
  };
}

/** When the buyer's time to ask for a return ends (it may have passed): RETURN_WINDOW_DAYS after the last delivery of a storefront order. */
function returnableUntil(o: Order, changes: Array<Omit<OrderStatusChange, 'id'>>, days: number): string | null {
  if (o.channel !== 'web' || (o.status !== OrderStatus.Delivered && o.status !== OrderStatus.Completed)) return null;
  const delivered = changes.filter((c) => c.toStatus === OrderStatus.Delivered).at(-1);
  return delivered ? new Date(delivered.createdAt.getTime() + days * 86_400_000).toISOString() : null;
}
