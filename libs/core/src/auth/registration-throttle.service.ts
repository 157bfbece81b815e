import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { AppException } from '../errors/app.exception.js';

/**
 * At most REGISTRATIONS_PER_IP_PER_HOUR registrations from one address in any hour, counted in
 * PostgreSQL so every API replica agrees. Count and record happen under a transaction-scoped
 * advisory lock on the address: a burst sent at once is judged one by one, never all against the
 * same count. Every attempt that gets past input validation counts, an e-mail already taken included.
 */
@Injectable()
export class RegistrationThrottleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async begin(ip: string): Promise<void> {
    const limit = this.config.registrationsPerIpPerHour;
    await this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('registration:' || $1))`, [ip]);
      // Beyond the limit, the caller waits for the attempt `limit` places back to age out of the hour.
      const [row] = await manager.query<Array<{ recent: number; retry: number | null }>>(
        `WITH recent AS (SELECT created_at FROM registration_attempts WHERE ip = $1 AND created_at > now() - interval '1 hour')
         SELECT (SELECT count(*)::int FROM recent) AS recent,
                extract(epoch FROM (SELECT created_at FROM recent ORDER BY created_at DESC OFFSET $2 - 1 LIMIT 1) + interval '1 hour' - now()) AS retry`,
        [ip, limit],
      );
      if (row.recent >= limit) throw AppException.tooManyRequests('TOO_MANY_REQUESTS', Number(row.retry ?? 3600));
      await manager.query(`INSERT INTO registration_attempts (ip) VALUES ($1)`, [ip]);
    });
    // Old rows only ever shrink the table's usefulness; drop them as we go.
    await this.db.query(`DELETE FROM registration_attempts WHERE created_at < now() - interval '1 hour'`);
  }
}
