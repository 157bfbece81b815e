import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Product feeds (Google Merchant Center, Meta catalog) are connections without credentials: the
 * platform fetches a secret URL. Only a hash of its token is kept. A feed for the whole province
 * (the Department's own shop) belongs to no cooperative.
 */
export class Feeds1765200000000 implements MigrationInterface {
  name = 'Feeds1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE channel_connections ADD COLUMN feed_token_hash text`);
    await db.query(`CREATE UNIQUE INDEX channel_connections_feed_token ON channel_connections (feed_token_hash) WHERE feed_token_hash IS NOT NULL`);
    await db.query(`ALTER TABLE channel_connections ALTER COLUMN cooperative_id DROP NOT NULL`);
    await db.query(
      `ALTER TABLE channel_connections ADD CONSTRAINT channel_connections_owner CHECK (cooperative_id IS NOT NULL OR feed_token_hash IS NOT NULL)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM channel_connections WHERE cooperative_id IS NULL`);
    await db.query(`ALTER TABLE channel_connections DROP CONSTRAINT channel_connections_owner`);
    await db.query(`ALTER TABLE channel_connections ALTER COLUMN cooperative_id SET NOT NULL`);
    await db.query(`DROP INDEX channel_connections_feed_token`);
    await db.query(`ALTER TABLE channel_connections DROP COLUMN feed_token_hash`);
  }
}
