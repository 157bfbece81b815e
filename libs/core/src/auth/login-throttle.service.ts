import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { AppException } from '../errors/app.exception.js';

/**
 * Failed sign-ins are counted in the database, so the limits hold across every API replica, over a
 * sliding window (LOGIN_FAILURE_WINDOW_MINUTES):
 *
 * - per account *and* address: LOGIN_MAX_FAILURES_PER_ACCOUNT tries, then each further one waits
 *   LOGIN_DELAY_BASE_SECONDS × 2^k after the previous failure (at most the window). Counting per
 *   account alone let anyone lock `admin@` out by guessing wrong five times; now the guesser slows
 *   only themself, and the owner signs in from their own address.
 * - per address: LOGIN_MAX_FAILURES_PER_IP tries over all accounts, then 429 until the oldest ages
 *   out (one address guessing across many accounts).
 *
 * An attempt is counted before its password is checked and un-counted only when refused unchecked
 * or right: checking first and counting after let a burst of parallel guesses all pass the check
 * before any was counted (40 at once got 31 passwords tried against a limit of 5). In a burst every
 * attempt sees the others, so the limits hold from below.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * Counts this attempt and lets it through if the account-and-address and the address are within
   * their limits; otherwise un-counts it and answers 429 with Retry-After. A wrong password needs
   * nothing more (`recordFailure`); a right one `clear`s the account's failures from this address.
   */
  async begin(email: string, ip: string): Promise<void> {
    const [{ id }] = await this.db.query<Array<{ id: string }>>(`INSERT INTO login_failures (email, ip) VALUES ($1, $2) RETURNING id`, [email, ip]);
    try {
      await this.assertAllowed(email, ip, id);
    } catch (error) {
      await this.db.query(`DELETE FROM login_failures WHERE id = $1`, [id]);
      throw error;
    }
  }

  /** `own`: the attempt being judged, already in the table; the limits count only the others. */
  private async assertAllowed(email: string, ip: string, own: string): Promise<void> {
    const { windowMinutes, maxFailuresPerAccount, maxFailuresPerIp, delayBaseSeconds } = this.config.login;
    const [row] = await this.db.query<Array<{ pair: number; pair_idle: number | null; by_ip: number; ip_retry: number | null }>>(
      `WITH recent AS (
         SELECT lower(email) = lower($1) AS same_account, created_at
           FROM login_failures
          WHERE ip = $2 AND id <> $3 AND created_at > now() - make_interval(mins => $4))
       SELECT count(*) FILTER (WHERE same_account)::int AS pair,
              extract(epoch FROM now() - max(created_at) FILTER (WHERE same_account)) AS pair_idle,
              count(*)::int AS by_ip,
              extract(epoch FROM (SELECT created_at FROM recent ORDER BY created_at DESC OFFSET $5 - 1 LIMIT 1) + make_interval(mins => $4) - now()) AS ip_retry
         FROM recent`,
      [email, ip, own, windowMinutes, maxFailuresPerIp],
    );
    if (row.by_ip >= maxFailuresPerIp) throw AppException.tooManyRequests('LOGIN_THROTTLED', Number(row.ip_retry));
    const wait = loginDelaySeconds(row.pair, { maxFailuresPerAccount, delayBaseSeconds, windowMinutes });
    const idle = Number(row.pair_idle ?? Infinity);
    if (wait > idle) throw AppException.tooManyRequests('LOGIN_THROTTLED', wait - idle);
  }

  /** The attempt `begin` counted was a failure: it stays counted. */
  async recordFailure(): Promise<void> {
    // Old rows only ever shrink the table's usefulness; drop them as we go.
    await this.db.query(`DELETE FROM login_failures WHERE created_at < now() - make_interval(mins => $1)`, [this.config.login.windowMinutes]);
  }

  /** A right password from this address: its failures there are forgiven, a guesser's elsewhere are not. */
  async clear(email: string, ip: string): Promise<void> {
    await this.db.query(`DELETE FROM login_failures WHERE lower(email) = lower($1) AND ip = $2`, [email, ip]);
  }
}

/**
 * How long, in seconds, an account-and-address pair with `failures` recent failures waits after the
 * last one: nothing within the allowance, then the base doubling with each failure past it, at most
 * the window.
 */
export function loginDelaySeconds(failures: number, limits: { maxFailuresPerAccount: number; delayBaseSeconds: number; windowMinutes: number }): number {
  if (failures < limits.maxFailuresPerAccount) return 0;
  const doublings = Math.min(failures - limits.maxFailuresPerAccount, 30);
  return Math.min(limits.delayBaseSeconds * 2 ** doublings, limits.windowMinutes * 60);
}
