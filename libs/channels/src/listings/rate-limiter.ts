import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@nongsan/core';
import type { DataSource } from 'typeorm';

/**
 * A token bucket per connection kept in PostgreSQL, so every worker process draws from the same
 * budget. Refill and take happen in one UPDATE: two workers can never both spend
 * the last token.
 */
@Injectable()
export class ChannelRateLimiter {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Takes `tokens` now and answers 0, or takes nothing and answers how many ms until they are there. */
  async take(connectionId: string, tokens = 1): Promise<number> {
    const { ratePerSecond: rate, rateBurst: burst } = this.config.channels;
    const want = Math.min(tokens, burst);
    for (let first = true; ; first = false) {
      const [rows] = (await this.db.query(
        `UPDATE channel_rate_buckets
            SET tokens = least($2::float8, tokens + extract(epoch FROM clock_timestamp() - refilled_at) * $3::float8) - $4::float8,
                refilled_at = clock_timestamp()
          WHERE connection_id = $1 AND least($2::float8, tokens + extract(epoch FROM clock_timestamp() - refilled_at) * $3::float8) >= $4::float8
          RETURNING tokens`,
        [connectionId, burst, rate, want],
      )) as [unknown[], number];
      if (rows.length > 0) return 0;
      const [bucket] = await this.db.query<Array<{ available: number }>>(
        `SELECT least($2::float8, tokens + extract(epoch FROM clock_timestamp() - refilled_at) * $3::float8) AS available FROM channel_rate_buckets WHERE connection_id = $1`,
        [connectionId, burst, rate],
      );
      if (bucket || !first) return Math.max(1, Math.ceil(((want - (bucket?.available ?? 0)) / rate) * 1000));
      // The connection's first call: its bucket starts full (created once, not before every take).
      await this.db.query(`INSERT INTO channel_rate_buckets (connection_id, tokens, refilled_at) VALUES ($1, $2, clock_timestamp()) ON CONFLICT DO NOTHING`, [
        connectionId,
        burst,
      ]);
    }
  }

  /** Waits for the tokens when that is short; else answers the wait so the caller can reschedule instead of holding a worker. */
  async acquire(connectionId: string, tokens = 1, maxWaitMs = 2_000): Promise<number> {
    for (;;) {
      const wait = await this.take(connectionId, tokens);
      if (wait === 0) return 0;
      if (wait > maxWaitMs) return wait;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
