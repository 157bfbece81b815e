import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationAudience, NotificationOutbox, QueueService, vietnamDate } from '@nongsan/core';
import type { DataSource } from 'typeorm';

const QUEUE = 'channels.health-digest';

interface Trouble {
  cooperative_id: string;
  cooperative_name: string;
  platform: string;
  status: string;
  failures: number;
}

/**
 * Once a day, not once per failure: each cooperative with a connection that needs reconnecting, or
 * with listings that keep failing (dead-lettered after CHANNEL_SYNC_MAX_ATTEMPTS), gets one digest.
 * The event key is the cooperative and the Vietnamese day, so a second run that day adds nothing.
 */
@Injectable()
export class ChannelHealthDigest implements OnModuleInit {
  private readonly logger = new Logger(ChannelHealthDigest.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
    private readonly outbox: NotificationOutbox,
    private readonly audience: NotificationAudience,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(QUEUE, { retryLimit: 2 });
    this.queue.work(QUEUE, async () => {
      const told = await this.send();
      if (told > 0) this.logger.log(`channel health digest sent to ${told} cooperatives`);
    });
    await this.queue.schedule(QUEUE, '0 8 * * *');
  }

  /** Returns the number of cooperatives with something to hear about. */
  async send(now = new Date()): Promise<number> {
    const rows = await this.db.query<Trouble[]>(
      `SELECT c.cooperative_id, coop.name AS cooperative_name, c.platform, c.status,
              (SELECT count(*)::int FROM channel_listings l WHERE l.connection_id = c.id AND l.status = 'failed') AS failures
         FROM channel_connections c JOIN cooperatives coop ON coop.id = c.cooperative_id
        WHERE c.status = 'needs_attention'
           OR (c.status = 'active' AND EXISTS (SELECT 1 FROM channel_listings l WHERE l.connection_id = c.id AND l.status = 'failed'))
        ORDER BY c.cooperative_id, c.platform`,
    );
    const byCooperative = new Map<string, Trouble[]>();
    for (const row of rows) byCooperative.set(row.cooperative_id, [...(byCooperative.get(row.cooperative_id) ?? []), row]);
    const day = vietnamDate(now);
    for (const [cooperativeId, troubles] of byCooperative) {
      const channels = troubles.map((t) => ({ platform: t.platform, problem: t.status === 'needs_attention' ? 'reconnect' : 'failing', failures: t.failures }));
      await this.db.transaction(async (manager) => {
        const admins = await this.audience.cooperative(cooperativeId, 'admins', manager);
        await this.outbox.notify(
          admins,
          'channels.digest',
          { cooperativeName: troubles[0].cooperative_name, channels },
          { eventKey: `channels.digest:${cooperativeId}:${day}`, cooperativeId },
          manager,
        );
      });
    }
    return byCooperative.size;
  }
}
