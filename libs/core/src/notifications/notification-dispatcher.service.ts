import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { QueueService } from '../queue/queue.service.js';
import { Notification } from './notification.entity.js';
import { NOTIFICATION_DELIVER_QUEUE } from './notification-outbox.service.js';
import { DeliveryError, NOTIFICATION_SENDERS, type NotificationSender } from './notification-sender.js';
import { TEMPLATES } from './templates/templates.js';

const BATCH = 10;

/**
 * Delivers the outbox at least once and, as far as the providers allow, never twice:
 * 1. claim due rows with FOR UPDATE SKIP LOCKED and, in that same short transaction, record the
 *    attempt and lease the row for NOTIFY_SEND_LEASE_SECONDS (no other worker takes it meanwhile);
 * 2. send outside any transaction (a slow mail server must not hold locks);
 * 3. record the outcome: sent, or pending again after a backoff, or failed after NOTIFY_MAX_ATTEMPTS.
 * A worker killed between 1 and 3 leaves a leased row that is tried again when the lease ends;
 * the retry carries the same Message-ID / tracking_id (the row id) for the receiving side.
 */
@Injectable()
export class NotificationDispatcher implements OnModuleInit {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private readonly senders: Map<string, NotificationSender>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
    @Inject(NOTIFICATION_SENDERS) senders: NotificationSender[],
  ) {
    this.senders = new Map(senders.filter((s) => s.enabled).map((s) => [s.channel, s]));
  }

  async onModuleInit(): Promise<void> {
    // A wake-up is only a nudge: the rows carry their own attempts, so the job itself is not retried.
    await this.queue.defineQueue(NOTIFICATION_DELIVER_QUEUE, { retryLimit: 1, notify: true });
    this.queue.work(NOTIFICATION_DELIVER_QUEUE, () => this.deliverDue(), { batchSize: 1 });
    // The backstop: rows whose wake-up was lost with a dead worker are found within a minute.
    await this.queue.schedule(NOTIFICATION_DELIVER_QUEUE, '* * * * *');
  }

  /** Sends every due row, batch by batch, then books a wake-up for the next row that is not due yet. */
  async deliverDue(): Promise<void> {
    for (;;) {
      const claimed = await this.claim();
      if (claimed.length === 0) break;
      for (const message of claimed) await this.deliver(message);
    }
    const [next] = await this.db.query<Array<{ at: Date | null }>>(
      `SELECT min(next_attempt_at) AS at FROM notification_outbox WHERE status = 'pending' AND channel = ANY($1)`,
      [[...this.senders.keys()]],
    );
    if (next?.at) {
      // One wake-up per second of the schedule, however many workers book it.
      const at = new Date(Math.ceil(new Date(next.at).getTime() / 1000) * 1000);
      await this.queue.send(NOTIFICATION_DELIVER_QUEUE, {}, { startAfter: at, singletonKey: `at:${at.toISOString()}` });
    }
  }

  private claim(): Promise<Notification[]> {
    return this.db.transaction(async (manager) => {
      const rows = await manager
        .getRepository(Notification)
        .createQueryBuilder('n')
        .where(`n.status = 'pending' AND n.next_attempt_at <= now() AND n.channel = ANY(:channels)`, { channels: [...this.senders.keys()] })
        .orderBy('n.next_attempt_at')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return [];
      await manager.query(
        `UPDATE notification_outbox SET attempts = attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => $2) WHERE id = ANY($1)`,
        [rows.map((r) => r.id), this.config.notifications.sendLeaseSeconds],
      );
      return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
    });
  }

  private async deliver(message: Notification): Promise<void> {
    const secretKeys = TEMPLATES[message.template]?.secretKeys ?? [];
    // Once a row is done, the single-use token of its link has no business staying in the table.
    const scrubbed = secretKeys.length ? `, data = data - $3::text[]` : '';
    const params = (extra: unknown[]) => (secretKeys.length ? [...extra, secretKeys] : extra);
    try {
      await this.senders.get(message.channel)!.send(message);
      await this.db.query(
        `UPDATE notification_outbox SET status = 'sent', sent_at = now(), last_error = NULL${scrubbed.replace('$3', '$2')} WHERE id = $1`,
        params([message.id]),
      );
    } catch (error) {
      const reason = error instanceof DeliveryError ? error.message : `unexpected: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
      const giveUp =
        (error instanceof DeliveryError && error.permanent) || message.attempts >= this.config.notifications.maxAttempts || !TEMPLATES[message.template];
      this.logger.warn(
        { notificationId: message.id, channel: message.channel, template: message.template, attempts: message.attempts, giveUp, reason },
        'notification not delivered',
      );
      if (giveUp) {
        await this.db.query(`UPDATE notification_outbox SET status = 'failed', last_error = $2${scrubbed} WHERE id = $1`, params([message.id, reason]));
      } else {
        const backoff = Math.min(this.config.notifications.retryBaseSeconds * 2 ** (message.attempts - 1), 6 * 3600) * (0.8 + Math.random() * 0.4);
        await this.db.query(`UPDATE notification_outbox SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`, [
          message.id,
          reason,
          backoff,
        ]);
      }
    }
  }
}
