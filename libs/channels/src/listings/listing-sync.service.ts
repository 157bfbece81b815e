import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PRODUCT_CHANGED, VariantSnapshots, type ProductChangedEvent, type VariantSnapshot } from '@nongsan/catalog';
import { AppConfig, canonicalJson, JobsService, ObjectStorage, QueueService } from '@nongsan/core';
import sharp from 'sharp';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AdapterResult, ChannelAdapter, ChannelContext, DesiredListing } from '../adapters/channel-adapter.js';
import { ChannelRegistry } from '../adapters/registry.js';
import { ChannelConnection } from '../connections/channel-connection.entity.js';
import { ConnectionStore } from '../connections/connection-store.js';
import { ChannelListing, type SyncedState } from './channel-listing.entity.js';
import { ChannelRateLimiter } from './rate-limiter.js';

export const LISTING_SYNC = 'listing.sync';
const LISTING_SYNC_DEAD = 'listing.sync.dead';
const CATALOG_CHANGES = 'channels.catalog-changed';

type Failure = Exclude<AdapterResult<unknown>, { ok: true }>;

/** Our own reasons for a listing to fail, rendered in the seller's language (platform messages are shown as the platform wrote them). */
export const OWN_LISTING_ERRORS = ['CATEGORY_UNMAPPED', 'IMAGES_REQUIRED', 'GAVE_UP'] as const;

/**
 * The sync engine (DESIGN §5.2, §5.7). Catalog and stock events become one `listing.sync` job per
 * affected listing; the queue keeps at most one waiting job per listing, so a burst of edits makes
 * one push. A job works out what the item should look like now, compares it field by field with
 * what was last pushed, and sends only the difference, within the connection's rate budget.
 * Retryable failures come back later with exponential backoff and jitter (or when the platform
 * says), up to CHANNEL_SYNC_MAX_ATTEMPTS; a permanent one leaves the listing `failed` with the
 * platform's message for the seller.
 */
@Injectable()
export class ListingSyncService implements OnModuleInit {
  private readonly logger = new Logger(ListingSyncService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly registry: ChannelRegistry,
    private readonly store: ConnectionStore,
    private readonly snapshots: VariantSnapshots,
    private readonly limiter: ChannelRateLimiter,
    private readonly storage: ObjectStorage,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(LISTING_SYNC_DEAD);
    // A handler that crashes (database gone) is retried by the queue; the platform's own failures are handled below.
    await this.queue.defineQueue(LISTING_SYNC, { policy: 'stately', retryLimit: 3, retryDelay: 10, retryBackoff: true, deadLetter: LISTING_SYNC_DEAD });
    await this.queue.defineQueue(CATALOG_CHANGES);
    await this.queue.subscribe(PRODUCT_CHANGED, CATALOG_CHANGES);
    this.queue.work<ProductChangedEvent>(CATALOG_CHANGES, (event) => this.onCatalogChange(event));
    this.queue.work<{ listingId: string }>(LISTING_SYNC, ({ listingId }) => this.sync(listingId), { localConcurrency: 4, pollingIntervalSeconds: 0.5 });
  }

  /** A product or its stock changed: every live connection of its cooperative gets the new state. */
  async onCatalogChange(event: ProductChangedEvent): Promise<void> {
    const connections = (await this.db.getRepository(ChannelConnection).findBy({ cooperativeId: event.cooperativeId, status: In(['active', 'needs_attention']) })).filter((c) =>
      this.registry.isApi(c.platform),
    );
    if (connections.length === 0) return;
    const onlyNumbers = event.changes.every((c) => c === 'price' || c === 'stock');
    const variantIds = onlyNumbers ? event.variantIds : await this.snapshots.variantIdsOfProduct(event.productId);
    await this.db.transaction((manager) => this.schedule(manager, connections.map((c) => c.id), variantIds));
  }

