import { Injectable } from '@nestjs/common';
import { AppConfig, AppException, type Locale } from '@nongsan/core';
import type { ChannelAdapter, PlatformCategory, PlatformInfo } from './channel-adapter.js';
import { ShopeeAdapter } from './shopee/shopee.adapter.js';
import { SHOPEE_CATEGORIES } from './shopee/shopee.categories.js';
import { TikTokShopAdapter, TIKTOK_SHOP_CATEGORIES } from './tiktok-shop/tiktok-shop.adapter.js';
import { LazadaAdapter, LAZADA_CATEGORIES } from './lazada/lazada.adapter.js';
import type { FeedFormat } from '../feeds/feed-format.js';
import { errorSentence, type ErrorSentences } from './platform-errors.js';
import { googleMerchantFeed } from '../feeds/google-merchant.feed.js';
import { metaCatalogFeed } from '../feeds/meta-catalog.feed.js';

/** The operator's app on a platform, as configured (its fields are the platform's own). */
type OperatorApp = Record<string, string>;

/** An adapter class: its platform's facts and live API, and how to build it. */
interface AdapterClass {
  readonly info: PlatformInfo;
  readonly errors: ErrorSentences;
  /** Used unless CHANNEL_<PLATFORM>_BASE_URL points elsewhere (a sandbox, a test's fake). */
  readonly liveBaseUrl: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each adapter takes its platform's own app fields
  new (options: { baseUrl: string; authUrl?: string; timeoutMs: number; app?: any }): ChannelAdapter;
}

/** One platform: its adapter, and its default category table. */
interface PlatformRegistration {
  adapter: AdapterClass;
  /** Our category id → the platform's leaf category; a connection's settings may override entries. */
  categories: Record<string, PlatformCategory>;
}

/** Adding a platform is a folder under adapters/ and one line here. */
const PLATFORMS: PlatformRegistration[] = [
  { adapter: ShopeeAdapter, categories: SHOPEE_CATEGORIES },
  { adapter: TikTokShopAdapter, categories: TIKTOK_SHOP_CATEGORIES },
  { adapter: LazadaAdapter, categories: LAZADA_CATEGORIES },
];

/** Feeds a platform fetches by URL: a new one is a FeedFormat file and one line here. */
const FEEDS: FeedFormat[] = [googleMerchantFeed, metaCatalogFeed];

/** Every platform, marketplaces then feeds: plain facts for whoever lists or counts them, no adapter built. */
export const CHANNEL_PLATFORMS: readonly PlatformInfo[] = [...PLATFORMS.map((p) => p.adapter.info), ...FEEDS.map((f) => f.info)];

@Injectable()
export class ChannelRegistry {
  private readonly platforms = new Map<string, { adapter: ChannelAdapter; categories: Record<string, PlatformCategory>; errors: ErrorSentences }>();

  constructor(config: AppConfig) {
    for (const { adapter: Adapter, categories } of PLATFORMS) {
      const platform = Adapter.info.platform;
      const app = (config.channels.apps as Record<string, OperatorApp | undefined>)[platform];
      const authUrl = config.channels.authUrls[platform];
      const adapter = new Adapter({
        baseUrl: config.channels.baseUrls[platform] ?? Adapter.liveBaseUrl,
        ...(authUrl ? { authUrl } : {}),
        timeoutMs: config.channels.requestTimeoutMs,
        ...(app ? { app } : {}),
      });
      this.platforms.set(adapter.info.platform, { adapter, categories, errors: Adapter.errors });
    }
  }

  list(): PlatformInfo[] {
    return [...CHANNEL_PLATFORMS];
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
    if (!entry)
      throw AppException.validation([
        {
          field: 'platform',
          key: 'validation.platformUnknown',
          params: {
            platforms: this.list()
              .map((p) => p.platform)
              .join(', '),
          },
        },
      ]);
    return entry.adapter;
  }

  /** What a platform's error code tells the seller to do, in their language; undefined when no sentence is known for it. */
  errorSentence(platform: string, code: string | null, locale: Locale): string | undefined {
    return errorSentence(this.platforms.get(platform)?.errors ?? {}, code, locale);
  }

  /** The connection's override first, then the platform's default; undefined = not sellable there. */
  category(platform: string, categoryId: string, overrides: Record<string, PlatformCategory> = {}): PlatformCategory | undefined {
    return overrides[categoryId] ?? this.platforms.get(platform)?.categories[categoryId];
  }
}
