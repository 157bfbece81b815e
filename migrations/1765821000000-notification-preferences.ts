import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The optional messages (templates) a person turned off; transactional ones are never in it. */
export class NotificationPreferences1765821000000 implements MigrationInterface {
  name = 'NotificationPreferences1765821000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN notification_opt_outs text[] NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN notification_opt_outs`);
  }
}
