import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelSettings } from '../adapters/channel-adapter.js';

/** `needs_reauthorization`: the platform refused to renew the token; syncing waits (changes stay queued) until the seller authorizes the shop again. */
export type ConnectionStatus = 'active' | 'needs_attention' | 'needs_reauthorization' | 'disconnected';

/** A cooperative's shop on one platform. Credentials are a sealed box (CredentialBox), never read by the API layer. */
@Entity('channel_connections')
export class ChannelConnection {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Null only for a province-wide feed, which the Department keeps for every cooperative. */
  @Column({ name: 'cooperative_id', type: 'uuid', nullable: true }) cooperativeId: string | null;
  @Column({ type: 'text' }) platform: string;
  /** The shop's own id on the platform (not a secret): one live connection per shop. */
  @Column({ type: 'text' }) account: string;
  @Column({ type: 'text' }) status: ConnectionStatus;
  @Column({ type: 'text', select: false }) credentials: string;
  @Column({ type: 'jsonb' }) settings: ChannelSettings;
  @Column({ name: 'shop_name', type: 'text', nullable: true }) shopName: string | null;
  /** sha256 of a feed's secret URL token: what a fetch is looked up by. */
  @Column({ name: 'feed_token_hash', type: 'text', nullable: true, select: false }) feedTokenHash: string | null;
  /** The same token sealed (ConnectionStore), so the feed's members can see its address again; null for feeds made before it was kept. */
  @Column({ name: 'feed_token_box', type: 'text', nullable: true, select: false }) feedTokenBox: string | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  /** The platform's code for lastError, when a platform gave it: what the seller is told to do is read from it. */
  @Column({ name: 'last_error_code', type: 'text', nullable: true }) lastErrorCode: string | null;
  /** Orders updated up to here are in; the next poll starts a little before it. */
  @Column({ name: 'orders_synced_until', type: 'timestamptz', nullable: true }) ordersSyncedUntil: Date | null;
  @Column({ name: 'orders_polled_at', type: 'timestamptz', nullable: true }) ordersPolledAt: Date | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'disconnected_at', type: 'timestamptz', nullable: true }) disconnectedAt: Date | null;
}
