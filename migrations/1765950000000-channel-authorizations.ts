import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-click shop connection. A seller's "Connect" starts an authorization: a random state, kept
 * only as its sha256, bound to the cooperative and the person, usable once within ten minutes.
 * A connection whose refresh token the platform no longer takes waits for the seller to authorize
 * again (`needs_reauthorization`): its listings stay queued, nothing is lost.
 */
export class ChannelAuthorizations1765950000000 implements MigrationInterface {
  name = 'ChannelAuthorizations1765950000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE channel_authorizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        state_hash text NOT NULL,
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        platform text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        connection_id uuid REFERENCES channel_connections(id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX channel_authorizations_state_key ON channel_authorizations (state_hash)`);
    await db.query(`ALTER TABLE channel_connections DROP CONSTRAINT channel_connections_status_check`);
    await db.query(
      `ALTER TABLE channel_connections ADD CONSTRAINT channel_connections_status_check CHECK (status IN ('active','needs_attention','needs_reauthorization','disconnected'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE channel_connections SET status = 'needs_attention' WHERE status = 'needs_reauthorization'`);
    await db.query(`ALTER TABLE channel_connections DROP CONSTRAINT channel_connections_status_check`);
    await db.query(
      `ALTER TABLE channel_connections ADD CONSTRAINT channel_connections_status_check CHECK (status IN ('active','needs_attention','disconnected'))`,
    );
    await db.query(`DROP TABLE channel_authorizations`);
  }
}
