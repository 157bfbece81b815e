import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type EntityManager, type Repository } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { coreError } from '../errors/app.exception.js';
import { RefreshToken } from './refresh-token.entity.js';
import { ROLES, type AuthUser, type Role } from './role.js';

interface AccessClaims {
  sub: string;
  email: string;
  roles: Role[];
  typ: 'access';
  /** The login session (refresh-token family): revoking it ends its access tokens too. */
  sid: string;
}

const UUID = /^[0-9a-f-]{36}$/i;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  /** The signed claims of an access token; whether its user and session are still live is the caller's check. */
  async verifyAccessToken(token: string): Promise<AuthUser & { sessionId: string }> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
      if (claims.typ !== 'access' || !Array.isArray(claims.roles) || !UUID.test(String(claims.sub)) || !UUID.test(String(claims.sid)))
        throw new Error('not an access token');
      return { id: claims.sub, email: claims.email, roles: claims.roles.filter((r) => ROLES.includes(r)), sessionId: claims.sid };
    } catch {
      throw coreError('TOKEN_INVALID');
    }
  }

  /** Starts a new login session: an access token and the first refresh token of a new family. */
  async issue(user: AuthUser, manager?: EntityManager): Promise<TokenPair> {
    return this.pair(user, randomUUID(), manager ?? this.refreshTokens.manager);
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already used (or revoked) revokes
   * its whole family: whoever holds a copy of a rotated token is not the rightful user.
   * `loadUser` returns the user's current roles, or undefined when the account is gone or disabled.
   */
  async rotate(presented: string, loadUser: (id: string, manager: EntityManager) => Promise<AuthUser | undefined>): Promise<TokenPair> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw coreError('TOKEN_INVALID');
    const outcome = await this.refreshTokens.manager.transaction(async (manager) => {
      const repo = manager.getRepository(RefreshToken);
      const token = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!token || !safeEqual(token.tokenHash, hash(secret))) return 'invalid' as const;
      if (token.usedAt || token.revokedAt) {
        await repo.update({ familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return 'reused' as const;
      }
      if (token.expiresAt.getTime() <= Date.now()) return 'invalid' as const;
      const user = await loadUser(token.userId, manager);
      if (!user) return 'invalid' as const;
      await repo.update({ id: token.id }, { usedAt: new Date() });
      return this.pair(user, token.familyId, manager);
    });
    if (typeof outcome === 'string') throw coreError('TOKEN_INVALID');
    return outcome;
  }

  /** Ends the session the refresh token belongs to (logout). Unknown tokens are ignored. */
  async revokeFamily(presented: string): Promise<void> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return;
    const token = await this.refreshTokens.findOne({ where: { id } });
    if (token && safeEqual(token.tokenHash, hash(secret))) {
      await this.refreshTokens.update({ familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    }
  }

  private async pair(user: AuthUser, familyId: string, manager: EntityManager): Promise<TokenPair> {
    const claims: AccessClaims = { sub: user.id, email: user.email, roles: user.roles, typ: 'access', sid: familyId };
    const accessToken = await this.jwt.signAsync(claims, { algorithm: 'HS256', expiresIn: this.config.accessTokenTtlSeconds });
    const secret = randomBytes(32).toString('base64url');
    const saved = await manager.getRepository(RefreshToken).save({
      userId: user.id,
      familyId,
      tokenHash: hash(secret),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlDays * 24 * 3600 * 1000),
      usedAt: null,
      revokedAt: null,
    });
    return { accessToken, refreshToken: `${saved.id}.${secret}`, expiresIn: this.config.accessTokenTtlSeconds };
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
