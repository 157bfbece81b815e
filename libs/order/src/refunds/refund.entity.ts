import { bigintNumber } from '@nongsan/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** cancellation: a paid order was cancelled · unpaid_order: money arrived for an order already cancelled · return: goods of a delivered order accepted back. */
export type RefundCause = 'cancellation' | 'unpaid_order' | 'return';
/** card: back through Stripe · bank: a transfer back from the collector's account, recorded by hand. */
export type RefundMethod = 'card' | 'bank';
export type RefundStatus = 'pending' | 'refunded';

/** Money owed back to a buyer for one order, from the moment it is owed until it is paid back. */
@Entity('refunds')
export class Refund {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId: string;
  @Column({ name: 'checkout_id', type: 'uuid' }) checkoutId: string;
  @Column({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @Column({ type: 'text' }) cause: RefundCause;
  /** The return it pays back (cause `return`). */
  @Column({ name: 'return_id', type: 'uuid', nullable: true }) returnId: string | null;
  @Column({ type: 'bigint', transformer: bigintNumber }) amount: number;
  @Column({ type: 'text' }) method: RefundMethod;
  @Column({ type: 'text' }) status: RefundStatus;
  /** Stripe's refund id, or the reference of the bank transfer back. */
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ name: 'refunded_at', type: 'timestamptz', nullable: true }) refundedAt: Date | null;
  @Column({ name: 'refunded_by', type: 'uuid', nullable: true }) refundedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
