import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { coreError } from '../errors/app.exception.js';
import { NotificationAudience } from '../notifications/notification-audience.js';
import { NotificationOutbox } from '../notifications/notification-outbox.service.js';
import { assertAcceptablePassword } from './password-policy.js';
import type { AuthUser } from './role.js';
import { hashPassword, UsersService } from './users.service.js';

type Purpose = 'password_reset' | 'email_verification';

/** How long the link in a reset or verification e-mail works. */
const TOKEN_TTL_MINUTES = 30;
/** A second request within this time sends nothing new: one e-mail per minute is enough for anyone. */
const RESEND_AFTER_SECONDS = 60;

const TEMPLATE: Record<Purpose, string> = { password_reset: 'auth.password-reset', email_verification: 'auth.email-verification' };

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

const invalidToken = () => coreError('ACCOUNT_TOKEN_INVALID', { details: [{ field: 'token', key: 'validation.accountTokenInvalid' }] });

/**
 * Password reset and e-mail verification by single-use links. The token exists only in the link
 * (the table keeps its SHA-256; the outbox row drops it once sent) and works once, for 30
 * minutes. A reset ends every session of the account: refresh tokens revoked, and with them the
 * access tokens of those sessions (AuthGuard checks the session on every request).
 */
@Injectable()
export class AccountRecoveryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly outbox: NotificationOutbox,
    private readonly audience: NotificationAudience,
  ) {}

  /** Answers the same whether or not the address has an account: nothing tells a caller which. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.users.findActiveByEmail(email);
    if (user) await this.db.transaction((manager) => this.send(manager, user.id, 'password_reset'));
  }

  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (manager) => {
      const userId = await this.consume(manager, token, 'password_reset');
      // The same policy as at registration; refused, the link stays usable for a better password.
      const [owner] = await manager.query<Array<{ email: string; full_name: string }>>(`SELECT email, full_name FROM users WHERE id = $1`, [userId]);
      assertAcceptablePassword(password, { email: owner.email, fullName: owner.full_name });
      await manager.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
      // Every session ends, and any other reset link sent before this one stops working.
      await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
      await manager.query(`UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = 'password_reset' AND used_at IS NULL`, [userId]);
      // The reset link came by e-mail: whoever opened it holds the address.
      await manager.query(`UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1`, [userId]);
    });
  }

  /** Sends the signed-in user a verification link (nothing when already verified). */
  async requestEmailVerification(user: AuthUser, manager: EntityManager = this.db.manager): Promise<void> {
    const [row] = await manager.query<Array<{ verified: boolean }>>(`SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1`, [user.id]);
    if (row && !row.verified) await this.send(manager, user.id, 'email_verification');
  }

  async confirmEmailVerification(token: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const userId = await this.consume(manager, token, 'email_verification');
      await manager.query(`UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1`, [userId]);
    });
  }

  private async send(manager: EntityManager, userId: string, purpose: Purpose): Promise<void> {
    const [recent] = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > now() - make_interval(secs => $3)`,
      [userId, purpose, RESEND_AFTER_SECONDS],
    );
    if (recent.n > 0) return;
    const token = randomBytes(32).toString('base64url');
    const [{ id }] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING id`,
      [userId, purpose, hash(token), TOKEN_TTL_MINUTES],
    );
    const [person] = await this.audience.users([userId], manager);
    const [{ full_name: fullName }] = await manager.query<Array<{ full_name: string }>>(`SELECT full_name FROM users WHERE id = $1`, [userId]);
    // E-mail only: the link proves the address, and a Zalo message would put the token elsewhere.
    await this.outbox.add(
      [
        {
          channel: 'email',
          recipient: person.email,
          template: TEMPLATE[purpose],
          locale: person.locale,
          data: { fullName, token },
          eventKey: `${purpose}:${id}`,
        },
      ],
      manager,
    );
  }

  /** The token's user, once: unknown, used or expired tokens are refused alike. */
  private async consume(manager: EntityManager, token: string, purpose: Purpose): Promise<string> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [[row]] = await manager.query<[Array<{ user_id: string }>, number]>(
      `UPDATE account_tokens t SET used_at = now()
         FROM users u
        WHERE t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > now()
          AND u.id = t.user_id AND u.disabled_at IS NULL
        RETURNING t.user_id`,
      [hash(token), purpose],
    );
    if (!row) throw invalidToken();
    return row.user_id;
  }
}
