import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ListingStatus = 'pending' | 'synced' | 'failed' | 'delisted';

/** The state last pushed to the platform, field by field, so a sync sends only what changed. */
export interface SyncedState {
  details: string;
  price: number;
  stock: number;
  /** False once unlisted. */
  listed: boolean;
}

/** One variant on one connection ↔ one platform item. */
@Entity('channel_listings')
export class ChannelListing {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId: string;
  @Column({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @Column({ name: 'variant_id', type: 'uuid' }) variantId: string;
  @Column({ name: 'product_id', type: 'uuid' }) productId: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId: string | null;
  @Column({ type: 'text' }) status: ListingStatus;
  @Column({ name: 'desired_hash', type: 'text', nullable: true }) desiredHash: string | null;
  @Column({ name: 'synced_hash', type: 'text', nullable: true }) syncedHash: string | null;
  @Column({ name: 'synced_state', type: 'jsonb', nullable: true }) syncedState: SyncedState | null;
  @Column({ name: 'image_ids', type: 'jsonb' }) imageIds: Record<string, string>;
  /** Set before the first create call: after a crash, the item may exist without our knowing its id. */
  @Column({ name: 'create_attempted_at', type: 'timestamptz', nullable: true }) createAttemptedAt: Date | null;
  /** Retryable failures in a row. */
  @Column({ type: 'int' }) attempts: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'last_error_code', type: 'text', nullable: true }) lastErrorCode: string | null;
  @Column({ name: 'dead_lettered_at', type: 'timestamptz', nullable: true }) deadLetteredAt: Date | null;
  /** The full resync (a Job id) waiting for this listing's outcome. */
  @Column({ name: 'sync_run_id', type: 'uuid', nullable: true }) syncRunId: string | null;
  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true }) lastSyncedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
