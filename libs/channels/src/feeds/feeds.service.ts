import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { VariantSnapshots, type FeedVersion } from '@nongsan/catalog';
import { AppException, ObjectStorage } from '@nongsan/core';
import type { DataSource, EntityManager } from 'typeorm';
import { ChannelRegistry } from '../adapters/registry.js';
import { ChannelConnection } from '../connections/channel-connection.entity.js';
import { ConnectionStore } from '../connections/connection-store.js';
import { toFeedItem, type FeedFormat } from './feed-format.js';

export interface OpenFeed {
  format: FeedFormat;
  cooperativeId: string | null;
  version: FeedVersion;
  /** Strong validator of this exact content. */
  etag: string;
}

/**
 * Feeds: a connection whose secret token is the whole credential, looked up by its
 * hash and kept sealed so its members can see the address again. The feed lists every active
 * product of approved cooperatives (the one cooperative's, or the province's) with its stock
 * state, streamed a page at a time.
 */
@Injectable()
export class FeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ChannelRegistry,
    private readonly snapshots: VariantSnapshots,
    private readonly storage: ObjectStorage,
    private readonly store: ConnectionStore,
  ) {}

  /** Stores a new feed connection and returns its token. */
  async create(manager: EntityManager, input: { id: string; cooperativeId: string | null; platform: string; createdBy: string }): Promise<string> {
    const token = newToken();
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
      feedTokenBox: this.store.sealFeedToken(input.id, token),
      createdBy: input.createdBy,
    });
    return token;
  }

  /** A new token for the feed; the old address answers 404 from the commit on. */
  async replaceToken(manager: EntityManager, connectionId: string): Promise<string> {
    const token = newToken();
    await manager
      .getRepository(ChannelConnection)
      .update({ id: connectionId }, { feedTokenHash: hashToken(token), feedTokenBox: this.store.sealFeedToken(connectionId, token) });
    return token;
  }

  /** Forgets the sealed token of a feed being disconnected: its address is dead and never shown again. */
  async forgetToken(manager: EntityManager, connectionId: string): Promise<void> {
    await manager.getRepository(ChannelConnection).update({ id: connectionId }, { feedTokenBox: null });
  }

  /** Each feed's address by connection id; null for a feed whose token was never kept (made before it was) or is gone. */
  async feedUrls(connections: Array<Pick<ChannelConnection, 'id' | 'platform'>>, origin: string): Promise<Map<string, string | null>> {
    const feeds = connections.filter((c) => this.registry.feed(c.platform));
    if (feeds.length === 0) return new Map();
    const rows = await this.db.query<Array<{ id: string; feed_token_box: string | null }>>(
      `SELECT id, feed_token_box FROM channel_connections WHERE id = ANY($1)`,
      [feeds.map((c) => c.id)],
    );
    const boxes = new Map(rows.map((r) => [r.id, r.feed_token_box]));
    return new Map(feeds.map((c) => [c.id, this.openUrl(c, boxes.get(c.id) ?? null, origin)]));
  }

  /** A box that does not open (CREDENTIALS_KEY replaced) is an address lost like an unkept one: the feed needs a new token. */
  private openUrl(connection: Pick<ChannelConnection, 'id' | 'platform'>, box: string | null, origin: string): string | null {
    if (!box) return null;
    try {
      return this.feedUrl(origin, this.store.openFeedToken(connection.id, box), this.registry.feed(connection.platform)!);
    } catch {
      return null;
    }
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

  /** `origin`: PUBLIC_URL when set; platforms need absolute links, so an app-served image is resolved against it. */
  async *render(feed: OpenFeed, origin: string): AsyncGenerator<string> {
    const { format } = feed;
    yield format.head({ title: 'Nông sản Bình Định', link: origin });
    for await (const page of this.snapshots.feed(feed.cooperativeId)) {
      yield format.items(
        page.map((entry) =>
          toFeedItem(
            entry,
            (slug) => `${origin}/products/${slug}`,
            (key) => new URL(this.storage.publicUrl(key), origin).href,
          ),
        ),
      );
    }
    yield format.tail();
  }
}

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
