import { Injectable } from '@nestjs/common';
import { ProductsService } from '@nongsan/catalog';
import { ConnectionsService } from '@nongsan/channels';
import { AppConfig, type AuthUser } from '@nongsan/core';
import { OrdersService, PayoutsService, ReturnsService } from '@nongsan/order';
import { CooperativeAccess } from '@nongsan/seller';
import type { SellerOverviewDto } from './seller-home.dto.js';

/**
 * Composes the seller's home from the contexts that own each figure. It lives in the app because
 * the seller lib sits below catalog, order and channels (they depend on it) and may not reach up.
 */
@Injectable()
export class SellerHomeService {
  constructor(
    private readonly access: CooperativeAccess,
    private readonly orders: OrdersService,
    private readonly payouts: PayoutsService,
    private readonly returns: ReturnsService,
    private readonly products: ProductsService,
    private readonly connections: ConnectionsService,
    private readonly config: AppConfig,
  ) {}

  /** Members and officials; anyone else gets the cooperative's 404. */
  async overview(user: AuthUser, cooperativeId: string): Promise<SellerOverviewDto> {
    await this.access.require(user, cooperativeId, 'read');
    const [ordersToConfirm, returnsToAnswer, lowStockVariants, failedListings, balance] = await Promise.all([
      this.orders.countAwaitingConfirmation(cooperativeId),
      this.returns.countAwaitingAnswer(cooperativeId),
      this.products.countLowStockVariants(cooperativeId),
      this.connections.countFailedListings(cooperativeId),
      this.payouts.balanceOf(cooperativeId),
    ]);
    return {
      ordersToConfirm,
      returnsToAnswer,
      lowStockVariants,
      lowStockThreshold: this.config.catalog.lowStockThreshold,
      failedListings,
      balance,
      currency: 'VND',
    };
  }
}