  /**
   * Makes sure each listable variant has a listing on each connection and queues a sync of every
   * listing of those variants (in the caller's transaction). With `runId`, the listings count
   * towards that job's progress. Returns how many listings were queued.
   */
  async schedule(manager: EntityManager, connectionIds: string[], variantIds: string[], runId?: string): Promise<number> {
    if (connectionIds.length === 0 || variantIds.length === 0) return 0;
    await manager.query(
      `INSERT INTO channel_listings (connection_id, cooperative_id, variant_id, product_id, sku, status, attempts, image_ids)
       SELECT c.id, v.cooperative_id, v.id, v.product_id, v.sku, 'pending', 0, '{}'
         FROM channel_connections c JOIN variants v ON v.cooperative_id = c.cooperative_id
         JOIN products p ON p.id = v.product_id JOIN cooperatives co ON co.id = v.cooperative_id
        WHERE c.id = ANY($1) AND v.id = ANY($2) AND p.status = 'active' AND co.status = 'approved'
       ON CONFLICT (connection_id, variant_id) DO NOTHING`,
      [connectionIds, variantIds],
    );
    if (runId) {
      // A newer run takes over listings an older one still waits for: the older one counts them as done.
      const superseded = await manager.query<Array<{ run: string; n: number }>>(
        `SELECT sync_run_id AS run, count(*)::int AS n FROM channel_listings
          WHERE connection_id = ANY($1) AND variant_id = ANY($2) AND sync_run_id IS NOT NULL AND sync_run_id <> $3 GROUP BY sync_run_id`,
        [connectionIds, variantIds, runId],
      );
      for (const { run, n } of superseded) await this.jobs.tally(run, 'done', { count: n, manager });
    }
    const listings = await manager.query<Array<{ id: string }>>(
      runId
        ? `UPDATE channel_listings SET sync_run_id = $3 WHERE connection_id = ANY($1) AND variant_id = ANY($2) RETURNING id`
        : `SELECT id FROM channel_listings WHERE connection_id = ANY($1) AND variant_id = ANY($2)`,
      runId ? [connectionIds, variantIds, runId] : [connectionIds, variantIds],
    );
    const rows = (runId ? (listings as unknown as [Array<{ id: string }>, number])[0] : listings) as Array<{ id: string }>;
    for (const { id } of rows) await this.queue.send(LISTING_SYNC, { listingId: id }, { singletonKey: id, manager });
    return rows.length;
  }

