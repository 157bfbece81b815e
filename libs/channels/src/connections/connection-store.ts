import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, CredentialBox } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import type { ChannelContext, ChannelCredentials } from '../adapters/channel-adapter.js';
import { ChannelConnection } from './channel-connection.entity.js';

/** A connection to a platform's API: always a cooperative's (only feeds may be province-wide). */
export type ShopConnection = ChannelConnection & { cooperativeId: string };

export interface OpenedConnection {
  connection: ShopConnection;
  context: ChannelContext;
  replaced(): Promise<boolean>;
}

/**
 * The only place credentials are opened or sealed. A context carries them in memory for one
 * piece of work; a refreshed token is sealed and saved at once, because Shopee's refresh token
 * works only once.
 */
@Injectable()
export class ConnectionStore {
  private readonly box: CredentialBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.box = new CredentialBox(config.credentialsKey);
  }

  seal(connectionId: string, credentials: ChannelCredentials): string {
    return this.box.seal(connectionId, credentials);
  }

  /** A feed's token is its only credential: sealed the same way, so its address can be shown to its members again. */
  sealFeedToken(connectionId: string, token: string): string {
    return this.box.seal(connectionId, { feedToken: token });
  }

  openFeedToken(connectionId: string, box: string): string {
    return this.box.open(connectionId, box).feedToken;
  }

  /**
   * The connection with its credentials opened, or null when it is gone or disconnected (unless
   * asked for one being wound down). `replaced()` tells whether another worker saved new
   * credentials meanwhile (it refreshed the token first): a refusal of ours is then worth a retry.
   */
  async context(connectionId: string, options: { disconnected?: boolean } = {}): Promise<OpenedConnection | null> {
    const connection = await this.db
      .getRepository(ChannelConnection)
      .createQueryBuilder('c')
      .addSelect('c.credentials')
      .where('c.id = :connectionId', { connectionId })
      .getOne();
    if (!connection || !isShop(connection) || connection.credentials === '' || (connection.status === 'disconnected' && !options.disconnected)) return null;
    let known = connection.credentials;
    const context = this.contextFor(connection.id, this.box.open(connection.id, connection.credentials), connection.settings, (sealed) => (known = sealed));
    const replaced = async () => {
      const [row] = await this.db.query<Array<{ credentials: string }>>(`SELECT credentials FROM channel_connections WHERE id = $1`, [connection.id]);
      return row !== undefined && row.credentials !== '' && row.credentials !== known;
    };
    return { connection, context, replaced };
  }

  contextFor(
    connectionId: string,
    credentials: ChannelCredentials,
    settings: ChannelConnection['settings'],
    onSaved: (sealed: string) => void = () => undefined,
  ): ChannelContext {
    const context: ChannelContext = {
      connectionId,
      credentials,
      settings,
      saveCredentials: async (next) => {
        context.credentials = next;
        const sealed = this.box.seal(connectionId, next);
        onSaved(sealed);
        await this.db.getRepository(ChannelConnection).update({ id: connectionId }, { credentials: sealed });
      },
    };
    return context;
  }
}

export function isShop(connection: ChannelConnection): connection is ShopConnection {
  return connection.cooperativeId !== null;
}
