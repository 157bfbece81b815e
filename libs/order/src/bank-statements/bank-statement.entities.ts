import { bigintNumber } from '@nongsan/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** matched: paid the checkout (or reconciled one paid by hand) · short, over: a reference with the wrong amount · unmatched: no known reference · duplicate: this bank line was read before. */
export type StatementLineStatus = 'matched' | 'short' | 'over' | 'unmatched' | 'duplicate';

/** A statement of the collector's account, as its bank exported it. */
@Entity('bank_statements')
export class BankStatement {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'job_id', type: 'uuid' }) jobId: string;
  @Column({ name: 'file_name', type: 'text' }) fileName: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey: `private/${string}`;
  @Column({ name: 'uploaded_by', type: 'uuid' }) uploadedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** One credit line of a statement and what it was found to be. */
@Entity('bank_statement_lines')
export class BankStatementLine {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'statement_id', type: 'uuid' }) statementId: string;
  /** As the spreadsheet numbers it. */
  @Column({ type: 'int' }) row: number;
  @Column({ name: 'booked_on', type: 'date' }) bookedOn: string;
  @Column({ type: 'bigint', transformer: bigintNumber }) amount: number;
  @Column({ type: 'text' }) description: string;
  @Column({ name: 'bank_reference', type: 'text', nullable: true }) bankReference: string | null;
  @Column({ type: 'text' }) fingerprint: string;
  @Column({ type: 'text' }) status: StatementLineStatus;
  @Column({ name: 'checkout_id', type: 'uuid', nullable: true }) checkoutId: string | null;
  @Column({ name: 'amount_due', type: 'bigint', transformer: bigintNumber, nullable: true }) amountDue: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