  /** One listing brought in line with the catalog. Idempotent: run twice, it sends nothing the second time. */
  async sync(listingId: string): Promise<void> {
    const listing = await this.db.getRepository(ChannelListing).findOneBy({ id: listingId });
    if (!listing) return;
    const opened = await this.store.context(listing.connectionId, { disconnected: listing.syncRunId !== null });
    if (!opened) return;
    const { connection, context } = opened;
    const adapter = this.registry.adapter(connection.platform);
    // Another worker refreshed the single-use token while this one was refused with the old one: not the seller's problem.
    const failed = async (failure: Failure) =>
      this.failed(listing, !failure.retryable && (await opened.replaced()) ? { ...failure, retryable: true, code: 'credentials_replaced' } : failure);
    const snapshot = (await this.snapshots.of([listing.variantId])).get(listing.variantId);
    // Off sale here (archived, cooperative suspended) or the shop is being disconnected: off sale there.
    const wanted = snapshot?.listable && connection.status !== 'disconnected' ? snapshot : null;

    if (!wanted) return this.takeDown(listing, adapter, context, failed);
    const category = this.registry.category(connection.platform, wanted.categoryId, connection.settings.categories);
    if (!category) return this.failed(listing, { ok: false, retryable: false, code: 'CATEGORY_UNMAPPED', message: wanted.categoryId });
    // Every marketplace refuses an item without a picture; say so before spending a call.
    if (wanted.imageKeys.length === 0) return this.failed(listing, { ok: false, retryable: false, code: 'IMAGES_REQUIRED', message: wanted.productName });
    const desired = this.desired(wanted, category);
    const state: SyncedState = { details: digest({ ...desired, images: wanted.imageKeys, price: undefined, stock: undefined }), price: desired.price, stock: desired.stock, listed: true };
    const desiredHash = digest(state);
    if (listing.sku !== wanted.sku) await this.update(listing, { sku: wanted.sku });
    await this.update(listing, { desiredHash });
    if (listing.externalId && listing.syncedHash === desiredHash && listing.status === 'synced') return this.succeeded(listing, 'synced');

    const last = listing.syncedState;
    const publishNeeded = !listing.externalId || !last || last.details !== state.details || !last.listed;
    const calls = (publishNeeded ? 1 + wanted.imageKeys.filter((k) => !listing.imageIds[k]).length : 0) + (publishNeeded && !listing.externalId ? 0 : Number(last?.price !== state.price) + Number(last?.stock !== state.stock));
    if (!(await this.withinBudget(listing, calls))) return;

    if (publishNeeded) {
      const mayExist = !listing.externalId && listing.createAttemptedAt !== null;
      if (!listing.externalId && !listing.createAttemptedAt) await this.update(listing, { createAttemptedAt: new Date() });
      const published = await adapter.publish(context, { listing: desired, externalId: listing.externalId ?? undefined, mayExist, imageIds: listing.imageIds });
      if (!published.ok) return failed(published);
      // A fresh create carries price and stock; an item found again or updated keeps whatever it had there.
      const created = !listing.externalId && !mayExist;
      await this.update(listing, {
        externalId: published.value.externalId,
        imageIds: published.value.imageIds,
        syncedState: { details: state.details, listed: true, price: created ? state.price : (last?.price ?? -1), stock: created ? state.stock : (last?.stock ?? -1) },
      });
      if (!created && !(await this.withinBudget(listing, Number(listing.syncedState!.price !== state.price) + Number(listing.syncedState!.stock !== state.stock)))) return;
    }
    const externalId = listing.externalId!;
    if (listing.syncedState!.price !== state.price) {
      const priced = await adapter.updatePrice(context, externalId, state.price);
      if (!priced.ok) return failed(priced);
      await this.update(listing, { syncedState: { ...listing.syncedState!, price: state.price } });
    }
    if (listing.syncedState!.stock !== state.stock) {
      const stocked = await adapter.updateStock(context, externalId, state.stock);
      if (!stocked.ok) return failed(stocked);
      await this.update(listing, { syncedState: { ...listing.syncedState!, stock: state.stock } });
    }
    await this.update(listing, { syncedHash: desiredHash });
    return this.succeeded(listing, 'synced');
  }

  private async takeDown(listing: ChannelListing, adapter: ChannelAdapter, context: ChannelContext, failed: (failure: Failure) => Promise<void>): Promise<void> {
    if (listing.externalId && listing.syncedState?.listed !== false) {
      if (!(await this.withinBudget(listing, 1))) return;
      const result = await adapter.unpublish(context, listing.externalId);
      if (!result.ok) return failed(result);
      await this.update(listing, { syncedState: { ...(listing.syncedState ?? { details: '', price: -1, stock: -1 }), listed: false }, syncedHash: null });
    }
    return this.succeeded(listing, 'delisted');
  }

  private desired(snapshot: VariantSnapshot, category: DesiredListing['category']): DesiredListing {
    return {
      sku: snapshot.sku,
      name: snapshot.siblings > 1 ? `${snapshot.productName} - ${snapshot.variantName}` : snapshot.productName,
      description: snapshot.description,
      price: snapshot.price,
      stock: snapshot.stock,
      weightGrams: snapshot.weightGrams,
      category,
      images: snapshot.imageKeys.map((key) => ({ key, read: () => this.asJpeg(key) })),
    };
  }

  /** Our images are WebP; the marketplaces take JPEG or PNG. */
  private async asJpeg(key: `public/${string}`): Promise<{ body: Buffer; contentType: string }> {
    const stored = await this.storage.get(key);
    if (!stored) throw new Error(`image ${key} is missing from storage`);
    const chunks: Buffer[] = [];
    for await (const chunk of stored.body) chunks.push(Buffer.from(chunk as Uint8Array));
    return { body: await sharp(Buffer.concat(chunks)).jpeg({ quality: 88 }).toBuffer(), contentType: 'image/jpeg' };
  }

