import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox becomes deliverable: a per-event idempotency key (one message per event, channel and
 * recipient however often a writer adds it), the next time a row may be tried (claim lease and
 * retry backoff), and the last error. `zns` (Zalo Notification Service) joins the channels.
 */
export class NotificationDelivery1765820000000 implements MigrationInterface {
  name = 'NotificationDelivery1765820000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE notification_outbox
        ADD COLUMN event_key text,
        ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN last_attempt_at timestamptz,
        ADD COLUMN last_error text`);
    await db.query(`UPDATE notification_outbox SET event_key = id::text`);
    await db.query(`ALTER TABLE notification_outbox ALTER COLUMN event_key SET NOT NULL`);
    await db.query(`ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_channel_check`);
    await db.query(`ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_channel_check CHECK (channel IN ('email','sms','zns'))`);
    await db.query(`CREATE UNIQUE INDEX notification_outbox_event_key ON notification_outbox (event_key, channel, recipient)`);
    await db.query(`DROP INDEX notification_outbox_pending_idx`);
    await db.query(`CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX notification_outbox_created_idx ON notification_outbox (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notification_outbox_created_idx`);
    await db.query(`DROP INDEX notification_outbox_due_idx`);
    await db.query(`CREATE INDEX notification_outbox_pending_idx ON notification_outbox (status, created_at)`);
    await db.query(`DROP INDEX notification_outbox_event_key`);
    await db.query(`DELETE FROM notification_outbox WHERE channel = 'zns'`);
    await db.query(`ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_channel_check`);
    await db.query(`ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_channel_check CHECK (channel IN ('email','sms'))`);
    await db.query(`ALTER TABLE notification_outbox DROP COLUMN event_key, DROP COLUMN next_attempt_at, DROP COLUMN last_attempt_at, DROP COLUMN last_error`);
  }
}
