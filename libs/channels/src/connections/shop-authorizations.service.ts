import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppException, type AuthUser, type Role } from '@nongsan/core';
import { channelError } from '../channels.errors.js';
import { CooperativeAccess } from '@nongsan/seller';
import type { DataSource } from 'typeorm';
import { ChannelRegistry } from '../adapters/registry.js';
import { authorizationFailed, ConnectionsService } from './connections.service.js';

/** How long a seller has to sign in on the platform and approve; a state older than this is refused. */
const STATE_TTL_MINUTES = 10;

/** Why a callback was refused, for the page the browser lands on. */
export type AuthorizationRefusal = 'CHANNEL_AUTHORIZATION_STATE_UNKNOWN' | 'CHANNEL_AUTHORIZATION_STATE_USED' | 'CHANNEL_AUTHORIZATION_STATE_EXPIRED';

/**
 * One-click shop connection: the seller is sent to the platform with a random state, approves our
 * app there, and the platform sends the browser back with a code that becomes the shop's
 * credentials. The state is kept only as its hash, bound to the cooperative and the person who
 * started, and works once within ten minutes: a replayed, forged or late callback stores nothing.
 */
@Injectable()
export class ShopAuthorizationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ChannelRegistry,
    private readonly access: CooperativeAccess,
    private readonly connections: ConnectionsService,
  ) {}

  /** The platform's page where the cooperative's admin signs in and approves our app. */
  async start(user: AuthUser, cooperativeId: string, platform: string, apiOrigin: string): Promise<{ authorizeUrl: string }> {
    await this.access.require(user, cooperativeId, 'admin');
    const adapter = this.registry.adapter(platform);
    if (!adapter.authorization)
      throw AppException.validation([{ field: 'platform', key: 'validation.channelNotSetUp', params: { platform: adapter.info.name } }]);
    const state = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO channel_authorizations (state_hash, cooperative_id, user_id, platform, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
      [stateHash(state), cooperativeId, user.id, platform, STATE_TTL_MINUTES],
    );
    return { authorizeUrl: adapter.authorization.authorizeUrl(callbackUrl(apiOrigin, platform), state) };
  }

  /**
   * The platform sent the seller back: the state is claimed (once), the code exchanged for the
   * shop's credentials, and the shop connected to the cooperative that started, or reconnected when
   * it is already that cooperative's. The connection's id.
   */
  async finish(platform: string, query: Record<string, string>): Promise<string> {
    const adapter = this.registry.adapter(platform);
    if (!adapter.authorization)
      throw AppException.validation([{ field: 'platform', key: 'validation.channelNotSetUp', params: { platform: adapter.info.name } }]);
    const claimed = await this.claim(platform, query.state ?? '');
    const exchanged = await adapter.authorization.exchange(query);
    if (!exchanged.ok) throw authorizationFailed(adapter.info.name, exchanged);
    const actor = await this.actor(claimed.userId);
    const connectionId = await this.connections.connectAuthorized(actor, claimed.cooperativeId, platform, exchanged.value);
    await this.db.query(`UPDATE channel_authorizations SET connection_id = $2 WHERE state_hash = $1`, [stateHash(query.state ?? ''), connectionId]);
    return connectionId;
  }

  /** The state's cooperative and person, marked used; or why it cannot be used. */
  private async claim(platform: string, state: string): Promise<{ cooperativeId: string; userId: string }> {
    const hash = stateHash(state);
    const [rows] = (await this.db.query(
      `UPDATE channel_authorizations SET used_at = now()
        WHERE state_hash = $1 AND platform = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING cooperative_id, user_id`,
      [hash, platform],
    )) as [Array<{ cooperative_id: string; user_id: string }>, number];
    if (rows.length === 1) return { cooperativeId: rows[0].cooperative_id, userId: rows[0].user_id };
    const [known] = await this.db.query<Array<{ used: boolean }>>(
      `SELECT used_at IS NOT NULL AS used FROM channel_authorizations WHERE state_hash = $1 AND platform = $2`,
      [hash, platform],
    );
    const refusal: AuthorizationRefusal = !known
      ? 'CHANNEL_AUTHORIZATION_STATE_UNKNOWN'
      : known.used
        ? 'CHANNEL_AUTHORIZATION_STATE_USED'
        : 'CHANNEL_AUTHORIZATION_STATE_EXPIRED';
    throw channelError(refusal, { details: [{ field: 'state', key: `errors.${refusal}` }] });
  }

  private async actor(userId: string): Promise<AuthUser> {
    const [user] = await this.db.query<Array<{ id: string; email: string; roles: Role[] }>>(`SELECT id, email, roles FROM users WHERE id = $1`, [userId]);
    if (!user) throw channelError('CHANNEL_AUTHORIZATION_STATE_UNKNOWN', { details: [{ field: 'state', key: 'errors.CHANNEL_AUTHORIZATION_STATE_UNKNOWN' }] });
    return user;
  }
}

/** Where the platform sends the browser back; registered with each platform as the app's redirect URL. */
export function callbackUrl(apiOrigin: string, platform: string): string {
  return `${apiOrigin}/api/v1/channels/oauth/${platform}/callback`;
}

function stateHash(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}