  /** Spends the calls' tokens; when the budget is out for longer than a moment, the job comes back later instead of holding a worker. */
  private async withinBudget(listing: ChannelListing, calls: number): Promise<boolean> {
    if (calls <= 0) return true;
    const wait = await this.limiter.acquire(listing.connectionId, calls);
    if (wait === 0) return true;
    await this.queue.send(LISTING_SYNC, { listingId: listing.id }, { singletonKey: listing.id, startAfter: new Date(Date.now() + wait) });
    return false;
  }

  private async failed(listing: ChannelListing, failure: Failure): Promise<void> {
    const attempts = listing.attempts + 1;
    const { maxAttempts, retryBaseMs, retryMaxMs } = this.config.channels;
    if (failure.retryable && attempts < maxAttempts) {
      await this.update(listing, { attempts, lastError: failure.message, lastErrorCode: failure.code, status: listing.status === 'failed' ? 'pending' : listing.status });
      const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** (attempts - 1));
      // Full jitter over the upper half: replicas retrying together do not hit the platform together.
      const delay = Math.max((failure.retryAfterSeconds ?? 0) * 1000, backoff / 2 + Math.random() * (backoff / 2));
      await this.queue.send(LISTING_SYNC, { listingId: listing.id }, { singletonKey: listing.id, startAfter: new Date(Date.now() + delay) });
      return;
    }
    const gaveUp = failure.retryable;
    await this.update(listing, {
      status: 'failed',
      attempts,
      lastError: failure.message,
      lastErrorCode: gaveUp ? 'GAVE_UP' : failure.code,
      deadLetteredAt: gaveUp ? new Date() : null,
    });
    if (gaveUp) this.logger.warn({ listingId: listing.id, connectionId: listing.connectionId, attempts, code: failure.code }, 'listing sync dead-lettered');
    await this.settleRun(listing, 'failed', failure.message);
  }

  private async succeeded(listing: ChannelListing, status: 'synced' | 'delisted'): Promise<void> {
    await this.update(listing, { status, attempts: 0, lastError: null, lastErrorCode: null, deadLetteredAt: null, lastSyncedAt: new Date() });
    await this.settleRun(listing, 'done');
  }

  /**
   * Counts the listing in the full sync waiting for it, if that run was already waiting when this
   * job started: a run attached midway (a disconnect while a stock push was in flight) is settled
   * by the job queued with it, which sees the run from the start. The last listing of a
   * disconnect wipes the credentials.
   */
  private async settleRun(listing: ChannelListing, outcome: 'done' | 'failed', message?: string): Promise<void> {
    if (!listing.syncRunId) return;
    await this.db.transaction(async (manager) => {
      const [prior] = await manager.query<Array<{ sync_run_id: string | null }>>(`SELECT sync_run_id FROM channel_listings WHERE id = $1 FOR UPDATE`, [listing.id]);
      if (!prior?.sync_run_id || prior.sync_run_id !== listing.syncRunId) return;
      await manager.query(`UPDATE channel_listings SET sync_run_id = NULL WHERE id = $1`, [listing.id]);
      await this.jobs.tally(prior.sync_run_id, outcome, { manager, ...(outcome === 'failed' ? { issue: { row: null, field: listing.sku, key: 'channels.listingFailed', params: { message: message ?? '' } } } : {}) });
      await manager.query(
        `UPDATE channel_connections SET credentials = '' WHERE id = $1 AND status = 'disconnected'
            AND NOT EXISTS (SELECT 1 FROM channel_listings WHERE connection_id = $1 AND sync_run_id IS NOT NULL)`,
        [listing.connectionId],
      );
    });
  }

  private async update(listing: ChannelListing, changes: Partial<ChannelListing>): Promise<void> {
    Object.assign(listing, changes);
    await this.db.getRepository(ChannelListing).update({ id: listing.id }, changes as Parameters<ReturnType<DataSource['getRepository']>['update']>[1]);
  }
}

function digest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
