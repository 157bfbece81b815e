import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationChannel = 'email' | 'sms';

/**
 * A message owed to someone, written in the same transaction as the change that causes it.
 * Delivery (email, SMS) is a separate concern that reads `pending` rows; until a provider is
 * plugged in they stay pending — nothing pretends they were sent.
 */
@Entity('notification_outbox')
@Index('notification_outbox_pending_idx', ['status', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'cooperative_id', type: 'uuid', nullable: true })
  cooperativeId: string | null;

  @Column({ type: 'text' })
  channel: NotificationChannel;

  /** An email address or an E.164 phone number. */
  @Column({ type: 'text' })
  recipient: string;

  /** e.g. `cooperative.approved`; the delivery side renders it in `locale`. */
  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'text' })
  locale: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'text' })
  status: 'pending' | 'sent' | 'failed';

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
