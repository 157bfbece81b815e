import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cooperative admin invites by e-mail; the person becomes a member only by accepting. At most one
 * pending invitation per cooperative and address (a new one replaces it).
 */
export class CooperativeInvitations1765830000000 implements MigrationInterface {
  name = 'CooperativeInvitations1765830000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cooperative_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('coop_admin','coop_member')),
        invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','declined','revoked','replaced')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        responded_at timestamptz
      )`);
    await db.query(
      `CREATE UNIQUE INDEX cooperative_invitations_pending_key ON cooperative_invitations (cooperative_id, lower(email)) WHERE status = 'pending'`,
    );
    await db.query(`CREATE INDEX cooperative_invitations_email_idx ON cooperative_invitations (lower(email)) WHERE status = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE cooperative_invitations`);
  }
}
