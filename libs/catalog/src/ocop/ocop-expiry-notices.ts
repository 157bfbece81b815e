import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationAudience, NotificationOutbox, QueueService, vietnamDate } from '@nongsan/core';
import type { DataSource } from 'typeorm';

const QUEUE = 'catalog.ocop-expiry-notice';
const NOTICE_DAYS = 30;

/**
 * Every morning (Vietnam time): a cooperative's admins hear of each OCOP certificate that expires
 * within 30 days, once per certificate term — the event key carries the expiry date, so the next
 * mornings' runs add nothing and a renewed certificate is a new term.
 */
@Injectable()
export class OcopExpiryNotices implements OnModuleInit {
  private readonly logger = new Logger(OcopExpiryNotices.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly outbox: NotificationOutbox,
    private readonly audience: NotificationAudience,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(QUEUE, { retryLimit: 2 });
    this.queue.work(QUEUE, async () => {
      const told = await this.notifyExpiring();
      if (told > 0) this.logger.log(`${told} OCOP certificates expiring soon`);
    });
    await this.queue.schedule(QUEUE, '0 7 * * *');
  }

  /** Returns how many certificates were looked at; already-told ones add no message. */
  async notifyExpiring(now = new Date()): Promise<number> {
    const today = vietnamDate(now);
    const due = await this.db.query<
      Array<{ id: string; name: string; cooperative_id: string; cooperative_name: string; certificate: string; expires: string }>
    >(
      `SELECT p.id, p.name, p.cooperative_id, c.name AS cooperative_name, p.ocop_certificate_number AS certificate, p.ocop_expires_at::text AS expires
         FROM products p JOIN cooperatives c ON c.id = p.cooperative_id
        WHERE p.ocop_status IN ('pending', 'verified') AND p.status <> 'archived'
          AND p.ocop_expires_at > $1::date AND p.ocop_expires_at <= $1::date + $2::int`,
      [today, NOTICE_DAYS],
    );
    for (const product of due) {
      await this.db.transaction(async (manager) => {
        const admins = await this.audience.cooperative(product.cooperative_id, 'admins', manager);
        const data = {
          cooperativeName: product.cooperative_name,
          productId: product.id,
          productName: product.name,
          certificateNumber: product.certificate,
          expiresAt: product.expires,
        };
        await this.outbox.notify(
          admins,
          'ocop.expiring',
          data,
          { eventKey: `ocop.expiring:${product.id}:${product.expires}`, cooperativeId: product.cooperative_id },
          manager,
        );
      });
    }
    return due.length;
  }
}
