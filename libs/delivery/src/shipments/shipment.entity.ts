import { BaseEntity, bigintNumber } from '@nongsan/core';
import { Column, Entity } from 'typeorm';
import type { CarrierCode } from '../carriers/carrier-adapter.js';

/** `booking` until the carrier has it (a queued job), `failed` when it refused for good. */
export type ShipmentState = 'booking' | 'booked' | 'shipped' | 'returning' | 'delivered' | 'returned' | 'cancelled' | 'failed';

/** One order's parcel with a carrier: at most one per order, booked under the order's id as the carrier's client order code. */
@Entity('shipments')
export class Shipment extends BaseEntity {
  @Column({ name: 'order_id', type: 'uuid' }) orderId: string;
  @Column({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId: string;
  @Column({ type: 'text' }) carrier: CarrierCode;
  @Column({ name: 'client_order_code', type: 'text' }) clientOrderCode: string;
  @Column({ name: 'tracking_number', type: 'text', nullable: true }) trackingNumber: string | null;
  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber }) fee: number | null;
  @Column({ type: 'text' }) status: ShipmentState;
  /** When the carrier said the current status happened. */
  @Column({ name: 'status_at', type: 'timestamptz', nullable: true }) statusAt: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'int' }) attempts: number;
  /** Cash the carrier is to collect (0 for an order paid online). */
  @Column({ name: 'cod_expected', type: 'bigint', transformer: bigintNumber }) codExpected: number;
  /** Cash the carrier last reported; differing from `codExpected` is a discrepancy to look at. */
  @Column({ name: 'cod_reported', type: 'bigint', nullable: true, transformer: bigintNumber }) codReported: number | null;
  @Column({ name: 'estimated_delivery_date', type: 'date', nullable: true }) estimatedDeliveryDate: string | null;
}
