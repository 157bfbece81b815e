import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a carrier needs to book one order's parcel. */
export interface OrderParcel {
  orderId: string;
  cooperativeId: string;
  recipient: { name: string; phone: string; addressLine: string; wardCode: string };
  /** The cooperative's contact, for the pickup. */
  pickup: { name: string; phone: string };
  weightGrams: number;
  /** Đồng the carrier collects on delivery (0 when paid online). */
  codAmount: number;
  goodsValue: number;
  items: Array<{ name: string; code: string; quantity: number; weightGrams: number; price: number }>;
}

/** Where the carrier says a parcel is, as the order follows it. */
export type ParcelMove = 'shipped' | 'delivered' | 'returned';

/**
 * The orders side of delivery, implemented by the order context and registered at start: delivery
 * never imports orders, orders tell delivery how to read a parcel and hear where it went.
 */
export interface ShipmentOrders {
  parcel(orderId: string, manager: EntityManager): Promise<OrderParcel | null>;
  /** The carrier took the booking: the order carries its carrier and tracking number. */
  booked(orderId: string, booking: { carrier: string; trackingNumber: string }, manager: EntityManager): Promise<void>;
  /** Called once per move, in the transaction that records it. */
  moved(orderId: string, move: ParcelMove, manager: EntityManager): Promise<void>;
}

@Injectable()
export class ShipmentOrdersLink {
  private registered: ShipmentOrders | null = null;

  register(orders: ShipmentOrders): void {
    this.registered = orders;
  }

  get orders(): ShipmentOrders {
    if (!this.registered) throw new Error('no ShipmentOrders registered (the order module registers it at start)');
    return this.registered;
  }
}
