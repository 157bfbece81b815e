import { bigintNumber } from '@nongsan/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * requested → accepted (a refund, and stock if the goods came back) | refused (with a reason) →
 * escalated (the buyer asks an official) → accepted | refused, for good.
 */
export type ReturnStatus = 'requested' | 'accepted' | 'refused' | 'escalated';

/** A line sent back, as it was bought. */
export interface ReturnLine {
  variantId: string;
  sku: string;
  productName: string;
  variantName: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
}

@Entity('order_returns')
export class OrderReturn {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId: string;
  @Column({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @Column({ name: 'buyer_id', type: 'uuid' }) buyerId: string;
  @Column({ type: 'text' }) status: ReturnStatus;
  @Column({ type: 'jsonb' }) lines: ReturnLine[];
  /** Đồng of the goods sent back; shipping is not refunded. */
  @Column({ type: 'bigint', transformer: bigintNumber }) amount: number;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason: string | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'escalation_note', type: 'text', nullable: true }) escalationNote: string | null;
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
  /** Whether the goods came back to the cooperative (and so to its stock). */
  @Column({ name: 'goods_returned', type: 'boolean', nullable: true }) goodsReturned: boolean | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A buyer's photo of the goods, re-encoded as WebP; a private object reached only through the return's permission check. */
@Entity('order_return_photos')
export class ReturnPhoto {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'return_id', type: 'uuid' }) returnId: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey: `private/${string}`;
  @Column({ type: 'integer' }) width: number;
  @Column({ type: 'integer' }) height: number;
  @Column({ name: 'size_bytes', type: 'integer' }) sizeBytes: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
