import { BaseEntity } from '@nongsan/core';
import { Column, Entity } from 'typeorm';
import type { CarrierCode } from '../carriers/carrier-adapter.js';

/** A cooperative's account with one carrier and where its parcels are picked up. The token lives sealed in `secrets` only. */
@Entity('carrier_accounts')
export class CarrierAccount extends BaseEntity {
  @Column({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @Column({ type: 'text' }) carrier: CarrierCode;
  /** CredentialBox of `{token, webhookKey}` sealed under this row's id; never selected unless asked for. */
  @Column({ type: 'text', select: false }) secrets: string;
  /** The token's last characters, so people can tell which one is saved. */
  @Column({ name: 'token_hint', type: 'text' }) tokenHint: string;
  @Column({ name: 'shop_id', type: 'text', nullable: true }) shopId: string | null;
  @Column({ name: 'pickup_ward_code', type: 'text' }) pickupWardCode: string;
  @Column({ name: 'pickup_address_line', type: 'text' }) pickupAddressLine: string;
  /** The carrier the cooperative's orders go with (one per cooperative: the last one saved). */
  @Column({ type: 'boolean' }) chosen: boolean;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
}

/** What the sealed box holds. `webhookKey` is the secret in the address the carrier posts statuses to. */
export interface CarrierSecrets {
  token: string;
  webhookKey: string;
}
