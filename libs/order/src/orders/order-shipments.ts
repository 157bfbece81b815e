import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ShipmentOrdersLink, type OrderParcel, type ParcelMove, type ShipmentOrders } from '@nongsan/delivery';
import type { EntityManager } from 'typeorm';
import { OrderStatus, type OrderAction } from './order-status.js';
import { Checkout, Order, OrderLine } from './order.entities.js';
import { OrdersService } from './orders.service.js';

/** The steps the order takes, from where it stands, when the carrier says the parcel moved (the steps between, when a push was lost). */
const STEPS: Record<ParcelMove, Partial<Record<OrderStatus, OrderAction[]>>> = {
  shipped: { [OrderStatus.Confirmed]: ['pack', 'ship'], [OrderStatus.Packed]: ['ship'] },
  delivered: { [OrderStatus.Confirmed]: ['pack', 'ship', 'deliver'], [OrderStatus.Packed]: ['ship', 'deliver'], [OrderStatus.Shipped]: ['deliver'] },
  returned: { [OrderStatus.Confirmed]: ['pack', 'ship', 'return'], [OrderStatus.Packed]: ['ship', 'return'], [OrderStatus.Shipped]: ['return'] },
};

/**
 * How delivery reads an order's parcel and how an order follows its carrier: picked up means packed
 * and shipped, delivered means delivered, brought back means returned (its stock on sale again),
 * each step taken by the system as a seller would take it.
 */
@Injectable()
export class OrderShipments implements ShipmentOrders, OnModuleInit {
  constructor(
    private readonly link: ShipmentOrdersLink,
    private readonly orders: OrdersService,
  ) {}

  onModuleInit(): void {
    this.link.register(this);
  }

  async parcel(orderId: string, manager: EntityManager): Promise<OrderParcel | null> {
    const order = await manager.getRepository(Order).findOneBy({ id: orderId });
    const checkout = order?.checkoutId ? await manager.getRepository(Checkout).findOneBy({ id: order.checkoutId }) : null;
    if (!order || !checkout) return null;
    const lines = await manager.getRepository(OrderLine).find({ where: { orderId }, order: { position: 'ASC' } });
    const [cooperative] = await manager.query<Array<{ name: string; phone: string }>>(`SELECT name, phone FROM cooperatives WHERE id = $1`, [
      order.cooperativeId,
    ]);
    const units = lines.reduce((n, l) => n + l.quantity, 0);
    // Carriers take Vietnamese numbers as dialled at home (0905…), not in the E.164 form we store.
    const local = (phone: string) => phone.replace(/^\+84/, '0').replace(/[^\d]/g, '');
    return {
      orderId,
      cooperativeId: order.cooperativeId,
      recipient: {
        name: checkout.shippingAddress.fullName,
        phone: local(checkout.shippingAddress.phone),
        addressLine: checkout.shippingAddress.addressLine,
        wardCode: checkout.shippingAddress.wardCode,
      },
      pickup: { name: cooperative.name, phone: local(cooperative.phone) },
      weightGrams: order.weightGrams,
      codAmount: checkout.paymentMethod === 'cod' ? order.total : 0,
      goodsValue: order.itemsTotal,
      // Lines carry no weight of their own: the parcel's weight is shared out by units.
      items: lines.map((l) => ({
        name: `${l.productName} ${l.variantName}`.trim(),
        code: l.sku,
        quantity: l.quantity,
        weightGrams: Math.max(1, Math.round(order.weightGrams / Math.max(1, units))),
        price: l.unitPrice,
      })),
    };
  }

  async booked(orderId: string, booking: { carrier: string; trackingNumber: string }, manager: EntityManager): Promise<void> {
    await manager.getRepository(Order).update({ id: orderId }, { carrier: booking.carrier, trackingNumber: booking.trackingNumber });
  }

  async moved(orderId: string, move: ParcelMove, manager: EntityManager): Promise<void> {
    const order = await manager.getRepository(Order).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order) return;
    for (const action of STEPS[move][order.status] ?? []) {
      await this.orders.move(
        manager,
        null,
        order,
        action,
        action === 'ship' ? { carrier: order.carrier ?? undefined, trackingNumber: order.trackingNumber ?? undefined } : {},
      );
    }
  }
}
