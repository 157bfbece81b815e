import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { CheckoutDto, OrderDto } from '../checkout/checkout.dto.js';
import { PaymentProviders } from '../payments/payment-providers.js';
import { Checkout, Order, OrderLine, OrderStatusChange, Payment } from './order.entities.js';

/** Renders checkouts and orders as the API shows them; the one place those shapes are built. */
@Injectable()
export class OrderViews {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly providers: PaymentProviders,
  ) {}

  async orders(ids: string[], manager: EntityManager = this.db.manager): Promise<OrderDto[]> {
    if (ids.length === 0) return [];
    const orders = await manager.getRepository(Order).find({ where: { id: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
    const [lines, changes, checkouts, coops] = await Promise.all([
      manager.getRepository(OrderLine).find({ where: { orderId: In(ids) }, order: { position: 'ASC' } }),
      manager.getRepository(OrderStatusChange).find({ where: { orderId: In(ids) }, order: { id: 'ASC' } }),
      manager.getRepository(Checkout).findBy({ id: In([...new Set(orders.flatMap((o) => (o.checkoutId ? [o.checkoutId] : [])))]) }),
      manager.query<Array<{ id: string; name: string }>>(`SELECT id, name FROM cooperatives WHERE id = ANY($1)`, [[...new Set(orders.map((o) => o.cooperativeId))]]),
    ]);
    const byId = new Map(orders.map((o) => [o.id, o]));
    return ids
      .map((id) => byId.get(id))
      .filter((o): o is Order => o !== undefined)
      .map((o) => {
        // A marketplace's order has no checkout here: the platform took the payment and holds the address.
        const checkout = checkouts.find((c) => c.id === o.checkoutId) ?? null;
        return {
          id: o.id,
          checkoutId: o.checkoutId,
          cooperativeId: o.cooperativeId,
          cooperativeName: coops.find((c) => c.id === o.cooperativeId)?.name ?? '',
          channel: o.channel,
          externalReference: o.externalReference,
          buyerName: checkout?.shippingAddress.fullName ?? o.externalBuyerName,
          status: o.status,
          itemsTotal: o.itemsTotal,
          shippingFee: o.shippingFee,
          total: o.total,
          weightGrams: o.weightGrams,
          lines: lines
            .filter((l) => l.orderId === o.id)
            .map((l) => ({ variantId: l.variantId, productId: l.productId, productName: l.productName, variantName: l.variantName, sku: l.sku, unitPrice: l.unitPrice, quantity: l.quantity, lineTotal: l.lineTotal })),
          paymentMethod: checkout?.paymentMethod ?? null,
          carrier: o.carrier,
          trackingNumber: o.trackingNumber,
          cancelReason: o.cancelReason,
          paymentDueAt: o.paymentDueAt?.toISOString() ?? null,
          shippingAddress: checkout?.shippingAddress ?? null,
          timeline: changes
            .filter((c) => c.orderId === o.id)
            .map((c) => ({ from: c.fromStatus, to: c.toStatus, note: c.note, at: c.createdAt.toISOString(), by: c.actorUserId })),
          createdAt: o.createdAt.toISOString(),
        };
      });
  }

  async checkout(id: string, manager: EntityManager = this.db.manager): Promise<CheckoutDto> {
    const checkout = await manager.getRepository(Checkout).findOneByOrFail({ id });
    const payment = await manager.getRepository(Payment).createQueryBuilder('p').addSelect('p.clientSecret').where('p.checkout_id = :id', { id }).getOneOrFail();
    const orderIds = (await manager.getRepository(Order).find({ where: { checkoutId: id }, order: { position: 'ASC' }, select: { id: true } })).map((o) => o.id);
    const instructions = payment.status === 'pending' ? await this.providers.get(checkout.paymentMethod).instructions({ reference: checkout.paymentReference, total: checkout.total }, payment) : {};
    return {
      id: checkout.id,
      reference: checkout.paymentReference,
      orders: await this.orders(orderIds, manager),
      itemsTotal: checkout.itemsTotal,
      shippingTotal: checkout.shippingTotal,
      total: checkout.total,
      payment: { method: payment.provider, status: payment.status, amount: payment.amount, ...instructions },
      shippingAddress: checkout.shippingAddress,
      createdAt: checkout.createdAt.toISOString(),
    };
  }
}
