import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminUnitsService, AppException, AuditService, type AuthUser, type FieldIssue } from '@nongsan/core';
import { deliveryError } from '../delivery.errors.js';
import { CooperativeAccess, MemberRole } from '@nongsan/seller';
import type { DataSource } from 'typeorm';
import { ROUTE_UNSERVED, type CarrierAdapter, type CarrierCredentials } from '../carriers/carrier-adapter.js';
import { CarrierRegistry } from '../carriers/registry.js';
import { CarrierPlaces } from '../places/carrier-places.service.js';
import { CarrierAccount } from './carrier-account.entity.js';
import type { CarrierAccountDto, SaveCarrierAccountDto } from './carrier-accounts.dto.js';
import { CarrierSecretsStore } from './carrier-secrets.js';

/** A parcel the size of a bag of coffee: what a saved account is tried with. */
const PROBE_GRAMS = 500;

/**
 * A cooperative's carrier accounts. Saving one checks it with the carrier first — the pickup ward
 * mapped to the carrier's address, then a fee asked for a parcel from there — and nothing is
 * stored when the carrier refuses; the saved one becomes the cooperative's carrier.
 */
@Injectable()
export class CarrierAccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: CarrierRegistry,
    private readonly secrets: CarrierSecretsStore,
    private readonly places: CarrierPlaces,
    private readonly wards: AdminUnitsService,
    private readonly access: CooperativeAccess,
    private readonly audit: AuditService,
  ) {}

  carriers() {
    return this.registry.list();
  }

  async save(user: AuthUser, cooperativeId: string, carrier: string, input: SaveCarrierAccountDto, origin: string): Promise<CarrierAccountDto> {
    await this.access.require(user, cooperativeId, 'admin');
    const adapter = this.registry.adapter(carrier);
    const credentials: CarrierCredentials = { token: input.token, ...(input.shopId ? { shopId: input.shopId } : {}) };
    const issues: FieldIssue[] = adapter
      .credentialProblems(credentials)
      .map((p) => ({ field: p.field, key: 'validation.carrierField', params: { problem: p.message } }));
    const ward = await this.wards.findWard(input.pickupWardCode);
    if (!ward) issues.push({ field: 'pickupWardCode', key: 'validation.wardUnknown', params: { field: 'pickupWardCode' } });
    if (issues.length > 0) throw AppException.validation(issues);
    await this.verify(adapter, credentials, input.pickupWardCode);

    const existing = await this.db
      .getRepository(CarrierAccount)
      .createQueryBuilder('a')
      .addSelect('a.secrets')
      .where('a.cooperative_id = :cooperativeId AND a.carrier = :carrier', { cooperativeId, carrier })
      .getOne();
    const id = await this.db.transaction(async (manager) => {
      const repository = manager.getRepository(CarrierAccount);
      const account = existing ?? repository.create({ cooperativeId, carrier: adapter.info.carrier });
      if (!existing) account.id = (await manager.query<Array<{ id: string }>>(`SELECT gen_random_uuid() AS id`))[0].id;
      const webhookKey = existing
        ? ((await this.secrets.open(existing.id, manager))?.webhookKey ?? this.secrets.newWebhookKey())
        : this.secrets.newWebhookKey();
      await manager.query(`UPDATE carrier_accounts SET chosen = false WHERE cooperative_id = $1 AND chosen AND carrier <> $2`, [cooperativeId, carrier]);
      await repository.save({
        ...account,
        secrets: this.secrets.seal(account.id, { token: input.token, webhookKey }),
        tokenHint: `••••${input.token.slice(-4)}`,
        shopId: input.shopId ?? null,
        pickupWardCode: input.pickupWardCode,
        pickupAddressLine: input.pickupAddressLine,
        chosen: true,
        updatedBy: user.id,
      });
      await this.audit.record(
        {
          actor: user,
          action: 'carrier.account.save',
          entityType: 'carrier_account',
          entityId: account.id,
          cooperativeId,
          data: { carrier, pickupWardCode: input.pickupWardCode },
        },
        manager,
      );
      return account.id;
    });
    const [view] = await this.viewsOf([await this.db.getRepository(CarrierAccount).findOneByOrFail({ id })], origin, true);
    return view;
  }

  /** Members and officials read the accounts (never the token); the admins also get each webhook address. */
  async list(user: AuthUser, cooperativeId: string, origin: string): Promise<CarrierAccountDto[]> {
    const { role } = await this.access.require(user, cooperativeId, 'read');
    const accounts = await this.db.getRepository(CarrierAccount).find({ where: { cooperativeId }, order: { chosen: 'DESC', carrier: 'ASC' } });
    return this.viewsOf(accounts, origin, role === MemberRole.Admin);
  }

  /** The token works and the carrier picks up at the pickup ward: a fee for a parcel sent there from there. */
  private async verify(adapter: CarrierAdapter, credentials: CarrierCredentials, wardCode: string): Promise<void> {
    const carrier = adapter.info.name;
    const place = await this.places.place(adapter.info.carrier, wardCode, credentials);
    if (!place.ok && !place.unmappable) throw this.failure(carrier, place.failure);
    if (!place.ok)
      throw AppException.validation([{ field: 'pickupWardCode', key: 'validation.carrierWardUnmapped', params: { carrier, ward: place.wardName, wardCode } }]);
    const quote = await adapter.quote(credentials, { from: place.place, to: place.place, weightGrams: PROBE_GRAMS, insuredValue: 0 });
    if (quote.ok) return;
    if (!quote.retryable && quote.code === ROUTE_UNSERVED)
      throw AppException.validation([{ field: 'pickupWardCode', key: 'validation.carrierPickupUnserved', params: { carrier, ward: place.place.wardName } }]);
    throw this.failure(carrier, quote);
  }

  private failure(carrier: string, failure: { retryable: boolean; message: string }): AppException {
    if (failure.retryable)
      return deliveryError('CARRIER_UNREACHABLE', {
        params: { carrier },
        details: [{ field: 'carrier', key: 'validation.carrierUnreachable', params: { carrier, message: failure.message } }],
      });
    return deliveryError('CARRIER_CREDENTIALS_REJECTED', {
      params: { carrier },
      details: [{ field: 'token', key: 'validation.carrierRejected', params: { carrier, message: failure.message } }],
    });
  }

  private async viewsOf(accounts: CarrierAccount[], origin: string, withWebhook: boolean): Promise<CarrierAccountDto[]> {
    return Promise.all(
      accounts.map(async (a) => {
        const ward = await this.wards.findWard(a.pickupWardCode);
        const opened = withWebhook ? await this.secrets.open(a.id) : null;
        return {
          id: a.id,
          carrier: a.carrier,
          name: this.registry.adapter(a.carrier).info.name,
          chosen: a.chosen,
          shopId: a.shopId,
          tokenHint: a.tokenHint,
          pickupWardCode: a.pickupWardCode,
          pickupWardName: ward?.name ?? a.pickupWardCode,
          pickupAddressLine: a.pickupAddressLine,
          ...(opened ? { webhookUrl: `${origin}/api/v1/carrier-webhooks/${a.carrier}/${a.id}?hash=${opened.webhookKey}` } : {}),
          updatedAt: a.updatedAt,
        };
      }),
    );
  }
}
