import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, CredentialBox } from '@nongsan/core';
import type { DataSource, EntityManager } from 'typeorm';
import type { CarrierCredentials } from '../carriers/carrier-adapter.js';
import { CarrierAccount, type CarrierSecrets } from './carrier-account.entity.js';

/** An account with its token opened, in memory for one piece of work. */
export interface OpenedAccount {
  account: CarrierAccount;
  credentials: CarrierCredentials;
  webhookKey: string;
}

/** The only place carrier tokens are sealed or opened. */
@Injectable()
export class CarrierSecretsStore {
  private readonly box: CredentialBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.box = new CredentialBox(config.credentialsKey);
  }

  seal(accountId: string, secrets: CarrierSecrets): string {
    return this.box.seal(accountId, { ...secrets });
  }

  newWebhookKey(): string {
    return randomBytes(24).toString('base64url');
  }

  async open(accountId: string, manager: EntityManager = this.db.manager): Promise<OpenedAccount | null> {
    const account = await manager
      .getRepository(CarrierAccount)
      .createQueryBuilder('a')
      .addSelect('a.secrets')
      .where('a.id = :accountId', { accountId })
      .getOne();
    return account ? this.opened(account) : null;
  }

  /** Any account with this carrier, for calls that are not any one cooperative's (the carrier's master data). */
  async anyOf(carrier: string): Promise<OpenedAccount | null> {
    const account = await this.db
      .getRepository(CarrierAccount)
      .createQueryBuilder('a')
      .addSelect('a.secrets')
      .where('a.carrier = :carrier', { carrier })
      .orderBy('a.chosen', 'DESC')
      .addOrderBy('a.updated_at', 'DESC')
      .getOne();
    return account ? this.opened(account) : null;
  }

  private opened(account: CarrierAccount): OpenedAccount {
    const secrets = this.box.open(account.id, account.secrets) as unknown as CarrierSecrets;
    return { account, credentials: { token: secrets.token, ...(account.shopId ? { shopId: account.shopId } : {}) }, webhookKey: secrets.webhookKey };
  }
}
