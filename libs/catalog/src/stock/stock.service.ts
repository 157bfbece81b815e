import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { QueueService } from '@nongsan/core';
import { PRODUCT_CHANGED, type ProductChangedEvent } from '../events/product-events.js';

/** A variant as a checkout needs it: what it is, what it costs now, and whether it may be sold. */
export interface SellableVariant {
  variantId: string;
  productId: string;
  cooperativeId: string;
  cooperativeName: string;
  productName: string;
  variantName: string;
  sku: string;
  price: number;
  weightGrams: number;
  stock: number;
  /** Active product of an approved cooperative. */
  sellable: boolean;
}

export interface StockRequest {
  variantId: string;
  quantity: number;
}

/**
 * The one place stock moves, for every channel: a conditional UPDATE that cannot go below zero, always
 * inside the caller's transaction, always in variant-id order so concurrent checkouts over the
 * same variants queue instead of deadlocking. Each move announces a stock change.
 */
@Injectable()
export class StockService {
  constructor(private readonly queue: QueueService) {}

  async describe(manager: EntityManager, variantIds: string[]): Promise<Map<string, SellableVariant>> {
    const rows = await manager.query<
      Array<{
        id: string;
        product_id: string;
        cooperative_id: string;
        cooperative_name: string;
        product_name: string;
        name: string;
        sku: string;
        price: string;
        weight_grams: number;
        stock: number;
        sellable: boolean;
      }>
    >(
      `SELECT v.id, v.product_id, v.cooperative_id, c.name AS cooperative_name, p.name AS product_name, v.name, v.sku, v.price, v.weight_grams, v.stock,
              (p.status = 'active' AND c.status = 'approved') AS sellable
         FROM variants v JOIN products p ON p.id = v.product_id JOIN cooperatives c ON c.id = v.cooperative_id
        WHERE v.id = ANY($1)`,
      [variantIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          variantId: r.id,
          productId: r.product_id,
          cooperativeId: r.cooperative_id,
          cooperativeName: r.cooperative_name,
          productName: r.product_name,
          variantName: r.name,
          sku: r.sku,
          price: Number(r.price),
          weightGrams: r.weight_grams,
          stock: r.stock,
          sellable: r.sellable,
        },
      ]),
    );
  }

  /**
   * Takes every requested quantity or none: returns the variants that were short (with what is
   * left); on any shortage the caller must roll back its transaction.
   */
  async take(manager: EntityManager, requests: StockRequest[]): Promise<Array<{ variantId: string; available: number }>> {
    const short: Array<{ variantId: string; available: number }> = [];
    const moved: Moved[] = [];
    for (const request of [...requests].sort((a, b) => a.variantId.localeCompare(b.variantId))) {
      // TypeORM answers an UPDATE with [rows, rowCount]; the returned row says what to announce.
      const [rows] = (await manager.query(`UPDATE variants SET stock = stock - $2, updated_at = now() WHERE id = $1 AND stock >= $2 RETURNING ${MOVED}`, [
        request.variantId,
        request.quantity,
      ])) as [Moved[], number];
      if (rows.length === 0) {
        const [row] = await manager.query<Array<{ stock: number }>>(`SELECT stock FROM variants WHERE id = $1`, [request.variantId]);
        short.push({ variantId: request.variantId, available: row?.stock ?? 0 });
      } else {
        moved.push(...rows);
      }
    }
    if (short.length === 0) await this.announce(manager, moved);
    return short;
  }

  /** Puts stock back (cancellation, expiry). */
  async giveBack(manager: EntityManager, requests: StockRequest[]): Promise<void> {
    const moved: Moved[] = [];
    for (const request of [...requests].sort((a, b) => a.variantId.localeCompare(b.variantId))) {
      const [rows] = (await manager.query(`UPDATE variants SET stock = stock + $2, updated_at = now() WHERE id = $1 RETURNING ${MOVED}`, [
        request.variantId,
        request.quantity,
      ])) as [Moved[], number];
      moved.push(...rows);
    }
    await this.announce(manager, moved);
  }

  /** One stock event per product, from the rows the UPDATEs returned (no second read of the variants). */
  private async announce(manager: EntityManager, moved: Moved[]): Promise<void> {
    const byProduct = new Map<string, { productId: string; cooperativeId: string; ids: string[] }>();
    for (const row of moved) {
      const entry =
        byProduct.get(row.product_id) ??
        byProduct.set(row.product_id, { productId: row.product_id, cooperativeId: row.cooperative_id, ids: [] }).get(row.product_id)!;
      entry.ids.push(row.id);
    }
    for (const { productId, cooperativeId, ids } of byProduct.values()) {
      const event: ProductChangedEvent = { productId, cooperativeId, changes: ['stock'], variantIds: ids, at: new Date().toISOString() };
      await this.queue.publish(PRODUCT_CHANGED, event, { manager });
    }
  }
}

/** What a stock UPDATE returns for its event. */
interface Moved {
  id: string;
  product_id: string;
  cooperative_id: string;
}
const MOVED = 'id, product_id, cooperative_id';
