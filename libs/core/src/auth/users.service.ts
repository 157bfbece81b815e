import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { In, QueryFailedError, type EntityManager, type Repository } from 'typeorm';
import { coreError } from '../errors/app.exception.js';
import type { UserDto } from './dto/auth.dto.js';
import { Role, type AuthUser } from './role.js';
import { User } from './user.entity.js';

/** A password, or an argon2 hash made once for many accounts (demo data: hashing is the slow part). */
export type NewUser = {
  email: string;
  fullName: string;
  phone?: string | null;
  roles?: Role[];
  locale?: string;
} & ({ password: string } | { passwordHash: string });

const hashOf = (input: NewUser) => ('passwordHash' in input ? Promise.resolve(input.passwordHash) : hashPassword(input.password));

/** argon2id with the library's defaults (64 MiB, 3 passes) — OWASP's recommended family. */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async create(input: NewUser, manager: EntityManager = this.users.manager): Promise<User> {
    const passwordHash = await hashOf(input);
    try {
      return await manager.getRepository(User).save({
        email: input.email.trim(),
        passwordHash,
        fullName: input.fullName,
        phone: input.phone ?? null,
        roles: input.roles ?? [Role.Buyer],
        locale: input.locale ?? 'vi',
        emailVerifiedAt: null,
        disabledAt: null,
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'users_email_key') {
        throw coreError('EMAIL_TAKEN', { details: [{ field: 'email', key: 'errors.EMAIL_TAKEN' }] });
      }
      throw error;
    }
  }

  async findActiveById(id: string, manager: EntityManager = this.users.manager): Promise<User | null> {
    const user = await manager.getRepository(User).findOneBy({ id });
    return user && !user.disabledAt ? user : null;
  }

  /**
   * Who a signed-in request acts as now (AuthGuard, on every such request): null once the account
   * is disabled or gone. Three columns in one statement, without building a query per request.
   */
  /**
   * The user behind an access token, with the roles they have now; null when the account is gone or
   * disabled, or the token's session was ended (logout, or a replayed refresh token revoked it).
   */
  async activeAuthUser(id: string, sessionId: string): Promise<AuthUser | null> {
    const [user] = await this.users.manager.query<AuthUser[]>(
      `SELECT id, email, roles FROM users
        WHERE id = $1 AND disabled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = $2 AND revoked_at IS NOT NULL)`,
      [id, sessionId],
    );
    return user ?? null;
  }

  async isEmailVerified(id: string, manager: EntityManager = this.users.manager): Promise<boolean> {
    const [row] = await manager.query<Array<{ verified: boolean }>>(`SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1`, [id]);
    return row?.verified ?? false;
  }

  async findActiveByEmail(email: string): Promise<User | null> {
    const user = await this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email: email.trim() }).getOne();
    return user && !user.disabledAt ? user : null;
  }

  /** Display names by id, for timelines and lists that show who did something. */
  async namesById(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const users = await this.users.find({ where: { id: In([...new Set(ids)]) }, select: { id: true, fullName: true } });
    return new Map(users.map((u) => [u.id, u.fullName]));
  }

  /** With the password hash, for sign-in only. */
  findByEmailWithPassword(email: string): Promise<User | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('lower(u.email) = lower(:email)', { email: email.trim() }).getOne();
  }

  async emailExists(email: string): Promise<boolean> {
    return this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email: email.trim() }).getExists();
  }

  /** Idempotent for seeds and the CLI: an existing email gets the password and roles given. */
  async upsert(input: NewUser): Promise<User> {
    const existing = await this.findByEmailWithPassword(input.email);
    if (!existing) return this.create(input);
    await this.users.update(existing.id, {
      passwordHash: await hashOf(input),
      fullName: input.fullName,
      roles: input.roles ?? existing.roles,
    });
    return await this.users.findOneByOrFail({ id: existing.id });
  }
}

export function toAuthUser(user: User): AuthUser {
  return { id: user.id, email: user.email, roles: user.roles };
}

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    phone: user.phone,
    roles: user.roles,
    locale: user.locale,
    emailVerified: Boolean(user.emailVerifiedAt),
  };
}
