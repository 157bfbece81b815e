import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** How a message reaches its recipient; each has a NotificationSender (SMS: a later one, same interface). */
export type NotificationChannel = 'email' | 'zns' | 'sms';

export type NotificationStatus = 'pending' | 'sent' | 'failed';

/**
 * A message owed to someone, written in the same transaction as the change that causes it, and
 * delivered at least once by NotificationDispatcher. `eventKey` + channel + recipient is unique:
 * a writer adding the same event twice owes one message, not two.
 */
@Entity('notification_outbox')
@Index('notification_outbox_event_key', ['eventKey', 'channel', 'recipient'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'cooperative_id', type: 'uuid', nullable: true })
  cooperativeId: string | null;

  @Column({ name: 'event_key', type: 'text' })
  eventKey: string;

  @Column({ type: 'text' })
  channel: NotificationChannel;

  /** An email address or an E.164 phone number. */
  @Column({ type: 'text' })
  recipient: string;

  /** e.g. `cooperative.approved`; rendered in `locale` when sent (templates/). */
  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'text' })
  locale: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'text' })
  status: NotificationStatus;

  @Column({ type: 'int' })
  attempts: number;

  /** A pending row is not tried before this: the claim's lease, then the retry's backoff. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  /** The provider's answer to the last failed try (never a credential). */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
