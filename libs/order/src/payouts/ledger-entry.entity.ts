import { bigintNumber } from '@nongsan/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type LedgerKind = 'order_earning' | 'commission_due' | 'payout' | 'refund' | TaxKind;
/** Tax the platform withholds on a household seller's order and declares for it (Decree 117/2025/NĐ-CP). */
export type TaxKind = 'vat_withheld' | 'pit_withheld';

/** Signed đồng: positive = owed to the cooperative; negative = paid out, or owed to the platform. */
@Entity('payout_ledger')
export class LedgerEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @Column({ type: 'text' }) kind: LedgerKind;
  @Column({ name: 'order_id', type: 'uuid', nullable: true }) orderId: string | null;
  /** The refund a `refund` entry reverses its order's earning for. */
  @Column({ name: 'refund_id', type: 'uuid', nullable: true }) refundId: string | null;
  @Column({ type: 'bigint', transformer: bigintNumber }) amount: number;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  /** For withheld tax: the goods revenue it was computed on (negative when a refund offsets it). */
  @Column({ name: 'tax_base', type: 'bigint', transformer: bigintNumber, nullable: true }) taxBase: number | null;
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true }) recordedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
