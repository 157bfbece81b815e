import { Module, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@nongsan/catalog';
import { OrderModule } from '@nongsan/order';
import { OnboardingFacts, SellerModule } from '@nongsan/seller';
import { ChannelHealthDigest } from './connections/channel-health-digest.js';
import type { DataSource } from 'typeorm';
import './messages.js';
import { ChannelRegistry } from './adapters/registry.js';
import { ChannelConnection } from './connections/channel-connection.entity.js';
import { ConnectionStore } from './connections/connection-store.js';
import { ConnectionsController } from './connections/connections.controller.js';
import { ConnectionsService } from './connections/connections.service.js';
import { ShopAuthorizationsController } from './connections/shop-authorizations.controller.js';
import { ShopAuthorizationsService } from './connections/shop-authorizations.service.js';
import { ChannelListing } from './listings/channel-listing.entity.js';
import { ListingSyncService } from './listings/listing-sync.service.js';
import { ChannelRateLimiter } from './listings/rate-limiter.js';
import { ChannelOrder } from './orders/channel-order.entity.js';
import { ChannelOrdersService } from './orders/channel-orders.service.js';
import { ChannelWebhookController, ChannelWebhooks } from './orders/channel-webhooks.js';
import { FeedsController } from './feeds/feeds.controller.js';
import { FeedsService } from './feeds/feeds.service.js';

/** Marketplace connections, the listing sync engine, and orders coming back from the platforms. */
@Module({
  imports: [SellerModule, CatalogModule, OrderModule, TypeOrmModule.forFeature([ChannelConnection, ChannelListing, ChannelOrder])],
  controllers: [ConnectionsController, ShopAuthorizationsController, ChannelWebhookController, FeedsController],
  providers: [
    ChannelRegistry,
    ConnectionStore,
    ConnectionsService,
    ShopAuthorizationsService,
    ListingSyncService,
    ChannelRateLimiter,
    ChannelOrdersService,
    ChannelWebhooks,
    FeedsService,
    ChannelHealthDigest,
  ],
  exports: [ConnectionsService, ChannelRegistry],
})
export class ChannelsModule implements OnModuleInit {
  constructor(
    private readonly facts: OnboardingFacts,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Tells seller onboarding when a cooperative first connected a shop. */
  onModuleInit(): void {
    this.facts.provide('first_channel_connected', async (cooperativeId) => {
      const [row] = await this.db.query<Array<{ at: Date | null }>>(`SELECT min(created_at) AS at FROM channel_connections WHERE cooperative_id = $1`, [
        cooperativeId,
      ]);
      return row?.at ?? null;
    });
  }
}
