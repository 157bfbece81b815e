import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { VariantSnapshots, type FeedVersion } from '@nongsan/catalog';
import { AppException, ObjectStorage } from '@nongsan/core';
import type { DataSource, EntityManager } from 'typeorm';
import { ChannelRegistry } from '../adapters/registry.js';
import { ChannelConnection } from '../connections/channel-connection.entity.js';
import { toFeedItem, type FeedFormat } from './feed-format.js';

export interface OpenFeed {
  format: FeedFormat;
  cooperativeId: string | null;
  version: FeedVersion;
  /** Strong validator of this exact content. */
  etag: string;
}

/**
 * Feeds (DESIGN §6): a connection whose secret token is the whole credential, kept only as a
 * hash and shown once. The feed lists every active product of approved cooperatives (the one
 * cooperative's, or the province's) with its stock state, streamed a page at a time.
 */
@Injectable()
export class FeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ChannelRegistry,
    private readonly snapshots: VariantSnapshots,
    private readonly storage: ObjectStorage,
  ) {}

  /** Stores a new feed connection and returns its token (the only time it exists in clear). */
  async create(manager: EntityManager, input: { id: string; cooperativeId: string | null; platform: string; createdBy: string }): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await manager.getRepository(ChannelConnection).insert({
      id: input.id,
      cooperativeId: input.cooperativeId,
      platform: input.platform,
      account: `feed:${input.id}`,
      status: 'active',
      credentials: '',
      settings: {},
      shopName: null,
      feedTokenHash: hashToken(token),
      createdBy: input.createdBy,
    });
    return token;
  }

  feedUrl(origin: string, token: string, format: FeedFormat): string {
    return `${origin}/api/v1/feeds/${token}/${format.fileName}`;
  }

  /** The live feed this token opens in this format; a revoked, unknown or mismatched one is the same 404. */
  async open(token: string, fileName: string): Promise<OpenFeed> {
    const format = this.registry.feedByFileName(fileName);
    const connection = format
      ? await this.db.getRepository(ChannelConnection).findOneBy({ feedTokenHash: hashToken(token), platform: format.info.platform, status: 'active' })
      : null;
    if (!format || !connection) throw AppException.notFound('feed');
    const version = await this.snapshots.feedVersion(connection.cooperativeId);
    const etag = `"${createHash('sha256').update(`${format.info.platform}|${version.tag}`).digest('base64url').slice(0, 27)}"`;
    return { format, cooperativeId: connection.cooperativeId, version, etag };
  }

  async *render(feed: OpenFeed, origin: string): AsyncGenerator<string> {
    const { format } = feed;
    yield format.head({ title: 'Nông sản Bình Định', link: origin });
    for await (const page of this.snapshots.feed(feed.cooperativeId)) {
      yield format.items(page.map((entry) => toFeedItem(entry, (slug) => `${origin}/products/${slug}`, (key) => this.storage.publicUrl(key))));
    }
    yield format.tail();
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
