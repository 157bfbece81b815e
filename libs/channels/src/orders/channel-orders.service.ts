import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { VariantSnapshots } from '@nongsan/catalog';
import { AppConfig, QueueService } from '@nongsan/core';
import { MarketplaceOrdersService } from '@nongsan/order';
import type { DataSource, EntityManager } from 'typeorm';
import type { ExternalOrder } from '../adapters/channel-adapter.js';
import { ChannelRegistry } from '../adapters/registry.js';
import { ChannelConnection } from '../connections/channel-connection.entity.js';
import { ConnectionStore, type ShopConnection } from '../connections/connection-store.js';
import { ChannelOrder, type ChannelOrderStatus } from './channel-order.entity.js';

export const CHANNEL_ORDERS_IMPORT = 'channel.orders.import';
const CHANNEL_ORDERS_DUE = 'channel.orders.poll-due';

/** How far back each poll reaches before the last one's end: platforms index updates with some lag. */
const POLL_OVERLAP_MS = 10 * 60_000;

interface ImportJob {
  connectionId: string;
  /** One order named by a push; absent for a poll of everything updated since the last one. */
  externalOrderId?: string;
}

/**
 * Orders placed on a platform come here: by a poll every
 * CHANNEL_ORDER_POLL_SECONDS and by the platform's verified push. Each is stored once per
 * connection by its external id and replays change nothing; a paid one takes stock through the
 * order context exactly like a web checkout, and that stock change is pushed to every channel.
 * An order that cannot take stock (unknown SKU, not enough left) is kept as `needs_attention`
 * for the seller and tried again whenever the platform reports it again.
 */
@Injectable()
export class ChannelOrdersService implements OnModuleInit {
  private readonly logger = new Logger(ChannelOrdersService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly registry: ChannelRegistry,
    private readonly store: ConnectionStore,
    private readonly snapshots: VariantSnapshots,
    private readonly marketplaceOrders: MarketplaceOrdersService,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(CHANNEL_ORDERS_IMPORT, { policy: 'stately' });
    await this.queue.defineQueue(CHANNEL_ORDERS_DUE, { policy: 'singleton' });
    this.queue.work<ImportJob>(CHANNEL_ORDERS_IMPORT, (job) => this.import(job), { localConcurrency: 2, pollingIntervalSeconds: 0.5 });
    this.queue.work(CHANNEL_ORDERS_DUE, () => this.pollDue());
    await this.queue.schedule(CHANNEL_ORDERS_DUE, '* * * * *');
  }

  /** Queues a pull of new orders now (a full sync, the CLI), or of one order a push named. */
  async requestImport(connectionId: string, externalOrderId?: string, manager?: EntityManager): Promise<void> {
    const key = externalOrderId ? `${connectionId}:${externalOrderId}` : `${connectionId}:poll`;
    await this.queue.send(
      CHANNEL_ORDERS_IMPORT,
      { connectionId, ...(externalOrderId ? { externalOrderId } : {}) },
      { singletonKey: key, ...(manager ? { manager } : {}) },
    );
  }

