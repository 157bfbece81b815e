import { Injectable } from '@nestjs/common';
import { StockService } from '@nongsan/catalog';
import type { EntityManager } from 'typeorm';
import { OrderStatus, type OrderAction } from '../orders/order-status.js';
import { Order } from '../orders/order.entities.js';
import { OrderNotices } from '../orders/order-notices.js';
import { OrderWriter, type StockShortage } from '../orders/order-writer.js';
import { OrdersService } from '../orders/orders.service.js';

/** An order a marketplace took and was paid for, as the channels context hands it over. */
export interface MarketplaceOrder {
  cooperativeId: string;
  /** The platform id (`shopee`…). */
  channel: string;
  externalReference: string;
  buyerName: string | null;
  /** Variants already matched to this cooperative's SKUs; prices as the platform charged them. */
  lines: Array<{ variantId: string; quantity: number; unitPrice: number }>;
}

export type MarketplacePlacement = { placed: true; orderId: string } | { placed: false; short: StockShortage[] };

/** From paid to completed, the steps our state machine walks when the platform says it is done. */
const TO_COMPLETED: OrderAction[] = ['confirm', 'pack', 'ship', 'deliver', 'complete'];
/** Where in TO_COMPLETED an order of each status goes on; a status not here is final. */
const NEXT_STEP: Partial<Record<OrderStatus, number>> = {
  [OrderStatus.Paid]: 0,
  [OrderStatus.Confirmed]: 1,
  [OrderStatus.Packed]: 2,
  [OrderStatus.Shipped]: 3,
  [OrderStatus.Delivered]: 4,
};

/**
 * Orders that came from a marketplace: placed by the same writer as a checkout's,
 * taking stock the same way, so the one stock is never sold twice across channels, and the stock
 * change fans out to every channel through the catalog's event. The platform collected the money
 * and ships the parcel; here the order mirrors its state. Every method runs in the caller's
 * transaction.
 */
@Injectable()
export class MarketplaceOrdersService {
  constructor(
    private readonly stock: StockService,
    private readonly writer: OrderWriter,
    private readonly orders: OrdersService,
    private readonly notices: OrderNotices,
  ) {}

  /**
   * Takes the stock and records a paid order, or takes nothing and reports what was short: the
   * work runs in a savepoint, so a shortage leaves the caller's transaction as it was.
   */
  async place(manager: EntityManager, input: MarketplaceOrder): Promise<MarketplacePlacement> {
    try {
      return await manager.transaction((savepoint) => this.record(savepoint, input));
    } catch (error) {
      if (error instanceof StockShort) return { placed: false, short: error.short };
      throw error;
    }
  }

  private async record(manager: EntityManager, input: MarketplaceOrder): Promise<MarketplacePlacement> {
    const variants = await this.stock.describe(
      manager,
      input.lines.map((l) => l.variantId),
    );
    const itemsTotal = input.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    const weightGrams = input.lines.reduce((sum, l) => sum + (variants.get(l.variantId)?.weightGrams ?? 0) * l.quantity, 0);
    const placement = await this.writer.place(manager, [
      {
        checkoutId: null,
        buyerId: null,
        cooperativeId: input.cooperativeId,
        channel: input.channel,
        externalReference: input.externalReference,
        externalBuyerName: input.buyerName,
        status: OrderStatus.Paid,
        itemsTotal,
        shippingFee: 0,
        shippingCarrier: null,
        shippingEstimatedDeliveryDate: null,
        shippingFallback: false,
        weightGrams,
        paymentDueAt: null,
        position: 0,
        placedBy: null,
        note: `${input.channel} ${input.externalReference}`,
        lines: input.lines.map((line) => {
          const variant = variants.get(line.variantId)!;
          return {
            variantId: line.variantId,
            productId: variant.productId,
            productName: variant.productName,
            variantName: variant.variantName,
            sku: variant.sku,
            unitPrice: line.unitPrice,
            quantity: line.quantity,
            lineTotal: line.unitPrice * line.quantity,
          };
        }),
      },
    ]);
    if (!placement.placed) throw new StockShort(placement.short);
    const [{ order }] = placement.orders;
    await this.notices.toConfirm(manager, order);
    return { placed: true, orderId: order.id };
  }

  /** The platform cancelled it: stock goes back (and out to every channel). Already final → nothing. */
  async cancel(manager: EntityManager, orderId: string, reason: string): Promise<void> {
    const order = await this.lock(manager, orderId);
    // Once the parcel has left, a cancellation is a return: settled by hand, as the platform's TO_RETURN.
    if ([OrderStatus.Cancelled, OrderStatus.Shipped, OrderStatus.Completed, OrderStatus.Delivered, OrderStatus.Refunded].includes(order.status)) return;
    await this.orders.move(manager, null, order, 'cancel', { reason });
  }

  /** The platform says the parcel left the shop: the order walks to shipped (the platform's carrier, not a tracking number of ours). */
  async ship(manager: EntityManager, orderId: string, note: string): Promise<void> {
    await this.walk(manager, orderId, 'ship', note);
  }

  /**
   * The platform says the buyer has it: the stock is sold for good. Only this service moves a
   * marketplace order (sellers' steps are refused), so it walks on from wherever it stands.
   */
  async complete(manager: EntityManager, orderId: string, note: string): Promise<void> {
    await this.walk(manager, orderId, 'complete', note);
  }

  /** Our state machine's steps from the order's status up to `last`; a final or later status does nothing. */
  private async walk(manager: EntityManager, orderId: string, last: OrderAction, note: string): Promise<void> {
    const order = await this.lock(manager, orderId);
    const from = NEXT_STEP[order.status];
    if (from === undefined) return;
    for (const action of TO_COMPLETED.slice(from, TO_COMPLETED.indexOf(last) + 1)) {
      await this.orders.move(manager, null, order, action, action === 'ship' ? { carrier: note } : { reason: note });
    }
  }

  private async lock(manager: EntityManager, orderId: string): Promise<Order> {
    return manager.getRepository(Order).findOneOrFail({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
  }
}

class StockShort extends Error {
  constructor(readonly short: StockShortage[]) {
    super('stock short');
  }
}
