import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { AppException } from '../errors/app.exception.js';
import { ErrorCode } from '../errors/error-code.js';

/**
 * Failed sign-ins are counted in the database, per account and per IP, over a sliding window, so
 * the limit holds across every API replica. Too many → 429 with Retry-After until the oldest
 * failure in the window ages out.
 *
 * An attempt is counted as a failure before its password is checked, and only un-counted when it
 * turns out right (`clear`) or is refused unchecked: checking first and counting after let a burst
 * of parallel guesses all pass the check before any was counted (40 at once got 31 passwords tried
 * against a limit of 5).
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * Counts this attempt and lets it through if, with it, the account and the address are still
   * within their limits; otherwise un-counts it and answers 429. A wrong password needs nothing
   * more (`recordFailure`); a right one `clear`s the account's count.
   */
  async begin(email: string, ip: string): Promise<void> {
    const [{ id }] = await this.db.query<Array<{ id: string }>>(`INSERT INTO login_failures (email, ip) VALUES ($1, $2) RETURNING id`, [email, ip]);
    try {
      await this.assertAllowed(email, ip, 1);
    } catch (error) {
      await this.db.query(`DELETE FROM login_failures WHERE id = $1`, [id]);
      throw error;
    }
  }

  /** `counted`: attempts of the caller's own already in the table, which the limits do not count against it. */
  async assertAllowed(email: string, ip: string, counted = 0): Promise<void> {
    const { windowMinutes } = this.config.login;
    const maxFailuresPerAccount = this.config.login.maxFailuresPerAccount + counted;
    const maxFailuresPerIp = this.config.login.maxFailuresPerIp + counted;
    const [row] = await this.db.query<Array<{ by_email: number; by_ip: number; email_retry: number | null; ip_retry: number | null }>>(
      `WITH recent AS (
         SELECT lower(email) = lower($1) AS same_email, ip = $2 AS same_ip, created_at
           FROM login_failures
          WHERE created_at > now() - make_interval(mins => $3) AND (lower(email) = lower($1) OR ip = $2))
       SELECT count(*) FILTER (WHERE same_email)::int AS by_email,
              count(*) FILTER (WHERE same_ip)::int AS by_ip,
              extract(epoch FROM (SELECT created_at FROM recent WHERE same_email ORDER BY created_at DESC OFFSET $4 - 1 LIMIT 1) + make_interval(mins => $3) - now()) AS email_retry,
              extract(epoch FROM (SELECT created_at FROM recent WHERE same_ip ORDER BY created_at DESC OFFSET $5 - 1 LIMIT 1) + make_interval(mins => $3) - now()) AS ip_retry
         FROM recent`,
      [email, ip, windowMinutes, maxFailuresPerAccount, maxFailuresPerIp],
    );
    if (row.by_email >= maxFailuresPerAccount) throw AppException.tooManyRequests(ErrorCode.LOGIN_THROTTLED, Number(row.email_retry));
    if (row.by_ip >= maxFailuresPerIp) throw AppException.tooManyRequests(ErrorCode.LOGIN_THROTTLED, Number(row.ip_retry));
  }

  /** The attempt `begin` counted was a failure: it stays counted. */
  async recordFailure(): Promise<void> {
    // Old rows only ever shrink the table's usefulness; drop them as we go.
    await this.db.query(`DELETE FROM login_failures WHERE created_at < now() - make_interval(mins => $1)`, [this.config.login.windowMinutes]);
  }

  async clear(email: string): Promise<void> {
    await this.db.query(`DELETE FROM login_failures WHERE lower(email) = lower($1)`, [email]);
  }
}
