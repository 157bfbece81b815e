import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { VariantSnapshots } from '@nongsan/catalog';
import {
  AppException,
  AuditService,
  currentStatus,
  DEFAULT_PAGE_SIZE,
  JobsService,
  QueueService,
  decodeCursor,
  toPage,
  translate,
  type AuthUser,
  type FieldIssue,
  type Locale,
} from '@nongsan/core';
import { CooperativeAccess, isOfficial, type AccessLevel } from '@nongsan/seller';
import { IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import type { ChannelCredentials, ChannelSettings, ShopOptions, VerifiedShop } from '../adapters/channel-adapter.js';
import { ok } from '../adapters/channel-adapter.js';
import { ChannelRegistry } from '../adapters/registry.js';
import { choiceProblems, preferredSettings } from '../adapters/shop-options.js';
import { channelError } from '../channels.errors.js';
import { ChannelListing } from '../listings/channel-listing.entity.js';
import { ListingSyncService, OWN_LISTING_ERRORS } from '../listings/listing-sync.service.js';
import { ChannelOrder } from '../orders/channel-order.entity.js';
import { ChannelOrdersService } from '../orders/channel-orders.service.js';
import { ChannelConnection } from './channel-connection.entity.js';
import { ConnectionStore, isShop } from './connection-store.js';
import { FeedsService } from '../feeds/feeds.service.js';
import type {
  ChannelConnectionDto,
  ChannelListingDto,
  ChannelOrderPageDto,
  ChannelOrderQueryDto,
  ChooseSettingsDto,
  ConnectChannelDto,
  FeedLinkDto,
  JobAcceptedDto,
  ListingPageDto,
  ListingQueryDto,
  PlatformDto,
  ShopOptionsDto,
} from './connections.dto.js';

export const CHANNEL_FULL_SYNC = 'channel.full-sync';

/**
 * Connecting, listing, resyncing and disconnecting a cooperative's shops. The cooperative's admins
 * connect and disconnect; its members see listings and start a resync; officials read.
 */
@Injectable()
export class ConnectionsService {
  private readonly logger = new Logger(ConnectionsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ChannelRegistry,
    private readonly store: ConnectionStore,
    private readonly access: CooperativeAccess,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly queue: QueueService,
    private readonly sync: ListingSyncService,
    private readonly orders: ChannelOrdersService,
    private readonly snapshots: VariantSnapshots,
    private readonly feeds: FeedsService,
  ) {}

  async onModuleInit(): Promise<void> {
    // A seller who just connected a shop waits for this: it starts the moment the connect commits.
    await this.queue.defineQueue(CHANNEL_FULL_SYNC, { notify: true });
    this.queue.work<{ connectionId: string; jobId: string }>(CHANNEL_FULL_SYNC, (job) => this.runFullSync(job.connectionId, job.jobId));
  }

  platforms(): PlatformDto[] {
    return this.registry.list().map((info) => ({ ...info, oneClick: this.registry.authorizable(info.platform) }));
  }

  /**
   * A shop: the credentials are checked with the platform before anything is stored (its refusal
   * comes back as a 400 naming `credentials`). A feed: a secret URL, shown in this answer only.
   */
  async connect(user: AuthUser, cooperativeId: string, input: ConnectChannelDto, origin: string): Promise<ChannelConnectionDto> {
    await this.access.require(user, cooperativeId, 'admin');
    if (this.registry.feed(input.platform)) return this.createFeed(user, cooperativeId, input.platform, origin);
    const adapter = this.registry.adapter(input.platform);
    const credentials = Object.fromEntries(Object.entries(input.credentials ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as Record<
      string,
      string
    >;
    // Every credential is text: a number or an object would reach the signing code (a number as an HMAC key threw: 500).
    const notText = Object.keys(credentials).filter((k) => typeof credentials[k] !== 'string');
    const issues: FieldIssue[] = [
      ...notText.map((k) => ({ field: `credentials.${k}`, key: 'validation.isString' })),
      ...adapter
        .credentialProblems(credentials)
        .filter((p) => !notText.includes(p.field))
        .map((p) => ({ field: `credentials.${p.field}`, key: 'validation.credentialField', params: { problem: p.message } })),
      ...settingsProblems(input.settings),
    ];
    if (issues.length > 0) throw AppException.validation(issues);
    const id = randomUUID();
    const settings = (input.settings ?? {}) as ChannelSettings;
    const context = this.store.contextFor(id, credentials, settings);
    // A token refreshed while verifying is kept in memory and sealed with the rest below.
    context.saveCredentials = async (next) => void (context.credentials = next);
    const verified = await adapter.verifyCredentials(context);
    if (!verified.ok) {
      if (verified.retryable)
        throw channelError('CHANNEL_UNREACHABLE', {
          params: { platform: adapter.info.name },
          details: [{ field: 'platform', key: 'validation.channelUnreachable', params: { platform: adapter.info.name, message: verified.message } }],
        });
      throw channelError('CHANNEL_CREDENTIALS_REJECTED', {
        params: { platform: adapter.info.name },
        details: [
          {
            field: 'credentials',
            key: 'validation.credentialsRejected',
            params: { platform: adapter.info.name, code: verified.code, message: verified.message },
          },
        ],
      });
    }
    // Shipping channels and a warehouse not given are the shop's own, read from it as a one-click connection does (best effort: a
    // platform that does not answer now leaves them for the seller to pick later).
    const offered = adapter.shopOptions && !settings.logisticIds?.length && !settings.warehouseId ? await adapter.shopOptions(context) : null;
    const chosen = offered?.ok ? { ...settings, ...preferredSettings(offered.value) } : settings;
    const jobId = await this.db.transaction((manager) =>
      this.insertShop(manager, user, {
        id,
        cooperativeId,
        platform: input.platform,
        verified: verified.value,
        credentials: context.credentials,
        settings: chosen,
      }),
    );
    return { ...(await this.view(await this.db.getRepository(ChannelConnection).findOneByOrFail({ id }))), syncJobId: jobId };
  }

  /**
   * A shop the cooperative's admin approved our app for on the platform: checked with its new
   * credentials and connected with the shop's own shipping settings, or — when it is already this
   * cooperative's (authorized again after its token died) — given the new credentials and synced
   * again from where it stopped: its items keep their ids there, so none is created twice.
   */
  async connectAuthorized(user: AuthUser, cooperativeId: string, platform: string, credentials: ChannelCredentials): Promise<string> {
    const adapter = this.registry.adapter(platform);
    const id = randomUUID();
    const context = this.store.contextFor(id, credentials, {});
    context.saveCredentials = async (next) => void (context.credentials = next);
    const verified = await adapter.verifyCredentials(context);
    if (!verified.ok) throw authorizationFailed(adapter.info.name, verified);
    const known = await this.db.getRepository(ChannelConnection).findOne({ where: { platform, account: verified.value.account, status: Not('disconnected') } });
    if (known && known.cooperativeId !== cooperativeId) throw shopTaken(adapter.info.name);
    if (known) {
      await this.db.transaction(async (manager) => {
        await manager.getRepository(ChannelConnection).update(
          { id: known.id },
          {
            status: 'active',
            lastError: null,
            lastErrorCode: null,
            shopName: verified.value.shopName,
            credentials: this.store.seal(known.id, context.credentials),
          },
        );
        await this.audit.record(
          {
            actor: user,
            action: 'channel.reauthorize',
            entityType: 'channel_connection',
            entityId: known.id,
            cooperativeId,
            data: { platform, shopName: verified.value.shopName },
          },
          manager,
        );
        await this.startFullSync(manager, user, known.id, cooperativeId);
      });
      return known.id;
    }
    const options = adapter.shopOptions ? await adapter.shopOptions(context) : ok({});
    if (!options.ok) throw authorizationFailed(adapter.info.name, options);
    const settings = preferredSettings(options.value);
    await this.db.transaction((manager) =>
      this.insertShop(manager, user, { id, cooperativeId, platform, verified: verified.value, credentials: context.credentials, settings }),
    );
    return id;
  }

  /** Stores a verified shop and starts its first full sync; the sync job's id. */
  private async insertShop(
    manager: EntityManager,
    user: AuthUser,
    shop: { id: string; cooperativeId: string; platform: string; verified: VerifiedShop; credentials: ChannelCredentials; settings: ChannelSettings },
  ): Promise<string> {
    const { id, cooperativeId, platform, verified } = shop;
    // Two admins connecting the same shop at once: the partial unique index lets one win; the other gets the same 409.
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ChannelConnection)
      .values({
        id,
        cooperativeId,
        platform,
        account: verified.account,
        status: 'active',
        credentials: this.store.seal(id, shop.credentials),
        settings: shop.settings,
        shopName: verified.shopName,
        createdBy: user.id,
      })
      .orIgnore()
      .execute();
    if ((inserted.raw as unknown[]).length === 0) throw shopTaken(this.registry.adapter(platform).info.name);
    await this.audit.record(
      {
        actor: user,
        action: 'channel.connect',
        entityType: 'channel_connection',
        entityId: id,
        cooperativeId,
        data: { platform, shopName: verified.shopName },
      },
      manager,
    );
    return this.startFullSync(manager, user, id, cooperativeId);
  }

  /** The Department's own feed of every approved cooperative's products (a province-wide shop on Google or Facebook). */
  async createProvinceFeed(user: AuthUser, platform: string, origin: string): Promise<ChannelConnectionDto> {
    if (!this.registry.feed(platform))
      throw AppException.validation([
        {
          field: 'platform',
          key: 'validation.feedPlatform',
          params: {
            platforms: this.registry
              .list()
              .filter((p) => p.kind === 'feed')
              .map((p) => p.platform)
              .join(', '),
          },
        },
      ]);
    return this.createFeed(user, null, platform, origin);
  }

  /** The Department's feeds, with their addresses: officials keep them. */
  async provinceFeeds(origin: string): Promise<ChannelConnectionDto[]> {
    const connections = await this.db.getRepository(ChannelConnection).find({ where: { cooperativeId: IsNull() }, order: { createdAt: 'DESC' } });
    const urls = await this.feeds.feedUrls(connections, origin);
    return Promise.all(connections.map((c) => this.view(c, urls.get(c.id))));
  }

  private async createFeed(user: AuthUser, cooperativeId: string | null, platform: string, origin: string): Promise<ChannelConnectionDto> {
    const format = this.registry.feed(platform)!;
    const id = randomUUID();
    const token = await this.db.transaction(async (manager) => {
      const made = await this.feeds.create(manager, { id, cooperativeId, platform, createdBy: user.id });
      await this.audit.record(
        { actor: user, action: 'channel.feed.create', entityType: 'channel_connection', entityId: id, cooperativeId, data: { platform } },
        manager,
      );
      return made;
    });
    return { ...(await this.view(await this.db.getRepository(ChannelConnection).findOneByOrFail({ id }))), feedUrl: this.feeds.feedUrl(origin, token, format) };
  }

  /** A cooperative's shops and feeds; its members also see each feed's address (officials read the rest). */
  async list(user: AuthUser, cooperativeId: string, origin: string, locale: Locale = 'vi'): Promise<ChannelConnectionDto[]> {
    const { role } = await this.access.require(user, cooperativeId, 'read');
    const connections = await this.db.getRepository(ChannelConnection).find({ where: { cooperativeId }, order: { createdAt: 'DESC' } });
    const urls = role !== null ? await this.feeds.feedUrls(connections, origin) : new Map<string, string | null>();
    return Promise.all(connections.map((c) => this.view(c, urls.get(c.id), locale)));
  }

  async get(user: AuthUser, connectionId: string, origin: string, locale: Locale = 'vi'): Promise<ChannelConnectionDto> {
    const { connection, keeper } = await this.reach(user, connectionId, 'read');
    const urls = keeper ? await this.feeds.feedUrls([connection], origin) : new Map<string, string | null>();
    return this.view(connection, urls.get(connection.id), locale);
  }

  /**
   * A new address for a feed, the old one dead at once: for a link that leaked, or a feed made
   * before addresses were kept (its address cannot be shown again).
   */
  async replaceFeedToken(user: AuthUser, connectionId: string, origin: string): Promise<FeedLinkDto> {
    const { token, format } = await this.db.transaction(async (manager) => {
      const connection = await this.require(user, connectionId, 'admin', manager);
      const format = this.registry.feed(connection.platform);
      if (!format) throw channelError('CHANNEL_IS_SHOP', currentStatus(connection.status));
      if (connection.status === 'disconnected') throw channelError('CHANNEL_DISCONNECTED', currentStatus(connection.status));
      const token = await this.feeds.replaceToken(manager, connection.id);
      await this.audit.record(
        {
          actor: user,
          action: 'channel.feed.replace_token',
          entityType: 'channel_connection',
          entityId: connection.id,
          cooperativeId: connection.cooperativeId,
          data: { platform: connection.platform },
        },
        manager,
      );
      return { token, format };
    });
    return { feedUrl: this.feeds.feedUrl(origin, token, format) };
  }

  /** What the shop offers to list its items with (shipping channels, warehouses), read from the platform now. */
  async shopOptions(user: AuthUser, connectionId: string, locale: Locale): Promise<ShopOptionsDto> {
    return this.readShopOptions(await this.require(user, connectionId, 'member'), locale);
  }

  /**
   * The seller picks the shipping channels or the warehouse from what the shop offers (read again now,
   * so an id from elsewhere or one switched off meanwhile is refused, naming the field). The next
   * change pushed uses them.
   */
  async chooseSettings(user: AuthUser, connectionId: string, picked: ChooseSettingsDto, locale: Locale): Promise<ChannelConnectionDto> {
    const connection = await this.require(user, connectionId, 'admin');
    const options = await this.readShopOptions(connection, locale);
    const problems = choiceProblems(options, picked);
    if (problems.length > 0) throw AppException.validation(problems.map((field) => ({ field, key: 'validation.channelChoice' })));
    const settings: ChannelSettings = {
      ...connection.settings,
      ...(picked.logisticIds !== undefined ? { logisticIds: picked.logisticIds } : {}),
      ...(picked.warehouseId !== undefined ? { warehouseId: picked.warehouseId } : {}),
    };
    await this.db.transaction(async (manager) => {
      await manager.getRepository(ChannelConnection).update({ id: connection.id }, { settings });
      await this.audit.record(
        {
          actor: user,
          action: 'channel.settings',
          entityType: 'channel_connection',
          entityId: connection.id,
          cooperativeId: connection.cooperativeId,
          data: { logisticIds: settings.logisticIds ?? null, warehouseId: settings.warehouseId ?? null },
        },
        manager,
      );
    });
    return this.view({ ...connection, settings }, undefined, locale);
  }

  private async readShopOptions(connection: ChannelConnection, locale: Locale): Promise<ShopOptions> {
    if (connection.status === 'disconnected') throw channelError('CHANNEL_DISCONNECTED', currentStatus(connection.status));
    if (!isShop(connection) || !this.registry.isApi(connection.platform)) throw channelError('CHANNEL_IS_FEED', currentStatus(connection.status));
    const adapter = this.registry.adapter(connection.platform);
    if (!adapter.shopOptions) return {};
    const opened = await this.store.context(connection.id);
    if (!opened) throw channelError('CHANNEL_DISCONNECTED', currentStatus(connection.status));
    const read = await adapter.shopOptions(opened.context);
    if (read.ok) return read.value;
    if (read.retryable) throw channelError('CHANNEL_UNREACHABLE', { params: { platform: adapter.info.name } });
    const said = this.registry.errorSentence(connection.platform, read.code, locale) ?? read.message;
    throw channelError('CHANNEL_PLATFORM_REFUSED', { params: { platform: adapter.info.name, message: said, code: read.code } });
  }

  /** A full two-way sync: every listing pushed again (price and stock re-sent), and new orders pulled now. */
  async resync(user: AuthUser, connectionId: string): Promise<JobAcceptedDto> {
    const connection = await this.require(user, connectionId, 'member');
    if (connection.status === 'disconnected') throw channelError('CHANNEL_DISCONNECTED', currentStatus(connection.status));
    // A feed is read by the platform when it likes; there is nothing to push.
    if (!isShop(connection) || !this.registry.isApi(connection.platform)) throw channelError('CHANNEL_IS_FEED', currentStatus(connection.status));
    const cooperativeId = connection.cooperativeId;
    return { jobId: await this.db.transaction((manager) => this.startFullSync(manager, user, connection.id, cooperativeId)) };
  }

  /**
   * Stops syncing at once. `unpublish` first takes every item off sale on the platform (a job),
   * then forgets the credentials; `leave` forgets them now and the items stay as they are there.
   */
  async disconnect(user: AuthUser, connectionId: string, listings: 'leave' | 'unpublish'): Promise<JobAcceptedDto> {
    return this.db.transaction(async (manager) => {
      const connection = await this.require(user, connectionId, 'admin', manager);
      if (connection.status === 'disconnected') throw channelError('CHANNEL_DISCONNECTED', currentStatus(connection.status));
      await manager
        .getRepository(ChannelConnection)
        .update({ id: connection.id }, { status: 'disconnected', disconnectedAt: new Date(), ...(listings === 'leave' ? { credentials: '' } : {}) });
      await this.audit.record(
        {
          actor: user,
          action: 'channel.disconnect',
          entityType: 'channel_connection',
          entityId: connection.id,
          cooperativeId: connection.cooperativeId,
          data: { listings },
        },
        manager,
      );
      // A feed's URL stops working now; there is nothing on the platform for us to take down.
      if (!this.registry.isApi(connection.platform)) {
        await this.feeds.forgetToken(manager, connection.id);
        return { jobId: null };
      }
      if (listings === 'leave') return { jobId: null };
      const job = await this.jobs.create({ kind: 'channel.unpublish', cooperativeId: connection.cooperativeId, createdBy: user.id }, manager);
      const variantIds = (
        await manager.query<Array<{ variant_id: string }>>(`SELECT variant_id FROM channel_listings WHERE connection_id = $1 AND external_id IS NOT NULL`, [
          connection.id,
        ])
      ).map((r) => r.variant_id);
      const total = await this.sync.schedule(manager, [connection.id], variantIds, job.id);
      await this.jobs.start(job.id, total, manager);
      if (total === 0) {
        await this.jobs.finish(job.id, {}, manager);
        await manager.getRepository(ChannelConnection).update({ id: connection.id }, { credentials: '' });
      }
      return { jobId: job.id };
    });
  }

  async listings(user: AuthUser, connectionId: string, query: ListingQueryDto, locale: Locale): Promise<ListingPageDto> {
    const connection = await this.require(user, connectionId, 'read');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, (v): v is [string] => Array.isArray(v) && v.length === 1 && typeof v[0] === 'string');
    const qb = this.db.getRepository(ChannelListing).createQueryBuilder('l').where('l.connection_id = :id', { id: connection.id });
    if (query.status) qb.andWhere('l.status = :status', { status: query.status });
    if (after) qb.andWhere('l.sku > :sku', { sku: after[0] });
    const rows = await qb
      .orderBy('l.sku', 'ASC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (last) => [last.sku]);
    const sentence = (code: string | null) => this.registry.errorSentence(connection.platform, code, locale);
    return { items: page.items.map((l) => listingView(l, locale, sentence)), nextCursor: page.nextCursor };
  }

  async channelOrders(user: AuthUser, connectionId: string, query: ChannelOrderQueryDto): Promise<ChannelOrderPageDto> {
    const connection = await this.require(user, connectionId, 'read');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, (v): v is [string, string] => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string'));
    const qb = this.db.getRepository(ChannelOrder).createQueryBuilder('o').where('o.connection_id = :id', { id: connection.id });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (after) qb.andWhere('(o.external_created_at, o.id) < (:at, :oid)', { at: after[0], oid: after[1] });
    const rows = await qb
      .orderBy('o.external_created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (last) => [last.externalCreatedAt.toISOString(), last.id]);
    return {
      items: page.items.map((o) => ({
        id: o.id,
        externalId: o.externalId,
        platformStatus: o.platformStatus,
        status: o.status,
        orderId: o.orderId,
        problem: o.problem,
        total: o.snapshot.total,
        buyerName: o.snapshot.buyerName,
        placedAt: o.externalCreatedAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Listings that failed on the cooperative's connected shops (a disconnected shop's are no longer its concern). The caller has checked access. */
  async countFailedListings(cooperativeId: string): Promise<number> {
    const [row] = await this.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM channel_listings l JOIN channel_connections c ON c.id = l.connection_id
        WHERE c.cooperative_id = $1 AND c.status <> 'disconnected' AND l.status = 'failed'`,
      [cooperativeId],
    );
    return row.n;
  }

  /** Queues the full sync of every live shop of a cooperative (the CLI's channels:sync). */
  async resyncCooperative(cooperativeId: string): Promise<string[]> {
    const connections = (await this.db.getRepository(ChannelConnection).findBy({ cooperativeId, status: 'active' })).filter((c) =>
      this.registry.isApi(c.platform),
    );
    return this.db.transaction((manager) => Promise.all(connections.map((c) => this.startFullSync(manager, null, c.id, cooperativeId))));
  }

  private async startFullSync(manager: EntityManager, user: AuthUser | null, connectionId: string, cooperativeId: string): Promise<string> {
    const job = await this.jobs.create({ kind: 'channel.sync', cooperativeId, createdBy: user?.id ?? null }, manager);
    await this.queue.send(CHANNEL_FULL_SYNC, { connectionId, jobId: job.id }, { manager });
    await this.orders.requestImport(connectionId, undefined, manager);
    return job.id;
  }

  private async runFullSync(connectionId: string, jobId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const connection = await manager.getRepository(ChannelConnection).findOneBy({ id: connectionId });
      if (!connection || connection.status === 'disconnected' || !isShop(connection)) {
        await this.jobs.finish(jobId, { skipped: 'disconnected' }, manager);
        return;
      }
      const listable = await this.snapshots.listableVariantIds(connection.cooperativeId, manager);
      const listed = (
        await manager.query<Array<{ variant_id: string }>>(`SELECT variant_id FROM channel_listings WHERE connection_id = $1`, [connectionId])
      ).map((r) => r.variant_id);
      // Price and stock are sent again even if unchanged here: a platform's own orders move its stock.
      await manager.query(
        `UPDATE channel_listings SET synced_state = synced_state - 'price' - 'stock', synced_hash = NULL, attempts = 0, dead_lettered_at = NULL WHERE connection_id = $1`,
        [connectionId],
      );
      const total = await this.sync.schedule(manager, [connectionId], [...new Set([...listable, ...listed])], jobId);
      await this.jobs.start(jobId, total, manager);
      if (total === 0) await this.jobs.finish(jobId, {}, manager);
    });
  }

  /** The connection if the caller may act on its cooperative at `level`; otherwise the same 404 as a missing one. */
  private async require(user: AuthUser, connectionId: string, level: AccessLevel, manager: EntityManager = this.db.manager): Promise<ChannelConnection> {
    return (await this.reach(user, connectionId, level, manager)).connection;
  }

  /** `require`, also telling whether the caller keeps the connection (a member of its cooperative; an official for a province feed) or only reads it. */
  private async reach(
    user: AuthUser,
    connectionId: string,
    level: AccessLevel,
    manager: EntityManager = this.db.manager,
  ): Promise<{ connection: ChannelConnection; keeper: boolean }> {
    const connection = await manager
      .getRepository(ChannelConnection)
      .findOne({ where: { id: connectionId }, ...(manager !== this.db.manager ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!connection) throw AppException.notFound('channel');
    // A province-wide feed is the Department's: its officials keep it.
    if (connection.cooperativeId === null) {
      if (!isOfficial(user)) throw AppException.notFound('channel');
      return { connection, keeper: true };
    }
    const { role } = await this.access.require(user, connection.cooperativeId, level, { manager, notFoundAs: 'channel' });
    return { connection, keeper: role !== null };
  }

  /**
   * What a paused or troubled shop tells the seller to do, in their language: a shop whose
   * authorization the platform no longer renews is reconnected, whatever word the platform used;
   * a code we know has its sentence; anything else is the platform's own message.
   */
  private connectionError(connection: ChannelConnection, locale: Locale): string | null {
    if (connection.lastError === null) return null;
    if (connection.status === 'needs_reauthorization')
      return translate(locale, 'channels.REAUTHORIZE', {
        platform: this.registry.isApi(connection.platform) ? this.registry.adapter(connection.platform).info.name : connection.platform,
      });
    return this.registry.errorSentence(connection.platform, connection.lastErrorCode, locale) ?? connection.lastError;
  }

  /** `feedUrl`: a feed's address for its keepers (null when it cannot be shown); undefined leaves the field out. */
  private async view(connection: ChannelConnection, feedUrl?: string | null, locale: Locale = 'vi'): Promise<ChannelConnectionDto> {
    const counts = await this.db.query<Array<{ status: string; n: number }>>(
      `SELECT status, count(*)::int AS n FROM channel_listings WHERE connection_id = $1 GROUP BY status`,
      [connection.id],
    );
    const count = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
    return {
      id: connection.id,
      cooperativeId: connection.cooperativeId,
      platform: connection.platform,
      kind: this.registry.isApi(connection.platform) ? 'api' : 'feed',
      status: connection.status,
      shopName: connection.shopName,
      lastError: this.connectionError(connection, locale),
      lastErrorCode: connection.lastErrorCode,
      settings: connection.settings,
      listings: { pending: count('pending'), synced: count('synced'), failed: count('failed'), delisted: count('delisted') },
      ordersSyncedUntil: connection.ordersSyncedUntil?.toISOString() ?? null,
      createdAt: connection.createdAt.toISOString(),
      ...(feedUrl !== undefined ? { feedUrl } : {}),
    };
  }
}

/** The platform's refusal after the seller approved: unreachable is worth another try, anything else is said with the platform's code. */
export function authorizationFailed(platform: string, failure: { retryable: boolean; code: string; message: string }): AppException {
  if (failure.retryable) return channelError('CHANNEL_UNREACHABLE', { params: { platform } });
  return channelError('CHANNEL_AUTHORIZATION_REFUSED', { params: { platform, code: failure.code, message: failure.message } });
}

/** The same answer whichever cooperative holds the shop: another tenant's connection is not revealed. */
function shopTaken(platform: string): AppException {
  return channelError('CHANNEL_ALREADY_CONNECTED', { details: [{ field: 'credentials', key: 'validation.channelConnected', params: { platform } }] });
}

function listingView(l: ChannelListing, locale: Locale, sentence: (code: string | null) => string | undefined): ChannelListingDto {
  // Our own reasons and the platform codes we know in the reader's language, saying what to do; any
  // other platform message as it wrote it. The code stays in lastErrorCode.
  const own = (OWN_LISTING_ERRORS as readonly string[]).includes(l.lastErrorCode ?? '');
  return {
    id: l.id,
    productId: l.productId,
    variantId: l.variantId,
    sku: l.sku,
    status: l.status,
    externalId: l.externalId,
    lastError: own ? translate(locale, `channels.${l.lastErrorCode}`, { detail: l.lastError }) : l.lastError && (sentence(l.lastErrorCode) ?? l.lastError),
    lastErrorCode: l.lastErrorCode,
    attempts: l.attempts,
    deadLettered: l.deadLetteredAt !== null,
    lastSyncedAt: l.lastSyncedAt?.toISOString() ?? null,
  };
}

/** Category overrides are a free-form map in the body; each entry still needs a positive integer category id. */
function settingsProblems(settings: ConnectChannelDto['settings']): FieldIssue[] {
  return Object.entries(settings?.categories ?? {}).flatMap(([ours, theirs]) =>
    Number.isInteger((theirs as { categoryId?: unknown } | null)?.categoryId) && (theirs as { categoryId: number }).categoryId > 0
      ? []
      : [{ field: `settings.categories.${ours}.categoryId`, key: 'validation.positiveInteger' }],
  );
}
