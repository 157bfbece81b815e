import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A feed's members may need its address again (to paste it into Merchant Center a second time):
 * the token is kept sealed like shop credentials (AES-256-GCM under CREDENTIALS_KEY, the
 * connection id bound in), beside the hash the feed is looked up by. Feeds made before this have
 * no box: their address cannot be shown again, only replaced (POST /channels/:id/feed-token).
 */
export class FeedTokenBox1765500000000 implements MigrationInterface {
  name = 'FeedTokenBox1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE channel_connections ADD COLUMN feed_token_box text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE channel_connections DROP COLUMN feed_token_box`);
  }
}
