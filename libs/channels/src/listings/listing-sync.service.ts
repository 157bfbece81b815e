import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PRODUCT_CHANGED, VariantSnapshots, type ProductChangedEvent, type VariantSnapshot } from '@nongsan/catalog';
import { AppConfig, canonicalJson, IMAGE_MAX_PIXELS, JobsService, ObjectStorage, QueueService } from '@nongsan/core';
import sharp from 'sharp';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AdapterResult, ChannelAdapter, ChannelContext, DesiredListing, PublishProgress } from '../adapters/channel-adapter.js';
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
 * The sync engine. Catalog and stock events become one `listing.sync` job per
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
    // A price or stock change goes out as soon as it is committed, not at the idle workers' next poll.
    await this.queue.defineQueue(LISTING_SYNC, {
      policy: 'stately',
      retryLimit: 3,
      retryDelay: 10,
      retryBackoff: true,
      deadLetter: LISTING_SYNC_DEAD,
      notify: true,
    });
    await this.queue.defineQueue(CATALOG_CHANGES);
    await this.queue.subscribe(PRODUCT_CHANGED, CATALOG_CHANGES);
    this.queue.work<ProductChangedEvent>(CATALOG_CHANGES, (event) => this.onCatalogChange(event));
    const workers = syncWorkers(this.config.channels.ratePerSecond);
    // Idle workers poll as often together as four did at 0.5 s; a busy one fetches again at once (full batches).
    this.queue.work<{ listingId: string }>(LISTING_SYNC, ({ listingId }) => this.sync(listingId), {
      localConcurrency: workers,
      pollingIntervalSeconds: (0.5 * workers) / 4,
    });
  }

  /** A product or its stock changed: every live connection of its cooperative gets the new state. */
  async onCatalogChange(event: ProductChangedEvent): Promise<void> {
    const connections = (
      await this.db
        .getRepository(ChannelConnection)
        .findBy({ cooperativeId: event.cooperativeId, status: In(['active', 'needs_attention', 'needs_reauthorization']) })
    ).filter((c) => this.registry.isApi(c.platform));
    if (connections.length === 0) return;
    const onlyNumbers = event.changes.every((c) => c === 'price' || c === 'stock');
    const variantIds = onlyNumbers ? event.variantIds : await this.snapshots.variantIdsOfProduct(event.productId);
    await this.db.transaction((manager) =>
      this.schedule(
        manager,
        connections.map((c) => c.id),
        variantIds,
      ),
    );
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
    await this.queue.sendMany(
      LISTING_SYNC,
      rows.map(({ id }) => ({ data: { listingId: id }, singletonKey: id })),
      { manager },
    );
    return rows.length;
  }

  /** One listing brought in line with the catalog. Idempotent: run twice, it sends nothing the second time. */
  async sync(listingId: string): Promise<void> {
    const listing = await this.db.getRepository(ChannelListing).findOneBy({ id: listingId });
    if (!listing) return;
    const opened = await this.store.context(listing.connectionId, { disconnected: listing.syncRunId !== null });
    if (!opened) return;
    const { connection, context } = opened;
    // Waiting for the seller to authorize the shop again: the listing stays as it is, and the full sync after reconnecting takes it up.
    if (connection.status === 'needs_reauthorization') return;
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
    const state: SyncedState = {
      details: digest({ ...desired, images: wanted.imageKeys, price: undefined, stock: undefined }),
      price: desired.price,
      stock: desired.stock,
      listed: true,
    };
    const desiredHash = digest(state);
    if (listing.sku !== wanted.sku) await this.update(listing, { sku: wanted.sku });
    await this.update(listing, { desiredHash });
    if (listing.externalId && listing.syncedHash === desiredHash && listing.status === 'synced') return this.succeeded(listing, 'synced');

    const last = listing.syncedState;
    const publishNeeded = !listing.externalId || !last || last.details !== state.details || !last.listed;
    // The variants of one product show the same pictures: what a sibling uploaded to this shop is used again, not sent again.
    const imageIds =
      publishNeeded && wanted.imageKeys.some((k) => !listing.imageIds[k])
        ? { ...(await this.siblingImageIds(listing)), ...listing.imageIds }
        : listing.imageIds;
    // A first publish may create the item with its price and stock: their own calls are paid for only if it turns out they are needed.
    const prepaid = !(publishNeeded && !listing.externalId);
    // An earlier create may have gone through: the publish looks the SKU up first, a call like any other.
    const mayExist = !listing.externalId && listing.createAttemptedAt !== null;
    const calls =
      (publishNeeded ? 1 + Number(mayExist) + wanted.imageKeys.filter((k) => !imageIds[k]).length : 0) +
      (prepaid ? Number(last?.price !== state.price) + Number(last?.stock !== state.stock) : 0);
    if (!(await this.withinBudget(listing, calls))) return;

    // What a call taught is saved before the next call; after the last call it is saved with the outcome, in one write.
    let learnt: Partial<ChannelListing> = {};
    const synced = () => learnt.syncedState ?? listing.syncedState!;
    const save = async () => {
      await this.update(listing, learnt);
      learnt = {};
    };
    if (publishNeeded) {
      // Saved as they happen, so an attempt that fails after them (or a crash) does not pay for them again.
      const progress: PublishProgress = {
        imageUploaded: (key, platformId) => this.update(listing, { imageIds: { ...listing.imageIds, [key]: platformId } }),
        creating: async () => {
          if (!listing.createAttemptedAt) await this.update(listing, { createAttemptedAt: new Date() });
        },
      };
      const published = await adapter.publish(context, { listing: desired, externalId: listing.externalId ?? undefined, mayExist, imageIds, progress });
      if (!published.ok) return failed(published);
      // A create carries price and stock; an item found again or updated keeps whatever it had there.
      const created = published.value.created === true;
      learnt = {
        externalId: published.value.externalId,
        imageIds: published.value.imageIds,
        syncedState: {
          details: state.details,
          listed: true,
          price: created ? state.price : (last?.price ?? -1),
          stock: created ? state.stock : (last?.stock ?? -1),
        },
      };
      const more = Number(synced().price !== state.price) + Number(synced().stock !== state.stock);
      if (more > 0) {
        await save();
        if (!prepaid && !(await this.withinBudget(listing, more))) return;
      }
    }
    const externalId = learnt.externalId ?? listing.externalId!;
    if (synced().price !== state.price) {
      const priced = await adapter.updatePrice(context, externalId, state.price);
      if (!priced.ok) return failed(priced);
      learnt = { ...learnt, syncedState: { ...synced(), price: state.price } };
      if (synced().stock !== state.stock) await save();
    }
    if (synced().stock !== state.stock) {
      const stocked = await adapter.updateStock(context, externalId, state.stock);
      if (!stocked.ok) return failed(stocked);
      learnt = { ...learnt, syncedState: { ...synced(), stock: state.stock } };
    }
    return this.succeeded(listing, 'synced', { ...learnt, syncedHash: desiredHash });
  }

  private async takeDown(
    listing: ChannelListing,
    adapter: ChannelAdapter,
    context: ChannelContext,
    failed: (failure: Failure) => Promise<void>,
  ): Promise<void> {
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
    return { body: await sharp(Buffer.concat(chunks), { limitInputPixels: IMAGE_MAX_PIXELS }).jpeg({ quality: 88 }).toBuffer(), contentType: 'image/jpeg' };
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
    if (!failure.retryable && failure.reauthorize) return this.pauseForReauthorization(listing.connectionId, failure);
    const attempts = listing.attempts + 1;
    const { maxAttempts, retryBaseMs, retryMaxMs } = this.config.channels;
    if (failure.retryable && attempts < maxAttempts) {
      await this.update(listing, {
        attempts,
        lastError: failure.message,
        lastErrorCode: failure.code,
        status: listing.status === 'failed' ? 'pending' : listing.status,
      });
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

  /** The platform will not renew the token: the shop waits for the seller, and nothing about the listing is counted against it. */
  private async pauseForReauthorization(connectionId: string, failure: Failure): Promise<void> {
    await this.db.query(
      `UPDATE channel_connections SET status = 'needs_reauthorization', last_error = $2, last_error_code = $3 WHERE id = $1 AND status IN ('active','needs_attention')`,
      [connectionId, failure.message, failure.code],
    );
  }

  private async succeeded(listing: ChannelListing, status: 'synced' | 'delisted', learnt: Partial<ChannelListing> = {}): Promise<void> {
    await this.update(listing, { ...learnt, status, attempts: 0, lastError: null, lastErrorCode: null, deadLetteredAt: null, lastSyncedAt: new Date() });
    await this.settleRun(listing, 'done');
  }

  /** Image key → platform id, as the other listings of the same product on the same connection uploaded them. */
  private async siblingImageIds(listing: ChannelListing): Promise<Record<string, string>> {
    const rows = await this.db.query<Array<{ image_ids: Record<string, string> }>>(
      `SELECT image_ids FROM channel_listings WHERE product_id = $1 AND connection_id = $2 AND id <> $3 AND image_ids <> '{}'::jsonb`,
      [listing.productId, listing.connectionId, listing.id],
    );
    return Object.assign({}, ...rows.map((r) => r.image_ids)) as Record<string, string>;
  }

  /**
   * Counts the listing in the full sync waiting for it, if that run was already waiting when this
   * job started: a run attached midway (a disconnect while a stock push was in flight) is settled
   * by the job queued with it, which sees the run from the start. The last listing of a
   * disconnect wipes the credentials.
   */
  private async settleRun(listing: ChannelListing, outcome: 'done' | 'failed', message?: string): Promise<void> {
    if (!listing.syncRunId) return;
    const runId = listing.syncRunId;
    await this.db.transaction(async (manager) => {
      // Only if that run still waits for this listing: the conditional update is the claim.
      const [, claimed] = (await manager.query(`UPDATE channel_listings SET sync_run_id = NULL WHERE id = $1 AND sync_run_id = $2`, [listing.id, runId])) as [
        unknown,
        number,
      ];
      if (claimed === 0) return;
      // The tally locks the run's one row before the check below: two workers settling the last two
      // listings at once would otherwise each still see the other's listing waiting, and neither
      // would forget the credentials of a shop that was disconnected.
      await this.jobs.tally(runId, outcome, {
        manager,
        ...(outcome === 'failed' ? { issue: { row: null, field: listing.sku, key: 'channels.listingFailed', params: { message: message ?? '' } } } : {}),
      });
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

/**
 * Listing syncs run side by side. One takes a few hundred milliseconds (the database, the picture,
 * one or two calls; more on a busy machine), so a worker spends only a few of the shop's calls per
 * second: a budget of R calls per second needs about R/3 of them to be used (bench/sync.mjs).
 * Never fewer than four, never more than sixteen.
 */
export function syncWorkers(ratePerSecond: number): number {
  return Math.min(16, Math.max(4, Math.ceil(ratePerSecond / 3)));
}

function digest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
