import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { StockService, type StockRequest } from '@nongsan/catalog';
import type { EntityManager } from 'typeorm';
import type { Order, OrderLine, OrderStatusChange } from './order.entities.js';
import { PLACE_ORDERS, placeOrdersParameters, type OrderToPlace } from './place-orders.sql.js';

/** An order as its placer describes it; the writer chooses its id. */
export type NewOrder = Omit<OrderToPlace, 'id'>;

/** An order as placing it wrote it, enough to answer without reading it back. */
export interface PlacedOrder {
  order: Order;
  lines: Array<Omit<OrderLine, 'id'>>;
  change: Omit<OrderStatusChange, 'id'>;
}

export interface StockShortage {
  variantId: string;
  /** What is left of it. */
  available: number;
}

/** The placed orders in the order they were given, or what was short (and nothing written). */
export type Placement = { placed: true; orders: PlacedOrder[] } | { placed: false; short: StockShortage[] };

/**
 * The one writer of orders and their stock reservations, whichever channel they come from, and the
 * only caller that moves stock: a reservation is written with the stock it holds and settled with
 * it, so the two never drift apart. Every method runs in the caller's transaction.
 */
@Injectable()
export class OrderWriter {
  constructor(private readonly stock: StockService) {}

  /**
   * Takes the stock of every line of every order, all or none (in variant-id order, so concurrent
   * placements queue instead of deadlocking), then writes the orders with their lines, a held
   * reservation per line and their first status. On a shortage some stock may already have been
   * taken: the caller must roll back its transaction (or a savepoint around this call).
   */
  async place(manager: EntityManager, orders: NewOrder[]): Promise<Placement> {
    const short = await this.stock.take(
      manager,
      orders.flatMap((o) => o.lines),
    );
    if (short.length > 0) return { placed: false, short };
    const rows: OrderToPlace[] = orders.map((o) => ({ ...o, id: randomUUID() }));
    const written = await manager.query<Array<{ id: string; created_at: Date; updated_at: Date }>>(PLACE_ORDERS, placeOrdersParameters(rows));
    const stamps = new Map(written.map((w) => [w.id, w]));
    return {
      placed: true,
      orders: rows.map(({ lines, placedBy, note, ...row }) => {
        const { created_at: createdAt, updated_at: updatedAt } = stamps.get(row.id)!;
        return {
          order: { ...row, total: row.itemsTotal + row.shippingFee, carrier: null, trackingNumber: null, cancelReason: null, createdAt, updatedAt },
          lines: lines.map((line, position) => ({ ...line, orderId: row.id, position })),
          change: { orderId: row.id, fromStatus: null, toStatus: row.status, note, actorUserId: placedBy, createdAt },
        };
      }),
    };
  }

  /** The order was cancelled or expired: its held stock goes back on sale. */
  async release(manager: EntityManager, orderId: string): Promise<void> {
    const [held] = (await manager.query(
      `UPDATE stock_reservations SET status = 'released', settled_at = now() WHERE order_id = $1 AND status = 'held' RETURNING variant_id, quantity`,
      [orderId],
    )) as [Array<{ variant_id: string; quantity: number }>, number];
    await this.stock.giveBack(
      manager,
      held.map((r) => ({ variantId: r.variant_id, quantity: r.quantity })),
    );
  }

  /** The parcel was handed over: its held stock is sold for good. */
  async commit(manager: EntityManager, orderId: string): Promise<void> {
    await manager.query(`UPDATE stock_reservations SET status = 'committed', settled_at = now() WHERE order_id = $1 AND status = 'held'`, [orderId]);
  }

  /** Goods a buyer returned came back in sellable shape: they go on sale again. */
  async restock(manager: EntityManager, goods: StockRequest[]): Promise<void> {
    await this.stock.giveBack(manager, goods);
  }
}
