import { Injectable } from '@nestjs/common';
import { AppConfig, AppException } from '@nongsan/core';
import type { ChannelAdapter, PlatformCategory, PlatformInfo } from './channel-adapter.js';
import { ShopeeAdapter } from './shopee/shopee.adapter.js';
import { SHOPEE_CATEGORIES } from './shopee/shopee.categories.js';

/** One platform: how to build its adapter from the settings, and its default category table. */
export interface PlatformRegistration {
  create(config: AppConfig): ChannelAdapter;
  /** Our category id → the platform's leaf category; a connection's settings may override entries. */
  categories: Record<string, PlatformCategory>;
}

/** Adding a platform is a folder under adapters/ and one line here (STYLE §7). */
const PLATFORMS: PlatformRegistration[] = [
  { create: (config) => new ShopeeAdapter({ baseUrl: config.channels.baseUrls.shopee, timeoutMs: config.channels.requestTimeoutMs }), categories: SHOPEE_CATEGORIES },
];

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
    return [...this.platforms.values()].map((p) => p.adapter.info);
  }

  has(platform: string): boolean {
    return this.platforms.has(platform);
  }

  adapter(platform: string): ChannelAdapter {
    const entry = this.platforms.get(platform);
    if (!entry) throw AppException.validation([{ field: 'platform', key: 'validation.platformUnknown', params: { platforms: [...this.platforms.keys()].join(', ') } }]);
    return entry.adapter;
  }

  /** The connection's override first, then the platform's default; undefined = not sellable there. */
  category(platform: string, categoryId: string, overrides: Record<string, PlatformCategory> = {}): PlatformCategory | undefined {
    return overrides[categoryId] ?? this.platforms.get(platform)?.categories[categoryId];
  }
}
