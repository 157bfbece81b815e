import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PgBoss, type Job, type JobWithMetadata, type Queue, type SendOptions, type WorkOptions } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';

export const QUEUE_SCHEMA = 'pgboss';

export type JobHandler<T> = (data: T, job: Job<T>) => Promise<void>;

/** pg-boss's own default poll. */
const DEFAULT_POLLING_SECONDS = 2;
/** Retries with exponential backoff by default: a flaky platform must not lose a job. */
const DEFAULT_QUEUE_OPTIONS: Omit<Queue, 'name'> = { retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 600 };

/**
 * Every job carries a heartbeat: its worker refreshes it while it runs, and a job whose worker died
 * (kill -9, a lost host) goes back to the queue after QUEUE_HEARTBEAT_SECONDS. Without it such a job
 * stays claimed until pg-boss's 15-minute expiry: a crashed worker's imports and syncs sat stuck
 * that long before anyone picked them up again.
 */

/**
 * pg-boss on the application's own PostgreSQL. Every process can send; only worker processes
 * (RUN_WORKER) run handlers. Handlers are registered by feature modules in their onModuleInit
 * and start consuming once the whole application is up.
 */
@Injectable()
export class QueueService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueService.name);
  private readonly boss: PgBoss;
  private readonly handlers: Array<{ name: string; options: WorkOptions; handler: JobHandler<unknown> }> = [];
  private started = false;

  constructor(private readonly config: AppConfig) {
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      schema: QUEUE_SCHEMA,
      application_name: 'nongsan-queue',
      max: 4,
      supervise: config.runWorker,
      schedule: config.runWorker,
      // Workers LISTEN, so a queue defined with `notify` wakes them the moment a job is committed
      // instead of at their next poll (a seller's import starts at once); polling stays as the backstop.
      useListenNotify: config.runWorker,
      // Dead workers' jobs are found on these passes; the monitor runs no more often than this either.
      superviseIntervalSeconds: config.queue.superviseSeconds,
      monitorIntervalSeconds: config.queue.superviseSeconds,
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'queue error'));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runWorker) return;
    for (const { name, options, handler } of this.handlers) {
      await this.boss.work<unknown>(name, { ...options, includeMetadata: true }, async (jobs) => {
        // A fetched batch comes back in no particular order; handle it oldest first. Each job
        // succeeds or fails on its own: a failure goes to the queue's retry policy and the rest of
        // the batch carries on (completing the batch touches only still-active jobs).
        for (const job of [...(jobs as Array<JobWithMetadata<unknown>>)].sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime())) {
          try {
            await handler(job.data, job);
          } catch (error) {
            this.logger.warn({ err: error, queue: name, jobId: job.id }, 'job failed');
            await this.boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }
      });
    }
  }

  /** Stops fetching, lets running handlers finish (up to 10 s), then closes the pool. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: 10_000, close: true });
  }

  get isRunning(): boolean {
    return this.started;
  }

  /** Creates the queue if it does not exist yet. Call from onModuleInit before sending to it. */
  async defineQueue(name: string, options: Omit<Queue, 'name'> = {}): Promise<void> {
    const heartbeatSeconds = options.heartbeatSeconds ?? this.config.queue.heartbeatSeconds;
    const notify = options.notify ?? false;
    const existing = await this.boss.getQueue(name);
    if (existing) {
      // A queue made before heartbeats or wake-ups (or with other settings) takes the current ones.
      if (existing.heartbeatSeconds !== heartbeatSeconds || Boolean(existing.notify) !== notify)
        await this.boss.updateQueue(name, { heartbeatSeconds, notify });
      return;
    }
    try {
      await this.boss.createQueue(name, { ...DEFAULT_QUEUE_OPTIONS, ...options, heartbeatSeconds });
    } catch (error) {
      // Several replicas starting at once race to create it; losing that race is fine.
      if (!(await this.boss.getQueue(name))) throw error;
    }
  }

  /** Runs `name` on a cron schedule (Vietnam time) from worker processes; one run per tick across all workers. */
  async schedule(name: string, cron: string): Promise<void> {
    if (this.config.runWorker) await this.boss.schedule(name, cron, {}, { tz: 'Asia/Ho_Chi_Minh' });
  }

  /**
   * Registers the handler of a queue; it runs only in worker processes. Jobs are fetched ten at a
   * time and fetching goes on without pause while batches come back full: pg-boss waits a whole
   * polling interval after every fetch otherwise, one job per two seconds with a batch of one.
   */
  work<T>(name: string, handler: JobHandler<T>, options: WorkOptions = {}): void {
    // On a `notify` queue pg-boss would otherwise poll only every 30 s, and a job that becomes due
    // later (a retry, a delayed start) sends no NOTIFY: the wake-up is added to the poll, never put in its place.
    const notifyPollingIntervalSeconds = options.pollingIntervalSeconds ?? DEFAULT_POLLING_SECONDS;
    this.handlers.push({
      name,
      options: { batchSize: 10, burstWhenBatchFull: true, notifyPollingIntervalSeconds, ...options },
      handler: handler as JobHandler<unknown>,
    });
  }

  /**
   * Enqueues a job. Given the EntityManager of an open transaction, the job is inserted in that
   * transaction: a rollback drops it and a commit never loses it.
   */
  send<T extends object>(name: string, data: T, options: Omit<SendOptions, 'db'> & { manager?: EntityManager } = {}): Promise<string | null> {
    const { manager, ...sendOptions } = options;
    return this.boss.send(name, data, { ...sendOptions, ...(manager ? { db: transactionDb(manager) } : {}) });
  }

  /**
   * Enqueues many jobs of one queue in one statement per thousand (same rules as `send`: a
   * singletonKey already waiting is skipped), in the caller's transaction when given a manager.
   * Ten thousand listings to sync are ten statements, not ten thousand round trips.
   */
  async sendMany<T extends object>(
    name: string,
    jobs: Array<{ data: T; singletonKey?: string; startAfter?: Date }>,
    options: { manager?: EntityManager } = {},
  ): Promise<void> {
    for (let start = 0; start < jobs.length; start += 1000) {
      await this.boss.insert(name, jobs.slice(start, start + 1000), options.manager ? { db: transactionDb(options.manager) } : {});
    }
  }

  /**
   * Announces a domain event (`catalog.product.changed`…) to every queue subscribed to it, in the
   * caller's transaction when a manager is given — the event exists exactly when the change does.
   */
  async publish<T extends object>(event: string, data: T, options: { manager?: EntityManager } = {}): Promise<void> {
    await this.boss.publish(event, data, options.manager ? { db: transactionDb(options.manager) } : {});
  }

  /**
   * `publish` for many events of one kind: the subscribed queues are read once and each gets its
   * jobs in one statement per thousand, instead of two round trips per event (an import of 7 000
   * products announced them in 14 000; bench/import.mjs).
   */
  async publishMany<T extends object>(event: string, data: T[], options: { manager?: EntityManager } = {}): Promise<void> {
    if (data.length === 0) return;
    const sql = `SELECT name FROM ${QUEUE_SCHEMA}.subscription WHERE event = $1`;
    const rows = options.manager
      ? await options.manager.query<Array<{ name: string }>>(sql, [event])
      : ((await this.boss.getDb().executeSql(sql, [event])).rows as Array<{ name: string }>);
    for (const { name } of rows)
      await this.sendMany(
        name,
        data.map((d) => ({ data: d })),
        options,
      );
  }

  /** Routes an event to a queue (create the queue first); idempotent. */
  subscribe(event: string, queue: string): Promise<void> {
    return this.boss.subscribe(event, queue);
  }

  getJob<T>(name: string, id: string): Promise<{ state: string; data: T } | null> {
    return this.boss.getJobById<T>(name, id) as Promise<{ state: string; data: T } | null>;
  }

  /** Throws when the queue's tables cannot be read (readiness probe). */
  async ping(): Promise<void> {
    if (!this.started) throw new Error('queue not started');
    await this.boss.getQueues();
  }
}

/** pg-boss statements run through the caller's transaction. */
function transactionDb(manager: EntityManager) {
  return { executeSql: async (text: string, values?: unknown[]) => ({ rows: (await manager.query(text, values)) as unknown[] }) };
}
