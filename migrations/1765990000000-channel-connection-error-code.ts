import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A connection's last error keeps the platform's code beside its message, as a listing's does: the
 * seller is told what to do in their language (a paused shop: reconnect), and the code stays for
 * whoever has to dig further.
 */
export class ChannelConnectionErrorCode1765990000000 implements MigrationInterface {
  name = 'ChannelConnectionErrorCode1765990000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE channel_connections ADD COLUMN last_error_code text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE channel_connections DROP COLUMN last_error_code`);
  }
}