  /** Every minute: queue a poll of each live connection whose last one is older than the poll interval. */
  async pollDue(): Promise<void> {
    const due = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM channel_connections
        WHERE status IN ('active','needs_attention') AND credentials <> ''
          AND (orders_polled_at IS NULL OR orders_polled_at < now() - make_interval(secs => $1))`,
      [this.config.channels.orderPollSeconds],
    );
    for (const { id } of due) await this.requestImport(id);
  }

  async import(job: ImportJob): Promise<void> {
    const opened = await this.store.context(job.connectionId);
    if (!opened) return;
    const { connection, context } = opened;
    const adapter = this.registry.adapter(connection.platform);
    const refused = async (failure: { retryable: boolean; code: string; message: string; reauthorize?: true }) =>
      this.retryOrRecord(connection, { ...failure, retryable: failure.retryable || (await opened.replaced()) });
    if (job.externalOrderId) {
      const fetched = await adapter.fetchOrder(context, job.externalOrderId);
      if (!fetched.ok) return refused(fetched);
      if (fetched.value) await this.ingest(connection, fetched.value);
      return;
    }
    const until = new Date();
    const since = new Date((connection.ordersSyncedUntil ?? connection.createdAt).getTime() - POLL_OVERLAP_MS);
    const fetched = await adapter.fetchOrders(context, since, until);
    if (!fetched.ok) return refused(fetched);
    for (const order of fetched.value.orders.sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())) await this.ingest(connection, order);
    await this.db.getRepository(ChannelConnection).update({ id: connection.id }, { ordersSyncedUntil: until, ordersPolledAt: new Date() });
  }

  /** A transient failure is thrown so the queue retries with backoff; a permanent one shows on the connection. */
  private async retryOrRecord(connection: ShopConnection, failure: { retryable: boolean; code: string; message: string; reauthorize?: true }): Promise<void> {
    if (failure.retryable) throw new Error(`${connection.platform} orders: ${failure.code} ${failure.message}`);
    const status = failure.reauthorize ? 'needs_reauthorization' : 'needs_attention';
    await this.db
      .getRepository(ChannelConnection)
      .update({ id: connection.id }, { status, lastError: failure.message, lastErrorCode: failure.code, ordersPolledAt: new Date() });
  }

  /** Stores or advances one platform order; serialized per order so a push and a poll arriving together act once. */
  async ingest(connection: ShopConnection, order: ExternalOrder): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`channel-order:${connection.id}:${order.externalId}`]);
      const repo = manager.getRepository(ChannelOrder);
      const known = await repo.findOneBy({ connectionId: connection.id, externalId: order.externalId });
      const record =
        known ??
        repo.create({
          connectionId: connection.id,
          cooperativeId: connection.cooperativeId,
          externalId: order.externalId,
          status: 'awaiting_payment',
          orderId: null,
          problem: null,
          externalCreatedAt: order.createdAt,
        });
      const next = await this.advance(manager, connection, record, order);
      Object.assign(record, next, { platformStatus: order.platformStatus, snapshot: order, externalUpdatedAt: order.updatedAt });
      await repo.save(record);
    });
  }

  /** What the stored order becomes now that the platform reports `order`. */
  private async advance(
    manager: EntityManager,
    connection: ShopConnection,
    record: ChannelOrder,
    order: ExternalOrder,
  ): Promise<Pick<ChannelOrder, 'status' | 'orderId' | 'problem'>> {
    const unchanged = { status: record.status, orderId: record.orderId, problem: record.problem };
    const note = `${connection.platform} ${order.externalId}: ${order.platformStatus}`;
    if (record.status === 'cancelled' || record.status === 'completed') return unchanged;
    if (order.state === 'cancelled') {
      if (record.orderId) await this.marketplaceOrders.cancel(manager, record.orderId, note);
      return { ...unchanged, status: 'cancelled' };
    }
    if (order.state === 'unpaid') return unchanged;
    // Paid (or already shipped or completed when first seen): it holds stock from now on.
    let placed = record.orderId ? { status: record.status, orderId: record.orderId, problem: null } : await this.place(manager, connection, order);
    if (order.state === 'completed' && placed.orderId) {
      await this.marketplaceOrders.complete(manager, placed.orderId, note);
      placed = { ...placed, status: 'completed' };
    } else if (order.state === 'shipped' && placed.orderId) {
      await this.marketplaceOrders.ship(manager, placed.orderId, note);
    }
    return placed;
  }

  private async place(
    manager: EntityManager,
    connection: ShopConnection,
    order: ExternalOrder,
  ): Promise<{ status: ChannelOrderStatus; orderId: string | null; problem: string | null }> {
    const variants = await this.snapshots.variantIdsBySku(
      connection.cooperativeId,
      order.lines.map((l) => l.sku),
      manager,
    );
    const unknown = order.lines.filter((l) => !variants.has(l.sku.toUpperCase()));
    if (unknown.length > 0) {
      return {
        status: 'needs_attention',
        orderId: null,
        problem: `Không có sản phẩm nào mang mã SKU ${unknown.map((l) => `“${l.sku}”`).join(', ')} (${connection.platform}: ${unknown.map((l) => l.name).join(', ')})`,
      };
    }
    // One line per variant: a platform may split the same SKU over several lines.
    const quantities = new Map<string, { quantity: number; amount: number }>();
    for (const line of order.lines) {
      const id = variants.get(line.sku.toUpperCase())!;
      const sum = quantities.get(id) ?? { quantity: 0, amount: 0 };
      quantities.set(id, { quantity: sum.quantity + line.quantity, amount: sum.amount + line.unitPrice * line.quantity });
    }
    const lines = [...quantities].map(([variantId, { quantity, amount }]) => ({ variantId, quantity, unitPrice: Math.round(amount / quantity) }));
    const placement = await this.marketplaceOrders.place(manager, {
      cooperativeId: connection.cooperativeId,
      channel: connection.platform,
      externalReference: order.externalId,
      buyerName: order.buyerName,
      lines,
    });
    if (!placement.placed) {
      const skus = placement.short.map((short) => {
        const line = order.lines.find((l) => variants.get(l.sku.toUpperCase()) === short.variantId)!;
        return `${line.sku}: đặt ${quantities.get(short.variantId)!.quantity}, còn ${short.available}`;
      });
      this.logger.warn({ connectionId: connection.id, externalId: order.externalId }, 'marketplace order short of stock');
      return { status: 'needs_attention', orderId: null, problem: `Không đủ hàng (${skus.join('; ')})` };
    }
    return { status: 'imported', orderId: placement.orderId, problem: null };
  }
}
