import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ExternalOrder } from '../adapters/channel-adapter.js';

/**
 * awaiting_payment: seen, unpaid, holds no stock; imported: an Order here holds the stock;
 * needs_attention: paid but unknown SKU or not enough stock — recorded for the seller, never
 * dropped; cancelled / completed: final on the platform.
 */
export type ChannelOrderStatus = 'awaiting_payment' | 'imported' | 'needs_attention' | 'cancelled' | 'completed';

/** A platform's order, stored once per connection by its external id. */
@Entity('channel_orders')
export class ChannelOrder {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId: string;
  @Column({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @Column({ name: 'external_id', type: 'text' }) externalId: string;
  @Column({ name: 'platform_status', type: 'text' }) platformStatus: string;
  @Column({ type: 'text' }) status: ChannelOrderStatus;
  @Column({ name: 'order_id', type: 'uuid', nullable: true }) orderId: string | null;
  @Column({ type: 'text', nullable: true }) problem: string | null;
  @Column({ type: 'jsonb' }) snapshot: ExternalOrder;
  @Column({ name: 'external_created_at', type: 'timestamptz' }) externalCreatedAt: Date;
  @Column({ name: 'external_updated_at', type: 'timestamptz' }) externalUpdatedAt: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
