import { Injectable } from '@nestjs/common';
import { AppConfig, AppException } from '@nongsan/core';
import type { ChannelAdapter, PlatformCategory, PlatformInfo } from './channel-adapter.js';
import { ShopeeAdapter } from './shopee/shopee.adapter.js';
import { SHOPEE_CATEGORIES } from './shopee/shopee.categories.js';
import { TikTokShopAdapter, TIKTOK_SHOP_CATEGORIES } from './tiktok-shop/tiktok-shop.adapter.js';
import { LazadaAdapter, LAZADA_CATEGORIES } from './lazada/lazada.adapter.js';
import type { FeedFormat } from '../feeds/feed-format.js';
import { googleMerchantFeed } from '../feeds/google-merchant.feed.js';
import { metaCatalogFeed } from '../feeds/meta-catalog.feed.js';

/** One platform: how to build its adapter from the settings, and its default category table. */
export interface PlatformRegistration {
  create(config: AppConfig): ChannelAdapter;
  /** Our category id → the platform's leaf category; a connection's settings may override entries. */
  categories: Record<string, PlatformCategory>;
}

/** Adding a platform is a folder under adapters/ and one line here (STYLE §7). */
const PLATFORMS: PlatformRegistration[] = [
  { create: (config) => new ShopeeAdapter({ baseUrl: config.channels.baseUrls.shopee, timeoutMs: config.channels.requestTimeoutMs, app: config.channels.apps.shopee }), categories: SHOPEE_CATEGORIES },
  { create: (config) => new TikTokShopAdapter({ baseUrl: config.channels.baseUrls['tiktok-shop'], timeoutMs: config.channels.requestTimeoutMs }), categories: TIKTOK_SHOP_CATEGORIES },
  { create: (config) => new LazadaAdapter({ baseUrl: config.channels.baseUrls.lazada, timeoutMs: config.channels.requestTimeoutMs }), categories: LAZADA_CATEGORIES },
];

/** Feeds a platform fetches by URL: a new one is a FeedFormat file and one line here. */
const FEEDS: FeedFormat[] = [googleMerchantFeed, metaCatalogFeed];

@Injectable()
export class ChannelRegistry {
  private readonly platforms = new Map<string, { adapter: ChannelAdapter; categories: Record<string, PlatformCategory> }>();

  constructor(config: AppConfig) {
    for (const registration of PLATFORMS) {
      const adapter = registration.create(config);
      this.platforms.set(adapter.info.platform, { adapter, categories: registration.categories });
    }
  }

  list(): PlatformInfo[] {
    return [...[...this.platforms.values()].map((p) => p.adapter.info), ...FEEDS.map((f) => f.info)];
  }

  /** Whether sellers connect to this platform by approving the operator's app there. */
  authorizable(platform: string): boolean {
    return this.platforms.get(platform)?.adapter.authorization !== undefined;
  }

  /** A platform we push to through its API (not a feed). */
  isApi(platform: string): boolean {
    return this.platforms.has(platform);
  }

  /** The feed format of a feed platform, or undefined for an API platform. */
  feed(platform: string): FeedFormat | undefined {
    return FEEDS.find((f) => f.info.platform === platform);
  }

  feedByFileName(fileName: string): FeedFormat | undefined {
    return FEEDS.find((f) => f.fileName === fileName);
  }

  adapter(platform: string): ChannelAdapter {
    const entry = this.platforms.get(platform);
    if (!entry) throw AppException.validation([{ field: 'platform', key: 'validation.platformUnknown', params: { platforms: this.list().map((p) => p.platform).join(', ') } }]);
    return entry.adapter;
  }

  /** The connection's override first, then the platform's default; undefined = not sellable there. */
  category(platform: string, categoryId: string, overrides: Record<string, PlatformCategory> = {}): PlatformCategory | undefined {
    return overrides[categoryId] ?? this.platforms.get(platform)?.categories[categoryId];
  }
}
